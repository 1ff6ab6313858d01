"""The window side of `bench/ladder.py`, run as a process of its own for each measurement.

`start REPO`: open the main window on REPO as `postdesk REPO` does and print, as JSON, the seconds
since the process started when the window was shown and when the library listed every post, and
then the process's proportional set size (PSS, MiB) with the library loaded.

`search REPO WORD…`: the library sidebar alone on REPO's posts (listed from the library index,
its full-text search built), typed into key by key at a fast typist's pace, then cleared; prints
the GUI thread's milliseconds for each key and for taking each answer in, and the milliseconds
from each key to its rows.

Qt runs offscreen unless QT_QPA_PLATFORM and DISPLAY say otherwise.
"""

from __future__ import annotations

import gc
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox --disable-gpu --log-level=3")

from desktop_app.self_test import process_age  # noqa: E402

KEY_GAP_S = 0.12  # about eight keys a second


def pss_mib() -> float:
    """This process's proportional set size."""
    for line in Path("/proc/self/smaps_rollup").read_text().splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def run_until(app, done, timeout: float) -> bool:  # noqa: ANN001 - a QApplication
    end = time.monotonic() + timeout
    while not done():
        if time.monotonic() > end:
            return False
        app.processEvents()
        time.sleep(0.002)
    return True


def start(repo: Path) -> dict:
    from desktop_app.app import create_application
    from desktop_app.core.paths import default_paths
    from desktop_app.core.workspace import Workspace
    from desktop_app.ui.context import UiContext
    from desktop_app.ui.notify import Notifier
    from desktop_app.ui.window.mainwindow import MainWindow
    from desktop_app.ui.workers import TaskRunner

    app = create_application()
    window = MainWindow(UiContext(Workspace.open(repo, default_paths()), TaskRunner(), Notifier(interactive=False)))
    timings: dict[str, float] = {}
    model = window.library.model

    def arranged() -> None:
        if "total" in timings and model.settled and model.arrangement.shown == timings["total"]:
            timings.setdefault("listed", process_age())

    def loaded(posts: list) -> None:
        timings.setdefault("total", len(posts))
        arranged()  # a small library is arranged at once, before this signal
    window.controller.library_loaded.connect(loaded)
    model.arranged.connect(arranged)
    window.show()
    timings["shown"] = process_age()
    if not run_until(app, lambda: "listed" in timings, 600):
        raise SystemExit("the library was not listed within 10 minutes")
    run_until(app, lambda: window.controller.document is not None, 60)
    end = time.monotonic() + 3  # the preview, the git badges and the full-text index settle
    run_until(app, lambda: time.monotonic() > end, 10)
    gc.collect()
    timings["pss_mib"] = pss_mib()
    window.context.notifier.answers[:] = ["discard"] * 3
    window.close()
    return timings


def search(repo: Path, words: list[str]) -> dict:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from desktop_app.app import create_application
    from desktop_app.core.paths import default_paths
    from desktop_app.core.workspace import Workspace
    from desktop_app.ui.library.model import LibraryModel
    from desktop_app.ui.library.view import LibraryView
    from desktop_app.ui.notify import Notifier

    taken: list[tuple[float, float]] = []  # (when an answer was taken in, GUI milliseconds it cost)
    show = LibraryModel._show

    def timed_show(self: LibraryModel, generation: int, arrangement: object) -> None:
        begin = time.perf_counter()
        show(self, generation, arrangement)  # type: ignore[arg-type]
        taken.append((begin, (time.perf_counter() - begin) * 1000))
    LibraryModel._show = timed_show  # type: ignore[method-assign]

    app = create_application()
    workspace = Workspace.open(repo, default_paths())
    posts = workspace.scan()
    workspace.index.build_search()
    view = LibraryView(Notifier(interactive=False))
    view.resize(340, 900)
    view.set_index(workspace.index)
    view.set_posts(posts)
    view.show()
    run_until(app, lambda: view.model.settled, 120)
    run_until(app, lambda: False, 0.5)
    keys: list[dict] = []

    def press(key: object, text: str) -> None:
        taken.clear()
        begin = time.perf_counter()
        QTest.keyClick(view.search, key)  # type: ignore[arg-type]
        cost = (time.perf_counter() - begin) * 1000
        run_until(app, lambda: view.model.settled, 30)
        end = time.monotonic() + KEY_GAP_S
        run_until(app, lambda: time.monotonic() > end, 5)  # the rows are painted meanwhile
        answers = [ms for at, ms in taken]
        keys.append({"key": text, "gui_ms": cost, "answer_gui_ms": max(answers, default=0.0),
                     "result_ms": (taken[-1][0] - begin) * 1000 + (taken[-1][1] if taken else 0) if taken else cost,
                     "rows": view.model.arrangement.shown})

    view.search.setFocus()
    for word in words:
        for char in word:
            press(char, char)
        press(Qt.Key.Key_Space, " ")
    typed = list(keys)
    keys.clear()
    QTest.keyClick(view.search, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    press(Qt.Key.Key_Backspace, "clear")
    return {"posts": len(posts), "typed": typed, "cleared": keys}


def main() -> int:
    mode, repo, *rest = sys.argv[1:]
    result = start(Path(repo)) if mode == "start" else search(Path(repo), rest)
    print(json.dumps(result))
    sys.stdout.flush()
    os._exit(0)  # QtWebEngine's helpers are not waited for: the figures are out


if __name__ == "__main__":
    sys.exit(main())
