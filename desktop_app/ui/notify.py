"""The only place that shows messages: error dialogs, status-bar notes and the crash dialog.

Widgets never build a QMessageBox themselves; they call the `Notifier` they were given, so tests
can read what the user would have seen (`Notifier.history`) and no dialog blocks a test.
"""

from __future__ import annotations

import sys
import traceback
from types import TracebackType
from typing import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop_app.core.errors import PostdeskError

SAVE, DISCARD, CANCEL = "save", "discard", "cancel"
HISTORY_LIMIT = 1000  # messages kept for tests and the status bar's recent notes
ISSUES_HINT = "This is a bug in Postdesk. Your files were not changed by it."


class Notifier(QObject):
    """Shows errors and notes; `interactive=False` (tests) records them instead of opening dialogs."""

    status = Signal(str, int)  # message, timeout in ms
    shown = Signal(str, str)  # kind, message — for tests and the status bar

    def __init__(self, parent_widget: Callable[[], QWidget | None] = lambda: None,
                 interactive: bool = True) -> None:
        super().__init__()
        self._parent = parent_widget
        self.interactive = interactive
        self.history: list[tuple[str, str]] = []
        self.answers: list[bool | str] = []  # replies to questions when not interactive

    def _record(self, kind: str, message: str) -> None:
        self.history.append((kind, message))
        if len(self.history) > HISTORY_LIMIT:  # a day of saves and pulls must not grow without end
            del self.history[:HISTORY_LIMIT // 2]
        self.shown.emit(kind, message)

    def note(self, message: str, timeout_ms: int = 4000) -> None:
        """A passing remark in the status bar (saved, pushed …)."""
        self._record("note", message)
        self.status.emit(message, timeout_ms)

    def error(self, error: PostdeskError, title: str = "Postdesk") -> None:
        """An expected failure: its sentence, its hint, and git's output under Details."""
        text = error.message
        self._record("error", f"{text} {error.hint}".strip())
        self.status.emit(text, 8000)
        if not self.interactive:
            return
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, self._parent())
        if error.hint:
            box.setInformativeText(error.hint)
        if error.details:
            box.setDetailedText(error.details)
        box.exec()

    def crash(self, details: str) -> None:
        """A bug: say so plainly and offer the traceback."""
        self._record("crash", details.strip().splitlines()[-1] if details.strip() else "error")
        print(details, file=sys.stderr)
        if not self.interactive:
            return
        box = QMessageBox(QMessageBox.Icon.Critical, "Postdesk — unexpected error",
                          "Something went wrong inside Postdesk.", QMessageBox.StandardButton.Ok,
                          self._parent())
        box.setInformativeText(ISSUES_HINT)
        box.setDetailedText(details)
        box.exec()

    def confirm(self, title: str, question: str, action: str, destructive: bool = False) -> bool:
        """Ask a yes/no question with a named action button; tests answer through `answers`."""
        self._record("confirm", question)
        if not self.interactive:
            return self.answers.pop(0) if self.answers else False
        box = QMessageBox(QMessageBox.Icon.Question, title, question, QMessageBox.StandardButton.NoButton,
                          self._parent())
        button = box.addButton(action, QMessageBox.ButtonRole.DestructiveRole if destructive
                               else QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is button

    def ask_unsaved(self, title: str) -> str:
        """Save / Discard / Cancel for a post with unsaved changes; tests answer via `answers`."""
        self._record("unsaved", title)
        if not self.interactive:
            answer = self.answers.pop(0) if self.answers else CANCEL
            return answer if isinstance(answer, str) else (SAVE if answer else CANCEL)
        box = QMessageBox(QMessageBox.Icon.Warning, "Unsaved changes",
                          f"“{title}” has changes that are not saved.", QMessageBox.StandardButton.NoButton,
                          self._parent())
        box.setInformativeText("Save them before continuing?")
        box.setStandardButtons(QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                               | QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        choice = box.exec()
        if choice == QMessageBox.StandardButton.Save:
            return SAVE
        if choice == QMessageBox.StandardButton.Discard:
            return DISCARD
        return CANCEL

    def install_excepthook(self) -> None:
        """Route uncaught exceptions (GUI thread and workers) to the crash dialog."""
        def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
            if isinstance(value, PostdeskError):
                self.error(value)
                return
            self.crash("".join(traceback.format_exception(kind, value, tb)))
        sys.excepthook = hook
