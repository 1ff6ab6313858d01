"""Branches: list them, switch to one, check out a remote one, create one.

Switching never loses work: it runs plain `git switch`, which refuses when the switch would
overwrite uncommitted changes (and carries over the changes it can), and its refusal is told as
one plain sentence naming the files. Names are checked with `git check-ref-format --branch`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop_app.core.errors import GitError, PostdeskError
from desktop_app.core.git.process import GitResult, map_failure
from desktop_app.core.git.repo import GitRepo


@dataclass(frozen=True)
class Branch:
    """A local branch ("drafts") or a remote-tracking one ("origin/drafts")."""

    name: str
    current: bool = False
    upstream: str | None = None  # a local branch's remote-tracking ref, e.g. "origin/drafts"


@dataclass(frozen=True)
class Branches:
    current: str | None  # None when HEAD is detached
    local: tuple[Branch, ...] = ()
    remote: tuple[Branch, ...] = ()

    def remote_only(self) -> tuple[Branch, ...]:
        """Remote branches no local branch has the name of (what "check out" offers)."""
        names = {b.name for b in self.local}
        return tuple(b for b in self.remote if b.name.split("/", 1)[-1] not in names)


def list_branches(repo: GitRepo) -> Branches:
    """Local and remote-tracking branches, by name (one `git for-each-ref`)."""
    out = repo.git("for-each-ref", "--format=%(refname)%00%(HEAD)%00%(upstream:short)%00%(symref)",
                   "refs/heads", "refs/remotes").out
    local: list[Branch] = []
    remote: list[Branch] = []
    current = None
    for line in out.splitlines():
        ref, head, upstream, symref = (line.split("\0") + ["", "", ""])[:4]
        if ref.startswith("refs/heads/"):
            name = ref[len("refs/heads/"):]
            local.append(Branch(name, head == "*", upstream or None))
            if head == "*":
                current = name
        elif ref.startswith("refs/remotes/") and not symref:  # not origin/HEAD
            remote.append(Branch(ref[len("refs/remotes/"):]))
    if current is None:
        current = repo.current_branch()  # an unborn branch has no ref yet
    return Branches(current, tuple(local), tuple(remote))


def check_name(repo: GitRepo, name: str) -> str:
    """`name` as a new branch's name, or a PostdeskError saying why it cannot be one."""
    name = name.strip()
    if not name:
        raise PostdeskError("Enter a name for the new branch.")
    result = repo.git("check-ref-format", "--branch", name, check=False) if not name.startswith("-") else None
    if result is None or not result.ok:
        raise PostdeskError(
            f"“{name}” cannot be a branch name.",
            hint="Use letters, digits, '-', '_', '.' and '/', without spaces, '..', '~', '^', ':', '?', '*' "
                 "or '[', and not ending in '.' or '.lock'.")
    if repo.git("rev-parse", "--verify", "--quiet", f"refs/heads/{name}", check=False).ok:
        raise PostdeskError(f"There is already a branch named “{name}”.", hint="Switch to it, or pick another name.")
    return result.out.strip()


def switch(repo: GitRepo, name: str) -> None:
    """Check out the local branch `name`; uncommitted changes come along, or git refuses."""
    _run_switch(repo, name, ["switch", "--no-guess", name])


def create(repo: GitRepo, name: str) -> str:
    """Create a branch at the current commit and switch to it (uncommitted changes come along)."""
    name = check_name(repo, name)
    _run_switch(repo, name, ["switch", "--create", name])
    return name


def check_out_remote(repo: GitRepo, remote_branch: str) -> str:
    """Create a local branch tracking `remote_branch` ("origin/drafts") and switch to it."""
    remote, _, short = remote_branch.partition("/")
    if not short:
        raise PostdeskError(f"“{remote_branch}” is not a remote branch.")
    if repo.git("rev-parse", "--verify", "--quiet", f"refs/heads/{short}", check=False).ok:
        switch(repo, short)
        return short
    _run_switch(repo, short, ["switch", "--create", short, "--track", f"refs/remotes/{remote_branch}"])
    return short


def _run_switch(repo: GitRepo, name: str, args: list[str]) -> None:
    if name.startswith("-"):
        raise PostdeskError(f"There is no branch named “{name}”.")
    with repo.write_lock:
        result = repo.git(*args, check=False)
    if not result.ok:
        raise switch_refused(name, result)


_FILE_LINE = re.compile(r"^\t(.+)$", re.MULTILINE)


def switch_refused(name: str, result: GitResult) -> PostdeskError:
    """git's refusal to switch, as one sentence a writer understands (git's words in details)."""
    text = result.stderr
    files = _FILE_LINE.findall(text)
    listed = _list(files)
    details = result.details()
    if "local changes to the following files would be overwritten" in text:
        return GitError(f"Switching to “{name}” would overwrite your uncommitted changes to {listed}, "
                        "so nothing was switched.", details=details,
                        hint="Commit those changes (or undo them), then switch.")
    if "untracked working tree files would be" in text:
        return GitError(f"Switching to “{name}” would overwrite {listed}, which you have not committed, "
                        "so nothing was switched.", details=details,
                        hint="Commit those files (or move them away), then switch.")
    if ("resolve your current index" in text or "while merging" in text or "while rebasing" in text
            or "in the middle of" in text or "unmerged" in text):
        return GitError("A pull is waiting for its conflicts to be resolved, so you cannot switch branches yet.",
                        details=details, hint="Resolve the conflicts and continue (or abort the pull), then switch.")
    if "invalid reference" in text or "did not match any" in text or "not a branch" in text.lower():
        return GitError(f"There is no branch named “{name}”.", details=details)
    if "already exists" in text:
        return GitError(f"There is already a branch named “{name}”.", details=details)
    return map_failure(result)


def _list(files: list[str]) -> str:
    if not files:
        return "some files"
    if len(files) <= 3:
        return ", ".join(files)
    return f"{', '.join(files[:3])} and {len(files) - 3} more"
