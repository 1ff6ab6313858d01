"""Puts the finding commands into the main window: File → Open Post… (quick open, Ctrl+P), View →
Command Palette… (Ctrl+Shift+P), Help → Keyboard Shortcuts (Ctrl+/), File → Open Recent, the
New post sheet and autosave, and the library search's way to the editor.

`install_commands(window)` is called once by `mainwindow.py`; everything it adds hangs off the
window, which it reaches through the `MainWindow` protocol below.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar, QWidget

from desktop_app.core.errors import PostdeskError
from desktop_app.core.site.posts.new_post import NewPost, SheetOptions
from desktop_app.core.workspace import Workspace
from desktop_app.ui.actions import Actions
from desktop_app.ui.commands import fuzzy
from desktop_app.ui.commands.catalogue import Command, widget_commands, window_commands
from desktop_app.ui.commands.recent_menu import RecentMenu
from desktop_app.ui.context import UiContext
from desktop_app.ui.library.view import LibraryView
from desktop_app.ui.window.autosave import Autosave
from desktop_app.ui.window.post_controller import PostController

if TYPE_CHECKING:
    from desktop_app.ui.commands.palette import CommandPalette
    from desktop_app.ui.commands.quick_open import QuickOpen
    from desktop_app.ui.commands.shortcuts_dialog import ShortcutsDialog

QUICK_OPEN_KEYS = "Ctrl+P"
PALETTE_KEYS = "Ctrl+Shift+P"
SHORTCUTS_KEYS = "Ctrl+/"


class MainWindow(Protocol):
    """What the commands need of `mainwindow.MainWindow` (a QMainWindow, the parent of what this adds)."""

    context: UiContext
    controller: PostController
    library: LibraryView
    actions: Actions
    open_requested: Path | None

    def menuBar(self) -> QMenuBar: ...  # noqa: N802 - Qt's name
    def close(self) -> bool: ...


class Commands:
    """What `install_commands` added, for the window and tests. Quick open and the palette are
    made when first opened (or asked for): a start shows neither."""

    def __init__(self, make_quick_open: Callable[[], QuickOpen], make_palette: Callable[[], CommandPalette],
                 quick_open_action: QAction, palette_action: QAction, shortcuts_action: QAction,
                 recent_menu: RecentMenu, autosave: Autosave) -> None:
        self._make_quick_open, self._make_palette = make_quick_open, make_palette
        self._quick_open: QuickOpen | None = None
        self._palette: CommandPalette | None = None
        self._visited: list[str] = []  # posts opened before quick open was made, the last last
        self.quick_open_action, self.palette_action, self.shortcuts_action = \
            quick_open_action, palette_action, shortcuts_action
        self.recent_menu, self.autosave = recent_menu, autosave
        self.shortcuts_dialog: ShortcutsDialog | None = None

    @property
    def quick_open(self) -> QuickOpen:
        if self._quick_open is None:
            self._quick_open = self._make_quick_open()
            for path in self._visited:
                self._quick_open.visited(path)
            self._visited = []
        return self._quick_open

    @property
    def palette(self) -> CommandPalette:
        if self._palette is None:
            self._palette = self._make_palette()
        return self._palette

    def visited(self, path: str) -> None:
        """A post was opened: quick open lists it among the recent ones."""
        if self._quick_open is not None:
            self._quick_open.visited(path)
        else:
            self._visited = [p for p in self._visited if p != path][-50:] + [path]


class WorkspacePlanner:
    """The New post sheet's questions answered from the workspace and the library's posts."""

    def __init__(self, workspace: Workspace, library: LibraryView) -> None:
        self.workspace, self.library = workspace, library

    def collections(self) -> list[tuple[str, str]]:
        return [(c.name, c.label) for c in self.workspace.site.collections if c.create]

    def options(self, collection: str) -> SheetOptions:
        return self.workspace.new_post_options(collection, self.library.model.all_posts)

    def default_author(self, options: SheetOptions) -> str:
        return self.workspace.default_author(options)

    def path(self, request: NewPost, options: SheetOptions, date: dt.datetime) -> str:
        collection = self.workspace.collection_named(request.collection)
        if not collection.create:
            raise PostdeskError(f"The site's configuration does not allow new entries in {collection.label}.")
        return self.workspace.plan_new_post(request, options, date)

    def exists(self, path: str) -> bool:
        return self.workspace.absolute(path).exists()


def _menu(window: MainWindow, title: str) -> QMenu | None:
    return next((item.menu() for item in window.menuBar().actions()
                 if item.text().replace("&", "") == title and isinstance(item.menu(), QMenu)), None)


def _after(menu: QMenu | None, anchor: QAction, action: QAction | QMenu, window: QWidget) -> None:
    """Put `action` (or a submenu) in `menu` just after `anchor`; without that menu the window keeps
    the action, so its shortcut still works."""
    if menu is None:
        if isinstance(action, QAction):
            window.addAction(action)
        return
    entries = menu.actions()
    following = entries[entries.index(anchor) + 1] if anchor in entries and entries.index(anchor) + 1 < len(entries) \
        else None
    if isinstance(action, QMenu):
        menu.insertMenu(following, action) if following else menu.addMenu(action)
    else:
        menu.insertAction(following, action) if following else menu.addAction(action)


def _action(window: QWidget, text: str, keys: str) -> QAction:
    action = QAction(text, window)
    action.setShortcut(QKeySequence(keys))
    action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    return action


def all_commands(window: QWidget) -> list[Command]:
    assert isinstance(window, QWidget)
    return window_commands(window) + widget_commands(window)  # type: ignore[arg-type]


def install_commands(window: MainWindow) -> Commands:
    assert isinstance(window, QWidget)
    controller, library, actions = window.controller, window.library, window.actions
    editor = controller.editor

    controller.library_loaded.connect(lambda posts: window.context.runner.start(
        lambda: fuzzy.warm(text for post in posts for text in (post.title, post.slug))))

    def open_for_writing(path: str) -> None:
        if controller.open_post(path):
            editor.setFocus(Qt.FocusReason.OtherFocusReason)

    def make_quick_open() -> QuickOpen:
        from desktop_app.ui.commands.quick_open import QuickOpen

        quick_open = QuickOpen(window, lambda: library.model.all_posts,
                               lambda: controller.document.path if controller.document else None)
        quick_open.chosen.connect(lambda row: open_for_writing(row.payload))
        quick_open.home = editor
        return quick_open

    def make_palette() -> CommandPalette:
        from desktop_app.ui.commands.palette import CommandPalette

        palette = CommandPalette(window, lambda: window_commands(window),  # type: ignore[arg-type]
                                 lambda: [palette_action])
        palette.home = editor
        return palette

    quick_open_action = _action(window, "Open Post…", QUICK_OPEN_KEYS)
    quick_open_action.setObjectName("quickOpenAction")
    quick_open_action.triggered.connect(lambda: commands.quick_open.open())
    _after(_menu(window, "File"), actions.new_post, quick_open_action, window)

    palette_action = _action(window, "Command Palette…", PALETTE_KEYS)
    palette_action.setObjectName("commandPaletteAction")
    palette_action.triggered.connect(lambda: commands.palette.open())
    view_menu = _menu(window, "View")
    if view_menu is not None:  # first in View, as in other editors, set apart from the panes
        first = view_menu.actions()[0] if view_menu.actions() else None
        view_menu.insertAction(first, palette_action)
        if first is not None:
            view_menu.insertSeparator(first)
    else:
        window.addAction(palette_action)

    recent = RecentMenu(window.context.workspace.paths, window.context.workspace.root, window)
    recent.open_requested.connect(lambda path: _open_repository(window, path))
    _after(_menu(window, "File"), actions.open_repository, recent, window)

    shortcuts_action = _action(window, "Keyboard Shortcuts", SHORTCUTS_KEYS)
    shortcuts_action.setObjectName("keyboardShortcutsAction")
    help_menu = _menu(window, "Help")
    if help_menu is not None:
        help_menu.insertAction(actions.about if actions.about in help_menu.actions() else None, shortcuts_action)
    else:
        window.addAction(shortcuts_action)

    library.planner = WorkspacePlanner(window.context.workspace, library)
    library.new_post_requested.connect(controller.create_new)
    library.writing_requested.connect(lambda: editor.setFocus(Qt.FocusReason.OtherFocusReason))

    autosave = Autosave(controller, lambda: window.context.workspace.settings, window)
    commands = Commands(make_quick_open, make_palette, quick_open_action, palette_action, shortcuts_action, recent,
                        autosave)
    controller.post_opened.connect(commands.visited)
    shortcuts_action.triggered.connect(lambda: show_shortcuts(window, commands))
    window.commands = commands  # type: ignore[attr-defined]
    return commands


def show_shortcuts(window: QWidget, commands: Commands) -> ShortcutsDialog:
    """Help → Keyboard Shortcuts: one dialog, reused, listing the keys as they are now."""
    dialog = commands.shortcuts_dialog
    if dialog is None:
        from desktop_app.ui.commands.shortcuts_dialog import ShortcutsDialog

        dialog = ShortcutsDialog(lambda: all_commands(window), window)
        available = window.screen().availableGeometry() if window.screen() else None
        height = min(640, int(available.height() * 0.85)) if available else 640
        dialog.resize(560, height)
        commands.shortcuts_dialog = dialog
    else:
        dialog.reload()
    if dialog.isVisible():
        dialog.raise_()  # open behind the main window: bring it to the front
        dialog.activateWindow()
    dialog.show()
    dialog.filter.setFocus()
    return dialog


def _open_repository(window: MainWindow, path: Path) -> None:
    """File → Open Recent: the chosen repository replaces this one (closing asks about unsaved edits)."""
    if not path.is_dir():
        window.context.notifier.error(PostdeskError(f"{path} is no longer there."))
        return
    window.open_requested = path
    if not window.close():
        window.open_requested = None  # the writer kept this repository open
