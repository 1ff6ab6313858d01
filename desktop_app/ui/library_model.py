"""A list model over the library's `PostSummary` rows, filtered by the search box's query.

Filtering reuses `core.library.matches`, so the sidebar and `postdesk list --search` agree.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from desktop_app.core.library import PostSummary, arrange

PostRole = Qt.ItemDataRole.UserRole + 1
PathRole = Qt.ItemDataRole.UserRole + 2
Index = QModelIndex | QPersistentModelIndex


class LibraryModel(QAbstractListModel):
    """The visible posts: all posts narrowed by `query`, newest first."""

    def __init__(self) -> None:
        super().__init__()
        self._all: list[PostSummary] = []
        self._visible: list[PostSummary] = []
        self._query = ""
        self._status = "all"
        self._order = "newest"

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self._visible)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._visible):
            return None
        post = self._visible[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return post.title
        if role == Qt.ItemDataRole.ToolTipRole:
            return post.path + (f"\n{post.error}" if post.error else "")
        if role == PostRole:
            return post
        if role == PathRole:
            return post.path
        return None

    def set_posts(self, posts: list[PostSummary]) -> None:
        self.beginResetModel()
        self._all = list(posts)
        self._visible = arrange(self._all, self._query, self._status, self._order)
        self.endResetModel()

    def set_query(self, query: str) -> None:
        if query != self._query:
            self._query = query
            self.set_posts(self._all)

    def set_status(self, status: str) -> None:
        """all, drafts, published or changed (see core.library.STATUSES)."""
        if status != self._status:
            self._status = status
            self.set_posts(self._all)

    def set_order(self, order: str) -> None:
        """newest, oldest or title (see core.library.ORDERS)."""
        if order != self._order:
            self._order = order
            self.set_posts(self._all)

    @property
    def all_posts(self) -> list[PostSummary]:
        return list(self._all)

    def row_of(self, path: str) -> int:
        return next((row for row, post in enumerate(self._visible) if post.path == path), -1)

    def all_tags(self) -> list[str]:
        return sorted({tag for post in self._all for tag in post.tags}, key=str.lower)
