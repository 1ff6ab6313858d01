"""Answers git's and ssh's questions from the window: the askpass server plus its dialogs.

`install_askpass` starts a `AskpassServer` in `core/git/askpass_channel.py` for the window and gives the
workspace's `GitRepo` its askpass program, so a pull or push running on a worker can ask for a
password, token, passphrase or host-key confirmation. The question arrives on a server thread,
crosses to the GUI thread through a queued signal, and is shown as a window-modal
`CredentialDialog` (opened, never `exec`ed: the event loop keeps running and the worker waits).
One dialog at a time; a question whose git process went away closes its dialog.

git asks for the user name and the password in two prompts; the dialog asks for both at once and
hands the password to the second prompt of the same git process (kept in memory for at most a
minute, for that prompt only).
"""

from __future__ import annotations

import time
from collections import deque
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QDialog, QWidget

from desktop_app.core.git.askpass_channel import AskpassServer, PendingPrompt, supported
from desktop_app.core.git.credential_prompts import PASSWORD, USERNAME
from desktop_app.ui.context import UiContext
from desktop_app.ui.git.credential_dialog import CredentialDialog

_PASSWORD_KEPT_SECONDS = 60.0


@dataclass
class _Typed:
    """The password typed with a user name, waiting for git's password prompt."""

    parent: int
    target: str
    user: str
    secret: str
    until: float


class AskpassService(QObject):
    """The window's askpass: `program` goes to GitRepo(askpass=…); `dialog` is the open one."""

    requested = Signal(object)  # PendingPrompt, emitted on a server thread
    abandoned = Signal(object)  # PendingPrompt whose git process went away
    dialog_opened = Signal(object)  # CredentialDialog (tests drive it)

    def __init__(self, window: QWidget, runtime_parent: object = None) -> None:
        super().__init__(window)
        self._window = window
        self._queue: deque[PendingPrompt] = deque()
        self._current: tuple[PendingPrompt, CredentialDialog] | None = None
        self._typed: _Typed | None = None
        self.asked = 0  # questions shown to the user (tests check "no dialog was needed")
        self.requested.connect(self._on_requested)
        self.abandoned.connect(self._on_abandoned)
        self.server = AskpassServer(self.requested.emit, runtime_parent)  # type: ignore[arg-type]
        server = self.server  # closed by these even when this object is already gone
        window.destroyed.connect(lambda *_: server.close())
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(server.close)

    @property
    def program(self) -> str:
        return self.server.program

    @property
    def dialog(self) -> CredentialDialog | None:
        return self._current[1] if self._current else None

    def close(self) -> None:
        self._typed = None
        if self._current is not None:
            self._current[1].reject()
        self.server.close()

    # --- questions -------------------------------------------------------------------------------

    def _on_requested(self, pending: PendingPrompt) -> None:
        pending.on_abandoned(lambda: self.abandoned.emit(pending))
        self._queue.append(pending)
        if self._current is None:
            self._show_next()

    def _show_next(self) -> None:
        while self._queue:
            pending = self._queue.popleft()
            if pending.settled or pending.abandoned.is_set():
                continue
            if self._answer_from_typed(pending):
                continue
            dialog = CredentialDialog(pending.prompt, self._window)
            self._current = (pending, dialog)
            dialog.finished.connect(lambda result, p=pending, d=dialog: self._finished(p, d, result))
            self.asked += 1
            dialog.open()
            self.dialog_opened.emit(dialog)
            return

    def _answer_from_typed(self, pending: PendingPrompt) -> bool:
        typed, prompt = self._typed, pending.prompt
        if typed is None or prompt.kind != PASSWORD:
            return False
        self._typed = None
        if (time.monotonic() > typed.until or typed.parent != pending.parent or typed.target != prompt.target
                or (prompt.user and prompt.user != typed.user)):
            return False
        pending.answer(typed.secret)
        return True

    def _finished(self, pending: PendingPrompt, dialog: CredentialDialog, result: int) -> None:
        if self._current is not None and self._current[0] is pending:
            self._current = None
        if result == QDialog.DialogCode.Accepted:
            if pending.prompt.kind == USERNAME and dialog.password():
                self._typed = _Typed(pending.parent, pending.prompt.target, dialog.answer(), dialog.password(),
                                     time.monotonic() + _PASSWORD_KEPT_SECONDS)
            pending.answer(dialog.answer())
        elif dialog.declined:
            pending.decline(dialog.answer())
        else:
            pending.cancel()
        dialog.forget()
        dialog.deleteLater()
        self._show_next()

    def _on_abandoned(self, pending: PendingPrompt) -> None:
        if self._current is not None and self._current[0] is pending:
            self._current[1].reject()  # git is gone: nothing to answer


def install_askpass(context: UiContext, window: QWidget) -> AskpassService | None:
    """Give the workspace's repository an askpass answered by dialogs over `window`.

    Call before widgets take `context.workspace.repo`. Returns None where the askpass program
    cannot run (Windows): git and ssh then stay non-interactive.
    """
    if not supported():
        return None
    try:
        service = AskpassService(window, context.workspace.paths.cache_dir)
    except OSError:
        return None  # no socket or folder for it: git stays non-interactive, errors say so
    context.workspace.repo = context.workspace.repo.with_askpass(service.program)
    return service
