"""A read-only unified diff with added, removed and hunk lines coloured."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFontDatabase, QSyntaxHighlighter, QTextCharFormat, QTextDocument
from PySide6.QtWidgets import QPlainTextEdit, QWidget


def _format(foreground: str, background: str | None = None) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setForeground(QColor(foreground))
    if background:
        fmt.setBackground(QColor(background))
    return fmt


class DiffHighlighter(QSyntaxHighlighter):
    _LIGHT = (_format("#116329", "#dafbe1"), _format("#82071e", "#ffebe9"), _format("#0550ae", "#ddf4ff"),
              _format("#6e7781"))
    _DARK = (_format("#7ee2a8", "#12301d"), _format("#ffaba8", "#3c1618"), _format("#79c0ff", "#10253f"),
             _format("#8b949e"))

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self._added, self._removed, self._hunk, self._meta = self._LIGHT

    def set_dark(self, dark: bool) -> None:
        formats = self._DARK if dark else self._LIGHT
        if formats[0] is not self._added:
            self._added, self._removed, self._hunk, self._meta = formats
            self.rehighlight()

    def highlightBlock(self, text: str) -> None:  # noqa: N802 - Qt override
        if text.startswith(("+++", "---", "diff ", "index ", "new file", "deleted file", "similarity", "rename ")):
            self.setFormat(0, len(text), self._meta)
        elif text.startswith("+"):
            self.setFormat(0, len(text), self._added)
        elif text.startswith("-"):
            self.setFormat(0, len(text), self._removed)
        elif text.startswith("@@"):
            self.setFormat(0, len(text), self._hunk)


class DiffView(QPlainTextEdit):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setObjectName("diffView")
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.setPlaceholderText("Select a changed post to see what changed.")
        self._highlighter = DiffHighlighter(self.document())

    def set_dark(self, dark: bool) -> None:
        """Added and removed lines in colours that read on a dark or a light background."""
        self._highlighter.set_dark(dark)

    def show_diff(self, diff: str) -> None:
        self.setPlainText(diff if diff.strip() else "No textual changes.")
