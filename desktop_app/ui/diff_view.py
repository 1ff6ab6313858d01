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
    _ADDED = _format("#116329", "#dafbe1")
    _REMOVED = _format("#82071e", "#ffebe9")
    _HUNK = _format("#0550ae", "#ddf4ff")
    _META = _format("#6e7781")

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)

    def highlightBlock(self, text: str) -> None:  # noqa: N802 - Qt override
        if text.startswith(("+++", "---", "diff ", "index ", "new file", "deleted file", "similarity", "rename ")):
            self.setFormat(0, len(text), self._META)
        elif text.startswith("+"):
            self.setFormat(0, len(text), self._ADDED)
        elif text.startswith("-"):
            self.setFormat(0, len(text), self._REMOVED)
        elif text.startswith("@@"):
            self.setFormat(0, len(text), self._HUNK)


class DiffView(QPlainTextEdit):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setObjectName("diffView")
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.setPlaceholderText("Select a changed post to see what changed.")
        self._highlighter = DiffHighlighter(self.document())

    def show_diff(self, diff: str) -> None:
        self.setPlainText(diff if diff.strip() else "No textual changes.")
