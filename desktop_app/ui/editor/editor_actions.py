"""The editor's menu actions: the Format menu (bold, italic, link, code, list levels, tables)
and the writing view (zoom, focus and typewriter modes, the prose font, the folded front matter).

The formatting keys act only while the editor has the keyboard (Ctrl+B in the title field is the
field's business); zoom acts from anywhere in the window. Toggles that are preferences (focus,
typewriter, prose font, folding) change the settings through `change_settings`, so the
Preferences dialog and the menu always agree and the choice is kept.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from desktop_app.core.settings import Settings
from desktop_app.ui.editor.editor import MarkdownEditor
from desktop_app.ui.editor.focus import OFF, SENTENCE
from desktop_app.ui.editor.typography import MONO, PROSE


@dataclass
class EditorActions:
    bold: QAction
    italic: QAction
    link: QAction
    code: QAction
    indent: QAction
    outdent: QAction
    zoom_in: QAction
    zoom_out: QAction
    zoom_reset: QAction
    focus_mode: QAction
    typewriter_mode: QAction
    prose_font: QAction
    fold_front_matter: QAction

    def all(self) -> list[QAction]:
        return list(vars(self).values())


def _action(window: QMainWindow, text: str, *shortcuts: str, checkable: bool = False) -> QAction:
    action = QAction(text, window)
    if shortcuts:
        action.setShortcuts([QKeySequence(key) for key in shortcuts])
    action.setCheckable(checkable)
    return action


def install_editor_actions(window: QMainWindow, editor: MarkdownEditor, settings: Callable[[], Settings],
                           change_settings: Callable[[Settings], None]) -> EditorActions:
    """Create the actions, add a Format menu before the Git menu and a writing section to the
    View menu, and connect them to `editor`."""
    keys = editor.keys
    actions = EditorActions(
        bold=_action(window, "Bold", "Ctrl+B"),
        italic=_action(window, "Italic", "Ctrl+I"),
        link=_action(window, "Link", "Ctrl+K"),
        code=_action(window, "Code", "Ctrl+Shift+K"),
        # Tab and Shift+Tab do these in the editor; the menu only names the keys (`\t` in a
        # menu item's text shows as its shortcut without binding it).
        indent=_action(window, "Indent List Item\tTab"),
        outdent=_action(window, "Outdent List Item\tShift+Tab"),
        zoom_in=_action(window, "Zoom In", "Ctrl+=", "Ctrl++"),
        zoom_out=_action(window, "Zoom Out", "Ctrl+-"),
        zoom_reset=_action(window, "Actual Size", "Ctrl+0"),
        focus_mode=_action(window, "Focus Mode", "F8", checkable=True),
        typewriter_mode=_action(window, "Typewriter Mode", "F9", checkable=True),
        prose_font=_action(window, "Prose Font", checkable=True),
        fold_front_matter=_action(window, "Fold Front Matter", checkable=True),
    )
    for action, run in ((actions.bold, keys.bold), (actions.italic, keys.italic), (actions.link, keys.link),
                        (actions.code, keys.code)):
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        editor.addAction(action)  # the key works in the editor; the menu item works anywhere
        action.triggered.connect(lambda _checked=False, run=run: _in_editor(editor, run))
    actions.indent.triggered.connect(lambda: _in_editor(editor, keys.indent))
    actions.outdent.triggered.connect(lambda: _in_editor(editor, keys.outdent))
    actions.zoom_in.triggered.connect(editor.zoom_in)
    actions.zoom_out.triggered.connect(editor.zoom_out)
    actions.zoom_reset.triggered.connect(editor.zoom_reset)

    def toggle(**change: object) -> None:
        change_settings(replace(settings(), **change))

    def focus(on: bool) -> None:
        """On: the unit last chosen in Preferences (the sentence at first); off: off."""
        chosen = settings().focus_mode
        toggle(focus_mode=(chosen if chosen != OFF else SENTENCE) if on else OFF)

    actions.focus_mode.triggered.connect(focus)
    actions.typewriter_mode.triggered.connect(lambda on: toggle(typewriter_mode=on))
    actions.prose_font.triggered.connect(lambda on: toggle(editor_font=PROSE if on else MONO))
    actions.fold_front_matter.triggered.connect(lambda on: (toggle(fold_front_matter=on), editor.fold.set_folded(on)))
    editor.fold.changed.connect(actions.fold_front_matter.setChecked)
    _add_menus(window, actions)
    sync_editor_actions(actions, settings())
    return actions


def _in_editor(editor: MarkdownEditor, run: Callable[[], object]) -> None:
    if not editor.isReadOnly():
        run()
        editor.setFocus(Qt.FocusReason.OtherFocusReason)


def sync_editor_actions(actions: EditorActions, settings: Settings) -> None:
    """Tick the toggles as the settings are (the fold's tick follows the open post's fold)."""
    actions.focus_mode.setChecked(settings.focus_mode != OFF)
    actions.typewriter_mode.setChecked(settings.typewriter_mode)
    actions.prose_font.setChecked(settings.editor_font == PROSE)


def _add_menus(window: QMainWindow, actions: EditorActions) -> None:
    bar = window.menuBar()
    menus = {menu.title().replace("&", ""): menu for menu in bar.findChildren(QMenu) if menu.parent() is bar}
    format_menu = QMenu("F&ormat", bar)
    for action in (actions.bold, actions.italic, actions.code, actions.link, None, actions.indent, actions.outdent):
        format_menu.addSeparator() if action is None else format_menu.addAction(action)
    before = menus.get("Git")
    bar.insertMenu(before.menuAction(), format_menu) if before is not None else bar.addMenu(format_menu)
    view = menus.get("View")
    if view is not None:
        view.addSeparator()
        for action in (actions.zoom_in, actions.zoom_out, actions.zoom_reset, None, actions.focus_mode,
                       actions.typewriter_mode, actions.prose_font, actions.fold_front_matter):
            view.addSeparator() if action is None else view.addAction(action)
