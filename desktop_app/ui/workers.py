"""The one way Postdesk runs work off the GUI thread.

A `Job` runs on a `QThreadPool`, handed over as a plain callable: the pool lets go of a callable
once it has run, whereas PySide keeps every `QRunnable` subclass started with auto-delete off
alive as long as the pool (each holding the text it rendered: a leak that grew with every
keystroke of a long session). A job cannot own signals itself, so each has a `JobSignals` carrier
created on the GUI thread; its signals reach GUI-thread slots through queued connections. Every job gets a token; a caller that only wants the newest result compares
tokens and drops late ones. Long jobs receive a progress callback and a cancel token from core.
"""

from __future__ import annotations

import itertools
import sys
import traceback
from typing import Any, Callable

from PySide6.QtCore import QObject, QThreadPool, Signal

from desktop_app.core.errors import Cancelled, PostdeskError
from desktop_app.core.tasks import CancelToken, Progress

_tokens = itertools.count(1)


class JobSignals(QObject):
    """Carries a job's outcome to the GUI thread."""

    progress = Signal(object)  # Progress
    finished = Signal(object)  # the function's result
    failed = Signal(object)  # a PostdeskError
    cancelled = Signal()
    crashed = Signal(str)  # a bug: formatted traceback
    done = Signal()  # after any of the above


class Job:
    """Calls `function(progress=..., cancel=...)` or `function()` on a pool thread. The runner keeps
    it until its signals were delivered; then nothing does."""

    def __init__(self, function: Callable[..., Any], wants_progress: bool) -> None:
        self.token = next(_tokens)
        self.signals = JobSignals()
        self.cancel_token = CancelToken()
        self._function = function
        self._wants_progress = wants_progress

    def cancel(self) -> None:
        self.cancel_token.cancel()

    def run(self) -> None:
        signals = self.signals
        try:
            if self._wants_progress:
                result = self._function(progress=signals.progress.emit, cancel=self.cancel_token)
            else:
                result = self._function()
        except Cancelled:
            signals.cancelled.emit()
        except PostdeskError as error:
            signals.failed.emit(error)
        except Exception:  # noqa: BLE001 - a bug: hand it to the excepthook dialog
            signals.crashed.emit("".join(traceback.format_exception(*sys.exc_info())))
        else:
            signals.finished.emit(result)
        signals.done.emit()


class TaskRunner(QObject):
    """Starts jobs and keeps them alive until they report; one per application window."""

    crashed = Signal(str)
    failed = Signal(object)  # errors of jobs started without an on_error handler

    def __init__(self, parent: QObject | None = None, max_threads: int = 4) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(max_threads)
        self._running: dict[int, Job] = {}
        self._stopped = False  # after shutdown, late results go nowhere: their window is closing

    def start(
        self,
        function: Callable[..., Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[PostdeskError], None] | None = None,
        on_progress: Callable[[Progress], None] | None = None,
        on_cancelled: Callable[[], None] | None = None,
        on_finally: Callable[[], None] | None = None,
    ) -> Job:
        """Run `function` on the pool; handlers run on the GUI thread."""
        job = Job(function, wants_progress=on_progress is not None)
        signals = job.signals
        if on_done is not None:
            signals.finished.connect(self._while_running(on_done))
        signals.failed.connect(self._while_running(on_error if on_error is not None else self.failed.emit))
        if on_progress is not None:
            signals.progress.connect(self._while_running(on_progress))
        if on_cancelled is not None:
            signals.cancelled.connect(self._while_running(on_cancelled))
        signals.crashed.connect(self.crashed.emit)  # a bug is reported even from a closing window
        if on_finally is not None:
            signals.done.connect(self._while_running(on_finally))
        signals.done.connect(lambda token=job.token: self._running.pop(token, None))
        self._running[job.token] = job
        self.pool.start(job.run)
        return job

    def _while_running(self, handler: Callable[..., None]) -> Callable[..., None]:
        """`handler`, unless the runner was shut down by then: a result that arrives after its
        window closed would reach widgets that are gone."""
        return lambda *args: None if self._stopped else handler(*args)

    @property
    def busy(self) -> bool:
        return bool(self._running)

    def shutdown(self, timeout_ms: int = 5000) -> None:
        """Cancel what runs, wait for it, and drop every result still on its way."""
        self._stopped = True
        for job in list(self._running.values()):
            job.cancel()
        self.pool.waitForDone(timeout_ms)
