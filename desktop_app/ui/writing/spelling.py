"""Spell checking as you type: misspelled words the editor shows get a red wavy underline.

The GUI thread never reads a dictionary while the writer types. A moment after typing stops (or
at once after a scroll) the editor's text and the range of lines on screen go to a worker
(`ui/workers.py`), where `core/spelling/checker.py` reads the lines it has not seen in that form
and answers with the misspelled words' places; only one check runs at a time, and an answer for
a text that has changed since is dropped and asked again. The underlines are extra selections in
the editor's "spelling" layer, for the lines on screen only, so their cost does not grow with
the post. The word being typed is not underlined until the caret leaves it.

Without Enchant, or without a dictionary for the post's language, a note says so once, with
what to install, and writing goes on unchecked.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QPoint, QTimer
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit

from desktop_app.core.spelling.checker import CheckResult, SpellChecker
from desktop_app.core.spelling.dictionaries import SpellingUnavailable
from desktop_app.ui.workers import TaskRunner

LAYER = "spelling"
TYPING_PAUSE_MS = 300  # after the last keystroke: a check per key would only chase the typing
SCROLL_PAUSE_MS = 40
MARGIN_LINES = 30  # lines checked above and below the screen, so a short scroll finds them done
SHOWN_MARGIN = 2  # lines off screen whose words are underlined too (a line half in sight)
UNDERLINE = "#d93025"


@dataclass
class Misspelled:
    """A word underlined now: a cursor selecting it (it follows edits around it) and the word."""

    cursor: QTextCursor
    word: str

    def contains(self, position: int) -> bool:
        return self.cursor.selectionStart() <= position <= self.cursor.selectionEnd()


class SpellUnderlines(QObject):
    """Keeps the misspelled words of the visible part of `editor` underlined.

    `editor` is a `MarkdownEditor` (its `text()` and `set_selections`); `unavailable(problem)`
    is called once per missing language (or once when Enchant itself is missing)."""

    def __init__(self, editor: QPlainTextEdit, runner: TaskRunner, checker: SpellChecker,
                 unavailable: Callable[[SpellingUnavailable], None] = lambda problem: None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent or editor)
        self.editor = editor
        self.runner = runner
        self.checker = checker
        self.unavailable = unavailable
        self.enabled = True
        self.path = ""  # the open post, for its language (a Hugo file name may name it)
        self.language = ""  # the language of the last check
        self.shown: list[Misspelled] = []
        self._reported: set[str] = set()
        self._busy = False  # a check is on the worker
        self._again = False  # the text or the screen changed while it was there
        self._typing_at = -1  # where the last keystroke left the caret: that word is not marked yet
        self._typed = False  # the text changed since the last check went out
        self._held_shown = -1  # the word left without its underline by the last `_show`
        self._format = QTextCharFormat()
        self._format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        self._format.setUnderlineColor(QColor(UNDERLINE))
        self.timer = QTimer(self, singleShot=True)
        self.timer.timeout.connect(self.check_now)
        editor.document().contentsChange.connect(self._on_change)
        editor.verticalScrollBar().valueChanged.connect(lambda _value: self._on_scroll())
        editor.cursorPositionChanged.connect(self._on_cursor)

    # --- what to check, and when -------------------------------------------------------------

    def set_enabled(self, enabled: bool) -> None:
        self.enabled = enabled
        if enabled:
            self.schedule(0)
        else:
            self.timer.stop()
            self._show([])

    def set_post(self, path: str) -> None:
        """Another post is open: its words, in its language."""
        self.path = path
        self._typing_at = -1
        self._show([])
        self.schedule(0)

    def schedule(self, delay_ms: int) -> None:
        if not self.enabled:
            return
        if not self.timer.isActive() or delay_ms < self.timer.remainingTime():
            self.timer.start(delay_ms)

    def _on_change(self, position: int, removed: int, added: int) -> None:
        """Typing: check a moment after it stops. Underlines stay on their words meanwhile (their
        cursors follow the edits and do not grow with text typed at their edges)."""
        caret = self.editor.textCursor().position()
        self._typing_at = caret if added and caret == position + added else -1
        self._typed = True
        if self.enabled:
            self.timer.start(TYPING_PAUSE_MS)  # from the last key, not the first

    def _on_scroll(self) -> None:
        # A scroll that typing caused (the caret's line moved down) waits for the typing to stop.
        self.schedule(TYPING_PAUSE_MS if self._typed else SCROLL_PAUSE_MS)

    def _on_cursor(self) -> None:
        if self._typing_at >= 0 and self.editor.textCursor().position() != self._typing_at:
            self._typing_at = -1  # the caret left the word it was typing: mark it if it is wrong
            if self.shown:
                self._show(self.shown)

    def visible_lines(self) -> tuple[int, int]:
        """The first and last line on screen (each line of the post is one block)."""
        editor = self.editor
        first = editor.firstVisibleBlock().blockNumber()
        bottom = editor.cursorForPosition(QPoint(0, editor.viewport().height() - 1)).blockNumber()
        return first, max(first, bottom)

    # --- the worker ----------------------------------------------------------------------------

    def check_now(self) -> None:
        if not self.enabled:
            return
        if self._busy:
            self._again = True
            return
        first, last = self.visible_lines()
        first, last = max(0, first - MARGIN_LINES), last + MARGIN_LINES
        text = self.editor.text()
        revision = self.editor.document().revision()
        checker, path = self.checker, self.path
        self._busy, self._again, self._typed = True, False, False
        self.runner.start(lambda: checker.check(text, first, last, path),
                          on_done=lambda result: self._checked(result, revision, path),
                          on_finally=self._finished)

    def _finished(self) -> None:
        self._busy = False
        if self._again:
            self.schedule(0)

    def _checked(self, result: CheckResult, revision: int, path: str) -> None:
        if not self.enabled or path != self.path:
            return
        if revision != self.editor.document().revision():
            return  # typed meanwhile: the places are stale, and the typing has a check of its own coming
        self.language = result.language
        if result.problem is not None:
            self._show([])
            if result.problem.message not in self._reported:  # once per language, or once without Enchant
                self._reported.add(result.problem.message)
                self.unavailable(result.problem)
            return
        document = self.editor.document()
        places: list[tuple[int, int, str]] = []
        first, last = self.visible_lines()  # underlines for the screen only: their cost stays small
        first, last = first - SHOWN_MARGIN, last + SHOWN_MARGIN
        block = document.findBlockByNumber(max(result.first, first))
        line = max(result.first, first)
        for hit in result.hits:
            if not first <= hit.line <= last:
                continue
            while line < hit.line and block.isValid():
                block, line = block.next(), line + 1
            if not block.isValid():
                break
            places.append((block.position() + hit.start, block.position() + hit.end, hit.word))
        shown = [(m.cursor.selectionStart(), m.cursor.selectionEnd(), m.word) for m in self.shown]
        if places == shown and self._held() == self._held_shown:
            return  # the usual answer after a keystroke: the same words, already underlined
        found: list[Misspelled] = []
        for start, end, word in places:
            cursor = QTextCursor(document)
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            cursor.setKeepPositionOnInsert(True)  # text typed right after the word is not underlined
            found.append(Misspelled(cursor, word))
        self._show(found)

    # --- underlines ----------------------------------------------------------------------------

    def _held(self) -> int:
        """The index among the shown words of the one being typed (not underlined yet), or -1."""
        if self._typing_at >= 0:
            for index, misspelled in enumerate(self.shown):
                if misspelled.contains(self._typing_at):
                    return index
        return -1

    def _show(self, found: list[Misspelled]) -> None:
        self.shown = found
        self._held_shown = held = self._held()
        selections = []
        for index, misspelled in enumerate(found):
            if index == held:
                continue  # still being typed
            selection = QTextEdit.ExtraSelection()
            selection.cursor = misspelled.cursor
            selection.format = self._format
            selections.append(selection)
        self.editor.set_selections(LAYER, selections)  # type: ignore[attr-defined]

    def at(self, position: int) -> Misspelled | None:
        """The underlined word at text position `position`, if any."""
        for misspelled in self.shown:
            if misspelled.cursor.selectionStart() <= position < misspelled.cursor.selectionEnd():
                return misspelled
        return None

    def forget(self, word: str) -> None:
        """`word` is right after all (added or ignored): take its underlines away now."""
        self._show([m for m in self.shown if m.word != word])

    def replace(self, misspelled: Misspelled, replacement: str) -> None:
        """Put `replacement` in the misspelled word's place, as one undoable edit."""
        cursor = QTextCursor(misspelled.cursor)
        cursor.insertText(replacement)
        self.editor.setTextCursor(cursor)


__all__ = ["LAYER", "Misspelled", "SpellUnderlines"]
