"""Keeps the editor and the preview on the same part of the post, whichever one the user scrolls.

Positions travel as file lines with a fraction (line 12.5: halfway down line 12, wrapped lines
counted), so they mean the same in both panes; the preview turns them into offsets with its
source line map (`core/render/source_map.py`, `resources/preview/scroll.js`). Each side ignores the
scrolling the other side caused, so the two never chase each other.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QTextBlock
from PySide6.QtWidgets import QPlainTextEdit

from desktop_app.ui.preview.preview import LivePreview

FRAME_MS = 16  # at most one preview scroll per frame while the editor scrolls


class ScrollSync(QObject):
    def __init__(self, editor: QPlainTextEdit, preview: LivePreview, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.preview = preview
        self.enabled = True
        self._applying = False  # the editor is being scrolled by us, not the user
        self._editor_leads = True  # after an update, the preview follows the editor again
        self._timer = QTimer(self, singleShot=True, interval=FRAME_MS)
        self._timer.timeout.connect(self.follow_editor)
        editor.verticalScrollBar().valueChanged.connect(self._editor_scrolled)
        preview.scrolled.connect(self.follow_preview)
        preview.updated.connect(self._preview_updated)

    def set_enabled(self, enabled: bool) -> None:
        self.enabled = enabled
        if enabled:
            self._editor_leads = True
            self.follow_editor()

    def editor_line(self) -> float:
        """The file line at the top of the editor, with the fraction of it scrolled past."""
        block = self.editor.firstVisibleBlock()
        if not block.isValid():
            return 0.0
        lines = max(1, block.lineCount())
        scrolled = self.editor.verticalScrollBar().value() - block.firstLineNumber()
        return block.blockNumber() + min(max(scrolled, 0), lines) / lines

    def follow_editor(self) -> None:
        if self.enabled:
            self.preview.scroll_to_line(self.editor_line())

    def follow_preview(self, line: float) -> None:
        """Scroll the editor so that file line `line` is at its top."""
        if not self.enabled:
            return
        self._editor_leads = False
        self._timer.stop()
        block = self.editor.document().findBlockByNumber(int(line))
        if not block.isValid():
            block = self.editor.document().lastBlock()
        self._applying = True
        try:
            self.editor.verticalScrollBar().setValue(_first_visual_line(block, line - int(line)))
        finally:
            self._applying = False

    def _editor_scrolled(self, _value: int) -> None:
        if self._applying or not self.enabled:
            return
        self._editor_leads = True
        if not self._timer.isActive():
            self._timer.start()

    def _preview_updated(self) -> None:
        if self._editor_leads:
            self.follow_editor()


def _first_visual_line(block: QTextBlock, fraction: float) -> int:
    """The editor's scroll value that puts `fraction` of `block` (a wrapped line) at the top."""
    return block.firstLineNumber() + int(fraction * max(1, block.lineCount()))
