"""The editor's Markdown keys, typed as real key events: lists on Enter, Tab on list items,
auto-pairing, the formatting keys of the Format menu and tables lining up when the caret leaves."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QTextCursor
from PySide6.QtWidgets import QMainWindow, QMenu

from desktop_app.core.settings import Settings
from desktop_app.ui.editor.editor import EditorPane, MarkdownEditor
from desktop_app.ui.editor.editor_actions import install_editor_actions

FRONT = "---\ntitle: Lists\n---\n\n"


class Desk(QMainWindow):
    """The editor in a window with its menu actions, as the main window has them."""

    def __init__(self) -> None:
        super().__init__()
        self.settings = Settings()
        self.pane = EditorPane()
        self.pane.apply(self.settings, dark=False)
        self.setCentralWidget(self.pane)
        for title in ("&File", "&View", "&Git"):
            self.menuBar().addMenu(title)
        self.actions_ = install_editor_actions(self, self.pane.editor, lambda: self.settings, self.change)

    def change(self, chosen: Settings) -> None:
        self.settings = chosen
        self.pane.apply(chosen, dark=False)


@pytest.fixture
def desk(qtbot: Any) -> Desk:
    window = Desk()
    qtbot.addWidget(window)
    window.resize(900, 700)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    return window


def load(qtbot: Any, desk: Desk, text: str) -> MarkdownEditor:
    editor = desk.pane.editor
    editor.set_text(text)
    editor.setFocus()
    qtbot.waitUntil(editor.hasFocus)
    return editor


def type_lines(qtbot: Any, editor: MarkdownEditor, *lines: str) -> None:
    """Type each string, pressing Enter after it (an empty string is Enter alone)."""
    for line in lines:
        if line:
            qtbot.keyClicks(editor, line)
        qtbot.keyClick(editor, Qt.Key.Key_Return)


def body(editor: MarkdownEditor) -> str:
    return editor.text()[len(FRONT):]


def test_a_numbered_list_ends_on_enter_at_an_empty_item(qtbot: Any, desk: Desk) -> None:
    """The issue's bug: the heading, code and image typed after a list all became list items."""
    editor = load(qtbot, desk, FRONT)
    type_lines(qtbot, editor, "1. one", "two", "three", "", "# After the list")
    qtbot.keyClicks(editor, "Text.")
    assert body(editor) == "1. one\n2. two\n3. three\n\n# After the list\nText."


@pytest.mark.parametrize("first, second", [("- a", "- b"), ("* a", "* b"), ("+ a", "+ b"), ("1) a", "2) b"),
                                           ("- [ ] a", "- [ ] b"), ("> a", "> b")])
def test_every_list_kind_continues_and_ends(qtbot: Any, desk: Desk, first: str, second: str) -> None:
    editor = load(qtbot, desk, FRONT)
    type_lines(qtbot, editor, first, "b", "")
    qtbot.keyClicks(editor, "After")
    assert body(editor) == f"{first}\n{second}\n\nAfter"


def test_a_nested_list_outdents_before_it_ends(qtbot: Any, desk: Desk) -> None:
    editor = load(qtbot, desk, FRONT)
    qtbot.keyClicks(editor, "1. Fruit")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClick(editor, Qt.Key.Key_Tab)  # the new item goes a level in, numbered afresh
    type_lines(qtbot, editor, "apple", "")
    assert body(editor) == "1. Fruit\n    1. apple\n2. "  # the empty sub-item became the next item
    type_lines(qtbot, editor, "")
    qtbot.keyClicks(editor, "Done")
    assert body(editor) == "1. Fruit\n    1. apple\n\nDone"


def test_shift_enter_is_a_plain_new_line_and_never_a_line_separator(qtbot: Any, desk: Desk) -> None:
    editor = load(qtbot, desk, FRONT)
    qtbot.keyClicks(editor, "- item")
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClicks(editor, "  more")
    assert body(editor) == "- item\n  more" and "\u2028" not in editor.text()


def test_enter_in_a_code_block_is_a_plain_new_line(qtbot: Any, desk: Desk) -> None:
    editor = load(qtbot, desk, FRONT + "```yaml\n- item")
    qtbot.keyClick(editor, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    type_lines(qtbot, editor, "")
    assert body(editor) == "```yaml\n- item\n"


def test_tab_and_shift_tab_move_list_items_and_a_selection(qtbot: Any, desk: Desk) -> None:
    editor = load(qtbot, desk, FRONT + "- a\n- b\n- c")
    cursor = editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    editor.setTextCursor(cursor)
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert body(editor) == "- a\n- b\n    - c" and editor.textCursor().positionInBlock() == len("    - c")
    qtbot.keyClick(editor, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert body(editor) == "- a\n- b\n- c"
    qtbot.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)  # the body: the front matter is folded
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert body(editor) == "    - a\n    - b\n    - c" and editor.text().startswith(FRONT)
    editor.undo()
    assert body(editor) == "- a\n- b\n- c"


def test_brackets_and_quotes_pair_and_are_typed_over(qtbot: Any, desk: Desk) -> None:
    editor = load(qtbot, desk, FRONT)
    qtbot.keyClicks(editor, 'Say (hi) and "yes" in `code`, don\'t.')
    assert body(editor) == 'Say (hi) and "yes" in `code`, don\'t.'
    qtbot.keyClicks(editor, " [")
    assert body(editor).endswith(" []")
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)  # an empty pair goes at once
    assert body(editor).endswith("don't. ")


def test_typing_a_marker_over_a_selection_wraps_it(qtbot: Any, desk: Desk) -> None:
    editor = load(qtbot, desk, FRONT + "make it stand out")
    cursor = editor.textCursor()
    cursor.setPosition(len(FRONT) + 8)
    cursor.setPosition(len(FRONT) + 17, QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)
    qtbot.keyClicks(editor, "**")
    assert body(editor) == "make it **stand out**" and editor.textCursor().selectedText() == "stand out"


def test_pairing_can_be_turned_off(qtbot: Any, desk: Desk) -> None:
    desk.change(replace(desk.settings, auto_pair=False))
    editor = load(qtbot, desk, FRONT)
    qtbot.keyClicks(editor, "(a")
    assert body(editor) == "(a"


def test_formatting_keys_wrap_the_word_or_selection(qtbot: Any, desk: Desk) -> None:
    editor = load(qtbot, desk, FRONT + "one two three four")
    cursor = editor.textCursor()
    cursor.setPosition(len(FRONT) + 1)  # in "one"
    editor.setTextCursor(cursor)
    qtbot.keyClick(editor, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert body(editor) == "**one** two three four"
    cursor.setPosition(len(FRONT) + len("**one** t"))
    editor.setTextCursor(cursor)
    qtbot.keyClick(editor, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    assert body(editor) == "**one** *two* three four"
    cursor.setPosition(len(FRONT) + len("**one** *two* th"))
    editor.setTextCursor(cursor)
    qtbot.keyClick(editor, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert body(editor) == "**one** *two* `three` four"
    qtbot.keyClick(editor, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert body(editor) == "**one** *two* three four"  # the same key takes it off
    cursor.setPosition(len(FRONT) + 2)
    editor.setTextCursor(cursor)
    qtbot.keyClick(editor, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert body(editor) == "one *two* three four"
    editor.undo()
    assert body(editor) == "**one** *two* three four"


def test_a_selected_word_with_its_space_is_wrapped_without_the_space(qtbot: Any, desk: Desk) -> None:
    editor = load(qtbot, desk, FRONT + "make this bold")
    qtbot.keyClick(editor, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(editor, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert editor.textCursor().selectedText() == "this "  # Qt selects the space after the word
    qtbot.keyClick(editor, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert body(editor) == "make **this** bold"


def test_ctrl_k_links_the_selection_to_the_url_on_the_clipboard(qtbot: Any, desk: Desk) -> None:
    editor = load(qtbot, desk, FRONT + "read the docs today")
    QGuiApplication.clipboard().setText("https://example.org/docs")
    cursor = editor.textCursor()
    cursor.setPosition(len(FRONT) + 9)
    cursor.setPosition(len(FRONT) + 13, QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)
    qtbot.keyClick(editor, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert body(editor) == "read the [docs](https://example.org/docs) today"
    qtbot.keyClicks(editor, "!")  # the caret waits after the link
    assert body(editor) == "read the [docs](https://example.org/docs)! today"


def test_ctrl_k_without_a_url_puts_the_caret_where_the_url_goes(qtbot: Any, desk: Desk) -> None:
    editor = load(qtbot, desk, FRONT + "docs")
    QGuiApplication.clipboard().setText("just words")
    qtbot.keyClick(editor, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(editor, Qt.Key.Key_Left, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(editor, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor, "/docs/")
    assert body(editor) == "[docs](/docs/)"


def test_the_format_keys_belong_to_the_editor_only(qtbot: Any, desk: Desk) -> None:
    """Ctrl+B in another field is that field's business: the editor's text stays."""
    from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget
    editor = load(qtbot, desk, FRONT + "word")
    holder = QWidget()
    field = QLineEdit(holder)
    QVBoxLayout(holder).addWidget(field)
    desk.pane.layout().addWidget(holder)
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    qtbot.keyClick(field, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert body(editor) == "word"


def test_format_menu_sits_before_git_and_names_its_keys(desk: Desk) -> None:
    titles = [action.text() for action in desk.menuBar().actions()]
    assert titles.index("F&ormat") == titles.index("&Git") - 1
    menu = next(m for m in desk.menuBar().findChildren(QMenu) if m.title() == "F&ormat")
    shortcuts = {a.text(): a.shortcut().toString() for a in menu.actions() if not a.isSeparator()}
    assert shortcuts["Bold"] == "Ctrl+B" and shortcuts["Code"] == "Ctrl+Shift+K" and shortcuts["Link"] == "Ctrl+K"


def test_a_table_lines_up_when_the_caret_leaves_it(qtbot: Any, desk: Desk) -> None:
    editor = load(qtbot, desk, FRONT + "Intro\n")
    cursor = editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    editor.setTextCursor(cursor)
    type_lines(qtbot, editor, "|Name|Qty|", "|:-|-:|", "|apple|3|")
    qtbot.keyClicks(editor, "|pear|12|")
    assert body(editor).endswith("|pear|12|")  # not while the caret is in it
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClicks(editor, "After.")
    assert body(editor) == ("Intro\n| Name  | Qty |\n| :---- | --: |\n| apple |   3 |\n| pear  |  12 |\n\nAfter.")


def test_a_table_in_a_code_block_is_left_alone(qtbot: Any, desk: Desk) -> None:
    text = FRONT + "```\n|a|b|\n|-|-|\n|1|2|\n```\nend"
    editor = load(qtbot, desk, text)
    cursor = editor.textCursor()
    cursor.setPosition(text.index("|1|2|"))
    editor.setTextCursor(cursor)
    qtbot.keyClick(editor, Qt.Key.Key_Down)
    qtbot.keyClick(editor, Qt.Key.Key_Down)
    assert editor.text() == text


def test_keys_handle_characters_beyond_the_bmp(qtbot: Any, desk: Desk) -> None:
    editor = load(qtbot, desk, FRONT)
    editor.textCursor().insertText("- 🎉 party")  # QTest types one UTF-16 unit per key: not 🎉
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    editor.textCursor().insertText("🍰 cake")
    cursor = editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.PreviousWord)
    editor.setTextCursor(cursor)
    qtbot.keyClick(editor, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert body(editor) == "- 🎉 party\n- 🍰 **cake**"
