"""The find/replace bar as a writer uses it: type a term, step through matches, replace, close."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QLayout, QPlainTextEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from desktop_app.ui.editor.find_bar import FindBar


@dataclass
class Desk:
    window: QWidget
    editor: QPlainTextEdit
    bar: FindBar


@pytest.fixture
def desk(qtbot: QtBot) -> Desk:
    window = QWidget()
    qtbot.addWidget(window)
    editor = QPlainTextEdit(window)
    bar = FindBar(editor, window)
    layout = QVBoxLayout(window)
    # A top-level size constraint makes the offscreen platform warn "does not support
    # propagateSizeHints()" whenever the bar appears; the constraint is irrelevant here.
    layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
    layout.addWidget(editor)
    layout.addWidget(bar)
    window.resize(600, 400)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitActive(window)
    editor.setFocus()
    return Desk(window, editor, bar)


def selection(editor: QPlainTextEdit) -> tuple[int, int]:
    cursor = editor.textCursor()
    return cursor.selectionStart(), cursor.selectionEnd()


def search(qtbot: QtBot, desk: Desk, text: str, term: str) -> None:
    desk.editor.setPlainText(text)
    desk.bar.open_find()
    qtbot.keyClicks(desk.bar.find_edit, term)


def test_open_find_takes_the_selection_and_focuses_the_field(qtbot: QtBot, desk: Desk) -> None:
    desk.editor.setPlainText("one cat two")
    cursor = desk.editor.textCursor()
    cursor.setPosition(4)
    cursor.setPosition(7, QTextCursor.MoveMode.KeepAnchor)
    desk.editor.setTextCursor(cursor)
    assert desk.bar.isHidden()

    desk.bar.open_find()

    assert desk.bar.isVisible()
    assert desk.bar.find_edit.text() == "cat"
    assert not desk.bar.replace_edit.isVisible()
    qtbot.waitUntil(desk.bar.find_edit.hasFocus)
    assert desk.bar.find_edit.selectedText() == "cat"
    assert desk.bar.count_label.text() == "1 of 1"


def test_open_replace_shows_the_replace_row(qtbot: QtBot, desk: Desk) -> None:
    desk.bar.open_replace()
    assert desk.bar.replace_edit.isVisible()
    desk.bar.open_find()
    assert not desk.bar.replace_edit.isVisible()


def test_typing_selects_the_first_match_and_next_wraps(qtbot: QtBot, desk: Desk) -> None:
    search(qtbot, desk, "cat dog cat bird cat", "cat")
    assert selection(desk.editor) == (0, 3)
    assert desk.bar.count_label.text() == "1 of 3"

    assert desk.bar.find_next()
    assert selection(desk.editor) == (8, 11)
    assert desk.bar.count_label.text() == "2 of 3"
    assert desk.bar.find_next()
    assert selection(desk.editor) == (17, 20)
    assert desk.bar.find_next()
    assert selection(desk.editor) == (0, 3)
    assert desk.bar.find_previous()
    assert selection(desk.editor) == (17, 20)
    assert desk.bar.count_label.text() == "3 of 3"


def test_keys_step_through_matches(qtbot: QtBot, desk: Desk) -> None:
    search(qtbot, desk, "cat dog cat bird cat", "cat")
    qtbot.keyClick(desk.bar.find_edit, Qt.Key.Key_Return)
    assert selection(desk.editor) == (8, 11)
    qtbot.keyClick(desk.bar.find_edit, Qt.Key.Key_F3)
    assert selection(desk.editor) == (17, 20)
    qtbot.keyClick(desk.bar.find_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert selection(desk.editor) == (8, 11)
    qtbot.keyClick(desk.editor, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)  # from the editor too
    assert selection(desk.editor) == (0, 3)
    assert desk.editor.toPlainText() == "cat dog cat bird cat"


def test_case_and_whole_word_toggles_change_the_count(qtbot: QtBot, desk: Desk) -> None:
    search(qtbot, desk, "Cat cat CAT concatenate", "cat")
    assert desk.bar.match_count == 4
    qtbot.mouseClick(desk.bar.whole_word_button, Qt.MouseButton.LeftButton)
    assert desk.bar.match_count == 3
    qtbot.mouseClick(desk.bar.case_sensitive_button, Qt.MouseButton.LeftButton)
    assert desk.bar.match_count == 1
    assert desk.bar.count_label.text() == "1 of 1"
    assert selection(desk.editor) == (4, 7)
    qtbot.keyClick(desk.bar.find_edit, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)
    assert not desk.bar.case_sensitive_button.isChecked()
    assert desk.bar.match_count == 3


def test_no_results_says_so_and_turns_the_field_red(qtbot: QtBot, desk: Desk) -> None:
    search(qtbot, desk, "cat dog", "zebra")
    assert desk.bar.count_label.text() == "No results"
    assert not desk.bar.find_next()
    field = desk.bar.find_edit
    pixel = field.grab().toImage().pixelColor(field.width() // 2, field.height() // 2)
    assert pixel.red() > pixel.green() + 20 and pixel.red() > pixel.blue() + 20

    field.clear()
    qtbot.keyClicks(field, "dog")
    assert desk.bar.count_label.text() == "1 of 1"
    pixel = field.grab().toImage().pixelColor(field.width() // 2, field.height() // 2)
    assert abs(pixel.red() - pixel.green()) < 20


def test_all_matches_are_highlighted_up_to_a_cap(qtbot: QtBot, desk: Desk) -> None:
    search(qtbot, desk, "ab " * 1500, "ab")
    assert desk.bar.count_label.text() == "1 of 1500"
    assert len(desk.editor.extraSelections()) == 1000


def test_counts_follow_edits_in_the_editor(qtbot: QtBot, desk: Desk) -> None:
    search(qtbot, desk, "cat dog", "cat")
    assert len(desk.editor.extraSelections()) == 1
    cursor = desk.editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    cursor.insertText(" cat")
    qtbot.waitUntil(lambda: len(desk.editor.extraSelections()) == 2)
    assert desk.bar.count_label.text() in ("1 of 2", "? of 2")


def test_replace_current_replaces_the_selected_match_and_moves_on(qtbot: QtBot, desk: Desk) -> None:
    desk.editor.setPlainText("cat dog cat")
    desk.bar.open_replace()
    qtbot.keyClicks(desk.bar.find_edit, "cat")
    desk.bar.replace_edit.setText("lion")

    assert desk.bar.replace_current()
    assert desk.editor.toPlainText() == "lion dog cat"
    assert desk.editor.textCursor().selectedText() == "cat"

    qtbot.keyClick(desk.bar.replace_edit, Qt.Key.Key_Return)
    assert desk.editor.toPlainText() == "lion dog lion"
    assert desk.bar.count_label.text() == "No results"


def test_replace_current_first_selects_when_the_selection_is_no_match(qtbot: QtBot, desk: Desk) -> None:
    search(qtbot, desk, "cat dog cat", "cat")
    cursor = desk.editor.textCursor()
    cursor.setPosition(5)
    desk.editor.setTextCursor(cursor)
    desk.bar.replace_edit.setText("lion")
    assert not desk.bar.replace_current()
    assert desk.editor.toPlainText() == "cat dog cat"
    assert selection(desk.editor) == (8, 11)


def test_replace_all_is_one_undo_step(qtbot: QtBot, desk: Desk) -> None:
    original = "cat\ncat dog \U0001F431 cat\nconcat"
    desk.editor.setPlainText(original)
    desk.bar.open_replace()
    qtbot.keyClicks(desk.bar.find_edit, "cat")
    desk.bar.replace_edit.setText("lion")

    assert desk.bar.replace_all() == 4
    assert desk.editor.toPlainText() == "lion\nlion dog \U0001F431 lion\nconlion"
    assert desk.bar.count_label.text() == "No results"

    desk.editor.undo()
    assert desk.editor.toPlainText() == original


def test_matches_after_wide_characters_select_the_right_text(qtbot: QtBot, desk: Desk) -> None:
    search(qtbot, desk, "\U0001F600\U0001F600 cat", "cat")
    assert desk.editor.textCursor().selectedText() == "cat"


def test_escape_closes_clears_highlights_and_returns_focus(qtbot: QtBot, desk: Desk) -> None:
    search(qtbot, desk, "cat dog cat", "cat")
    assert len(desk.editor.extraSelections()) == 2
    with qtbot.waitSignal(desk.bar.closed):
        qtbot.keyClick(desk.bar.find_edit, Qt.Key.Key_Escape)
    assert desk.bar.isHidden()
    assert desk.editor.extraSelections() == []
    qtbot.waitUntil(desk.editor.hasFocus)


def test_escape_in_the_editor_closes_the_open_bar(qtbot: QtBot, desk: Desk) -> None:
    search(qtbot, desk, "cat", "cat")
    with qtbot.waitSignal(desk.bar.closed):
        qtbot.keyClick(desk.editor, Qt.Key.Key_Escape)
    assert desk.bar.isHidden()


def test_close_button_closes(qtbot: QtBot, desk: Desk) -> None:
    desk.bar.open_find()
    with qtbot.waitSignal(desk.bar.closed):
        desk.bar.close()
    assert desk.bar.isHidden()
