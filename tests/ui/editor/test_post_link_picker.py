"""The list of posts for a link: when it opens, what it offers first, and that it never takes
a key the writer meant for the text."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop_app.ui.editor.editor import MarkdownEditor
from desktop_app.ui.editor.post_link_picker import PostChoice, PostLinkPicker, rank

POSTS = [
    PostChoice("Caching: The Unsung Hero", "posts/caching.md"),
    PostChoice("Why Café Culture Scales", "posts/cafe.md"),
    PostChoice("The Read Side of CQRS", "posts/cqrs.md"),
    PostChoice("Reading List", "posts/reading.md"),
]


def test_rank_prefers_titles_that_start_with_the_words_then_word_starts() -> None:
    assert [p.path for p in rank("read", POSTS)] == ["posts/reading.md", "posts/cqrs.md"]
    assert [p.path for p in rank("cafe", POSTS)] == ["posts/cafe.md"]  # accents do not matter
    assert [p.path for p in rank("side cqrs", POSTS)] == ["posts/cqrs.md"]  # every word, any order
    assert [p.path for p in rank("hing", POSTS)] == ["posts/caching.md"]  # inside a word
    assert rank("", POSTS) == POSTS and rank("https:", POSTS) == []


@pytest.fixture
def editor(qtbot) -> MarkdownEditor:  # noqa: ANN001
    editor = MarkdownEditor()
    qtbot.addWidget(editor)
    editor.resize(600, 300)
    editor.show()
    qtbot.waitExposed(editor)
    editor.setFocus()
    return editor


@pytest.fixture
def picker(editor: MarkdownEditor) -> PostLinkPicker:
    return PostLinkPicker(editor, lambda: POSTS, lambda path: "/blog/" + path.split("/")[-1][:-3])


def test_only_a_typed_paren_after_a_links_text_opens_it(qtbot, editor: MarkdownEditor, picker: PostLinkPicker) -> None:
    qtbot.keyClicks(editor, "A call (not a link) and [text] (spaced")
    assert not picker.open
    editor.setPlainText("[moved](")
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    assert not picker.open  # the caret arriving after `](` is not typing it
    qtbot.keyClicks(editor, " [yes](")
    assert picker.open and picker.shown()[0] == "Caching: The Unsung Hero"


def test_an_auto_closed_paren_is_used_not_doubled(qtbot, editor: MarkdownEditor, picker: PostLinkPicker) -> None:
    """An editor that types `()` for `(` (auto-pairing) leaves the caret between: the list still
    opens, and the `)` already there closes the link."""
    editor.setPlainText("See [this]")
    editor.moveCursor(editor.textCursor().MoveOperation.End)

    def paired(text: str) -> None:
        if text == "(":
            cursor = editor.textCursor()
            cursor.insertText("()")
            cursor.movePosition(cursor.MoveOperation.Left)
            editor.setTextCursor(cursor)

    picker._typed_paren = True  # what the event filter notes for a typed `(`, here typed by `paired`
    paired("(")
    assert picker.open
    qtbot.keyClicks(editor, "cqrs")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert editor.toPlainText() == "See [this](/blog/cqrs)"
    assert editor.textCursor().position() == len(editor.toPlainText())


def test_moving_away_or_closing_the_paren_ends_it(qtbot, editor: MarkdownEditor, picker: PostLinkPicker) -> None:
    qtbot.keyClicks(editor, "[a](")
    assert picker.open
    qtbot.keyClick(editor, Qt.Key.Key_Left)
    assert not picker.open  # the caret left the address
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor, "x)")
    assert not picker.open and editor.toPlainText() == "[a](x)"
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert editor.toPlainText() == "[a](x)\n"  # Enter is the editor's again


def test_pairing_leaves_a_links_paren_to_the_list(qtbot, editor: MarkdownEditor, picker: PostLinkPicker) -> None:
    """With auto-pairing on, a `(` after a link's text gets no `)` of its own: the chosen post's
    link brings one, and one typed by hand is the only one. Other brackets still pair."""
    assert editor.keys.pairing
    qtbot.keyClicks(editor, "see (")
    assert editor.toPlainText() == "see ()" and not picker.open
    editor.clear()
    qtbot.keyClicks(editor, "[a](")
    assert editor.toPlainText() == "[a](" and picker.open
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert editor.toPlainText() == "[a](/blog/caching)"
    editor.clear()
    qtbot.keyClicks(editor, "[b](x)")
    assert editor.toPlainText() == "[b](x)" and not picker.open


def test_up_down_and_a_click_choose(qtbot, editor: MarkdownEditor, picker: PostLinkPicker) -> None:
    qtbot.keyClicks(editor, "[x](")
    qtbot.keyClick(editor, Qt.Key.Key_Down)
    qtbot.keyClick(editor, Qt.Key.Key_Down)
    qtbot.keyClick(editor, Qt.Key.Key_Up)
    assert picker.list.currentRow() == 1 and picker.footer.text() == "Links to /blog/cafe"
    item = picker.list.item(2)
    qtbot.mouseClick(picker.list.viewport(), Qt.MouseButton.LeftButton,
                     pos=picker.list.visualItemRect(item).center())
    assert editor.toPlainText() == "[x](/blog/cqrs)" and editor.hasFocus()
