"""The View menu hides and shows the post details, the preview and the changes panel."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(("action_name", "pane_name"), [
    ("toggle_form", "form"),
    ("toggle_preview", "preview"),
    ("toggle_changes", "changes"),
])
def test_view_menu_hides_and_shows_a_pane(qtbot, desk, action_name: str, pane_name: str) -> None:
    action, pane = getattr(desk.actions, action_name), getattr(desk, pane_name)
    assert action.isChecked() and pane.isVisible()
    with qtbot.captureExceptions() as crashes:
        action.trigger()
    assert not crashes, f"{action.text()} raised an exception"
    assert not pane.isVisible() and not action.isChecked()
    with qtbot.captureExceptions() as crashes:
        action.trigger()
    assert not crashes and pane.isVisible() and action.isChecked()
