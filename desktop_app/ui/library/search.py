"""The library's worker thread: arranges the rows for a search, a filter or an order (searching
the library index, filtering, sorting, grouping) so that a keystroke in the search box costs the
GUI thread only the time to take the answer.

Only the newest request is worked on; one still running when a newer arrives is cancelled (the
index stops its query). While there is nothing to arrange, the worker builds the index's
full-text search from the texts the last scan left pending, a chunk at a time.
"""

from __future__ import annotations

import threading
import traceback
from typing import Callable

from PySide6.QtCore import QObject, Signal

from desktop_app.core.errors import Cancelled, PostdeskError
from desktop_app.core.site.library.summaries import split_query
from desktop_app.core.tasks import CancelToken
from desktop_app.ui.library.rows import Arrangement, Request, SearchFunction, SortedPosts, arrange_rows


class _Answers(QObject):
    """Carries answers from the worker's thread to the GUI thread (queued connections)."""

    answered = Signal(int, object)  # generation, Arrangement
    failed = Signal(int, str)  # generation, message


class ArrangeWorker:
    """One thread per library view. `answered(generation, Arrangement)` and
    `failed(generation, message)` arrive on the GUI thread."""

    def __init__(self, search: SearchFunction | None, build: Callable[[CancelToken], object] | None) -> None:
        self._signals = _Answers()  # made on the GUI thread, kept as long as this worker
        self.answered = self._signals.answered
        self.failed = self._signals.failed
        self._search, self._build = search, build
        self._wake = threading.Condition()
        self._request: tuple[int, Request] | None = None
        self._build_wanted = False
        self._cancel = CancelToken()
        self._stopped = False
        self._busy = False
        self._sorted = SortedPosts()  # touched by the worker's thread only
        self._thread = threading.Thread(target=self._run, name="postdesk-library", daemon=True)
        self._thread.start()

    @property
    def pending(self) -> bool:
        """True while a request waits or is being arranged."""
        with self._wake:
            return self._request is not None or self._busy

    def set_search(self, search: SearchFunction | None, build: Callable[[CancelToken], object] | None) -> None:
        with self._wake:
            self._search, self._build = search, build

    def submit(self, generation: int, request: Request) -> None:
        """Arrange `request` next, dropping any older request (cancelled if it is running)."""
        with self._wake:
            self._request = (generation, request)
            self._cancel.cancel()
            self._wake.notify()

    def build_search(self) -> None:
        """Build the index's full-text search when there is nothing to arrange."""
        with self._wake:
            self._build_wanted = True
            self._wake.notify()

    def stop(self, timeout: float = 5.0) -> None:
        """Stop the thread and wait for it (a search or a chunk of the full-text build ends first)."""
        with self._wake:
            self._stopped = True
            self._cancel.cancel()
            self._wake.notify()
        if self._thread is not threading.current_thread():
            self._thread.join(timeout)

    def _run(self) -> None:
        while True:
            with self._wake:
                while not self._stopped and self._request is None and not (self._build_wanted and self._build):
                    self._wake.wait()
                if self._stopped:
                    return
                job, self._request = self._request, None
                build = None
                if job is None:  # nothing to arrange: build the full-text index meanwhile
                    build, self._build_wanted = self._build, False
                self._cancel = cancel = CancelToken()
                search = self._search
                self._busy = job is not None
            if job is not None:
                self._arrange(*job, search, cancel)
            elif build is not None:
                self._build_index(build, cancel)

    def _arrange(self, generation: int, request: Request, search: SearchFunction | None, cancel: CancelToken) -> None:
        try:
            answer: Arrangement = arrange_rows(request, search, cancel, self._sorted)
        except Cancelled:
            return  # a newer request replaced it
        except PostdeskError as error:
            message = error.message
            self._emit(lambda: self.failed.emit(generation, message))
        except Exception:  # noqa: BLE001 - a bug: said, and the worker lives on for the next search
            traceback.print_exc()
            self._emit(lambda: self.failed.emit(generation, "The library could not be searched (a bug: see the terminal)."))
        else:
            self._emit(lambda: self.answered.emit(generation, answer))
            with self._wake:
                idle = self._request is None
            if idle and not split_query(request.query)[0]:  # the next search's first step, before a key
                self._sorted.prepare(request.order, search)
        finally:
            with self._wake:
                self._busy = False

    def _build_index(self, build: Callable[[CancelToken], object], cancel: CancelToken) -> None:
        try:
            build(cancel)
        except Exception:  # noqa: BLE001 - the full-text index is an optimisation: searches work without it
            return
        if cancel.cancelled:  # a request came first: go on once it is answered
            with self._wake:
                self._build_wanted = True

    def _emit(self, send: Callable[[], None]) -> None:
        with self._wake:
            if self._stopped:
                return
        send()
