"""The app in a real X window (Xvfb), as its own process: what offscreen tests cannot see. Adding a
web view to a shown window makes the window system recreate it; the post history once crashed
there, every time, while every offscreen test passed."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from desktop_app.core.paths import default_paths
from desktop_app.core.settings import load_state
from tests.helpers.desk import SampleBlog
from tests.helpers.xvfb import App, Display, wait_for

POST = "posts/caching-unsung-hero.md"
TITLE = "Caching: The Unsung Hero"


def test_post_history_opens_with_its_rendered_diff_and_closes(display: Display, apps: Callable[[Display, Path], App],
                                                               sample_blog: SampleBlog) -> None:
    app = apps(display, sample_blog.root / POST)
    display.window(TITLE)
    display.key_until(TITLE, "ctrl+shift+h", "^Post History")
    display.xdotool("sleep", "3")  # the rendered diff loads in the dialog meanwhile
    assert app.process.poll() is None, f"Postdesk died with {app.process.returncode}:\n{app.output()}"
    # Looked up again: adding the web view made the window system recreate the dialog's window.
    display.key(display.window("^Post History"), "Escape")
    wait_for(lambda: not display.has("^Post History"), "the history dialog to close")
    display.key(display.window(TITLE), "ctrl+q")
    assert app.process.wait(timeout=30) == 0, app.output()
    # A writer who started it from a terminal saw nothing printed: Qt's and Chromium's notes on
    # what they fell back from (no Vulkan, no D-Bus …) went to the log, not to the terminal.
    assert app.output() == ""


def test_keys_switch_modes_and_hide_the_library_and_the_next_start_remembers(
        display: Display, apps: Callable[[Display, Path], App], sample_blog: SampleBlog) -> None:
    """Real key presses in a real window: Ctrl+Shift+R to review mode, Ctrl+\\ hides its library;
    quitting keeps both for the next start (the window state file)."""
    app = apps(display, sample_blog.root / POST)
    window = display.window(TITLE)
    display.xdotool("sleep", "2")  # the window takes focus and its preview page loads meanwhile
    display.key(window, "ctrl+shift+r", "ctrl+backslash", "ctrl+q")
    assert app.process.wait(timeout=30) == 0, app.output()
    state = load_state(default_paths())
    assert state.mode == "review", state
    assert state.layouts["review"]["library"] is False and state.layouts["review"]["changes"] is True
    assert state.layouts["write"]["library"] is True and state.layouts["write"]["changes"] is False
