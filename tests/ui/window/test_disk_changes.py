"""Outside changes and edge cases found in review: nothing the writer has is lost or shown wrongly."""

from __future__ import annotations

POST = "posts/caching-unsung-hero.md"
OTHER = "posts/cqrs-read-write-separation.md"


def notes(desk) -> list[str]:
    return [message for kind, message in desk.context.notifier.history if kind == "note"]


def _errors_and_notes(desk) -> list[str]:
    return [message for _kind, message in desk.context.notifier.history]


def _edit(desk, addition: str) -> None:
    editor = desk.editor_pane.editor
    editor.replace_text(editor.text() + addition)


def _wait_disk_message(qtbot, desk) -> str:
    bar = desk.editor_pane.messages
    qtbot.waitUntil(lambda: "disk" in bar.keys(), timeout=10000)
    return bar.text("disk")


def _pulled_under_my_edits(qtbot, desk) -> str:
    """Open the post, add a paragraph without saving, change the author on disk as a pull would,
    and wait for the bar; the file's new text."""
    assert desk.controller.open_post(POST)
    _edit(desk, "\nMy new paragraph.\n")
    path = desk.sample.root / POST
    outside = path.read_text(encoding="utf-8").replace("Ana Ruiz", "Pulled Author")
    path.write_text(outside, encoding="utf-8")
    _wait_disk_message(qtbot, desk)
    return outside


def test_a_clean_post_changed_by_another_program_reloads_by_itself_keeping_the_cursor(qtbot, desk) -> None:
    assert desk.controller.open_post(POST)
    editor = desk.editor_pane.editor
    cursor = editor.textCursor()
    cursor.setPosition(len(editor.text()) - 5)
    editor.setTextCursor(cursor)
    path = desk.sample.root / POST
    path.write_text(path.read_text(encoding="utf-8").replace("Ana Ruiz", "Pulled Author"), encoding="utf-8")
    # No call into Postdesk: the file watcher notices.
    qtbot.waitUntil(lambda: "author: Pulled Author" in desk.editor_pane.text(), timeout=10000)
    assert not desk.controller.is_modified()
    assert editor.textCursor().position() == len(editor.text()) - 5
    assert any(note.startswith(f"Reloaded {POST}") for note in notes(desk))
    assert "disk" not in desk.editor_pane.messages.keys()


def test_an_outside_change_under_unsaved_edits_asks_without_touching_either(qtbot, desk) -> None:
    outside = _pulled_under_my_edits(qtbot, desk)
    message = desk.editor_pane.messages.text("disk")
    assert "changed on disk" in message and "unsaved edits" in message
    assert desk.editor_pane.messages.actions("disk") == ["Reload", "Keep mine", "Compare"]
    assert "My new paragraph." in desk.editor_pane.text() and "Pulled Author" not in desk.editor_pane.text()
    assert (desk.sample.root / POST).read_text(encoding="utf-8") == outside


def test_keeping_my_edits_over_an_outside_change_saves_mine_without_asking_again(qtbot, desk) -> None:
    _pulled_under_my_edits(qtbot, desk)
    path = desk.sample.root / POST
    desk.editor_pane.messages.trigger("disk", "Keep mine")
    assert "My new paragraph." in desk.editor_pane.text() and desk.controller.is_modified()
    asked = len(desk.context.notifier.history)
    assert desk.controller.save()
    assert "My new paragraph." in path.read_text(encoding="utf-8")
    assert not [kind for kind, _m in desk.context.notifier.history[asked:] if kind == "confirm"]


def test_reload_takes_the_files_text_and_undo_brings_my_edits_back(qtbot, desk) -> None:
    outside = _pulled_under_my_edits(qtbot, desk)
    mine = desk.editor_pane.text()
    desk.editor_pane.messages.trigger("disk", "Reload")
    assert desk.editor_pane.text() == outside and not desk.controller.is_modified()
    desk.editor_pane.editor.undo()
    assert desk.editor_pane.text() == mine


def test_compare_shows_the_files_change_against_my_edits_and_asks_again(qtbot, desk) -> None:
    from desktop_app.ui.review.compare_dialog import CompareDialog

    _pulled_under_my_edits(qtbot, desk)
    desk.editor_pane.messages.trigger("disk", "Compare")
    dialog = desk.findChild(CompareDialog)
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.diff.comparison is not None, timeout=10000)
    shown = dialog.diff.toPlainText()
    assert "Pulled Author" in shown and "My new paragraph." in shown
    dialog.reject()
    qtbot.waitUntil(lambda: "disk" in desk.editor_pane.messages.keys(), timeout=5000)


def test_postdesks_own_saves_never_raise_the_question(qtbot, desk) -> None:
    assert desk.controller.open_post(POST)
    outside = desk.controller.outside
    for round_ in range(3):
        _edit(desk, f"\nRound {round_}.\n")
        assert desk.controller.save()
        before = outside.checks
        outside._touched("")  # as the watcher does for a write it saw (ours, here)
        desk.controller.check_disk()  # as coming back to the window does
        qtbot.waitUntil(lambda: outside.checks >= before + 2, timeout=10000)
    assert "disk" not in desk.editor_pane.messages.keys()
    assert not [kind for kind, _m in desk.context.notifier.history if kind == "confirm"]
    assert not any(note.startswith("Reloaded") for note in notes(desk))


def test_a_post_deleted_on_disk_is_reported_and_not_written_back_silently(qtbot, desk) -> None:
    assert desk.controller.open_post(POST)
    _edit(desk, "\nKeep this.\n")
    path = desk.sample.root / POST
    path.unlink()
    message = _wait_disk_message(qtbot, desk)
    assert "deleted or moved" in message
    assert not path.exists() and "Keep this." in desk.editor_pane.text()
    desk.context.notifier.answers = [False]  # do not write it back
    assert not desk.controller.save()
    assert not path.exists()
    desk.context.notifier.answers = [True]
    assert desk.controller.save()
    assert path.read_text(encoding="utf-8").endswith("Keep this.\n")


def test_a_post_renamed_outside_is_found_under_its_new_name(qtbot, desk) -> None:
    assert desk.controller.open_post(POST)
    moved = "posts/caching-renamed.md"
    (desk.sample.root / POST).rename(desk.sample.root / moved)
    message = _wait_disk_message(qtbot, desk)
    assert f"moved to {moved}" in message
    desk.editor_pane.messages.trigger("disk", "Open caching-renamed.md")
    assert desk.controller.document.path == moved
    _edit(desk, "\nAfter the move.\n")
    assert desk.controller.save()
    assert not (desk.sample.root / POST).exists()
    assert (desk.sample.root / moved).read_text(encoding="utf-8").endswith("After the move.\n")


def test_save_keeps_an_unseen_outside_change_when_not_confirmed(qtbot, desk) -> None:
    assert desk.controller.open_post(POST)
    editor = desk.editor_pane.editor
    editor.replace_text(editor.text() + "\nMine.\n")
    path = desk.sample.root / POST
    path.write_text("---\ntitle: Theirs\n---\n", encoding="utf-8")
    desk.context.notifier.answers = [False]
    assert not desk.controller.save()
    assert path.read_text(encoding="utf-8") == "---\ntitle: Theirs\n---\n"
    assert desk.controller.is_modified() and "Mine." in desk.editor_pane.text()


def test_save_overwrites_an_outside_change_only_when_confirmed(qtbot, desk) -> None:
    assert desk.controller.open_post(POST)
    editor = desk.editor_pane.editor
    editor.replace_text(editor.text() + "\nMine.\n")
    path = desk.sample.root / POST
    path.write_text("---\ntitle: Theirs\n---\n", encoding="utf-8")
    desk.context.notifier.answers = [True]
    assert desk.controller.save()
    assert path.read_text(encoding="utf-8").endswith("Mine.\n")


def test_after_deleting_the_open_post_nothing_can_be_typed_into_nowhere(qtbot, desk) -> None:
    assert desk.controller.open_post(POST)
    desk.context.notifier.answers = [True]
    desk.library.ask_delete(POST)
    qtbot.waitUntil(lambda: desk.library.post(POST) is None, timeout=5000)
    assert desk.editor_pane.editor.isReadOnly() and not desk.form.isEnabled()
    assert desk.editor_pane.text() == ""


def test_opening_a_post_with_broken_front_matter_shows_none_of_the_previous_values(qtbot, desk) -> None:
    assert desk.controller.open_post(POST)
    broken = "posts/broken.md"
    (desk.sample.root / broken).write_text("---\ntitle: [broken\n---\nBody\n", encoding="utf-8")
    assert desk.controller.open_post(broken)
    # The closed drawer's one-line header says so, and shows nothing of the previous post either.
    assert desk.form_header.problem.isVisible() and "Caching" not in desk.form_header.title.text()
    desk.modes.set_details(True)
    assert desk.form.error_label.isVisible() and "line" in desk.form.error_label.text()
    assert desk.form.widget("title") is None


def test_non_breaking_spaces_survive_open_and_save(qtbot, desk) -> None:
    relative = "posts/nbsp.md"
    data = "---\ntitle: Spaces\n---\n\n10\u00a0ms and 5\u00a0GB.\n".encode()
    (desk.sample.root / relative).write_bytes(data)
    assert desk.controller.open_post(relative)
    assert not desk.controller.is_modified()
    desk.actions.save.trigger()
    assert (desk.sample.root / relative).read_bytes() == data


def test_commit_asks_to_save_the_open_post_and_commits_the_saved_text(qtbot, desk) -> None:
    assert desk.controller.open_post(OTHER)
    editor = desk.editor_pane.editor
    editor.replace_text(editor.text() + "\nA late addition.\n")
    panel = desk.changes
    panel.message.setPlainText("Add a late addition")
    desk.context.notifier.answers = ["save"]
    panel.commit()
    qtbot.waitUntil(lambda: any(m.startswith("Committed") for m in _errors_and_notes(desk)), timeout=10000)
    assert "A late addition." in desk.sample.git("show", f"HEAD:{OTHER}")
    assert not desk.controller.is_modified()
