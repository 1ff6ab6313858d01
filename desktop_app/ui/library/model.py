"""A list model over the library's `PostSummary` rows, narrowed by the search box's query.

What the list shows is worked out by `rows.arrange_rows`, a plain function, off the GUI thread when it
takes time (`ui/library/search.py`): the query's words are answered by the library index, its
filters (`tag:x`, `is:draft`) by `summaries.matches` (`core/site/library/summaries.py`), as `postdesk list --search` does; the GUI
thread only swaps the rows in. Git states arrive apart from the scan (one `git status` per
refresh, see `set_git_states`), so badges update without reading 10,000 posts again.
A site with several collections (posts, pages, authors …) gets a header row above each
collection's posts; header rows cannot be selected, and the keyboard skips them.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Callable, Sequence

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from desktop_app.core.site.library.summaries import PostSummary, split_query
from desktop_app.core.tasks import CancelToken
from desktop_app.ui.library.rows import Arrangement, GroupHeader, Request, SearchFunction, SortedPosts, arrange_rows
from desktop_app.ui.library.search import ArrangeWorker

PostRole = Qt.ItemDataRole.UserRole + 1
PathRole = Qt.ItemDataRole.UserRole + 2
HeaderRole = Qt.ItemDataRole.UserRole + 3
GitRole = Qt.ItemDataRole.UserRole + 4  # (state, staging) of core/git/state.py, e.g. ("modified", "partly")
Index = QModelIndex | QPersistentModelIndex
# Up to this many posts, a change of filter or order without search words is arranged at once on
# the GUI thread (well within a frame); larger libraries and every word search go to the worker.
ARRANGE_NOW = 3000


class LibraryModel(QAbstractListModel):
    """The visible posts: all posts narrowed by query, status and collection, in the chosen order.

    Signals: `arranged()` each time the rows were replaced (at once, or when the worker
    answers); `search_failed(message)` when the index could not answer a search."""

    arranged = Signal()
    search_failed = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self._all: tuple[PostSummary, ...] = ()
        self._by_path: dict[str, int] = {}  # path → position in _all
        self._shown = Arrangement()
        self._query = ""
        self._status = "all"
        self._order = "newest"
        self._collection = ""  # "" = every collection
        self._collections: tuple[tuple[str, str], ...] = ()  # (name, label) in the site's order
        self._staging: dict[str, str] = {}  # path → "staged" | "partly", from the last git state
        self._changed: set[str] = set()  # paths of posts with a git state
        self._sorted = SortedPosts()
        self._generation = 0  # of the newest request; older answers are dropped
        self._shown_generation = 0
        self._worker: ArrangeWorker | None = None  # made when a search or a large library needs it
        self._search: SearchFunction | None = None
        self._build: Callable[[CancelToken], object] | None = None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self._shown.rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        rows = self._shown.rows
        if not index.isValid() or index.row() >= len(rows):
            return None
        row = rows[index.row()]
        if isinstance(row, GroupHeader):
            if role == Qt.ItemDataRole.DisplayRole:
                return row.label
            return row if role == HeaderRole else None
        if role == Qt.ItemDataRole.DisplayRole:
            return row.title
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.path + (f"\n{row.error}" if row.error else "")
        if role == PostRole:
            return row
        if role == PathRole:
            return row.path
        if role == GitRole:
            return row.git_state, self._staging.get(row.path, "")
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        rows = self._shown.rows
        if index.isValid() and index.row() < len(rows) and isinstance(rows[index.row()], GroupHeader):
            return Qt.ItemFlag.NoItemFlags
        return super().flags(index)

    # --- what to show ----------------------------------------------------------------------------

    def set_search(self, search: SearchFunction | None, build: Callable[[CancelToken], object] | None = None) -> None:
        """Answer search words with `search` (the library index's) instead of each post's text;
        `build` is run while the worker has nothing else to do (the index's full-text build)."""
        self._search, self._build = search, build
        if self._worker is not None:
            self._worker.set_search(search, build)

    def set_collections(self, collections: list[tuple[str, str]]) -> None:
        """The site's collections as (name, label); headers appear when there are several."""
        self._collections = tuple(collections)
        self._rearrange()

    def set_posts(self, posts: Sequence[PostSummary]) -> bool:
        """Show `posts`; False when they are the posts shown already (a scan's rows, listed while
        it finished its work): nothing is arranged again."""
        if self._generation and len(posts) == len(self._all) and all(new is old for new, old in zip(posts, self._all)):
            return False
        self._all = tuple(posts)
        # a translation's file finds its article's row
        self._by_path = {path: number for number, post in enumerate(self._all)
                         for path in (post.path, *(other for _code, other in post.translations))}
        self._changed = {post.path for post in self._all if post.git_state}  # (an article's own path)
        self._rearrange()
        if self._build is not None:
            self._ensure_worker().build_search()
        return True

    def set_git_states(self, states: dict[str, tuple[str, str]]) -> bool:
        """path → (state, staging) of every changed post; every other post is unchanged.

        Only rows whose badge changes are touched; the list is re-arranged only when a post's
        state changed (the "changed" filter and `is:changed` depend on it); True when it was."""
        staging = {path: staged for path, (_state, staged) in states.items() if staged}
        posts = list(self._all)
        changed = False
        touched = {self._by_path[path] for path in self._changed | set(states) if path in self._by_path}
        for number in touched:  # an article's row shows its own state, else its first changed translation's
            post = posts[number]
            state = states.get(post.path, ("", ""))[0] or next(
                (states[other][0] for _code, other in post.translations if other in states), "")
            if posts[number].git_state != state:
                posts[number] = replace(posts[number], git_state=state)
                changed = True
        restaged = staging != self._staging
        self._staging = staging
        if changed:
            self.set_posts(posts)
        elif restaged and self._shown.rows:
            self.dataChanged.emit(self.index(0), self.index(len(self._shown.rows) - 1), [GitRole])
        return changed

    def set_query(self, query: str) -> None:
        if query != self._query:
            self._query = query
            self._rearrange()

    def set_status(self, status: str) -> None:
        """all, drafts, published or changed (see `STATUSES` in `core/site/library/summaries.py`)."""
        if status != self._status:
            self._status = status
            self._rearrange()

    def set_order(self, order: str) -> None:
        """newest, oldest or title (see `ORDERS` in `core/site/library/summaries.py`)."""
        if order != self._order:
            self._order = order
            self._rearrange()

    def set_collection(self, name: str) -> None:
        """Show one collection's posts ("" for all)."""
        if name != self._collection:
            self._collection = name
            self._rearrange()

    def _rearrange(self) -> None:
        """Work out the rows for the current posts and choices: at once when that is quick,
        else on the worker (the rows shown stay until its answer replaces them)."""
        self._generation += 1
        request = Request(self._all, self._query, self._status, self._order, self._collection, self._collections)
        words, _filters = split_query(self._query)
        if not words and len(self._all) <= ARRANGE_NOW:
            self._show(self._generation, arrange_rows(request, sorted_posts=self._sorted))
        else:
            self._ensure_worker().submit(self._generation, request)

    def _ensure_worker(self) -> ArrangeWorker:
        if self._worker is None:
            self._worker = ArrangeWorker(self._search, self._build)
            self._worker.answered.connect(self._show)
            self._worker.failed.connect(self._failed)
        return self._worker

    def _show(self, generation: int, arrangement: Arrangement) -> None:
        if generation != self._generation:
            return  # a newer request is on its way
        self.beginResetModel()
        self._shown, self._shown_generation = arrangement, generation
        self.endResetModel()
        self.arranged.emit()

    def _failed(self, generation: int, message: str) -> None:
        """The index could not answer: show no rows rather than rows the words do not find."""
        if generation == self._generation:
            self._show(generation, Arrangement(total=len(self._all), drafts=self._sorted.drafts))
            self.search_failed.emit(message)

    def shutdown(self) -> None:
        """Stop the worker (the window is closing)."""
        if self._worker is not None:
            self._worker.stop()

    # --- what is shown ---------------------------------------------------------------------------

    @property
    def collection(self) -> str:
        return self._collection

    @property
    def settled(self) -> bool:
        """True when the rows shown answer the newest search, filter and order."""
        return self._shown_generation == self._generation

    @property
    def arrangement(self) -> Arrangement:
        return self._shown

    @property
    def all_posts(self) -> list[PostSummary]:
        return list(self._all)

    @property
    def visible_posts(self) -> list[PostSummary]:
        return [row for row in self._shown.rows if isinstance(row, PostSummary)]

    def post(self, path: str) -> PostSummary | None:
        number = self._by_path.get(path)
        return self._all[number] if number is not None else None

    def row_of(self, path: str) -> int:
        """The row showing `path`: its own, or its article's when it is a translation."""
        post = self.post(path)
        if post is None:
            return -1
        try:
            return self._shown.ids.index(id(post))  # the same objects: the rows come from _all
        except ValueError:
            return -1
