"""What one keystroke costs the GUI thread in a 20,000-word post: `make bench` (offscreen).

Opens the real main window on a copy of the sample blog with a 20,000-word, 50-code-block post,
types 200 characters into the body (each key is sent and its events processed, highlighting
included), then opens a code fence at the top of the body (restyling the lines up to the post's
first closing fence), and a `~~~` fence that nothing closes, which restyles the whole post.
Prints the median, 95th percentile and maximum milliseconds per key next to the targets
(8 ms at the 95th percentile, never more than one 16 ms frame). Then it types at a writer's pace
(a key every 100 ms, so renders run between keys and compete for the interpreter) and measures
how long after the last keystroke the preview page shows it, in a 2,000- and a 20,000-word post
(targets 50 and 250 ms).
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("POSTDESK_HOME", tempfile.mkdtemp(prefix="postdesk-bench-"))
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox --disable-gpu")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QTextCursor  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from bench.run import post  # noqa: E402
from desktop_app.app import create_application  # noqa: E402
from desktop_app.core.paths import default_paths  # noqa: E402
from desktop_app.core.resources import resource_path  # noqa: E402
from desktop_app.core.sample import install_sample_blog  # noqa: E402
from desktop_app.core.workspace import Workspace  # noqa: E402
from desktop_app.ui.context import UiContext  # noqa: E402
from desktop_app.ui.notify import Notifier  # noqa: E402
from desktop_app.ui.window.mainwindow import MainWindow  # noqa: E402
from desktop_app.ui.workers import TaskRunner  # noqa: E402

P95_TARGET, FRAME = 8.0, 16.0


def settle(app: QApplication, seconds: float) -> None:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.005)


def type_keys(app: QApplication, editor, keys: str) -> list[float]:  # noqa: ANN001 - a MarkdownEditor
    costs = []
    for key in keys:
        start = time.perf_counter()
        QTest.keyClick(editor, key)
        app.processEvents()
        costs.append((time.perf_counter() - start) * 1000)
    return costs


def paced_keys(app: QApplication, editor, keys: str, gap: float = 0.1) -> list[float]:  # noqa: ANN001
    """Type at a writer's pace: renders and page patches run between the keys."""
    costs = []
    for key in keys:
        costs += type_keys(app, editor, key)
        settle(app, gap)
    return costs


def update_latency(app: QApplication, window, runs: int = 15) -> list[float]:  # noqa: ANN001 - MainWindow
    """Milliseconds from a keystroke (after a pause) until the page shows its text."""
    editor, shown = window.editor_pane.editor, []
    window.preview.updated.connect(lambda: shown.append(time.perf_counter()))
    latencies = []
    for index in range(runs):
        settle(app, 0.4)
        shown.clear()
        QTest.keyClick(editor, "abcdefghijklmnopqrstuvwxyz"[index % 26])
        start = time.perf_counter()
        while not shown and time.perf_counter() - start < 5:
            app.processEvents()
            time.sleep(0.001)
        latencies.append((shown[0] - start) * 1000 if shown else float("inf"))
    return latencies


def report(label: str, costs: list[float]) -> None:
    p95 = statistics.quantiles(costs, n=20, method="inclusive")[18] if len(costs) >= 20 else max(costs)
    ok = p95 <= P95_TARGET and max(costs) <= FRAME
    print(f"{label:44} {statistics.median(costs):8.1f} {p95:8.1f} {max(costs):8.1f}  {'yes' if ok else 'NO'}")


def main() -> int:
    app = create_application()
    folder = Path(tempfile.mkdtemp(prefix="postdesk-bench-blog-"))
    root = install_sample_blog(resource_path("sample-blog"), folder / "blog", folder / "origin.git")
    (root / "posts/long.md").write_text(post(20000, 50), encoding="utf-8")
    (root / "posts/small.md").write_text(post(2000, 5), encoding="utf-8")
    (root / "posts/long-2.md").write_text(post(20000, 50), encoding="utf-8")
    window = MainWindow(UiContext(Workspace.open(root, default_paths()), TaskRunner(), Notifier(interactive=False)))
    window.show()
    settle(app, 3)
    assert window.controller.open_post("posts/long.md")
    settle(app, 3)
    editor = window.editor_pane.editor
    editor.setFocus()
    cursor = editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    editor.setTextCursor(cursor)
    body = type_keys(app, editor, "The quick brown fox jumps over the lazy dog. " * 5)
    settle(app, 1)
    cursor = editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.Start)
    for _ in range(6):  # past the front matter, to the first line of the body
        cursor.movePosition(QTextCursor.MoveOperation.Down)
    editor.setTextCursor(cursor)
    QTest.keyClick(editor, Qt.Key.Key_Return)
    following = editor.textCursor().block().next().next()  # the next paragraph, now code
    before = following.userState()
    fence = type_keys(app, editor, "```")
    settle(app, 1)
    # The fence really restyled the lines after it, up to the post's first closing fence (else the
    # figure would mean nothing).
    assert following.userState() != before, "the fence did not restyle the following lines"
    for _ in range(3):
        QTest.keyClick(editor, Qt.Key.Key_Backspace)
    settle(app, 1)
    last = editor.document().lastBlock()
    before = last.userState()
    tilde = type_keys(app, editor, "~~~")  # closed by nothing in the post: every line after it is code
    settle(app, 1)
    assert last.userState() != before, "the tilde fence did not reach the last line"
    print(f"{'keystroke in a 20,000-word post (GUI thread)':44} {'median':>8} {'p95':>8} {'max':>8}  ok")
    report("typing at the end (200 keys)", body)
    report("opening a code fence at the top (3 keys)", fence)
    report("a fence that turns the whole post to code", tilde)
    for _ in range(3):
        QTest.keyClick(editor, Qt.Key.Key_Backspace)
    cursor.movePosition(QTextCursor.MoveOperation.End)
    editor.setTextCursor(cursor)
    report("paced typing, preview updating (60 keys)", paced_keys(app, editor, "Writers type at a pace. " * 2 + "Ok then, go."))
    print(f"\n{'keystroke → preview shows it':44} {'median':>8} {'p95':>8} {'max':>8}  target")
    for name, words, code, target in (("small.md", 2000, 5, 50.0), ("long-2.md", 20000, 50, 250.0)):
        window.context.notifier.answers[:] = ["discard"]  # the typing above is not kept
        assert window.controller.open_post(f"posts/{name}")
        settle(app, 2)
        cursor = editor.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.End)
        editor.setTextCursor(cursor)
        latencies = update_latency(app, window)
        p95 = statistics.quantiles(latencies, n=20, method="inclusive")[18]
        print(f"{f'{words:,} words, {code} code blocks':44} {statistics.median(latencies):8.1f} {p95:8.1f} "
              f"{max(latencies):8.1f}  {target:.0f} {'yes' if statistics.median(latencies) <= target else 'NO'}")
    window.context.notifier.answers[:] = ["discard"]  # else closing stops at the unsaved typing, and
    window.close()  # the preview's page outlives its profile at exit ("Release of profile requested …")
    return 0


if __name__ == "__main__":
    sys.exit(main())
