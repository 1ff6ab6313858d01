"""Puts crash recovery into the main window: the journal while typing, the offer at start.

`install_recovery(window)` opens this run's journal session, starts the `RecoveryJournal`, adds
File → Recover Unsaved Work…, and, once the library has loaded, offers what an earlier run left
unsaved (found on a worker). Closing the window ends the session cleanly.
"""

from __future__ import annotations

from typing import Protocol

import shiboken6
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenuBar

from desktop_app.core.document.recovery import RecoveryOffer, RecoveryStore
from desktop_app.core.errors import PostdeskError
from desktop_app.core.workspace import Workspace
from desktop_app.ui.actions import Actions
from desktop_app.ui.context import UiContext
from desktop_app.ui.recovery.dialog import RecoveryDialog
from desktop_app.ui.recovery.journal import RecoveryJournal
from desktop_app.ui.window.post_controller import PostController


class MainWindow(Protocol):
    """What recovery needs of `mainwindow.MainWindow` (a QMainWindow, the parent of what this adds),
    which calls `install_recovery`: named here, so the window and its wiring do not import each other."""

    context: UiContext
    controller: PostController
    actions: Actions

    def menuBar(self) -> QMenuBar: ...  # noqa: N802 - Qt's name


def find_offers(store: RecoveryStore, workspace: Workspace) -> list[RecoveryOffer]:
    """Runs on a worker: what earlier runs left unsaved in this repository."""
    def read_disk(path: str) -> str | None:
        try:
            return workspace.read_post(path).text
        except FileNotFoundError:
            return None
        except PostdeskError as error:
            raise ValueError(error.message) from error
    return store.offers(str(workspace.root), read_disk)


class Recovery:
    """The window's journal, its store and the offer of what an earlier run left."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        workspace = window.context.workspace
        self.store = RecoveryStore(workspace.paths.recovery_dir)
        try:
            self.store.open_session()
        except OSError as error:  # the data folder is read-only or full: say so, keep working
            window.context.notifier.error(PostdeskError(
                "Postdesk cannot keep recovery copies of unsaved text in this session.",
                details=f"{workspace.paths.recovery_dir}: {error.strerror or error}",
                hint="Save often; check that your data folder is writable."))
        self.journal = RecoveryJournal(window.controller, self.store, window)
        self.dialog: RecoveryDialog | None = None
        self.action = QAction("Recover Unsaved Work…", window)
        self.action.setObjectName("recoverAction")
        self.action.setStatusTip("Unsaved text an earlier Postdesk left behind when it closed without saving")
        self.action.triggered.connect(lambda: self.look(quiet=False))
        menu = next((item.menu() for item in window.menuBar().actions()
                     if item.text().replace("&", "") == "File"), None)
        if menu is not None:
            menu.insertAction(window.actions.save, self.action)
        window.controller.library_loaded.connect(self._first_look)

    def _first_look(self, _posts: list) -> None:
        self.window.controller.library_loaded.disconnect(self._first_look)
        self.look(quiet=True)

    def look(self, quiet: bool) -> None:
        """Find what earlier runs left (on a worker) and offer it; `quiet`: say nothing if none."""
        store, workspace = self.store, self.window.context.workspace
        self.window.context.runner.start(lambda: find_offers(store, workspace),
                                         on_done=lambda offers: self._offer(offers, quiet))

    def _offer(self, offers: list[RecoveryOffer], quiet: bool) -> None:
        if not shiboken6.isValid(self.window):
            return
        if not offers:
            if not quiet:
                self.window.context.notifier.note("There is no unsaved work to recover.")
            return
        if self.dialog is not None:
            self.dialog.raise_()
            return
        dialog = RecoveryDialog(self.window.context, offers, self.window)
        dialog.restore.connect(self._restore)
        dialog.discard.connect(lambda offer: self.journal.clear(offer.entry.path))
        dialog.finished.connect(lambda _result: self._closed(dialog))
        self.dialog = dialog
        dialog.open()

    def _restore(self, offer: RecoveryOffer) -> None:
        entry = offer.entry
        if not self.window.controller.open_recovered(entry.path, entry.text, entry.form):
            self.window.context.notifier.note(f"{entry.path} was not restored; it is offered again next time.")

    def _closed(self, dialog: RecoveryDialog) -> None:
        self.dialog = None
        dialog.deleteLater()

    def shutdown(self) -> None:
        self.journal.shutdown()
        self.store.close_session()


def install_recovery(window: MainWindow) -> Recovery:
    return Recovery(window)
