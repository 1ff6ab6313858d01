"""The outline sidebar: the post's headings as a tree; click one to go there.

The heading the caret is under is the current item. A heading that skips a level (an h4 right
under an h2) carries a warning sign and says so in its tooltip: readers, screen readers and
search engines take the levels as the post's structure. The headings are read again a moment
after typing stops (`core/document/outline.py`: about a millisecond for a 20,000-word post), and
only while the sidebar is shown.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QTextCursor
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QStyle, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from desktop_app.core.document.outline import Heading, heading_at, headings

REFRESH_MS = 250
_STYLE = "QTreeWidget#outlineTree::item { padding: 3px 2px; }"  # rows a pointer can hit
EMPTY = "No headings yet.\nLines that start with # make the outline."
WARNING = "#b26a00"


def skip_note(heading: Heading, previous: int) -> str:
    """What the tooltip of a heading that skips levels says."""
    missing = ", ".join(f"h{level}" for level in range(previous + 1, heading.level))
    return f"h{heading.level} right after h{previous}: {missing} is skipped."


class OutlinePanel(QWidget):
    """The headings as a tree. `heading_chosen(index)` when one is clicked or activated."""

    heading_chosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("outlinePanel")
        self.tree = QTreeWidget()
        self.tree.setObjectName("outlineTree")
        self.tree.setHeaderHidden(True)
        self.tree.setColumnCount(1)
        self.tree.setIndentation(14)
        self.tree.setUniformRowHeights(True)
        self.tree.setExpandsOnDoubleClick(False)
        self.tree.setFrameShape(QTreeWidget.Shape.NoFrame)
        self.tree.setStyleSheet(_STYLE)
        self.tree.itemClicked.connect(lambda item, _column: self._choose(item))
        self.tree.itemActivated.connect(lambda item, _column: self._choose(item))
        self.empty = QLabel(EMPTY)
        self.empty.setObjectName("outlineEmpty")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.empty.setContentsMargins(10, 8, 10, 8)
        self.empty.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.empty, 1)
        self.items: list[QTreeWidgetItem] = []
        self.headings: list[Heading] = []
        self.current = -1
        self.show_headings([])

    def show_headings(self, found: list[Heading]) -> None:
        """Show `found`; the tree is rebuilt only when the headings themselves changed."""
        same = [(h.level, h.title, h.skipped) for h in found] == [(h.level, h.title, h.skipped) for h in self.headings]
        self.headings = found
        self.tree.setVisible(bool(found))
        self.empty.setVisible(not found)
        if same:
            return
        self.tree.clear()
        self.items = []
        self.current = -1
        warning = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        parents: list[tuple[int, QTreeWidgetItem]] = []
        previous = 1
        for index, heading in enumerate(found):
            while parents and parents[-1][0] >= heading.level:
                parents.pop()
            item = QTreeWidgetItem([heading.title or "(empty heading)"])
            item.setData(0, Qt.ItemDataRole.UserRole, index)
            if heading.skips:
                item.setIcon(0, warning)
                item.setForeground(0, QBrush(QColor(WARNING)))
                item.setToolTip(0, skip_note(heading, previous))
            else:
                item.setToolTip(0, f"h{heading.level}: {heading.title}")
            if parents:
                parents[-1][1].addChild(item)
            else:
                self.tree.addTopLevelItem(item)
            parents.append((heading.level, item))
            self.items.append(item)
            previous = heading.level
        self.tree.expandAll()
        self.tree.setCurrentIndex(QModelIndex())  # no heading is current until the caret says which

    def set_current(self, index: int) -> None:
        """Mark heading `index` as the one the caret is under (-1: none)."""
        if index == self.current or index >= len(self.items):
            return
        self.current = index
        if index < 0:
            self.tree.setCurrentIndex(QModelIndex())
            self.tree.clearSelection()
            return
        self.tree.setCurrentItem(self.items[index])
        self.tree.scrollToItem(self.items[index])

    def _choose(self, item: QTreeWidgetItem) -> None:
        self.heading_chosen.emit(int(item.data(0, Qt.ItemDataRole.UserRole)))


class Outline(QObject):
    """Keeps `panel` in step with `editor`'s text and caret; jumps the editor to chosen headings."""

    def __init__(self, editor: QPlainTextEdit, panel: OutlinePanel, parent: QObject | None = None) -> None:
        super().__init__(parent or editor)
        self.editor = editor
        self.panel = panel
        self._revision = -1  # the document revision the headings were read at
        self.timer = QTimer(self, singleShot=True, interval=REFRESH_MS)
        self.timer.timeout.connect(self.refresh)
        editor.document().contentsChange.connect(lambda *_change: self._changed())
        editor.cursorPositionChanged.connect(self._follow_caret)
        panel.heading_chosen.connect(self.jump)

    @property
    def active(self) -> bool:
        return self.panel.isVisible()

    def _changed(self) -> None:
        if self.active:
            self.timer.start()

    def reset(self) -> None:
        """Another post is open: read its headings now (or when the sidebar shows)."""
        self._revision = -1
        if self.active:
            self.refresh()

    def refresh(self) -> None:
        """Read the headings again, if the text changed since they were read."""
        self.timer.stop()
        revision = self.editor.document().revision()
        if revision == self._revision:
            return
        self._revision = revision
        self.panel.show_headings(headings(self.editor.text().split("\n")))  # type: ignore[attr-defined]
        self._follow_caret()

    def _follow_caret(self) -> None:
        if self.active:
            line = self.editor.textCursor().blockNumber()
            self.panel.set_current(heading_at(self.panel.headings, line))

    def jump(self, index: int) -> None:
        """Put the caret at the start of heading `index`'s text and that line at the top."""
        self.refresh()  # typed since the last reading: the lines may have moved
        if not 0 <= index < len(self.panel.headings):
            return
        block = self.editor.document().findBlockByNumber(self.panel.headings[index].line)
        if not block.isValid():
            return
        text = block.text()
        marks = len(text) - len(text.lstrip(" #")) if text.lstrip(" ").startswith("#") else 0
        cursor = QTextCursor(block)
        cursor.setPosition(block.position() + marks)
        self.editor.setTextCursor(cursor)
        self.editor.verticalScrollBar().setValue(block.firstLineNumber())
        self.editor.setFocus(Qt.FocusReason.OtherFocusReason)


__all__ = ["Outline", "OutlinePanel", "skip_note"]
