"""Posts, not files: changes grouped by post with their images, staged and committed together.

`group_changes` turns one `RepoState` into the changed posts (each with the changed images it
shows) and the other changed files. `stage` / `unstage` put paths into or out of git's index;
`commit_staged` commits exactly what the index holds. All through the git command line; the
writing ones hold the repository's write lock.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass

from desktop_app.core.errors import GitError, NoAuthorIdentity, NothingToCommit, PostdeskError
from desktop_app.core.git.process import map_failure
from desktop_app.core.git.repo import GitRepo
from desktop_app.core.git.state import DELETED, MODIFIED, PARTLY, STAGED, UNSTAGED, FileChange, RepoState
from desktop_app.core.site.config import MARKDOWN_SUFFIXES, SKIP_DIRS, SiteConfig
from desktop_app.core.site.posts import post_media

_REPO_DOCS = {"README", "CHANGELOG", "LICENSE", "CONTRIBUTING", "CODE_OF_CONDUCT", "SECURITY"}


class NothingStaged(NothingToCommit):
    """Commit pressed with an empty index."""

    def __init__(self) -> None:
        GitError.__init__(self, "Nothing is staged, so there is nothing to commit.",
                          hint="Tick the posts and files to commit.")


@dataclass(frozen=True)
class PostChange:
    """A changed post and the changed images it shows; `change` is None when only images changed."""

    path: str
    change: FileChange | None
    images: tuple[FileChange, ...] = ()

    @property
    def state(self) -> str:
        return self.change.state if self.change is not None else MODIFIED

    @property
    def staging(self) -> str:
        """Staged when the post and all its changed images are; partly when only some are."""
        states = [c.staging for c in self.files]
        if all(s == STAGED for s in states):
            return STAGED
        return UNSTAGED if all(s == UNSTAGED for s in states) else PARTLY

    @property
    def files(self) -> tuple[FileChange, ...]:
        return ((self.change,) if self.change is not None else ()) + self.images

    @property
    def paths(self) -> list[str]:
        """Every path that stages with this post (a rename's old path too)."""
        return _with_sources(self.files)


@dataclass(frozen=True)
class ChangeList:
    """What the changes panel lists: posts by title (with their images), then other files."""

    posts: tuple[PostChange, ...] = ()
    other: tuple[FileChange, ...] = ()

    def post(self, path: str) -> PostChange | None:
        return next((post for post in self.posts if post.path == path), None)

    def post_states(self) -> dict[str, tuple[str, str]]:
        """path → (state, staging) of every changed post, for the library's badges."""
        return {post.path: (post.state, post.staging) for post in self.posts}


def is_post(site: SiteConfig, path: str) -> bool:
    """Whether the library lists `path` as a post (also when it is deleted)."""
    dot = path.rfind(".")
    if dot < 0 or path[dot:].lower() not in MARKDOWN_SUFFIXES:
        return False
    collection = site.collection_for(path)
    if collection is None:
        return False
    folder = collection.folder.strip("/") if collection.folder not in ("", ".") else ""
    parts = (path[len(folder) + 1:] if folder else path).split("/")
    if SKIP_DIRS.intersection(parts[:-1]) or any(part.startswith(".") for part in parts):
        return False
    return not ("/" not in path and path[:dot].upper() in _REPO_DOCS)


class GroupingCache:
    """What `group_changes` learnt about post files, kept until a file's stat changes: which
    image names a post names, and the image files it shows. The changes panel keeps one across
    refreshes, so a refresh re-reads only posts edited since the last one. Thread-safe."""

    def __init__(self) -> None:
        self._seen: dict[str, tuple[tuple[int, int, int], frozenset[str], list[str] | None]] = {}
        self._posts: dict[str, bool] = {}
        self._site: SiteConfig | None = None
        self._lock = threading.Lock()

    def is_post(self, site: SiteConfig, path: str) -> bool:
        with self._lock:
            if site is not self._site:  # another branch's or a reloaded configuration
                self._site, self._posts = site, {}
            known = self._posts.get(path)
        if known is None:
            known = is_post(site, path)
            with self._lock:
                self._posts[path] = known
        return known

    def images(self, site: SiteConfig, root: str, path: str, names: set[str]) -> list[str]:
        """The image files the post at `path` shows, when it names one of `names` (else [])."""
        full = f"{root}{os.sep}{path}"  # no Path objects: this runs for every changed post
        try:
            stat = os.stat(full)
            key = (stat.st_mtime_ns, stat.st_ctime_ns, stat.st_size)
            with self._lock:
                hit = self._seen.get(path)
            text = None
            if hit is None or hit[0] != key:
                with open(full, "rb") as handle:
                    text = handle.read().decode("utf-8", "replace")
                hit = (key, post_media.mentioned_names(text), None)
        except OSError:
            return []
        if not hit[1] & names:
            found: list[str] = []
        elif hit[2] is not None:
            found = hit[2]
        else:
            if text is None:
                with open(full, "rb") as handle:
                    text = handle.read().decode("utf-8", "replace")
            found = post_media.post_images(site, path, text)
            hit = (hit[0], hit[1], found)
        with self._lock:
            self._seen[path] = hit
        return found

    def keep_only(self, paths: set[str]) -> None:
        """Forget posts that are no longer changed: the cache stays as small as the change list."""
        with self._lock:
            for path in [p for p in self._seen if p not in paths]:
                del self._seen[path]


def group_changes(repo: GitRepo, site: SiteConfig, state: RepoState,
                  cache: GroupingCache | None = None) -> ChangeList:
    """Changed posts with the changed images they refer to, and everything else.

    Posts are looked into only when an image changed, and read properly only when they name
    one of the changed images' file names (`cache` remembers both until a post changes). An
    image no changed post shows is looked for in the other posts with one `git grep`.
    """
    cache = cache if cache is not None else GroupingCache()
    posts: dict[str, FileChange] = {}
    images: dict[str, FileChange] = {}
    other: list[FileChange] = []
    for path, change in state.files.items():
        if cache.is_post(site, path):
            posts[path] = change
        elif post_media.is_image(path) and not change.conflicted:
            images[path] = change
        else:
            other.append(change)
    attached: dict[str, list[FileChange]] = {}
    if images:
        names = {_name(path) for path in images}
        root = str(repo.root)
        for path, change in posts.items():
            if change.state == DELETED:
                text = _read(repo, path, deleted=True)
                shown = post_media.post_images(site, path, text) if text is not None else []
            else:
                shown = cache.images(site, root, path, names)
            _attach(path, shown, images, attached)
        cache.keep_only(set(posts))
        loose = set(images) - {c.path for found in attached.values() for c in found}
        if loose:
            for path in _posts_naming(repo, site, {_name(p) for p in loose}, set(posts)):
                text = _read(repo, path, deleted=False)
                if text is not None:
                    _attach(path, post_media.post_images(site, path, text), {p: images[p] for p in loose}, attached)
        used = {c.path for found in attached.values() for c in found}
        other.extend(change for path, change in images.items() if path not in used)
    grouped = [PostChange(path, change, tuple(attached.get(path, ()))) for path, change in posts.items()]
    grouped += [PostChange(path, None, tuple(found)) for path, found in attached.items() if path not in posts]
    grouped.sort(key=lambda post: post.path)
    other.sort(key=lambda change: change.path)
    return ChangeList(tuple(grouped), tuple(other))


def _name(path: str) -> str:
    return path.rsplit("/", 1)[-1]


def _attach(post: str, shown: list[str], images: dict[str, FileChange],
            attached: dict[str, list[FileChange]]) -> None:
    for image in shown:
        if image in images and images[image] not in attached.get(post, ()):
            attached.setdefault(post, []).append(images[image])


def _read(repo: GitRepo, path: str, deleted: bool) -> str | None:
    """A post's text from the work tree, or for a deleted post from the index or HEAD."""
    if deleted:
        data = repo.show(path, ":0") or repo.show(path)
        return data.decode("utf-8", "replace") if data is not None else None
    try:
        with open(f"{repo.root}{os.sep}{path}", "rb") as handle:  # no Path: this runs per changed post
            return handle.read().decode("utf-8", "replace")
    except OSError:
        return None


def _posts_naming(repo: GitRepo, site: SiteConfig, names: set[str], skip: set[str]) -> list[str]:
    """Tracked posts whose text contains one of `names` (one `git grep` over the collections)."""
    folders = sorted({c.folder.strip("/") or "." for c in site.collections})
    patterns = [arg for name in sorted(names) for arg in ("-e", name)]
    result = repo.git("grep", "-l", "-z", "-F", "--no-color", *patterns, "--", *folders,
                      check=False, GIT_OPTIONAL_LOCKS="0")
    if result.returncode not in (0, 1):
        return []
    return [p for p in result.out.split("\0") if p and p not in skip and is_post(site, p)]


def _with_sources(changes: tuple[FileChange, ...] | list[FileChange]) -> list[str]:
    paths: list[str] = []
    for change in changes:
        paths.append(change.path)
        if change.original_path:
            paths.append(change.original_path)
    return list(dict.fromkeys(paths))


# --- writing ------------------------------------------------------------------------------------


def stage(repo: GitRepo, state: RepoState, paths: list[str]) -> list[str]:
    """Put the current content of `paths` (deletions too) into the index; return what was staged.

    A file with conflicts is refused: staging it would mark it resolved, markers and all.
    """
    changes = [state.files[p] for p in dict.fromkeys(paths) if p in state.files]
    conflicted = [c.path for c in changes if c.conflicted]
    if conflicted:
        raise GitError(f"{', '.join(conflicted)} still has conflicts, so it cannot be staged yet.",
                       hint="Resolve the conflict first (keep mine, take theirs, or edit it by hand).")
    wanted = _with_sources(changes)
    if not wanted:
        return []
    with repo.write_lock:
        present = wanted if all(os.path.lexists(repo.root / p) for p in wanted) else _known(repo, wanted)
        if present:
            repo.git("--literal-pathspecs", "add", "--all", "--", *present)
    return present


def unstage(repo: GitRepo, state: RepoState, paths: list[str]) -> list[str]:
    """Take `paths` out of the index again (their work-tree files stay as they are)."""
    changes = [state.files[p] for p in dict.fromkeys(paths) if p in state.files]
    wanted = _with_sources([c for c in changes if c.staging])
    if not wanted:
        return []
    with repo.write_lock:
        if state.branch.commit is None:  # nothing committed yet: the index is all there is
            repo.git("--literal-pathspecs", "rm", "--cached", "--quiet", "-r", "--ignore-unmatch", "--", *wanted)
        else:
            repo.git("--literal-pathspecs", "restore", "--staged", "--", *wanted)
    return wanted


def stage_all(repo: GitRepo, state: RepoState) -> list[str]:
    """Stage every change except conflicted files."""
    return stage(repo, state, [p for p, c in state.files.items() if not c.conflicted])


def require_identity(repo: GitRepo) -> None:
    """NoAuthorIdentity unless git knows who authors and commits (as `git commit` would check)."""
    committer = repo.git("var", "GIT_COMMITTER_IDENT", check=False)
    if repo.author_identity() is None or not committer.ok or "<>" in committer.out:
        raise NoAuthorIdentity()


def commit_staged(repo: GitRepo, message: str) -> str:
    """Commit exactly what is staged; return the new commit's sha."""
    if not message.strip():
        raise PostdeskError("The commit message is empty.", hint="Say in a few words what changed.")
    with repo.write_lock:
        result = repo.git("commit", "--quiet", "--no-edit", "-m", message, check=False)
        if not result.ok:
            said = (result.stderr + result.out).lower()
            if "nothing to commit" in said or "no changes added to commit" in said or "nothing added to commit" in said:
                raise NothingStaged()
            raise map_failure(result)
        return repo.git("rev-parse", "HEAD").out.strip()


def _known(repo: GitRepo, paths: list[str]) -> list[str]:
    """The paths `git add` accepts: on disk, or in the index (a deletion to stage)."""
    listed = repo.git("--literal-pathspecs", "ls-files", "-z", "--", *paths).out.split("\0")
    indexed = set(listed)
    return [p for p in paths if p in indexed or os.path.lexists(repo.root / p)]
