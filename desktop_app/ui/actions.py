"""Every menu action and shortcut of the main window, defined in one place."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow


@dataclass
class Actions:
    open_repository: QAction
    new_post: QAction
    save: QAction
    export_html: QAction
    export_pdf: QAction
    quit: QAction
    undo: QAction
    redo: QAction
    find: QAction
    replace: QAction
    preferences: QAction
    toggle_form: QAction
    toggle_preview: QAction
    toggle_changes: QAction
    sync_scroll: QAction
    focus_search: QAction
    refresh: QAction
    commit: QAction
    pull: QAction
    push: QAction
    about: QAction
    # Write and review modes (ui/window/modes.py)
    review_mode: QAction
    toggle_library: QAction
    full_screen: QAction


def _action(window: QMainWindow, text: str, shortcut: QKeySequence | str | None = None,
            checkable: bool = False) -> QAction:
    action = QAction(text, window)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    action.setCheckable(checkable)
    if checkable:
        action.setChecked(True)
    return action


def create_actions(window: QMainWindow) -> Actions:
    keys = QKeySequence.StandardKey
    return Actions(
        open_repository=_action(window, "Open Repository…", keys.Open),
        new_post=_action(window, "New Post…", keys.New),
        save=_action(window, "Save", keys.Save),
        export_html=_action(window, "Export as HTML…", "Ctrl+Shift+E"),
        export_pdf=_action(window, "Export as PDF…"),
        quit=_action(window, "Quit", keys.Quit),
        undo=_action(window, "Undo", keys.Undo),
        redo=_action(window, "Redo", keys.Redo),
        find=_action(window, "Find…", keys.Find),
        replace=_action(window, "Replace…", "Ctrl+H"),
        preferences=_preferences_action(window),
        toggle_form=_action(window, "Post Details", "Ctrl+Shift+D", checkable=True),
        toggle_preview=_action(window, "Preview", "Ctrl+Shift+V", checkable=True),  # Ctrl+Shift+P: the palette
        toggle_changes=_action(window, "Changes", "Ctrl+Shift+G", checkable=True),
        sync_scroll=_action(window, "Sync Scrolling", checkable=True),
        focus_search=_action(window, "Search Posts", "Ctrl+Shift+F"),
        refresh=_action(window, "Refresh", keys.Refresh),
        commit=_action(window, "Commit…", "Ctrl+Return"),
        pull=_action(window, "Pull", "Ctrl+Shift+L"),
        push=_action(window, "Push", "Ctrl+Alt+K"),  # Ctrl+Shift+K is the editor's code key (issue 15)
        about=_action(window, "About Postdesk"),
        review_mode=_action(window, "Review Mode", "Ctrl+Shift+R", checkable=True),
        toggle_library=_action(window, "Library", "Ctrl+\\", checkable=True),
        full_screen=_full_screen_action(window),
    )


def _full_screen_action(window: QMainWindow) -> QAction:
    """F11, or the platform's own full-screen key where it has one (Ctrl+Meta+F on macOS)."""
    standard = QKeySequence.StandardKey.FullScreen
    action = _action(window, "Full Screen", standard if QKeySequence.keyBindings(standard) else "F11", checkable=True)
    action.setChecked(False)
    return action


def _preferences_action(window: QMainWindow) -> QAction:
    """The platform's Preferences shortcut where it has one (not every Linux desktop does), else Ctrl+,."""
    standard = QKeySequence.StandardKey.Preferences
    action = _action(window, "Preferences…", standard if QKeySequence.keyBindings(standard) else "Ctrl+,")
    action.setMenuRole(QAction.MenuRole.PreferencesRole)  # macOS moves it to the application menu
    return action


def build_menus(window: QMainWindow, actions: Actions) -> None:
    bar = window.menuBar()
    file_menu = bar.addMenu("&File")
    for action in (actions.new_post, actions.open_repository, None, actions.save, None, actions.export_html,
                   actions.export_pdf, None, actions.quit):
        file_menu.addSeparator() if action is None else file_menu.addAction(action)
    edit_menu = bar.addMenu("&Edit")
    for action in (actions.undo, actions.redo, None, actions.find, actions.replace, None, actions.preferences):
        edit_menu.addSeparator() if action is None else edit_menu.addAction(action)
    view_menu = bar.addMenu("&View")
    for action in (actions.review_mode, None, actions.toggle_library, actions.toggle_form, actions.toggle_preview,
                   actions.toggle_changes, None, actions.sync_scroll, actions.full_screen, None,
                   actions.focus_search, actions.refresh):
        view_menu.addSeparator() if action is None else view_menu.addAction(action)
    git_menu = bar.addMenu("&Git")
    for action in (actions.commit, actions.pull, actions.push):
        git_menu.addAction(action)
    help_menu = bar.addMenu("&Help")
    help_menu.addAction(actions.about)
