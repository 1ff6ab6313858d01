"""The real app, killed mid-sentence: Postdesk runs as its own process in a real X window, is typed
into with real key presses, is killed with SIGKILL, and the next start gives the words back."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable, Iterator

import pytest

from desktop_app.core.paths import default_paths
from tests.helpers.desk import SampleBlog
from tests.helpers.xvfb import Display


POST = "posts/caching-unsung-hero.md"
TITLE = "Caching: The Unsung Hero"


class App:
    """`python -m desktop_app FILE` on the test's display, in a process group of its own."""

    def __init__(self, display: Display, target: Path) -> None:
        env = {**os.environ, "DISPLAY": display.name, "QT_QPA_PLATFORM": "xcb"}
        self.process = subprocess.Popen([sys.executable, "-m", "desktop_app", str(target)], env=env,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)

    def kill(self) -> None:
        """SIGKILL: no close event, no save, no clean-up of any kind (QtWebEngine's helpers too)."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.kill()


@pytest.fixture
def apps() -> Iterator[list[App]]:
    started: list[App] = []
    yield started
    for app in started:
        app.stop()


def journal_holds(words: str, timeout: float = 30) -> dict:
    """Wait until the recovery journal holds `words` (Postdesk writes it after a pause in typing)."""
    folder = default_paths().recovery_dir
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for entry in folder.glob("*.json") if folder.is_dir() else ():
            try:
                data = json.loads(entry.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue  # being replaced right now
            if words in data.get("text", ""):
                return data
        time.sleep(0.2)  # another process writes it: nothing to wait on but the file
    raise AssertionError(f"the recovery journal never held {words!r}")


def wait_for(condition, what: str, timeout: float = 30) -> None:  # noqa: ANN001 - a callable
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.2)


def display_has(display: Display, title_pattern: str) -> bool:
    try:
        display.window(title_pattern, timeout=0)
    except AssertionError:
        return False
    return True


def restore_and_save(display: Display, apps: list[App], target: Path, saved: Callable[[], bool]) -> None:
    """Start Postdesk again: the recovery dialog offers the text; Enter restores it, Ctrl+S saves
    (pressed again if a loaded machine dropped it) until `saved()`."""
    apps.append(App(display, target))
    dialog = display.window("^Recover unsaved work")
    display.key(dialog, "Return")  # Restore is the default button
    wait_for(lambda: not display_has(display, "^Recover unsaved work"), "the recovery dialog to close")
    window = display.window(r"— Postdesk$")
    for attempt in range(3):
        display.key(window, "ctrl+s")
        try:
            wait_for(saved, "the recovered text to be saved", timeout=15)
            return
        except AssertionError:
            if attempt == 2:
                raise


def test_words_typed_before_a_kill_come_back_after_a_restart(display: Display, apps: list[App],
                                                             sample_blog: SampleBlog) -> None:
    post = sample_blog.root / POST
    before = post.read_bytes()
    apps.append(App(display, post))
    window = display.window(TITLE)
    words = "Written seconds before the crash"
    display.type_into(window, words)
    journal_holds(words)
    apps[-1].kill()
    assert post.read_bytes() == before  # the file never saw the unsaved words

    restore_and_save(display, apps, post, lambda: words.encode() in post.read_bytes())
    assert post.read_bytes() == words.encode() + before  # typed at the cursor, at the top of the post
    wait_for(lambda: not any(default_paths().recovery_dir.glob("*.json")), "the journal to be cleared")


def test_a_new_post_that_was_never_saved_survives_a_kill(display: Display, apps: list[App],
                                                         sample_blog: SampleBlog) -> None:
    apps.append(App(display, sample_blog.root / POST))
    window = display.window(TITLE)
    ask = display.key_until(window, "ctrl+n", "^New post")
    display.type_into(ask, "Notes from the outage")
    display.key(ask, "Return")
    window = display.window("^Notes from the outage")
    body = "First draft that nobody saved"
    display.type_into(window, body)
    entry = journal_holds(body)
    created = sample_blog.root / entry["path"]
    on_disk = created.read_bytes() if created.exists() else b""
    apps[-1].kill()
    assert body.encode() not in on_disk

    restore_and_save(display, apps, sample_blog.root / POST,
                     lambda: created.exists() and body.encode() in created.read_bytes())
    assert b"title: Notes from the outage" in created.read_bytes()
