"""Progress reports and cancellation for long core operations, without Qt.

Long operations (push, pull, library scan) take an optional `ProgressCallback` and an optional
`CancelToken`; the UI's worker turns the callback into a signal and its Cancel button into
`CancelToken.cancel()`.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Callable

from desktop_app.core.errors import Cancelled


@dataclass(frozen=True)
class Progress:
    """One progress report: `fraction` in [0, 1] or None when unknown, and what is happening."""

    message: str
    fraction: float | None = None


ProgressCallback = Callable[[Progress], None]


def no_progress(_: Progress) -> None:
    """A progress callback that ignores reports."""


class CancelToken:
    """A flag a worker checks; set from any thread."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def raise_if_cancelled(self) -> None:
        if self._event.is_set():
            raise Cancelled()
