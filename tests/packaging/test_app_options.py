"""`postdesk --version`, `--self-test` (from source, as a real process, offscreen), and a post
opened by its file, as a file manager opens a .md file through the desktop entry."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any


from desktop_app import __version__
from tests.conftest import REPO_ROOT


def postdesk(*args: str, env: dict[str, str] | None = None, timeout: float = 180) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "desktop_app", *args], capture_output=True, text=True,
                          cwd=REPO_ROOT, env=env, timeout=timeout, check=False)


def test_version_names_the_release_that_pyproject_builds() -> None:
    result = postdesk("--version")
    assert result.returncode == 0
    assert result.stdout == f"postdesk {__version__}\n"
    meta = subprocess.run([sys.executable, "-c", "import importlib.metadata as m; print(m.version('postdesk'))"],
                          capture_output=True, text=True, check=True).stdout.strip()
    assert meta == __version__  # pyproject reads its version from desktop_app.__version__


def headless_env(home: Path) -> dict[str, str]:
    """No display, no Qt settings from the test run: the app must choose offscreen by itself."""
    env = {key: value for key, value in os.environ.items()
           if key not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "QTWEBENGINE_CHROMIUM_FLAGS")}
    (home / "tmp").mkdir(parents=True)
    env.update(HOME=str(home), XDG_CONFIG_HOME=str(home / "config"), XDG_DATA_HOME=str(home / "data"),
               XDG_CACHE_HOME=str(home / "cache"), POSTDESK_HOME=str(home / "postdesk"), TMPDIR=str(home / "tmp"))
    return env


def test_self_test_opens_the_sample_blog_and_waits_for_the_preview(tmp_path: Path) -> None:
    home = tmp_path / "home"
    result = postdesk("--self-test", env=headless_env(home))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("postdesk self-test passed: the preview shows \"")
    assert "from the sample blog" in result.stdout and "preview " in result.stdout
    # Its temporary home was inside TMPDIR and is gone; nothing else was written.
    assert [path for path in home.rglob("*") if path != home / "tmp"] == []


def test_self_test_fails_with_the_reason_when_the_preview_is_late(tmp_path: Path) -> None:
    result = postdesk("--self-test", "--timeout", "0.05", env=headless_env(tmp_path / "home"))
    assert result.returncode == 1
    assert "postdesk self-test FAILED: timed out after 0.05 s waiting for the first post to open" in result.stderr


def test_self_test_fails_when_the_sample_blog_cannot_be_installed(tmp_path: Path) -> None:
    env = headless_env(tmp_path / "home")
    env["PATH"] = str(tmp_path / "no-git-here")  # git is missing
    result = postdesk("--self-test", env=env)
    assert result.returncode == 1
    assert "postdesk self-test FAILED: could not open the sample blog" in result.stderr


def test_a_post_file_opens_its_repository_at_that_post(qtbot: Any, sample_blog: Any) -> None:
    from desktop_app.app import open_post_next
    from desktop_app.core.paths import default_paths
    from desktop_app.core.workspace import Workspace
    from desktop_app.ui.context import UiContext
    from desktop_app.ui.notify import Notifier
    from desktop_app.ui.window.mainwindow import MainWindow
    from desktop_app.ui.workers import TaskRunner

    post = sample_blog.root / "posts" / "caching-unsung-hero.md"  # not the newest post
    workspace = Workspace.open(post, default_paths())
    assert workspace.root == sample_blog.root
    open_post_next(workspace, post)
    window = MainWindow(UiContext(workspace, TaskRunner(), Notifier(interactive=False)))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.controller.document is not None, timeout=10000)
    assert window.controller.document.path == "posts/caching-unsung-hero.md"
    window.close()
