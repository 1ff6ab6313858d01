"""Quick open (Ctrl+P), driven by real key events on the real window: a few letters of a title and
Enter open the post, with the keyboard in the editor."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from tests.helpers import budget

CACHING = "posts/caching-unsung-hero.md"
CQRS = "posts/cqrs-read-write-separation.md"
CTRL = Qt.KeyboardModifier.ControlModifier


def focus_editor(qtbot, desk) -> None:  # noqa: ANN001
    """The window active and the keyboard in the editor: where a writer's keys land."""
    desk.activateWindow()
    qtbot.waitUntil(desk.isActiveWindow, timeout=budget.ms(3000))
    desk.editor_pane.editor.setFocus()
    qtbot.waitUntil(desk.editor_pane.editor.hasFocus, timeout=budget.ms(3000))


def open_quick_open(qtbot, desk):  # noqa: ANN001, ANN201
    """Ctrl+P pressed in the editor of the active window, as a writer does."""
    focus_editor(qtbot, desk)
    qtbot.keyClick(desk.editor_pane.editor, Qt.Key.Key_P, CTRL)
    picker = desk.commands.quick_open
    qtbot.waitUntil(lambda: picker.isVisible() and picker.field.hasFocus(), timeout=budget.ms(3000))
    return picker


def test_ctrl_p_a_few_letters_and_enter_open_the_post_for_writing(qtbot, desk) -> None:
    opened_before = desk.controller.document.path
    picker = open_quick_open(qtbot, desk)
    qtbot.keyClicks(picker.field, "unsung")
    first = picker.current()
    assert first is not None and first.payload == CACHING
    assert first.text == "Caching: The Unsung Hero of Fast, Scalable Systems"
    assert "posts/caching-unsung-hero.md" in first.detail and "February 10, 2026" in first.detail
    qtbot.keyClick(picker.field, Qt.Key.Key_Return)
    assert not picker.isVisible()
    assert desk.controller.document.path == CACHING != opened_before
    assert desk.editor_pane.editor.hasFocus()
    assert desk.library.current_path() == CACHING  # the library follows


def test_initials_and_arrow_keys_choose_among_the_matches(qtbot, desk) -> None:
    picker = open_quick_open(qtbot, desk)
    qtbot.keyClicks(picker.field, "the")  # in several titles
    rows = picker.rows()
    assert len(rows) > 1
    qtbot.keyClick(picker.field, Qt.Key.Key_Down)
    assert picker.current() == rows[1]
    qtbot.keyClick(picker.field, Qt.Key.Key_Up)
    qtbot.keyClick(picker.field, Qt.Key.Key_Up)  # from the first row, round to the last
    assert picker.current() == rows[-1]
    picker.field.clear()
    qtbot.keyClicks(picker.field, "cqrs pattern")
    assert [row.payload for row in picker.rows()] == [CQRS]
    qtbot.keyClick(picker.field, Qt.Key.Key_Enter)
    assert desk.controller.document.path == CQRS


def test_with_nothing_typed_the_previous_post_comes_first(qtbot, desk) -> None:
    first_post = desk.controller.document.path
    assert desk.controller.open_post(CACHING)
    picker = open_quick_open(qtbot, desk)
    assert picker.rows()[0].payload == first_post  # Ctrl+P, Enter: back to where the writer was
    assert picker.rows()[-1].payload == CACHING  # the open post last
    qtbot.keyClick(picker.field, Qt.Key.Key_Return)
    assert desk.controller.document.path == first_post


def test_escape_closes_it_and_gives_the_keyboard_back(qtbot, desk) -> None:
    editor = desk.editor_pane.editor
    before = editor.toPlainText()
    picker = open_quick_open(qtbot, desk)
    qtbot.keyClicks(picker.field, "cach")
    qtbot.keyClick(picker.field, Qt.Key.Key_Escape)
    assert not picker.isVisible()
    qtbot.waitUntil(editor.hasFocus, timeout=budget.ms(3000))
    assert editor.toPlainText() == before  # nothing typed into the post


def test_clicking_elsewhere_closes_it(qtbot, desk) -> None:
    picker = open_quick_open(qtbot, desk)
    desk.library.search.setFocus()
    qtbot.waitUntil(lambda: not picker.isVisible(), timeout=budget.ms(3000))
    assert QApplication.focusWidget() is desk.library.search


def test_no_match_says_so_and_enter_does_nothing(qtbot, desk) -> None:
    opened = desk.controller.document.path
    picker = open_quick_open(qtbot, desk)
    qtbot.keyClicks(picker.field, "zzqx")
    assert picker.rows() == [] and picker.list.item(0).text() == "No post matches"
    qtbot.keyClick(picker.field, Qt.Key.Key_Return)
    assert picker.isVisible() and desk.controller.document.path == opened


def test_it_works_when_the_library_is_hidden_and_asks_about_unsaved_edits(qtbot, desk) -> None:
    desk.library.hide()
    editor = desk.editor_pane.editor
    opened = desk.controller.document.path
    editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(editor, "One more line.")
    desk.context.notifier.answers[:] = ["cancel"]  # keep the edits: the switch is called off
    picker = open_quick_open(qtbot, desk)
    qtbot.keyClicks(picker.field, "cqrs")
    qtbot.keyClick(picker.field, Qt.Key.Key_Return)
    assert desk.controller.document.path == opened and "One more line." in editor.toPlainText()
    desk.context.notifier.answers[:] = ["discard"]
    picker = open_quick_open(qtbot, desk)
    qtbot.keyClicks(picker.field, "cqrs")
    qtbot.keyClick(picker.field, Qt.Key.Key_Return)
    assert desk.controller.document.path == CQRS


def test_a_session_by_keys_alone_quick_open_type_save(qtbot, desk) -> None:
    """Ctrl+P to a post, Ctrl+End, a new paragraph, Ctrl+S: the file holds exactly that, byte for byte."""
    path = desk.sample.root / CQRS
    original = path.read_bytes()
    picker = open_quick_open(qtbot, desk)
    qtbot.keyClicks(picker.field, "cqrs")
    qtbot.keyClick(picker.field, Qt.Key.Key_Return)
    editor = desk.editor_pane.editor
    qtbot.waitUntil(editor.hasFocus, timeout=budget.ms(3000))
    qtbot.keyClick(editor, Qt.Key.Key_End, CTRL)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClicks(editor, "Written by keys alone.")
    qtbot.keyClick(editor, Qt.Key.Key_S, CTRL)
    assert path.read_bytes() == original + b"\nWritten by keys alone."
    assert not desk.controller.is_modified()


def test_escape_never_hands_the_keyboard_to_the_forms_title(qtbot, desk) -> None:
    """Opened from nowhere (the menu, focus on nothing): Esc puts the keyboard in the editor, not in
    the next widget in tab order, the title field, whose selected text the next key would replace."""
    focus_editor(qtbot, desk)
    desk.editor_pane.editor.clearFocus()
    desk.commands.quick_open_action.trigger()
    picker = desk.commands.quick_open
    qtbot.waitUntil(picker.field.hasFocus, timeout=budget.ms(3000))
    qtbot.keyClick(picker.field, Qt.Key.Key_Escape)
    qtbot.waitUntil(desk.editor_pane.editor.hasFocus, timeout=budget.ms(3000))
    assert not desk.form.widget("title").hasFocus()


def test_the_file_name_counts_but_not_the_folder_every_post_shares(qtbot, desk) -> None:
    picker = open_quick_open(qtbot, desk)
    qtbot.keyClicks(picker.field, "separation")  # only in the file's name: cqrs-read-write-separation.md
    assert [row.payload for row in picker.rows()] == [CQRS]
    assert picker.rows()[0].positions == ()  # nothing to embolden in the title
    picker.field.clear()
    qtbot.keyClicks(picker.field, "posts")  # the collection's folder: in every path, so no match
    assert picker.rows() == []
