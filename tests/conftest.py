"""Shared test set-up: offscreen Qt, isolated user folders, the `gui` marker."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# QtWebEngine refuses to start its sandbox as root; the flags also keep Chromium quiet offline.
os.environ.setdefault(
    "QTWEBENGINE_CHROMIUM_FLAGS",
    "--no-sandbox --disable-gpu --disable-background-networking --disable-component-update",
)
os.environ.setdefault("QT_LOGGING_RULES", "qt.webenginecontext.debug=false")

pytest_plugins = ["tests.helpers.git_repos", "tests.helpers.desk", "tests.helpers.git_servers", "tests.helpers.xvfb"]

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED = REPO_ROOT.parent / "shared"


@pytest.fixture(autouse=True)
def isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own config/data/cache folders and its own git identity."""
    home = tmp_path_factory.mktemp("postdesk-home")
    monkeypatch.setenv("POSTDESK_HOME", str(home))
    # Enchant's personal word lists (<lang>.dic, made when a dictionary opens): read at each
    # opening, unlike GLib's home folder, which a process fixes once.
    monkeypatch.setenv("ENCHANT_CONFIG_DIR", str(home / "enchant"))
    git_home = tmp_path_factory.mktemp("git-home")
    monkeypatch.setenv("HOME", str(git_home))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_AUTHOR_NAME", "Test Writer")
    monkeypatch.setenv("GIT_AUTHOR_EMAIL", "writer@example.test")
    monkeypatch.setenv("GIT_COMMITTER_NAME", "Test Writer")
    monkeypatch.setenv("GIT_COMMITTER_EMAIL", "writer@example.test")
    return home


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        fixtures = getattr(item, "fixturenames", ())
        if "qtbot" in fixtures or "qapp" in fixtures:
            item.add_marker(pytest.mark.gui)
