"""Focus mode and typewriter mode, as iA Writer and ghostwriter have them.

Focus mode dims everything but the sentence or the paragraph being written: two extra
selections (before it and after it) in a colour between the text's and the background's, so the
highlighter's colours stay underneath and nothing in the document changes. Typewriter mode keeps
the caret's line in the middle of the editor; the editor may then scroll past the last line.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor, QGuiApplication, QTextBlock, QTextCursor, QTextFormat
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit

from desktop_app.core.settings import FOCUS_MODES
from desktop_app.ui.editor.markdown_keys import python_index, utf16
from desktop_app.ui.style import DARK, LIGHT

# The editor is `editor.MarkdownEditor` (its `text()`, `highlighter`, `set_selections`), typed as
# its Qt base here: that module imports this one.

OFF, SENTENCE, PARAGRAPH = "off", "sentence", "paragraph"  # the keys of core.settings.FOCUS_MODES
LAYER = "focus"
_PARAGRAPH_LINES = 500  # a paragraph longer than this is dimmed from this far around the caret
# A sentence ends at . ! ? or … (with closing quotes or brackets) before a space.
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)\]]*\s+")


def sentence_span(text: str, index: int) -> tuple[int, int]:
    """The sentence of `text` (a paragraph) that index `index` is in, as (start, end)."""
    start = 0
    for m in _SENTENCE_END.finditer(text):
        if m.end() > index:
            return start, m.end()
        start = m.end()
    return start, len(text)


def _mix(a: str, b: str, amount: float) -> QColor:
    first, second = QColor(a), QColor(b)
    return QColor.fromRgbF(*(first.getRgbF()[i] * (1 - amount) + second.getRgbF()[i] * amount for i in range(3)))


class FocusMode(QObject):
    """Dims all but the current sentence or paragraph while `mode` is not `off`."""

    def __init__(self, editor: QPlainTextEdit) -> None:
        super().__init__(editor)
        self.editor = editor
        self.mode = OFF
        self._shown: list[QTextEdit.ExtraSelection] = []
        editor.cursorPositionChanged.connect(self.update)
        editor.textChanged.connect(self.update)

    def set_mode(self, mode: str) -> None:
        self.mode = mode if mode in FOCUS_MODES else OFF
        self._shown = []  # the colour may have changed with the theme: paint afresh
        self.update()

    def span(self) -> tuple[int, int]:
        """The document positions of the part in focus."""
        cursor = self.editor.textCursor()
        block = cursor.block()
        first, last = self._paragraph(block)
        if self.mode == PARAGRAPH or not block.text().strip():
            return first.position(), last.position() + last.length() - 1
        lines = []
        walk = first
        while True:
            lines.append(walk.text())
            if walk == last:
                break
            walk = walk.next()
        text = "\n".join(lines)
        offset = cursor.position() - first.position()
        start, end = sentence_span(text, python_index(text, offset))
        return first.position() + utf16(text, start), first.position() + utf16(text, end)

    @staticmethod
    def _paragraph(block: QTextBlock) -> tuple[QTextBlock, QTextBlock]:
        if not block.text().strip():
            return block, block
        first = last = block
        for _ in range(_PARAGRAPH_LINES):
            previous = first.previous()
            if not previous.isValid() or not previous.text().strip():
                break
            first = previous
        for _ in range(_PARAGRAPH_LINES):
            following = last.next()
            if not following.isValid() or not following.text().strip():
                break
            last = following
        return first, last

    def update(self) -> None:
        if self.mode == OFF:
            self._shown = []
            self.editor.set_selections(LAYER, [])
            return
        start, end = self.span()
        if self._covers(start, end):
            return  # the dimmed spans followed the typing: nothing to repaint
        colours = DARK if self.editor.highlighter.dark else LIGHT
        dim = _mix(colours["text"], colours["base"], 0.62)
        selections = []
        document_end = self.editor.document().characterCount() - 1
        for first, last in ((0, start), (end, document_end)):
            if last <= first:
                continue
            selection = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.editor.document())
            cursor.setPosition(first)
            cursor.setPosition(last, QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor
            selection.format.setForeground(dim)
            selection.format.setProperty(QTextFormat.Property.FullWidthSelection, False)
            selections.append(selection)
        self._shown = selections
        self.editor.set_selections(LAYER, selections)

    def _covers(self, start: int, end: int) -> bool:
        """Whether the dimmed spans shown (their cursors follow edits) still leave exactly
        `start`–`end` bright."""
        if not self._shown:
            return False
        document_end = self.editor.document().characterCount() - 1
        shown = [(s.cursor.selectionStart(), s.cursor.selectionEnd()) for s in self._shown]
        wanted = [(first, last) for first, last in ((0, start), (end, document_end)) if last > first]
        return shown == wanted


class Typewriter(QObject):
    """Keeps the caret's line centred while `enabled` (but not while the mouse selects)."""

    def __init__(self, editor: QPlainTextEdit) -> None:
        super().__init__(editor)
        self.editor = editor
        self.enabled = False
        editor.cursorPositionChanged.connect(self._follow)

    def set_enabled(self, enabled: bool) -> None:
        self.enabled = enabled
        self.editor.setCenterOnScroll(enabled)
        if enabled:
            self.editor.centerCursor()

    def _follow(self) -> None:
        if self.enabled and not QGuiApplication.mouseButtons() & Qt.MouseButton.LeftButton:
            self.editor.centerCursor()
