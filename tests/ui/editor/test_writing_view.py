"""What the writer sees in the editor: the front matter folded to one line, the caret on the body,
the empty body's placeholder, focus and typewriter modes, the prose font's measure and line
height, and zoom."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QImage, QWheelEvent
from PySide6.QtWidgets import QApplication

from desktop_app.core.settings import Settings
from desktop_app.ui.editor.editor import EditorPane, MarkdownEditor
from desktop_app.ui.editor.fold import PLACEHOLDER
from tests.helpers.desk import monospaced

POST = ("---\ntitle: Hello\ndate: 2024-01-02\ntags:\n  - a\n  - b\n---\n\n"
        "First paragraph. It has two sentences.\n\nSecond paragraph here.\n")
BODY = POST.index("First")


@pytest.fixture
def pane(qtbot: Any) -> EditorPane:
    widget = EditorPane()
    widget.apply(Settings(), dark=False)
    qtbot.addWidget(widget)
    widget.resize(800, 600)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def load(qtbot: Any, pane: EditorPane, text: str = POST, key: str | None = None) -> MarkdownEditor:
    editor = pane.editor
    editor.set_text(text, key)
    editor.setFocus()
    qtbot.waitUntil(editor.hasFocus)
    return editor


def visible_lines(editor: MarkdownEditor) -> list[str]:
    block, lines = editor.document().firstBlock(), []
    while block.isValid():
        if block.isVisible():
            lines.append(block.text())
        block = block.next()
    return lines


def grab(editor: MarkdownEditor) -> QImage:
    """The editor as it paints now (`grab` paints it afresh, from the text as it is)."""
    return editor.viewport().grab().toImage()


# --- the folded front matter -------------------------------------------------------------------


def test_a_post_opens_folded_with_the_caret_on_the_first_line_of_the_body(qtbot: Any, pane: EditorPane) -> None:
    editor = load(qtbot, pane)
    assert editor.fold.folded and editor.fold.summary() == "⋯  title, date, tags"
    assert visible_lines(editor)[:2] == ["---", ""]  # the first line carries the summary
    assert editor.textCursor().position() == BODY
    qtbot.keyClicks(editor, "Now ")  # the first keystroke lands in the body, never before `---`
    assert editor.text() == POST.replace("First", "Now First")


def test_keys_stop_at_the_body_while_folded(qtbot: Any, pane: EditorPane) -> None:
    editor = load(qtbot, pane)
    for key, modifiers in ((Qt.Key.Key_Up, Qt.KeyboardModifier.NoModifier),
                           (Qt.Key.Key_Left, Qt.KeyboardModifier.NoModifier),
                           (Qt.Key.Key_PageUp, Qt.KeyboardModifier.NoModifier),
                           (Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier),
                           (Qt.Key.Key_Backspace, Qt.KeyboardModifier.NoModifier),
                           (Qt.Key.Key_Backspace, Qt.KeyboardModifier.NoModifier)):
        qtbot.keyClick(editor, key, modifiers)
        assert editor.textCursor().position() >= editor.fold.body_start() and editor.fold.folded
    assert editor.textCursor().position() == editor.fold.body_start()
    assert editor.text() == POST  # Backspace at the body's start joined nothing to the closing `---`
    qtbot.keyClick(editor, Qt.Key.Key_Up, Qt.KeyboardModifier.ShiftModifier)
    assert editor.textCursor().selectionStart() >= editor.fold.body_start()
    qtbot.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    cursor = editor.textCursor()
    assert cursor.selectionStart() == editor.fold.body_start() and cursor.selectionEnd() == len(editor.text())


def test_select_all_from_the_context_menu_leaves_the_folded_lines_out(qtbot: Any, pane: EditorPane) -> None:
    editor = load(qtbot, pane)
    editor.selectAll()  # what the context menu's Select All calls
    assert editor.textCursor().selectionStart() == editor.fold.body_start() and editor.fold.folded
    qtbot.keyClicks(editor, "x")
    assert editor.text().startswith(POST[:BODY - 1]) and editor.text().endswith("x")


def test_clicking_the_summary_unfolds_and_the_fold_mark_folds_again(qtbot: Any, pane: EditorPane) -> None:
    editor = load(qtbot, pane)
    first = editor.blockBoundingGeometry(editor.document().firstBlock()).translated(editor.contentOffset())
    qtbot.mouseClick(editor.viewport(), Qt.MouseButton.LeftButton, pos=first.center().toPoint())
    assert not editor.fold.folded and "title: Hello" in visible_lines(editor)
    mark = editor.fold._mark_rect()
    qtbot.mouseClick(editor.viewport(), Qt.MouseButton.LeftButton, pos=mark.center())
    assert editor.fold.folded and editor.textCursor().position() >= editor.fold.body_start()


def test_the_pointer_says_the_folded_line_is_clicked(qtbot: Any, pane: EditorPane) -> None:
    editor = load(qtbot, pane)
    first = editor.blockBoundingGeometry(editor.document().firstBlock()).translated(editor.contentOffset())
    qtbot.mouseMove(editor.viewport(), first.center().toPoint())
    qtbot.waitUntil(lambda: editor.viewport().cursor().shape() == Qt.CursorShape.PointingHandCursor)
    qtbot.mouseMove(editor.viewport(), QPoint(int(first.center().x()), int(first.bottom()) + 40))
    qtbot.waitUntil(lambda: editor.viewport().cursor().shape() == Qt.CursorShape.IBeamCursor)


def test_a_search_that_lands_in_the_front_matter_unfolds_it(qtbot: Any, pane: EditorPane) -> None:
    editor = load(qtbot, pane)
    cursor = editor.textCursor()
    cursor.setPosition(POST.index("Hello"))
    editor.setTextCursor(cursor)  # as the find bar selects a match
    assert not editor.fold.folded


def test_a_form_edit_that_adds_lines_keeps_them_folded(qtbot: Any, pane: EditorPane) -> None:
    editor = load(qtbot, pane)
    editor.replace_text(POST.replace("  - b\n", "  - b\n  - c\n  - d\n").replace("date:", "draft: true\ndate:"))
    assert editor.fold.folded and editor.fold.summary() == "⋯  title, draft, date, tags"
    assert visible_lines(editor)[:2] == ["---", ""]


def test_front_matter_that_never_closes_is_not_folded(qtbot: Any, pane: EditorPane) -> None:
    editor = load(qtbot, pane, "---\ntitle: open\nno end\n")
    assert not editor.fold.folded and editor.textCursor().position() == 0


@pytest.mark.parametrize("text, keys", [
    ('+++\ntitle = "T"\n[params]\nx = 1\n+++\nBody', "title, params"),
    ('{\n  "title": "T",\n  "tags": []\n}\nBody', "title, tags"),
])
def test_toml_and_json_front_matter_fold_too(qtbot: Any, pane: EditorPane, text: str, keys: str) -> None:
    editor = load(qtbot, pane, text)
    assert editor.fold.folded and editor.fold.summary() == "⋯  " + keys
    assert editor.textCursor().block().text() == "Body"


def test_folding_can_be_turned_off(qtbot: Any, pane: EditorPane) -> None:
    pane.apply(replace(Settings(), fold_front_matter=False), dark=False)
    editor = load(qtbot, pane)
    assert not editor.fold.folded and "title: Hello" in visible_lines(editor)
    assert editor.textCursor().position() == BODY  # still on the body


def test_the_summary_is_painted_over_the_first_line(qtbot: Any, pane: EditorPane) -> None:
    editor = load(qtbot, pane)
    first = editor.blockBoundingGeometry(editor.document().firstBlock()).translated(editor.contentOffset())
    image = grab(editor)
    row = int(first.center().y())
    inked = [x for x in range(image.width()) if QColor(image.pixel(x, row)).lightness() < 200]
    assert inked and max(inked) - min(inked) > editor.fontMetrics().horizontalAdvance("title, date")


# --- caret and placeholder ---------------------------------------------------------------------


def test_the_caret_returns_where_the_writer_left_each_post(qtbot: Any, pane: EditorPane) -> None:
    editor = load(qtbot, pane, POST, key="a.md")
    cursor = editor.textCursor()
    cursor.setPosition(POST.index("Second") + 6)
    editor.setTextCursor(cursor)
    load(qtbot, pane, "Other post\n", key="b.md")
    assert editor.textCursor().position() == 0
    load(qtbot, pane, POST, key="a.md")
    assert editor.textCursor().position() == POST.index("Second") + 6
    assert editor.carets == {"b.md": 0, "a.md": POST.index("Second") + 6}


def test_a_hand_edited_window_state_gives_what_it_can(qtbot: Any, pane: EditorPane) -> None:
    editor = pane.editor
    editor.restore_places(["not", "a", "mapping"], 3)
    assert editor.places() == ({}, 3)
    editor.restore_places({"a.md": "x", "b.md": 7, "c.md": True}, 500)
    assert editor.places() == ({"b.md": 7}, 72 - 12)  # the zoom stops at the largest size


def test_a_remembered_place_inside_changed_front_matter_falls_back_to_the_body(qtbot: Any, pane: EditorPane) -> None:
    editor = pane.editor
    editor.carets["a.md"] = 5  # the file changed meanwhile: 5 is inside its front matter now
    load(qtbot, pane, POST, key="a.md")
    assert editor.textCursor().position() == BODY and editor.fold.folded


def test_an_empty_body_shows_a_placeholder_that_is_not_text(qtbot: Any, pane: EditorPane) -> None:
    editor = load(qtbot, pane, "---\ntitle: New\n---\n\n")
    assert editor.textCursor().block().text() == "" and PLACEHOLDER not in editor.text()
    empty = grab(editor)
    qtbot.keyClicks(editor, "W")
    typed = grab(editor)
    editor.undo()
    assert editor.text() == "---\ntitle: New\n---\n\n"
    block = editor.document().lastBlock()
    rect = editor.blockBoundingGeometry(block).translated(editor.contentOffset()).toRect()
    row = rect.center().y()
    width = editor.fontMetrics().horizontalAdvance(PLACEHOLDER)

    def ink(image: QImage) -> int:
        return sum(1 for x in range(rect.left(), rect.left() + width + 40)
                   if QColor(image.pixel(x, row)).lightness() < 235)

    assert ink(empty) > ink(typed) > 0  # the hint is long and faint; one typed letter replaces it


# --- focus and typewriter ----------------------------------------------------------------------


def dimmed(editor: MarkdownEditor) -> list[str]:
    text = editor.document().toPlainText()
    spans = []
    for selection in editor.extraSelections():
        cursor = selection.cursor
        spans.append(text[cursor.selectionStart():cursor.selectionEnd()])
    return spans


def test_focus_mode_dims_all_but_the_current_sentence_or_paragraph(qtbot: Any, pane: EditorPane) -> None:
    pane.apply(replace(Settings(), focus_mode="sentence"), dark=False)
    editor = load(qtbot, pane)
    cursor = editor.textCursor()
    cursor.setPosition(POST.index("two sentences"))
    editor.setTextCursor(cursor)
    before, after = dimmed(editor)
    assert before.endswith("First paragraph. ") and after.startswith("\n\nSecond")
    pane.apply(replace(Settings(), focus_mode="paragraph"), dark=False)
    before, after = dimmed(editor)
    assert before.endswith("---\n\n") and after.startswith("\n\nSecond")
    pane.apply(Settings(), dark=False)
    assert dimmed(editor) == []


def test_focus_mode_keeps_the_find_bars_highlights(qtbot: Any, pane: EditorPane) -> None:
    pane.apply(replace(Settings(), focus_mode="paragraph"), dark=False)
    editor = load(qtbot, pane)
    pane.find_bar.open_find()
    qtbot.keyClicks(pane.find_bar._find_edit, "paragraph")
    qtbot.waitUntil(lambda: len(editor.extraSelections()) == 4)  # two dimmed spans, two matches


def test_typewriter_mode_keeps_the_caret_line_in_the_middle(qtbot: Any, pane: EditorPane) -> None:
    pane.apply(replace(Settings(), typewriter_mode=True), dark=False)
    editor = load(qtbot, pane, "---\ntitle: T\n---\n" + "\n".join(f"Line {n}" for n in range(200)))
    for _ in range(60):
        qtbot.keyClick(editor, Qt.Key.Key_Down)
    middle = editor.viewport().height() / 2
    assert abs(editor.cursorRect().center().y() - middle) < editor.fontMetrics().height() * 2
    qtbot.keyClick(editor, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    assert abs(editor.cursorRect().center().y() - middle) < editor.fontMetrics().height() * 2  # even the last line


# --- typography and zoom -----------------------------------------------------------------------


def test_the_prose_font_is_set_in_a_centred_measure(qtbot: Any, pane: EditorPane) -> None:
    editor = load(qtbot, pane)
    assert not monospaced(editor)
    margins = editor.viewportMargins()
    assert margins.left() > 50 and abs(margins.left() - margins.right()) <= 1
    column = editor.viewport().width() - 2 * editor.document().documentMargin()
    per_char = editor.fontMetrics().averageCharWidth()
    assert 55 * per_char < column < 95 * per_char  # about seventy characters
    pane.apply(replace(Settings(), editor_font="mono", editor_measure=0), dark=False)
    assert monospaced(editor) and editor.viewportMargins().left() == 0


def test_line_height_spaces_the_lines(qtbot: Any, pane: EditorPane) -> None:
    editor = load(qtbot, pane, "one\ntwo\nthree")

    def pitch() -> float:
        second = editor.document().findBlockByNumber(1)
        third = editor.document().findBlockByNumber(2)
        return editor.blockBoundingGeometry(third).top() - editor.blockBoundingGeometry(second).top()

    pane.apply(replace(Settings(), editor_line_height=100), dark=False)
    tight = pitch()
    pane.apply(replace(Settings(), editor_line_height=200), dark=False)
    loose = pitch()
    points = editor.font().pointSizeF() * 96 / 72
    assert loose - tight > points * 0.6 and abs(loose - 2 * points) <= 2


def test_zoom_keys_and_ctrl_wheel_change_the_size_and_ctrl_0_resets(qtbot: Any, pane: EditorPane) -> None:
    editor = load(qtbot, pane)
    size = editor.font().pointSizeF()
    editor.zoom_in()
    editor.zoom_in()
    assert editor.font().pointSizeF() == size + 2 and editor.zoom == 2
    wheel = QWheelEvent(QPointF(10, 10), QPointF(editor.mapToGlobal(QPoint(10, 10))), QPoint(0, 0),
                        QPoint(0, -120), Qt.MouseButton.NoButton, Qt.KeyboardModifier.ControlModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(editor.viewport(), wheel)
    assert editor.zoom == 1
    editor.zoom_reset()
    assert editor.font().pointSizeF() == size and editor.zoom == 0
    for _ in range(100):
        editor.zoom_out()
    assert editor.font().pointSizeF() == 6  # never unreadably small
