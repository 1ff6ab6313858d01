"""Opening a repository: git init for a plain folder, clear errors, the sample blog on first start."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from desktop_app.app import open_workspace
from desktop_app.core.paths import default_paths
from tests.helpers.git_repos import git, make_repo, write


@pytest.fixture
def notifier(qapp):  # noqa: ANN001, ANN201 - a non-interactive Notifier
    from desktop_app.ui.notify import Notifier
    return Notifier(interactive=False)


def errors(notifier) -> list[str]:
    return [message for kind, message in notifier.history if kind == "error"]


def open_window(qtbot, workspace, notifier):  # noqa: ANN001, ANN201 - a MainWindow
    from desktop_app.ui.context import UiContext
    from desktop_app.ui.window.mainwindow import MainWindow
    from desktop_app.ui.workers import TaskRunner

    window = MainWindow(UiContext(workspace, TaskRunner(), notifier))
    qtbot.addWidget(window)
    window.show()
    return window


def test_plain_folder_is_initialised_when_the_user_agrees(notifier, tmp_path: Path) -> None:
    folder = tmp_path / "notes"
    write(folder, "posts/hello.md", "---\ntitle: Hello\n---\n\nHi.\n")
    notifier.answers = [True]
    workspace = open_workspace(folder, default_paths(), notifier)
    assert workspace is not None
    assert workspace.root == folder.resolve()
    assert (folder / ".git").is_dir()
    assert git(folder, "rev-parse", "--is-inside-work-tree") == "true"
    assert workspace.repo.current_branch() == "main"
    assert [kind for kind, _m in notifier.history] == ["confirm"]
    assert "not a git repository" in notifier.history[0][1]
    assert not errors(notifier)
    # The posts are untouched and now show up as new files.
    assert workspace.git_states() == {"posts/hello.md": "new"}


def test_plain_folder_is_left_alone_when_the_user_declines(notifier, tmp_path: Path) -> None:
    folder = tmp_path / "notes"
    folder.mkdir()
    notifier.answers = [False]
    assert open_workspace(folder, default_paths(), notifier) is None
    assert not (folder / ".git").exists()
    assert errors(notifier) and "not a git repository" in errors(notifier)[0]


def test_missing_folder_says_it_does_not_exist(notifier, tmp_path: Path) -> None:
    missing = tmp_path / "gone"
    assert open_workspace(missing, default_paths(), notifier) is None
    assert not missing.exists()
    assert len(errors(notifier)) == 1 and "does not exist" in errors(notifier)[0]
    assert str(missing) in errors(notifier)[0]
    assert not any(kind == "confirm" for kind, _m in notifier.history)


def test_existing_repository_opens_without_questions(notifier, tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "blog")
    workspace = open_workspace(repo / "content", default_paths(), notifier)  # a folder inside it
    assert workspace is not None and workspace.root == repo.resolve()
    assert notifier.history == []


def test_first_start_installs_the_sample_blog_once(notifier) -> None:
    paths = default_paths()
    assert paths.data_dir.is_relative_to(Path(os.environ["POSTDESK_HOME"]))
    workspace = open_workspace(None, paths, notifier)
    assert workspace is not None and not errors(notifier)
    root = workspace.root
    assert root == paths.sample_blog_dir.resolve()
    assert len(list((root / "posts").glob("*.md"))) == 9
    assert git(root, "rev-list", "--count", "HEAD") == "1"
    assert git(root, "status", "--porcelain") == ""
    origin = Path(git(root, "remote", "get-url", "origin"))
    assert origin.resolve() == paths.sample_remote_dir.resolve()
    assert git(origin, "rev-parse", "main") == git(root, "rev-parse", "HEAD")
    assert git(root, "rev-parse", "--abbrev-ref", "main@{upstream}") == "origin/main"

    # The writer changes something; a second start opens the same blog and keeps the change.
    write(root, "posts/mine.md", "---\ntitle: Mine\n---\n\nMy own words.\n")
    again = open_workspace(None, paths, notifier)
    assert again is not None and again.root == root
    assert (root / "posts/mine.md").read_text(encoding="utf-8").endswith("My own words.\n")
    assert git(root, "rev-list", "--count", "HEAD") == "1"
    assert not errors(notifier)


def test_start_reopens_the_last_repository(qtbot, desk) -> None:
    from desktop_app.ui.notify import Notifier

    assert desk.close()
    notifier = Notifier(interactive=False)
    workspace = open_workspace(None, default_paths(), notifier)
    assert workspace is not None and workspace.root == desk.sample.root.resolve()
    assert not default_paths().sample_blog_dir.exists()  # nothing was installed
    assert notifier.history == []


def test_repository_without_posts_opens_and_says_so(qtbot, notifier, tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "empty", posts={"README.md": "# Notes\n\nNo posts yet.\n"})
    workspace = open_workspace(repo, default_paths(), notifier)
    assert workspace is not None
    window = open_window(qtbot, workspace, notifier)
    qtbot.waitUntil(lambda: bool(errors(notifier)), timeout=10000)
    assert "No Markdown posts" in errors(notifier)[0]
    assert window.isVisible()
    assert window.controller.document is None and window.editor_pane.text() == ""
    assert window.library.model.rowCount() == 0
    assert window.library.count_label.text() == "0 posts · 0 drafts"
    window.close()


def test_new_post_in_a_repository_without_posts(qtbot, notifier, tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "empty", posts={"README.md": "# Notes\n"})
    workspace = open_workspace(repo, default_paths(), notifier)
    window = open_window(qtbot, workspace, notifier)
    qtbot.waitUntil(lambda: bool(errors(notifier)), timeout=10000)
    window.library.create_requested.emit("First Words", "")
    qtbot.waitUntil(lambda: window.controller.document is not None, timeout=10000)
    path = window.controller.document.path
    assert (repo / path).is_file() and path.endswith("first-words.md")
    qtbot.waitUntil(lambda: window.library.model.rowCount() == 1, timeout=10000)
    assert window.library.count_label.text() == "1 post · 1 draft"  # a new post is a draft
    window.close()
