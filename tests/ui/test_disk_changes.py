"""Outside changes and edge cases found in review: nothing the writer has is lost or shown wrongly."""

from __future__ import annotations


POST = "posts/caching-unsung-hero.md"
OTHER = "posts/cqrs-read-write-separation.md"


def _errors_and_notes(desk) -> list[str]:
    return [message for _kind, message in desk.context.notifier.history]


def test_a_clean_post_changed_on_disk_is_reloaded_quietly(qtbot, desk) -> None:
    assert desk.controller.open_post(POST)
    path = desk.sample.root / POST
    path.write_text(path.read_text(encoding="utf-8").replace("Ana Ruiz", "Pulled Author"), encoding="utf-8")
    desk.controller.check_disk()
    assert "author: Pulled Author" in desk.editor_pane.text()
    assert not desk.controller.is_modified()


def test_keeping_my_edits_over_an_outside_change_saves_mine_without_asking_again(qtbot, desk) -> None:
    assert desk.controller.open_post(POST)
    editor = desk.editor_pane.editor
    editor.replace_text(editor.text() + "\nMy new paragraph.\n")
    path = desk.sample.root / POST
    outside = path.read_text(encoding="utf-8").replace("Ana Ruiz", "Pulled Author")
    path.write_text(outside, encoding="utf-8")
    desk.context.notifier.answers = [False]  # do not reload: keep my edits
    desk.controller.check_disk()
    assert "My new paragraph." in desk.editor_pane.text() and desk.controller.is_modified()
    asked = len(desk.context.notifier.history)
    assert desk.controller.save()
    assert "My new paragraph." in path.read_text(encoding="utf-8")
    assert not [kind for kind, _m in desk.context.notifier.history[asked:] if kind == "confirm"]


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
