"""Keeps the open post's unsaved text in the recovery journal while the writer types.

The text is journalled (`core/document/recovery.py`) at most once a second while it changes:
the first change after a write starts a one-second timer, later ones ride along, so a crash or
a `kill -9` loses about a second of typing. The GUI thread only takes the text out of the editor
(a snapshot the preview and the form share) and hands it over; fingerprinting, encoding and the
atomic write run on a worker of the journal's own, so writes and clears happen in the order they
were asked for. Nothing is written when the text has not changed since the last write. A large
post (over a million characters, whose text takes a third of a second to read out) is journalled
after a pause in typing, or every ten seconds without one. Saving or discarding the edits clears
the post's entry; nothing here ever writes to the post's own file.
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

WRITE_EVERY_MS = 1000  # while the text changes, it is journalled this often (at most)
LARGE_IDLE_MS = 5000  # a large post is journalled after a pause in typing this long,
MAX_UNWRITTEN_S = 10.0  # or this often while typing goes on without one


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
        self._timer = QTimer(self, singleShot=True, interval=WRITE_EVERY_MS)
        self._timer.timeout.connect(self.flush)
        self._changes = 0  # text changes seen
        self._journalled = 0  # the change the journal holds (or is being written with): nothing newer, no write
        self._unwritten_since: float | None = None  # a large post: when its first unjournalled change came
        self._failing = False  # said once that the journal cannot be written; quiet until it can
        controller.editor_pane.text_changed.connect(self._edited)
        controller.saved.connect(self.clear)
        controller.discarded.connect(self.clear)
        controller.deleted.connect(self.clear)
        controller.renamed.connect(self._renamed)

    def _edited(self) -> None:
        if not self.controller.can_edit():
            return
        self._changes += 1
        if not self.controller.large:
            if not self._timer.isActive():  # a write is due within the second already otherwise
                self._timer.start(WRITE_EVERY_MS)
            return
        now = time.monotonic()
        if self._unwritten_since is None:
            self._unwritten_since = now
        if now - self._unwritten_since >= MAX_UNWRITTEN_S:
            self.flush()
        else:
            self._timer.start(LARGE_IDLE_MS)

    def flush(self, force: bool = False) -> None:
        """Journal the open post's text now, if it changed since the last write (or `force`) and
        differs from the file."""
        self._timer.stop()
        self._unwritten_since = None
        controller = self.controller
        document = controller.document
        if document is None or not controller.can_edit() or (self._changes == self._journalled and not force):
            return
        self._journalled = self._changes
        text = controller.editor.text()
        path = document.path
        if not document.is_modified(text):
            self.clear(path)
            return
        saved, form, store, repository = document.saved_text, document.form, self.store, self.repository
        self.runner.start(lambda: store.write(repository, path, text, text_digest(saved), form),
                          on_done=lambda _entry: self._written(path), on_error=self._failed)

    def clear(self, path: str) -> None:
        """Forget `path`'s unsaved text (saved, discarded, deleted, or an offer turned down)."""
        document = self.controller.document
        if document is None or document.path == path:  # the open post's text is the file's now
            self._timer.stop()
            self._unwritten_since = None
            self._journalled = self._changes
        store, repository = self.store, self.repository
        self.runner.start(lambda: store.clear(repository, path), on_done=lambda _none: self._cleared(path))

    def _renamed(self, old: str, _new: str) -> None:
        self.clear(old)
        self.flush(force=True)  # under the new name, if there is anything unsaved

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
