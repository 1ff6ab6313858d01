"""A bar above the editor that says something about the open post and offers what to do.

Used where a modal dialog would interrupt typing for something that can wait a moment: the post
changed or vanished on disk, the file is not UTF-8, the post is too large for live highlighting.
Several messages can be up at once (one per `key`); the newest shows on top.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

Action = tuple[str, Callable[[], None]]


@dataclass
class _Shown:
    frame: QFrame
    label: QLabel
    buttons: list[QPushButton]


class MessageBar(QWidget):
    """Signals: `changed()` when a message appears or goes."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageBar")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(0)
        self._shown: dict[str, _Shown] = {}
        self.hide()

    def show_message(self, key: str, text: str, actions: list[Action] = (), kind: str = "warning") -> None:
        """Show `text` under `key` (replacing an earlier message with that key); each action is a
        button that runs its callback and then takes the message away."""
        self.dismiss(key, notify=False)
        frame = QFrame()
        frame.setObjectName(f"message-{kind}")
        frame.setProperty("messageKey", key)
        row = QHBoxLayout(frame)
        row.setContentsMargins(12, 6, 8, 6)
        label = QLabel(text)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row.addWidget(label, 1)
        buttons = []
        for title, callback in actions:
            button = QPushButton(title)
            button.setObjectName("messageAction")
            button.clicked.connect(lambda _=False, key=key, callback=callback: self._run(key, callback))
            row.addWidget(button)
            buttons.append(button)
        self._layout.insertWidget(0, frame)
        self._shown[key] = _Shown(frame, label, buttons)
        self.show()
        self.changed.emit()

    def _run(self, key: str, callback: Callable[[], None]) -> None:
        self.dismiss(key)
        callback()

    def dismiss(self, key: str, notify: bool = True) -> None:
        shown = self._shown.pop(key, None)
        if shown is None:
            return
        shown.frame.hide()
        shown.frame.deleteLater()
        self.setVisible(bool(self._shown))
        if notify:
            self.changed.emit()

    def clear(self) -> None:
        for key in list(self._shown):
            self.dismiss(key, notify=False)
        self.changed.emit()

    # --- what the user sees (tests read these) ----------------------------------------------------

    def keys(self) -> list[str]:
        return list(self._shown)

    def text(self, key: str) -> str:
        shown = self._shown.get(key)
        return shown.label.text() if shown else ""

    def actions(self, key: str) -> list[str]:
        shown = self._shown.get(key)
        return [button.text() for button in shown.buttons] if shown else []

    def trigger(self, key: str, action: str) -> None:
        """Press the button named `action` of message `key`, as a click would."""
        shown = self._shown[key]
        next(button for button in shown.buttons if button.text() == action).click()
