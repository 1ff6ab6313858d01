"""The front matter folded to one line in the editor, and the empty body's placeholder.

The form is where fields are edited, so while writing the editor shows the front matter as one
line, `⋯ title, date, tags`: its lines stay in the document (the file never changes) but are
hidden. Clicking that line, or a search that lands in it, unfolds it; the `Fold` mark at the
end of the opened first line, or View → Fold Front Matter, folds it again. While folded the caret cannot wander into the
hidden lines: Up, Left, Home and Backspace stop at the body's first character, and Select All
selects the body.

A new post's body is empty: "Start writing…" is painted where the text will go, and never
becomes text.
"""

from __future__ import annotations

import json
import re

from PySide6.QtCore import QObject, QPoint, QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QKeyEvent, QKeySequence, QPainter, QTextBlock, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit

from desktop_app.core.errors import FrontMatterError
from desktop_app.core.frontmatter import parse as fm
from desktop_app.ui.style import DARK, LIGHT

# The editor is `editor.MarkdownEditor` (its `text()`, `highlighter`, `set_selections`), typed as
# its Qt base here: that module imports this one.

PLACEHOLDER = "Start writing…"
FOLD_MARK = "Fold ▴"
_KEY = re.compile(r"""([A-Za-z_$][\w$.-]*|"[^"\n]+"|'[^'\n]+')[ \t]*[:=]""")
_TABLE = re.compile(r"\[\[?[ \t]*([^\]\n]+?)[ \t]*\]\]?")


def front_matter_keys(doc: fm.Document) -> list[str]:
    """The top-level keys of the front matter, in the file's order (each once)."""
    keys: list[str] = []
    if doc.format == fm.JSON:
        try:
            value = json.loads(doc.front)
        except ValueError:
            value = {}
        keys = list(value) if isinstance(value, dict) else []
    else:
        in_table = False  # TOML: after a `[table]` line, keys belong to that table
        for line in doc.front.splitlines():
            if not line or line[0] in " \t#-":
                continue
            table = _TABLE.match(line) if doc.format == fm.TOML else None
            if table is not None:
                in_table = True
                keys.append(table.group(1).strip("\"'").split(".")[0])
            elif not in_table and (m := _KEY.match(line)) is not None:
                keys.append(m.group(1).strip("\"'").split(".")[0])
    return list(dict.fromkeys(keys))


class FrontMatterFold(QObject):
    """Folds the open post's front matter in `editor`; `changed` after it folds or unfolds."""

    changed = Signal(bool)  # folded

    def __init__(self, editor: QPlainTextEdit) -> None:
        super().__init__(editor)
        self.editor = editor
        self.enabled = True  # fold each post as it opens (the setting)
        self.folded = False
        self._lines = 0  # lines before the body (0: no front matter)
        self._keys: list[str] = []
        self._keyboard = False  # a key is being handled: the caret is kept out, not unfolding
        editor.document().contentsChange.connect(self._contents_change)
        editor.cursorPositionChanged.connect(self._caret_moved)
        editor.selectionChanged.connect(self._caret_moved)

    # --- state ---------------------------------------------------------------------------------

    @property
    def has_front_matter(self) -> bool:
        return self._lines > 1

    def body_block(self) -> QTextBlock:
        """The body's first line (the first line of the post without front matter)."""
        block = self.editor.document().findBlockByNumber(self._lines)
        return block if block.isValid() else self.editor.document().lastBlock()

    def body_start(self) -> int:
        return self.body_block().position() if self.has_front_matter else 0

    def summary(self) -> str:
        return "⋯  " + ", ".join(self._keys) if self._keys else "⋯  front matter"

    def reset(self) -> None:
        """Before a new text is loaded: nothing is folded or known (until `refresh`)."""
        self.folded = False
        self._lines = -1  # unknown: the loading edit itself is not read (10 MB cost 0.3 s a read)
        self._keys = []

    def refresh(self, text: str | None = None) -> None:
        """Read where the front matter ends (after loading, or after an edit inside it) and keep
        its lines hidden while folded (an edit may have added lines)."""
        try:
            doc = fm.split(self.editor.text() if text is None else text)
        except FrontMatterError:
            doc = None  # never closed: nothing to fold
        lines, keys = (0, []) if doc is None or doc.format == fm.NONE else \
            (doc.body_line_offset, front_matter_keys(doc))
        folded = self.folded
        if folded and lines != self._lines:
            self._show_lines(True)  # the old range, before it is forgotten
        self._lines, self._keys = lines, keys
        if folded and not self.has_front_matter:
            self.folded = False
            self.changed.emit(False)
        elif folded:
            self._show_lines(False)

    def set_folded(self, folded: bool) -> None:
        folded = folded and self.has_front_matter
        if folded == self.folded:
            return
        if folded:
            cursor = self.editor.textCursor()
            if cursor.position() < self.body_start() or cursor.anchor() < self.body_start():
                cursor.setPosition(self.body_start())
                self.editor.setTextCursor(cursor)
        self.folded = folded
        self._show_lines(not folded)
        self.changed.emit(folded)

    def _show_lines(self, visible: bool) -> None:
        """Show or hide the front matter's lines after the first (which carries the summary)."""
        document = self.editor.document()
        block = document.firstBlock().next()
        while block.isValid() and block.blockNumber() < self._lines:
            block.setVisible(visible)
            if not visible:
                block.setLineCount(0)
            block = block.next()
        document.markContentsDirty(0, self.body_start())
        self.editor.viewport().update()

    def _contents_change(self, position: int, _removed: int, _added: int) -> None:
        """An edit in the front matter (the form writes there) may add, remove or end lines."""
        if self._lines > 0 and position < self.body_start() or (self._lines == 0 and position == 0):
            self.refresh()

    def _caret_moved(self) -> None:
        """Found by a search, or clicked: the caret went into the folded lines, so show them. A
        selection that only starts in them (the context menu's Select All) starts at the body."""
        if not self.folded or self._keyboard:
            return
        cursor = self.editor.textCursor()
        start = self.body_start()
        if cursor.position() < start:
            self.set_folded(False)
        elif cursor.anchor() < start:
            cursor.setPosition(start)
            cursor.setPosition(self.editor.textCursor().position(), QTextCursor.MoveMode.KeepAnchor)
            self.editor.setTextCursor(cursor)

    # --- keys ----------------------------------------------------------------------------------

    def before_key(self, event: QKeyEvent) -> bool:
        """While folded: True when the key is handled here (Backspace at the body's start does
        nothing, Select All selects the body); otherwise the key may move the caret, and
        `after_key` keeps it out of the hidden lines."""
        if not self.folded:
            return False
        cursor = self.editor.textCursor()
        start = self.body_start()
        if event.matches(QKeySequence.StandardKey.SelectAll):
            cursor.setPosition(start)
            cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
            self.editor.setTextCursor(cursor)
            return True
        if event.key() == Qt.Key.Key_Backspace and not cursor.hasSelection() and cursor.position() <= start:
            return True
        self._keyboard = True
        return False

    def after_key(self) -> None:
        if not self._keyboard:
            return
        self._keyboard = False
        start = self.body_start()
        cursor = self.editor.textCursor()
        if self.folded and (cursor.position() < start or cursor.anchor() < start):
            anchor = max(cursor.anchor(), start)
            cursor.setPosition(anchor)
            cursor.setPosition(max(self.editor.textCursor().position(), start), QTextCursor.MoveMode.KeepAnchor)
            self.editor.setTextCursor(cursor)

    # --- painting and clicks -------------------------------------------------------------------

    def _first_line_rect(self) -> QRectF:
        block = self.editor.document().firstBlock()
        return self.editor.blockBoundingGeometry(block).translated(self.editor.contentOffset())

    def _colours(self) -> dict[str, str]:
        return DARK if self.editor.highlighter.dark else LIGHT

    def _mark_rect(self) -> QRect:
        line = self._first_line_rect()
        metrics = self.editor.fontMetrics()
        width = metrics.horizontalAdvance(FOLD_MARK) + 16
        margin = int(self.editor.document().documentMargin())
        right = int(min(line.right(), self.editor.viewport().width())) - margin
        return QRect(right - width, int(line.top()), width, int(line.height()))

    def paint(self, painter: QPainter) -> None:
        """Draw the folded line's summary over its first line, or the `Fold` mark when open."""
        if not self.has_front_matter:
            return
        line = self._first_line_rect()
        if line.bottom() < 0 or line.top() > self.editor.viewport().height():
            return
        colours = self._colours()
        painter.save()
        if self.folded:
            painter.fillRect(line, QColor(colours["base"]))
            margin = self.editor.document().documentMargin()
            metrics = self.editor.fontMetrics()
            text = metrics.elidedText(self.summary(), Qt.TextElideMode.ElideRight, int(line.width() - 2 * margin - 16))
            chip = QRectF(margin - 4, line.top() + 2, metrics.horizontalAdvance(text) + 16, line.height() - 4)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(colours["raised"]))
            painter.drawRoundedRect(chip, 6, 6)
            painter.setPen(QColor(colours["muted"]))
            painter.drawText(chip.adjusted(8, 0, 0, 0), int(Qt.AlignmentFlag.AlignVCenter), text)
        else:
            font = QFont(self.editor.font())
            font.setPointSizeF(max(6.0, font.pointSizeF() * 0.8))
            painter.setFont(font)
            painter.setPen(QColor(colours["muted"]))
            painter.drawText(self._mark_rect(), int(Qt.AlignmentFlag.AlignCenter), FOLD_MARK)
        painter.restore()

    def clickable(self, point: QPoint) -> bool:
        """Whether `point` is on the folded line or on the Fold mark."""
        if not self.has_front_matter:
            return False
        if self.folded:
            return self._first_line_rect().contains(QPointF(point))
        return self._mark_rect().contains(point)

    def click(self, point: QPoint) -> bool:
        """A click on the `Fold` mark folds; True when the click was taken here."""
        if self.folded or not self.has_front_matter:
            return False
        if self._mark_rect().contains(point):
            self.set_folded(True)
            return True
        return False

    def paint_placeholder(self, painter: QPainter) -> None:
        """"Start writing…" where an empty body's text will go (never in the text itself)."""
        if self.editor.isReadOnly() or not self._body_is_empty():
            return
        cursor = self.editor.textCursor()
        block = cursor.block() if cursor.position() >= self.body_start() else self.editor.document().lastBlock()
        rect = self.editor.blockBoundingGeometry(block).translated(self.editor.contentOffset())
        layout = block.layout()
        line = layout.lineAt(0) if layout is not None and layout.lineCount() else None
        top = rect.top() + (line.y() if line is not None else 0)
        height = line.height() if line is not None else rect.height()
        painter.save()
        painter.setPen(QColor(self._colours()["hint"]))
        margin = self.editor.document().documentMargin()
        painter.drawText(QRectF(margin + 2, top, rect.width(), height), int(Qt.AlignmentFlag.AlignVCenter),
                         PLACEHOLDER)
        painter.restore()

    def _body_is_empty(self) -> bool:
        document = self.editor.document()
        first = self._lines if self.has_front_matter else 0
        if document.blockCount() - first > 3:
            return False
        block = document.findBlockByNumber(first)
        while block.isValid():
            if block.text().strip():
                return False
            block = block.next()
        return True
