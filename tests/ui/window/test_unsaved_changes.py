"""Unsaved edits are never lost silently: switching posts or closing asks Save / Discard / Cancel.

Also: a form edit is a single undo step in the editor.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

CACHING = "posts/caching-unsung-hero.md"
CACHING_TITLE = "Caching: The Unsung Hero of Fast, Scalable Systems"
CQRS = "posts/cqrs-read-write-separation.md"
ADDED = " A sentence typed by the writer."


def type_at_end(qtbot, desk, text: str = ADDED) -> str:
    """Type `text` at the end of the open post, as a writer would; return the editor's new text."""
    editor = desk.editor_pane.editor
    editor.setFocus()
    editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(editor, text)
    assert desk.controller.is_modified()
    return editor.toPlainText()


def unsaved_questions(desk) -> list[str]:
    return [message for kind, message in desk.context.notifier.history if kind == "unsaved"]


def test_clean_switch_does_not_ask(qtbot, desk) -> None:
    assert desk.controller.open_post(CACHING)
    desk.library.select(CQRS)
    assert desk.controller.document.path == CQRS
    assert unsaved_questions(desk) == []


def test_switch_with_unsaved_edits_and_cancel_keeps_the_post(qtbot, desk) -> None:
    assert desk.controller.open_post(CACHING)
    on_disk = (desk.sample.root / CACHING).read_bytes()
    edited = type_at_end(qtbot, desk)
    desk.context.notifier.answers = ["cancel"]
    desk.library.select(CQRS)  # as a click on another post in the sidebar
    assert unsaved_questions(desk) == [CACHING_TITLE]
    assert desk.controller.document.path == CACHING
    assert desk.editor_pane.text() == edited and desk.controller.is_modified()
    assert desk.library.current_path() == CACHING  # the sidebar goes back to the open post
    assert (desk.sample.root / CACHING).read_bytes() == on_disk


def test_switch_and_discard_opens_the_other_post_and_leaves_the_file(qtbot, desk) -> None:
    assert desk.controller.open_post(CACHING)
    on_disk = (desk.sample.root / CACHING).read_bytes()
    type_at_end(qtbot, desk)
    desk.context.notifier.answers = ["discard"]
    desk.library.select(CQRS)
    assert unsaved_questions(desk) == [CACHING_TITLE]
    assert desk.controller.document.path == CQRS
    assert desk.editor_pane.text() == (desk.sample.root / CQRS).read_text(encoding="utf-8")
    assert not desk.controller.is_modified()
    assert (desk.sample.root / CACHING).read_bytes() == on_disk
    # Coming back shows the file as it is on disk.
    assert desk.controller.open_post(CACHING)
    assert ADDED not in desk.editor_pane.text()


def test_switch_and_save_writes_the_file_then_switches(qtbot, desk) -> None:
    assert desk.controller.open_post(CACHING)
    edited = type_at_end(qtbot, desk)
    desk.context.notifier.answers = ["save"]
    desk.library.select(CQRS)
    assert unsaved_questions(desk) == [CACHING_TITLE]
    assert (desk.sample.root / CACHING).read_text(encoding="utf-8") == edited
    assert desk.controller.document.path == CQRS
    assert not desk.controller.is_modified()
    assert ("note", f"Saved {CACHING}") in desk.context.notifier.history


def test_new_post_with_unsaved_edits_asks_first(qtbot, desk) -> None:
    assert desk.controller.open_post(CACHING)
    edited = type_at_end(qtbot, desk)
    desk.context.notifier.answers = ["cancel"]
    desk.library.create_requested.emit("Another Post", "")
    assert unsaved_questions(desk) == [CACHING_TITLE]
    assert not (desk.sample.root / "posts/another-post.md").exists()
    assert desk.controller.document.path == CACHING and desk.editor_pane.text() == edited

    desk.context.notifier.answers = ["save"]
    desk.library.create_requested.emit("Another Post", "")
    qtbot.waitUntil(lambda: desk.controller.document.path == "posts/another-post.md", timeout=10000)
    assert (desk.sample.root / CACHING).read_text(encoding="utf-8") == edited


def test_closing_with_unsaved_edits_and_cancel_keeps_the_window(qtbot, desk) -> None:
    assert desk.controller.open_post(CACHING)
    edited = type_at_end(qtbot, desk)
    desk.context.notifier.answers = ["cancel"]
    assert not desk.close()
    assert desk.isVisible()
    assert unsaved_questions(desk) == [CACHING_TITLE]
    assert desk.editor_pane.text() == edited and desk.controller.is_modified()


def test_closing_with_unsaved_edits_and_save_saves_then_closes(qtbot, desk) -> None:
    assert desk.controller.open_post(CACHING)
    edited = type_at_end(qtbot, desk)
    desk.context.notifier.answers = ["save"]
    assert desk.close()
    assert not desk.isVisible()
    assert (desk.sample.root / CACHING).read_text(encoding="utf-8") == edited


def test_closing_with_unsaved_edits_and_discard_closes_without_saving(qtbot, desk) -> None:
    assert desk.controller.open_post(CACHING)
    on_disk = (desk.sample.root / CACHING).read_bytes()
    type_at_end(qtbot, desk)
    desk.context.notifier.answers = ["discard"]
    assert desk.close()
    assert not desk.isVisible()
    assert (desk.sample.root / CACHING).read_bytes() == on_disk


def test_window_title_and_status_mark_unsaved_changes(qtbot, desk) -> None:
    assert desk.controller.open_post(CACHING)
    assert not desk.isWindowModified()
    assert desk.windowTitle().startswith(CACHING_TITLE)
    type_at_end(qtbot, desk)
    qtbot.waitUntil(desk.isWindowModified, timeout=5000)
    assert "Unsaved" in desk.status.saved.text()
    desk.actions.save.trigger()
    assert desk.status.saved.text() == "Saved"


def test_window_title_unmarked_after_save(qtbot, desk) -> None:
    assert desk.controller.open_post(CACHING)
    type_at_end(qtbot, desk)
    qtbot.waitUntil(desk.isWindowModified, timeout=5000)
    desk.actions.save.trigger()
    assert not desk.controller.is_modified()
    qtbot.waitUntil(lambda: not desk.isWindowModified(), timeout=2000)


def test_form_edit_is_one_undo_step(qtbot, desk) -> None:
    assert desk.controller.open_post(CACHING)
    editor = desk.editor_pane.editor
    original = editor.toPlainText()
    draft = desk.form.widget("draft")
    assert not draft.isChecked()
    draft.setFocus()
    qtbot.keyClick(draft, Qt.Key.Key_Space)
    edited = editor.toPlainText()
    assert edited == original.replace("draft: false", "draft: true", 1)

    desk.actions.undo.trigger()
    assert editor.toPlainText() == original
    assert not desk.controller.is_modified()
    qtbot.waitUntil(lambda: not desk.form.widget("draft").isChecked(), timeout=5000)

    desk.actions.redo.trigger()
    assert editor.toPlainText() == edited
    qtbot.waitUntil(lambda: desk.form.widget("draft").isChecked(), timeout=5000)


def test_title_typed_in_the_form_undoes_back_to_the_original(qtbot, desk) -> None:
    assert desk.controller.open_post(CACHING)
    editor = desk.editor_pane.editor
    original = editor.toPlainText()
    type_title(qtbot, desk, "Caches")
    assert 'title: "Caches"\n' in editor.toPlainText()
    # Typing a title is one undo step, as typing in the editor is, and it restores the text exactly.
    desk.actions.undo.trigger()
    assert editor.toPlainText() == original
    qtbot.waitUntil(lambda: desk.form.widget("title").text() == CACHING_TITLE, timeout=5000)


def test_edits_of_different_fields_stay_separate_undo_steps(qtbot, desk) -> None:
    assert desk.controller.open_post(CACHING)
    editor = desk.editor_pane.editor
    original = editor.toPlainText()
    type_title(qtbot, desk, "Caches")
    after_title = editor.toPlainText()
    draft = desk.form.widget("draft")
    draft.setFocus()
    qtbot.keyClick(draft, Qt.Key.Key_Space)
    assert "draft: true" in editor.toPlainText()
    desk.actions.undo.trigger()
    assert editor.toPlainText() == after_title
    desk.actions.undo.trigger()
    assert editor.toPlainText() == original


def type_title(qtbot, desk, text: str) -> None:
    """Replace the title in the form by typing, as a writer would."""
    title = desk.form.widget("title")
    title.setFocus()
    title.selectAll()
    qtbot.keyClicks(title, text)
