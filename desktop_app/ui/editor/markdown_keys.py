"""The editor's Markdown keys: lists on Enter, Tab and Shift+Tab on list items, auto-pairing,
the formatting commands (bold, italic, link, code) and tables that line up when the caret leaves.

`markdown_text` decides what each key does to the text; this module reads the lines around the
caret, applies the answer as one undo step with the smallest edit, and puts the caret back. Qt
counts positions in UTF-16 units, Python in code points: the conversions live here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent, QTextBlock, QTextCursor

from desktop_app.ui.editor import markdown_text as md

if TYPE_CHECKING:
    from PySide6.QtWidgets import QPlainTextEdit

_CONTEXT_LINES = 400  # lines read above the caret to find a list's parent or previous item
_TABLE_LINES = 2000  # the most lines a table may have for the realignment to look at it


def utf16(text: str, index: int) -> int:
    """Qt's position of Python index `index` in `text` (characters past the BMP count twice)."""
    if text.isascii():
        return index
    return index + sum(1 for char in text[:index] if ord(char) > 0xFFFF)


def python_index(text: str, position: int) -> int:
    """The Python index of Qt position `position` in `text`."""
    if text.isascii():
        return position
    units = 0
    for index, char in enumerate(text):
        if units >= position:
            return index
        units += 2 if ord(char) > 0xFFFF else 1
    return len(text)


def _common_prefix(a: str, b: str) -> int:
    size = min(len(a), len(b))
    index = 0
    while index < size and a[index] == b[index]:
        index += 1
    return index


class MarkdownKeys(QObject):
    """Installed on the editor: `handle(event)` takes the keys it owns before the editor's own."""

    def __init__(self, editor: QPlainTextEdit) -> None:
        super().__init__(editor)
        self.editor = editor
        self.pairing = True
        # (char, text before the caret) -> True when another part of the editor writes the closer
        # itself: the post-link picker closes a link's `](` when a post is chosen.
        self.closed_elsewhere: list[Callable[[str, str], bool]] = []
        self._pending: list[QTextCursor] = []  # closing characters this object added, to type over
        self._table: QTextCursor | None = None  # a position in the table the caret is in
        self._aligning = False
        self.by_writer = False  # set by the editor while it handles a key or a click
        editor.cursorPositionChanged.connect(self._caret_moved)

    # --- keys ----------------------------------------------------------------------------------

    def handle(self, event: QKeyEvent) -> bool:
        """True when the key was handled here; the editor then does nothing more with it."""
        key, modifiers = event.key(), event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if modifiers == Qt.KeyboardModifier.ShiftModifier:
                self.editor.textCursor().insertText("\n")  # a plain new line, never Qt's U+2028
                return True
            return modifiers == Qt.KeyboardModifier.NoModifier and self.enter()
        if key == Qt.Key.Key_Tab and modifiers == Qt.KeyboardModifier.NoModifier:
            return self.indent()
        if key == Qt.Key.Key_Backtab:
            return self.outdent()
        if key == Qt.Key.Key_Backspace and modifiers == Qt.KeyboardModifier.NoModifier:
            return self._backspace_pair()
        text = event.text()
        if len(text) == 1 and not modifiers & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
            return self._typed(text)
        return False

    def _line(self) -> tuple[QTextCursor, QTextBlock, str, int]:
        cursor = self.editor.textCursor()
        block = cursor.block()
        text = block.text()
        return cursor, block, text, python_index(text, cursor.position() - block.position())

    def enter(self) -> bool:
        """Continue the list or quote, or end it at an empty item (see `markdown_text.enter`)."""
        cursor, block, line, column = self._line()
        if cursor.hasSelection():
            return False
        prefix = md.line_prefix(line)
        if not prefix.is_item and not prefix.quote or self._in_fence(block):
            return False
        # Only an empty nested item looks above it (for its parent); reading lines costs.
        nested_and_empty = prefix.indent and not line[prefix.content_start:].strip()
        change = md.enter(self._lines_above(block) if nested_and_empty else [], line, column)
        if change is None:
            return False
        self._set_line(block, change.text, change.caret)
        return True

    def indent(self) -> bool:
        """Tab: a list item (or each selected line) one level deeper; elsewhere four spaces."""
        cursor, block, line, column = self._line()
        if self._spans_lines(cursor):
            self._each_selected_line(lambda before, text: md.INDENT + text if text.strip() else text)
            return True
        new = md.indent_item(self._numbering_context(block, line), line)
        if new is None:
            cursor.insertText(md.INDENT)
            return True
        self._set_line(block, new, max(0, column + len(new) - len(line)))
        return True

    def outdent(self) -> bool:
        """Shift+Tab: a list item (or each selected line) one level out."""
        cursor, block, line, column = self._line()
        if self._spans_lines(cursor):
            self._each_selected_line(lambda before, text: md.outdent_item(before, text) or md.outdent_line(text))
            return True
        new = md.outdent_item(self._numbering_context(block, line), line)
        if new is None:
            new = md.outdent_line(line)
        if new != line:
            self._set_line(block, new, max(0, column + len(new) - len(line)))
        return True

    def _typed(self, char: str) -> bool:
        cursor, block, line, column = self._line()
        if cursor.hasSelection():
            if not self.pairing or char not in md.PAIRS:
                return False
            return self._wrap_selection(cursor, char, md.PAIRS[char])
        if not self.pairing:
            return False
        position = cursor.position()
        if md.types_over(char, line[column:]) and self._is_pending(position):
            cursor.movePosition(QTextCursor.MoveOperation.NextCharacter)
            self.editor.setTextCursor(cursor)
            return True
        closer = md.pair_for(char, line[:column], line[column:])
        if closer is None or any(closes(char, line[:column]) for closes in self.closed_elsewhere):
            return False
        cursor.insertText(char + closer)
        cursor.movePosition(QTextCursor.MoveOperation.PreviousCharacter)
        self.editor.setTextCursor(cursor)
        pending = QTextCursor(cursor)
        self._pending = [c for c in self._pending if c.block() == cursor.block()][-7:] + [pending]
        return True

    def _is_pending(self, position: int) -> bool:
        return any(c.position() == position for c in self._pending)

    def _backspace_pair(self) -> bool:
        """Backspace between a pair this object just added, `(|)`, takes both away."""
        cursor, _block, line, column = self._line()
        if cursor.hasSelection() or column == 0 or column >= len(line):
            return False
        opener, closer = line[column - 1], line[column]
        if md.PAIRS.get(opener) != closer or not self._is_pending(cursor.position()):
            return False
        cursor.movePosition(QTextCursor.MoveOperation.PreviousCharacter)
        cursor.movePosition(QTextCursor.MoveOperation.NextCharacter, QTextCursor.MoveMode.KeepAnchor, 2)
        cursor.removeSelectedText()
        return True

    def _wrap_selection(self, cursor: QTextCursor, opener: str, closer: str) -> bool:
        start, end = cursor.selectionStart(), cursor.selectionEnd()
        selected = cursor.selectedText().replace("\u2029", "\n")
        cursor.beginEditBlock()
        cursor.insertText(opener + selected + closer)
        cursor.endEditBlock()
        cursor.setPosition(start + len(opener))
        cursor.setPosition(end + len(opener), QTextCursor.MoveMode.KeepAnchor)
        self.editor.setTextCursor(cursor)
        return True

    # --- formatting commands (Format menu and their keys) --------------------------------------

    def bold(self) -> None:
        self._format(lambda text, start, end: md.toggle_emphasis(text, start, end, "**"), word=True)

    def italic(self) -> None:
        self._format(lambda text, start, end: md.toggle_emphasis(text, start, end, "*"), word=True)

    def code(self) -> None:
        self._format(md.toggle_code, word=True)

    def link(self) -> None:
        clipboard = QGuiApplication.clipboard().text() if QGuiApplication.clipboard() else ""
        self._format(lambda text, start, end: md.make_link(text, start, end, clipboard), word=False)

    def _format(self, change, word: bool) -> None:  # noqa: ANN001 - (text, start, end) -> Wrapped
        """Apply a `markdown_text` formatting function to the selection, or to the word at the
        caret when nothing is selected (`word`), within the lines the selection touches."""
        if self.editor.isReadOnly():
            return
        cursor = self.editor.textCursor()
        document = self.editor.document()
        first = document.findBlock(cursor.selectionStart())
        last = document.findBlock(cursor.selectionEnd())
        lines = []
        block = first
        while block.isValid():
            lines.append(block.text())
            if block == last:
                break
            block = block.next()
        region = "\n".join(lines)
        origin = first.position()
        start = python_index(region, cursor.selectionStart() - origin)
        end = python_index(region, cursor.selectionEnd() - origin)
        if start == end and word:
            found = md.word_at(region, start)
            if found is not None:
                start, end = found
        elif start != end:
            # Ctrl+Shift+Right selects a word and the space after it: the markers go round the
            # word, the space stays outside (`**word** `, not `**word **`, which is no emphasis).
            while start < end and region[start].isspace():
                start += 1
            while end > start and region[end - 1].isspace():
                end -= 1
        result = change(region, start, end)
        edit = QTextCursor(document)
        edit.beginEditBlock()
        edit.setPosition(origin + utf16(region, result.start))
        edit.setPosition(origin + utf16(region, result.end), QTextCursor.MoveMode.KeepAnchor)
        edit.insertText(result.replacement)
        edit.endEditBlock()
        at = origin + utf16(region, result.start)
        edit.setPosition(at + utf16(result.replacement, result.select_start))
        edit.setPosition(at + utf16(result.replacement, result.select_end), QTextCursor.MoveMode.KeepAnchor)
        self.editor.setTextCursor(edit)

    # --- helpers -------------------------------------------------------------------------------

    @staticmethod
    def _lines_above(block: QTextBlock) -> list[str]:
        lines: list[str] = []
        block = block.previous()
        while block.isValid() and len(lines) < _CONTEXT_LINES:
            lines.append(block.text())
            block = block.previous()
        lines.reverse()
        return lines

    def _numbering_context(self, block: QTextBlock, line: str) -> list[str]:
        """The lines above, for a numbered item that moves a level (it is numbered afresh)."""
        return self._lines_above(block) if md.line_prefix(line).number is not None else []

    @staticmethod
    def _spans_lines(cursor: QTextCursor) -> bool:
        if not cursor.hasSelection():
            return False
        document = cursor.document()
        return document.findBlock(cursor.selectionStart()) != document.findBlock(cursor.selectionEnd())

    def _each_selected_line(self, change) -> None:  # noqa: ANN001 - (lines above, line) -> str
        """Change every line the selection touches (one undo step), keeping them selected."""
        cursor = self.editor.textCursor()
        document = self.editor.document()
        first = document.findBlock(cursor.selectionStart())
        last = document.findBlock(cursor.selectionEnd())
        if cursor.selectionEnd() == last.position() and last != first:
            last = last.previous()  # a selection ending at a line's start leaves that line alone
        edit = QTextCursor(document)
        edit.beginEditBlock()
        block, before = first, self._lines_above(first)
        while True:
            old = block.text()
            new = change(before, old)
            if new != old:
                prefix = _common_prefix(old, new)
                edit.setPosition(block.position() + utf16(old, prefix))
                edit.setPosition(block.position() + len(old.encode("utf-16-le")) // 2,
                                 QTextCursor.MoveMode.KeepAnchor)
                edit.insertText(new[prefix:])
            before.append(new)
            if block == last:
                break
            block = block.next()
        edit.endEditBlock()
        edit.setPosition(first.position())
        edit.setPosition(last.position() + last.length() - 1, QTextCursor.MoveMode.KeepAnchor)
        self.editor.setTextCursor(edit)

    def _set_line(self, block: QTextBlock, new: str, caret: int) -> None:
        """Make `block`'s text `new` (which may hold new lines) by the smallest edit, one undo step,
        and put the caret at index `caret` of `new`."""
        old, origin = block.text(), block.position()
        prefix = _common_prefix(old, new)
        suffix = _common_prefix(old[prefix:][::-1], new[prefix:][::-1])
        cursor = QTextCursor(block)
        cursor.beginEditBlock()
        cursor.setPosition(origin + utf16(old, prefix))
        cursor.setPosition(origin + utf16(old, len(old) - suffix), QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(new[prefix:len(new) - suffix])
        cursor.endEditBlock()
        cursor.setPosition(origin + utf16(new, caret))
        self.editor.setTextCursor(cursor)

    # --- tables --------------------------------------------------------------------------------

    def reset(self) -> None:
        """A new text was loaded: forget the table and the pairs of the old one."""
        self._table = None
        self._pending.clear()

    def _caret_moved(self) -> None:
        if self._aligning:
            return
        block = self.editor.textCursor().block()
        self._pending = [c for c in self._pending if c.block() == block]
        table, self._table = self._table, None
        if table is not None and self.by_writer:  # not a search, a form edit or a reload
            self._leave_table(table, block)
        if "|" in block.text():
            self._table = QTextCursor(block)

    def _leave_table(self, table: QTextCursor, now: QTextBlock) -> None:
        """The caret left the table `table` is in (or moved within it): line the table up once
        the caret is out of it."""
        found = self._table_blocks(table.block())
        if found is None:
            return
        blocks = found
        if any(block == now for block in blocks):
            self._table = table  # still inside: wait for the caret to leave
            return
        if self._in_code(blocks[0]):
            return
        rows = [block.text() for block in blocks]
        aligned = md.align_table(rows)
        if aligned == rows:
            return
        changed = [index for index, (old, new) in enumerate(zip(rows, aligned)) if old != new]
        first, last = blocks[changed[0]], blocks[changed[-1]]
        self._aligning = True
        try:  # one edit from the first changed row to the last: one undo step, one re-highlight
            edit = QTextCursor(self.editor.document())
            edit.setPosition(first.position())
            edit.setPosition(last.position() + last.length() - 1, QTextCursor.MoveMode.KeepAnchor)
            edit.insertText("\n".join(aligned[changed[0]:changed[-1] + 1]))
        finally:
            self._aligning = False

    def _table_blocks(self, block: QTextBlock) -> list[QTextBlock] | None:
        if not block.isValid() or "|" not in block.text():
            return None
        above: list[QTextBlock] = []
        previous = block.previous()
        while previous.isValid() and "|" in previous.text() and len(above) < _TABLE_LINES:
            above.append(previous)
            previous = previous.previous()
        above.reverse()
        below: list[QTextBlock] = []
        following = block.next()
        while following.isValid() and "|" in following.text() and len(below) < _TABLE_LINES:
            below.append(following)
            following = following.next()
        blocks = above + [block] + below
        extent = md.table_extent([b.text() for b in blocks], len(above))
        return None if extent is None else blocks[extent[0]:extent[1]]

    def _in_fence(self, block: QTextBlock) -> bool:
        highlighter = getattr(self.editor, "highlighter", None)
        return highlighter is not None and highlighter.inside_fence(block)

    def _in_code(self, block: QTextBlock) -> bool:
        highlighter = getattr(self.editor, "highlighter", None)
        return highlighter is not None and highlighter.inside_code(block)
