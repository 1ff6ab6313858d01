"""Repositories in odd states, opened in the real window: one without commits, a detached HEAD, an
index another git program has locked, and a last repository that is gone. Each says what is going
on, and writing keeps working."""

from __future__ import annotations

import subprocess
from pathlib import Path

from desktop_app.core.paths import default_paths
from desktop_app.core.settings import WindowState, save_state
from desktop_app.core.workspace import default_repository, missing_last_repository
from tests.helpers.desk import errors, wait_note
from tests.ui.git.test_changes_panel import commit_through_panel, open_desk

POST = "posts/first.md"


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, text=True).stdout


def blog(root: Path, commit: bool = True) -> Path:
    (root / "posts").mkdir(parents=True)
    (root / POST).write_text("---\ntitle: First post\ndate: 2026-02-01\n---\n\nHello.\n", encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    if commit:
        git(root, "add", "-A")
        git(root, "commit", "-q", "-m", "Start")
    return root


def test_a_repository_without_commits_lists_new_posts_and_makes_the_first_commit(qtbot, tmp_path: Path) -> None:
    root = blog(tmp_path / "blog", commit=False)
    window = open_desk(qtbot, root)
    qtbot.waitUntil(lambda: window.library.post(POST) is not None
                    and window.library.post(POST).git_state == "new", timeout=10000)
    qtbot.waitUntil(lambda: window.library.sync_label.text() == "main · no commits yet", timeout=10000)
    qtbot.waitUntil(lambda: window.changes.files.count() == 1, timeout=10000)
    window.controller.editor.replace_text(window.editor_pane.text() + "More.\n")
    window.context.notifier.answers = ["save"]
    commit_through_panel(qtbot, window, "First commit")
    assert git(root, "log", "--format=%s").strip() == "First commit"
    assert git(root, "show", f"HEAD:{POST}").endswith("Hello.\nMore.\n")
    assert errors(window) == []
    window.close()


def test_a_detached_head_is_shown_and_push_says_why_it_cannot(qtbot, tmp_path: Path) -> None:
    root = blog(tmp_path / "blog")
    git(root, "checkout", "-q", "--detach")
    window = open_desk(qtbot, root)
    qtbot.waitUntil(lambda: "detached" in window.status.branch.text().lower(), timeout=10000)
    window.controller.editor.replace_text(window.editor_pane.text() + "Edited on a detached HEAD.\n")
    assert window.controller.save()
    assert (root / POST).read_text(encoding="utf-8").endswith("Edited on a detached HEAD.\n")
    window.changes.push()
    qtbot.waitUntil(lambda: any("detached HEAD" in message for message in errors(window)), timeout=10000)
    window.close()


def test_an_index_locked_by_another_git_program_is_explained_and_then_works(qtbot, tmp_path: Path) -> None:
    root = blog(tmp_path / "blog")
    window = open_desk(qtbot, root)
    window.controller.editor.replace_text(window.editor_pane.text() + "Locked out.\n")
    assert window.controller.save()
    lock = root / ".git" / "index.lock"
    lock.write_text("")
    window.changes.refresh()
    qtbot.waitUntil(lambda: window.changes.files.count() == 1, timeout=10000)  # reading still works
    window.changes.message.setPlainText("Try while locked")
    window.changes.commit()
    qtbot.waitUntil(lambda: any("index.lock" in message for message in errors(window)), timeout=10000)
    said = next(message for message in errors(window) if "index.lock" in message)
    assert said.startswith("Another git program is working in this repository")
    assert git(root, "log", "--format=%s").strip() == "Start"  # nothing half-done
    lock.unlink()
    window.changes.commit()
    wait_note(qtbot, window, "Committed")
    assert git(root, "log", "-1", "--format=%s").strip() == "Try while locked"
    window.close()


def test_a_last_repository_that_is_gone_is_said_and_the_sample_opens(tmp_path: Path) -> None:
    paths = default_paths()
    gone = tmp_path / "unplugged-disk" / "blog"
    save_state(paths, WindowState(last_repository=str(gone)))
    error = missing_last_repository(paths)
    assert error is not None and error.message == f"The repository you used last, {gone}, is no longer there."
    assert "sample blog" in error.hint
    assert default_repository(paths) == paths.sample_blog_dir
    save_state(paths, WindowState(last_repository=str(paths.sample_blog_dir)))
    assert missing_last_repository(paths) is None
