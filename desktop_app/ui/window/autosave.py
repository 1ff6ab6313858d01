"""Autosave to the file (Preferences → Autosave, off by default): the open post is saved a moment
after typing pauses.

It never writes over a change made outside Postdesk: when the file on disk is no longer what
Postdesk last read or saved (a pull, another editor), it saves nothing, says so once, and lets
the outside-change message (Reload / Keep mine / Compare) decide; choosing there resumes it.
A read-only or deleted post is not saved either, nor while a dialog is asking something.
"""

from __future__ import annotations

from typing import Callable, Protocol

from PySide6.QtCore import QObject, QTimer, SignalInstance
from PySide6.QtWidgets import QApplication

from desktop_app.core.document.open_post import PostDocument
from desktop_app.core.errors import PostdeskError
from desktop_app.core.settings import Settings
from desktop_app.core.workspace import Workspace
from desktop_app.ui.context import UiContext
from desktop_app.ui.editor.editor import EditorPane


class PostController(Protocol):
    """What autosave needs of `post_controller.PostController`."""

    context: UiContext
    workspace: Workspace
    document: PostDocument | None
    editor_pane: EditorPane
    post_opened: SignalInstance

    def is_modified(self) -> bool: ...
    def save(self, quiet: bool = False) -> bool: ...
    def check_disk(self) -> None: ...


class Autosave(QObject):
    """Restarts its timer on every edit; when it runs out, saves if it safely can."""

    def __init__(self, controller: PostController, settings: Callable[[], Settings],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.controller, self.settings = controller, settings
        self.timer = QTimer(self, singleShot=True)
        self.timer.timeout.connect(self.save_now)
        self.held: str | None = None  # the post whose file changed outside, already said
        self.saves = 0  # autosaves done, for tests and the curious
        controller.editor_pane.text_changed.connect(self._typed)
        controller.post_opened.connect(lambda _path: self.timer.stop())

    def _typed(self) -> None:
        settings = self.settings()
        if settings.autosave and self.controller.document is not None:
            self.timer.start(settings.autosave_delay_s * 1000)

    def save_now(self) -> bool:
        """Save the open post if autosave is on and it is safe; True when it was written."""
        controller, document = self.controller, self.controller.document
        if not self.settings().autosave or document is None or not controller.is_modified():
            return False
        if document.locked or document.gone:
            return False  # the writer decides those (unlock, or save a deleted post again)
        if QApplication.activeModalWidget() is not None:
            self.timer.start()  # a question is open (unsaved changes?): ask again after it
            return False
        if self._changed_outside(document):
            if self.held != document.path:
                self.held = document.path
                controller.context.notifier.note(
                    f"Not autosaved: {document.path} changed on disk. Reload it or keep your version first.")
            controller.check_disk()  # shows Reload / Keep mine / Compare
            return False
        self.held = None
        if controller.save(quiet=True):
            self.saves += 1
            return True
        return False

    def _changed_outside(self, document: PostDocument) -> bool:
        try:
            return self.controller.workspace.read_post(document.path).text != document.saved_text
        except FileNotFoundError:
            return True  # gone since the last check: the outside-change message will say where
        except (PostdeskError, OSError):
            return True  # unreadable now: nothing is written over what cannot be read
