"""A writing session in the real window, through real key events: a new post, a numbered list
ended by Enter, the formatting keys, a link from the clipboard, a table, saved with Ctrl+S and
the file's bytes checked; and the caret and zoom found again after a restart."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QTextCursor

from desktop_app.core.paths import default_paths
from desktop_app.core.workspace import Workspace
from desktop_app.ui.editor.editor import MarkdownEditor
from tests.helpers.desk import monospaced

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
CACHING = "posts/caching-unsung-hero.md"


def focus_editor(qtbot: Any, desk: Any) -> MarkdownEditor:
    desk.activateWindow()
    editor = desk.editor_pane.editor
    editor.setFocus()
    qtbot.waitUntil(lambda: editor.hasFocus() and desk.isActiveWindow())
    return editor


def type_line(qtbot: Any, editor: MarkdownEditor, text: str = "") -> None:
    if text:
        qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)


def select_back(qtbot: Any, editor: MarkdownEditor, words: int) -> None:
    for _ in range(words):
        qtbot.keyClick(editor, Qt.Key.Key_Left, CTRL | SHIFT)


def test_a_writing_session_through_real_keys(qtbot: Any, desk: Any) -> None:
    desk.library.create_requested.emit("Weekend notes", "")
    qtbot.waitUntil(lambda: desk.controller.document is not None
                    and desk.controller.document.path == "posts/weekend-notes.md", timeout=10000)
    editor = focus_editor(qtbot, desk)
    path = desk.sample.root / "posts/weekend-notes.md"
    header = path.read_text(encoding="utf-8")
    assert header.endswith("---\n\n") and "Start writing" not in header  # nothing to commit by mistake
    assert editor.fold.folded and editor.textCursor().atEnd()  # the caret waits under the folded header

    type_line(qtbot, editor, "Errands:")
    type_line(qtbot, editor, "1. bakery")
    type_line(qtbot, editor, "post office")
    type_line(qtbot, editor, "library")
    type_line(qtbot, editor)  # Enter on the empty `4. ` ends the list
    type_line(qtbot, editor, "## Reading")
    qtbot.keyClicks(editor, "Finish the essay")
    select_back(qtbot, editor, 1)
    qtbot.keyClick(editor, Qt.Key.Key_B, CTRL)
    qtbot.keyClick(editor, Qt.Key.Key_End)
    qtbot.keyClicks(editor, " about")
    qtbot.keyClicks(editor, " caching")
    select_back(qtbot, editor, 1)
    QGuiApplication.clipboard().setText("https://example.org/caching")
    qtbot.keyClick(editor, Qt.Key.Key_K, CTRL)
    qtbot.keyClicks(editor, " (by Friday)")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    type_line(qtbot, editor)
    type_line(qtbot, editor, "|Day|Pages|")
    type_line(qtbot, editor, "|-|-:|")
    type_line(qtbot, editor, "|Saturday|40|")
    qtbot.keyClicks(editor, "Run ")
    qtbot.keyClicks(editor, "make")
    select_back(qtbot, editor, 1)
    qtbot.keyClick(editor, Qt.Key.Key_K, CTRL | SHIFT)
    qtbot.keyClick(editor, Qt.Key.Key_End)
    qtbot.keyClicks(editor, " first.")
    qtbot.keyClick(editor, Qt.Key.Key_S, CTRL)

    qtbot.waitUntil(lambda: not desk.controller.is_modified())
    assert path.read_bytes() == (header + (
        "Errands:\n"
        "1. bakery\n"
        "2. post office\n"
        "3. library\n"
        "\n"
        "## Reading\n"
        "Finish the **essay** about [caching](https://example.org/caching) (by Friday)\n"
        "\n"
        "| Day      | Pages |\n"
        "| -------- | ----: |\n"
        "| Saturday |    40 |\n"
        "Run `make` first."
    )).encode("utf-8")
    assert desk.form.widget("title").text() == "Weekend notes"  # the front matter, folded, is intact


def test_push_left_ctrl_shift_k_to_the_editor(desk: Any) -> None:
    assert desk.actions.push.shortcut().toString() == "Ctrl+Alt+K"
    assert desk.editor_actions.code.shortcut().toString() == "Ctrl+Shift+K"


def test_the_caret_and_the_zoom_are_there_again_after_a_restart(qtbot: Any, desk: Any) -> None:
    from desktop_app.ui.context import UiContext
    from desktop_app.ui.notify import Notifier
    from desktop_app.ui.window.mainwindow import MainWindow
    from desktop_app.ui.workers import TaskRunner

    assert desk.controller.open_post(CACHING)
    editor = focus_editor(qtbot, desk)
    text = editor.text()
    assert editor.textCursor().position() == text.index("Nobody puts")  # the first line of the body
    cursor = editor.textCursor()
    cursor.setPosition(text.index("## Caches are everywhere") + 3)
    editor.setTextCursor(cursor)
    qtbot.keyClick(editor, Qt.Key.Key_Equal, CTRL)
    qtbot.keyClick(editor, Qt.Key.Key_Equal, CTRL)
    zoomed = editor.font().pointSizeF()
    assert zoomed == desk.context.workspace.settings.editor_font_size + 2
    assert desk.close()

    again = MainWindow(UiContext(Workspace.open(desk.sample.root, default_paths()), TaskRunner(),
                                 Notifier(interactive=False)))
    qtbot.addWidget(again)
    again.show()
    qtbot.waitUntil(lambda: again.controller.document is not None, timeout=10000)
    reopened = again.editor_pane.editor
    assert again.controller.document.path == CACHING
    assert reopened.textCursor().position() == text.index("## Caches are everywhere") + 3
    assert reopened.font().pointSizeF() == zoomed
    focus_editor(qtbot, again)
    qtbot.keyClick(reopened, Qt.Key.Key_0, CTRL)
    assert reopened.font().pointSizeF() == desk.context.workspace.settings.editor_font_size
    again.close()


def test_view_menu_toggles_focus_typewriter_prose_font_and_folding(qtbot: Any, desk: Any) -> None:
    actions = desk.editor_actions
    editor = desk.editor_pane.editor
    settings = lambda: desk.context.workspace.settings  # noqa: E731
    actions.focus_mode.trigger()
    assert settings().focus_mode == "sentence" and editor.extraSelections()
    actions.focus_mode.trigger()
    assert settings().focus_mode == "off" and not editor.extraSelections()
    actions.typewriter_mode.trigger()
    assert settings().typewriter_mode and editor.centerOnScroll()
    actions.prose_font.trigger()
    assert settings().editor_font == "mono" and monospaced(editor)
    assert editor.fold.folded and actions.fold_front_matter.isChecked()
    actions.fold_front_matter.trigger()
    assert not editor.fold.folded and not settings().fold_front_matter
    cursor = editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.Start)
    editor.setTextCursor(cursor)
    actions.fold_front_matter.trigger()
    assert editor.fold.folded and editor.textCursor().position() == editor.fold.body_start()
