"""The "Text" form of a diff: unified lines coloured by kind, the changed words in a stronger tint."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFontDatabase, QSyntaxHighlighter, QTextCharFormat, QTextDocument
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from desktop_app.core.review.text_diff import DiffLine, TextDiff, parse_unified


def _format(foreground: str, background: str | None = None, bold: bool = False) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setForeground(QColor(foreground))
    if background:
        fmt.setBackground(QColor(background))
    if bold:
        fmt.setFontWeight(600)
    return fmt


class DiffHighlighter(QSyntaxHighlighter):
    """Colours each line by its kind (from the `TextDiff`, not guessed from its first character:
    a removed front-matter `---` line is not a file header) and its changed words."""

    # added, removed, hunk, meta, added word, removed word
    _LIGHT = (_format("#116329", "#dafbe1"), _format("#82071e", "#ffebe9"), _format("#0550ae", "#ddf4ff"),
              _format("#6e7781"), _format("#0a3d1c", "#8ee0a3", True), _format("#5c0011", "#ffb3ae", True))
    _DARK = (_format("#7ee2a8", "#12301d"), _format("#ffaba8", "#3c1618"), _format("#79c0ff", "#10253f"),
             _format("#8b949e"), _format("#d2ffe0", "#1f6f3a", True), _format("#ffe1de", "#7d2025", True))

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self._formats = self._LIGHT
        self._lines: tuple[DiffLine, ...] = ()

    def set_dark(self, dark: bool) -> None:
        formats = self._DARK if dark else self._LIGHT
        if formats is not self._formats:
            self._formats = formats
            self.rehighlight()

    def set_lines(self, lines: tuple[DiffLine, ...]) -> None:
        """The lines about to be shown (call before setting the text)."""
        self._lines = lines

    def highlightBlock(self, text: str) -> None:  # noqa: N802 - Qt override
        number = self.currentBlock().blockNumber()
        if number >= len(self._lines):
            return
        line = self._lines[number]
        added, removed, hunk, meta, added_word, removed_word = self._formats
        whole = {"+": added, "-": removed, "@": hunk, "meta": meta, "\\": meta}.get(line.kind)
        if whole is None:
            return
        self.setFormat(0, len(text), whole)
        word = added_word if line.kind == "+" else removed_word
        offset = 0 if line.kind in ("@", "meta", "\\") else 1  # the shown line starts with its +/- sign
        for start, end in line.spans:
            self.setFormat(start + offset, end - start, word)


class DiffText(QPlainTextEdit):
    """A read-only unified diff with the changed words highlighted."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setObjectName("diffView")
        # Wrapped: a Markdown paragraph is one long line, and its changed words may be far right.
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.setPlaceholderText("Select a changed post to see what changed.")
        self.highlighter = DiffHighlighter(self.document())
        self.diff: TextDiff | None = None

    def set_dark(self, dark: bool) -> None:
        self.highlighter.set_dark(dark)

    def show_text_diff(self, diff: TextDiff, empty_message: str = "No textual changes.") -> None:
        self.diff = diff
        if not diff.lines:
            self.highlighter.set_lines(())
            self.setPlainText(empty_message)
            return
        self.highlighter.set_lines(diff.lines)
        self.setPlainText(diff.unified())

    def show_unified(self, unified: str) -> None:
        """A diff printed by git (unified), with its changed words found here."""
        if not unified.strip():
            self.show_text_diff(TextDiff(()))
        else:
            self.show_text_diff(parse_unified(unified))
