"""A list model over the library's `PostSummary` rows, filtered by the search box's query.

Filtering reuses `arrange` in `core/site/library/summaries.py`, so the sidebar and `postdesk list --search` agree.
Git states arrive apart from the scan (one `git status` per refresh, see `set_git_states`), so
badges update without reading 10,000 posts again.
A site with several collections (posts, pages, authors …) gets a header row above each
collection's posts; header rows cannot be selected, and the keyboard skips them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from desktop_app.core.site.library.summaries import PostSummary, arrange

PostRole = Qt.ItemDataRole.UserRole + 1
PathRole = Qt.ItemDataRole.UserRole + 2
HeaderRole = Qt.ItemDataRole.UserRole + 3
GitRole = Qt.ItemDataRole.UserRole + 4  # (state, staging) of core/git/state.py, e.g. ("modified", "partly")
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class GroupHeader:
    """The row above a collection's posts."""

    name: str
    label: str
    count: int


class LibraryModel(QAbstractListModel):
    """The visible posts: all posts narrowed by query, status and collection, in the chosen order."""

    def __init__(self) -> None:
        super().__init__()
        self._all: list[PostSummary] = []
        self._rows: list[PostSummary | GroupHeader] = []
        self._query = ""
        self._status = "all"
        self._order = "newest"
        self._collection = ""  # "" = every collection
        self._collections: list[tuple[str, str]] = []  # (name, label) in the site's order
        self._staging: dict[str, str] = {}  # path → "staged" | "partly", from the last git state

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
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
        if index.isValid() and index.row() < len(self._rows) and isinstance(self._rows[index.row()], GroupHeader):
            return Qt.ItemFlag.NoItemFlags
        return super().flags(index)

    def set_collections(self, collections: list[tuple[str, str]]) -> None:
        """The site's collections as (name, label); headers appear when there are several."""
        self._collections = list(collections)
        self.set_posts(self._all)

    def set_posts(self, posts: list[PostSummary]) -> None:
        self.beginResetModel()
        self._all = list(posts)
        visible = arrange(self._all, self._query, self._status, self._order)
        if self._collection:
            visible = [post for post in visible if post.collection == self._collection]
        self._rows = self._grouped(visible)
        self.endResetModel()

    def _grouped(self, visible: list[PostSummary]) -> list[PostSummary | GroupHeader]:
        if len(self._collections) < 2 or self._collection:
            return list(visible)
        rows: list[PostSummary | GroupHeader] = []
        labels = dict(self._collections)
        names = [name for name, _ in self._collections]
        names += sorted({post.collection for post in visible} - set(names))
        for name in names:
            members = [post for post in visible if post.collection == name]
            if members:  # a Hugo section's own page is listed but is not one of its posts
                count = sum(1 for post in members if post.role != "section")
                rows.append(GroupHeader(name, labels.get(name, name.title()), count))
                rows += members
        return rows

    def set_git_states(self, states: dict[str, tuple[str, str]]) -> bool:
        """path → (state, staging) of every changed post; every other post is unchanged.

        Only rows whose badge changes are touched; the list is re-arranged only when a post's
        state changed (the "changed" filter and `is:changed` depend on it); True when it was."""
        staging = {path: staged for path, (_state, staged) in states.items() if staged}
        changed = False
        posts = []
        for post in self._all:
            state = states.get(post.path, ("", ""))[0]
            if post.git_state != state:
                post = replace(post, git_state=state)
                changed = True
            posts.append(post)
        restaged = staging != self._staging
        self._staging = staging
        if changed:
            self.set_posts(posts)
        elif restaged and self._rows:
            self.dataChanged.emit(self.index(0), self.index(len(self._rows) - 1), [GitRole])
        return changed

    def set_query(self, query: str) -> None:
        if query != self._query:
            self._query = query
            self.set_posts(self._all)

    def set_status(self, status: str) -> None:
        """all, drafts, published or changed (see `STATUSES` in `core/site/library/summaries.py`)."""
        if status != self._status:
            self._status = status
            self.set_posts(self._all)

    def set_order(self, order: str) -> None:
        """newest, oldest or title (see `ORDERS` in `core/site/library/summaries.py`)."""
        if order != self._order:
            self._order = order
            self.set_posts(self._all)

    def set_collection(self, name: str) -> None:
        """Show one collection's posts ("" for all)."""
        if name != self._collection:
            self._collection = name
            self.set_posts(self._all)

    @property
    def collection(self) -> str:
        return self._collection

    @property
    def all_posts(self) -> list[PostSummary]:
        return list(self._all)

    @property
    def visible_posts(self) -> list[PostSummary]:
        return [row for row in self._rows if isinstance(row, PostSummary)]

    def row_of(self, path: str) -> int:
        """The row showing `path`: its own, or its article's when it is a translation."""
        return next((row for row, post in enumerate(self._rows) if isinstance(post, PostSummary)
                     and (post.path == path or any(path == other for _code, other in post.translations))), -1)
