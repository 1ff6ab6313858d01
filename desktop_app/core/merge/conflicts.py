"""A pull that stopped on conflicts: what is in progress, which posts clash, and the way out.

Owns reading the conflicted state (a rebase, a merge, or autostashed edits that clashed with the
pulled changes), and the writer's choices for one post: keep mine, take theirs, or mark a hand
edit resolved; then continue or abort the whole operation.

"Mine" and "theirs" are the writer's: during a rebase git calls the upstream "ours" (index stage
2) and the local commit being replayed "theirs" (stage 3), so the stages swap; autostashed edits
are stage 3 too. Keep mine / Take theirs settle only the conflicts: fields and lines that merged
cleanly keep both sides' changes (the post is merged again from the index stages with that side
favoured). Nothing here drops work silently: a resolution refuses to overwrite a file edited by
hand since the pull stopped, and abort refuses to undo edits made meanwhile, unless forced.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from desktop_app.core.confine import require_inside
from desktop_app.core.document.markers import MINE, THEIRS, marker_lines
from desktop_app.core.document.storage import write_atomic
from desktop_app.core.errors import GitError
from desktop_app.core.git.process import map_failure
from desktop_app.core.git.repo import GitRepo
from desktop_app.core.merge.post_merge import FieldConflict, PostMerge, merge_post
from desktop_app.core.site.library.summaries import summarize

REBASE, MERGE, STASH = "rebase", "merge", "stash"
BOTH_CHANGED, BOTH_ADDED = "both-changed", "both-added"
DELETED_BY_ME, DELETED_BY_THEM, BOTH_DELETED = "deleted-by-me", "deleted-by-them", "both-deleted"
ADDED_BY_ME, ADDED_BY_THEM = "added-by-me", "added-by-them"

_KIND_TEXT = {
    BOTH_CHANGED: "Changed on both sides",
    BOTH_ADDED: "Added on both sides",
    DELETED_BY_ME: "You deleted it; they changed it",
    DELETED_BY_THEM: "They deleted it; you changed it",
    BOTH_DELETED: "Deleted on both sides (renamed differently)",
    ADDED_BY_ME: "Only in your version",
    ADDED_BY_THEM: "Only in their version",
}


# --- errors ----------------------------------------------------------------------------------


class NoConflictInProgress(GitError):
    def __init__(self) -> None:
        super().__init__("No pull is waiting for conflicts to be resolved.")


class UnresolvedConflicts(GitError):
    def __init__(self, paths: list[str]) -> None:
        super().__init__(f"{len(paths)} post(s) still have conflicts: " + ", ".join(paths) + ".",
                         hint="Keep mine, take theirs, or edit each by hand and mark it resolved.")
        self.paths = paths


class NotConflicted(GitError):
    def __init__(self, path: str) -> None:
        super().__init__(f"{path} has no conflict to resolve (it may be resolved already).")
        self.path = path


class ConflictMarkersRemain(GitError):
    def __init__(self, path: str, lines: list[int]) -> None:
        where = ", ".join(str(line) for line in lines[:6]) + (" …" if len(lines) > 6 else "")
        super().__init__(
            f"{path} still has conflict markers (line{'s' if len(lines) > 1 else ''} {where}).",
            hint="Between <<<<<<< and >>>>>>> keep the text you want, delete the marker lines, "
                 "save, then mark it resolved.")
        self.path = path
        self.lines = lines


class ResolutionWouldDiscard(GitError):
    """The file differs from what the pull left: someone edited it by hand since."""

    def __init__(self, path: str, side: str) -> None:
        verb = "Keep mine" if side == MINE else "Take theirs"
        super().__init__(f"{path} was edited since the pull stopped; {verb} would replace those edits.",
                         hint="Mark it resolved to keep the edits, or confirm to replace them.")
        self.path = path


class AbortWouldDiscard(GitError):
    def __init__(self, paths: list[str]) -> None:
        super().__init__("Abort would undo edits made since the pull stopped: " + ", ".join(paths) + ".",
                         hint="Copy what you want to keep, or confirm to abort anyway.")
        self.paths = paths


class CannotAbort(GitError):
    pass


# --- state -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ConflictedPost:
    """One conflicted file, described from the writer's side."""

    path: str
    kind: str  # BOTH_CHANGED, DELETED_BY_THEM …
    title: str
    field_conflicts: tuple[FieldConflict, ...] = ()
    body_conflicted: bool = False
    front_conflicted: bool = False
    notes: tuple[str, ...] = ()
    merged_fields: tuple[str, ...] = ()  # merged without a question: "date (theirs)"
    has_mine: bool = True  # my version exists (False: I deleted it)
    has_theirs: bool = True

    @property
    def summary(self) -> str:
        return _KIND_TEXT.get(self.kind, self.kind)

    def lines(self) -> list[str]:
        """What clashes, one line each: field conflicts, then the text."""
        found = [conflict.describe() for conflict in self.field_conflicts]
        if self.front_conflicted:
            found.append("Front matter: lines changed on both sides")
        if self.body_conflicted:
            found.append("Text: the same lines changed on both sides")
        if not found:
            found.append(self.summary)
        return found


@dataclass(frozen=True)
class ConflictState:
    """What is in progress (None: nothing) and the posts still in conflict."""

    operation: str | None
    posts: tuple[ConflictedPost, ...] = ()
    step: str = ""  # e.g. "Replaying your commit 1 of 2: “Fix the title”"
    stashed: bool = False  # uncommitted edits were set aside; they come back on continue or abort

    @property
    def paths(self) -> list[str]:
        return [post.path for post in self.posts]

    def post(self, path: str) -> ConflictedPost | None:
        return next((post for post in self.posts if post.path == path), None)


def _git_path(repo: GitRepo, name: str) -> Path:
    return repo.root / repo.git("rev-parse", "--git-path", name).out.strip()


def operation(repo: GitRepo) -> str | None:
    """REBASE or MERGE in progress, STASH for clashing autostashed edits, else None."""
    return repo.operation_in_progress() or (STASH if _stages(repo) else None)


def _stages(repo: GitRepo) -> dict[str, dict[int, str]]:
    """For each conflicted path, its index stages: 1 base, 2 git's ours, 3 git's theirs → blob id."""
    found: dict[str, dict[int, str]] = {}
    for entry in repo.git("ls-files", "--unmerged", "-z").out.split("\0"):
        if not entry:
            continue
        info, path = entry.split("\t", 1)
        _mode, sha, stage = info.split()
        found.setdefault(path, {})[int(stage)] = sha
    return found


def _sides(op: str | None) -> tuple[int, int]:
    """(my stage, their stage): in a rebase and for autostashed edits mine is git's "theirs"."""
    return (3, 2) if op in (REBASE, STASH) else (2, 3)


def _blob(repo: GitRepo, sha: str | None) -> bytes | None:
    return None if sha is None else repo.git("cat-file", "blob", sha).stdout


def _decoded(*blobs: bytes | None) -> list[str] | None:
    try:
        return [blob.decode("utf-8") if blob is not None else "" for blob in blobs]
    except UnicodeDecodeError:
        return None


def _kind(has_base: bool, mine: bool, theirs: bool) -> str:
    if mine and theirs:
        return BOTH_CHANGED if has_base else BOTH_ADDED
    if mine:
        return DELETED_BY_THEM if has_base else ADDED_BY_ME
    if theirs:
        return DELETED_BY_ME if has_base else ADDED_BY_THEM
    return BOTH_DELETED


def conflict_state(repo: GitRepo) -> ConflictState:
    """The operation in progress and every conflicted post, with its field and text conflicts."""
    op = operation(repo)
    if op is None:
        return ConflictState(None)
    mine_stage, their_stage = _sides(op)
    posts = []
    for path, stages in sorted(_stages(repo).items()):
        base, mine, theirs = (_blob(repo, stages.get(n)) for n in (1, mine_stage, their_stage))
        kind = _kind(base is not None, mine is not None, theirs is not None)
        texts = _decoded(base, mine, theirs)
        title = _title(path, texts, (mine, theirs, base))
        merged: PostMerge | None = None
        if mine is not None and theirs is not None and texts is not None:
            merged = merge_post(*texts)
        posts.append(ConflictedPost(
            path, kind, title,
            field_conflicts=merged.field_conflicts if merged else (),
            body_conflicted=merged.body_conflicted if merged else (mine is not None and theirs is not None),
            front_conflicted=merged.front_conflicted if merged else False,
            notes=merged.notes if merged else (),
            merged_fields=merged.merged_fields if merged else (),
            has_mine=mine is not None, has_theirs=theirs is not None))
    return ConflictState(op, tuple(posts), _step(repo, op), _stashed(repo, op))


def _stashed(repo: GitRepo, op: str) -> bool:
    if op == REBASE:
        return any(_git_path(repo, f"{folder}/autostash").is_file() for folder in ("rebase-merge", "rebase-apply"))
    return op == MERGE and repo.git("rev-parse", "--quiet", "--verify", "MERGE_AUTOSTASH", check=False).ok


def _title(path: str, texts: list[str] | None, blobs: tuple[bytes | None, ...]) -> str:
    """The post's title from my version (else theirs, else the base), as the library reads it."""
    if texts is not None:
        base, mine, theirs = texts
        for text, blob in zip((mine, theirs, base), blobs):
            if blob is not None:
                return summarize(path, "", text).title
    return PurePosixPath(path).stem


def _step(repo: GitRepo, op: str) -> str:
    if op == STASH:
        return "Your uncommitted edits clash with the pulled changes."
    if op == MERGE:
        return "Merging the pulled changes into your commits."
    folder = _git_path(repo, "rebase-merge")
    try:
        number = int((folder / "msgnum").read_text().strip())
        total = int((folder / "end").read_text().strip())
    except (OSError, ValueError):
        return "Replaying your commits on top of the pulled ones."
    subject = repo.git("log", "-1", "--format=%s", "REBASE_HEAD", check=False).out.strip()
    what = f": “{subject}”" if subject else ""
    return f"Replaying your commit {number} of {total}{what}."


# --- resolving one post ------------------------------------------------------------------------


def keep_mine(repo: GitRepo, path: str, force: bool = False) -> None:
    """Settle `path`'s conflicts with my side; changes that merged cleanly stay."""
    _resolve(repo, path, MINE, force)


def take_theirs(repo: GitRepo, path: str, force: bool = False) -> None:
    """Settle `path`'s conflicts with their side; changes that merged cleanly stay."""
    _resolve(repo, path, THEIRS, force)


def _resolve(repo: GitRepo, path: str, side: str, force: bool) -> None:
    with repo.write_lock:
        op = operation(repo)
        stages = _stages(repo).get(path)
        if stages is None:
            raise NotConflicted(path)
        mine_stage, their_stage = _sides(op)
        base, mine, theirs = (_blob(repo, stages.get(n)) for n in (1, mine_stage, their_stage))
        chosen = mine if side == MINE else theirs
        texts = _decoded(base, mine, theirs)
        left: bytes | None = None  # what the pull left in the file
        if mine is not None and theirs is not None and texts is not None:
            left = merge_post(*texts).text.encode("utf-8")
            if chosen is not None:
                chosen = merge_post(*texts, favor=side).text.encode("utf-8")
        file = require_inside(repo.root / path, repo.root, "change", path)  # never a link leading elsewhere
        on_disk = file.read_bytes() if file.is_file() else None
        if not force and on_disk is not None and on_disk not in {
                _checked_out(repo, path, blob) for blob in (left, mine, theirs) if blob is not None}:
            raise ResolutionWouldDiscard(path, side)
        if chosen is None:  # the chosen side deleted the post
            repo.git("--literal-pathspecs", "rm", "--quiet", "--force", "--ignore-unmatch", "--", path)
            return
        file.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(file, _checked_out(repo, path, chosen), inside=repo.root)
        _stage_resolution(repo, path, op)


def _checked_out(repo: GitRepo, path: str, blob: bytes) -> bytes:
    """`blob` as git would write it into the work tree at `path`: line endings converted for
    core.autocrlf or an eol attribute, smudge filters run (the stages hold the committed form)."""
    sha = repo.git("hash-object", "-w", "--no-filters", "--stdin", input=blob).out.strip()
    return repo.git("cat-file", "--filters", f"--path={path}", sha).stdout


def mark_resolved(repo: GitRepo, path: str) -> None:
    """Accept `path` as it is now on disk (edited by hand); refused while markers remain."""
    with repo.write_lock:
        op = operation(repo)
        if path not in _stages(repo):
            raise NotConflicted(path)
        file = repo.root / path
        if file.is_file():
            text = file.read_bytes().decode("utf-8", "replace")
            lines = marker_lines(text)
            if lines:
                raise ConflictMarkersRemain(path, lines)
        _stage_resolution(repo, path, op)


def _stage_resolution(repo: GitRepo, path: str, op: str | None) -> None:
    if not (repo.root / path).exists():  # resolved by deleting it
        repo.git("--literal-pathspecs", "rm", "--quiet", "--cached", "--ignore-unmatch", "--", path)
        return
    repo.git("--literal-pathspecs", "add", "--", path)
    if op == STASH:
        # Autostashed edits were never staged: the resolved post stays an uncommitted edit.
        repo.git("--literal-pathspecs", "reset", "--quiet", "--", path, check=False)


# --- the whole operation -----------------------------------------------------------------------


def continue_operation(repo: GitRepo) -> ConflictState:
    """Finish the rebase or merge once every post is resolved; the state afterwards (a rebase
    may stop again on a later commit, and re-applying autostashed edits may clash)."""
    with repo.write_lock:
        op = operation(repo)
        if op is None:
            raise NoConflictInProgress()
        remaining = sorted(_stages(repo))
        if remaining:
            raise UnresolvedConflicts(remaining)
        if op == REBASE:
            options = repo.merge_driver_options(rebase=True)
            result = repo.git(*options, "rebase", "--continue", check=False)
        elif op == MERGE:
            # The prepared message lists the conflicts as # comments: strip them, as an editor would.
            result = repo.git("commit", "--no-edit", "--cleanup=strip", "--quiet", check=False)
        else:
            return ConflictState(None)
    if not result.ok and not _stages(repo):
        raise map_failure(result)
    return conflict_state(repo)


def abort(repo: GitRepo, force: bool = False) -> None:
    """Back to exactly where the pull started: commits and uncommitted edits as they were.

    Refuses (unless `force`) when files other than the conflicted ones were edited meanwhile,
    since git's abort would reset them too."""
    with repo.write_lock:
        op = operation(repo)
        if op is None:
            raise NoConflictInProgress()
        if op == STASH:
            raise CannotAbort("The pull itself is finished; only your uncommitted edits clash with it.",
                              hint="Keep mine or take theirs for each post. A copy of your edits stays "
                                   "in git's stash.")
        if not force:
            touched = _edited_meanwhile(repo)
            if touched:
                raise AbortWouldDiscard(touched)
        command = ["rebase", "--abort"] if op == REBASE else ["merge", "--abort"]
        repo.git(*command)


_STATUS = re.compile(r"^(?P<xy>..) (?P<path>.*)$", re.S)


def _edited_meanwhile(repo: GitRepo) -> list[str]:
    """Tracked files with unstaged edits, other than the conflicted ones: git stops a pull with
    everything else either committed, staged by the merge, or autostashed."""
    conflicted = set(_stages(repo))
    out = repo.git("status", "--porcelain=v1", "-z", "--untracked-files=no").out
    found = []
    fields = iter(out.split("\0"))
    for field in fields:
        match = _STATUS.match(field)
        if not match:
            continue
        xy, path = match["xy"], match["path"]
        if "R" in xy or "C" in xy:
            next(fields, None)
        if xy[1] not in " ?!" and path not in conflicted:
            found.append(path)
    return sorted(found)
