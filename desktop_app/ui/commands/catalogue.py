"""Every command of the window, found where it lives: the menus, the window, the widgets' own keys.

The command palette runs them and Help → Keyboard Shortcuts lists them, so a menu entry added
anywhere (by any feature) appears in both without being registered twice. Keys that are not
actions (Enter in a search box, the find bar's keys) are listed in `PLACE_KEYS`.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QWidget


HIDDEN_FROM_PALETTE = "postdeskNotACommand"  # a property set on menu entries that only inform


@dataclass(frozen=True)
class Command:
    """An action and where it is found: `place` is the menu path (“View”, “File › Open Recent”)
    or the widget it belongs to (“Library list”)."""

    action: QAction
    place: str

    @property
    def name(self) -> str:
        return plain(self.action.text())

    @property
    def keys(self) -> str:
        return key_text(self.action.shortcuts())


def plain(text: str) -> str:
    """A menu text as words: without its mnemonic `&` (a doubled `&&` is a real ampersand) or `…`."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").replace("…", "").strip()


def key_text(sequences: list[QKeySequence]) -> str:
    """`Ctrl+Shift+P` as the platform writes it; several bindings joined by commas."""
    return ", ".join(s.toString(QKeySequence.SequenceFormat.NativeText) for s in sequences if not s.isEmpty())


def menu_commands(window: QMainWindow) -> list[Command]:
    """Every action in the menu bar, in menu order, each with its menu path."""
    found: list[Command] = []

    def walk(menu: QMenu, path: list[str]) -> None:
        for action in menu.actions():
            if action.isSeparator() or not action.isVisible() or action.property(HIDDEN_FROM_PALETTE):
                continue
            submenu = action.menu()
            if isinstance(submenu, QMenu):
                walk(submenu, [*path, plain(action.text())])
            elif action.text():
                found.append(Command(action, " › ".join(path)))

    for top in window.menuBar().actions():
        submenu = top.menu()
        if isinstance(submenu, QMenu):
            walk(submenu, [plain(top.text())])
    return found


def window_commands(window: QMainWindow) -> list[Command]:
    """The menus' actions, then actions that only the window carries (their shortcut works anywhere)."""
    commands = menu_commands(window)
    listed = {id(command.action) for command in commands}
    # QWidget.actions by name: the main window's own `actions` attribute (its Actions) hides the method.
    commands += [Command(action, "Window") for action in QWidget.actions(window)
                 if id(action) not in listed and action.text() and not action.isSeparator()]
    return commands


# The name shown for a widget whose own actions have shortcuts (by object name).
WIDGET_PLACES = {"library": "Library list"}


def widget_commands(window: QMainWindow) -> list[Command]:
    """Actions a widget adds for itself (Rename with F2 in the library list): they work while that
    widget has the keyboard, so they are listed under its name."""
    listed = {id(command.action) for command in window_commands(window)}
    found: list[Command] = []
    for action in window.findChildren(QAction):
        if id(action) in listed or action.menu() is not None or action.shortcut().isEmpty() or not action.text():
            continue
        owner = action.parent()
        name = owner.objectName() if isinstance(owner, QWidget) else ""
        found.append(Command(action, WIDGET_PLACES.get(name, name.replace("_", " ").capitalize() or "Window")))
    return found


# Keys handled by a widget rather than an action: (place, what it does, keys).
PLACE_KEYS: tuple[tuple[str, str, str], ...] = (
    ("Library search", "Go to the results", "Down"),
    ("Library search", "Open the first result and write", "Enter"),
    ("Library list", "Back to the search box", "Up (on the first post)"),
    ("Quick open and command palette", "Move through the results", "Up, Down, Page Up, Page Down"),
    ("Quick open and command palette", "Take the highlighted result", "Enter"),
    ("Quick open and command palette", "Close", "Esc"),
    ("Find bar", "Next match", "Enter, F3"),
    ("Find bar", "Previous match", "Shift+Enter, Shift+F3"),
    ("Find bar", "Replace all", "Ctrl+Alt+Enter"),
    ("Find bar", "Match case / whole words", "Alt+C, Alt+W"),
    ("Find bar", "Close", "Esc"),
    ("Editor", "Next list item (Enter on an empty item ends the list)", "Enter"),
    ("Editor", "Indent", "Tab"),
)
