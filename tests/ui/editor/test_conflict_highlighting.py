"""Conflict regions in the editor: what a writer resolving a pull by hand sees."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor, QTextFormat
from PySide6.QtWidgets import QPlainTextEdit
from pytestqt.qtbot import QtBot

from desktop_app.ui.editor.highlighter import MarkdownHighlighter
from tests.ui.editor.test_highlighter import colour, format_at, is_bold, load

CONFLICT = ("---\n"
            "<<<<<<< mine\n"
            "title: Caching for beginners\n"
            "=======\n"
            "title: Caching in depth\n"
            ">>>>>>> theirs\n"
            "date: 2024-01-06\n"
            "---\n"
            "\n"
            "<<<<<<< mine\n"
            "## My heading\n"
            "=======\n"
            "Their *text*.\n"
            ">>>>>>> theirs\n"
            "After.\n"
            "\n"
            "Setext heading\n"
            "=======\n")


@pytest.fixture
def editor(qtbot: QtBot) -> QPlainTextEdit:
    widget = QPlainTextEdit()
    qtbot.addWidget(widget)
    return widget


def background(fmt: QTextCharFormat | None) -> QColor | None:
    if fmt is None or not fmt.hasProperty(QTextFormat.Property.BackgroundBrush):
        return None
    return fmt.background().color()


@pytest.mark.parametrize("dark", [False, True])
def test_conflict_regions_stand_out(qtbot: QtBot, editor: QPlainTextEdit, dark: bool) -> None:
    MarkdownHighlighter(editor.document(), dark=dark)
    load(qtbot, editor, CONFLICT)
    marker = format_at(editor, 1, 0)
    assert is_bold(marker) and background(marker) is not None
    assert all(background(format_at(editor, line, 0)) == background(marker) for line in (3, 5, 9, 11, 13))
    mine, theirs = background(format_at(editor, 2, 0)), background(format_at(editor, 4, 0))
    assert None not in (mine, theirs) and len({mine.name(), theirs.name(), background(marker).name()}) == 3
    # Inside a side, the text keeps its own colours: a front-matter key, a heading, emphasis.
    assert colour(format_at(editor, 2, 1)) == colour(format_at(editor, 6, 1))  # `title` like `date`
    assert is_bold(format_at(editor, 10, 4)) and background(format_at(editor, 10, 4)) == mine
    assert format_at(editor, 12, 7).fontItalic() and background(format_at(editor, 12, 7)) == theirs
    # After a conflict the text is plain again, and the front matter still closes.
    assert background(format_at(editor, 6, 0)) is None
    assert format_at(editor, 14, 0) is None
    # A `=======` under a line outside a conflict is a Markdown heading rule, not a marker.
    assert background(format_at(editor, 17, 0)) is None


def test_light_and_dark_sides_differ(qtbot: QtBot, editor: QPlainTextEdit) -> None:
    highlighter = MarkdownHighlighter(editor.document())
    load(qtbot, editor, CONFLICT)
    light = [background(format_at(editor, line, 0)).name() for line in (1, 2, 4)]
    highlighter.set_dark(True)
    dark = [background(format_at(editor, line, 0)).name() for line in (1, 2, 4)]
    assert all(a != b for a, b in zip(light, dark))
    assert all(QColor(name).lightness() < 128 for name in dark)
    assert all(QColor(name).lightness() > 128 for name in light)


def test_deleting_the_markers_clears_the_region(qtbot: QtBot, editor: QPlainTextEdit) -> None:
    MarkdownHighlighter(editor.document())
    load(qtbot, editor, CONFLICT)
    cursor = QTextCursor(editor.document().findBlockByNumber(9))
    cursor.select(QTextCursor.SelectionType.BlockUnderCursor)
    cursor.removeSelectedText()  # the `<<<<<<< mine` of the body conflict
    # `## My heading` is no longer inside a conflict; the lone `=======` is not a marker.
    assert background(format_at(editor, 9, 3)) is None
    assert background(format_at(editor, 10, 0)) is None
    assert background(format_at(editor, 12, 0)) is not None  # a lone `>>>>>>>` still warns
