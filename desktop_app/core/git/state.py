"""The repository's git state in one `git status` call: changed files, branch and ahead/behind.

`read_state` runs `git status --porcelain=v2 -z --branch` once and returns a `RepoState`: every
changed file with its index and work-tree letters, and the branch with its counts against the
remote-tracking ref (what the last fetch saw; no network). The library badges, the changes
panel, the library's sync header and the status bar's branch all come from one such call.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop_app.core.git.repo import GitRepo

NEW, MODIFIED, DELETED, RENAMED, CONFLICTED = "new", "modified", "deleted", "renamed", "conflicted"
UNSTAGED, PARTLY, STAGED = "", "partly", "staged"


@dataclass(frozen=True)
class FileChange:
    """One changed path. `index` / `worktree` are porcelain v2's X and Y letters ("." = same);
    an untracked file has "?" in both."""

    path: str  # repo-relative, POSIX separators
    index: str
    worktree: str
    original_path: str | None = None  # the source of a staged rename or copy
    conflicted: bool = False

    @property
    def state(self) -> str:
        """new, modified, deleted, renamed or conflicted: what the writer did to the file."""
        if self.conflicted:
            return CONFLICTED
        x, y = self.index, self.worktree
        if x == "R":
            return RENAMED
        if x in "?AC" or y == "A":  # untracked, staged as new, copied, or `git add -N`
            return NEW
        if x == "D" or y == "D":
            return DELETED
        return MODIFIED

    @property
    def staging(self) -> str:
        """"" (nothing staged), "partly" (staged, then changed again) or "staged"."""
        if self.conflicted or self.index in ".?":
            return UNSTAGED
        return STAGED if self.worktree == "." else PARTLY


@dataclass(frozen=True)
class BranchState:
    """The checked-out branch and how it stands against its upstream's remote-tracking ref."""

    name: str | None  # None when HEAD is detached
    commit: str | None  # None on an unborn branch (no commit yet)
    upstream: str | None = None  # e.g. "origin/main"
    ahead: int | None = None  # commits to push; None without an upstream ref
    behind: int | None = None  # commits to pull (as of the last fetch)

    @property
    def tracked(self) -> bool:
        return self.ahead is not None


@dataclass(frozen=True)
class RepoState:
    """Everything one `git status` told us."""

    branch: BranchState
    files: dict[str, FileChange] = field(default_factory=dict)
    has_remote: bool = False

    def staged_paths(self) -> list[str]:
        return sorted(path for path, change in self.files.items() if change.staging)


def parse_status(out: str) -> tuple[BranchState, dict[str, FileChange]]:
    """Porcelain v2 with `-z` and `--branch` → the branch and the changed files."""
    fields = out.split("\0")
    head: str | None = None
    commit: str | None = None
    upstream: str | None = None
    ahead: int | None = None
    behind: int | None = None
    files: dict[str, FileChange] = {}
    i, count = 0, len(fields)
    while i < count:
        entry = fields[i]
        i += 1
        if not entry:
            continue
        kind = entry[0]
        if kind == "1":  # 1 XY sub mH mI mW hH hI path
            parts = entry.split(" ", 8)
            files[parts[8]] = FileChange(parts[8], parts[1][0], parts[1][1])
        elif kind == "2":  # 2 XY sub mH mI mW hH hI Xscore path, then the source path
            parts = entry.split(" ", 9)
            files[parts[9]] = FileChange(parts[9], parts[1][0], parts[1][1], original_path=fields[i])
            i += 1
        elif kind == "u":  # u XY sub m1 m2 m3 mW h1 h2 h3 path
            parts = entry.split(" ", 10)
            files[parts[10]] = FileChange(parts[10], parts[1][0], parts[1][1], conflicted=True)
        elif kind == "?":
            files[entry[2:]] = FileChange(entry[2:], "?", "?")
        elif entry.startswith("# branch.oid "):
            value = entry[len("# branch.oid "):]
            commit = None if value == "(initial)" else value
        elif entry.startswith("# branch.head "):
            value = entry[len("# branch.head "):]
            head = None if value == "(detached)" else value
        elif entry.startswith("# branch.upstream "):
            upstream = entry[len("# branch.upstream "):]
        elif entry.startswith("# branch.ab "):
            plus, minus = entry[len("# branch.ab "):].split()
            ahead, behind = int(plus), -int(minus)
    return BranchState(head, commit, upstream, ahead, behind), files


def read_state(repo: GitRepo, paths: list[str] | None = None) -> RepoState:
    """One `git status` (no optional locks, so it never blocks a commit) and, only when the
    branch has no upstream, `git remote` to tell "not pushed yet" from "no remote".

    With `paths`, only those files are looked at (much quicker in a large repository; staging
    a post needs no more)."""
    limit = ["--", *paths] if paths is not None else []
    out = repo.git("--literal-pathspecs", "status", "--porcelain=v2", "-z", "--branch",
                   "--untracked-files=all", "--renames", *limit, GIT_OPTIONAL_LOCKS="0").out
    branch, files = parse_status(out)
    has_remote = branch.upstream is not None or bool(repo.git("remote").out.split())
    return RepoState(branch, files, has_remote)


def sync_summary(state: RepoState) -> str:
    """The library header's line, e.g. "main · ↑2 to push · ↓1 to pull"."""
    branch = state.branch
    if branch.name is None:
        name = f"Detached at {branch.commit[:7]}" if branch.commit else "Detached HEAD"
    else:
        name = branch.name
    if branch.commit is None:
        return f"{name} · no commits yet"
    if branch.ahead is None or branch.behind is None:
        if branch.upstream is not None:
            return f"{name} · {branch.upstream} is gone"
        return f"{name} · {'not pushed yet' if state.has_remote else 'no remote'}"
    if branch.ahead == 0 and branch.behind == 0:
        return f"{name} · up to date with {branch.upstream}"
    parts = [name]
    if branch.ahead:
        parts.append(f"↑{branch.ahead} to push")
    if branch.behind:
        parts.append(f"↓{branch.behind} to pull")
    return " · ".join(parts)
