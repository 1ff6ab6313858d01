"""Autosave to the file: off unless chosen; once on, typing is saved after a pause, and never over a
change made outside Postdesk."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtGui import QTextCursor

from tests.helpers import budget

POST = "posts/caching-unsung-hero.md"


def type_at_end(qtbot, desk, words: str) -> None:  # noqa: ANN001
    editor = desk.editor_pane.editor
    editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(editor, words)


def switch_on(desk, seconds: int = 1) -> None:  # noqa: ANN001
    desk.change_settings(replace(desk.context.workspace.settings, autosave=True, autosave_delay_s=seconds))


def on_disk(desk) -> str:  # noqa: ANN001
    return (desk.sample.root / POST).read_text(encoding="utf-8")


def test_autosave_is_off_unless_chosen(qtbot, desk) -> None:
    assert not desk.context.workspace.settings.autosave
    assert desk.controller.open_post(POST)
    before = on_disk(desk)
    type_at_end(qtbot, desk, "Unsaved thought.")
    assert not desk.commands.autosave.timer.isActive()  # nothing is waiting to save it
    assert on_disk(desk) == before and desk.controller.is_modified()


def test_typing_is_saved_after_a_pause(qtbot, desk) -> None:
    switch_on(desk)
    assert desk.controller.open_post(POST)
    type_at_end(qtbot, desk, "A thought worth keeping.")
    qtbot.waitUntil(lambda: on_disk(desk).endswith("A thought worth keeping."), timeout=budget.ms(10_000))
    assert on_disk(desk) == desk.editor_pane.text()
    assert not desk.controller.is_modified() and desk.status.saved.text() == "Saved"
    assert not [note for kind, note in desk.context.notifier.history if kind == "note" and note.startswith("Saved")]


def test_it_never_saves_over_a_change_made_outside(qtbot, desk) -> None:
    switch_on(desk)
    assert desk.controller.open_post(POST)
    path = desk.sample.root / POST
    type_at_end(qtbot, desk, "Mine.")
    outside = on_disk(desk).replace("Ana Ruiz", "Pulled Author")  # a pull, or another editor
    path.write_text(outside, encoding="utf-8")
    qtbot.waitUntil(lambda: desk.commands.autosave.held == POST, timeout=budget.ms(10_000))
    assert on_disk(desk) == outside  # the outside change is still there
    assert any("Not autosaved" in note for kind, note in desk.context.notifier.history if kind == "note")
    qtbot.waitUntil(lambda: "disk" in desk.editor_pane.messages.keys(), timeout=budget.ms(10_000))
    desk.editor_pane.messages.trigger("disk", "Keep mine")  # the writer decides: their version
    type_at_end(qtbot, desk, " And more.")
    qtbot.waitUntil(lambda: on_disk(desk).endswith("Mine. And more."), timeout=budget.ms(10_000))
    assert desk.commands.autosave.held is None


def test_a_read_only_post_is_not_autosaved(qtbot, desk) -> None:
    switch_on(desk)
    assert desk.controller.open_post(POST)
    desk.controller.document.locked = "a file the editor would rewrite"
    desk.editor_pane.editor.replace_text(desk.editor_pane.text() + "x")
    assert not desk.commands.autosave.save_now()
    assert not on_disk(desk).endswith("x")
