"""Preferences and window state survive a restart; a damaged file never costs the user more than it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop_app.core.paths import AppPaths, default_paths
from desktop_app.core.settings import (
    Settings,
    WindowState,
    load_settings,
    load_state,
    save_settings,
    save_state,
)


@pytest.fixture
def paths(tmp_path: Path) -> AppPaths:
    return AppPaths(tmp_path / "config", tmp_path / "data", tmp_path / "cache")


def test_defaults_when_nothing_was_saved(paths: AppPaths) -> None:
    assert load_settings(paths) == Settings()
    assert load_state(paths) == WindowState()
    assert not paths.config_dir.exists()  # loading creates nothing


def test_settings_round_trip(paths: AppPaths) -> None:
    chosen = Settings(preview_delay_ms=300, editor_font_size=15, wrap_lines=False, remote_images=False,
                      author="Ann Writer")
    save_settings(paths, chosen)
    assert load_settings(paths) == chosen
    assert json.loads(paths.settings_file.read_text(encoding="utf-8"))["editor_font_size"] == 15


def test_window_state_round_trip_apart_from_preferences(paths: AppPaths, tmp_path: Path) -> None:
    state = WindowState(geometry="AAEC", splitters={"main": "xyz"}, last_post={"/repo": "posts/a.md"})
    state.remember_repository(tmp_path / "blog")
    save_state(paths, state)
    assert load_state(paths) == state
    assert paths.state_file != paths.settings_file
    assert not paths.settings_file.exists()


def test_recent_repositories_most_recent_first_without_duplicates(tmp_path: Path) -> None:
    state = WindowState()
    for name in ("a", "b", "a", "c"):
        state.remember_repository(tmp_path / name)
    assert state.recent_repositories == [str(tmp_path / n) for n in ("c", "a", "b")]
    assert state.last_repository == str(tmp_path / "c")
    for index in range(20):
        state.remember_repository(tmp_path / f"r{index}")
    assert len(state.recent_repositories) == 10


@pytest.mark.parametrize("content", ['{"editor_font_size": 14,', "not json at all", "[1, 2, 3]", ""])
def test_broken_file_falls_back_to_defaults_and_is_kept_aside(paths: AppPaths, content: str) -> None:
    paths.ensure()
    paths.settings_file.write_text(content, encoding="utf-8")
    assert load_settings(paths) == Settings()
    broken = paths.settings_file.with_name("settings.json.broken")
    assert broken.read_text(encoding="utf-8") == content
    assert not paths.settings_file.exists()
    save_settings(paths, Settings(author="New"))  # the next save does not touch the kept copy
    assert broken.read_text(encoding="utf-8") == content
    assert load_settings(paths).author == "New"


def test_broken_state_file_is_kept_aside_too(paths: AppPaths) -> None:
    paths.ensure()
    paths.state_file.write_text("{oops", encoding="utf-8")
    assert load_state(paths) == WindowState()
    assert paths.state_file.with_name("state.json.broken").read_text(encoding="utf-8") == "{oops"


def test_unknown_keys_are_ignored_and_wrong_types_fall_back(paths: AppPaths) -> None:
    paths.ensure()
    paths.settings_file.write_text(json.dumps({
        "version": 1, "from_a_newer_version": True, "author": "Ann",
        "editor_font_size": "big", "wrap_lines": False, "preview_delay_ms": True,
    }), encoding="utf-8")
    assert load_settings(paths) == Settings(author="Ann", wrap_lines=False)


def test_every_setting_documents_itself() -> None:
    from dataclasses import fields

    assert all(field.metadata.get("doc") for field in fields(Settings))


def test_postdesk_home_redirects_every_path(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("POSTDESK_HOME", str(tmp_path))
    paths = default_paths()
    for folder in (paths.config_dir, paths.data_dir, paths.cache_dir):
        assert folder.is_relative_to(tmp_path)


@pytest.mark.parametrize("written", ["purple", "Dark", ""])
def test_an_unknown_theme_behaves_as_following_the_system(paths: AppPaths, written: str) -> None:
    paths.ensure()
    paths.settings_file.write_text(json.dumps({"theme": written, "editor_font_size": 16}), encoding="utf-8")
    loaded = load_settings(paths)
    assert loaded.theme == "system" and loaded.editor_font_size == 16  # the rest of the file still counts


def test_a_chosen_theme_survives_a_restart(paths: AppPaths) -> None:
    save_settings(paths, Settings(theme="dark"))
    assert json.loads(paths.settings_file.read_text(encoding="utf-8"))["theme"] == "dark"
    assert load_settings(paths).theme == "dark"
