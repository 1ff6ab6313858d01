"""Keeps the open post's unsaved text in the recovery journal while the writer types.

A pause of a couple of seconds (or ten seconds of typing without one) writes the text to the
journal (`core/document/recovery.py`), on a worker of its own so writes and clears happen in the order they
were asked for. Saving or discarding the edits clears the post's entry; nothing here ever
writes to the post's own file.
"""

from __future__ import annotations

import time
from typing import Protocol

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal, SignalInstance

from desktop_app.core.document.open_post import PostDocument
from desktop_app.core.document.recovery import RecoveryStore, text_digest
from desktop_app.core.errors import PostdeskError
from desktop_app.core.workspace import Workspace
from desktop_app.ui.context import UiContext
from desktop_app.ui.editor.editor import EditorPane, MarkdownEditor
from desktop_app.ui.workers import TaskRunner


class PostController(Protocol):
    """What the journal needs of the window's `PostController` (`ui/window/`, a layer above)."""

    context: UiContext
    workspace: Workspace
    document: PostDocument | None
    editor: MarkdownEditor
    editor_pane: EditorPane
    large: bool
    saved: SignalInstance
    discarded: SignalInstance
    renamed: SignalInstance
    deleted: SignalInstance

    def can_edit(self) -> bool: ...

IDLE_MS = 2000  # a pause in typing this long writes the journal
LARGE_IDLE_MS = 5000  # for a large post, whose text takes a third of a second to read out
MAX_UNWRITTEN_S = 10.0  # typing without a pause still writes it this often


class RecoveryJournal(QObject):
    """Signals: `written(path)` after the journal holds the post's text; `cleared(path)`."""

    written = Signal(str)
    cleared = Signal(str)

    def __init__(self, controller: PostController, store: RecoveryStore, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.store = store
        self.repository = str(controller.workspace.root)
        self.runner = TaskRunner(self, max_threads=1)  # one thread: writes and clears stay in order
        self.runner.crashed.connect(controller.context.notifier.crash)
        self._idle = QTimer(self, singleShot=True, interval=IDLE_MS)
        self._idle.timeout.connect(self.flush)
        self._unwritten_since: float | None = None
        self._failing = False  # said once that the journal cannot be written; quiet until it can
        controller.editor_pane.text_changed.connect(self._edited)
        controller.saved.connect(self.clear)
        controller.discarded.connect(self.clear)
        controller.deleted.connect(self.clear)
        controller.renamed.connect(self._renamed)

    def _edited(self) -> None:
        if not self.controller.can_edit():
            return
        now = time.monotonic()
        if self._unwritten_since is None:
            self._unwritten_since = now
        if now - self._unwritten_since >= MAX_UNWRITTEN_S:
            self.flush()
        else:
            self._idle.start(LARGE_IDLE_MS if self.controller.large else IDLE_MS)

    def flush(self) -> None:
        """Journal the open post's text now, if it differs from the file."""
        self._idle.stop()
        self._unwritten_since = None
        controller = self.controller
        document = controller.document
        if document is None or not controller.can_edit():
            return
        text = controller.editor.text()
        path = document.path
        if not document.is_modified(text):
            self.clear(path)
            return
        base, form, store, repository = text_digest(document.saved_text), document.form, self.store, self.repository
        self.runner.start(lambda: store.write(repository, path, text, base, form),
                          on_done=lambda _entry: self._written(path), on_error=self._failed)

    def clear(self, path: str) -> None:
        self._idle.stop()
        self._unwritten_since = None
        store, repository = self.store, self.repository
        self.runner.start(lambda: store.clear(repository, path), on_done=lambda _none: self._cleared(path))

    def _renamed(self, old: str, _new: str) -> None:
        self.clear(old)
        self.flush()  # under the new name, if there is anything unsaved

    def _written(self, path: str) -> None:
        if shiboken6.isValid(self):  # the window may have closed while the write ran
            self._failing = False
            self.written.emit(path)

    def _cleared(self, path: str) -> None:
        if shiboken6.isValid(self):
            self.cleared.emit(path)

    def _failed(self, error: PostdeskError) -> None:
        if not shiboken6.isValid(self) or self._failing:
            return
        self._failing = True
        self.controller.context.notifier.error(PostdeskError(
            "Postdesk could not keep a recovery copy of your unsaved text.", details=error.message,
            hint="Save the post to keep it safe; the recovery copy is tried again as you type."))

    def shutdown(self) -> None:
        """Let pending writes and clears finish (the window is closing)."""
        self.runner.pool.waitForDone(5000)
