"""Where Postdesk keeps its settings, data (the sample blog, recovery) and caches.

Every path the app writes outside a content repository comes from an `AppPaths`; tests redirect
all of them at once with the `POSTDESK_HOME` environment variable or by building one directly.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

APP_DIR_NAME = "postdesk"


@dataclass(frozen=True)
class AppPaths:
    """The three per-user folders; created on first use, not at import."""

    config_dir: Path
    data_dir: Path
    cache_dir: Path

    @property
    def settings_file(self) -> Path:
        return self.config_dir / "settings.json"

    @property
    def state_file(self) -> Path:
        """Window geometry, last repository, recent list: state, not preferences."""
        return self.data_dir / "state.json"

    @property
    def sample_blog_dir(self) -> Path:
        return self.data_dir / "sample-blog"

    @property
    def sample_remote_dir(self) -> Path:
        return self.data_dir / "sample-blog-origin.git"

    @property
    def recovery_dir(self) -> Path:
        """The journal of unsaved edits (core/document/recovery.py): data, kept apart from any repository."""
        return self.data_dir / "recovery"

    def ensure(self) -> None:
        for folder in (self.config_dir, self.data_dir, self.cache_dir):
            folder.mkdir(parents=True, exist_ok=True)


def _xdg(var: str, fallback: str) -> Path:
    value = os.environ.get(var)
    return Path(value) if value else Path.home() / fallback


def default_paths() -> AppPaths:
    """The platform's per-user folders, or everything under `$POSTDESK_HOME` when set."""
    home = os.environ.get("POSTDESK_HOME")
    if home:
        base = Path(home)
        return AppPaths(base / "config", base / "data", base / "cache")
    if sys.platform == "darwin":
        support = Path.home() / "Library" / "Application Support" / APP_DIR_NAME
        return AppPaths(support, support, Path.home() / "Library" / "Caches" / APP_DIR_NAME)
    if sys.platform == "win32":
        appdata = Path(os.environ.get("APPDATA", Path.home() / "AppData" / "Roaming"))
        local = Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local"))
        return AppPaths(appdata / APP_DIR_NAME, local / APP_DIR_NAME, local / APP_DIR_NAME / "cache")
    return AppPaths(
        _xdg("XDG_CONFIG_HOME", ".config") / APP_DIR_NAME,
        _xdg("XDG_DATA_HOME", ".local/share") / APP_DIR_NAME,
        _xdg("XDG_CACHE_HOME", ".cache") / APP_DIR_NAME,
    )
