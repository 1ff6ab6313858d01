"""The Qt-free git facade: one `GitRepo` per content repository.

It owns what Postdesk asks of git — status, diffs, file contents at a revision, the author
identity, commits of selected posts, pull and push — as plain dataclasses and typed errors.
Pull and push are in `core/git/sync.py`; pulls merge posts field by field through Postdesk's merge
driver (`core/git/merge_config.py`), and a pull that stops on conflicts is taken from there by
`core/merge/conflicts.py`.
Every command goes through the git command line (`core/git/process.py`): git itself is the
reference for porcelain behaviour, and a subprocess per call is thread-safe where GitPython's
long-lived `cat-file` helpers are not.
"""

from __future__ import annotations

import os
import re
import threading
from dataclasses import dataclass
from pathlib import Path

from desktop_app.core.errors import (
    GitError,
    NoAuthorIdentity,
    NotARepository,
    NothingToCommit,
    PostdeskError,
    RepositoryMissing,
)
from desktop_app.core.git import merge_config, sync
from desktop_app.core.git.process import GitResult, git_env, map_failure, run_git, write_lock
from desktop_app.core.git.sync import PullNeedsIdentity, PullResult, PullWaiting
from desktop_app.core.tasks import CancelToken, ProgressCallback

__all__ = ["FileStatus", "GitRepo", "PullNeedsIdentity", "PullResult", "PullWaiting"]


@dataclass(frozen=True)
class FileStatus:
    """One changed file as the changes panel shows it."""

    path: str  # repo-relative, POSIX separators
    state: str  # "new" | "modified" | "deleted" | "renamed" | "conflicted"
    staged: bool  # the change is (fully or partly) in the index
    original_path: str | None = None  # for renames


_UNMERGED = {"DD", "AU", "UD", "UA", "DU", "AA", "UU"}
_IDENT = re.compile(r"^(?P<name>.*) <(?P<email>[^<>]*)> \d+ [+-]\d{4}$")


def _status_entry(xy: str, path: str, original: str | None) -> FileStatus:
    """Map porcelain v1's two status letters onto the panel's five states."""
    if xy in _UNMERGED:
        return FileStatus(path, "conflicted", False)
    x, staged = xy[0], xy[0] not in " ?!"
    if "R" in xy:
        return FileStatus(path, "renamed", staged, original)
    if xy == "??" or "A" in xy or x == "C":
        return FileStatus(path, "new", staged)
    if "D" in xy:
        return FileStatus(path, "deleted", staged)
    return FileStatus(path, "modified", staged)


class GitRepo:
    """A git work tree. Reads run freely; writing commands hold the repository's write lock."""

    def __init__(self, root: Path, *, askpass: str | None = None) -> None:
        root = Path(root)
        if not root.exists():
            raise RepositoryMissing(str(root))
        if not root.is_dir():
            raise NotARepository(str(root))
        top = _toplevel(root)
        if top is None or not top.samefile(root):
            raise NotARepository(str(root))
        self.root: Path = top.resolve()
        self._askpass = askpass
        self._lock = write_lock(self.root)

    def __repr__(self) -> str:
        return f"GitRepo({str(self.root)!r})"

    def with_askpass(self, askpass: str | None) -> GitRepo:
        """The same repository, its credential questions going to `askpass`: no second
        `git rev-parse` (the window's start makes this one on the GUI thread)."""
        twin = object.__new__(type(self))
        twin.__dict__.update(self.__dict__)  # the root checked already, the shared write lock
        twin._askpass = askpass
        return twin

    @classmethod
    def discover(cls, path: Path, *, askpass: str | None = None) -> GitRepo:
        """The repository whose work tree contains `path` (a folder or a file)."""
        path = Path(path)
        if not path.exists():
            raise RepositoryMissing(str(path))
        top = _toplevel(path if path.is_dir() else path.parent)
        if top is None:
            raise NotARepository(str(path))
        return cls(top, askpass=askpass)

    @classmethod
    def init(cls, path: Path) -> GitRepo:
        """Create (or re-initialise) a repository whose first branch is "main"."""
        path = Path(path)
        try:
            path.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise GitError(f"Could not create {path}: {exc.strerror}.") from exc
        run_git(path, ["init", "--quiet", "--initial-branch=main"])
        return cls(path)

    # --- running git -------------------------------------------------------------------------

    def _env(self, **extra: str) -> dict[str, str]:
        return git_env(extra, self._askpass)

    def _git(self, *args: str, check: bool = True, input: bytes | None = None, **env: str) -> GitResult:
        return run_git(self.root, list(args), check=check, env=self._env(**env), input=input)

    def git(self, *args: str, check: bool = True, input: bytes | None = None, **env: str) -> GitResult:
        """Run one git command here, with Postdesk's environment: for the core modules built on
        a GitRepo (history, branches, conflicts). Writing commands hold `write_lock`; `input`
        goes to the command's stdin."""
        return self._git(*args, check=check, input=input, **env)

    @property
    def write_lock(self) -> threading.Lock:
        """Held by every command that changes the repository (one per work tree)."""
        return self._lock

    # --- reading -----------------------------------------------------------------------------

    def has_commits(self) -> bool:
        return self._git("rev-parse", "--verify", "--quiet", "HEAD^{commit}", check=False).ok

    def current_branch(self) -> str | None:
        """The checked-out branch (also when it has no commit yet); None when detached."""
        result = self._git("symbolic-ref", "--quiet", "--short", "HEAD", check=False)
        return (result.out.strip() or None) if result.ok else None

    def status(self, *paths: str) -> dict[str, FileStatus]:
        """Every changed, new, deleted, renamed or conflicted file (under `paths`, when given), keyed by path."""
        pathspec = ["--", *paths] if paths else []
        out = self._git(
            "--literal-pathspecs", "status", "--porcelain=v1", "-z", "--untracked-files=all", "--renames",
            *pathspec, GIT_OPTIONAL_LOCKS="0",  # a status must not take index.lock from under a commit
        ).out
        fields = out.split("\0")
        entries: dict[str, FileStatus] = {}
        i = 0
        while i < len(fields):
            field = fields[i]
            i += 1
            if len(field) < 4:
                continue
            xy, path = field[:2], field[3:]
            original = None
            if "R" in xy or "C" in xy:  # -z gives the source as the next field
                original = fields[i]
                i += 1
            entries[path] = _status_entry(xy, path, original)
        return entries

    def file_status(self, path: str) -> FileStatus | None:
        """The state of one file: a status of that path alone (fast in a big repository), or of
        the whole tree when the file is newly staged, so that a rename is still seen as one."""
        entry = self.status(path).get(path)
        if entry is not None and entry.state == "new" and entry.staged:
            entry = self.status().get(path)
        return entry

    def diff(self, path: str) -> str:
        """The unified diff of `path` from HEAD (or nothing) to the work tree.

        One `git diff HEAD` answers for an edited file, the common case; only a diff that is empty
        or shows a new file needs the file's status (untracked, or the new half of a rename)."""
        flags = ["-c", "core.quotePath=false", "diff", "--no-color", "--no-ext-diff"]
        head = self._git("--literal-pathspecs", *flags, "-M", "HEAD", "--", path, check=False,
                         GIT_OPTIONAL_LOCKS="0")
        if head.ok and head.out and "\nnew file mode " not in head.out.split("\n@@", 1)[0]:
            return head.out
        entry = self.file_status(path)
        if entry is not None and entry.state == "new" and not entry.staged:
            # Untracked: git diff ignores it, so compare with /dev/null (exit 1 = differences).
            result = self._git(*flags, "--no-index", "--", "/dev/null", path, check=False,
                               GIT_OPTIONAL_LOCKS="0")
            if result.returncode > 1:
                raise GitError(f"Could not show the changes in {path}.", details=result.details())
            return result.out
        if entry is not None and entry.original_path:  # a rename: both paths, for -M to pair them
            return self._git("--literal-pathspecs", *flags, "-M", "HEAD", "--", path, entry.original_path,
                             GIT_OPTIONAL_LOCKS="0").out
        if head.ok:
            return head.out
        if self.has_commits():
            raise map_failure(head)
        return self._git("--literal-pathspecs", *flags, "-M", self._empty_tree(), "--", path,
                         GIT_OPTIONAL_LOCKS="0").out  # nothing committed yet

    def _empty_tree(self) -> str:
        """The empty tree's id in this repository's hash (SHA-1 or SHA-256)."""
        return run_git(self.root, ["hash-object", "-t", "tree", "--stdin"], input=b"",
                       env=self._env()).out.strip()

    def show(self, path: str, rev: str = "HEAD") -> bytes | None:
        """`path`'s bytes at `rev` (":2"/":3" for a conflict's sides); None if it is not there."""
        spec = f"{rev}:{path}" if rev.startswith(":") else None
        if spec is None:
            commit = self._git("rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}", check=False)
            if not commit.ok:
                if rev == "HEAD":
                    return None  # unborn: nothing is committed yet
                raise GitError(f"There is no revision named {rev}.", details=commit.details())
            spec = f"{commit.out.strip()}:{path}"
        result = self._git("cat-file", "blob", spec, check=False)
        return result.stdout if result.ok else None

    def author_identity(self) -> tuple[str, str] | None:
        """(name, email) exactly as git would record them, or None when git would refuse."""
        return self._ident("GIT_AUTHOR_IDENT")

    def committer_identity(self) -> tuple[str, str] | None:
        """Who git records as committing (also when a rebase replays commits), or None."""
        return self._ident("GIT_COMMITTER_IDENT")

    def _ident(self, var: str) -> tuple[str, str] | None:
        result = self._git("var", var, check=False)
        match = _IDENT.match(result.out.strip()) if result.ok else None
        if match is None or not match.group("name").strip() or not match.group("email").strip():
            return None
        return match.group("name"), match.group("email")

    def has_remote(self, name: str = "origin") -> bool:
        return name in self._git("remote").out.split()

    def ahead_behind(self) -> tuple[int, int] | None:
        """(commits to push, commits to pull) against the upstream; None without one."""
        result = self._git("rev-list", "--left-right", "--count", "HEAD...@{upstream}", check=False)
        if not result.ok:
            return None
        ahead, behind = result.out.split()
        return int(ahead), int(behind)

    def operation_in_progress(self) -> str | None:
        """"rebase" or "merge" when one stopped (on conflicts) and waits to be continued."""
        git_dir = self._git_dir()
        if (git_dir / "rebase-merge").is_dir() or (git_dir / "rebase-apply").is_dir():
            return "rebase"
        return "merge" if (git_dir / "MERGE_HEAD").is_file() else None

    def conflicted_paths(self) -> list[str]:
        out = self._git("diff", "--name-only", "--diff-filter=U", "-z").out
        return sorted({p for p in out.split("\0") if p})

    # --- writing -----------------------------------------------------------------------------

    def set_author_identity(self, name: str, email: str, global_: bool = False) -> None:
        name, email = name.strip(), email.strip()
        if not name or not email or any(c in name + email for c in "<>\n"):
            raise PostdeskError("Enter a name and an email address (without < or >).")
        scope = ["--global"] if global_ else ["--local"]
        with self._lock:
            self._git("config", *scope, "user.name", name)
            self._git("config", *scope, "user.email", email)

    def add_remote(self, name: str, url: str) -> None:
        if not name or not url or name.startswith("-") or url.startswith("-"):
            raise PostdeskError("A remote needs a name and a URL.")
        with self._lock:
            self._git("remote", "add", "--", name, url)

    def commit(self, message: str, paths: list[str] | None = None) -> str:
        """Commit `paths` (every change when None), including deletions; return the new sha.

        Other files keep their state, staged or not: the commit uses `--only` with the paths.
        """
        if not message.strip():
            raise PostdeskError("The commit message is empty.", hint="Say in a few words what changed.")
        if self.author_identity() is None or self.committer_identity() is None:
            raise NoAuthorIdentity()  # before touching the index, so nothing is left half-done
        if paths is not None:
            paths = self._with_rename_sources(paths)
            if not paths:
                raise NothingToCommit()
        with self._lock:
            git = ["--literal-pathspecs"]
            if paths is None:
                self._git(*git, "add", "--all")
                if self._git("diff", "--cached", "--quiet", "--exit-code", check=False).ok:
                    raise NothingToCommit()
                self._git(*git, "commit", "--quiet", "-m", message)
            else:
                present = self._present(paths)
                if present:
                    self._git(*git, "add", "--all", "--", *present)
                staged = self._git(*git, "diff", "--cached", "--quiet", "--", *paths, check=False)
                if staged.ok:
                    raise NothingToCommit()
                if (self._git_dir() / "MERGE_HEAD").exists():
                    self._git(*git, "commit", "--quiet", "-m", message)  # merges can't be partial
                else:
                    self._git(*git, "commit", "--quiet", "--only", "-m", message, "--", *paths)
            return self._git("rev-parse", "HEAD").out.strip()

    def _with_rename_sources(self, paths: list[str]) -> list[str]:
        """A rename's old path goes with its new one, or the commit would copy instead."""
        current = self.status()
        extra = [current[p].original_path for p in paths if p in current and current[p].original_path]
        return list(dict.fromkeys([*paths, *(p for p in extra if p)]))

    def _present(self, paths: list[str]) -> list[str]:
        """The paths `git add` accepts: on disk or in the index (not already staged as gone)."""
        indexed = set(self._git("--literal-pathspecs", "ls-files", "-z", "--", *paths).out.split("\0"))
        return [p for p in paths if p in indexed or os.path.lexists(self.root / p)]

    def _git_dir(self) -> Path:
        return Path(self._git("rev-parse", "--absolute-git-dir").out.strip())

    # --- remotes (core/git/sync.py) -------------------------------------------------------------

    def env(self) -> dict[str, str]:
        """The environment of this repository's git commands (askpass included), for
        `core/git/sync.py`'s long-running ones."""
        return self._env()

    def pull(self, remote: str = "origin", progress: ProgressCallback | None = None,
             cancel: CancelToken | None = None) -> PullResult:
        """Fetch, then rebase onto (or merge, with pull.rebase=false) the remote branch; a pull
        that cannot finish without an identity changes nothing (`core/git/sync.py`)."""
        return sync.pull(self, remote, progress, cancel)

    def push(self, remote: str = "origin", progress: ProgressCallback | None = None,
             cancel: CancelToken | None = None) -> str:
        """Push the current branch (setting its upstream the first time); return a summary."""
        return sync.push(self, remote, progress, cancel)

    def merge_driver_options(self, rebase: bool, upstream: str | None = None) -> list[str]:
        """`-c` options that make this one git command merge posts field by field
        (`core/git/merge_config.py`); `upstream` is the commit merged in (merge mode only)."""
        try:
            attributes = merge_config.write_attributes(self._git_dir(), self._global_attributes())
        except OSError:
            return []  # a read-only git folder: git's own line merge, as without Postdesk
        sha = None
        if upstream is not None and not rebase:
            sha = self._git("rev-parse", "--verify", "--quiet", f"{upstream}^{{commit}}", check=False).out.strip()
        return merge_config.merge_options(attributes, rebase, sha or None)

    def _global_attributes(self) -> str:
        """The user's own attributes file, which our core.attributesFile replaces for a command."""
        configured = self._git("config", "--path", "--get", "core.attributesFile", check=False).out.strip()
        if configured:
            path = Path(configured)
            path = path if path.is_absolute() else self.root / path
        else:
            home = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
            path = Path(home) / "git" / "attributes"
        try:
            return path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return ""


def _toplevel(folder: Path) -> Path | None:
    """The work-tree root containing `folder`, or None (not a repository, or a bare one)."""
    result = run_git(folder, ["rev-parse", "--show-toplevel"], check=False)
    if not result.ok:
        if "dubious ownership" in result.stderr:
            raise GitError(f"Git refuses to open {folder} because another user owns it.",
                           details=result.details(),
                           hint="Mark it as safe with: git config --global --add safe.directory PATH")
        return None
    top = result.out.strip()
    return Path(top) if top else None
