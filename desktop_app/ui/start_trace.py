"""Moments of a start, written down for `bench/startup.py` when it asks.

With `POSTDESK_START_TRACE=<file>` in the environment, each moment appends a line
`<name> <time.monotonic()>` to that file; the benchmark reads the same clock from outside the
process (CLOCK_MONOTONIC on Linux), so it can set these moments beside what the X server saw
(the window mapped, its first drawing) and beside another editor's start. Without the variable
nothing is written and nothing is watched.
"""

from __future__ import annotations

import os
import time
from typing import Callable

from PySide6.QtCore import QEvent, QObject, SignalInstance
from PySide6.QtWidgets import QWidget

VARIABLE = "POSTDESK_START_TRACE"


def enabled() -> bool:
    return bool(os.environ.get(VARIABLE))


def mark(name: str) -> None:
    """Note that `name` happened now (a no-op unless the benchmark asked)."""
    path = os.environ.get(VARIABLE)
    if not path:
        return
    try:
        with open(path, "a", encoding="utf-8") as trace:
            trace.write(f"{name} {time.monotonic():.6f}\n")
    except OSError:
        pass  # a benchmark's aid: never a reason to fail a start


class _FirstPaint(QObject):
    """Marks `name` the first time `widget` paints while `ready()` holds, then goes away."""

    def __init__(self, widget: QWidget, name: str, ready: Callable[[], bool]) -> None:
        super().__init__(widget)
        self._name, self._ready = name, ready
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Paint and self._ready():
            mark(self._name)
            watched.removeEventFilter(self)
            self.deleteLater()
        return False


def on_first_paint(widget: QWidget, name: str, ready: Callable[[], bool] = lambda: True) -> None:
    """Mark `name` when `widget` first paints with `ready()` true (nothing unless tracing)."""
    if enabled():
        _FirstPaint(widget, name, ready)


def on_first_signal(signal: SignalInstance, name: str) -> None:
    """Mark `name` the first time `signal` fires (nothing unless tracing)."""
    if enabled():
        fired: list[bool] = []
        signal.connect(lambda *_args: None if fired else (fired.append(True), mark(name)))
