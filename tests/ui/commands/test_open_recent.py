"""File → Open Recent: the repositories used before, the last first; choosing one reopens the
window there (after asking about unsaved edits)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from desktop_app.core.paths import default_paths
from desktop_app.core.settings import load_state, save_state


def remember(*paths: Path) -> None:
    state = load_state(default_paths())
    state.recent_repositories = [str(path) for path in paths]
    save_state(default_paths(), state)


def test_open_recent_lists_other_repositories_and_reopens_in_the_chosen_one(qtbot, desk, tmp_path: Path) -> None:
    other = tmp_path / "other-blog"
    other.mkdir()
    subprocess.run(["git", "init", "-q", str(other)], check=True)
    gone = tmp_path / "moved-away"
    remember(desk.sample.root, other, gone)
    menu = desk.commands.recent_menu
    menu.aboutToShow.emit()
    entries = [action for action in menu.actions() if action.data()]
    assert [Path(action.data()) for action in entries] == [other, gone]  # not the one open now
    assert entries[0].isEnabled() and "other-blog" in entries[0].text()
    assert not entries[1].isEnabled() and "(not found)" in entries[1].text()
    desk.editor_pane.editor.replace_text(desk.editor_pane.text() + "\nunsaved")
    desk.context.notifier.answers[:] = ["cancel"]  # keep the edits: stay here
    entries[0].trigger()
    assert desk.isVisible() and desk.open_requested is None
    desk.context.notifier.answers[:] = ["discard"]
    entries[0].trigger()
    assert not desk.isVisible() and desk.open_requested == other


def test_clear_menu_forgets_all_but_the_open_repository(qtbot, desk, tmp_path: Path) -> None:
    remember(tmp_path / "a", desk.sample.root, tmp_path / "b")
    menu = desk.commands.recent_menu
    menu.aboutToShow.emit()
    next(action for action in menu.actions() if action.objectName() == "clearRecent").trigger()
    assert load_state(default_paths()).recent_repositories == [str(desk.sample.root)]
    menu.aboutToShow.emit()
    assert [action.text() for action in menu.actions() if not action.isSeparator()] == [
        "No other repositories yet", "Clear Menu"]
