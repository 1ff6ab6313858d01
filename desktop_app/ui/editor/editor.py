"""The Markdown editor: a plain-text editor with highlighting, find/replace and minimal edits.

`replace_text` applies an outside change (a form edit) as the smallest single undoable edit,
so the cursor, scroll position and undo history survive.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QContextMenuEvent, QFont, QFontDatabase, QKeyEvent, QTextCursor, QTextOption
from PySide6.QtWidgets import QMenu, QPlainTextEdit, QTextEdit, QVBoxLayout, QWidget

from desktop_app.ui.editor.find_bar import FindBar
from desktop_app.ui.editor.highlighter import MarkdownHighlighter
from desktop_app.ui.editor.message_bar import MessageBar

INDENT = "    "
# Posts beyond this many characters are edited without highlighting, which would otherwise
# cost seconds on opening (6 s for 10 MB) and a frame on many keystrokes.
LARGE_POST = 1_000_000
# A line this long makes each keystroke in it cost a frame or more (Qt lays the line out anew).
VERY_LONG_LINE = 50_000


def _common_prefix(a: str, b: str) -> int:
    """Length of the common prefix, by bisection over slice comparisons (C speed on long posts)."""
    low, high = 0, min(len(a), len(b))
    while low < high:
        middle = (low + high + 1) // 2
        if a[:middle] == b[:middle]:
            low = middle
        else:
            high = middle - 1
    return low


class MarkdownEditor(QPlainTextEdit):
    """Tab inserts spaces; Enter continues lists; the rest is QPlainTextEdit.

    Features from elsewhere add highlights with `set_selections(layer, …)`, so each keeps its
    own, and entries to the context menu with `menu_hooks` (spelling suggestions)."""

    def __init__(self, font_size: int = 12, wrap: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("editor")
        self.set_font_size(font_size)
        self.set_wrap(wrap)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.document().setDocumentMargin(16)
        self.highlighter = MarkdownHighlighter(self.document())
        self._snapshot: str | None = None  # text() of the current content, shared by its readers
        # contentsChange comes before contentsChanged (and so before textChanged and its readers).
        self.document().contentsChange.connect(self._forget_snapshot)
        self.document().contentsChanged.connect(self._forget_snapshot)
        self._layers: dict[str, list[QTextEdit.ExtraSelection]] = {}
        # Called with the standard context menu and the clicked point before it shows.
        self.menu_hooks: list[Callable[[QMenu, QPoint], None]] = []

    def set_selections(self, layer: str, selections: list[QTextEdit.ExtraSelection]) -> None:
        """Replace one feature's extra selections, keeping every other feature's."""
        if not selections and not self._layers.get(layer):
            return
        self._layers[layer] = selections
        self.setExtraSelections([s for group in self._layers.values() for s in group])

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802 - Qt override
        menu = self.createStandardContextMenu(event.pos())
        for hook in self.menu_hooks:
            hook(menu, event.pos())
        menu.exec(event.globalPos())
        menu.deleteLater()

    def _forget_snapshot(self, *_change: int) -> None:
        self._snapshot = None

    @property
    def highlighting(self) -> bool:
        return self.highlighter.document() is not None

    def set_font_size(self, points: int) -> None:
        """The system's fixed-pitch font at `points`; tabs stay four spaces wide."""
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSize(points)
        font.setStyleHint(QFont.StyleHint.Monospace)
        self.setFont(font)
        self.setTabStopDistance(self.fontMetrics().horizontalAdvance(" ") * 4)

    def set_wrap(self, wrap: bool) -> None:
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth if wrap else QPlainTextEdit.LineWrapMode.NoWrap)

    def text(self) -> str:
        """The exact text: unlike toPlainText(), keeps non-breaking spaces as they are. Read once
        per change however many ask (the preview, the form, the journal): 0.3 s for 10 MB."""
        if self._snapshot is None:
            self._snapshot = self.document().toRawText().replace("\u2029", "\n")
        return self._snapshot

    def set_text(self, text: str) -> None:
        """Load a post: new undo history, cursor at the top, not modified. A large post is loaded
        without highlighting."""
        highlight = len(text) <= LARGE_POST
        if highlight != self.highlighting:
            self.setPlainText("")  # attaching the highlighter would colour the old text first
            self.highlighter.setDocument(self.document() if highlight else None)
        self.setPlainText(text)
        self.document().setModified(False)
        self.moveCursor(QTextCursor.MoveOperation.Start)

    def replace_text(self, new: str, merge: bool = False) -> None:
        """Change the text to `new` by replacing only the part that differs, as one undo step
        (or as part of the previous one when `merge`: typing a title is one step, not one per key)."""
        old = self.text()
        if old == new:
            return
        start = _common_prefix(old, new)
        tail = _common_prefix(old[start:][::-1], new[start:][::-1])
        end_old, end_new = len(old) - tail, len(new) - tail
        cursor = QTextCursor(self.document())
        cursor.setPosition(start)
        cursor.setPosition(end_old, QTextCursor.MoveMode.KeepAnchor)
        if merge:
            cursor.joinPreviousEditBlock()
        else:
            cursor.beginEditBlock()
        cursor.insertText(new[start:end_new])
        cursor.endEditBlock()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() == Qt.Key.Key_Tab and not event.modifiers():
            self.textCursor().insertText(INDENT)
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
            if self._continue_list():
                return
        super().keyPressEvent(event)

    def _continue_list(self) -> bool:
        """Enter after a list item starts the next item; on an empty item it ends the list."""
        cursor = self.textCursor()
        line = cursor.block().text()
        stripped = line.lstrip()
        indent = line[: len(line) - len(stripped)]
        marker = ""
        for bullet in ("- [ ] ", "- [x] ", "- ", "* ", "+ "):
            if stripped.startswith(bullet):
                marker = "- [ ] " if bullet.startswith("- [") else bullet
                break
        else:
            number = stripped.split(".", 1)[0]
            if number.isdigit() and stripped[len(number):].startswith(". "):
                marker = f"{int(number) + 1}. "
        if not marker or cursor.positionInBlock() < len(line):
            return False
        if stripped in (marker.strip(), "- [ ]", "- [x]") or stripped.rstrip() == marker.rstrip():
            cursor.movePosition(QTextCursor.MoveOperation.StartOfBlock, QTextCursor.MoveMode.KeepAnchor)
            cursor.insertText("")
            return True
        cursor.insertText("\n" + indent + marker)
        return True


class EditorPane(QWidget):
    """The editor with its message bar above and its find/replace bar underneath."""

    text_changed = Signal()  # read the text when needed: copying it per keystroke costs

    def __init__(self, font_size: int = 12, wrap: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = MarkdownEditor(font_size, wrap)
        self.messages = MessageBar()
        self.find_bar = FindBar(self.editor)
        self.find_bar.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.messages)
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.find_bar)
        self.editor.textChanged.connect(self.text_changed)

    def apply(self, font_size: int, wrap: bool, dark: bool) -> None:
        """Follow changed preferences at once: font size, line wrapping and the theme's colours."""
        if self.editor.font().pointSize() != font_size:
            self.editor.set_font_size(font_size)
        self.editor.set_wrap(wrap)
        self.editor.highlighter.set_dark(dark)

    def text(self) -> str:
        return self.editor.text()
