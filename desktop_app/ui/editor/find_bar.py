"""The inline find/replace bar shown under an editor.

Owns searching one QPlainTextEdit: the find and replace fields, the option toggles, the
"3 of 12" count, moving between matches (wrapping around), replacing one or all matches, and
painting every match in the editor while the bar is open. While open, the bar owns the editor's
extra selections; closing clears them and gives focus back to the editor.

Matches are found with Python's `re` on the document's plain text (one pass, fast even for long
posts) and kept as UTF-16 offsets, the unit QTextCursor positions use.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QColor, QKeyEvent, QPalette, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QStyle,
    QTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

_MAX_HIGHLIGHTS = 1000
_REFRESH_DELAY_MS = 150  # after an edit, wait for a typing pause before recounting
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class FindBar(QWidget):
    """Find and replace inside one editor; hidden until `open_find` or `open_replace`."""

    closed = Signal()

    def __init__(self, editor: QPlainTextEdit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._editor = editor
        self._open = False
        self._dirty = True
        self._starts: list[int] = []
        self._ends: list[int] = []

        self._find_edit = QLineEdit(self)
        self._find_edit.setPlaceholderText(self.tr("Find"))
        self._find_edit.setClearButtonEnabled(True)
        self._replace_edit = QLineEdit(self)
        self._replace_edit.setPlaceholderText(self.tr("Replace"))
        self._case_button = self._tool_button("Aa", self.tr("Match case (Alt+C)"), checkable=True)
        self._word_button = self._tool_button("W", self.tr("Match whole word (Alt+W)"), checkable=True)
        self._count_label = QLabel(self)
        self._count_label.setMinimumWidth(self._count_label.fontMetrics().horizontalAdvance("9999 of 9999"))
        style = self.style()
        self._previous_button = self._tool_button("", self.tr("Previous match (Shift+Enter, Shift+F3)"))
        self._previous_button.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_ArrowUp))
        self._next_button = self._tool_button("", self.tr("Next match (Enter, F3)"))
        self._next_button.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_ArrowDown))
        self._close_button = self._tool_button("", self.tr("Close (Escape)"))
        self._close_button.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_TitleBarCloseButton))
        self._replace_button = self._tool_button(self.tr("Replace"), self.tr("Replace this match (Enter)"))
        self._replace_all_button = self._tool_button(
            self.tr("Replace All"), self.tr("Replace every match (Ctrl+Alt+Enter)")
        )

        find_row = QHBoxLayout()
        find_row.setContentsMargins(0, 0, 0, 0)
        for widget in (self._find_edit, self._case_button, self._word_button, self._count_label,
                       self._previous_button, self._next_button, self._close_button):
            find_row.addWidget(widget)
        find_row.setStretch(0, 1)
        self._replace_row = QWidget(self)
        replace_row = QHBoxLayout(self._replace_row)
        replace_row.setContentsMargins(0, 0, 0, 0)
        replace_row.addWidget(self._replace_edit, 1)
        replace_row.addWidget(self._replace_button)
        replace_row.addWidget(self._replace_all_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(4)
        layout.addLayout(find_row)
        layout.addWidget(self._replace_row)

        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(_REFRESH_DELAY_MS)
        self._refresh_timer.timeout.connect(self._refresh)

        self._find_edit.textChanged.connect(self._on_term_changed)
        self._case_button.toggled.connect(self._on_term_changed)
        self._word_button.toggled.connect(self._on_term_changed)
        self._previous_button.clicked.connect(self.find_previous)
        self._next_button.clicked.connect(self.find_next)
        self._close_button.clicked.connect(self.close)
        self._replace_button.clicked.connect(self.replace_current)
        self._replace_all_button.clicked.connect(self.replace_all)
        editor.textChanged.connect(self._on_document_changed)
        editor.cursorPositionChanged.connect(self._update_status)
        # Keys are handled in event filters, not QShortcuts, so an owner's window-wide F3 or
        # Escape action never makes a shortcut ambiguous.
        for watched in (self._find_edit, self._replace_edit, editor):
            watched.installEventFilter(self)
        self.hide()

    # --- public API ------------------------------------------------------------------------

    @property
    def find_edit(self) -> QLineEdit:
        return self._find_edit

    @property
    def replace_edit(self) -> QLineEdit:
        return self._replace_edit

    @property
    def case_sensitive_button(self) -> QToolButton:
        return self._case_button

    @property
    def whole_word_button(self) -> QToolButton:
        return self._word_button

    @property
    def count_label(self) -> QLabel:
        return self._count_label

    @property
    def match_count(self) -> int:
        """How many matches the current term has in the document."""
        self._ensure_matches()
        return len(self._starts)

    def open_find(self) -> None:
        """Show the find row, seeded with the editor's selection, and focus the find field."""
        self._replace_row.hide()
        self._open_with_selection()

    def open_replace(self) -> None:
        """Show the find and replace rows, seeded with the editor's selection."""
        self._replace_row.show()
        self._open_with_selection()

    def find_next(self) -> bool:
        """Select the first match after the selection, wrapping to the top; False if none."""
        self._ensure_matches()
        if not self._starts:
            return False
        index = bisect_left(self._starts, self._editor.textCursor().selectionEnd())
        self._select(index if index < len(self._starts) else 0)
        return True

    def find_previous(self) -> bool:
        """Select the last match before the selection, wrapping to the bottom; False if none."""
        self._ensure_matches()
        if not self._starts:
            return False
        index = bisect_left(self._starts, self._editor.textCursor().selectionStart()) - 1
        self._select(index if index >= 0 else len(self._starts) - 1)
        return True

    def replace_current(self) -> bool:
        """Replace the selected match and select the next one.

        When the selection is not a match, this only selects the next match (as VS Code does),
        so nothing is replaced that the writer has not seen.
        """
        self._ensure_matches()
        if self._editor.isReadOnly():
            return False
        if self._current_index() is None:
            self.find_next()
            return False
        cursor = self._editor.textCursor()
        cursor.insertText(self._replace_edit.text())
        self._editor.setTextCursor(cursor)
        self._dirty = True
        self.find_next()
        self._refresh()
        return True

    def replace_all(self) -> int:
        """Replace every match as one undo step; returns how many were replaced."""
        self._ensure_matches()
        if self._editor.isReadOnly() or not self._starts:
            return 0
        replacement = self._replace_edit.text()
        cursor = QTextCursor(self._editor.document())
        cursor.beginEditBlock()
        # Back to front, so the offsets of the matches still to replace stay valid.
        for start, end in zip(reversed(self._starts), reversed(self._ends)):
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            cursor.insertText(replacement)
        cursor.endEditBlock()
        count = len(self._starts)
        self._dirty = True
        self._refresh()
        return count

    # --- Qt overrides ----------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        """Closing hides the bar, clears its highlights and hands focus back to the editor."""
        event.accept()
        if not self._open:
            return
        self._open = False
        self.hide()  # before `closed`, so its listeners see the bar gone
        self._refresh_timer.stop()
        self._show_matches([])
        self._editor.setFocus(Qt.FocusReason.OtherFocusReason)
        self.closed.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        """Enter, F3, Escape and the option keys, in the fields and (while open) the editor."""
        kind = event.type()
        if kind not in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride):
            return False
        if watched is self._editor and not self._open:
            return False
        assert isinstance(event, QKeyEvent)
        action = self._key_action(watched, event)
        if action is None:
            return False
        if kind == QEvent.Type.ShortcutOverride:
            event.accept()  # claim the key, so it arrives as a KeyPress rather than a shortcut
        else:
            action()
        return True

    # --- internals -------------------------------------------------------------------------

    def _key_action(self, watched: QObject, event: QKeyEvent) -> Callable[[], object] | None:
        key = event.key()
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        shift = modifiers == Qt.KeyboardModifier.ShiftModifier
        plain = modifiers == Qt.KeyboardModifier.NoModifier
        if key == Qt.Key.Key_Escape and plain:
            return self.close
        if key == Qt.Key.Key_F3 and (plain or shift):
            return self.find_previous if shift else self.find_next
        if watched is self._editor:
            return None
        if key in _ENTER_KEYS:
            if modifiers == Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier:
                return self.replace_all if watched is self._replace_edit else None
            if shift:
                return self.find_previous
            if plain:
                return self.replace_current if watched is self._replace_edit else self.find_next
        if modifiers == Qt.KeyboardModifier.AltModifier:
            if key == Qt.Key.Key_C:
                return self._case_button.toggle
            if key == Qt.Key.Key_W:
                return self._word_button.toggle
        return None

    def _tool_button(self, text: str, tip: str, checkable: bool = False) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.setCheckable(checkable)
        button.setAutoRaise(True)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keep typing focus in the fields
        return button

    def _open_with_selection(self) -> None:
        selected = self._editor.textCursor().selectedText()
        if selected and "\u2029" not in selected:  # a multi-line selection is not a search term
            self._find_edit.setText(selected)
        self._open = True
        self.show()
        self._dirty = True
        self._refresh()
        self._find_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self._find_edit.selectAll()

    def _on_term_changed(self) -> None:
        """Search as the writer types, from where the current selection starts."""
        self._dirty = True
        self._refresh()
        if not self._starts:
            return
        index = bisect_left(self._starts, self._editor.textCursor().selectionStart())
        self._select(index if index < len(self._starts) else 0)

    def _on_document_changed(self) -> None:
        self._dirty = True
        if self._open:
            self._refresh_timer.start()

    def _ensure_matches(self) -> None:
        if not self._dirty:
            return
        self._dirty = False
        term = self._find_edit.text()
        if not term:
            self._starts, self._ends = [], []
            return
        pattern = re.escape(term)
        if self._word_button.isChecked():
            pattern = rf"(?<!\w){pattern}(?!\w)"
        flags = 0 if self._case_button.isChecked() else re.IGNORECASE
        text = self._editor.document().toPlainText()
        spans = [m.span() for m in re.finditer(pattern, text, flags)]
        starts = [start for start, _ in spans]
        ends = [end for _, end in spans]
        if starts and not text.isascii():
            astral = [m.start() for m in _ASTRAL.finditer(text)]
            if astral:  # characters outside the BMP take two UTF-16 units in Qt positions
                starts = [s + bisect_left(astral, s) for s in starts]
                ends = [e + bisect_left(astral, e) for e in ends]
        self._starts, self._ends = starts, ends

    def _refresh(self) -> None:
        """Recount, repaint the match highlights and update the status."""
        self._refresh_timer.stop()
        self._ensure_matches()
        if self._open:
            self._show_matches(self._match_selections())
        self._update_status()

    def _show_matches(self, selections: list[QTextEdit.ExtraSelection]) -> None:
        """The matches' highlights, beside the editor's other highlights (focus mode's) if it has any."""
        layered = getattr(self._editor, "set_selections", None)
        if layered is not None:
            layered("find", selections)
        else:
            self._editor.setExtraSelections(selections)

    def _match_selections(self) -> list[QTextEdit.ExtraSelection]:
        fmt = QTextCharFormat()
        fmt.setBackground(QColor("#6b5a1e" if self._is_dark() else "#fde68a"))
        document = self._editor.document()
        selections: list[QTextEdit.ExtraSelection] = []
        for start, end in zip(self._starts[:_MAX_HIGHLIGHTS], self._ends[:_MAX_HIGHLIGHTS]):
            cursor = QTextCursor(document)
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            selection = QTextEdit.ExtraSelection()
            selection.cursor = cursor
            selection.format = fmt
            selections.append(selection)
        return selections

    def _update_status(self) -> None:
        if not self._find_edit.text():
            self._count_label.setText("")
            self._set_no_results(False)
            return
        if self._dirty:  # an edit is pending a recount; keep the last figures until then
            return
        total = len(self._starts)
        if total == 0:
            self._count_label.setText(self.tr("No results"))
            self._set_no_results(True)
            return
        index = self._current_index()
        position = "?" if index is None else str(index + 1)
        self._count_label.setText(self.tr("{0} of {1}").format(position, total))
        self._set_no_results(False)

    def _set_no_results(self, no_results: bool) -> None:
        if bool(self._find_edit.property("noResults")) == no_results:
            return
        self._find_edit.setProperty("noResults", no_results)
        colour = "#5c2b2b" if self._is_dark() else "#ffd7d7"
        self._find_edit.setStyleSheet(f"QLineEdit {{ background-color: {colour}; }}" if no_results else "")

    def _current_index(self) -> int | None:
        """The match the editor's selection covers exactly, if any."""
        cursor = self._editor.textCursor()
        start = cursor.selectionStart()
        index = bisect_left(self._starts, start)
        if index < len(self._starts) and self._starts[index] == start:
            if self._ends[index] == cursor.selectionEnd():
                return index
        return None

    def _select(self, index: int) -> None:
        cursor = self._editor.textCursor()
        cursor.setPosition(self._starts[index])
        cursor.setPosition(self._ends[index], QTextCursor.MoveMode.KeepAnchor)
        self._editor.setTextCursor(cursor)
        self._editor.ensureCursorVisible()
        self._update_status()

    def _is_dark(self) -> bool:
        return self._editor.palette().color(QPalette.ColorRole.Base).lightness() < 128
