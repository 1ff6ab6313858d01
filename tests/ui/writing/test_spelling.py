"""Spell checking as you type, in a real editor with real key events and a real dictionary."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu

from desktop_app.core.spelling.checker import SpellChecker
from desktop_app.core.spelling.dictionaries import SpellingUnavailable
from desktop_app.ui.editor.editor import MarkdownEditor
from desktop_app.ui.workers import TaskRunner
from desktop_app.ui.writing.spelling import LAYER, SpellUnderlines
from desktop_app.ui.writing.spelling_menu import SpellingMenu
from tests.helpers import budget
from tests.helpers.spelling import require_dictionary

# The offscreen platform cannot raise a popup menu or give it the keyboard; the menu works regardless.
OFFSCREEN_MENU = pytest.mark.qt_log_ignore("This plugin does not support raise", "grabbing the keyboard")
POST = "---\ntitle: A post\n---\nThe first line is fine.\n\nSome `codez` and https://exmple.com here.\n"


class Setup:
    def __init__(self, qtbot: Any, text: str = POST, checker: SpellChecker | None = None) -> None:
        self.editor = MarkdownEditor()
        self.editor.resize(700, 400)
        qtbot.addWidget(self.editor)
        self.runner = TaskRunner()
        self.problems: list[SpellingUnavailable] = []
        self.checker = checker or SpellChecker(preferred="en_US")
        self.underlines = SpellUnderlines(self.editor, self.runner, self.checker, self.problems.append)
        self.editor.menu_hooks.append(SpellingMenu(self.underlines))
        self.editor.set_text(text)
        self.underlines.set_post("posts/a.md")
        self.editor.show()
        qtbot.waitExposed(self.editor)
        self.qtbot = qtbot

    def underlined(self) -> list[str]:
        selections = self.editor._layers.get(LAYER, [])
        return [selection.cursor.selectedText() for selection in selections]

    def wait_underlined(self, expected: list[str]) -> None:
        self.qtbot.waitUntil(lambda: self.underlined() == expected and not self.underlines._busy,
                             timeout=budget.ms(5000))

    def caret_to_end(self) -> None:
        cursor = self.editor.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.End)
        self.editor.setTextCursor(cursor)
        self.editor.setFocus()

    def type(self, text: str) -> None:
        QTest.keyClicks(self.editor, text)

    def close(self) -> None:
        self.runner.shutdown()


@pytest.fixture
def setup(qtbot: Any) -> Any:
    require_dictionary("en_US")
    made = Setup(qtbot)
    yield made
    made.close()


def test_a_typed_misspelling_is_underlined_once_typing_moves_on_but_not_code_or_urls(setup: Setup) -> None:
    setup.wait_underlined([])
    setup.caret_to_end()
    setup.type("A mispelled wrd")
    # The word still being typed waits; the one before it is marked a moment after typing stops.
    setup.wait_underlined(["mispelled"])
    setup.type(" ")
    setup.wait_underlined(["mispelled", "wrd"])
    assert setup.editor.text().endswith("A mispelled wrd ")


def test_the_caret_leaving_a_word_marks_it(setup: Setup) -> None:
    setup.caret_to_end()
    setup.type("Teh")
    setup.qtbot.waitUntil(lambda: not setup.underlines.timer.isActive() and not setup.underlines._busy,
                          timeout=budget.ms(5000))
    assert setup.underlined() == []
    QTest.keyClick(setup.editor, Qt.Key.Key_Home)
    setup.wait_underlined(["Teh"])


def choose_in_menu(qtbot: Any, editor: MarkdownEditor, word_position: int, pick: Any) -> list[str]:
    """Right-click at `word_position` (a real mouse event through the window) and let `pick(menu)`
    choose; returns the menu's entries."""
    cursor = QTextCursor(editor.document())
    cursor.setPosition(word_position)
    point = editor.cursorRect(cursor).center() + QPoint(2, 0)
    seen: list[str] = []

    def act() -> None:
        menu = QApplication.activePopupWidget()
        if not isinstance(menu, QMenu):
            QTimer.singleShot(20, act)
            return
        seen.extend(action.text() for action in menu.actions())
        pick(menu)
    QTimer.singleShot(0, act)
    window = editor.viewport().window().windowHandle()
    QTest.mouseClick(window, Qt.MouseButton.RightButton, Qt.KeyboardModifier.NoModifier,
                     editor.viewport().mapTo(editor.window(), point))
    qtbot.waitUntil(lambda: bool(seen) and QApplication.activePopupWidget() is None, timeout=budget.ms(5000))
    return seen


def click(menu: QMenu, name: str) -> None:
    """Click the menu's entry named `name`, as the mouse does."""
    action = next(a for a in menu.actions() if a.objectName() == name)
    QTest.mouseClick(menu, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     menu.actionGeometry(action).center())


@OFFSCREEN_MENU
def test_a_suggestion_from_the_menu_replaces_the_word_as_one_undo_step(setup: Setup) -> None:
    setup.caret_to_end()
    setup.type("I recieve letters. ")
    setup.wait_underlined(["recieve"])
    position = setup.editor.text().index("recieve") + 2

    def pick(menu: QMenu) -> None:  # the first suggestion is the first entry: Down, Enter
        QTest.keyClick(menu, Qt.Key.Key_Down)
        QTest.keyClick(menu, Qt.Key.Key_Return)
    entries = choose_in_menu(setup.qtbot, setup.editor, position, pick)
    assert entries[0] == "receive"
    assert "Add “recieve” to Dictionary" in entries and "Ignore “recieve”" in entries
    assert any("Copy" in entry for entry in entries)  # the standard entries stay
    assert setup.editor.text().endswith("I receive letters. ")
    setup.wait_underlined([])
    setup.editor.undo()
    assert setup.editor.text().endswith("I recieve letters. ")


@OFFSCREEN_MENU
def test_add_to_dictionary_is_kept_for_the_next_start_and_ignore_for_this_run(qtbot: Any) -> None:
    require_dictionary("en_US")
    setup = Setup(qtbot, POST + "Postdeskish and Zorblat words.\n")
    try:
        setup.wait_underlined(["Postdeskish", "Zorblat"])
        text = setup.editor.text()
        for word, entry in (("Postdeskish", "addToDictionary"), ("Zorblat", "ignoreWord")):
            choose_in_menu(qtbot, setup.editor, text.index(word) + 1, lambda menu, name=entry: click(menu, name))
        setup.wait_underlined([])
    finally:
        setup.close()
    # A new start: the added word is known, the ignored one is not.
    again = Setup(qtbot, POST + "Postdeskish and Zorblat words.\n")
    try:
        again.wait_underlined(["Zorblat"])
    finally:
        again.close()


def test_only_the_lines_on_screen_are_checked_and_a_scroll_brings_the_rest(qtbot: Any) -> None:
    require_dictionary("en_US")
    lines = [f"Line {n} is fine." for n in range(400)]
    lines[5], lines[380] = "Near the top a mistaek.", "Far below a blunderr."
    setup = Setup(qtbot, "\n".join(lines) + "\n")
    try:
        setup.wait_underlined(["mistaek"])
        setup.editor.verticalScrollBar().setValue(setup.editor.verticalScrollBar().maximum())
        setup.wait_underlined(["blunderr"])
    finally:
        setup.close()


def test_without_a_dictionary_for_the_posts_language_a_note_comes_once_and_typing_goes_on(qtbot: Any) -> None:
    def opener(tag: str) -> Any:
        raise SpellingUnavailable(f"No spelling dictionary for {tag} is installed.", hint="Install it.")
    setup = Setup(qtbot, "---\nlang: xx\n---\nTeh text.\n", SpellChecker(opener=opener))
    try:
        qtbot.waitUntil(lambda: len(setup.problems) == 1, timeout=budget.ms(5000))
        setup.caret_to_end()
        setup.type("More teh.")
        qtbot.waitUntil(lambda: not setup.underlines.timer.isActive() and not setup.underlines._busy,
                        timeout=budget.ms(5000))
        assert len(setup.problems) == 1 and setup.underlined() == []
        assert setup.editor.text().endswith("More teh.")
    finally:
        setup.close()


def test_turning_it_off_takes_the_underlines_away(setup: Setup) -> None:
    setup.caret_to_end()
    setup.type("Wrnog. ")
    setup.wait_underlined(["Wrnog"])
    setup.underlines.set_enabled(False)
    assert setup.underlined() == []
    setup.underlines.set_enabled(True)
    setup.wait_underlined(["Wrnog"])


@OFFSCREEN_MENU
def test_a_read_only_post_offers_suggestions_it_cannot_apply_as_disabled(qtbot: Any) -> None:
    require_dictionary("en_US")
    setup = Setup(qtbot, POST + "A recieve here.\n")
    try:
        setup.wait_underlined(["recieve"])
        setup.editor.setReadOnly(True)
        enabled: dict[str, bool] = {}

        def pick(menu: QMenu) -> None:
            enabled.update((action.text(), action.isEnabled()) for action in menu.actions())
            QTest.keyClick(menu, Qt.Key.Key_Escape)
        choose_in_menu(qtbot, setup.editor, setup.editor.text().index("recieve") + 1, pick)
        assert enabled["receive"] is False and enabled["Ignore “recieve”"] is True
        assert "recieve" in setup.editor.text()
    finally:
        setup.close()
