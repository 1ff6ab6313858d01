"""The New post sheet: title, collection, the file it will create (its slug editable), draft, tags
and author, in one dialog.

The file's path is shown as it will be written while the title is typed, so nobody is surprised
by a `2024-05-06-` prefix or an `index.md` in a folder; a path that is taken is said before
Create is pressed. The slug follows the title until the writer edits it. What the collection
offers (a draft switch, tags, an author) comes from a `Planner` (the site's schema and posts).
"""

from __future__ import annotations

import datetime as dt
from typing import Protocol

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QFontMetrics, QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.errors import PostdeskError
from desktop_app.core.site.posts.files import slugify
from desktop_app.core.site.posts.new_post import NewPost, SheetOptions
from desktop_app.ui import metrics
from desktop_app.ui.form.tag_edit import TagEdit

PLAN_DELAY_MS = 120  # the path follows the typing a moment later (a pattern may read fields)


class Planner(Protocol):
    """What the sheet needs to know about the site (`command_wiring` builds it from the workspace)."""

    def collections(self) -> list[tuple[str, str]]: ...  # (name, label) of those taking new posts
    def options(self, collection: str) -> SheetOptions: ...
    def default_author(self, options: SheetOptions) -> str: ...
    def path(self, request: NewPost, options: SheetOptions, date: dt.datetime) -> str: ...
    def exists(self, path: str) -> bool: ...


class NewPostSheet(QDialog):
    """After Create, `request()` is what the writer asked for."""

    def __init__(self, planner: Planner, collection: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("newPostSheet")
        self.setWindowTitle("New post")
        self.planner = planner
        self.moment = dt.datetime.now().replace(microsecond=0)  # the date the post and its path get
        self._slug_edited = False
        self.options = SheetOptions("", "", "")

        self.title = QLineEdit(placeholderText="What is it called?")
        self.title.setObjectName("newPostTitle")
        self.title.textChanged.connect(self._title_changed)
        self.collection = QComboBox()
        self.collection.setObjectName("newPostCollection")
        for name, label in planner.collections():
            self.collection.addItem(label, name)
        self.collection.setCurrentIndex(max(0, self.collection.findData(collection)))
        self.collection.currentIndexChanged.connect(self._collection_changed)
        self.slug = QLineEdit(placeholderText="from the title")
        self.slug.setObjectName("newPostSlug")
        self.slug.textEdited.connect(self._slug_typed)
        self.path = QLabel()
        self.path.setObjectName("newPostPath")
        self.path.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.path.setWordWrap(True)
        small = self.path.font()
        small.setPointSizeF(small.pointSizeF() * 0.9)
        self.path.setFont(small)
        self.path.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.path.setMinimumHeight(QFontMetrics(small).lineSpacing() * 2 + 2)  # a long path wraps, never cut
        self.draft = QCheckBox("Draft: the site does not publish it until you untick this")
        self.draft.setObjectName("newPostDraft")
        self.draft.setChecked(True)
        self.tags = TagEdit()
        self.tags.setObjectName("newPostTags")
        self.tags.input.installEventFilter(self)
        self.author = QComboBox()
        self.author.setObjectName("newPostAuthor")
        self.author.setEditable(True)
        self.author.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)

        form = QFormLayout()
        form.setVerticalSpacing(metrics.SPACING * 2)
        form.addRow("Title", self.title)
        form.addRow("Collection", self.collection)
        file_row = QWidget()
        file_column = QVBoxLayout(file_row)
        file_column.setContentsMargins(0, 0, 0, 0)
        file_column.setSpacing(3)
        file_column.addWidget(self.slug)
        file_column.addWidget(self.path)
        form.addRow("File name", file_row)
        form.addRow("", self.draft)
        form.addRow("Tags", self.tags)
        form.addRow("Author", self.author)
        self.form = form
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.create_button = self.buttons.addButton("Create", QDialogButtonBox.ButtonRole.AcceptRole)
        self.create_button.setObjectName("newPostCreate")
        self.create_button.setDefault(True)
        self.buttons.accepted.connect(self._create)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(metrics.MARGIN * 2, metrics.MARGIN * 2, metrics.MARGIN * 2, metrics.MARGIN * 2)
        layout.setSpacing(metrics.SPACING * 2)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)
        self._plan_timer = QTimer(self, singleShot=True, interval=PLAN_DELAY_MS)
        self._plan_timer.timeout.connect(self.update_path)
        self._collection_changed()
        form.setRowVisible(self.collection, self.collection.count() > 1)
        self.title.setFocus()

    # --- what the writer asked for ----------------------------------------------------------

    def request(self) -> NewPost:
        pending = self.tags.input.text().strip()  # typed but not yet turned into a chip
        tags = self.tags.tags() + ([pending] if pending and pending not in self.tags.tags() else [])
        return NewPost(
            title=self.title.text().strip(), collection=self.collection.currentData() or "",
            slug=self.slug.text().strip() if self._slug_edited else "",
            draft=self.draft.isChecked() if self.options.draft_key else True,
            tags=tuple(tags) if self.options.tags_key else (),
            author=self.author.currentText().strip() if self.options.author_key else "")

    def _create(self) -> None:
        self.update_path()
        if self.create_button.isEnabled():
            self.accept()

    # --- following the typing -----------------------------------------------------------------

    def _title_changed(self, title: str) -> None:
        if not self._slug_edited:
            self.slug.setText(slugify(title) if title.strip() else "")
        self._plan_timer.start()
        self.create_button.setEnabled(bool(title.strip()))

    def _slug_typed(self, text: str) -> None:
        self._slug_edited = bool(text.strip())  # emptied: it follows the title again
        self._plan_timer.start()

    def _collection_changed(self) -> None:
        self.options = self.planner.options(self.collection.currentData() or "")
        self.form.setRowVisible(self.draft, bool(self.options.draft_key))
        self.form.setRowVisible(self.tags, bool(self.options.tags_key))
        self.form.setRowVisible(self.author, bool(self.options.author_key))
        self.tags.set_completions(list(self.options.tags))
        typed = self.author.currentText()
        self.author.clear()
        self.author.addItems(list(self.options.authors))
        self.author.setCurrentText(typed or self.planner.default_author(self.options))
        self.update_path()

    def update_path(self) -> None:
        """Show the file the post will be, and refuse Create while it is taken or has no title."""
        self._plan_timer.stop()
        request = self.request()
        if not request.title:
            self._say("Type a title: the file's name comes from it.", problem=False)
            self.create_button.setEnabled(False)
            return
        try:
            path = self.planner.path(request, self.options, self.moment)
        except PostdeskError as error:
            self._say(error.message, problem=True)
            self.create_button.setEnabled(False)
            return
        taken = self.planner.exists(path)
        self._say(f"{path} already exists: change the title or the file name." if taken
                  else f"Creates {path}", problem=taken)
        self.create_button.setEnabled(not taken)

    def _say(self, text: str, problem: bool) -> None:
        self.path.setText(text)
        colours = metrics.row_colours(self.palette().color(self.backgroundRole()).lightness() < 128)
        self.path.setStyleSheet(f"color: {(colours.error if problem else colours.muted).name()};")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """Enter in the tag field adds the tag typed; only an empty tag field lets Enter create."""
        if watched is self.tags.input and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.tags.input.text().strip():
                self.tags.input.returnPressed.emit()
                return True
        return False
