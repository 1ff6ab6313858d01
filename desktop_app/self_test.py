"""`postdesk --self-test`: prove that an installed Postdesk (a checkout, a wheel or the bundle)
works on this machine. It opens the real main window on a fresh copy of the sample blog, waits
for the preview to show the newest post, and exits 0; any failure or a timeout exits 1 with the
reason on stderr.

Everything it writes goes to a temporary home (HOME, XDG_* and POSTDESK_HOME point there), which
is deleted at the end, so it neither reads nor changes the user's settings, repositories or
caches. Without a display it runs offscreen, as root without Chromium's sandbox.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from desktop_app.ui.qt_environment import prepare_qt_environment

DEFAULT_TIMEOUT_S = 60.0
EXIT_OK, EXIT_FAILED = 0, 1
# Chromium's own log lines (no D-Bus on a server …) say nothing here; Qt's messages still show.
CHROMIUM_FLAGS = ("--log-level=3",)
PROBE_INTERVAL_MS = 250
MIN_WORDS = 20
# The offscreen platform says this whenever a shown window's size limits change.
OFFSCREEN_MESSAGES = ("This plugin does not support propagateSizeHints",)
# What the page must show once the preview has rendered: the post's title in the header, some of
# its text, and the site's stylesheets next to Postdesk's own.
PAGE_PROBE = """(function () {
  var header = document.getElementById('postdesk-header');
  var body = document.getElementById('postdesk-body');
  return JSON.stringify({
    header: header ? header.textContent : null,
    words: body ? body.textContent.split(/\\s+/).filter(Boolean).length : 0,
    sheets: document.styleSheets.length
  });
})()"""


@dataclass
class SelfTestReport:
    """What the self-test saw, with the seconds since the process started."""

    post: str = ""
    title: str = ""
    timings: dict[str, float] = field(default_factory=dict)
    failure: str = ""


_IMPORTED = time.monotonic()


def process_age() -> float:
    """Seconds since this process started (Linux), else since Python imported this module."""
    try:
        ticks = int(Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()[19])
        uptime = float(Path("/proc/uptime").read_text().split()[0])
        return max(0.0, uptime - ticks / os.sysconf("SC_CLK_TCK"))
    except (OSError, ValueError, IndexError, AttributeError):
        return time.monotonic() - _IMPORTED


def temporary_home(root: Path) -> dict[str, str]:
    """The environment that sends every per-user file into `root`."""
    return {
        "HOME": str(root),
        "XDG_CONFIG_HOME": str(root / ".config"),
        "XDG_DATA_HOME": str(root / ".local" / "share"),
        "XDG_CACHE_HOME": str(root / ".cache"),
        "XDG_STATE_HOME": str(root / ".local" / "state"),
        "POSTDESK_HOME": str(root / "postdesk"),
    }


def run_self_test(timeout_s: float = DEFAULT_TIMEOUT_S) -> int:
    # A helper process still closing may hold a file in it: never fail the test over the cleanup.
    with tempfile.TemporaryDirectory(prefix="postdesk-self-test-", ignore_cleanup_errors=True) as folder:
        os.environ.update(temporary_home(Path(folder)))
        prepare_qt_environment(CHROMIUM_FLAGS)
        report = _run(timeout_s)
    if report.failure:
        print(f"postdesk self-test FAILED: {report.failure}", file=sys.stderr)
        return EXIT_FAILED
    steps = ", ".join(f"{name} {seconds:.2f} s" for name, seconds in report.timings.items())
    print(f"postdesk self-test passed: the preview shows \"{report.title}\" ({report.post}) "
          f"from the sample blog. Since start: {steps}.")
    return EXIT_OK


def _run(timeout_s: float) -> SelfTestReport:
    """Open the window and drive the event loop until the preview passed, failed or timed out."""
    import json

    from PySide6.QtCore import QTimer, qInstallMessageHandler

    from desktop_app.app import create_application
    from desktop_app.core.errors import PostdeskError
    from desktop_app.core.paths import default_paths
    from desktop_app.core.workspace import Workspace, default_repository
    from desktop_app.ui.context import UiContext
    from desktop_app.ui.notify import Notifier
    from desktop_app.ui.preview.pdf_printer import HARMLESS_QT_MESSAGES
    from desktop_app.ui.window.mainwindow import MainWindow
    from desktop_app.ui.workers import TaskRunner

    harmless = (*HARMLESS_QT_MESSAGES, *OFFSCREEN_MESSAGES)
    qInstallMessageHandler(lambda _kind, _context, message: None if message.startswith(harmless)
                           else print(f"Qt: {message}", file=sys.stderr))
    report = SelfTestReport()
    app = create_application()
    paths = default_paths()
    try:
        workspace = Workspace.open(default_repository(paths), paths)
    except PostdeskError as error:
        report.failure = f"could not open the sample blog: {error.message} {error.hint}".strip()
        return report
    except OSError as error:
        report.failure = f"could not open the sample blog: {error}"
        return report
    notifier = Notifier(interactive=False)
    window = MainWindow(UiContext(workspace, TaskRunner(), notifier))
    stage = ["the first post to open"]

    def finish(failure: str = "") -> None:
        if report.failure or "preview" in report.timings:
            return  # decided already
        errors = [message for kind, message in notifier.history if kind in ("error", "crash")]
        report.failure = failure or (f"the app reported: {errors[0]}" if errors else "")
        if not report.failure:
            report.timings["preview"] = process_age()
        poll.stop()
        app.exit()

    poll = QTimer(interval=PROBE_INTERVAL_MS)  # the page is asked again until it shows the post
    last_seen: list[dict] = [{}]

    def opened(path: str) -> None:
        post = window.library.post(path)
        report.post, report.title = path, post.title if post else Path(path).stem
        report.timings["post opened"] = process_age()
        stage[0] = "the preview to render"
        poll.start()

    def probe() -> None:
        if report.title and window.preview.view is not None:
            window.preview.run_script(PAGE_PROBE, checked)

    def checked(result: object) -> None:
        if report.failure or "preview" in report.timings:
            return  # decided; a page torn down at exit answers pending probes with nothing
        try:
            page = json.loads(result) if isinstance(result, str) and result else {}
        except ValueError:
            page = {}
        last_seen[0] = page
        if report.title in (page.get("header") or "") and page.get("words", 0) > MIN_WORDS:
            finish()

    def timed_out() -> None:
        seen = last_seen[0]
        shown = (f" (the page last showed {seen.get('words', 0)} words under the header "
                 f"{(seen.get('header') or '').strip()[:80]!r})" if seen else "")
        finish(f"timed out after {timeout_s:g} s waiting for {stage[0]}{shown}")

    def crashed(kind: str, message: str) -> None:
        if kind in ("error", "crash"):
            finish(f"the app reported: {message}")

    poll.timeout.connect(probe)
    notifier.shown.connect(crashed)
    window.controller.post_opened.connect(opened)
    window.preview.updated.connect(probe)
    QTimer.singleShot(int(max(0.0, timeout_s - process_age()) * 1000), timed_out)  # counted from the start
    window.show()
    report.timings["window shown"] = process_age()
    app.exec()
    poll.stop()
    window.preview.updated.disconnect(probe)
    window.close()  # stops the preview and the workers; the window state goes to the temporary home
    return report
