"""A writer pulls while another writer changed the same post: the real window on the sample blog.

The other writer works in a second clone of the sample blog's bare origin and pushes; the writer
at the desk edits through the form, saves, commits and presses Pull. Everything is checked on
the screen (the conflicts panel, the library, the editor) and with git on the work tree.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextFormat

from desktop_app.core.errors import MergeConflict
from desktop_app.core.git.repo import GitRepo
from tests.helpers.git_repos import clone, commit_all, git
from tests.ui.editor.test_highlighter import format_at
from tests.ui.git.test_changes_panel import commit_through_panel, edit_line, errors, notes, open_desk, wait_note

CACHING = "posts/caching-unsung-hero.md"
TITLE = 'title: "Caching: The Unsung Hero of Fast, Scalable Systems"'


def their_edit(desk, tmp_path: Path, old: str, new: str) -> None:
    other = clone(desk.sample.origin.as_uri(), tmp_path / "other")
    edit_line(other, CACHING, old, new)
    commit_all(other, "Their edit")
    git(other, "push", "--quiet")


def my_edit(qtbot, desk, key: str, value: object) -> None:
    """Through the form, saved, committed with the Changes panel."""
    assert desk.controller.open_post(CACHING)
    desk.controller.apply_field(key, value)
    assert desk.controller.save()
    qtbot.waitUntil(lambda: desk.changes.files.count() == 1, timeout=10000)
    commit_through_panel(qtbot, desk, f"My {key}")
    wait_note(qtbot, desk, "Committed")
    qtbot.waitUntil(lambda: not desk.changes.busy, timeout=10000)


def pull(qtbot, desk) -> None:
    qtbot.waitUntil(lambda: desk.changes.pull_button.isEnabled(), timeout=10000)
    qtbot.mouseClick(desk.changes.pull_button, Qt.MouseButton.LeftButton)


def wait_conflicts(qtbot, desk, count: int = 1) -> None:
    panel = desk.conflicts
    qtbot.waitUntil(lambda: desk.conflicts_dock.isVisible() and len(panel.state.posts) == count
                    and not panel.busy, timeout=15000)


def click(qtbot, button) -> None:
    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def settle(qtbot, desk) -> None:
    """Let the refreshes a step started finish before the window closes."""
    qtbot.waitUntil(lambda: not desk.context.runner.busy, timeout=15000)


def editor_text(desk) -> str:
    return desk.controller.editor.text()


def same_title_conflict(qtbot, desk, tmp_path: Path) -> None:
    their_edit(desk, tmp_path, TITLE, 'title: "Caching, in depth"')
    my_edit(qtbot, desk, "title", "Caching for beginners")
    pull(qtbot, desk)
    wait_conflicts(qtbot, desk)


# --- no question when the fields differ ----------------------------------------------------------


@pytest.mark.parametrize("mode", ["rebase", "merge"])
def test_different_fields_merge_without_a_question(qtbot, desk, tmp_path: Path, mode: str) -> None:
    if mode == "merge":
        desk.sample.git("config", "pull.rebase", "false")
    their_edit(desk, tmp_path, "date: 2026-02-10", "date: 2026-03-01")
    my_edit(qtbot, desk, "title", "Caching for beginners")
    pull(qtbot, desk)
    wait_note(qtbot, desk, "Pulled 1 new commit")
    qtbot.waitUntil(lambda: "date: 2026-03-01" in editor_text(desk), timeout=10000)
    assert 'title: "Caching for beginners"\n' in editor_text(desk)  # never the half-rebased file
    assert not desk.conflicts_dock.isVisible()
    assert errors(desk) == [] and not any(kind == "confirm" for kind, _ in desk.context.notifier.history)
    assert desk.sample.git("status", "--porcelain") == ""
    settle(qtbot, desk)


# --- the same field ------------------------------------------------------------------------------


def test_same_field_is_listed_by_title_and_kept_mine(qtbot, desk, tmp_path: Path) -> None:
    same_title_conflict(qtbot, desk, tmp_path)
    panel = desk.conflicts
    item = panel.posts.item(0)
    assert item.text() == ("● Caching for beginners\n"
                           "    title: yours «Caching for beginners» / theirs «Caching, in depth»")
    assert any(note.startswith("Pulling stopped on conflicts in 1 file(s)") for note in notes(desk))
    assert errors(desk) == []  # no error dialog: the panel is the answer
    # The library marks the post, and the open post shows the markers.
    qtbot.waitUntil(lambda: desk.library.post(CACHING) is not None
                    and desk.library.post(CACHING).git_state == "conflicted", timeout=10000)
    qtbot.waitUntil(lambda: '<<<<<<< mine\ntitle: "Caching for beginners"\n=======\n' in editor_text(desk),
                    timeout=10000)
    assert not panel.continue_button.isEnabled()
    click(qtbot, panel.keep_mine_button)
    qtbot.waitUntil(lambda: panel.state.posts == () and not panel.busy, timeout=10000)
    assert panel.posts.item(0).text() == "✓ Caching for beginners\n    kept mine"
    qtbot.waitUntil(lambda: "<<<<<<<" not in editor_text(desk), timeout=10000)  # reloaded from disk
    click(qtbot, panel.continue_button)
    wait_note(qtbot, desk, "Pull finished: 1 post resolved.")
    qtbot.waitUntil(lambda: not desk.conflicts_dock.isVisible(), timeout=10000)
    assert 'title: "Caching for beginners"\n' in editor_text(desk)
    assert desk.sample.git("status", "--porcelain") == ""
    assert desk.sample.git("log", "--format=%s", "-2").split("\n")[:2] == ["My title", "Their edit"]
    settle(qtbot, desk)


def test_take_theirs(qtbot, desk, tmp_path: Path) -> None:
    same_title_conflict(qtbot, desk, tmp_path)
    panel = desk.conflicts
    click(qtbot, panel.take_theirs_button)
    qtbot.waitUntil(lambda: panel.state.posts == () and not panel.busy, timeout=10000)
    click(qtbot, panel.continue_button)
    wait_note(qtbot, desk, "Pull finished")
    qtbot.waitUntil(lambda: 'title: "Caching, in depth"\n' in editor_text(desk), timeout=10000)
    assert desk.sample.git("status", "--porcelain") == ""
    settle(qtbot, desk)


def test_edit_by_hand_then_mark_resolved(qtbot, desk, tmp_path: Path) -> None:
    same_title_conflict(qtbot, desk, tmp_path)
    panel = desk.conflicts
    desk.controller.open_post("posts/cqrs-read-write-separation.md")  # elsewhere, to be taken back
    click(qtbot, panel.edit_button)
    editor = desk.controller.editor
    assert desk.controller.document.path == CACHING
    assert editor.textCursor().blockNumber() == 1  # the `<<<<<<< mine` line
    marker = format_at(editor, 1, 0)
    assert marker is not None and marker.hasProperty(QTextFormat.Property.BackgroundBrush)  # highlighted as a conflict
    click(qtbot, panel.mark_button)
    qtbot.waitUntil(lambda: any("still has conflict markers (lines 2, 4, 6)" in e for e in errors(desk)),
                    timeout=10000)
    resolved = editor_text(desk).replace(
        '<<<<<<< mine\ntitle: "Caching for beginners"\n=======\ntitle: "Caching, in depth"\n>>>>>>> theirs\n',
        "title: Caching, for beginners and in depth\n")
    editor.replace_text(resolved)  # typed, not saved: Mark resolved saves it first
    click(qtbot, panel.mark_button)
    qtbot.waitUntil(lambda: panel.state.posts == () and not panel.busy, timeout=10000)
    assert not desk.controller.is_modified()
    click(qtbot, panel.continue_button)
    wait_note(qtbot, desk, "Pull finished")
    assert desk.sample.git("show", f"HEAD:{CACHING}").startswith(
        "---\ntitle: Caching, for beginners and in depth\n")
    settle(qtbot, desk)


def test_unsaved_text_survives_a_resolution(qtbot, desk, tmp_path: Path) -> None:
    same_title_conflict(qtbot, desk, tmp_path)
    qtbot.waitUntil(lambda: "<<<<<<<" in editor_text(desk), timeout=10000)
    editor = desk.controller.editor
    editor.replace_text(editor_text(desk) + "\nA sentence I am still writing.\n")
    click(qtbot, desk.conflicts.take_theirs_button)
    # The editor says the file changed under unsaved edits, and changes neither.
    messages = desk.editor_pane.messages
    qtbot.waitUntil(lambda: "unsaved edits" in messages.text("disk"), timeout=10000)
    assert editor_text(desk).endswith("A sentence I am still writing.\n")
    assert desk.controller.is_modified()
    assert 'title: "Caching, in depth"' in (desk.sample.root / CACHING).read_text()
    settle(qtbot, desk)


def test_body_conflict_is_described(qtbot, desk, tmp_path: Path) -> None:
    sentence = "Nobody puts \"we added a cache\" in a launch announcement"
    their_edit(desk, tmp_path, sentence, "Nobody ever puts \"we added a cache\" in a launch announcement")
    assert desk.controller.open_post(CACHING)
    desk.controller.editor.replace_text(editor_text(desk).replace(sentence, "Hardly anyone puts \"we added a cache\" in a launch announcement"))
    assert desk.controller.save()
    qtbot.waitUntil(lambda: desk.changes.files.count() == 1, timeout=10000)
    commit_through_panel(qtbot, desk, "My sentence")
    wait_note(qtbot, desk, "Committed")
    pull(qtbot, desk)
    wait_conflicts(qtbot, desk)
    assert desk.conflicts.posts.item(0).text().endswith("Text: the same lines changed on both sides")
    settle(qtbot, desk)


def test_abort_puts_everything_back(qtbot, desk, tmp_path: Path) -> None:
    their_edit(desk, tmp_path, TITLE, 'title: "Caching, in depth"')
    my_edit(qtbot, desk, "title", "Caching for beginners")
    cqrs = desk.sample.root / "posts/cqrs-read-write-separation.md"
    cqrs.write_bytes(cqrs.read_bytes() + b"\nA paragraph not committed yet.\n")
    head, status = desk.sample.git("rev-parse", "HEAD"), desk.sample.git("status", "--porcelain")
    before, cqrs_before = (desk.sample.root / CACHING).read_bytes(), cqrs.read_bytes()
    pull(qtbot, desk)
    wait_conflicts(qtbot, desk)
    assert "Your uncommitted edits are set aside until you continue or abort." in desk.conflicts.step.text()
    desk.context.notifier.answers[:] = [True]  # "Abort the pull?"
    click(qtbot, desk.conflicts.abort_button)
    wait_note(qtbot, desk, "Pull aborted")
    qtbot.waitUntil(lambda: not desk.conflicts_dock.isVisible(), timeout=10000)
    assert desk.sample.git("rev-parse", "HEAD") == head
    assert (desk.sample.root / CACHING).read_bytes() == before and cqrs.read_bytes() == cqrs_before
    assert desk.sample.git("status", "--porcelain") == status == " M posts/cqrs-read-write-separation.md\n"
    qtbot.waitUntil(lambda: editor_text(desk) == before.decode(), timeout=10000)
    settle(qtbot, desk)


def test_a_pull_left_waiting_shows_at_start(qtbot, sample_blog, tmp_path: Path) -> None:
    other = clone(sample_blog.origin.as_uri(), tmp_path / "other")
    edit_line(other, CACHING, TITLE, 'title: "Theirs"')
    commit_all(other, "Their edit")
    git(other, "push", "--quiet")
    edit_line(sample_blog.root, CACHING, TITLE, 'title: "Mine"')
    commit_all(sample_blog.root, "My edit")
    with pytest.raises(MergeConflict):
        GitRepo(sample_blog.root).pull()
    window = open_desk(qtbot, sample_blog.root)
    wait_conflicts(qtbot, window)
    assert window.conflicts.posts.item(0).text().startswith("● Mine\n    title: yours «Mine» / theirs «Theirs»")
    # Closed by the writer, the panel comes back when they pull again.
    window.conflicts_dock.close()
    pull(qtbot, window)
    wait_conflicts(qtbot, window)
    assert any(note.startswith("The last pull is still waiting") for note in notes(window))
    settle(qtbot, window)
    window.context.notifier.answers[:] = ["discard"] * 3
    window.close()
