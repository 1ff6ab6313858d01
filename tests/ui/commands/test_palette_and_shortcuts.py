"""The command palette (Ctrl+Shift+P) runs any action by name and shows its keys; Help → Keyboard
Shortcuts lists every key; no two commands share one."""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from desktop_app.ui.commands.catalogue import menu_commands, plain
from tests.helpers import budget
from tests.ui.commands.test_quick_open import focus_editor

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def open_palette(qtbot, desk):  # noqa: ANN001, ANN201
    focus_editor(qtbot, desk)
    qtbot.keyClick(desk.editor_pane.editor, Qt.Key.Key_P, CTRL_SHIFT)
    palette = desk.commands.palette
    qtbot.waitUntil(lambda: palette.isVisible() and palette.field.hasFocus(), timeout=budget.ms(3000))
    return palette


def test_the_palette_runs_an_action_by_name_and_shows_its_keys(qtbot, desk) -> None:
    palette = open_palette(qtbot, desk)
    qtbot.keyClicks(palette.field, "preview")
    row = palette.current()
    assert row is not None and row.text == "Preview: on" and row.detail == "View"
    assert row.keys == QKeySequence("Ctrl+Shift+V").toString(QKeySequence.SequenceFormat.NativeText)
    qtbot.keyClick(palette.field, Qt.Key.Key_Return)
    assert not palette.isVisible() and not desk.preview.isVisible() and not desk.actions.toggle_preview.isChecked()
    qtbot.waitUntil(desk.editor_pane.editor.hasFocus, timeout=budget.ms(3000))  # back where the writer was


def test_the_palette_offers_every_menu_command_that_can_run(qtbot, desk) -> None:
    palette = open_palette(qtbot, desk)
    offered = {(row.text.split(": ")[0], row.detail) for row in palette.rows()}
    expected = {(c.name, c.place) for c in menu_commands(desk) if c.action.isEnabled()
                and c.action is not desk.commands.palette_action}
    assert expected <= offered and len(expected) > 20
    desk.actions.push.setEnabled(False)  # e.g. while a push runs
    palette.field.setText("push")
    assert [row.text for row in palette.rows()] == []


def test_the_palette_finds_a_command_by_its_menu_and_lists_the_last_run_first(qtbot, desk) -> None:
    palette = open_palette(qtbot, desk)
    qtbot.keyClicks(palette.field, "git pull")
    assert palette.current().text == "Pull"
    qtbot.keyClick(palette.field, Qt.Key.Key_Escape)
    palette = open_palette(qtbot, desk)
    qtbot.keyClicks(palette.field, "sync scrolling")
    qtbot.keyClick(palette.field, Qt.Key.Key_Return)
    assert not desk.actions.sync_scroll.isChecked()
    palette = open_palette(qtbot, desk)
    assert palette.rows()[0].text == "Sync Scrolling: off"


def test_ctrl_shift_v_toggles_the_preview_now(qtbot, desk) -> None:
    focus_editor(qtbot, desk)
    qtbot.keyClick(desk.editor_pane.editor, Qt.Key.Key_V, CTRL_SHIFT)
    assert not desk.preview.isVisible()
    assert not desk.commands.palette.isVisible()


def test_no_two_commands_share_a_key(qtbot, desk) -> None:
    keys = Counter(sequence.toString() for command in menu_commands(desk)
                   for sequence in command.action.shortcuts() if not sequence.isEmpty())
    assert [key for key, count in keys.items() if count > 1] == []


def test_keyboard_shortcuts_lists_every_key_and_filters(qtbot, desk) -> None:
    focus_editor(qtbot, desk)
    qtbot.keyClick(desk.editor_pane.editor, Qt.Key.Key_Slash, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: desk.commands.shortcuts_dialog is not None, timeout=budget.ms(3000))
    dialog = desk.commands.shortcuts_dialog
    qtbot.waitUntil(dialog.isVisible, timeout=budget.ms(3000))
    listed = {(what, keys) for _group, what, keys in dialog.entries()}
    for command in menu_commands(desk):
        if not command.action.shortcut().isEmpty():
            assert (command.name, command.keys) in listed, command.name
    assert ("Rename", "F2") in listed  # the library's own keys
    assert ("Go to the results", "Down") in listed  # and keys that are not actions
    qtbot.keyClicks(dialog.filter, "ctrl+shift+p")
    shown = {(group, what) for group, what, _keys in dialog.entries()}
    assert ("View", "Command Palette") in shown and ("File", "Save") not in shown
    dialog.close()


def test_help_menu_holds_keyboard_shortcuts(qtbot, desk) -> None:
    help_menu = next(a.menu() for a in desk.menuBar().actions() if plain(a.text()) == "Help")
    assert desk.commands.shortcuts_action in help_menu.actions()
    file_menu = next(a.menu() for a in desk.menuBar().actions() if plain(a.text()) == "File")
    assert desk.commands.quick_open_action in file_menu.actions()
