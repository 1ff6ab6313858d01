"""A writing session in the real window, through real key and mouse events: a misspelling
underlined and corrected from the editor's menu, the outline shown with its key and a heading
jumped to with a click, a word goal set from the status bar; the saved file's bytes at the end."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit, QMenu

from desktop_app.core.settings import load_settings, load_state
from desktop_app.ui.writing.spelling import LAYER
from tests.helpers import budget
from tests.helpers.spelling import require_dictionary

POST = "posts/microservices-vs-monolith.md"
HEADING = "## Pitfalls we keep seeing"
# The offscreen platform cannot raise a popup or give it the keyboard; menus work regardless.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support raise", "grabbing the keyboard")


def when_shown(kind: type, act: Callable[[Any], None]) -> None:
    """Run `act` on the popup or dialog of `kind` as soon as it is up (menus and dialogs block)."""
    def look() -> None:
        widget = QApplication.activePopupWidget() or QApplication.activeModalWidget()
        if isinstance(widget, kind) and widget.isVisible():
            act(widget)
        else:
            QTimer.singleShot(20, look)
    QTimer.singleShot(0, look)


def activate(qtbot: Any, window: Any) -> None:
    """Shortcuts reach the active window only, and the offscreen platform does not give activation
    back to it after a popup or a dialog closes (a desktop does)."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=budget.ms(5000))


def right_click(editor: Any, position: int) -> None:
    cursor = QTextCursor(editor.document())
    cursor.setPosition(position)
    point = editor.viewport().mapTo(editor.window(), editor.cursorRect(cursor).center() + QPoint(2, 0))
    QTest.mouseClick(editor.window().windowHandle(), Qt.MouseButton.RightButton, Qt.KeyboardModifier.NoModifier, point)


def test_a_writing_session_with_spelling_the_outline_and_a_goal(qtbot: Any, desk: Any) -> None:
    require_dictionary("en_US")
    root = desk.sample.root
    original = (root / POST).read_text(encoding="utf-8")
    desk.resize(1440, 900)  # a writer's window: the heading fits on one line (End ends the visual line)
    assert desk.controller.open_post(POST)
    editor = desk.editor_pane.editor
    activate(qtbot, desk)
    underlined = lambda: [s.cursor.selectedText() for s in editor._layers.get(LAYER, [])]  # noqa: E731

    # Type at the end of the post: the misspelling is underlined once the caret has left it.
    editor.setFocus()
    editor.moveCursor(QTextCursor.MoveOperation.End)
    QTest.keyClicks(editor, "The recieve path is wrong.")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "recieve" in underlined(), timeout=budget.ms(10_000))

    # Right-click it; the first entry is the dictionary's first suggestion: Down, Enter.
    seen: list[str] = []

    def pick(menu: QMenu) -> None:
        seen.extend(action.text() for action in menu.actions())
        QTest.keyClick(menu, Qt.Key.Key_Down)
        QTest.keyClick(menu, Qt.Key.Key_Return)
    when_shown(QMenu, pick)
    right_click(editor, editor.text().rindex("recieve") + 3)
    assert seen[0] == "receive" and "Add “recieve” to Dictionary" in seen
    assert editor.text().endswith("The receive path is wrong.\n")
    qtbot.waitUntil(lambda: "recieve" not in underlined(), timeout=budget.ms(5000))

    # Ctrl+Shift+O shows the outline; a click on a heading takes the caret there.
    assert not desk.writing.dock.isVisible()
    activate(qtbot, desk)
    QTest.keyClick(editor, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    panel = desk.writing.outline_panel
    qtbot.waitUntil(lambda: panel.isVisible() and bool(panel.items), timeout=budget.ms(5000))
    item = next(i for i in panel.items if i.text(0) == HEADING[3:])
    panel.tree.scrollToItem(item)
    QTest.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     panel.tree.visualItemRect(item).center())
    assert editor.textCursor().block().text() == HEADING and editor.hasFocus()
    assert editor.firstVisibleBlock().text() == HEADING
    QTest.keyClick(editor, Qt.Key.Key_End)
    QTest.keyClick(editor, Qt.Key.Key_Return)
    QTest.keyClick(editor, Qt.Key.Key_Return)
    QTest.keyClicks(editor, "A short list follows.")

    # A word goal for this post, from the counts in the status bar.
    counts = desk.writing.counts_widget
    when_shown(QMenu, lambda menu: QTest.mouseClick(
        menu, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
        menu.actionGeometry(next(a for a in menu.actions() if a.objectName() == "setWordGoal")).center()))

    def answer(dialog: QInputDialog) -> None:
        field = dialog.findChild(QLineEdit)
        field.selectAll()
        QTest.keyClicks(field, "1000")
        QTest.keyClick(field, Qt.Key.Key_Return)
    QTimer.singleShot(0, lambda: when_shown(QInputDialog, answer))
    QTest.mouseClick(counts.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "/ 1,000 words" in counts.button.text(), timeout=budget.ms(5000))
    assert counts.progress.isVisible()

    # Ctrl+S: the file holds exactly what was typed, where it was typed.
    activate(qtbot, desk)
    QTest.keyClick(editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    expected = original.replace(f"{HEADING}\n", f"{HEADING}\n\nA short list follows.\n", 1)
    expected += "The receive path is wrong.\n"
    assert (root / POST).read_bytes() == expected.encode("utf-8")
    # The goal is the writer's, kept with the window's state, not in the post.
    assert load_state(desk.context.workspace.paths).word_goals == {str(root / POST): 1000}


def test_spelling_can_be_turned_off_from_the_edit_menu_and_the_outline_stays_as_it_was_left(
        qtbot: Any, desk: Any) -> None:
    require_dictionary("en_US")
    editor, writing = desk.editor_pane.editor, desk.writing
    editor.moveCursor(QTextCursor.MoveOperation.End)
    editor.setFocus()
    QTest.keyClicks(editor, "Wrnog spelling.")
    qtbot.waitUntil(lambda: bool(editor._layers.get(LAYER)), timeout=budget.ms(10_000))
    assert writing.spelling_action.isChecked()
    writing.spelling_action.trigger()
    assert not editor._layers.get(LAYER) and not desk.context.workspace.settings.spell_check
    assert not load_settings(desk.context.workspace.paths).spell_check  # kept for the next start
    writing.outline_action.trigger()
    assert writing.dock.isVisible() and load_state(desk.context.workspace.paths).outline


def test_a_post_in_a_language_without_a_dictionary_says_so_once_and_is_written_unchecked(
        qtbot: Any, desk: Any) -> None:
    require_dictionary("en_US")
    post = desk.sample.root / "posts/microservices-vs-monolith.md"
    post.write_text(post.read_text(encoding="utf-8").replace("---\n", "---\nlang: xx\n", 1), encoding="utf-8")
    desk.controller.open_post("posts/caching-unsung-hero.md")
    assert desk.controller.open_post("posts/microservices-vs-monolith.md")
    messages = desk.editor_pane.messages
    qtbot.waitUntil(lambda: "spelling" in messages.keys(), timeout=budget.ms(10_000))
    assert messages.text("spelling").startswith("No spelling dictionary for xx is installed.")
    assert "Writing goes on without spell checking." in messages.text("spelling")
    messages.dismiss("spelling")
    spelling = desk.writing.spelling
    assert desk.controller.open_post("posts/caching-unsung-hero.md")
    qtbot.waitUntil(lambda: spelling.language == "en_US" and not spelling._busy, timeout=budget.ms(10_000))
    assert desk.controller.open_post("posts/microservices-vs-monolith.md")
    qtbot.waitUntil(lambda: spelling.language == "xx" and not spelling._busy, timeout=budget.ms(10_000))
    assert "spelling" not in messages.keys()  # once is enough
    editor = desk.editor_pane.editor
    editor.moveCursor(QTextCursor.MoveOperation.End)
    editor.setFocus()
    QTest.keyClicks(editor, "Wrnog.")
    assert editor.text().endswith("Wrnog.") and not editor._layers.get(LAYER)
