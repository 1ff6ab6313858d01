"""The library's git badges and sync line, and staging posts with their images in the changes
panel: the real window on the sample blog, checked with the git command line."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from desktop_app.ui.git.change_list import HEADING, IMAGE, OTHER, POST, KindRole
from desktop_app.ui.git.changes_panel import PathRole
from desktop_app.ui.library.delegate import PostDelegate
from tests.helpers.git_repos import clone, commit_all, git, write
from tests.ui.git.test_changes_panel import (
    CACHING,
    CQRS,
    commit_through_panel,
    edit_line,
    notes,
    porcelain,
    wait_idle,
    wait_note,
)

AUTH = "posts/authentication-backbone.md"
COVER = "public/images/covers/caching-v2.svg"


def badges(desk, path: str) -> list[str]:
    """The badge words the library paints on `path`'s row."""
    model = desk.library.model
    return PostDelegate.badge_words(model.index(model.row_of(path)))


def wait_badges(qtbot, desk, expected: dict[str, list[str]]) -> None:
    desk.changes.refresh()
    qtbot.waitUntil(lambda: {path: badges(desk, path) for path in expected} == expected, timeout=10000)


def staged(root: Path) -> list[str]:
    return sorted(git(root, "diff", "--cached", "--name-only").splitlines())


def row(panel, path: str):  # noqa: ANN201 - a QListWidgetItem
    return next(item for item in panel.files.rows() if item.data(PathRole) == path)


def tick(qtbot, desk, path: str, on: bool = True) -> None:
    row(desk.changes, path).setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)


# --- badges ------------------------------------------------------------------------------------


def test_badges_show_new_modified_staged_and_partly_staged(qtbot, desk) -> None:
    root = desk.sample.root
    edit_line(root, CACHING, "author: Ana Ruiz", "author: Ada Lovelace")  # modified
    edit_line(root, CQRS, "author: Marcus Chen", "author: Grace Hopper")
    git(root, "add", CQRS)  # modified and staged
    edit_line(root, AUTH, "draft: false", "draft: true")
    git(root, "add", AUTH)
    edit_line(root, AUTH, "draft: true", "draft: false\n")  # staged, then changed again: partly
    write(root, "posts/fresh-idea.md", "---\ntitle: Fresh idea\ndate: 2026-03-01\n---\n\nWords.\n")  # new
    desk.refresh()
    qtbot.waitUntil(lambda: desk.library.post("posts/fresh-idea.md") is not None, timeout=10000)
    wait_badges(qtbot, desk, {
        CACHING: ["Modified"],
        CQRS: ["Modified", "Staged"],
        AUTH: ["Modified", "Partly staged"],
        "posts/fresh-idea.md": ["New"],
        "posts/real-time-event-streaming.md": [],
    })
    # The "Changed" filter follows the badges.
    desk.library.status_filter.setCurrentIndex(desk.library.status_filter.findData("changed"))
    assert {post.path for post in desk.library.model.visible_posts} == {CACHING, CQRS, AUTH, "posts/fresh-idea.md"}


def test_a_conflicted_post_shows_a_conflict_badge(qtbot, desk) -> None:
    root = desk.sample.root
    git(root, "switch", "--quiet", "-c", "theirs")
    edit_line(root, CACHING, "author: Ana Ruiz", "author: Them")
    commit_all(root, "Theirs")
    git(root, "switch", "--quiet", "main")
    edit_line(root, CACHING, "author: Ana Ruiz", "author: Me")
    commit_all(root, "Mine")
    git(root, "merge", "theirs", check=False)
    wait_badges(qtbot, desk, {CACHING: ["Conflict"]})
    caching = row(desk.changes, CACHING)
    assert not caching.flags() & Qt.ItemFlag.ItemIsUserCheckable  # staging it would mark it resolved
    assert "Conflict" in caching.text()


def test_sync_line_after_a_commit_a_push_and_another_writer_s_push(qtbot, desk, tmp_path) -> None:
    root, origin = desk.sample.root, desk.sample.origin
    sync = desk.library.sync_label
    qtbot.waitUntil(lambda: sync.text() == "main · up to date with origin/main", timeout=10000)
    assert desk.status.branch.text() == "⎇ main ▾"
    edit_line(root, CACHING, "author: Ana Ruiz", "author: Ada Lovelace")
    desk.changes.refresh()
    qtbot.waitUntil(lambda: desk.changes.files.count() == 1, timeout=10000)
    commit_through_panel(qtbot, desk, "My change")
    qtbot.waitUntil(lambda: sync.text() == "main · ↑1 to push", timeout=10000)

    other = clone(origin.resolve().as_uri(), tmp_path / "other")
    edit_line(other, CQRS, "author: Marcus Chen", "author: Grace Hopper")
    commit_all(other, "Another writer's change")
    git(other, "push", "--quiet", "origin", "main")
    desk.changes.refresh()
    qtbot.wait(300)
    assert sync.text() == "main · ↑1 to push"  # a refresh does not go to the network
    assert desk.library.fetch_button.isVisible()
    qtbot.mouseClick(desk.library.fetch_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: sync.text() == "main · ↑1 to push · ↓1 to pull", timeout=10000)
    assert git(root, "log", "-1", "--format=%s") == "My change"  # fetched only

    qtbot.mouseClick(desk.changes.pull_button, Qt.MouseButton.LeftButton)
    wait_note(qtbot, desk, "Pulled 1 new commit")
    qtbot.waitUntil(lambda: sync.text() == "main · ↑1 to push", timeout=10000)
    qtbot.mouseClick(desk.changes.push_button, Qt.MouseButton.LeftButton)
    wait_note(qtbot, desk, "Pushed")
    qtbot.waitUntil(lambda: sync.text() == "main · up to date with origin/main", timeout=10000)


# --- staging posts with their images --------------------------------------------------------------


def add_cover(root: Path) -> None:
    write(root, COVER, '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"/>')
    edit_line(root, CACHING, "cover: /images/covers/caching-unsung-hero.svg", "cover: /images/covers/caching-v2.svg")


def test_staging_a_post_stages_its_new_cover_and_unstaging_removes_both(qtbot, desk) -> None:
    root, panel = desk.sample.root, desk.changes
    add_cover(root)
    write(root, "notes/todo.txt", "ask Ana about the figures\n")
    panel.refresh()
    qtbot.waitUntil(lambda: panel.files.count() == 4, timeout=10000)
    kinds = [(item.data(KindRole), item.data(PathRole)) for item in (panel.files.item(r) for r in range(4))]
    assert kinds == [(POST, CACHING), (IMAGE, COVER), (HEADING, None), (OTHER, "notes/todo.txt")]
    assert panel.files.item(2).text() == "Other files (1)"
    assert row(panel, CACHING).text().startswith("Caching: The Unsung Hero")
    assert "New image" in row(panel, COVER).text()

    tick(qtbot, desk, CACHING)
    qtbot.waitUntil(lambda: staged(root) == [CACHING, COVER], timeout=10000)
    qtbot.waitUntil(lambda: row(panel, COVER).checkState() == Qt.CheckState.Checked, timeout=10000)
    assert row(panel, CACHING).checkState() == Qt.CheckState.Checked
    assert row(panel, "notes/todo.txt").checkState() == Qt.CheckState.Unchecked
    qtbot.waitUntil(lambda: badges(desk, CACHING) == ["Modified", "Staged"], timeout=10000)

    tick(qtbot, desk, CACHING, on=False)
    qtbot.waitUntil(lambda: staged(root) == [], timeout=10000)
    qtbot.waitUntil(lambda: row(panel, COVER).checkState() == Qt.CheckState.Unchecked, timeout=10000)
    assert (root / COVER).exists() and "caching-v2" in (root / CACHING).read_text()
    qtbot.waitUntil(lambda: badges(desk, CACHING) == ["Modified"], timeout=10000)


def test_a_post_with_only_its_image_staged_is_partly_staged(qtbot, desk) -> None:
    root, panel = desk.sample.root, desk.changes
    add_cover(root)
    panel.refresh()
    qtbot.waitUntil(lambda: panel.files.count() == 2, timeout=10000)
    tick(qtbot, desk, COVER)
    qtbot.waitUntil(lambda: staged(root) == [COVER], timeout=10000)
    qtbot.waitUntil(lambda: row(panel, CACHING).checkState() == Qt.CheckState.PartiallyChecked, timeout=10000)
    assert "partly staged" in row(panel, CACHING).text()
    qtbot.waitUntil(lambda: badges(desk, CACHING) == ["Modified", "Partly staged"], timeout=10000)
    # Ticking the dashed post stages the rest of it.
    tick(qtbot, desk, CACHING)
    qtbot.waitUntil(lambda: staged(root) == [CACHING, COVER], timeout=10000)


def test_commit_takes_the_post_and_its_image_and_leaves_other_files(qtbot, desk) -> None:
    root, panel = desk.sample.root, desk.changes
    add_cover(root)
    write(root, "notes/todo.txt", "ask Ana\n")
    panel.refresh()
    qtbot.waitUntil(lambda: panel.files.count() == 4, timeout=10000)
    tick(qtbot, desk, CACHING)
    qtbot.waitUntil(lambda: panel.commit_button.text() == "Commit" and panel.checked_paths() == [CACHING, COVER],
                    timeout=10000)
    commit_through_panel(qtbot, desk, "A new cover for the caching post")
    assert sorted(git(root, "show", "--name-only", "--format=", "HEAD").splitlines()) == [CACHING, COVER]
    assert porcelain(root) == "?? notes/\n"
    qtbot.waitUntil(lambda: [item.data(PathRole) for item in panel.files.rows()] == ["notes/todo.txt"], timeout=10000)


def test_stage_all_then_unstage_all(qtbot, desk) -> None:
    root, panel = desk.sample.root, desk.changes
    add_cover(root)
    edit_line(root, CQRS, "author: Marcus Chen", "author: Grace Hopper")
    write(root, "notes/todo.txt", "ask Ana\n")
    panel.refresh()
    qtbot.waitUntil(lambda: panel.stage_all_button.isEnabled() and panel.files.count() == 5, timeout=10000)
    assert panel.stage_all_button.text() == "Stage all"
    qtbot.mouseClick(panel.stage_all_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: staged(root) == ["notes/todo.txt", CACHING, CQRS, COVER], timeout=10000)
    qtbot.waitUntil(lambda: panel.stage_all_button.text() == "Unstage all", timeout=10000)
    assert panel.files_label.text() == "Changes (3) · 3 staged"
    qtbot.mouseClick(panel.stage_all_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: staged(root) == [], timeout=10000)


def test_saving_a_staged_post_when_committing_commits_the_saved_text(qtbot, desk) -> None:
    root, panel = desk.sample.root, desk.changes
    desk.controller.open_post(CACHING)
    edit_line(root, CACHING, "author: Ana Ruiz", "author: Ada Lovelace")
    desk.controller.check_disk()  # reloads the clean post quietly (on a worker)
    qtbot.waitUntil(lambda: "Ada Lovelace" in desk.editor_pane.text(), timeout=10000)
    panel.refresh()
    qtbot.waitUntil(lambda: panel.files.count() == 1, timeout=10000)
    tick(qtbot, desk, CACHING)
    qtbot.waitUntil(lambda: staged(root) == [CACHING], timeout=10000)
    qtbot.waitUntil(lambda: panel.checked_paths() == [CACHING], timeout=10000)
    editor = desk.editor_pane.editor
    editor.replace_text(editor.text().replace("Nobody puts", "Hardly anyone puts", 1))
    desk.context.notifier.answers = ["save"]  # "Save them before continuing?"
    commit_through_panel(qtbot, desk, "Credit Ada")
    committed = git(root, "show", f"HEAD:{CACHING}")
    assert "Ada Lovelace" in committed and "Hardly anyone puts" in committed
    assert porcelain(root) == ""


def test_unreachable_remote_keeps_the_commits_here(qtbot, desk) -> None:
    root = desk.sample.root
    git(root, "remote", "set-url", "origin", "http://127.0.0.1:9/blog.git")  # nothing listens on port 9
    edit_line(root, CACHING, "author: Ana Ruiz", "author: Ada Lovelace")
    desk.changes.refresh()
    qtbot.waitUntil(lambda: desk.changes.files.count() == 1, timeout=10000)
    commit_through_panel(qtbot, desk, "Offline change")
    qtbot.mouseClick(desk.changes.push_button, Qt.MouseButton.LeftButton)
    errors = lambda: [m for kind, m in desk.context.notifier.history if kind == "error"]  # noqa: E731
    qtbot.waitUntil(lambda: bool(errors()), timeout=20000)
    assert "could not be reached" in errors()[-1] and "push again" in errors()[-1]
    wait_idle(qtbot, desk.changes)
    assert git(root, "log", "-1", "--format=%s") == "Offline change"
    qtbot.waitUntil(lambda: desk.library.sync_label.text() == "main · ↑1 to push", timeout=10000)
    assert not any(m.startswith("Pushed") for m in notes(desk))
