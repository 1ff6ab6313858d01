"""Feeds the form from the editor's text: at once for ordinary front matter, on a worker for a huge one.

Reading front matter costs about a microsecond a character: nothing for a post's usual dozen
keys, over a second for 100,000 of them, which on the GUI thread would freeze the window each
time typing pauses. Front matter over `WORKER_FRONT` characters is therefore read on a worker:
the window opens and takes keys at once, and the form follows when the read is done. At most one
read runs at a time; the newest request waits for it, replacing older waiting ones; and a result
is shown only if the text did not change since it was read (the change has asked for a newer one).
Small front matter is still read at once, so the form is current as soon as a post opens.
"""

from __future__ import annotations

from typing import Callable

import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtGui import QTextDocument

from desktop_app.ui.form.form import FrontMatterForm
from desktop_app.ui.form.form_state import FormState
from desktop_app.ui.workers import TaskRunner

WORKER_FRONT = 20_000  # characters of front matter read on the GUI thread (about 10 ms)


def front_matter_size(text: str) -> int:
    """Roughly how many characters the front matter spans, found without reading it (str.find
    runs at memory speed; a regex over a 5 MB line took 60 ms)."""
    start = 1 if text.startswith("\ufeff") else 0
    for delimiter in ("---", "+++"):
        if text.startswith(delimiter, start):
            end = text.find("\n" + delimiter, start + len(delimiter))
            return end if end >= 0 else len(text)
    if text.startswith("{", start):  # JSON front matter ends with a `}` line
        end = text.find("\n}", start)
        return end if end >= 0 else len(text)
    return 0


class FormFeed(QObject):
    """`refresh(text, compute)` shows `compute()`'s FormState through `show`, now or after a worker."""

    def __init__(self, runner: TaskRunner, document: QTextDocument, form: FrontMatterForm,
                 show: Callable[[FormState], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.form = form
        self._show = show
        self._generation = 0  # counts text changes: a read of an older text is not shown
        self._waiting: tuple[int, Callable[[], FormState]] | None = None
        self._running = False
        document.contentsChanged.connect(self._changed)

    @property
    def reading(self) -> bool:
        """A read runs on a worker (the form shows what it showed before, or nothing yet)."""
        return self._running

    def refresh(self, text: str, compute: Callable[[], FormState]) -> None:
        if front_matter_size(text) <= WORKER_FRONT:
            self._generation += 1  # a read still running is of an older text now
            self._show(compute())
            return
        self._waiting = (self._generation, compute)
        if not self._running:
            self._start()

    def _changed(self) -> None:
        self._generation += 1

    def _start(self) -> None:
        assert self._waiting is not None
        generation, compute = self._waiting
        self._waiting = None
        self._running = True
        self.form.show_reading(True)
        self.runner.start(compute, on_done=lambda state: self._done(generation, state),
                          on_finally=self._finished)

    def _done(self, generation: int, state: FormState) -> None:
        if shiboken6.isValid(self) and generation == self._generation:
            self._show(state)

    def _finished(self) -> None:
        if not shiboken6.isValid(self):
            return
        self._running = False
        if self._waiting is not None:
            self._start()
        else:
            self.form.show_reading(False)
