"""Counts in the status bar: the body's words, characters and reading time, the selection's, a goal."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest

from desktop_app.ui.editor.editor import MarkdownEditor
from desktop_app.ui.writing.counts import CountsWidget, WordCounts
from tests.helpers import budget


@pytest.fixture
def counts(qtbot: Any) -> Any:
    editor, widget = MarkdownEditor(), CountsWidget()
    qtbot.addWidget(editor)
    qtbot.addWidget(widget)
    goals: dict[str, int] = {}
    counts = WordCounts(editor, widget, lambda: goals, lambda key, goal: goals.update({key: goal}))
    counts.goals = goals
    editor.set_text("---\ntitle: Not counted at all\n---\nFour words of body.\n")
    counts.set_post("/blog/posts/a.md")
    editor.show()
    widget.show()
    return counts


def test_the_body_is_counted_after_typing_and_the_front_matter_never(qtbot: Any, counts: WordCounts) -> None:
    assert counts.widget.button.text() == "4 words · 19 characters · 1 min read"
    counts.editor.moveCursor(QTextCursor.MoveOperation.End)
    counts.editor.setFocus()
    QTest.keyClicks(counts.editor, "Two more.")
    qtbot.waitUntil(lambda: counts.widget.button.text().startswith("6 words · 28 characters"),
                    timeout=budget.ms(3000))
    assert "(24 without spaces)" in counts.widget.button.toolTip()


def test_a_selection_is_counted_while_it_lasts(qtbot: Any, counts: WordCounts) -> None:
    editor = counts.editor
    editor.setFocus()
    cursor = editor.textCursor()
    cursor.setPosition(editor.text().index("Four"))
    editor.setTextCursor(cursor)
    for _ in range(2):
        QTest.keyClick(editor, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: "selected" in counts.widget.button.text(), timeout=budget.ms(3000))
    assert counts.widget.button.text() == "2 of 4 words · 11 characters selected"
    QTest.keyClick(editor, Qt.Key.Key_Right)
    qtbot.waitUntil(lambda: "selected" not in counts.widget.button.text(), timeout=budget.ms(3000))


def test_a_word_goal_shows_progress_and_says_when_it_is_reached(qtbot: Any, counts: WordCounts) -> None:
    counts.set_goal(8)
    widget = counts.widget
    assert widget.button.text().startswith("4 / 8 words")
    assert widget.progress.isVisible() and (widget.progress.value(), widget.progress.maximum()) == (4, 8)
    assert "4 to go" in widget.button.toolTip()
    counts.editor.moveCursor(QTextCursor.MoveOperation.End)
    counts.editor.setFocus()
    QTest.keyClicks(counts.editor, "And four words more.")
    qtbot.waitUntil(lambda: widget.button.text().startswith("✓ 8 / 8 words"), timeout=budget.ms(3000))
    assert widget.progress.property("reached") is True
    counts.set_goal(0)
    assert not widget.progress.isVisible() and widget.button.text().startswith("8 words")
