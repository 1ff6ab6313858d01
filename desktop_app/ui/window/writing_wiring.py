"""Puts the writing aids into the main window: spell checking, the outline sidebar, counts and goals.

`install_writing(window)` attaches the spell checker's underlines and its context-menu entries to
the editor, adds the Outline dock (View → Outline, Ctrl+Shift+O; shown or not is remembered),
Edit → Check Spelling as You Type (the Preferences setting), and puts the counts where the
status bar's word count was. Each follows the open post (`PostController.post_opened`).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMenu, QMenuBar

from desktop_app.core.settings import Settings, load_state, save_state
from desktop_app.core.site.config import SiteConfig
from desktop_app.core.spelling.checker import SpellChecker
from desktop_app.core.spelling.dictionaries import SpellingUnavailable
from desktop_app.core.spelling.language import site_language
from desktop_app.ui.actions import Actions
from desktop_app.ui.context import UiContext
from desktop_app.ui.editor.editor import EditorPane
from desktop_app.ui.window.post_controller import PostController
from desktop_app.ui.window.status_bar import StatusBar
from desktop_app.ui.writing.counts import CountsWidget, WordCounts
from desktop_app.ui.writing.outline import Outline, OutlinePanel
from desktop_app.ui.writing.spelling import SpellUnderlines
from desktop_app.ui.writing.spelling_menu import SpellingMenu

OUTLINE_KEYS = "Ctrl+Shift+O"
OUTLINE_WIDTH = 240


class MainWindow(Protocol):
    """What the writing aids need of `mainwindow.MainWindow` (a QMainWindow)."""

    context: UiContext
    controller: PostController
    editor_pane: EditorPane
    status: StatusBar
    actions: Actions

    def menuBar(self) -> QMenuBar: ...  # noqa: N802 - Qt's name
    def addDockWidget(self, area: Qt.DockWidgetArea, dock: QDockWidget) -> None: ...  # noqa: N802
    def resizeDocks(self, docks: list, sizes: list, orientation: Qt.Orientation) -> None: ...  # noqa: N802
    def change_settings(self, chosen: Settings) -> None: ...


class LazySiteChecker(SpellChecker):
    """A checker that reads the site's default language on its first check (on the worker)."""

    def __init__(self, site: SiteConfig, preferred: str) -> None:
        super().__init__(site, "", preferred)
        self._site_read = False

    def language_of(self, lines, kinds, path):  # type: ignore[no-untyped-def] - as the base's
        if not self._site_read and self.site is not None:
            self._site_read = True
            self.site_default = site_language(self.site)
        return super().language_of(lines, kinds, path)


def _menu(window: MainWindow, title: str) -> QMenu | None:
    return next((item.menu() for item in window.menuBar().actions() if item.text().replace("&", "") == title), None)


class Writing:
    """The window's spell checking, outline and counts."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        context, controller = window.context, window.controller
        workspace = context.workspace
        editor = window.editor_pane.editor
        self.checker = LazySiteChecker(workspace.site, workspace.settings.spelling_language)
        self.spelling = SpellUnderlines(editor, context.runner, self.checker, self._unavailable)
        editor.menu_hooks.append(SpellingMenu(self.spelling))

        self.outline_panel = OutlinePanel()
        self.outline = Outline(editor, self.outline_panel)
        self.dock = QDockWidget("Outline", window)  # type: ignore[arg-type]
        self.dock.setObjectName("outlineDock")
        self.dock.setWidget(self.outline_panel)
        self.dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetClosable
                              | QDockWidget.DockWidgetFeature.DockWidgetMovable)
        window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.dock)
        window.resizeDocks([self.dock], [OUTLINE_WIDTH], Qt.Orientation.Horizontal)
        self.dock.setVisible(load_state(workspace.paths).outline)
        self.dock.visibilityChanged.connect(lambda shown: self.outline.reset() if shown else None)
        self.outline_action = self.dock.toggleViewAction()
        self.outline_action.setText("Outline")
        self.outline_action.setObjectName("outlineAction")
        self.outline_action.setShortcut(QKeySequence(OUTLINE_KEYS))
        self.outline_action.setStatusTip("The post's headings: click one to go there")
        self.outline_action.triggered.connect(self._remember_outline)

        self.spelling_action = QAction("Check Spelling as You Type", window)  # type: ignore[arg-type]
        self.spelling_action.setObjectName("spellCheckAction")
        self.spelling_action.setCheckable(True)
        self.spelling_action.setStatusTip("Underline misspelled words; right-click one for suggestions")
        self.spelling_action.triggered.connect(
            lambda checked: window.change_settings(replace(context.workspace.settings, spell_check=checked)))
        view, edit = _menu(window, "View"), _menu(window, "Edit")
        if view is not None:
            view.insertAction(window.actions.toggle_changes, self.outline_action)
        if edit is not None:
            edit.insertAction(window.actions.preferences, self.spelling_action)
            edit.insertSeparator(window.actions.preferences)

        self.goals = dict(load_state(workspace.paths).word_goals)  # absolute post path → words
        self.counts_widget = CountsWidget()
        self.counts = WordCounts(editor, self.counts_widget, self._goals, self._store_goal)
        window.status.words.hide()  # the counts take its place
        window.status.insertPermanentWidget(0, self.counts_widget)

        controller.post_opened.connect(self._post_opened)
        controller.renamed.connect(self._renamed)
        controller.deleted.connect(lambda _path: self._post_opened(""))

    # --- following the open post ------------------------------------------------------------

    def _key(self, path: str) -> str:
        return str(self.window.context.workspace.absolute(path)) if path else ""

    def _post_opened(self, path: str) -> None:
        editor = self.window.editor_pane.editor
        self.spelling.set_enabled(bool(path) and self.window.context.workspace.settings.spell_check
                                  and editor.highlighting)  # a post too large to colour is not checked
        self.spelling.set_post(path)
        self.outline.reset()
        self.counts.set_post(self._key(path))

    def _renamed(self, old: str, new: str) -> None:
        self.spelling.path = new
        self.counts.rename(self._key(old), self._key(new))

    def apply(self, settings: Settings) -> None:
        """Follow changed preferences: spell checking on or off, the fallback language."""
        self.spelling_action.setChecked(settings.spell_check)
        if settings.spelling_language != self.checker.preferred:
            self.checker.preferred = settings.spelling_language
            self.spelling.set_post(self.spelling.path)
        editor = self.window.editor_pane.editor
        wanted = settings.spell_check and editor.highlighting and self.window.controller.document is not None
        if wanted != self.spelling.enabled:
            self.spelling.set_enabled(wanted)

    def _unavailable(self, problem: SpellingUnavailable) -> None:
        text = " ".join(part for part in (problem.message, problem.hint, "Writing goes on without spell checking.")
                        if part)
        self.window.editor_pane.messages.show_message("spelling", text, [("OK", lambda: None)], kind="info")

    # --- remembered ------------------------------------------------------------------------------

    def _remember_outline(self, shown: bool) -> None:
        paths = self.window.context.workspace.paths
        try:
            state = load_state(paths)
            state.outline = shown
            save_state(paths, state)
        except OSError:
            pass  # window state is a convenience

    def _goals(self) -> dict[str, int]:
        return self.goals

    def _store_goal(self, key: str, goal: int) -> None:
        goals = self.goals
        if goal:
            goals[key] = goal
        else:
            goals.pop(key, None)
        paths = self.window.context.workspace.paths
        try:
            state = load_state(paths)
            state.word_goals = dict(goals)
            save_state(paths, state)
        except OSError:
            self.window.context.notifier.note("Could not keep the word goal for the next start.")


def install_writing(window: MainWindow) -> Writing:
    return Writing(window)


__all__ = ["Writing", "install_writing"]
