"""The window opened on the fixture sites of tests/fixtures/sites, each copied and committed as
its owners or its CMS left it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from desktop_app.core.paths import default_paths
from desktop_app.core.workspace import Workspace
from tests.helpers import budget
from tests.helpers.git_repos import commit_all, git

SITES = Path(__file__).resolve().parents[2] / "fixtures" / "sites"


@pytest.fixture
def open_site(qtbot, tmp_path: Path):  # noqa: ANN201 - returns an opener
    """`open_site(name)`: the main window on a git copy of fixture site `name`, with its first post
    open; dialogs are answered by the test (`window.notifier`), and the window closes at the end."""
    from desktop_app.ui.context import UiContext
    from desktop_app.ui.notify import Notifier
    from desktop_app.ui.window.mainwindow import MainWindow
    from desktop_app.ui.workers import TaskRunner

    windows = []

    def opener(name: str):  # noqa: ANN202 - a MainWindow
        root = tmp_path / name
        shutil.copytree(SITES / name, root)
        git(root, "init", "--quiet", "--initial-branch=main")
        commit_all(root, "The site as its owners left it")
        notifier = Notifier(interactive=False)
        window = MainWindow(UiContext(Workspace.open(root, default_paths()), TaskRunner(), notifier))
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(lambda: window.controller.document is not None, timeout=budget.ms(10_000))
        window.root, window.notifier = root, notifier
        windows.append(window)
        return window

    yield opener
    for window in windows:
        window.notifier.answers[:] = ["discard"] * 3
        window.close()
