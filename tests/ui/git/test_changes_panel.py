"""The changes panel against real repositories: list, diff, commit, push, pull, identity, cancel.

Everything is checked with the git command line on the work tree and on the bare origin.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from desktop_app.core.paths import default_paths
from desktop_app.core.workspace import Workspace
from desktop_app.ui.git.changes_panel import PathRole
from desktop_app.ui.git.identity_dialog import IdentityDialog
from tests.helpers.desk import errors, notes, wait_note
from tests.helpers.git_repos import clone, commit_all, git, large_commit, write

CACHING = "posts/caching-unsung-hero.md"
CACHING_TITLE = "Caching: The Unsung Hero of Fast, Scalable Systems"
CQRS = "posts/cqrs-read-write-separation.md"
AUTH = "posts/authentication-backbone.md"
CQRS_TITLE = "CQRS: The Pattern That Separates How You Read and Write Data"


def open_desk(qtbot, root: Path):  # noqa: ANN201 - a MainWindow
    """The main window on `root`, like the `desk` fixture, for repositories prepared by the test."""
    from desktop_app.ui.context import UiContext
    from desktop_app.ui.notify import Notifier
    from desktop_app.ui.window.mainwindow import MainWindow
    from desktop_app.ui.workers import TaskRunner

    window = MainWindow(UiContext(Workspace.open(root, default_paths()), TaskRunner(), Notifier(interactive=False)))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.controller.document is not None, timeout=10000)
    return window


def edit_line(root: Path, relative: str, old: str, new: str) -> None:
    path = root / relative
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def porcelain(root: Path) -> str:
    """`git status --porcelain` exactly as printed (the `git` helper strips its output)."""
    return subprocess.run(["git", "status", "--porcelain"], cwd=root, capture_output=True, text=True,
                          check=True).stdout


def listed(panel) -> dict[str, str]:
    return {panel.files.item(row).data(PathRole): panel.files.item(row).text()
            for row in range(panel.files.count())}


def refresh_until(qtbot, desk, count: int) -> None:
    desk.changes.refresh()
    qtbot.waitUntil(lambda: desk.changes.files.count() == count and not desk.changes.busy, timeout=10000)


def wait_idle(qtbot, panel) -> None:
    qtbot.waitUntil(lambda: not panel.busy and panel.push_button.isEnabled(), timeout=15000)


def commit_through_panel(qtbot, desk, message: str) -> None:
    panel = desk.changes
    panel.message.setPlainText(message)
    qtbot.mouseClick(panel.commit_button, Qt.MouseButton.LeftButton)
    wait_note(qtbot, desk, "Committed")
    wait_idle(qtbot, panel)


# --- listing and diff --------------------------------------------------------------------------


def test_changed_posts_are_listed_by_title(qtbot, desk) -> None:
    root = desk.sample.root
    assert desk.changes.files.count() == 0
    edit_line(root, CACHING, "author: Ana Ruiz", "author: Ada Lovelace")
    edit_line(root, CQRS, "author: Marcus Chen", "author: Grace Hopper")
    refresh_until(qtbot, desk, 2)
    rows = listed(desk.changes)
    assert set(rows) == {CACHING, CQRS}
    assert rows[CACHING] == f"{CACHING_TITLE}\nModified · {CACHING}"
    assert rows[CQRS].startswith(CQRS_TITLE)
    assert desk.changes.files_label.text() == "Changes (2)"
    assert desk.changes.commit_button.isEnabled()


def test_selecting_a_post_shows_its_diff(qtbot, desk) -> None:
    edit_line(desk.sample.root, CACHING, "author: Ana Ruiz", "author: Ada Lovelace")
    refresh_until(qtbot, desk, 1)
    panel = desk.changes
    panel.files.setCurrentRow(0)
    qtbot.waitUntil(lambda: "+author: Ada Lovelace" in panel.diff.toPlainText(), timeout=10000)
    lines = panel.diff.toPlainText().splitlines()
    assert "-author: Ana Ruiz" in lines and "+author: Ada Lovelace" in lines
    assert not any(line.startswith(("+title", "-title")) for line in lines)


def test_new_post_diff_shows_all_its_lines_as_added(qtbot, desk) -> None:
    write(desk.sample.root, "posts/fresh.md", "---\ntitle: Fresh\n---\n\nBrand new words.\n")
    refresh_until(qtbot, desk, 1)
    panel = desk.changes
    panel.files.setCurrentRow(0)
    qtbot.waitUntil(lambda: "+Brand new words." in panel.diff.toPlainText(), timeout=10000)
    assert "+title: Fresh" in panel.diff.toPlainText().splitlines()


# --- commit ----------------------------------------------------------------------------------


def test_commit_with_empty_message_shows_an_error_and_commits_nothing(qtbot, desk) -> None:
    root = desk.sample.root
    head = git(root, "rev-parse", "HEAD")
    edit_line(root, CACHING, "author: Ana Ruiz", "author: Ada Lovelace")
    refresh_until(qtbot, desk, 1)
    desk.changes.message.setPlainText("   \n  ")
    qtbot.mouseClick(desk.changes.commit_button, Qt.MouseButton.LeftButton)
    assert errors(desk) and "commit message" in errors(desk)[-1]
    assert git(root, "rev-parse", "HEAD") == head
    assert porcelain(root) == f" M {CACHING}\n"
    assert desk.changes.files.count() == 1


def staged_in_index(root: Path) -> list[str]:
    return git(root, "diff", "--cached", "--name-only").splitlines()


def test_only_the_ticked_post_goes_into_the_commit(qtbot, desk) -> None:
    """A tick stages the post in git's index; Commit commits exactly what is staged."""
    root = desk.sample.root
    edit_line(root, CACHING, "author: Ana Ruiz", "author: Ada Lovelace")
    edit_line(root, CQRS, "author: Marcus Chen", "author: Grace Hopper")
    refresh_until(qtbot, desk, 2)
    panel = desk.changes
    assert panel.checked_paths() == []  # nothing is staged until the writer ticks it
    assert panel.commit_button.text() == "Stage all and commit"
    for row in range(panel.files.count()):
        item = panel.files.item(row)
        if item.data(PathRole) == CACHING:
            item.setCheckState(Qt.CheckState.Checked)
    qtbot.waitUntil(lambda: staged_in_index(root) == [CACHING], timeout=10000)
    qtbot.waitUntil(lambda: panel.checked_paths() == [CACHING] and panel.commit_button.text() == "Commit",
                    timeout=10000)
    assert panel.files_label.text() == "Changes (2) · 1 staged"
    commit_through_panel(qtbot, desk, "Credit Ada for the caching post")

    assert git(root, "log", "-1", "--format=%s") == "Credit Ada for the caching post"
    assert git(root, "show", "--name-only", "--format=", "HEAD").splitlines() == [CACHING]
    assert porcelain(root) == f" M {CQRS}\n"
    assert panel.message.toPlainText() == ""
    qtbot.waitUntil(lambda: set(listed(panel)) == {CQRS}, timeout=10000)


def test_unticking_unstages_and_commit_then_offers_to_stage_all(qtbot, desk) -> None:
    root = desk.sample.root
    edit_line(root, CACHING, "author: Ana Ruiz", "author: Ada Lovelace")
    git(root, "add", CACHING)  # staged on the command line: the panel shows the tick
    refresh_until(qtbot, desk, 1)
    panel = desk.changes
    assert panel.files.item(0).checkState() == Qt.CheckState.Checked
    panel.files.item(0).setCheckState(Qt.CheckState.Unchecked)
    qtbot.waitUntil(lambda: staged_in_index(root) == [], timeout=10000)
    qtbot.waitUntil(lambda: panel.commit_button.text() == "Stage all and commit", timeout=10000)
    assert porcelain(root) == f" M {CACHING}\n"
    commit_through_panel(qtbot, desk, "Everything")
    assert git(root, "show", "--name-only", "--format=", "HEAD").splitlines() == [CACHING]
    assert porcelain(root) == ""


def test_deleted_and_renamed_posts_can_be_committed(qtbot, desk) -> None:
    root = desk.sample.root
    desk.context.notifier.answers = [True]
    desk.library.ask_delete(CQRS)
    desk.library.rename_requested.emit(CACHING, "caching-explained")
    refresh_until(qtbot, desk, 3)
    rows = listed(desk.changes)
    assert set(rows) == {CQRS, CACHING, "posts/caching-explained.md"}
    assert "Deleted" in rows[CQRS] and "New" in rows["posts/caching-explained.md"]
    commit_through_panel(qtbot, desk, "Tidy the posts")
    assert porcelain(root) == ""
    changes = git(root, "show", "-M", "--name-status", "--format=", "HEAD").splitlines()
    assert f"D\t{CQRS}" in changes
    assert any(line.startswith("R") and line.endswith(f"{CACHING}\tposts/caching-explained.md") for line in changes)
    qtbot.waitUntil(lambda: desk.changes.files.count() == 0, timeout=10000)
    assert desk.changes.files_label.text() == "No changes"


def test_commit_clears_the_library_git_badges(qtbot, desk) -> None:
    edit_line(desk.sample.root, CACHING, "author: Ana Ruiz", "author: Ada Lovelace")
    desk.refresh()
    qtbot.waitUntil(lambda: desk.library.post(CACHING).git_state == "modified", timeout=10000)
    refresh_until(qtbot, desk, 1)
    commit_through_panel(qtbot, desk, "Credit Ada")
    qtbot.waitUntil(lambda: desk.library.post(CACHING).git_state == "", timeout=10000)


IDENTITY = ("GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL", "EMAIL")


def forget_identity(root: Path, monkeypatch) -> None:  # noqa: ANN001
    for var in IDENTITY:
        monkeypatch.delenv(var, raising=False)
    git(root, "config", "user.useConfigOnly", "true")
    assert not (Path.home() / ".gitconfig").exists()
    assert git(root, "config", "--get", "user.name", check=False) == ""


def identity_form(qtbot, desk) -> IdentityDialog:  # noqa: ANN001
    """The real form, once git has refused; the window stays usable underneath (no nested loop)."""
    qtbot.waitUntil(lambda: desk.changes.identity_dialog is not None and desk.changes.identity_dialog.isVisible(),
                    timeout=15000)
    dialog = desk.changes.identity_dialog
    assert dialog.isModal() and dialog.parent() is desk
    return dialog


def fill_identity(qtbot, dialog: IdentityDialog, name: str, email: str) -> None:
    assert not dialog.save_button.isEnabled()  # nothing typed yet
    qtbot.keyClicks(dialog.name, name)
    assert not dialog.save_button.isEnabled()  # a name alone is not enough
    qtbot.keyClicks(dialog.email, email.split("@")[0])
    assert not dialog.save_button.isEnabled()  # "ada" is no email address
    qtbot.keyClicks(dialog.email, "@" + email.split("@")[1])
    assert dialog.save_button.isEnabled()


def commit_without_identity(qtbot, desk, monkeypatch):  # noqa: ANN201 - the identity dialog
    """Git knows no name or email; a changed post is committed from the panel: the form comes."""
    forget_identity(desk.sample.root, monkeypatch)
    edit_line(desk.sample.root, CACHING, "author: Ana Ruiz", "author: Ada Lovelace")
    refresh_until(qtbot, desk, 1)
    desk.changes.message.setPlainText("Credit Ada")
    qtbot.mouseClick(desk.changes.commit_button, Qt.MouseButton.LeftButton)
    return identity_form(qtbot, desk)


def test_commit_without_identity_asks_for_one_then_commits(qtbot, desk, monkeypatch) -> None:
    root = desk.sample.root
    dialog = commit_without_identity(qtbot, desk, monkeypatch)
    assert dialog.windowTitle() == "Who is committing?"
    assert dialog.explanation.text() == "Git records a name and email with every commit."
    assert not dialog.everywhere.isChecked()
    fill_identity(qtbot, dialog, "Ada", "ada@example.com")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    wait_note(qtbot, desk, "Committed")  # the same commit, run again
    assert "Commits will be signed Ada <ada@example.com>." in notes(desk)
    assert git(root, "log", "-1", "--format=%an <%ae>|%s") == "Ada <ada@example.com>|Credit Ada"
    assert git(root, "config", "--local", "user.name") == "Ada"
    assert not (Path.home() / ".gitconfig").exists()  # "not everywhere": only this repository
    assert not errors(desk) and desk.changes.identity_dialog is None
    wait_idle(qtbot, desk.changes)


def test_identity_for_all_my_repositories_goes_to_the_global_config(qtbot, desk, monkeypatch) -> None:
    root = desk.sample.root
    dialog = commit_without_identity(qtbot, desk, monkeypatch)
    fill_identity(qtbot, dialog, "  Ada Lovelace ", "ada@example.com")
    qtbot.mouseClick(dialog.everywhere, Qt.MouseButton.LeftButton)
    qtbot.keyClick(dialog.email, Qt.Key.Key_Return)  # Enter saves, as the default button

    wait_note(qtbot, desk, "Committed")
    assert git(root, "config", "--global", "user.name") == "Ada Lovelace"  # trimmed
    assert git(root, "config", "--global", "user.email") == "ada@example.com"
    assert git(root, "config", "--local", "--get", "user.name", check=False) == ""
    assert git(root, "log", "-1", "--format=%an <%ae>") == "Ada Lovelace <ada@example.com>"
    wait_idle(qtbot, desk.changes)


def test_commit_without_identity_and_dialog_cancelled_commits_nothing(qtbot, desk, monkeypatch) -> None:
    root = desk.sample.root
    forget_identity(root, monkeypatch)
    head = git(root, "rev-parse", "HEAD")
    edit_line(root, CACHING, "author: Ana Ruiz", "author: Ada Lovelace")
    refresh_until(qtbot, desk, 1)
    desk.changes.message.setPlainText("Credit Ada")
    qtbot.mouseClick(desk.changes.commit_button, Qt.MouseButton.LeftButton)
    dialog = identity_form(qtbot, desk)
    qtbot.keyClicks(dialog.name, "Ada")
    dialog.reject()  # Cancel / Esc
    qtbot.waitUntil(lambda: desk.changes.identity_dialog is None, timeout=5000)
    wait_idle(qtbot, desk.changes)
    assert git(root, "rev-parse", "HEAD") == head
    assert desk.changes.message.toPlainText() == "Credit Ada"  # kept for the next try
    assert porcelain(root) == f" M {CACHING}\n"
    assert git(root, "config", "--get", "user.name", check=False) == ""
    assert not errors(desk)


# --- push and pull -----------------------------------------------------------------------------


def test_push_without_remote_says_there_is_no_remote(qtbot, sample_blog) -> None:
    git(sample_blog.root, "remote", "remove", "origin")
    desk = open_desk(qtbot, sample_blog.root)
    panel = desk.changes
    qtbot.waitUntil(lambda: "no remote" in panel.sync_label.text(), timeout=10000)
    qtbot.mouseClick(panel.push_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(errors(desk)), timeout=10000)
    assert "no remote" in errors(desk)[-1]
    wait_idle(qtbot, panel)
    assert panel.progress.isHidden() and panel.cancel_button.isHidden()
    desk.close()


def commit_behind_another_writer(qtbot, desk, tmp_path: Path) -> tuple[Path, Path]:
    """Another clone pushes first; then we commit locally, so our push will be rejected."""
    root, origin = desk.sample.root, desk.sample.origin
    another_writer_pushes(origin, tmp_path)
    edit_line(root, CACHING, "author: Ana Ruiz", "author: Ada Lovelace")
    refresh_until(qtbot, desk, 1)
    commit_through_panel(qtbot, desk, "My change")
    return root, origin


def another_writer_pushes(origin: Path, tmp_path: Path) -> None:
    other = clone(origin.resolve().as_uri(), tmp_path / "other")
    edit_line(other, CQRS, "author: Marcus Chen", "author: Grace Hopper")
    commit_all(other, "Another writer's change")
    git(other, "push", "--quiet", "origin", "main")


def test_push_rejected_then_pull_and_push_again_succeeds(qtbot, desk, tmp_path) -> None:
    root, origin = commit_behind_another_writer(qtbot, desk, tmp_path)

    panel = desk.changes
    desk.context.notifier.answers = [True]  # "Pull the remote's changes now, then push again?"
    qtbot.mouseClick(panel.push_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(errors(desk)), timeout=15000)
    assert "rejected" in errors(desk)[-1]
    wait_note(qtbot, desk, "Pulled", timeout=5000)
    wait_idle(qtbot, panel)
    assert git(root, "log", "--format=%s", "-2").splitlines() == ["My change", "Another writer's change"]
    assert "Grace Hopper" in (root / CQRS).read_text(encoding="utf-8")

    wait_note(qtbot, desk, "Pushed")  # the panel pushes again by itself after the pull
    wait_idle(qtbot, panel)
    assert git(origin, "log", "--format=%s", "-3", "main").splitlines() == [
        "My change", "Another writer's change", "Start the sample blog"]
    assert len(errors(desk)) == 1


def test_pull_then_push_after_a_rejection_succeeds(qtbot, desk, tmp_path) -> None:
    """Pulling by hand, then pushing, works too."""
    root, origin = commit_behind_another_writer(qtbot, desk, tmp_path)
    panel = desk.changes
    desk.context.notifier.answers = [False]
    qtbot.mouseClick(panel.push_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(errors(desk)), timeout=15000)
    wait_idle(qtbot, panel)

    qtbot.mouseClick(panel.pull_button, Qt.MouseButton.LeftButton)
    wait_note(qtbot, desk, "Pulled 1 new commit")
    wait_idle(qtbot, panel)
    qtbot.mouseClick(panel.push_button, Qt.MouseButton.LeftButton)
    wait_note(qtbot, desk, "Pushed")
    wait_idle(qtbot, panel)
    assert git(origin, "log", "--format=%s", "-3", "main").splitlines() == [
        "My change", "Another writer's change", "Start the sample blog"]
    # The library was rescanned after the pull: the other writer's edit shows in the open window.
    assert "Grace Hopper" in (root / CQRS).read_text(encoding="utf-8")
    assert len(errors(desk)) == 1


def test_push_rejected_and_pull_declined_changes_nothing(qtbot, desk, tmp_path) -> None:
    root, origin = commit_behind_another_writer(qtbot, desk, tmp_path)
    mine = git(root, "rev-parse", "HEAD")

    desk.context.notifier.answers = [False]
    qtbot.mouseClick(desk.changes.push_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(errors(desk)), timeout=15000)
    wait_idle(qtbot, desk.changes)
    assert "rejected" in errors(desk)[-1]
    assert desk.context.notifier.history[-1] == ("confirm", "Pull the remote's changes now, then push again?")
    assert git(root, "rev-parse", "HEAD") == mine
    assert git(origin, "log", "-1", "--format=%s", "main") == "Another writer's change"
    assert not any(m.startswith("Pulled") for m in notes(desk))


@pytest.mark.parametrize("mode", ["rebase", "merge"])
def test_pull_without_identity_asks_for_one_then_pulls(qtbot, desk, tmp_path, monkeypatch, mode: str) -> None:
    """The audit's case: the pull used to stop half-way in a rebase, and Save then committed."""
    root, origin = commit_behind_another_writer(qtbot, desk, tmp_path)
    if mode == "merge":
        git(root, "config", "pull.rebase", "false")
    edit_line(root, AUTH, "author: Tomás Oliveira", "author: Tomás Oliveira and Ana Ruiz")  # not committed
    mine = git(root, "rev-parse", "HEAD")
    forget_identity(root, monkeypatch)
    qtbot.mouseClick(desk.changes.pull_button, Qt.MouseButton.LeftButton)

    dialog = identity_form(qtbot, desk)
    assert dialog.explanation.text().startswith("Pulling replays your commits onto the remote's")
    # While the form waits, the repository is as it was: on main, nothing half-done.
    assert git(root, "rev-parse", "HEAD") == mine and git(root, "symbolic-ref", "--short", "HEAD") == "main"
    assert not (root / ".git" / "rebase-merge").exists() and not (root / ".git" / "MERGE_HEAD").exists()
    assert porcelain(root) == f" M {AUTH}\n"
    fill_identity(qtbot, dialog, "Ada", "ada@example.com")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    wait_note(qtbot, desk, "Pulled 1 new commit")  # the pull again, not a commit
    wait_idle(qtbot, desk.changes)
    assert errors(desk) == [] and desk.conflicts_dock.isHidden()
    assert git(root, "log", "--format=%s", "-3").splitlines()[:2] == (
        ["My change", "Another writer's change"] if mode == "rebase"
        else ["Merge remote-tracking branch 'refs/remotes/origin/main'", "My change"])
    assert git(root, "log", "-1", "--format=%cn") == "Ada"
    assert porcelain(root) == f" M {AUTH}\n"  # the uncommitted edit is back
    qtbot.waitUntil(lambda: desk.changes.sync_label.text() == "main · ↑{} to push".format(1 if mode == "rebase" else 2),
                    timeout=10000)


def test_sync_label_reads_as_the_librarys(qtbot, desk) -> None:
    panel = desk.changes
    qtbot.waitUntil(lambda: panel.sync_label.text() == "main · up to date with origin/main", timeout=10000)
    edit_line(desk.sample.root, CACHING, "author: Ana Ruiz", "author: Ada Lovelace")
    refresh_until(qtbot, desk, 1)
    commit_through_panel(qtbot, desk, "My change")
    qtbot.waitUntil(lambda: panel.sync_label.text() == "main · ↑1 to push", timeout=10000)
    assert desk.library.sync_label.text() == panel.sync_label.text()
    qtbot.mouseClick(panel.push_button, Qt.MouseButton.LeftButton)
    wait_note(qtbot, desk, "Pushed")
    qtbot.waitUntil(lambda: panel.sync_label.text() == "main · up to date with origin/main", timeout=10000)


def test_cancel_stops_a_push(qtbot, desk) -> None:
    desk.modes.show_changes()  # the Changes dock, where Pull, Push and Cancel are
    root, origin = desk.sample.root, desk.sample.origin
    before = git(origin, "rev-parse", "main")
    large_commit(root, files=40)
    panel = desk.changes
    wait_idle(qtbot, panel)
    assert panel.cancel_button.isHidden()

    qtbot.mouseClick(panel.push_button, Qt.MouseButton.LeftButton)
    assert panel.busy
    assert panel.cancel_button.isVisible() and panel.cancel_button.isEnabled()
    assert panel.progress.isVisible()
    assert not panel.push_button.isEnabled() and not desk.actions.push.isEnabled()
    qtbot.mouseClick(panel.cancel_button, Qt.MouseButton.LeftButton)
    assert not panel.cancel_button.isEnabled()  # pressed once; the job is stopping

    wait_note(qtbot, desk, "Cancelled")
    wait_idle(qtbot, panel)
    assert panel.cancel_button.isHidden() and panel.progress.isHidden()
    assert desk.actions.push.isEnabled()
    assert not errors(desk)
    assert git(origin, "rev-parse", "main") == before

    # A later push goes through.
    qtbot.mouseClick(panel.push_button, Qt.MouseButton.LeftButton)
    wait_note(qtbot, desk, "Pushed")
    wait_idle(qtbot, panel)
    assert git(origin, "rev-parse", "main") == git(root, "rev-parse", "HEAD")


def test_cancel_button_is_shown_only_while_pushing(qtbot, desk) -> None:
    desk.modes.show_changes()  # the Changes dock, where Pull, Push and Cancel are
    panel = desk.changes
    edit_line(desk.sample.root, CACHING, "author: Ana Ruiz", "author: Ada Lovelace")
    refresh_until(qtbot, desk, 1)
    commit_through_panel(qtbot, desk, "My change")
    assert panel.cancel_button.isHidden()  # a commit is quick and cannot be cancelled half-way
    qtbot.mouseClick(panel.push_button, Qt.MouseButton.LeftButton)
    assert panel.cancel_button.isVisible() and panel.cancel_button.isEnabled()
    wait_note(qtbot, desk, "Pushed")
    wait_idle(qtbot, panel)
    assert panel.cancel_button.isHidden() and panel.progress.isHidden()
    assert git(desk.sample.origin, "log", "-1", "--format=%s", "main") == "My change"


def test_cancel_stops_a_pull_while_it_fetches(qtbot, desk, tmp_path) -> None:
    desk.modes.show_changes()  # the Changes dock, where Pull, Push and Cancel are
    root, origin = desk.sample.root, desk.sample.origin
    other = clone(origin.resolve().as_uri(), tmp_path / "other")
    theirs = large_commit(other, files=120, size=8 * 1024)  # enough objects for a progress bar
    git(other, "push", "--quiet", "origin", "main")
    head = git(root, "rev-parse", "HEAD")
    panel = desk.changes
    wait_idle(qtbot, panel)

    qtbot.mouseClick(panel.pull_button, Qt.MouseButton.LeftButton)
    assert panel.busy and panel.progress.isVisible()
    assert panel.cancel_button.isVisible() and panel.cancel_button.isEnabled()
    assert not panel.pull_button.isEnabled() and not panel.commit_button.isEnabled()
    qtbot.mouseClick(panel.cancel_button, Qt.MouseButton.LeftButton)

    wait_note(qtbot, desk, "Cancelled")
    wait_idle(qtbot, panel)
    assert not errors(desk) and not any(n.startswith("Pulled") for n in notes(desk))
    assert git(root, "rev-parse", "HEAD") == head and porcelain(root) == ""
    assert panel.cancel_button.isHidden() and panel.progress.isHidden()

    qtbot.mouseClick(panel.pull_button, Qt.MouseButton.LeftButton)  # a later pull gets it all
    wait_note(qtbot, desk, "Pulled 1 new commit")
    wait_idle(qtbot, panel)
    assert git(root, "rev-parse", "HEAD") == theirs
