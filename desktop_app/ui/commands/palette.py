"""The command palette (Ctrl+Shift+P): run any of the window's actions by typing its name.

Each row shows the action's name, the menu it lives in and its shortcut, so the palette also
teaches the keys. A switch (Preview, Sync Scrolling) shows whether it is on; an action that
cannot run now (Push while a push is running) is not offered. With nothing typed, the commands
run last come first.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from desktop_app.ui.commands.catalogue import Command
from desktop_app.ui.commands.fuzzy import rank
from desktop_app.ui.commands.picker import Picker, Row

RECENT = 8


def command_rows(query: str, commands: list[Command]) -> list[Row]:
    """Rows for `query`: the name matches first, the menu path (“Git Pull”) counts too."""
    found = rank(query, commands, lambda command: (command.name, f"{command.place} {command.name}"))
    return [_row(command, matched.positions if which == 0 else ()) for command, matched, which in found]


def _row(command: Command, positions: tuple[int, ...]) -> Row:
    action = command.action
    name = command.name
    if action.isCheckable():
        name = f"{name}: {'on' if action.isChecked() else 'off'}"
    return Row(name, command.place, command.keys, positions, action.isEnabled(), action)


class CommandPalette(Picker):
    """The picker over `commands()`; taking a row triggers its action once the palette closed (so
    an action that opens a dialog or moves the focus does so from where the writer was)."""

    def __init__(self, host: QWidget, commands: Callable[[], list[Command]], exclude: Callable[[], list[object]]) -> None:
        self._commands, self._exclude = commands, exclude
        super().__init__(host, "commandPalette", "Type a command…", self._rows_for)
        self.empty_text = "No command matches"
        self.recent: list[QAction] = []  # the actions run from the palette, the last first
        self.chosen.connect(self._run)

    def _run(self, row: Row) -> None:
        self.ran(row.payload)
        row.payload.trigger()

    def _rows_for(self, query: str) -> list[Row]:
        """The commands that can run now; with nothing typed, the ones run last come first."""
        excluded = {id(action) for action in self._exclude()}
        commands = [c for c in self._commands() if id(c.action) not in excluded and c.action.isEnabled()]
        if not query.strip():
            recent = [c for action in self.recent for c in commands if c.action is action]
            commands = recent + [c for c in commands if c not in recent]
        return command_rows(query, commands)

    def ran(self, action: QAction) -> None:
        self.recent = [action] + [a for a in self.recent if a is not action][:RECENT - 1]
