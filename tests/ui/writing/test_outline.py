"""The outline sidebar: the post's headings, the current one, the skipped levels, the jump."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QHBoxLayout, QWidget

from desktop_app.ui.editor.editor import MarkdownEditor
from desktop_app.ui.writing.outline import EMPTY, Outline, OutlinePanel
from tests.helpers import budget

SECTION = "\n".join(f"Paragraph line {n} of the section." for n in range(40))
POST = (f"---\ntitle: Outline\n---\nIntro.\n\n## Getting started\n\n{SECTION}\n\n### Install it\n\n{SECTION}\n\n"
        f"##### Much too deep\n\n{SECTION}\n\n## Wrapping up\n\n{SECTION}\n")


@pytest.fixture
def outline(qtbot: Any) -> Any:
    host = QWidget()
    row = QHBoxLayout(host)
    editor, panel = MarkdownEditor(), OutlinePanel()
    row.addWidget(panel)
    row.addWidget(editor, 1)
    host.resize(900, 500)
    qtbot.addWidget(host)
    outline = Outline(editor, panel)
    outline.host = host  # qtbot holds widgets weakly
    editor.set_text(POST)
    host.show()
    qtbot.waitExposed(host)
    outline.reset()
    return outline


def titles(panel: OutlinePanel) -> list[tuple[int, str]]:
    """(depth in the tree, title) of every item, in order."""
    found = []
    for item in panel.items:
        depth, parent = 0, item.parent()
        while parent is not None:
            depth, parent = depth + 1, parent.parent()
        found.append((depth, item.text(0)))
    return found


def test_the_headings_form_a_tree_and_a_skipped_level_is_flagged(outline: Outline) -> None:
    panel = outline.panel
    assert titles(panel) == [(0, "Getting started"), (1, "Install it"), (2, "Much too deep"), (0, "Wrapping up")]
    deep = panel.items[2]
    assert "h5 right after h3: h4 is skipped" in deep.toolTip(0)
    assert not deep.icon(0).isNull() and panel.items[1].icon(0).isNull()


def test_clicking_a_heading_puts_its_line_at_the_top_with_the_caret_on_its_text(qtbot: Any, outline: Outline) -> None:
    panel, editor = outline.panel, outline.editor
    item = panel.items[3]
    QTest.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     panel.tree.visualItemRect(item).center())
    block = editor.textCursor().block()
    assert block.text() == "## Wrapping up" and editor.textCursor().positionInBlock() == 3
    assert editor.firstVisibleBlock().blockNumber() == block.blockNumber()
    assert editor.hasFocus() or not editor.window().isActiveWindow()
    assert panel.current == 3  # the heading the caret is under


def test_keys_choose_a_heading_too(qtbot: Any, outline: Outline) -> None:
    panel = outline.panel
    panel.tree.setFocus()
    panel.tree.setCurrentItem(panel.items[0])
    QTest.keyClick(panel.tree, Qt.Key.Key_Down)
    QTest.keyClick(panel.tree, Qt.Key.Key_Return)
    assert outline.editor.textCursor().block().text() == "### Install it"


def test_the_current_heading_follows_the_caret(outline: Outline) -> None:
    editor, panel = outline.editor, outline.panel
    cursor = QTextCursor(editor.document().findBlockByNumber(3))  # the intro, above every heading
    editor.setTextCursor(cursor)
    assert panel.current == -1 and panel.tree.currentItem() is None
    cursor = QTextCursor(editor.document().findBlockByNumber(POST.split("\n").index("### Install it") + 5))
    editor.setTextCursor(cursor)
    assert panel.current == 1 and panel.tree.currentItem() is panel.items[1]


def test_a_heading_typed_appears_a_moment_later(qtbot: Any, outline: Outline) -> None:
    editor = outline.editor
    editor.moveCursor(QTextCursor.MoveOperation.End)
    editor.setFocus()
    QTest.keyClick(editor, Qt.Key.Key_Return)
    QTest.keyClicks(editor, "#### Afterword")
    qtbot.waitUntil(lambda: [title for _, title in titles(outline.panel)][-1] == "Afterword",
                    timeout=budget.ms(3000))
    assert outline.panel.headings[-1].skipped == 1  # h4 under h2


def test_a_post_without_headings_says_how_to_make_them(qtbot: Any, outline: Outline) -> None:
    outline.editor.set_text("---\ntitle: x\n---\nJust prose.\n")
    outline.reset()
    assert outline.panel.empty.isVisible() and outline.panel.empty.text() == EMPTY
    assert not outline.panel.tree.isVisible()
