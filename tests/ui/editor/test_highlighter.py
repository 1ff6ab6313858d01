"""What a writer sees of the Markdown highlighter: formats on the lines they type."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtGui import QColor, QFont, QTextBlock, QTextCharFormat, QTextCursor, QTextFormat
from PySide6.QtWidgets import QPlainTextEdit
from pytestqt.qtbot import QtBot

from desktop_app.ui.editor.highlighter import PASS_BLOCKS, MarkdownHighlighter


@pytest.fixture
def editor(qtbot: QtBot) -> QPlainTextEdit:
    widget = QPlainTextEdit()
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def highlighter(editor: QPlainTextEdit) -> MarkdownHighlighter:
    return MarkdownHighlighter(editor.document())


def load(qtbot: QtBot, editor: QPlainTextEdit, text: str, timeout: int = 5000) -> None:
    """Set the text and wait until the highlighter has reached the last line."""
    editor.setPlainText(text)
    qtbot.waitUntil(lambda: editor.document().lastBlock().userState() != -1, timeout=timeout)


def block(editor: QPlainTextEdit, number: int) -> QTextBlock:
    return editor.document().findBlockByNumber(number)


def format_at(editor: QPlainTextEdit, line: int, column: int) -> QTextCharFormat | None:
    """The highlighter's format at a character, or None where the text keeps the default look."""
    ranges = block(editor, line).layout().formats()  # the ranges own their formats: copy out
    for format_range in ranges:
        if format_range.start <= column < format_range.start + format_range.length:
            return QTextCharFormat(format_range.format)
    return None


def colour(fmt: QTextCharFormat | None) -> QColor | None:
    if fmt is None or not fmt.hasProperty(QTextFormat.Property.ForegroundBrush):
        return None
    return fmt.foreground().color()


def is_bold(fmt: QTextCharFormat | None) -> bool:
    return fmt is not None and fmt.fontWeight() >= QFont.Weight.Bold


def is_code(fmt: QTextCharFormat | None) -> bool:
    return fmt is not None and fmt.fontFixedPitch()


@pytest.mark.usefixtures("highlighter")
def test_heading_is_bold_without_changing_size(qtbot: QtBot, editor: QPlainTextEdit) -> None:
    load(qtbot, editor, "# A title\n\nBody text.\n#hashtag is no heading")
    heading = format_at(editor, 0, 4)
    assert is_bold(heading)
    assert heading is not None and not heading.hasProperty(QTextFormat.Property.FontPointSize)
    assert format_at(editor, 2, 2) is None
    assert not is_bold(format_at(editor, 3, 3))


@pytest.mark.usefixtures("highlighter")
def test_front_matter_keys_stand_apart_from_body(qtbot: QtBot, editor: QPlainTextEdit) -> None:
    load(qtbot, editor, '---\ntitle: "Caching" # SEO title\ndate: 2024-01-02\n---\nBody: text\n')
    key, string, comment = format_at(editor, 1, 1), format_at(editor, 1, 10), format_at(editor, 1, 25)
    assert colour(key) is not None
    assert len({colour(key).name(), colour(string).name(), colour(comment).name()}) == 3
    assert comment is not None and comment.fontItalic()
    assert colour(format_at(editor, 2, 1)) == colour(key)
    # The closing delimiter ends the block: the body is plain text again.
    assert format_at(editor, 4, 0) is None


@pytest.mark.usefixtures("highlighter")
def test_toml_front_matter(qtbot: QtBot, editor: QPlainTextEdit) -> None:
    load(qtbot, editor, "+++\ntitle = 'Auth'\n[params]\n+++\ntitle = body\n")
    key = colour(format_at(editor, 1, 0))
    assert key is not None
    assert colour(format_at(editor, 2, 1)) == key
    assert colour(format_at(editor, 1, 9)) not in (None, key)
    assert format_at(editor, 4, 0) is None


@pytest.mark.usefixtures("highlighter")
def test_dashes_below_the_first_line_are_no_front_matter(qtbot: QtBot, editor: QPlainTextEdit) -> None:
    load(qtbot, editor, "Intro\n---\ntitle: not a key\n")
    assert format_at(editor, 2, 1) is None


@pytest.mark.usefixtures("highlighter")
def test_typing_a_fence_at_the_top_turns_following_lines_into_code(qtbot: QtBot, editor: QPlainTextEdit) -> None:
    load(qtbot, editor, "Some *emphasis* here\nplain line\n")
    assert format_at(editor, 0, 7) is not None and format_at(editor, 0, 7).fontItalic()

    cursor = QTextCursor(editor.document())
    cursor.insertText("```python\n")
    assert is_code(format_at(editor, 0, 0))
    assert colour(format_at(editor, 0, 4)) != colour(format_at(editor, 0, 0))  # the info string
    for line in (1, 2):
        fmt = format_at(editor, line, 7)
        assert is_code(fmt) and not fmt.fontItalic()

    cursor.movePosition(QTextCursor.MoveOperation.NextBlock)
    cursor.insertText("```\n")  # close the fence after the first code line
    assert is_code(format_at(editor, 1, 0)) and is_code(format_at(editor, 2, 0))
    assert block(editor, 3).text() == "plain line" and format_at(editor, 3, 0) is None

    editor.document().undo()
    editor.document().undo()
    assert format_at(editor, 0, 7) is not None and format_at(editor, 0, 7).fontItalic()
    assert not is_code(format_at(editor, 1, 0))


@pytest.mark.usefixtures("highlighter")
def test_fences_close_only_with_their_own_marker(qtbot: QtBot, editor: QPlainTextEdit) -> None:
    load(qtbot, editor, "~~~\n```\nstill code\n~~~\nprose\n")
    assert is_code(format_at(editor, 2, 0))
    assert format_at(editor, 4, 0) is None


def test_editing_a_line_rehighlights_only_that_line(qtbot: QtBot, editor: QPlainTextEdit) -> None:
    calls: list[str] = []

    class Counting(MarkdownHighlighter):
        def highlightBlock(self, text: str) -> None:  # noqa: N802
            calls.append(text)
            super().highlightBlock(text)

    Counting(editor.document())
    load(qtbot, editor, "\n".join(f"Line {i} with *emphasis*" for i in range(200)))
    calls.clear()
    cursor = QTextCursor(block(editor, 100))
    cursor.insertText("x")
    assert calls == ["xLine 100 with *emphasis*"]


@pytest.mark.usefixtures("highlighter")
def test_inline_spans(qtbot: QtBot, editor: QPlainTextEdit) -> None:
    text = "*em* **strong** ~~old~~ `*code*` [text](https://example.com) <https://a.example>"
    load(qtbot, editor, text)
    assert format_at(editor, 0, 1).fontItalic()
    assert is_bold(format_at(editor, 0, 8))
    assert format_at(editor, 0, 18).fontStrikeOut()
    code = format_at(editor, 0, text.index("code"))
    assert is_code(code) and not code.fontItalic()
    link_text = colour(format_at(editor, 0, text.index("text")))
    link_url = colour(format_at(editor, 0, text.index("example.com")))
    assert link_text is not None and link_url is not None and link_text != link_url
    assert colour(format_at(editor, 0, text.index("a.example"))) is not None


@pytest.mark.usefixtures("highlighter")
def test_block_constructs(qtbot: QtBot, editor: QPlainTextEdit) -> None:
    load(qtbot, editor, "> quoted\n- item\n12. item\n***\n<!-- a\nnote -->after\nplain")
    assert format_at(editor, 0, 3).fontItalic()
    assert colour(format_at(editor, 1, 0)) is not None and format_at(editor, 1, 3) is None
    assert colour(format_at(editor, 2, 1)) == colour(format_at(editor, 1, 0))
    assert format_at(editor, 3, 1) is not None
    comment = format_at(editor, 5, 1)
    assert comment is not None and comment.fontItalic() and colour(comment) == colour(format_at(editor, 4, 3))
    assert format_at(editor, 5, 10) is None
    assert format_at(editor, 6, 0) is None


@pytest.mark.usefixtures("highlighter")
def test_characters_beyond_the_bmp_keep_formats_aligned(qtbot: QtBot, editor: QPlainTextEdit) -> None:
    load(qtbot, editor, "\U0001F600 *em* after")
    # The emoji is two UTF-16 units: "*" sits at 3, "em" at 4-5, "after" starts at 8.
    assert format_at(editor, 0, 4).fontItalic() and format_at(editor, 0, 5).fontItalic()
    assert format_at(editor, 0, 9) is None


def test_dark_palette_swaps_colours(qtbot: QtBot, editor: QPlainTextEdit, highlighter: MarkdownHighlighter) -> None:
    load(qtbot, editor, "# Title\n")
    light = colour(format_at(editor, 0, 3))
    highlighter.set_dark(True)
    dark = colour(format_at(editor, 0, 3))
    assert highlighter.dark
    assert light is not None and dark is not None and dark.lightness() > light.lightness()
    assert is_bold(format_at(editor, 0, 3))


@pytest.mark.usefixtures("highlighter")
def test_long_document_does_not_leak_none_references(qtbot: QtBot, editor: QPlainTextEdit) -> None:
    """PySide6 6.12.0 on CPython 3.11 drops a None reference per setFormat call (DESIGN.md)."""
    chunk = [
        "## Section", "Some *emphasis*, **strong** text and `code` with a [link](https://x.test).",
        "> a quote", "- a list item", "```python", "print('hi')", "```", "",
        "A longer paragraph line with ~~strike~~ and <https://auto.link> in it.", "---",
    ]
    text = "\n".join(chunk * 2000)
    assert text.count("\n") + 1 == 20_000
    before = sys.getrefcount(None)
    load(qtbot, editor, text, timeout=60_000)
    assert sys.getrefcount(None) > before - 300


def test_a_fence_that_turns_a_long_post_into_code_restyles_it_after_the_keystroke(qtbot: QtBot,
                                                                                 editor: QPlainTextEdit) -> None:
    """The keystroke restyles a bounded share of the lines, so its frame is not held up by the
    whole post (a `~~~` at the top of a 20,000-word post cost 7-12 ms a key); the lines below turn
    into code right after, and turn back when the fence goes."""
    calls: list[str] = []

    class Counting(MarkdownHighlighter):
        def highlightBlock(self, text: str) -> None:  # noqa: N802
            calls.append(text)
            super().highlightBlock(text)

    highlighter = Counting(editor.document())
    load(qtbot, editor, "\n".join(f"Line {i} with *emphasis*" for i in range(1000)))
    last = editor.document().blockCount() - 1
    calls.clear()
    QTextCursor(block(editor, 0)).insertText("~~~\n")
    assert len(calls) <= PASS_BLOCKS + 1
    assert is_code(format_at(editor, 1, 0))  # the lines on the screen at once
    assert highlighter.restyling and not is_code(format_at(editor, last + 1, 0))
    qtbot.waitUntil(lambda: not highlighter.restyling, timeout=5000)
    assert is_code(format_at(editor, last + 1, 0))
    cursor = QTextCursor(block(editor, 0))
    cursor.select(QTextCursor.SelectionType.BlockUnderCursor)
    cursor.movePosition(QTextCursor.MoveOperation.NextBlock, QTextCursor.MoveMode.KeepAnchor)
    cursor.removeSelectedText()
    qtbot.waitUntil(lambda: not is_code(format_at(editor, last, 0)), timeout=5000)
    assert format_at(editor, last, len(f"Line {last} with *")).fontItalic()


def test_a_fence_removed_before_the_post_below_was_restyled_leaves_it_as_it_was(qtbot: QtBot,
                                                                               editor: QPlainTextEdit,
                                                                               highlighter: MarkdownHighlighter) -> None:
    load(qtbot, editor, "\n".join(f"Line {i} with *emphasis*" for i in range(1000)))
    last = editor.document().blockCount() - 1
    QTextCursor(block(editor, 0)).insertText("~")
    QTextCursor(block(editor, 0)).insertText("~")
    QTextCursor(block(editor, 0)).insertText("~")  # a fence: the lines below wait to become code
    assert highlighter.restyling
    for _ in range(3):  # taken back at once, before they did
        cursor = QTextCursor(block(editor, 0))
        cursor.deleteChar()
    qtbot.waitUntil(lambda: not highlighter.restyling, timeout=5000)
    assert all(not is_code(format_at(editor, line, 0)) for line in (1, 300, last))
    assert format_at(editor, last, len(f"Line {last} with *")).fontItalic()
