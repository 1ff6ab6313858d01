"""The Markdown editor: a plain-text editor with highlighting, find/replace and minimal edits,
and what makes it a place to write: Markdown keys, the front matter folded, focus and
typewriter modes, the prose font with its measure and line height, zoom, and the caret put back
where the writer left each post.

`replace_text` applies an outside change (a form edit) as the smallest single undoable edit,
so the cursor, scroll position and undo history survive.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QEvent, QMimeData, QPoint, Qt, Signal
from PySide6.QtGui import (
    QContextMenuEvent,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QTextCursor,
    QTextDocument,
    QTextOption,
    QWheelEvent,
)
from PySide6.QtWidgets import QMenu, QPlainTextEdit, QTextEdit, QVBoxLayout, QWidget

from desktop_app.core.settings import Settings
from desktop_app.ui.editor.find_bar import FindBar
from desktop_app.ui.editor.focus import FocusMode, Typewriter
from desktop_app.ui.editor.fold import FrontMatterFold
from desktop_app.ui.editor.highlighter import MarkdownHighlighter
from desktop_app.ui.editor.markdown_keys import MarkdownKeys
from desktop_app.ui.editor.message_bar import MessageBar
from desktop_app.ui.editor.typography import (
    MONO,
    SpacedLayout,
    Typography,
    code_family,
    editor_font,
    line_gap,
    measure_width,
)

INDENT = "    "
# Posts beyond this many characters are edited without highlighting, which would otherwise
# cost seconds on opening (6 s for 10 MB) and a frame on many keystrokes.
LARGE_POST = 1_000_000
# A line this long makes each keystroke in it cost a frame or more (Qt lays the line out anew).
VERY_LONG_LINE = 50_000
MIN_POINTS, MAX_POINTS = 6, 72
REMEMBERED_CARETS = 500  # posts whose caret position is kept, most recently opened first


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


class MimeHandler(Protocol):
    """Something pasted or dropped that the editor hands on: `insert` says whether it took it."""

    def accepts(self, source: QMimeData) -> bool: ...
    def insert(self, source: QMimeData) -> bool: ...


class MarkdownEditor(QPlainTextEdit):
    """Markdown keys (lists, Tab, pairs, formatting), the folded front matter, focus and
    typewriter modes, typography and zoom; the rest is QPlainTextEdit.

    Features from elsewhere add highlights with `set_selections(layer, …)`, so each keeps its
    own (find matches, focus mode's dimming, a spell checker's underlines), and entries to the
    context menu with `menu_hooks` (spelling suggestions)."""

    zoom_changed = Signal(int)

    def __init__(self, font_size: int = 12, wrap: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("editor")
        self._font = self.font()  # the typography's font (see changeEvent)
        document = QTextDocument(self)
        self.spacing = SpacedLayout(document)  # the line height
        document.setDocumentLayout(self.spacing)
        self.setDocument(document)
        self.document().setDocumentMargin(16)
        self.highlighter = MarkdownHighlighter(self.document())
        self.typography = Typography(font=MONO, size=font_size, line_height=100, measure=0)
        self.zoom = 0  # points added to the font size by Ctrl+= and Ctrl+-
        self._layers: dict[str, list[QTextEdit.ExtraSelection]] = {}
        self.set_font_size(font_size)
        self.set_wrap(wrap)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self._snapshot: str | None = None  # text() of the current content, shared by its readers
        # contentsChange comes before contentsChanged (and so before textChanged and its readers).
        self.document().contentsChange.connect(self._forget_snapshot)
        self.document().contentsChanged.connect(self._forget_snapshot)
        self.fold = FrontMatterFold(self)
        self.viewport().setMouseTracking(True)  # the hand over the folded line (mouseMoveEvent)
        self.keys = MarkdownKeys(self)
        self.focus_mode = FocusMode(self)
        self.typewriter = Typewriter(self)
        self.carets: dict[str, int] = {}  # post path → caret position, most recent last
        self._caret_key: str | None = None
        self.cursorPositionChanged.connect(self._remember_caret)
        # Paste and drop: each handler (images, Markdown files) is asked before plain text is.
        self.mime_handlers: list[MimeHandler] = []
        # Called with the standard context menu and the clicked point before it shows.
        self.menu_hooks: list[Callable[[QMenu, QPoint], None]] = []

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

    # --- typography and zoom -------------------------------------------------------------------

    def set_font_size(self, points: int) -> None:
        """The font at `points` (plus the zoom); tabs stay four spaces wide."""
        self.set_typography(Typography(self.typography.font, points, self.typography.line_height,
                                       self.typography.measure))

    def set_typography(self, typography: Typography) -> None:
        """Font, size, line height and measure as the settings ask (the zoom comes on top)."""
        self.typography = typography
        font = editor_font(typography.font, self._zoomed(typography.size))
        self._font = font
        if font != self.font():
            self.setFont(font)
        self.setTabStopDistance(self.fontMetrics().horizontalAdvance(" ") * 4)
        self.spacing.set_gap(line_gap(self.font(), typography.line_height))
        self.highlighter.set_code_family(code_family() if typography.font != MONO else None)
        self._fit_measure()

    def _zoomed(self, points: float) -> float:
        return float(min(MAX_POINTS, max(MIN_POINTS, points + self.zoom)))

    def set_zoom(self, zoom: int) -> None:
        """Zoom by `zoom` points over the font size of the settings (kept within 6–72 pt)."""
        zoom = int(min(MAX_POINTS, max(MIN_POINTS, self.typography.size + zoom)) - self.typography.size)
        if zoom == self.zoom:
            return
        self.zoom = zoom
        self.set_typography(self.typography)
        self.zoom_changed.emit(zoom)

    def zoom_in(self) -> None:
        self.set_zoom(self.zoom + 1)

    def zoom_out(self) -> None:
        self.set_zoom(self.zoom - 1)

    def zoom_reset(self) -> None:
        self.set_zoom(0)

    def _fit_measure(self) -> None:
        """Centre a column `measure` characters wide: the rest of the width is margin."""
        margin = 0
        if self.typography.measure and self.lineWrapMode() != QPlainTextEdit.LineWrapMode.NoWrap:
            column = measure_width(self.font(), self.typography.measure) + 2 * self.document().documentMargin()
            room = self.width() - self.verticalScrollBar().sizeHint().width() - 2 * self.frameWidth()
            margin = max(0, int((room - column) / 2))
        if margin != self.viewportMargins().left():
            self.setViewportMargins(margin, 0, margin, 0)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        """The style sheet's polish puts back the font the editor had when the sheet first saw
        it; the typography's font stays."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange and self.font() != self._font:
            self.setFont(self._font)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        self._fit_measure()
        super().resizeEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 - Qt override
        """Ctrl+wheel zooms (remembered, like Ctrl+= and Ctrl+-) rather than Qt's own zoom."""
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y()
            if steps:
                self.set_zoom(self.zoom + (1 if steps > 0 else -1))
            event.accept()
            return
        super().wheelEvent(event)

    def set_wrap(self, wrap: bool) -> None:
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth if wrap else QPlainTextEdit.LineWrapMode.NoWrap)
        self._fit_measure()

    # --- highlights ----------------------------------------------------------------------------

    def set_selections(self, layer: str, selections: list[QTextEdit.ExtraSelection]) -> None:
        """Replace one feature's extra selections, keeping every other feature's."""
        if not selections and not self._layers.get(layer):
            return
        self._layers[layer] = selections
        self.setExtraSelections([s for group in self._layers.values() for s in group])

    # --- text ----------------------------------------------------------------------------------

    def text(self) -> str:
        """The exact text: unlike toPlainText(), keeps non-breaking spaces as they are. Read once
        per change however many ask (the preview, the form, the journal): 0.3 s for 10 MB."""
        if self._snapshot is None:
            self._snapshot = self.document().toRawText().replace("\u2029", "\n")
        return self._snapshot

    def set_text(self, text: str, key: str | None = None) -> None:
        """Load a post: new undo history, not modified, the front matter folded (if the setting
        says so) and the caret where the writer left post `key`, else on the body's first line.
        A large post is loaded without highlighting."""
        self._caret_key = None
        self.fold.reset()
        self.keys.reset()
        highlight = len(text) <= LARGE_POST
        if highlight != self.highlighting:
            self.setPlainText("")  # attaching the highlighter would colour the old text first
            self.highlighter.setDocument(self.document() if highlight else None)
        self.setPlainText(text)
        self.document().setModified(False)
        self.fold.refresh(text)
        if self.fold.enabled:
            self.fold.set_folded(True)
        self._place_caret(key)
        self._caret_key = key
        if key is not None:
            self.carets[key] = self.carets.pop(key, self.textCursor().position())
            while len(self.carets) > REMEMBERED_CARETS:
                del self.carets[next(iter(self.carets))]

    def _place_caret(self, key: str | None) -> None:
        cursor = QTextCursor(self.document())
        remembered = self.carets.get(key) if key is not None else None
        body = self.fold.body_start()
        if remembered is not None and body <= remembered < self.document().characterCount():
            cursor.setPosition(remembered)
        else:
            block = self.fold.body_block() if self.fold.has_front_matter else self.document().firstBlock()
            while block.isValid() and not block.text().strip() and block.next().isValid():
                block = block.next()
            if not block.text().strip():
                block = self.document().lastBlock()
            cursor.setPosition(block.position())
        self.setTextCursor(cursor)
        if remembered is not None:
            self.centerCursor()
        else:
            self.verticalScrollBar().setValue(0)  # the folded front matter's line stays in sight
            if not self.fold.folded:
                self.ensureCursorVisible()

    def _remember_caret(self) -> None:
        if self._caret_key is not None:
            self.carets[self._caret_key] = self.textCursor().position()

    def restore_places(self, carets: object, zoom: int) -> None:
        """What the window state kept: each post's caret position, and the zoom (a hand-edited
        state file may hold anything: what is not a position is dropped)."""
        self.carets = {post: at for post, at in carets.items() if isinstance(post, str) and isinstance(at, int)
                       and not isinstance(at, bool)} if isinstance(carets, dict) else {}
        self.set_zoom(zoom)

    def places(self) -> tuple[dict[str, int], int]:
        """The caret positions and the zoom, for the window state."""
        return dict(self.carets), self.zoom

    def rename_caret(self, old: str, new: str) -> None:
        """The open post was renamed: its remembered place goes with it."""
        if old in self.carets:
            self.carets[new] = self.carets.pop(old)
        if self._caret_key == old:
            self._caret_key = new

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

    def canInsertFromMimeData(self, source: QMimeData) -> bool:  # noqa: N802 - Qt override
        return any(handler.accepts(source) for handler in self.mime_handlers) or super().canInsertFromMimeData(source)

    def insertFromMimeData(self, source: QMimeData) -> None:  # noqa: N802 - Qt override
        if not any(handler.insert(source) for handler in self.mime_handlers):
            super().insertFromMimeData(source)

    # --- keys, mouse and painting --------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if self.fold.before_key(event):
            return
        self.keys.by_writer = True
        try:
            if not self.isReadOnly() and self.keys.handle(event):
                return
            super().keyPressEvent(event)
        finally:
            self.keys.by_writer = False
            self.fold.after_key()

    def event(self, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """The editor's own actions (Ctrl+K for a link) win over Qt's editing keys (Ctrl+K
        deletes to the line's end in Qt): such a key is left to the shortcut."""
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            pressed = QKeySequence(event.keyCombination())
            if any(pressed in action.shortcuts() for action in self.actions() if action.isEnabled()):
                event.ignore()
                return True
        return super().event(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if event.button() == Qt.MouseButton.LeftButton and self.fold.click(event.position().toPoint()):
            event.accept()
            return
        self.keys.by_writer = True
        try:
            super().mousePressEvent(event)
        finally:
            self.keys.by_writer = False

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        """A hand over the folded line and the Fold mark: they are clicked, not typed in."""
        clickable = self.fold.clickable(event.position().toPoint())
        if clickable != (self.viewport().cursor().shape() == Qt.CursorShape.PointingHandCursor):
            self.viewport().setCursor(Qt.CursorShape.PointingHandCursor if clickable else Qt.CursorShape.IBeamCursor)
        super().mouseMoveEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        super().paintEvent(event)
        painter = QPainter(self.viewport())
        try:
            self.fold.paint(painter)
            self.fold.paint_placeholder(painter)
        finally:
            painter.end()


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

    def apply(self, settings: Settings, dark: bool) -> None:
        """Follow changed preferences at once: typography, line wrapping, the theme's colours,
        the front matter's folding, auto-pairing, focus and typewriter modes."""
        editor = self.editor
        editor.set_typography(Typography(settings.editor_font, settings.editor_font_size,
                                         settings.editor_line_height, settings.editor_measure))
        editor.set_wrap(settings.wrap_lines)
        editor.highlighter.set_dark(dark)
        editor.fold.enabled = settings.fold_front_matter
        editor.keys.pairing = settings.auto_pair
        editor.focus_mode.set_mode(settings.focus_mode)
        editor.typewriter.set_enabled(settings.typewriter_mode)
        editor.viewport().update()

    def text(self) -> str:
        return self.editor.text()
