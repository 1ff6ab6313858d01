"""The post library sidebar: the branch's sync line, search box, the list of posts with their git
badges, and new / rename / delete.

It asks the user (titles, confirmation) and then emits a complete request; the owner carries the
request out on the workspace. It never touches files itself.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.git.state import RepoState, sync_summary
from desktop_app.core.site.library.index import LibraryIndex
from desktop_app.core.site.library.summaries import PostSummary
from desktop_app.core.wording import plural
from desktop_app.ui import metrics
from desktop_app.ui.library.delegate import PostDelegate
from desktop_app.ui.library.model import LibraryModel, PathRole, PostRole
from desktop_app.ui.library.new_post_sheet import NewPostSheet, Planner
from desktop_app.ui.notify import Notifier


class PostList(QTableView):
    """The list of posts: a one-column table whose rows all have the same height (a header row
    its own), so Qt lays out 100,000 rows without asking the model about each; a list view
    would ask every row for its size, and the model for its row count twice a row."""

    def __init__(self) -> None:
        super().__init__()
        self.horizontalHeader().hide()
        self.horizontalHeader().setStretchLastSection(True)
        rows = self.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setMinimumSectionSize(1)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setCornerButtonEnabled(False)
        self.setTabKeyNavigation(False)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._fit_rows()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit_rows()

    def _fit_rows(self) -> None:
        self.verticalHeader().setDefaultSectionSize(PostDelegate.row_height(self.font()))
        self.fit_headers()

    def fit_headers(self) -> None:
        """Give each collection's header row its own, smaller height (after every new set of rows)."""
        shown = getattr(self.model(), "arrangement", None)
        height = PostDelegate.header_height(self.font())
        for row in shown.headers if shown is not None else ():
            self.verticalHeader().resizeSection(row, height)


class LibraryView(QWidget):
    """Signals carry repo-relative post paths."""

    post_selected = Signal(str)
    create_requested = Signal(str, str)  # title, collection name ("" = the site's first)
    rename_requested = Signal(str, str)  # path, new slug
    delete_requested = Signal(str)  # path (already confirmed)
    new_post_requested = Signal(object)  # a NewPost, from the New post sheet
    fetch_requested = Signal()  # "check the remote for new commits"
    writing_requested = Signal()  # Enter in the search opened a post: the editor takes the keyboard

    def __init__(self, notifier: Notifier, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.notifier = notifier
        self.model = LibraryModel()
        self.model.arranged.connect(self._on_arranged)
        self.model.search_failed.connect(self.notifier.note)
        self.destroyed.connect(self.model.shutdown)
        self._quiet = False
        self._open_path: str | None = None
        self.planner: Planner | None = None  # what the New post sheet offers (set by the window)
        self.sheet: NewPostSheet | None = None  # while the New post sheet is open
        self._keep: str | None = None  # the post to select once the rows being arranged arrive
        self._pending_key = ""  # "down" or "write": a key in the search waiting for its rows
        self.setObjectName("library")

        self.sync_label = QLabel("")
        self.sync_label.setObjectName("librarySync")
        self.sync_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.fetch_button = QToolButton(text="⟳")
        self.fetch_button.setObjectName("fetchButton")
        self.fetch_button.setToolTip("Check the remote for new commits (fetch). Nothing in your posts changes.")
        self.fetch_button.clicked.connect(self.fetch_requested)
        self.fetch_button.hide()

        self.search = QLineEdit(placeholderText="Search title, tags, text…  (tag:x, is:draft)")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._on_query)
        self.search.installEventFilter(self)  # Down and Enter reach the results
        self.new_button = QToolButton(text="+ New")  # ASCII: many desktop fonts lack the full-width ＋
        self.new_button.setToolTip("New post (Ctrl+N)")
        self.new_button.clicked.connect(self.ask_new_post)

        self.count_label = QLabel()
        self.count_label.setObjectName("libraryCount")
        self.status_filter = QComboBox()
        self.status_filter.setObjectName("statusFilter")
        for label, status in (("All posts", "all"), ("Drafts", "drafts"), ("Published", "published"),
                              ("Changed", "changed")):
            self.status_filter.addItem(label, status)
        self.status_filter.currentIndexChanged.connect(
            lambda: self._rearrange(lambda: self.model.set_status(self.status_filter.currentData())))
        self.order = QComboBox()
        self.order.setObjectName("sortOrder")
        for label, order in (("Newest first", "newest"), ("Oldest first", "oldest"), ("Title A–Z", "title")):
            self.order.addItem(label, order)
        self.order.currentIndexChanged.connect(
            lambda: self._rearrange(lambda: self.model.set_order(self.order.currentData())))
        self.collection_filter = QComboBox()
        self.collection_filter.setObjectName("collectionFilter")
        self.collection_filter.hide()
        self.collection_filter.currentIndexChanged.connect(
            lambda: self._rearrange(lambda: self.model.set_collection(self.collection_filter.currentData() or "")))
        self._creatable: list[tuple[str, str]] = []

        self.list = PostList()
        self.list.setObjectName("postList")
        self.list.setModel(self.model)
        self.delegate = PostDelegate(self.list, lambda: self._open_path)
        self.delegate.language_chosen.connect(self._open_translation)
        self.list.setItemDelegate(self.delegate)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.customContextMenuRequested.connect(self._context_menu)
        self.list.selectionModel().currentChanged.connect(self._on_current)
        self.list.setFrameShape(PostList.Shape.NoFrame)
        self.list.installEventFilter(self)  # Up on the first post goes back to the search

        top = QHBoxLayout()
        top.setSpacing(metrics.SPACING)
        top.addWidget(self.search, 1)
        top.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(metrics.MARGIN, metrics.MARGIN, 0, 0)
        layout.setSpacing(metrics.SPACING)
        sync = QHBoxLayout()
        sync.setSpacing(metrics.SPACING)
        sync.addWidget(self.sync_label, 1)
        sync.addWidget(self.fetch_button)
        layout.addLayout(sync)
        layout.addLayout(top)
        controls = QHBoxLayout()
        controls.setSpacing(metrics.SPACING)
        controls.addWidget(self.collection_filter)
        controls.addWidget(self.status_filter)
        controls.addWidget(self.order)
        controls.addStretch(1)
        controls.addWidget(self.count_label)
        layout.addLayout(controls)
        layout.addWidget(self.list, 1)

        rename = QAction("Rename…", self, shortcut=QKeySequence(Qt.Key.Key_F2))
        rename.triggered.connect(lambda: self.ask_rename(self.current_path()))
        delete = QAction("Delete…", self, shortcut=QKeySequence(QKeySequence.StandardKey.Delete))
        delete.triggered.connect(lambda: self.ask_delete(self.current_path()))
        for action in (rename, delete):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.list.addAction(action)
        self._actions = {"rename": rename, "delete": delete}

    # --- content -----------------------------------------------------------------------------

    def set_collections(self, collections: list[tuple[str, str, bool]]) -> None:
        """The site's collections as (name, label, creatable): a filter appears when there are several."""
        self._creatable = [(name, label) for name, label, create in collections if create]
        self.collection_filter.blockSignals(True)
        self.collection_filter.clear()
        self.collection_filter.addItem("All collections", "")
        for name, label, _ in collections:
            self.collection_filter.addItem(label, name)
        self.collection_filter.blockSignals(False)
        self.collection_filter.setVisible(len(collections) > 1)
        self.model.set_collection("")
        self.model.set_collections([(name, label) for name, label, _ in collections])

    def set_index(self, index: LibraryIndex) -> None:
        """Answer search words from the library index (off the GUI thread), and build its
        full-text search while the library is idle."""
        self.model.set_search(index.find, index.build_search)

    def set_posts(self, posts: list[PostSummary], keep: str | None = None) -> None:
        """Show `posts`; keep the selection on `keep` (or the current post) without re-emitting."""
        self._keep = keep or self.current_path() or self._keep
        if not self.model.set_posts(posts) and self.model.settled:
            self._on_arranged()  # the same rows: only the selection to keep

    def show_partial(self, posts: list[PostSummary]) -> None:
        """The rows a scan has read so far, shown while it goes on (the full list follows)."""
        self.set_posts(posts)

    def show_git_state(self, state: RepoState, post_states: dict[str, tuple[str, str]]) -> None:
        """The branch's line at the top ("main · ↑2 to push · ↓1 to pull") and each post's badges."""
        self.sync_label.setText(sync_summary(state))
        branch = state.branch
        self.sync_label.setToolTip(
            f"Compared with {branch.upstream} as last fetched." if branch.upstream else
            "This branch is not on a remote yet; Push publishes it.")
        self.fetch_button.setVisible(state.has_remote)
        self._keep = self._open_path  # when the states re-arrange the rows: keep the open post selected
        self.model.set_git_states(post_states)

    def select(self, path: str | None, emit: bool = True) -> None:
        if path:
            self._open_path = path  # remembered while a search hides it
        row = self.model.row_of(path) if path else -1
        if row < 0:
            return
        index = self.model.index(row)
        # Blocking the selection model's signals would leave the view painting the old row as
        # selected, so a flag silences only our own post_selected signal.
        self._quiet = not emit
        try:
            self.list.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        finally:
            self._quiet = False
        self.list.scrollTo(index)

    def current_path(self) -> str | None:
        index = self.list.currentIndex()
        return index.data(PathRole) if index.isValid() else None

    def post(self, path: str) -> PostSummary | None:
        """The library's row for `path` (an article's row for any of its translations)."""
        return self.model.post(path)

    def _open_translation(self, path: str) -> None:
        """A language of an article was chosen (its chip in the row, or the context menu)."""
        self._open_path = path
        self.post_selected.emit(path)
        self.list.viewport().update()

    def _on_query(self, text: str) -> None:
        self._rearrange(lambda: self.model.set_query(text))

    def _rearrange(self, change: Callable[[], None]) -> None:
        """Apply a search, filter or order change; the open post stays selected (`_on_arranged`)."""
        self._keep = self._open_path
        change()

    def _on_arranged(self) -> None:
        """New rows are in: fit the header rows, say how many, select the post to keep."""
        self.list.fit_headers()
        self._update_count()
        keep, self._keep = self._keep, None
        self.select(keep or self._open_path, emit=False)
        pending, self._pending_key = self._pending_key, ""
        if pending and self.model.settled and self.window().focusWidget() is self.search:
            self._search_key(pending == "write")

    def _update_count(self) -> None:
        shown = self.model.arrangement
        text = f"{plural(shown.total, 'post')} · {plural(shown.drafts, 'draft')}" if shown.shown == shown.total else \
            f"{shown.shown} of {plural(shown.total, 'post')}"
        self.count_label.setText(text)

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid() and current.data(PathRole) and not self._quiet:
            self._open_path = current.data(PathRole)
            self.post_selected.emit(self._open_path)

    # --- keys between the search and the results -------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """Down in the search goes to the first result, Enter opens it for writing; in the results,
        Enter writes in the chosen post and Up on the first one comes back to the search."""
        if event.type() != QEvent.Type.KeyPress:
            return False
        assert isinstance(event, QKeyEvent)
        key, plain = event.key(), not (event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier)
        if watched is self.search and plain and key in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            write = key != Qt.Key.Key_Down
            if not self.model.settled:  # the rows for what was just typed are on their way
                self._pending_key = "write" if write else "down"
                return True
            return self._search_key(write)
        if watched is self.list and plain and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.current_path():
            self.writing_requested.emit()  # the post chosen with the arrows: write in it
            return True
        if watched is self.list and plain and key == Qt.Key.Key_Up and self._first_row() == self.list.currentIndex().row():
            self.search.setFocus(Qt.FocusReason.OtherFocusReason)
            self.search.selectAll()
            return True
        return False

    def _search_key(self, write: bool) -> bool:
        """Down (or Enter, `write`) in the search, on rows that answer it."""
        found = self._to_results()
        if found and write:
            self.writing_requested.emit()
        return found or write

    def _first_row(self) -> int:
        return next((row for row in range(self.model.rowCount()) if self.model.index(row).data(PathRole)), -1)

    def _to_results(self) -> bool:
        """Select the first result (which opens it) and give the list the keyboard; False when none."""
        row = self._first_row()
        if row < 0:
            return False
        self.list.setFocus(Qt.FocusReason.OtherFocusReason)
        self.list.setCurrentIndex(self.model.index(row))
        return True

    # --- requests ------------------------------------------------------------------------------

    def ask_new_post(self) -> None:
        """Ask for a title, and for the collection when the site has several that take new entries:
        in the New post sheet once a `planner` is set (the window sets it), else in two questions."""
        collection = self.model.collection
        if self.planner is not None:
            self.sheet = NewPostSheet(self.planner, collection, self.window())
            self.sheet.accepted.connect(lambda sheet=self.sheet: self.new_post_requested.emit(sheet.request()))
            self.sheet.finished.connect(lambda _result, sheet=self.sheet: self._sheet_closed(sheet))
            self.sheet.open()
            return
        if not collection and len(self._creatable) > 1:
            labels = [label for _, label in self._creatable]
            label, ok = QInputDialog.getItem(self, "New entry", "Collection:", labels, 0, False)
            if not ok:
                return
            collection = self._creatable[labels.index(label)][0]
        title, ok = QInputDialog.getText(self, "New entry" if collection else "New post", "Title:")
        if ok and title.strip():
            self.create_requested.emit(title.strip(), collection)

    def _sheet_closed(self, sheet: NewPostSheet) -> None:
        if self.sheet is sheet:
            self.sheet = None
        sheet.deleteLater()

    def ask_rename(self, path: str | None) -> None:
        if not path:
            return
        stem = path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        slug, ok = QInputDialog.getText(self, "Rename post", "New file name (slug):", text=stem)
        if ok and slug.strip() and slug.strip() != stem:
            self.rename_requested.emit(path, slug.strip())

    def ask_delete(self, path: str | None) -> None:
        if not path:
            return
        post = self.post(path)
        title = post.title if post else path
        question = (f"Delete “{title}”?\n\nThe file {path} will be removed from the working tree. "
                    "If it was committed, git keeps the old version.")
        if self.notifier.confirm("Delete post", question, "Delete", destructive=True):
            self.delete_requested.emit(path)

    def _context_menu(self, position: QPoint) -> None:
        index = self.list.indexAt(position)
        menu = QMenu(self)
        menu.addAction("New post…", self.ask_new_post)
        if index.isValid() and index.data(PostRole) is not None:
            post: PostSummary = index.data(PostRole)
            if post.translations:  # one article in several languages: open any of them
                menu.addSeparator()
                for code, path in post.translations:
                    action = menu.addAction(f"Open in {code.upper()}", lambda chosen=path: self._open_translation(chosen))
                    action.setCheckable(True)
                    action.setChecked(path == self._open_path)
            menu.addSeparator()
            menu.addAction(self._actions["rename"])
            menu.addAction(self._actions["delete"])
            menu.setTitle(post.title)
        menu.exec(self.list.viewport().mapToGlobal(position))
