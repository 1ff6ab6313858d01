"""Help → Keyboard Shortcuts: every key the window answers to, by menu and by place, searchable.

Built from the window's actions each time it opens (`catalogue.py`), so it never lists a key
that has moved, and from `PLACE_KEYS` for keys that belong to a widget (Enter in the search).
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.ui import metrics
from desktop_app.ui.commands.catalogue import PLACE_KEYS, Command
from desktop_app.ui.commands.fuzzy import Query


def shortcut_groups(commands: list[Command],
                    place_keys: tuple[tuple[str, str, str], ...] = PLACE_KEYS) -> list[tuple[str, list[tuple[str, str]]]]:
    """(group, [(what, keys)]) in menu order, then the places' own keys; actions without a key are left out."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for command in commands:
        if command.keys:
            groups.setdefault(command.place.split(" › ")[0], []).append((command.name, command.keys))
    for place, what, keys in place_keys:
        groups.setdefault(place, []).append((what, keys))
    return list(groups.items())


class ShortcutsDialog(QDialog):
    """A two-column list (what, keys) grouped under headings, with a filter field."""

    def __init__(self, commands: Callable[[], list[Command]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle("Keyboard Shortcuts")
        self._commands = commands
        self.filter = QLineEdit(placeholderText="Filter: a command or a key (ctrl+s)…")
        self.filter.setObjectName("shortcutsFilter")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._apply_filter)
        self.tree = QTreeWidget()
        self.tree.setObjectName("shortcutsTree")
        self.tree.setHeaderLabels(["Command", "Keys"])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setStyleSheet("QTreeWidget::item { padding: 3px 2px; }")  # rows a reader's eye can follow
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setStretchLastSection(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(metrics.MARGIN * 2, metrics.MARGIN * 2, metrics.MARGIN * 2, metrics.MARGIN)
        layout.setSpacing(metrics.SPACING * 2)
        layout.addWidget(self.filter)
        layout.addWidget(self.tree, 1)
        layout.addWidget(buttons)
        self.reload()

    def reload(self) -> None:
        """List the keys as the window has them now."""
        self.tree.clear()
        bold = self.font()
        bold.setBold(True)
        for group, entries in shortcut_groups(self._commands()):
            heading = QTreeWidgetItem([group, ""])
            heading.setFont(0, bold)
            heading.setFlags(Qt.ItemFlag.ItemIsEnabled)
            heading.setFirstColumnSpanned(False)
            self.tree.addTopLevelItem(heading)
            for what, keys in entries:
                item = QTreeWidgetItem(["    " + what, keys])
                item.setData(0, Qt.ItemDataRole.UserRole, group)
                self.tree.addTopLevelItem(item)
        self._apply_filter(self.filter.text())

    def entries(self) -> list[tuple[str, str, str]]:
        """(group, what, keys) of the rows shown now."""
        shown = []
        for index in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(index)
            group = item.data(0, Qt.ItemDataRole.UserRole)
            if group is not None and not item.isHidden():
                shown.append((group, item.text(0).strip(), item.text(1)))
        return shown

    def _apply_filter(self, text: str) -> None:
        """Keep the rows whose command, group or keys match; a heading shows while a row of it does."""
        query = Query(text.replace("+", " "))  # "ctrl+s" finds Ctrl+S
        heading: QTreeWidgetItem | None = None
        visible_in_group = False
        for index in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(index)
            group = item.data(0, Qt.ItemDataRole.UserRole)
            if group is None:
                if heading is not None:
                    heading.setHidden(not visible_in_group)
                heading, visible_in_group = item, False
                continue
            keys = item.text(1).replace("+", " ")
            shown = not query or any(query.match(part) is not None for part in
                                     (item.text(0), f"{group} {item.text(0)}", keys))
            item.setHidden(not shown)
            visible_in_group = visible_in_group or shown
        if heading is not None:
            heading.setHidden(not visible_in_group)
