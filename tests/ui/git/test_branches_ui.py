"""The status bar's branch menu and pull's integration, in the real window on the sample blog:
switch, check out, create; refusals that keep the writer's text; the library follows."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction

from tests.helpers.git_repos import clone, commit_all, git, write
from tests.ui.git.test_changes_panel import CACHING, CQRS, edit_line, errors, notes, wait_idle, wait_note

DRAFT = "posts/only-on-drafts.md"


def menu_actions(desk) -> dict[str, QAction]:
    """The branch menu's entries as the writer would see them on opening it."""
    menu = desk.branch_menu
    menu.reload()
    refs = [r for r in git(desk.sample.root, "for-each-ref", "--format=%(refname)").splitlines() if not r.endswith("/HEAD")]
    current = git(desk.sample.root, "branch", "--show-current")
    # An earlier reload may still land: wait for one that matches the repository now.
    desk.qtbot.waitUntil(lambda: menu.branches is not None and menu.branches.current == current
                         and len(menu.branches.local) + len(menu.branches.remote) == len(refs), timeout=10000)
    menu.menu.aboutToShow.emit()
    return {action.text(): action for action in menu.menu.actions() if action.text()}


def drafts_branch(root) -> None:  # noqa: ANN001
    """A branch "drafts" with one more post and another author on the caching post."""
    git(root, "switch", "--quiet", "-c", "drafts")
    write(root, DRAFT, "---\ntitle: Only on drafts\ndate: 2030-01-01\n---\n\nDraft words.\n")
    edit_line(root, CACHING, "author: Ana Ruiz", "author: Draft Author")
    commit_all(root, "Drafts")
    git(root, "switch", "--quiet", "main")


def wait_branch(qtbot, desk, name: str) -> None:
    qtbot.waitUntil(lambda: desk.status.branch.text() == f"⎇ {name} ▾", timeout=10000)


def open_caching(qtbot, desk) -> None:
    desk.controller.open_post(CACHING)
    assert desk.controller.document.path == CACHING


def test_switching_rescans_the_library_and_reloads_the_open_post(qtbot, desk) -> None:
    desk.qtbot = qtbot
    root = desk.sample.root
    drafts_branch(root)
    open_caching(qtbot, desk)
    wait_branch(qtbot, desk, "main")
    actions = menu_actions(desk)
    assert actions["main"].isChecked() and not actions["main"].isEnabled()
    assert "New branch…" in actions
    actions["drafts"].trigger()
    wait_note(qtbot, desk, "Switched to drafts")
    assert git(root, "branch", "--show-current") == "drafts"
    wait_branch(qtbot, desk, "drafts")
    qtbot.waitUntil(lambda: desk.library.post(DRAFT) is not None, timeout=10000)  # rescanned
    qtbot.waitUntil(lambda: "author: Draft Author" in desk.editor_pane.editor.text(), timeout=10000)
    assert not desk.controller.is_modified()
    qtbot.waitUntil(lambda: desk.library.sync_label.text() == "drafts · not pushed yet", timeout=10000)

    menu_actions(desk)["main"].trigger()
    wait_note(qtbot, desk, "Switched to main")
    qtbot.waitUntil(lambda: desk.library.post(DRAFT) is None, timeout=10000)
    qtbot.waitUntil(lambda: "author: Ana Ruiz" in desk.editor_pane.editor.text(), timeout=10000)


def test_the_open_post_missing_on_the_other_branch_gives_way_to_the_newest(qtbot, desk) -> None:
    desk.qtbot = qtbot
    root = desk.sample.root
    drafts_branch(root)
    git(root, "switch", "--quiet", "drafts")
    desk.refresh()
    qtbot.waitUntil(lambda: desk.library.post(DRAFT) is not None, timeout=10000)
    desk.controller.open_post(DRAFT)
    menu_actions(desk)["main"].trigger()
    wait_note(qtbot, desk, "Switched to main")
    qtbot.waitUntil(lambda: desk.controller.document.path != DRAFT, timeout=10000)
    assert desk.controller.document.path == desk.library.model.all_posts[0].path
    assert any(note == f"{DRAFT} is not on this branch." for note in notes(desk))


def test_unsaved_text_is_asked_about_and_cancel_stays(qtbot, desk) -> None:
    desk.qtbot = qtbot
    root = desk.sample.root
    drafts_branch(root)
    open_caching(qtbot, desk)
    editor = desk.editor_pane.editor
    editor.replace_text(editor.text().replace("Nobody puts", "My unsaved words: nobody puts", 1))
    desk.context.notifier.answers = ["cancel"]
    menu_actions(desk)["drafts"].trigger()
    assert desk.context.notifier.history[-1] == ("unsaved", "Caching: The Unsung Hero of Fast, Scalable Systems")
    qtbot.wait(200)
    assert git(root, "branch", "--show-current") == "main"
    assert "My unsaved words" in editor.text() and desk.controller.is_modified()


def test_saving_first_then_git_refuses_to_overwrite_and_says_why(qtbot, desk) -> None:
    desk.qtbot = qtbot
    root = desk.sample.root
    drafts_branch(root)
    open_caching(qtbot, desk)
    editor = desk.editor_pane.editor
    editor.replace_text(editor.text().replace("author: Ana Ruiz", "author: My Unsaved Name", 1))
    desk.context.notifier.answers = ["save"]
    menu_actions(desk)["drafts"].trigger()
    qtbot.waitUntil(lambda: bool(errors(desk)), timeout=10000)
    assert errors(desk)[-1].startswith(
        f"Switching to “drafts” would overwrite your uncommitted changes to {CACHING}, so nothing was switched.")
    assert git(root, "branch", "--show-current") == "main"
    assert "author: My Unsaved Name" in (root / CACHING).read_text()  # saved, and still there
    assert "author: My Unsaved Name" in editor.text() and not desk.controller.is_modified()
    assert desk.status.branch.isEnabled()


def test_create_a_branch_with_a_checked_name(qtbot, desk) -> None:
    desk.qtbot = qtbot
    root = desk.sample.root
    menu = desk.branch_menu
    names = iter(["two words", "ideas/spring"])
    menu.name_provider = lambda: next(names)
    menu_actions(desk)["New branch…"].trigger()
    qtbot.waitUntil(lambda: bool(errors(desk)), timeout=10000)
    assert errors(desk)[-1].startswith("“two words” cannot be a branch name.")
    assert git(root, "branch", "--format=%(refname:short)") == "main"
    wait_idle_menu(qtbot, desk)
    menu_actions(desk)["New branch…"].trigger()
    wait_note(qtbot, desk, "Created and switched to ideas/spring")
    assert git(root, "branch", "--show-current") == "ideas/spring"
    wait_branch(qtbot, desk, "ideas/spring")


def wait_idle_menu(qtbot, desk) -> None:
    qtbot.waitUntil(lambda: not desk.branch_menu.switching and desk.status.branch.isEnabled(), timeout=10000)


def test_check_out_a_branch_another_writer_pushed(qtbot, desk, tmp_path) -> None:
    desk.qtbot = qtbot
    root, origin = desk.sample.root, desk.sample.origin
    other = clone(origin.resolve().as_uri(), tmp_path / "other")
    git(other, "switch", "--quiet", "-c", "review")
    edit_line(other, CQRS, "author: Marcus Chen", "author: Reviewer")
    commit_all(other, "For review")
    git(other, "push", "--quiet", "origin", "review")
    qtbot.mouseClick(desk.library.fetch_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: git(root, "branch", "-r").count("origin/review") == 1, timeout=10000)
    actions = menu_actions(desk)
    assert "origin/main" not in actions  # main is already here
    actions["origin/review"].trigger()
    wait_note(qtbot, desk, "Checked out review")
    assert git(root, "rev-parse", "--abbrev-ref", "review@{upstream}") == "origin/review"
    assert "author: Reviewer" in (root / CQRS).read_text()
    qtbot.waitUntil(lambda: desk.library.sync_label.text() == "review · up to date with origin/review", timeout=10000)


# --- pull: rebase by default, merge when the repository says so -----------------------------------


def diverge(qtbot, desk, tmp_path) -> None:  # noqa: ANN001
    """Another writer pushes a change to one post; we commit a change to another."""
    root, origin = desk.sample.root, desk.sample.origin
    other = clone(origin.resolve().as_uri(), tmp_path / "other")
    edit_line(other, CQRS, "author: Marcus Chen", "author: Grace Hopper")
    commit_all(other, "Theirs")
    git(other, "push", "--quiet", "origin", "main")
    edit_line(root, CACHING, "author: Ana Ruiz", "author: Ada Lovelace")
    commit_all(root, "Mine")


def test_pull_rebases_by_default(qtbot, desk, tmp_path) -> None:
    diverge(qtbot, desk, tmp_path)
    root = desk.sample.root
    qtbot.mouseClick(desk.changes.pull_button, Qt.MouseButton.LeftButton)
    wait_note(qtbot, desk, "Pulled 1 new commit")
    wait_idle(qtbot, desk.changes)
    assert git(root, "log", "--format=%s", "-3").splitlines() == ["Mine", "Theirs", "Start the sample blog"]
    assert git(root, "rev-list", "--merges", "--count", "HEAD") == "0"
    qtbot.waitUntil(lambda: desk.library.sync_label.text() == "main · ↑1 to push", timeout=10000)


def test_pull_merges_when_the_repository_is_configured_so(qtbot, desk, tmp_path) -> None:
    diverge(qtbot, desk, tmp_path)
    root = desk.sample.root
    git(root, "config", "pull.rebase", "false")
    qtbot.mouseClick(desk.changes.pull_button, Qt.MouseButton.LeftButton)
    wait_note(qtbot, desk, "Pulled 1 new commit")
    wait_idle(qtbot, desk.changes)
    assert git(root, "rev-list", "--merges", "--count", "HEAD") == "1"
    assert git(root, "log", "-1", "--format=%p").count(" ") == 1  # two parents
    assert "Grace Hopper" in (root / CQRS).read_text() and "Ada Lovelace" in (root / CACHING).read_text()
    qtbot.waitUntil(lambda: desk.library.sync_label.text() == "main · ↑2 to push", timeout=10000)


def test_pull_follows_the_branch_s_own_rebase_setting(qtbot, desk, tmp_path) -> None:
    diverge(qtbot, desk, tmp_path)
    root = desk.sample.root
    git(root, "config", "pull.rebase", "false")
    git(root, "config", "branch.main.rebase", "true")  # the branch's setting wins, as in git
    qtbot.mouseClick(desk.changes.pull_button, Qt.MouseButton.LeftButton)
    wait_note(qtbot, desk, "Pulled 1 new commit")
    wait_idle(qtbot, desk.changes)
    assert git(root, "rev-list", "--merges", "--count", "HEAD") == "0"
    assert git(root, "log", "--format=%s", "-2").splitlines() == ["Mine", "Theirs"]
