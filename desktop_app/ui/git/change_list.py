"""The changes panel's list: changed posts by title, each post's changed images under it, then
"Other files". A row's tick box is its staging: ticked = staged, a dash = partly staged.

Ticking or unticking a row asks (via `stage_requested`) to stage or unstage every path of the
row: a post's row stands for the post and its images, an image's row or a file's for itself.
"""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Callable

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListWidget,
    QListWidgetItem,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from desktop_app.core.git.staging import ChangeList, PostChange
from desktop_app.core.git.state import CONFLICTED, PARTLY, STAGED, FileChange
from desktop_app.core.resources import resource_path
from desktop_app.ui import metrics
from desktop_app.ui.git.badges import state_word

PathRole = Qt.ItemDataRole.UserRole + 1
StateRole = Qt.ItemDataRole.UserRole + 2
PathsRole = Qt.ItemDataRole.UserRole + 3  # every path the row stages (a post: with its images)
KindRole = Qt.ItemDataRole.UserRole + 4  # "post", "image", "other" or "heading"
POST, IMAGE, OTHER, HEADING = "post", "image", "other", "heading"
INDENT = 22
_CHECKS = {STAGED: Qt.CheckState.Checked, PARTLY: Qt.CheckState.PartiallyChecked}
# Tick boxes that read on either theme (palette() follows it): ticked, dashed (partly), empty.
_INDICATORS = """
QListWidget#changedPosts::indicator { width: 14px; height: 14px; border-radius: 4px;
    border: 1px solid palette(placeholder-text); background: palette(base); }
QListWidget#changedPosts::indicator:hover { border-color: palette(highlight); }
QListWidget#changedPosts::indicator:checked { background: palette(highlight); border-color: palette(highlight);
    image: url($icons/check.svg); }
QListWidget#changedPosts::indicator:indeterminate { background: palette(highlight); border-color: palette(highlight);
    image: url($icons/dash.svg); }
"""


class _IndentDelegate(QStyledItemDelegate):
    """Draws an image row (tick box and all) indented under its post."""

    def _shifted(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QStyleOptionViewItem:
        if index.data(KindRole) != IMAGE:
            return option
        shifted = QStyleOptionViewItem(option)
        shifted.rect = option.rect.adjusted(INDENT, 0, 0, 0)
        return shifted

    def paint(self, painter, option, index) -> None:  # noqa: ANN001 - Qt override
        super().paint(painter, self._shifted(option, index), index)

    def editorEvent(self, event: QEvent, model, option, index) -> bool:  # noqa: ANN001, N802 - Qt override
        return super().editorEvent(event, model, self._shifted(option, index), index)


class ChangeListWidget(QListWidget):
    """Signals: `stage_requested(paths, stage)` when the writer ticks (True) or unticks a row."""

    stage_requested = Signal(list, bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("changedPosts")
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setItemDelegate(_IndentDelegate(self))
        self.setStyleSheet(_INDICATORS.replace("$icons", resource_path("icons").as_posix()))
        self.itemChanged.connect(self._on_item_changed)
        self._building = False
        self._dark = False

    def show_changes(self, changes: ChangeList, title_of: Callable[[str], str]) -> None:
        """Rebuild the rows; the selected path stays selected (no selection signal when it does)."""
        current = self.selected_path()
        self._building = True
        self.blockSignals(True)
        try:
            self.clear()
            posts = sorted(changes.posts, key=lambda post: (title_of(post.path).lower(), post.path))
            for post in posts:
                self._add_post(post, title_of(post.path))
                for image in post.images:
                    self._add_file(image, IMAGE)
            if changes.other:
                heading = QListWidgetItem(f"Other files ({len(changes.other)})")
                heading.setData(KindRole, HEADING)
                heading.setFlags(Qt.ItemFlag.ItemIsEnabled)
                font = QFont(self.font())
                font.setWeight(QFont.Weight.DemiBold)
                heading.setFont(font)
                heading.setToolTip("Changed files that are not posts or the images of a changed post")
                self.addItem(heading)
                for change in changes.other:
                    self._add_file(change, OTHER)
            for row in range(self.count()):
                if current is not None and self.item(row).data(PathRole) == current:
                    self.setCurrentRow(row)
        finally:
            self.blockSignals(False)
            self._building = False

    def _add_post(self, post: PostChange, title: str) -> None:
        word = state_word(post.state) if post.change is not None else "Images changed"
        staging = " · partly staged" if post.staging == PARTLY else ""
        item = QListWidgetItem(f"{title}\n{word}{staging} · {post.path}")
        item.setToolTip(post.path + "".join(f"\n  with {image.path}" for image in post.images))
        self._finish(item, post.path, post.state, post.paths, POST, post.staging,
                     checkable=post.state != CONFLICTED)

    def _add_file(self, change: FileChange, kind: str) -> None:
        name = PurePosixPath(change.path).name
        word = state_word(change.state) + (" image" if kind == IMAGE else "")
        staging = " · partly staged" if change.staging == PARTLY else ""
        renamed = f" (was {change.original_path})" if change.original_path else ""
        item = QListWidgetItem(f"{name}\n{word}{staging} · {change.path}{renamed}")
        item.setToolTip(change.path)
        paths = [change.path] + ([change.original_path] if change.original_path else [])
        self._finish(item, change.path, change.state, paths, kind, change.staging,
                     checkable=not change.conflicted)

    def _finish(self, item: QListWidgetItem, path: str, state: str, paths: list[str], kind: str,
                staging: str, checkable: bool) -> None:
        item.setData(PathRole, path)
        item.setData(StateRole, state)
        item.setData(PathsRole, paths)
        item.setData(KindRole, kind)
        item.setForeground(metrics.row_colours(self._dark).git_state(state))
        if checkable:
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(_CHECKS.get(staging, Qt.CheckState.Unchecked))
        else:
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsUserCheckable)
            item.setToolTip(f"{path}\nResolve the conflict first; then it can be staged.")
        self.addItem(item)

    def _on_item_changed(self, item: QListWidgetItem) -> None:
        if self._building or not item.flags() & Qt.ItemFlag.ItemIsUserCheckable:
            return
        state = item.checkState()
        if state == Qt.CheckState.PartiallyChecked:
            return  # only the refresh sets a dash; a click goes to ticked or unticked
        self.stage_requested.emit(list(item.data(PathsRole)), state == Qt.CheckState.Checked)

    def set_dark(self, dark: bool) -> None:
        self._dark = dark
        colours = metrics.row_colours(dark)
        for row in range(self.count()):
            item = self.item(row)
            if item.data(KindRole) != HEADING:
                item.setForeground(colours.git_state(item.data(StateRole)))

    def selected_path(self) -> str | None:
        item = self.currentItem()
        return item.data(PathRole) if item else None

    def rows(self, kind: str | None = None) -> list[QListWidgetItem]:
        """The rows of one kind (post, image, other), or every row but the heading."""
        items = [self.item(row) for row in range(self.count())]
        return [item for item in items if item.data(KindRole) != HEADING and (kind is None or item.data(KindRole) == kind)]

    def staged_paths(self) -> list[str]:
        """The paths of ticked or dashed rows, as shown."""
        return [item.data(PathRole) for item in self.rows()
                if item.flags() & Qt.ItemFlag.ItemIsUserCheckable and item.checkState() != Qt.CheckState.Unchecked]
