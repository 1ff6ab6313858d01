"""A post's history: the commits that touched it (across renames), its text at any of them, and
restoring an old version as a new change.

Everything goes through `GitRepo.git()`. A history is read a page at a time (`git log --follow
-n`), so a post with thousands of commits opens as fast as one with ten; the next page continues
from the parents of the last commit shown (git's `--skip` miscounts with `--follow`). Restoring
never rewrites history: the old text is written to the working file, where it shows as a
modification to review and commit; uncommitted work it would replace is refused unless the
caller says so, and then kept as a copy first.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from desktop_app.core.document.storage import write_atomic
from desktop_app.core.errors import GitError, PostdeskError
from desktop_app.core.git.repo import GitRepo

PAGE_SIZE = 50
_FIELDS = ("%H", "%h", "%an", "%ae", "%aI", "%P", "%s", "%b")
_FORMAT = "%x1e" + "%x1f".join(_FIELDS)


@dataclass(frozen=True)
class PostCommit:
    """A commit that touched the post. `path` is the post's path in this commit, `old_path` its
    path in the parent (differs for a rename; None when the commit added the post). `status` is
    git's letter: A added, M modified, D deleted, R renamed, C copied."""

    sha: str
    short: str
    author: str
    email: str
    date: dt.datetime
    subject: str
    body: str
    parents: tuple[str, ...]
    status: str
    path: str
    old_path: str | None

    @property
    def parent(self) -> str | None:
        return self.parents[0] if self.parents else None

    @property
    def message(self) -> str:
        return f"{self.subject}\n\n{self.body}".strip() if self.body else self.subject

    @property
    def deleted(self) -> bool:
        """This commit removed the post: there is no version of it to show or restore here."""
        return self.status == "D"


@dataclass(frozen=True)
class HistoryPage:
    commits: tuple[PostCommit, ...]
    more: bool  # older commits exist: ask again with `after=commits[-1]`


class UncommittedChanges(PostdeskError):
    """Restoring would replace changes that are not committed yet."""

    def __init__(self, path: str) -> None:
        super().__init__(f"{path} has changes that are not committed yet.",
                         hint="Restoring replaces them; a copy of the current file is kept.")
        self.path = path


@dataclass(frozen=True)
class Restored:
    """What a restore did: the file written, and where the replaced text was kept (if any)."""

    path: str
    changed: bool  # False: the file already held that version
    backup: Path | None = None


def post_history(repo: GitRepo, path: str, limit: int = PAGE_SIZE, after: PostCommit | None = None) -> HistoryPage:
    """The newest `limit` commits that touched `path`, following renames; with `after`, the page of
    commits older than that one."""
    if limit < 1:
        raise ValueError("limit must be at least 1")
    if after is None:
        if not repo.has_commits():
            return HistoryPage((), False)
        starts, follow = ["HEAD"], path
    else:
        if not after.parents or after.status == "A":
            return HistoryPage((), False)
        starts, follow = list(after.parents), after.old_path or after.path
    result = repo.git("-c", "log.showSignature=false", "--literal-pathspecs", "log", "--follow", "-z",
                      "--name-status", "--no-color", "--date=iso-strict", f"--format={_FORMAT}",
                      f"--max-count={limit + 1}", *starts, "--", follow, GIT_OPTIONAL_LOCKS="0")
    commits = parse_log(result.out, follow)
    if after is not None:
        commits = [c for c in commits if c.sha != after.sha]
    return HistoryPage(tuple(commits[:limit]), len(commits) > limit)


def parse_log(out: str, path: str) -> list[PostCommit]:
    """Records of `git log -z --name-status --format=<_FORMAT>`; `path` is the post's name in the
    newest record (a merge prints no file status, so it keeps the name of the record before)."""
    commits: list[PostCommit] = []
    current = path
    for record in out.split("\x1e")[1:]:
        header, _, files = record.partition("\x00")
        fields = header.split("\x1f")
        if len(fields) < len(_FIELDS):
            continue
        sha, short, author, email, date, parents, subject, body = fields[:8]
        status, new_path, old_path = _file_status(files, current)
        commits.append(PostCommit(sha, short, author, email, _date(date), subject, body.strip(),
                                  tuple(parents.split()), status, new_path, old_path))
        if old_path:
            current = old_path
    return commits


def _file_status(files: str, current: str) -> tuple[str, str, str | None]:
    """(letter, path in the commit, path in its parent) from one record's name-status fields."""
    items = [item for item in files.lstrip("\n").split("\x00") if item]
    if not items:
        return "M", current, current
    letter = items[0][:1]
    if letter in ("R", "C") and len(items) >= 3:
        return letter, items[2], items[1]
    name = items[1] if len(items) > 1 else current
    return letter, name, None if letter == "A" else name


def _date(text: str) -> dt.datetime:
    try:
        return dt.datetime.fromisoformat(text.strip())
    except ValueError:
        return dt.datetime.fromtimestamp(0, dt.timezone.utc)


def version_at(repo: GitRepo, path: str, rev: str) -> bytes | None:
    """The post's bytes at `rev` (None when it is not there)."""
    return repo.show(path, rev)


def restore_version(repo: GitRepo, path: str, commit: PostCommit, *, replace_uncommitted: bool = False,
                    backup_dir: Path | None = None) -> Restored:
    """Write the post as it was in `commit` to its current file `path`, as a change to commit.

    Raises UncommittedChanges when the file differs from the last commit and from that version,
    unless `replace_uncommitted`; then its current bytes are first copied into `backup_dir`."""
    if commit.deleted:
        raise PostdeskError(f"{commit.short} deleted {commit.path}: there is no version of it to restore there.",
                            hint="Choose the commit before it.")
    data = repo.show(commit.path, commit.sha)
    if data is None:
        raise GitError(f"{commit.path} is not in commit {commit.short}.")
    target = repo.root / path
    with repo.write_lock:
        current = target.read_bytes() if target.is_file() else None
        if current == data:
            return Restored(path, False)
        backup = None
        if current is not None and current != repo.show(path, "HEAD"):
            if not replace_uncommitted:
                raise UncommittedChanges(path)
            if backup_dir is not None:
                backup = _keep_copy(backup_dir, path, current)
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, data)
    return Restored(path, True, backup)


def _keep_copy(folder: Path, path: str, data: bytes) -> Path:
    """Save `data` as `folder/<name>.<timestamp><suffix>`, never over an earlier copy."""
    name = Path(path)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for number in range(1000):
            extra = f"-{number}" if number else ""
            copy = folder / f"{name.stem}.{stamp}{extra}{name.suffix}"
            if not copy.exists():
                write_atomic(copy, data)
                return copy
    except OSError as error:
        raise PostdeskError(f"Could not keep a copy of {path} before restoring: {error.strerror}.",
                            hint="Nothing was changed.") from error
    raise PostdeskError(f"Could not keep a copy of {path} before restoring.", hint="Nothing was changed.")
