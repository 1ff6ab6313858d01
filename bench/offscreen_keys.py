"""Typing into a widget in this process, offscreen, and what each key cost: the helpers the
writing benchmarks share (bench/writing_modes.py, bench/writing.py, bench/journal.py).
bench/keystrokes.py measures the whole window under a real X display as well."""

from __future__ import annotations

import statistics
import time

from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

P95_TARGET, FRAME = 8.0, 16.0  # milliseconds a key: the typing targets (issue 16)


def settle(app: QApplication, seconds: float) -> None:
    """Let the event loop run for `seconds` (renders, timers, page patches)."""
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.005)


def type_keys(app: QApplication, editor: QWidget, keys: str) -> list[float]:
    """Milliseconds each key of `keys` took, its events processed (highlighting included)."""
    costs = []
    for key in keys:
        start = time.perf_counter()
        QTest.keyClick(editor, key)
        app.processEvents()
        costs.append((time.perf_counter() - start) * 1000)
    return costs


def paced_keys(app: QApplication, editor: QWidget, keys: str, gap: float = 0.1) -> list[float]:
    """Type at a writer's pace: renders and page patches run between the keys."""
    costs = []
    for key in keys:
        costs += type_keys(app, editor, key)
        settle(app, gap)
    return costs


def report(label: str, costs: list[float]) -> None:
    """One line: median, 95th percentile and maximum beside the targets."""
    p95 = statistics.quantiles(costs, n=20, method="inclusive")[18] if len(costs) >= 20 else max(costs)
    ok = p95 <= P95_TARGET and max(costs) <= FRAME
    print(f"{label:44} {statistics.median(costs):8.1f} {p95:8.1f} {max(costs):8.1f}  {'yes' if ok else 'NO'}")
