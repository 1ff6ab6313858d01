"""A real X display (Xvfb) and a keyboard (xdotool) for tests that run Postdesk as a user would:
as its own process, in a real window, typed into with real key events."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from dataclasses import dataclass
from typing import Iterator

import pytest


@dataclass
class Display:
    name: str  # ":99"

    def xdotool(self, *args: str, timeout: float = 30) -> str:
        result = subprocess.run(["xdotool", *args], env={**os.environ, "DISPLAY": self.name},
                                capture_output=True, text=True, timeout=timeout)
        if result.returncode != 0:
            raise AssertionError(f"xdotool {' '.join(args)} failed: {result.stderr.strip()}")
        return result.stdout.strip()

    def window(self, title_pattern: str, timeout: float = 60) -> str:
        """The id of the first visible window whose title matches the regex (waits for it)."""
        deadline = time.monotonic() + timeout
        while True:
            result = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", title_pattern],
                                    env={**os.environ, "DISPLAY": self.name}, capture_output=True, text=True)
            ids = result.stdout.split()
            if ids:
                return ids[0]
            if time.monotonic() > deadline:
                titles = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", "."],
                                        env={**os.environ, "DISPLAY": self.name}, capture_output=True, text=True)
                names = [self.title(wid) for wid in titles.stdout.split()]
                raise AssertionError(f"no window titled {title_pattern!r}; visible: {names}")
            time.sleep(0.2)  # polling another process's windows: there is no signal to wait on

    def title(self, window: str) -> str:
        try:
            return self.xdotool("getwindowname", window)
        except AssertionError:
            return "?"

    def type_into(self, window: str, text: str) -> None:
        """Focus `window` and type `text` as key presses."""
        self.xdotool("windowfocus", "--sync", window)
        # Not `type --window`: that sends synthetic events, which Qt (rightly) ignores.
        self.xdotool("type", "--delay", "15", text)

    def key_until(self, window: str, keys: str, title_pattern: str, attempts: int = 3) -> str:
        """Press `keys` until a window titled `title_pattern` shows (a loaded machine can drop a
        shortcut pressed while the window is still taking focus); its id."""
        for attempt in range(attempts):
            self.key(window, keys)
            try:
                return self.window(title_pattern, timeout=15)
            except AssertionError:
                if attempt == attempts - 1:
                    raise
        raise AssertionError("unreachable")

    def key(self, window: str, *keys: str) -> None:
        self.xdotool("windowfocus", "--sync", window)
        self.xdotool("key", "--delay", "50", *keys)


@pytest.fixture
def display() -> Iterator[Display]:
    """A private Xvfb display for this test; skipped where Xvfb or xdotool is not installed."""
    if not shutil.which("Xvfb") or not shutil.which("xdotool"):
        pytest.skip("needs Xvfb and xdotool (Debian packages xvfb and xdotool; make test installs them)")
    read, write = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", "1440x900x24", "-nolisten", "tcp"],
                              pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as numbers:
        number = numbers.readline().strip()
    if not number:
        server.kill()
        pytest.fail("Xvfb did not start")
    try:
        yield Display(f":{number}")
    finally:
        server.terminate()
        server.wait(timeout=10)
