"""Pull and push for `core/git/repo.py`'s GitRepo: fetch then rebase or merge, and push.

It lives apart from the facade because a pull is the one git operation that can stop half-way
in the writer's repository: it decides rebase or merge as git would, checks before integrating
that git can write the commits it needs (an author identity), and, should git still stop on
something that is not a conflict, puts the repository back as it was instead of leaving a
detached HEAD and a half-finished rebase behind. A pull that stops on conflicts is taken from
there by `core/merge/conflicts.py`.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from desktop_app.core.errors import GitError, MergeConflict, NoAuthorIdentity, NoCommits, RemoteMissing
from desktop_app.core.git.process import GitResult, map_failure, redact, run_git_progress
from desktop_app.core.tasks import CancelToken, ProgressCallback
from desktop_app.core.wording import plural


class GitRepo(Protocol):
    """What a pull and a push need of the repository: `core/git/repo.py`'s GitRepo, which calls
    them, provides it (this module does not import the facade that builds on it)."""

    root: Path

    @property
    def write_lock(self) -> threading.Lock: ...
    def git(self, *args: str, check: bool = True, input: bytes | None = None, **env: str) -> GitResult: ...
    def env(self) -> dict[str, str]: ...
    def has_commits(self) -> bool: ...
    def current_branch(self) -> str | None: ...
    def has_remote(self, name: str = "origin") -> bool: ...
    def author_identity(self) -> tuple[str, str] | None: ...
    def committer_identity(self) -> tuple[str, str] | None: ...
    def operation_in_progress(self) -> str | None: ...
    def conflicted_paths(self) -> list[str]: ...
    def merge_driver_options(self, rebase: bool, upstream: str | None = None) -> list[str]: ...


class PullWaiting(MergeConflict):
    """A pull is still waiting for its conflicts: another one cannot start."""

    def __init__(self, paths: list[str]) -> None:
        super().__init__(paths)
        self.message = "The last pull is still waiting for its conflicts to be resolved."
        self.hint = "Resolve them in the Conflicts panel, then Continue, or Abort the pull."


class PullNeedsIdentity(NoAuthorIdentity):
    """Pulling would replay or merge the writer's commits, and git does not know who is committing.

    A `NoAuthorIdentity`, so the window shows the same name-and-email form as for a commit; the
    repository is as it was before the pull (only the remote-tracking branch has moved)."""

    def __init__(self, details: str = "") -> None:
        super().__init__()
        self.message = ("Git does not know your name and email yet, so the pull cannot combine your "
                        "commits with the remote's; nothing was changed.")
        self.hint = "Enter them in the form, or with git config --global user.name / user.email, then pull again."
        self.details = details


@dataclass(frozen=True)
class PullResult:
    """What a pull did, for the status bar."""

    updated: bool  # False when already up to date
    summary: str  # one sentence, e.g. "Pulled 2 new commits."



def upstream(repo: GitRepo, branch: str) -> tuple[str, str] | None:
    """(remote, branch name on the remote) configured for `branch`, if any."""
    remote = repo.git("config", "--get", f"branch.{branch}.remote", check=False).out.strip()
    merge = repo.git("config", "--get", f"branch.{branch}.merge", check=False).out.strip()
    if not remote or not merge.startswith("refs/heads/"):
        return None
    return remote, merge[len("refs/heads/"):]


def _require_branch(repo: GitRepo) -> str:
    branch = repo.current_branch()
    if branch is None:
        raise GitError("No branch is checked out (detached HEAD), so there is nothing to sync.",
                       hint="Check out a branch, or finish the rebase in progress.")
    return branch


def _remote_env(repo: GitRepo) -> dict[str, str]:
    env = repo.env()
    if repo.git("config", "--get", "core.sshCommand", check=False).out.strip():
        env.pop("GIT_SSH_COMMAND", None)  # the user's own ssh command wins over ours
    return env


def _target(repo: GitRepo, remote: str, branch: str) -> str:
    """The remote branch that `branch` syncs with on `remote`."""
    configured = upstream(repo, branch)
    return configured[1] if configured and configured[0] == remote else branch


def _count(repo: GitRepo, revs: str) -> int:
    return int(repo.git("rev-list", "--count", revs).out.strip())


def _ref_exists(repo: GitRepo, ref: str) -> bool:
    return repo.git("rev-parse", "--verify", "--quiet", ref, check=False).ok


def pull(repo: GitRepo, remote: str = "origin", progress: ProgressCallback | None = None,
         cancel: CancelToken | None = None) -> PullResult:
    """Fetch, then rebase onto (or merge, with pull.rebase=false) the remote branch."""
    if cancel is not None:
        cancel.raise_if_cancelled()
    waiting = repo.conflicted_paths()
    if waiting or repo.operation_in_progress():
        raise PullWaiting(waiting)  # before the branch check: a rebase detaches HEAD
    branch = _require_branch(repo)
    with repo.write_lock:
        if not repo.has_remote(remote):
            raise RemoteMissing(remote)
        target = _target(repo, remote, branch)
        run_git_progress(repo.root, ["fetch", "--progress", remote], env=_remote_env(repo),
                         progress=progress, cancel=cancel, remote=remote)
        tracking = f"refs/remotes/{remote}/{target}"
        if not _ref_exists(repo, tracking):
            return PullResult(False, f"{remote} has no branch {target} yet; nothing to pull.")
        born = repo.has_commits()
        new = _count(repo, f"HEAD..{tracking}" if born else tracking)
        if new and cancel is not None:
            cancel.raise_if_cancelled()
        if new:
            _integrate(repo, branch, tracking, born)
        if upstream(repo, branch) is None:
            repo.git("branch", f"--set-upstream-to={remote}/{target}", branch)
    if not new:
        return PullResult(False, "Already up to date.")
    return PullResult(True, f"Pulled {plural(new, 'new commit')}.")


def _integrate(repo: GitRepo, branch: str, tracking: str, born: bool) -> None:
    setting = repo.git("config", "--get", f"branch.{branch}.rebase", check=False).out.strip()
    setting = setting or repo.git("config", "--get", "pull.rebase", check=False).out.strip()
    if not born:
        args = ["merge", "--ff-only", tracking]
    elif setting.lower() in ("false", "no", "off", "0"):
        args = ["merge", "--autostash", "--no-edit", tracking]
    else:
        args = ["rebase", "--autostash", tracking]
    if born and _count(repo, f"{tracking}..HEAD"):
        _require_identity(repo, rebase=args[0] == "rebase")  # before anything moves
    options = repo.merge_driver_options(rebase=args[0] == "rebase", upstream=tracking)
    result = repo.git(*options, *args, check=False)
    # Also after a clean rebase or merge: re-applying the autostashed uncommitted edits can
    # clash with the pulled changes (git then keeps a copy in the stash and exits 0).
    conflicts = repo.conflicted_paths()
    if conflicts:
        raise MergeConflict(conflicts, details=result.details())
    if not result.ok:
        error = map_failure(result)
        if isinstance(error, NoAuthorIdentity):
            _undo(repo)  # git stopped half-way on something no Conflicts panel can resolve
            raise PullNeedsIdentity(result.details())
        raise error


def _require_identity(repo: GitRepo, rebase: bool) -> None:
    """PullNeedsIdentity unless git can write the commits this pull makes: a rebase re-commits
    the writer's commits (their authors kept, a new committer), a merge writes a merge commit."""
    if repo.committer_identity() is None or (not rebase and repo.author_identity() is None):
        raise PullNeedsIdentity()


def _undo(repo: GitRepo) -> None:
    """Abort the rebase or merge git left half-done: HEAD, the branch, the index, the files and
    the autostashed uncommitted edits are put back as they were before the pull.

    The autostash is taken out first and applied by us with `--index`: git's own abort would
    bring the edits back but unstage what was staged, and a merge that died before it began
    (no MERGE_HEAD, so nothing to abort) would leave them only in MERGE_AUTOSTASH."""
    stash = _take_autostash(repo)
    operation = repo.operation_in_progress()
    if operation is not None:
        repo.git(operation, "--abort", check=False)
    if stash and not repo.git("stash", "apply", "--index", stash, check=False).ok:
        # Kept where git's own messages send the writer: `git stash list`.
        repo.git("stash", "store", "-m", "Uncommitted edits set aside by a pull", stash, check=False)


def _take_autostash(repo: GitRepo) -> str | None:
    """The stash git made of the uncommitted edits for this pull, removed from where the abort
    would apply it; None when there were no edits to set aside."""
    for name in ("rebase-merge/autostash", "rebase-apply/autostash", "MERGE_AUTOSTASH"):
        path = repo.root / repo.git("rev-parse", "--git-path", name).out.strip()
        if path.is_file():
            stash = path.read_text(encoding="ascii", errors="replace").strip()
            path.unlink()
            return stash or None
    return None


def push(repo: GitRepo, remote: str = "origin", progress: ProgressCallback | None = None,
         cancel: CancelToken | None = None) -> str:
    """Push the current branch (setting its upstream the first time); return a summary."""
    if cancel is not None:
        cancel.raise_if_cancelled()
    branch = _require_branch(repo)
    if not repo.has_commits():
        raise NoCommits()
    with repo.write_lock:
        if not repo.has_remote(remote):
            raise RemoteMissing(remote)
        target = _target(repo, remote, branch)
        tracking = f"refs/remotes/{remote}/{target}"
        count = _count(repo, f"{tracking}..HEAD" if _ref_exists(repo, tracking) else "HEAD")
        args = ["push", "--progress", remote, f"refs/heads/{branch}:refs/heads/{target}"]
        if upstream(repo, branch) is None:
            args.insert(2, "--set-upstream")
        result = run_git_progress(repo.root, args, env=_remote_env(repo), progress=progress,
                                  cancel=cancel, remote=remote)
    if "up-to-date" in result.stderr or count == 0:
        return f"Nothing to push: {remote}/{target} is already up to date."
    return redact(f"Pushed {plural(count, 'commit')} to {remote}/{target}.")
