"""A real X display (Xvfb) and a keyboard (xdotool) for tests that run Postdesk as a user would:
as its own process, in a real window, typed into with real key events."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

import pytest

from tests.helpers import budget
from tests.helpers.required import unavailable


@dataclass
class Display:
    name: str  # ":99"

    def xdotool(self, *args: str, timeout: float = 30) -> str:
        result = subprocess.run(["xdotool", *args], env={**os.environ, "DISPLAY": self.name},
                                capture_output=True, text=True, timeout=budget.seconds(timeout))
        if result.returncode != 0:
            raise AssertionError(f"xdotool {' '.join(args)} failed: {result.stderr.strip()}")
        return result.stdout.strip()

    def window(self, title_pattern: str, timeout: float = 60) -> str:
        """The id of the first visible window whose title matches the regex (waits for it)."""
        deadline = time.monotonic() + budget.seconds(timeout)
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
                raise AssertionError(f"no window titled {title_pattern!r} in {budget.spent(timeout)}; "
                                     f"visible: {names}")
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
        assert self.exists(window), "the window was replaced while typing into it: keys were lost"

    def has(self, title_pattern: str) -> bool:
        """Whether a visible window's title matches now."""
        try:
            self.window(title_pattern, timeout=0)
        except AssertionError:
            return False
        return True

    def exists(self, window: str) -> bool:
        """Whether X still has this window (Qt may replace a top-level's native window)."""
        return subprocess.run(["xdotool", "getwindowname", window], env={**os.environ, "DISPLAY": self.name},
                              capture_output=True).returncode == 0

    def press_until(self, title_pattern: str, keys: str, done: Callable[[], bool], what: str,
                    timeout: float = 30) -> None:
        """Press `keys` in the window titled `title_pattern`, then wait for `done()`. The keys are
        pressed again only when the window they went to is gone (Qt had the window system replace
        it, and keys sent there are lost); any other missing effect fails once the budget is spent."""
        deadline = time.monotonic() + budget.seconds(timeout)
        window = self.window(title_pattern)
        self.key(window, keys)
        while not done():
            if not self.exists(window):
                window = self.window(title_pattern, timeout=max(0.0, deadline - time.monotonic()))
                self.key(window, keys)
            if time.monotonic() > deadline:
                raise AssertionError(f"{what}: nothing after {keys} within {budget.spent(timeout)}")
            time.sleep(0.2)  # another process's windows and files: no signal to wait on

    def key_until(self, window_title: str, keys: str, title_pattern: str) -> str:
        """Press `keys` in the window titled `window_title` until one titled `title_pattern` shows;
        its id (pressed again only if the first window was replaced, see `press_until`)."""
        self.press_until(window_title, keys, lambda: self.has(title_pattern), f"a window titled {title_pattern!r}")
        return self.window(title_pattern)

    def key(self, window: str, *keys: str) -> None:
        self.xdotool("windowfocus", "--sync", window)
        self.xdotool("key", "--delay", "50", *keys)


def wait_for(condition: Callable[[], bool], what: str, timeout: float = 30) -> None:
    """Poll another process's doing (its windows, its files): there is no signal to wait on."""
    deadline = time.monotonic() + budget.seconds(timeout)
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what} after {budget.spent(timeout)}")
        time.sleep(0.2)


class App:
    """`python -m desktop_app TARGET` on `display`, in a process group of its own; what it prints
    goes to a file (a pipe nobody reads would stall it once full)."""

    def __init__(self, display: Display, target: Path, log: Path) -> None:
        # As a user starts it: none of the test suite's Qt or Chromium settings (as root, the app
        # itself must turn Chromium's sandbox off).
        env = {key: value for key, value in os.environ.items()
               if key not in ("QTWEBENGINE_CHROMIUM_FLAGS", "QT_QPA_PLATFORM", "QT_LOGGING_RULES")}
        env["DISPLAY"] = display.name
        self.log = log
        with open(log, "ab") as out:
            self.process = subprocess.Popen([sys.executable, "-m", "desktop_app", str(target)], env=env,
                                            stdout=out, stderr=subprocess.STDOUT, start_new_session=True)

    def output(self) -> str:
        """The end of what it printed, for a failure message."""
        return self.log.read_text(encoding="utf-8", errors="replace")[-3000:]

    def kill(self) -> None:
        """SIGKILL: no close event, no save, no clean-up of any kind (QtWebEngine's helpers too)."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.kill()


@pytest.fixture
def apps(tmp_path: Path) -> Iterator[Callable[[Display, Path], App]]:
    """Starts apps for the test (`apps(display, target)`), and kills any still running after it."""
    started: list[App] = []

    def start(display: Display, target: Path) -> App:
        started.append(App(display, target, tmp_path / f"app-{len(started)}.log"))
        return started[-1]
    yield start
    for app in started:
        app.stop()


@pytest.fixture
def display() -> Iterator[Display]:
    """A private Xvfb display for this test; skipped where Xvfb or xdotool is not installed."""
    if not shutil.which("Xvfb") or not shutil.which("xdotool"):
        unavailable("needs Xvfb and xdotool (Debian packages xvfb and xdotool; make test installs them)")
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
