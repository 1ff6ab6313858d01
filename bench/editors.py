"""Postdesk and ghostwriter typed into from outside, on the same X display: part of
`bench/keystrokes.py`.

Each editor is started as a user would start it, on the same 20,000-word post (its own copy),
in a window of the same size with its preview shown (ghostwriter shows its preview by default).
A separate X client then types into it through the X server (XTest) and waits for the server
to report drawing (XDamage on the root window): milliseconds from each key press to the first
drawing that answers it, the way a high-speed camera judges typing latency. Before each key the
screen is left quiet (no drawing for 250 ms), so a late preview update of the previous key is not
taken for the answer to the next one. The same measurement for both editors, so their ratio
compares; absolute figures include the X round trips both pay.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.run import post
from bench.x11 import XClient

ROOT = Path(__file__).resolve().parent.parent
TEXT = "the quick brown fox jumps over the lazy dog. "
KEYS, QUIET = 40, 0.25


def first_pixels(display: str, command: list[str], env: dict[str, str],
                 geometry: tuple[int, int, int, int], keys: int = KEYS) -> tuple[list[float], int]:
    """Start `command`, type `keys` characters at the end of its document; the milliseconds to
    the first drawing after each key, and how many keys drew nothing within a second."""
    process = subprocess.Popen(command, env=dict(env, DISPLAY=display), stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    client = XClient(display)
    try:
        window, deadline = None, time.monotonic() + 60
        while window is None and time.monotonic() < deadline:
            time.sleep(0.2)
            window = client.window_of(process.pid)
        if window is None:
            raise RuntimeError(f"{command[0]} showed no window")
        client.quiet(1.0, 20)  # started: preview loaded, nothing moving
        window = client.window_of(process.pid)  # the main window, once everything is up
        client.place(window, *geometry)
        client.quiet(0.5, 10)
        client.key("End", "Control_L")  # typing goes at the end of the post
        client.quiet(QUIET, 5)
        latencies, missed = [], 0
        for char in (TEXT * (keys // len(TEXT) + 1))[:keys]:
            latency = client.type_key(char)
            if latency is None:
                missed += 1
            else:
                latencies.append(latency)
            client.quiet(QUIET, 5)
        return latencies, missed
    finally:
        client.close()
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()


def compare(display: str, geometry: tuple[int, int, int, int]) -> None:
    """Print both editors' first-pixel latencies and their ratio."""
    folder = Path(tempfile.mkdtemp(prefix="postdesk-bench-editors-"))
    text = post(20000, 50)
    base = {key: value for key, value in os.environ.items() if not key.startswith(("QT_", "QTWEBENGINE_"))}
    runs: list[tuple[str, list[str], dict[str, str]]] = []

    from desktop_app.core.resources import resource_path
    from desktop_app.core.sample import install_sample_blog

    blog = install_sample_blog(resource_path("sample-blog"), folder / "blog", folder / "origin.git")
    (blog / "posts/long.md").write_text(text, encoding="utf-8")
    runs.append(("Postdesk", [sys.executable, "-m", "desktop_app", str(blog / "posts/long.md")],
                 dict(base, POSTDESK_HOME=str(folder / "postdesk-home"), PYTHONPATH=str(ROOT))))
    if shutil.which("ghostwriter"):
        (folder / "ghostwriter").mkdir()
        (folder / "ghostwriter/long.md").write_text(text, encoding="utf-8")
        home = folder / "ghostwriter-home"  # its default settings, whatever the user's are
        runs.append(("ghostwriter", ["ghostwriter", str(folder / "ghostwriter/long.md")],
                     dict(base, HOME=str(home), XDG_CONFIG_HOME=str(home / "config"), XDG_DATA_HOME=str(home / "data"),
                          XDG_CACHE_HOME=str(home / "cache"),
                          **({"QTWEBENGINE_CHROMIUM_FLAGS": "--no-sandbox"} if os.geteuid() == 0 else {}))))
    print(f"{'key press → first drawing, from outside':44} {'median':>8} {'p95':>8} {'max':>8}  missed")
    medians = {}
    for name, command, env in runs:
        try:
            latencies, missed = first_pixels(display, command, env, geometry)
        except RuntimeError as error:
            print(f"{name:44} {error}")
            continue
        medians[name] = statistics.median(latencies)
        p95 = statistics.quantiles(latencies, n=20, method="inclusive")[18]
        print(f"{name + f' ({KEYS} keys, same post and window)':44} {medians[name]:8.1f} {p95:8.1f} "
              f"{max(latencies):8.1f}  {missed}")
    if len(medians) == 2:
        print(f"{'Postdesk / ghostwriter (medians)':44} {medians['Postdesk'] / medians['ghostwriter']:8.2f}×")
    elif not shutil.which("ghostwriter"):
        print("ghostwriter is not installed (apt-get install ghostwriter): no comparison.")
