"""What spell checking, the outline and the counts cost the GUI thread in a 20,000-word post.

Run it under a real X display, as a writer's window is drawn:

    xvfb-run -a -s "-screen 0 1440x900x24" env QT_QPA_PLATFORM=xcb python bench/writing.py

(it runs offscreen too). Opens the real main window on a copy of the sample blog with a
20,000-word post (50 code blocks, a misspelling on every paragraph line, so every screen has
underlines), the outline sidebar shown and spell checking on, and measures:

- typing a burst at the end, and in the middle of the post (where the outline's current heading
  and the underlines around the caret change);
- typing a word at a time with pauses long enough for each check, outline and count to run;
- a key sent right after a check went to the worker (the worker and the GUI thread share the
  interpreter);
- paging through the post, each page checked as it comes.

For each keystroke (or each pass of the event loop in the pauses, where the check's answer
becomes underlines, the outline is read again and the words counted) it prints the time the
writing aids' own code took on the GUI thread, the same in CPU time (which the machine's other
work cannot inflate: on a shared machine the wall-clock figures include waiting for a core), and
the whole keystroke with the aids on and off; each next to the targets (8 ms at the 95th
percentile, never more than one 16 ms frame). Twice: in the main window, and with the editor
alone in a window, where the whole keystroke is the editor's and the aids' own.

In the main window the preview is hidden: its renders compete for the interpreter, and under Xvfb
without a GPU its web view (even hidden) makes every repaint of the window a software OpenGL
composite of the whole window (about 12–15 ms a keystroke with or without the aids): both are
the preview's cost, which bench/keystrokes.py measures.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("POSTDESK_HOME", tempfile.mkdtemp(prefix="postdesk-bench-"))
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox --disable-gpu")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QTextCursor  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QDockWidget, QMainWindow, QWidget  # noqa: E402

from bench.offscreen_keys import FRAME, P95_TARGET, settle  # noqa: E402
from bench.run import post  # noqa: E402
from desktop_app.app import create_application  # noqa: E402
from desktop_app.core.paths import default_paths  # noqa: E402
from desktop_app.core.resources import resource_path  # noqa: E402
from desktop_app.core.sample import install_sample_blog  # noqa: E402
from desktop_app.core.spelling.checker import SpellChecker  # noqa: E402
from desktop_app.core.workspace import Workspace  # noqa: E402
from desktop_app.ui.context import UiContext  # noqa: E402
from desktop_app.ui.editor.editor import MarkdownEditor  # noqa: E402
from desktop_app.ui.notify import Notifier  # noqa: E402
from desktop_app.ui.window.mainwindow import MainWindow  # noqa: E402
from desktop_app.ui.workers import TaskRunner  # noqa: E402
from desktop_app.ui.writing.counts import CountsWidget, WordCounts  # noqa: E402
from desktop_app.ui.writing.outline import Outline, OutlinePanel  # noqa: E402
from desktop_app.ui.writing.spelling import LAYER, SpellUnderlines  # noqa: E402

WORDS = "Writers reach for the right word and sometimes type teh wrong one. "


class AidsClock:
    """Milliseconds the writing aids' own code spends on the GUI thread (their slots, wrapped)."""

    def __init__(self) -> None:
        self.spent = 0.0
        self.cpu = 0.0  # the same in the GUI thread's CPU time: what the machine's other work cannot inflate
        self.calls: list[tuple[str, float]] = []  # this figure's slots and their milliseconds
        self.slowest: tuple[float, list[tuple[str, float]]] = (0.0, [])
        self.gui = threading.get_ident()

    def reset(self) -> None:
        if self.spent > self.slowest[0]:
            self.slowest = (self.spent, self.calls)
        self.spent, self.cpu, self.calls = 0.0, 0.0, []

    def install(self) -> None:
        for cls, names in ((SpellUnderlines, ("_on_change", "_on_cursor", "_on_scroll", "check_now", "_checked",
                                              "_finished", "schedule")),
                           (Outline, ("_changed", "_follow_caret", "refresh")),
                           (WordCounts, ("count_body", "count_selection"))):
            for name in names:
                setattr(cls, name, self._timed(getattr(cls, name)))

    def _timed(self, method):  # noqa: ANN001, ANN202 - any slot
        clock = self

        def timed(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
            if threading.get_ident() != clock.gui:
                return method(*args, **kwargs)
            start, cpu = time.perf_counter(), time.thread_time()
            try:
                return method(*args, **kwargs)
            finally:
                took = (time.perf_counter() - start) * 1000
                clock.cpu += (time.thread_time() - cpu) * 1000
                clock.spent += took
                clock.calls.append((method.__qualname__, took))
        return timed


CLOCK = AidsClock()


def misspelled_post() -> str:
    """The keystroke bench's 20,000-word post, with a misspelling on every paragraph line."""
    text = post(20000, 50)
    return text.replace("and the hard part", "and teh hard part").replace("keeping hot data", "keeping hot dataa")


class Figures:
    """Per keystroke (or event-loop pass): the whole cost and the aids' share of it."""

    def __init__(self) -> None:
        self.key: list[float] = []
        self.aids: list[float] = []
        self.aids_cpu: list[float] = []

    def run(self, app: QApplication, send: Callable[[], None]) -> None:
        CLOCK.reset()
        start = time.perf_counter()
        send()
        app.processEvents()
        self.key.append((time.perf_counter() - start) * 1000)
        self.aids.append(CLOCK.spent)
        self.aids_cpu.append(CLOCK.cpu)

    def pause(self, app: QApplication, seconds: float) -> None:
        """Spin the event loop: each pass that did something counts as one more figure."""
        end = time.perf_counter() + seconds
        while time.perf_counter() < end:
            CLOCK.reset()
            start = time.perf_counter()
            app.processEvents()
            took = (time.perf_counter() - start) * 1000
            if took > 0.05:  # an idle pass is no work
                self.key.append(took)
                self.aids.append(CLOCK.spent)
                self.aids_cpu.append(CLOCK.cpu)
            time.sleep(0.002)


def typing(app: QApplication, editor: QWidget, keys: str) -> Figures:
    figures = Figures()
    for key in keys:
        figures.run(app, lambda k=key: QTest.keyClick(editor, k))
    return figures


def word_at_a_time(app: QApplication, editor: QWidget, words: int = 12) -> tuple[Figures, Figures]:
    """Type a word, pause for the check: the keys, and the event loop's passes in the pauses."""
    keys, loop = Figures(), Figures()
    for index in range(words):
        for key in ["teh ", "word ", "recieve ", "fine "][index % 4]:
            keys.run(app, lambda k=key: QTest.keyClick(editor, k))
        loop.pause(app, 0.45)
    return keys, loop


def keys_during_a_check(app: QApplication, editor: QWidget, check: Callable[[], None] | None,
                        runs: int = 20) -> Figures:
    """A key right after a check went to the worker (`check`; None with the aids off)."""
    figures = Figures()
    for index in range(runs):
        settle(app, 0.35)
        if check is not None:
            check()
        figures.run(app, lambda k="abcdefghij"[index % 10]: QTest.keyClick(editor, k))
    return figures


def paging(app: QApplication, editor: QWidget, pages: int = 20) -> tuple[Figures, Figures]:
    keys, loop = Figures(), Figures()
    for _ in range(pages):
        keys.run(app, lambda: QTest.keyClick(editor, Qt.Key.Key_PageDown))
        loop.pause(app, 0.15)
    return keys, loop


def row(label: str, costs: list[float]) -> str:
    if not costs:
        return f"{label:44} {'—':>7}"
    p95 = statistics.quantiles(costs, n=20, method="inclusive")[18] if len(costs) >= 20 else max(costs)
    ok = p95 <= P95_TARGET and max(costs) <= FRAME
    return f"{label:44} {statistics.median(costs):7.1f} {p95:7.1f} {max(costs):7.1f}  {'yes' if ok else 'NO'}"


def caret_to(editor: MarkdownEditor, where: str) -> None:
    cursor = editor.textCursor()
    if where == "end":
        cursor.movePosition(QTextCursor.MoveOperation.End)
    else:
        cursor.setPosition(editor.document().findBlockByNumber(editor.document().blockCount() // 2).position())
    editor.setTextCursor(cursor)
    editor.centerCursor()


def measure(app: QApplication, editor: MarkdownEditor, check: Callable[[], None] | None) -> list[tuple[str, Figures]]:
    found: list[tuple[str, Figures]] = []
    caret_to(editor, "end")
    settle(app, 1)
    found.append(("typing at the end (200 keys)", typing(app, editor, (WORDS * 3)[:200])))
    settle(app, 1)
    caret_to(editor, "middle")
    settle(app, 1)
    found.append(("typing in the middle (200 keys)", typing(app, editor, (WORDS * 3)[:200])))
    keys, loop = word_at_a_time(app, editor)
    found.append(("a word at a time, checked in each pause", keys))
    found.append(("  event-loop passes in those pauses", loop))
    found.append(("a key right after a check went out", keys_during_a_check(app, editor, check)))
    editor.moveCursor(QTextCursor.MoveOperation.Start)
    settle(app, 0.5)
    keys, loop = paging(app, editor)
    found.append(("Page Down through the post", keys))
    found.append(("  event-loop passes while paging", loop))
    return found


def report(title: str, on: list[tuple[str, Figures]], off: list[tuple[str, Figures]]) -> None:
    print(f"\n{title:44} {'median':>7} {'p95':>7} {'max':>7}  ok")
    for (label, figures), (_, without) in zip(on, off):
        print(label)
        print(row("  the writing aids' own code", figures.aids))
        print(row("  the same in CPU time", figures.aids_cpu))
        print(row("  the whole key, aids on", figures.key))
        print(row("  the whole key, aids off", without.key))


def slowest() -> None:
    CLOCK.reset()
    spent, calls = CLOCK.slowest
    print(f"the aids' slowest moment: {spent:.1f} ms: " + ", ".join(f"{name} {ms:.1f}" for name, ms in calls
                                                                   if ms >= 0.1))
    CLOCK.slowest = (0.0, [])


class EditorWindow(QMainWindow):
    """The editor alone in a window (no web page in it), with or without the writing aids."""

    def __init__(self, text: str, runner: TaskRunner, aids: bool) -> None:
        super().__init__()
        self.editor = MarkdownEditor()
        self.setCentralWidget(self.editor)
        self.spelling: SpellUnderlines | None = None
        if aids:
            self.spelling = SpellUnderlines(self.editor, runner, SpellChecker(preferred="en_US"))
            panel, counts = OutlinePanel(), CountsWidget()
            dock = QDockWidget("Outline")
            dock.setWidget(panel)
            self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)
            self.outline = Outline(self.editor, panel)
            self.statusBar().addPermanentWidget(counts)
            goals: dict[str, int] = {}
            self.counts = WordCounts(self.editor, counts, lambda: goals, goals.__setitem__)
        self.resize(1440, 900)
        self.editor.set_text(text)
        if aids:
            self.spelling.set_post("posts/long.md")
            self.counts.set_post("posts/long.md")


def bare_editor(app: QApplication, text: str, rounds: int = 2) -> None:
    """The editor alone, with and without the aids, measured in turns (the machine's other work
    then weighs on both alike)."""
    runner = TaskRunner()
    pooled: dict[bool, list[tuple[str, Figures]]] = {}
    for _ in range(rounds):
        for aids in (True, False):
            window = EditorWindow(text, runner, aids)
            window.show()
            window.editor.setFocus()
            settle(app, 2)
            if aids:
                window.outline.reset()
                assert window.editor._layers.get(LAYER), "nothing underlined"
            CLOCK.reset()
            found = measure(app, window.editor, window.spelling.check_now if window.spelling else None)
            if aids in pooled:
                for (_, figures), (_, more) in zip(pooled[aids], found):
                    figures.key += more.key
                    figures.aids += more.aids
                    figures.aids_cpu += more.aids_cpu
            else:
                pooled[aids] = found
            window.close()
    slowest()
    report("the editor alone in a window", pooled[True], pooled[False])
    runner.shutdown()


def main() -> int:
    CLOCK.install()
    app = create_application()
    folder = Path(tempfile.mkdtemp(prefix="postdesk-bench-blog-"))
    root = install_sample_blog(resource_path("sample-blog"), folder / "blog", folder / "origin.git")
    (root / "posts/long.md").write_text(misspelled_post(), encoding="utf-8")
    window = MainWindow(UiContext(Workspace.open(root, default_paths()), TaskRunner(), Notifier(interactive=False)))
    window.resize(1440, 900)
    window.show()
    settle(app, 3)
    window.preview.hide()
    window.writing.dock.show()
    assert window.controller.open_post("posts/long.md")
    editor = window.editor_pane.editor
    editor.setFocus()
    settle(app, 3)
    assert window.writing.spelling.enabled and editor._layers.get(LAYER), \
        "nothing underlined: is the en_US dictionary installed?"
    assert window.writing.outline_panel.items, "the outline is empty"
    print(f"Qt platform: {QApplication.platformName()}; {len(editor.text().split()):,} words, "
          f"{len(editor._layers[LAYER])} words underlined on screen, "
          f"{len(window.writing.outline_panel.items)} headings in the outline")
    CLOCK.reset()
    CLOCK.slowest = (0.0, [])
    on = measure(app, editor, window.writing.spelling.check_now)
    slowest()
    # The same with every aid off: spell checking, the outline, the counts.
    window.change_settings(replace(window.context.workspace.settings, spell_check=False))
    window.writing.dock.hide()
    window.editor_pane.editor.textChanged.disconnect(window.writing.counts.timer.start)
    window.context.notifier.answers[:] = ["discard"]
    window.controller.open_post("posts/caching-unsung-hero.md")
    assert window.controller.open_post("posts/long.md")
    settle(app, 2)
    off = measure(app, editor, None)
    report("the main window, preview hidden (ms)", on, off)
    window.context.notifier.answers[:] = ["discard"]
    window.close()
    bare_editor(app, misspelled_post())
    return 0


if __name__ == "__main__":
    sys.exit(main())
