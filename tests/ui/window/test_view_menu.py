"""The View menu hides and shows the library, the post details, the preview and the changes panel;
its ticks always say what is on screen."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(("action_name", "pane_name"), [
    ("toggle_library", "library"),
    ("toggle_form", "form"),
    ("toggle_preview", "preview"),
    ("toggle_changes", "changes"),
])
def test_view_menu_hides_and_shows_a_pane(qtbot, desk, action_name: str, pane_name: str) -> None:
    action, pane = getattr(desk.actions, action_name), getattr(desk, pane_name)
    shown = pane.isVisible()
    assert action.isChecked() == shown
    for _ in range(2):
        with qtbot.captureExceptions() as crashes:
            action.trigger()
        assert not crashes, f"{action.text()} raised an exception"
        shown = not shown
        assert pane.isVisible() == shown and action.isChecked() == shown
