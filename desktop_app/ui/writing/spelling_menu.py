"""The editor's context menu on a misspelled word: its suggestions, Add to Dictionary, Ignore.

A hook the editor calls with its standard menu and the clicked point (`MarkdownEditor.menu_hooks`):
on an underlined word, the dictionary's suggestions go on top (choosing one replaces the word as
one undoable edit), then "Add … to Dictionary" (the writer's personal word list, kept across
runs and shared with other programs that use Enchant) and "Ignore …" (until Postdesk quits).
Elsewhere the menu is left as it is.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtGui import QAction, QFont
from PySide6.QtWidgets import QMenu

from desktop_app.ui.writing.spelling import SpellUnderlines

MAX_SUGGESTIONS = 5


class SpellingMenu:
    """Adds the spelling entries to the editor's context menu for `underlines`' words."""

    def __init__(self, underlines: SpellUnderlines) -> None:
        self.underlines = underlines

    def __call__(self, menu: QMenu, point: QPoint) -> None:
        underlines = self.underlines
        if not underlines.enabled:
            return
        position = underlines.editor.cursorForPosition(point).position()
        misspelled = underlines.at(position) or underlines.at(position - 1)
        if misspelled is None:
            return
        word, language = misspelled.word, underlines.language
        first = menu.actions()[0] if menu.actions() else None
        entries: list[QAction] = []
        suggestions = underlines.checker.suggest(language, word)[:MAX_SUGGESTIONS]
        editable = not underlines.editor.isReadOnly()  # a post kept read-only is not changed from here
        for suggestion in suggestions:
            action = QAction(suggestion, menu)
            font = QFont(action.font())
            font.setBold(True)
            action.setFont(font)
            action.setEnabled(editable)
            action.triggered.connect(lambda _=False, s=suggestion: underlines.replace(misspelled, s))
            entries.append(action)
        if not suggestions:
            none = QAction("No suggestions", menu)
            none.setEnabled(False)
            entries.append(none)
        add = QAction(f"Add “{word}” to Dictionary", menu)
        add.setObjectName("addToDictionary")
        add.triggered.connect(lambda: self._accept(word, add_to_dictionary=True))
        ignore = QAction(f"Ignore “{word}”", menu)
        ignore.setObjectName("ignoreWord")
        ignore.setToolTip("Not underlined again until Postdesk quits")
        ignore.triggered.connect(lambda: self._accept(word, add_to_dictionary=False))
        for entry in [*entries, None, add, ignore, None]:
            if entry is None:
                separator = QAction(menu)
                separator.setSeparator(True)
                entry = separator
            menu.insertAction(first, entry) if first is not None else menu.addAction(entry)

    def _accept(self, word: str, add_to_dictionary: bool) -> None:
        underlines = self.underlines
        if add_to_dictionary:
            underlines.checker.add(underlines.language, word)
        else:
            underlines.checker.ignore(word)
        underlines.forget(word)


__all__ = ["SpellingMenu"]
