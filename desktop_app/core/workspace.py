"""The Workspace: one open content repository with its site configuration, git and settings.

Passed explicitly to CLI commands and (wrapped in a UI context) to widgets; there are no
module-level singletons. Everything here is plain Python and safe to call from a worker thread,
except where a method says it writes (those are serialised by the git lock or are single files).
"""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Generic, TypeVar

from desktop_app.core.confine import require_inside
from desktop_app.core.document.storage import TextForm, decode, write_text
from desktop_app.core.errors import NoPosts, NotARepository, PostdeskError, RepositoryMissing
from desktop_app.core.git.repo import GitRepo
from desktop_app.core.paths import AppPaths, default_paths
from desktop_app.core.resources import resource_path
from desktop_app.core.sample import install_sample_blog
from desktop_app.core.settings import Settings, load_settings, load_state
from desktop_app.core.site.config import Collection, SiteConfig
from desktop_app.core.site.detect import load_site
from desktop_app.core.site.library import summaries, translations
from desktop_app.core.site.library.index import LibraryIndex, search_posts
from desktop_app.core.site.library.summaries import PostSummary
from desktop_app.core.site.posts import files, new_post
from desktop_app.core.site.posts.new_post import NewPost, SheetOptions
from desktop_app.core.site.report import site_report
from desktop_app.core.tasks import CancelToken, ProgressCallback

if TYPE_CHECKING:  # the renderer and its Markdown engines load when a post is first previewed
    from desktop_app.core.render.pipeline import UrlResolver

T = TypeVar("T")


@dataclass
class OpenedPost:
    """A post's editor text and the form its file uses on disk."""

    path: str
    text: str
    form: TextForm
    warning: str = ""  # something odd about the file (not UTF-8, NUL bytes), for the editor to say


class Workspace:
    """A content repository opened for writing."""

    def __init__(self, repo: GitRepo, paths: AppPaths, settings: Settings) -> None:
        self.repo = repo
        self.root = repo.root
        self.paths = paths
        self.settings = settings
        self.site: SiteConfig = load_site(self.root)
        self.index = LibraryIndex.for_repository(paths.cache_dir, self.root)  # the library's cache

    @classmethod
    def open(cls, path: Path, paths: AppPaths | None = None) -> "Workspace":
        """Open the repository containing `path`; RepositoryMissing / NotARepository otherwise."""
        paths = paths or default_paths()
        path = path.expanduser()
        if not path.exists():
            raise RepositoryMissing(str(path))
        return cls(GitRepo.discover(path.resolve()), paths, load_settings(paths))

    def reload_site(self) -> None:
        self.site = load_site(self.root)

    def absolute(self, relative: str) -> Path:
        return self.root / relative

    # --- library -----------------------------------------------------------------------------

    def scan(self, cancel: CancelToken | None = None, progress: ProgressCallback | None = None) -> list[PostSummary]:
        """Every post (an article's translations folded into its row), with its git state, newest
        first. The library index reads only the files that changed since the last scan, while
        `git status` runs; a long scan reports the rows read so far (`index.RowsSoFar`). The
        summaries carry no search text: `search` finds words."""
        states = _Background(self.git_states)
        found = translations.group(self.site, self.index.scan(self.site, cancel, progress))
        return summaries.sort_posts(summaries.with_git_states(found, states.result()))

    def search(self, posts: list[PostSummary], query: str, cancel: CancelToken | None = None) -> list[PostSummary]:
        """The posts of `posts` (as `scan` gave them) that `query` finds, in their order; as
        `summaries.filter_posts` on posts read with their text."""
        return search_posts(self.index, posts, query, cancel)

    def require_posts(self, found: list[PostSummary]) -> None:
        if not found:
            raise NoPosts(str(self.root), [c.folder or "." for c in self.site.collections])

    def git_states(self) -> dict[str, str]:
        try:
            return {path: status.state for path, status in self.repo.status().items()}
        except PostdeskError:
            return {}

    # --- posts ---------------------------------------------------------------------------------

    def read_post(self, relative: str) -> OpenedPost:
        """A post's text; OutsideRepository when its real path leaves the repository (a link to
        the writer's other files is never shown)."""
        path = require_inside(self.absolute(relative), self.root, "open", relative)
        loaded = decode(path.read_bytes(), relative)  # messages name the post as listed
        return OpenedPost(relative, loaded.text, loaded.form, loaded.warning)

    def save_post(self, relative: str, text: str, form: TextForm) -> None:
        """Write a post back; a file whose real path leaves the repository is never written."""
        require_inside(self.absolute(relative), self.root, "save", relative)
        write_text(self.absolute(relative), text, form, inside=self.root)

    def create_post(self, title: str, collection: str | None = None, date: dt.datetime | None = None) -> str:
        """A new post in `collection` (default: the site's first) as the New post sheet makes it with
        only a title given (a draft, the site's author, the collection's defaults and file pattern);
        its repo-relative path. What `postdesk new` does."""
        name = self.collection(collection).name if collection else self.site.collections[0].name
        found = self.scan()
        return self.create_new_post(self.title_only(title, name, found), self.new_post_options(name, found), date)

    def title_only(self, title: str, collection: str, found: list[PostSummary]) -> NewPost:
        """The sheet's request when only a title is given: its other choices take their defaults."""
        return NewPost(title, collection, author=self.default_author(self.new_post_options(collection, found)))

    # --- the New post sheet ----------------------------------------------------------------------

    def collection_named(self, name: str) -> Collection:
        """The collection called `name` ("": the site's first); see `collection` for an unknown one."""
        return self.collection(name) if name else self.site.collections[0]

    def new_post_options(self, collection: str, found: list[PostSummary]) -> SheetOptions:
        return new_post.options_for(self.collection_named(collection), found)

    def default_author(self, options: SheetOptions) -> str:
        """The Preferences' author, else the byline the site's posts use (see `new_post.default_author`)."""
        git_name = "" if self.settings.author else (self.repo.author_identity() or ("", ""))[0]
        return new_post.default_author(self.settings.author, options.authors, git_name)

    def plan_new_post(self, request: NewPost, options: SheetOptions, date: dt.date | dt.datetime) -> str:
        """The path `request` would create (nothing is written)."""
        return new_post.plan(self.site, self.collection_named(request.collection), request, options, date)[0]

    def create_new_post(self, request: NewPost, options: SheetOptions, date: dt.datetime | None = None) -> str:
        """Write the post the sheet asked for; returns its path (PostExists when taken)."""
        collection = self.collection_named(request.collection)
        author = request.author.strip() if options.author_key == "author" else ""
        return files.create_post(self.site, collection, request.title, date, author, request.slug,
                                 new_post.front_matter_values(request, options))

    def collection(self, name: str) -> Collection:
        """The collection called `name`; PostdeskError saying why when there is none, or when
        the site's configuration put it outside the repository."""
        found = next((c for c in self.site.collections if c.name == name), None)
        if found is not None:
            return found
        refused = dict(self.site.refused).get(name)
        if refused:
            raise PostdeskError(refused)
        names = ", ".join(c.name for c in self.site.collections)
        raise PostdeskError(f"This site has no collection named '{name}'.", hint=f"Its collections: {names}.")

    def rename_post(self, relative: str, new_slug: str) -> str:
        return files.rename_post(self.site, relative, new_slug)

    def delete_post(self, relative: str) -> None:
        files.delete_post(self.site, relative)

    def resolver_for(self, relative: str | None) -> UrlResolver:
        from desktop_app.core.render.pipeline import site_resolver

        return site_resolver(self.site, self.absolute(relative) if relative else None)


class _Background(Generic[T]):
    """`function()` run on a thread of its own (a git command waits on its process, so the scan
    goes on meanwhile); `result()` waits for it and returns or raises what it did."""

    def __init__(self, function: Callable[[], T]) -> None:
        self._function = function
        self._outcome: tuple[bool, object] = (False, None)
        self._thread = threading.Thread(target=self._run, name="postdesk-background", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            self._outcome = (True, self._function())
        except BaseException as error:  # noqa: BLE001 - handed to the caller of result()
            self._outcome = (False, error)

    def result(self) -> T:
        self._thread.join()
        done, value = self._outcome
        if not done:
            raise value  # type: ignore[misc]
        return value  # type: ignore[return-value]


def initialise_repository(path: Path) -> None:
    """`git init` a plain folder the user chose to open."""
    if not path.is_dir():
        raise RepositoryMissing(str(path))
    GitRepo.init(path)


def missing_last_repository(paths: AppPaths) -> PostdeskError | None:
    """The repository used last is gone (moved, deleted, an unplugged disk): what to tell the user
    when Postdesk opens the sample blog instead."""
    last = load_state(paths).last_repository
    if not last or Path(last).is_dir():
        return None
    return PostdeskError(f"The repository you used last, {last}, is no longer there.",
                         hint="Postdesk opened the sample blog instead. If the repository was moved, open it "
                              "from its new place with File → Open Repository….")


def default_repository(paths: AppPaths) -> Path:
    """The last repository opened, or else the bundled sample blog (installed on first use)."""
    state = load_state(paths)
    if state.last_repository and Path(state.last_repository).is_dir():
        return Path(state.last_repository)
    paths.ensure()
    return install_sample_blog(resource_path("sample-blog"), paths.sample_blog_dir, paths.sample_remote_dir)


__all__ = ["OpenedPost", "Workspace", "default_repository", "initialise_repository", "missing_last_repository",
           "NotARepository"]


def site_overview(site: SiteConfig, posts: list[PostSummary] | None = None) -> dict[str, Any]:
    """What `postdesk site` and the window's Site dialog show: the site as Postdesk reads it
    (`core/site/report.py`, from the library's `posts` or a fresh scan) with the Markdown profile
    the preview follows (`core/render/site_settings.py`)."""
    from desktop_app.core.render.site_settings import site_json  # loads the Markdown engines

    report = site_report(site, posts if posts is not None else translations.group(site, summaries.scan(site)))
    report.update({key: value for key, value in site_json(site).items() if key in ("flavor", "profile")})
    return report
