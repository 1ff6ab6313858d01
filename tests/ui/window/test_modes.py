"""Write mode and review mode on the real window, driven by real key events and clicks: the
editor gets the room, one key switches, each mode keeps its layout (also across a restart), no
pane shrinks below usable, Ctrl+\\ hides the library, F11 fills the screen, and the Changes dock
waits for a click on the count of changed posts."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication

from desktop_app.ui.window import modes as modes_module
from desktop_app.ui.window.modes import REVIEW, WRITE
from tests.helpers import budget
from tests.ui.git.test_changes_panel import open_desk

POST = "posts/caching-unsung-hero.md"
TITLE = "Caching: The Unsung Hero of Fast, Scalable Systems"
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def active(qtbot: Any, desk: Any, width: int = 1280, height: int = 720) -> Any:
    """The window at width × height, active, with the caching post open and the editor focused.
    Activated once the preview's page is there: QtWebEngine's first page takes the activation."""
    desk.resize(width, height)
    qtbot.waitExposed(desk)
    assert desk.controller.open_post(POST)
    qtbot.waitUntil(lambda: desk.preview.last is not None and desk.preview.view is not None
                    and desk.preview._page_ready, timeout=budget.ms(20_000))
    qtbot.waitUntil(lambda: desk.width() == width and desk.height() == height, timeout=budget.ms(5000))
    if not desk.isActiveWindow():
        with qtbot.waitActive(desk, timeout=budget.ms(5000)):
            desk.activateWindow()
    desk.editor_pane.editor.setFocus()
    return desk.editor_pane.editor


def press(qtbot: Any, desk: Any, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """A real key press where the writer's focus is (shortcuts are matched as for a typist)."""
    target = QApplication.focusWidget() or desk
    qtbot.keyClick(target, key, modifiers)


def visible_lines(editor: Any) -> int:
    return editor.viewport().height() // editor.fontMetrics().lineSpacing()


def test_the_window_opens_in_write_mode_and_the_editor_gets_the_room(qtbot, desk) -> None:
    editor = active(qtbot, desk)
    assert desk.modes.mode == WRITE and desk.status.mode_buttons[WRITE].isChecked()
    assert not desk.changes_dock.isVisible() and not desk.form.isVisible()
    assert desk.form_header.isVisible() and desk.form_header.title.text() == TITLE
    assert desk.form_header.height() <= 3 * desk.form_header.fontMetrics().lineSpacing()  # one line, not a form
    # At 1280×720 the editor holds 30 lines: 25 of the body under a folded front matter, and room to spare.
    assert visible_lines(editor) >= 30, f"the editor shows {visible_lines(editor)} lines at 1280×720"
    assert editor.height() > 0.8 * desk.centralWidget().height()


def test_one_key_switches_modes_and_each_mode_keeps_its_layout(qtbot, desk) -> None:
    active(qtbot, desk, 1440, 900)
    press(qtbot, desk, Qt.Key.Key_R, CTRL_SHIFT)
    assert desk.modes.mode == REVIEW and desk.actions.review_mode.isChecked()
    assert desk.status.mode_buttons[REVIEW].isChecked()
    assert desk.library.isVisible() and desk.form.isVisible() and desk.changes_dock.isVisible()
    # The reviewer hides the preview and gives the fields more room.
    desk.actions.toggle_preview.trigger()
    desk.centre.setSizes([420, 400])
    review_sizes = desk.centre.sizes()

    press(qtbot, desk, Qt.Key.Key_R, CTRL_SHIFT)
    assert desk.modes.mode == WRITE and not desk.actions.review_mode.isChecked()
    assert desk.preview.isVisible() and not desk.form.isVisible() and not desk.changes_dock.isVisible()
    assert desk.editor_pane.editor.hasFocus()  # back to writing

    qtbot.mouseClick(desk.status.mode_buttons[REVIEW], Qt.MouseButton.LeftButton)
    assert desk.modes.mode == REVIEW
    assert not desk.preview.isVisible() and desk.form.isVisible()
    assert abs(desk.centre.sizes()[0] - review_sizes[0]) <= 2


def test_each_mode_and_its_layout_come_back_after_a_restart(qtbot, desk) -> None:
    active(qtbot, desk, 780, 700)  # within the offscreen screen (800×800), where the geometry comes back as it was
    desk.actions.toggle_library.trigger()  # write mode without the library
    desk.modes.switch(REVIEW)
    desk.actions.toggle_changes.trigger()  # review mode without the Changes dock
    desk.splitter.setSizes([210, 300, 260])  # and a narrower library
    qtbot.waitUntil(lambda: desk.splitter.sizes()[0] <= 230, timeout=5000)
    sizes = desk.splitter.sizes()
    root = desk.sample.root
    desk.close()

    again = open_desk(qtbot, root)
    assert again.modes.mode == REVIEW and again.actions.review_mode.isChecked()
    assert again.library.isVisible() and not again.changes_dock.isVisible() and again.form.isVisible()
    # The library keeps its width; the editor and preview share the rest as they did.
    qtbot.waitUntil(lambda: abs(again.splitter.sizes()[0] - sizes[0]) <= 4, timeout=budget.ms(5000))
    ratio = again.splitter.sizes()[1] / again.splitter.sizes()[2]
    assert abs(ratio - sizes[1] / sizes[2]) < 0.1, (again.splitter.sizes(), sizes)
    again.modes.switch(WRITE)
    assert not again.library.isVisible() and not again.actions.toggle_library.isChecked()
    again.context.notifier.answers[:] = ["discard"] * 3
    again.close()


def test_ctrl_backslash_hides_and_shows_the_library(qtbot, desk) -> None:
    active(qtbot, desk, 1440, 900)
    width = desk.editor_pane.width()
    desk.library.list.setFocus()
    press(qtbot, desk, Qt.Key.Key_Backslash, Qt.KeyboardModifier.ControlModifier)
    assert not desk.library.isVisible() and not desk.actions.toggle_library.isChecked()
    assert desk.editor_pane.editor.hasFocus()  # the focus never stays in a hidden pane
    qtbot.waitUntil(lambda: desk.editor_pane.width() > width, timeout=budget.ms(5000))  # its room went to the editor
    press(qtbot, desk, Qt.Key.Key_Backslash, Qt.KeyboardModifier.ControlModifier)
    assert desk.library.isVisible() and desk.actions.toggle_library.isChecked()
    # Searching the posts brings a hidden library back, with the search box focused.
    press(qtbot, desk, Qt.Key.Key_Backslash, Qt.KeyboardModifier.ControlModifier)
    press(qtbot, desk, Qt.Key.Key_F, CTRL_SHIFT)
    assert desk.library.isVisible() and desk.library.search.hasFocus()


def test_f11_fills_the_screen_and_gives_it_back(qtbot, desk) -> None:
    active(qtbot, desk, 1000, 700)
    assert desk.actions.full_screen.shortcut() == QKeySequence(Qt.Key.Key_F11)
    press(qtbot, desk, Qt.Key.Key_F11)
    qtbot.waitUntil(desk.isFullScreen, timeout=budget.ms(5000))
    assert desk.actions.full_screen.isChecked()
    press(qtbot, desk, Qt.Key.Key_F11)
    qtbot.waitUntil(lambda: not desk.isFullScreen(), timeout=budget.ms(5000))
    assert not desk.actions.full_screen.isChecked()


def test_the_changes_dock_waits_for_a_click_on_the_count_of_changed_posts(qtbot, desk) -> None:
    active(qtbot, desk, 1280, 720)
    badge = desk.status.changes
    assert not badge.isVisible()  # nothing to commit, nothing said
    path = desk.sample.root / "posts/cqrs-read-write-separation.md"
    path.write_text(path.read_text(encoding="utf-8").replace("draft: false", "draft: true", 1), encoding="utf-8")
    desk.changes.refresh()
    qtbot.waitUntil(badge.isVisible, timeout=budget.ms(10_000))
    assert badge.text() == "● 1 post changed"
    assert not desk.changes_dock.isVisible()  # writing goes on: the dock stays closed

    qtbot.mouseClick(badge, Qt.MouseButton.LeftButton)
    assert desk.modes.mode == REVIEW and desk.changes_dock.isVisible()
    assert desk.changes.files.count() >= 1


def test_no_pane_shrinks_below_usable(qtbot, desk) -> None:
    active(qtbot, desk, 1280, 720)
    desk.modes.switch(REVIEW)
    # Dragging a splitter handle to the end, or a state file from a smaller screen, asks for nothing.
    desk.centre.setSizes([2000, 0])
    desk.splitter.setSizes([0, 2000, 0])
    editor = desk.editor_pane.editor
    qtbot.waitUntil(lambda: visible_lines(editor) >= modes_module.EDITOR_MIN_LINES - 1, timeout=5000)
    assert desk.library.width() >= modes_module.LIBRARY_MIN_WIDTH
    assert desk.preview.width() >= modes_module.PREVIEW_MIN_WIDTH
    assert desk.form_scroll.height() >= modes_module.DETAILS_MIN_HEIGHT
    assert desk.changes_dock.height() >= 150
    assert desk.height() <= 720  # and everything still fits a 720-pixel screen


def test_a_click_on_the_one_line_header_opens_the_fields_and_it_follows_them(qtbot, desk) -> None:
    active(qtbot, desk, 1280, 720)
    header = desk.form_header
    assert "February 10, 2026" in header.details.text() and "#caching" in header.details.text()
    qtbot.mouseClick(header, Qt.MouseButton.LeftButton, pos=QPoint(header.width() // 2, header.height() // 2))
    assert desk.form.isVisible() and desk.actions.toggle_form.isChecked() and header.is_open()
    title = desk.form.widget("title")
    title.setFocus()
    title.end(False)
    qtbot.keyClicks(title, " Again")
    qtbot.waitUntil(lambda: header.title.text() == TITLE + " Again", timeout=budget.ms(5000))
    press(qtbot, desk, Qt.Key.Key_D, CTRL_SHIFT)
    assert not desk.form.isVisible() and not header.is_open()


def test_no_two_actions_of_the_window_share_a_key(qtbot, desk) -> None:
    taken: dict[str, str] = {}
    for action in desk.findChildren(type(desk.actions.save)):
        for key in action.shortcuts():
            name = key.toString()
            assert name not in taken, f"{name} is both {taken[name]!r} and {action.text()!r}"
            taken[name] = action.text()
    assert {"Ctrl+Shift+R", "Ctrl+\\", "F11"} <= set(taken)


def test_a_hand_edited_layout_falls_back_field_by_field() -> None:
    default = modes_module.default_layouts()[REVIEW]
    layout = modes_module.Layout.from_json(
        {"library": "yes", "preview": False, "main": [300, "wide", 400], "centre": [200, 500], "changes_height": -5},
        default)
    assert layout.library is default.library and layout.preview is False
    assert layout.main == default.main and layout.centre == [200, 500]
    assert layout.changes_height == default.changes_height
    assert modes_module.Layout.from_json("garbage", default) == default
