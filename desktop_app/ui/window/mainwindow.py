"""The main window: lays out the library, form, editor, preview and changes panel, and wires them.

No behaviour lives here beyond connecting signals to the objects that own it.
"""

from __future__ import annotations

import base64
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QByteArray, QEvent, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDockWidget,
    QFileDialog,
    QMainWindow,
    QMessageBox,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop_app import __version__
from desktop_app.core.errors import PostdeskError
from desktop_app.core.settings import Settings, load_state, save_settings, save_state
from desktop_app.ui.actions import build_menus, create_actions
from desktop_app.ui.context import UiContext
from desktop_app.ui.editor.editor import EditorPane
from desktop_app.ui.editor.editor_actions import install_editor_actions, sync_editor_actions
from desktop_app.ui.form.field_editors import FormEnv
from desktop_app.ui.form.form import FrontMatterForm
from desktop_app.ui.gc_policy import freeze_long_lived
from desktop_app.ui.form.header import FormHeader
from desktop_app.ui.git.askpass_service import install_askpass
from desktop_app.ui.git.changes_panel import ChangesPanel
from desktop_app.ui.git.conflicts_panel import install as install_conflicts_panel
from desktop_app.ui.library.view import LibraryView
from desktop_app.ui.preview.links import install_preview_links
from desktop_app.ui.preview.preview import LivePreview
from desktop_app.ui.preview.scroll_sync import ScrollSync
from desktop_app.ui.review.history_panel import install_history
from desktop_app.ui.review.rendered_diff_view import free_pages
from desktop_app.ui.style import apply_theme, resolve_dark
from desktop_app.ui.window.command_wiring import install_commands
from desktop_app.ui.window.git_wiring import wire_git
from desktop_app.ui.window.modes import install_modes
from desktop_app.ui.window.post_controller import PostController
from desktop_app.ui.window.recovery_wiring import install_recovery
from desktop_app.ui.window.site_dialog import install_site_dialog
from desktop_app.ui.window.status_bar import StatusBar
from desktop_app.ui.window.writing_aids import install_writing_aids
from desktop_app.ui.window.writing_wiring import install_writing


START_SETTLED_MS = 1500  # a start has shown the library, the post and its preview by then


class MainWindow(QMainWindow):
    def __init__(self, context: UiContext) -> None:
        super().__init__()
        self.context = context
        self.askpass = install_askpass(context, self)  # git's password and host-key questions as dialogs
        workspace = context.workspace
        self.open_requested: Path | None = None  # another repository chosen in File > Open
        self._started = False  # the first library scan has come in
        self._title = ""  # the open post's title, for the window title
        self.preferences_dialog: QDialog | None = None  # while Edit > Preferences is open
        self.setObjectName("mainWindow")
        self.actions = create_actions(self)
        build_menus(self, self.actions)

        self.library = LibraryView(context.notifier)
        self.editor_pane = EditorPane(workspace.settings.editor_font_size, workspace.settings.wrap_lines)
        self.form: FrontMatterForm
        self.preview = LivePreview(context)
        self.status = StatusBar(self)
        self.setStatusBar(self.status)
        context.notifier.status.connect(self.status.showMessage)
        context.runner.crashed.connect(context.notifier.crash)
        context.runner.failed.connect(context.notifier.error)

        self.controller = PostController(context, self.library, self.editor_pane,
                                         self._make_form(), self.preview, self.status, self)
        self.scroll_sync = ScrollSync(self.editor_pane.editor, self.preview, self)
        self.changes = ChangesPanel(context, self._title_of)

        self.form_scroll = QScrollArea()
        self.form_scroll.setObjectName("formScroll")
        self.form_scroll.setWidget(self.form)
        self.form_scroll.setWidgetResizable(True)
        self.form_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.form_header = FormHeader()  # the fields in one line; opens the form as a drawer
        self.form.values_shown.connect(self.form_header.show_values)
        self.controller.title_changed.connect(self.form_header.show_title)
        centre = QSplitter(Qt.Orientation.Vertical)
        centre.setObjectName("centreSplitter")
        centre.addWidget(self.form_scroll)
        centre.addWidget(self.editor_pane)
        centre.setStretchFactor(1, 1)
        centre.setSizes([320, 580])
        column = QWidget()
        column.setObjectName("centreColumn")
        column_layout = QVBoxLayout(column)
        column_layout.setContentsMargins(0, 0, 0, 0)
        column_layout.setSpacing(0)
        column_layout.addWidget(self.form_header)
        column_layout.addWidget(centre, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.library)
        self.splitter.addWidget(column)
        self.splitter.addWidget(self.preview)
        self.splitter.setSizes([300, 640, 500])
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 2)
        self.centre = centre
        self.setCentralWidget(self.splitter)

        self.changes_dock = QDockWidget("Changes", self)
        self.changes_dock.setObjectName("changesDock")
        self.changes_dock.setWidget(self.changes)
        self.changes_dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetClosable
                                      | QDockWidget.DockWidgetFeature.DockWidgetMovable)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.changes_dock)
        self.resizeDocks([self.changes_dock], [230], Qt.Orientation.Vertical)
        self.modes = install_modes(self)  # write and review modes: which panes show, and how big

        self._wire()
        wire_git(self)
        self.conflicts = install_conflicts_panel(self)
        self.controller.outside.git_busy = lambda: self.changes.busy or self.conflicts.busy
        install_history(self)  # Git → Post History…
        install_site_dialog(self)  # View → Site…: what Postdesk read of the site
        install_preview_links(self)  # a link to another post, clicked in the preview, opens it
        self.aids = install_writing_aids(self)  # images by paste and drop, links to posts, writing hints
        self.recovery = install_recovery(self)  # the journal of unsaved text, and what a crash left
        self.commands = install_commands(self)  # quick open, command palette, shortcuts, Open Recent, New post
        self.editor_actions = install_editor_actions(  # Format menu; zoom, focus, typewriter in View
            self, self.editor_pane.editor, lambda: self.context.workspace.settings, self.change_settings)
        self.writing = install_writing(self)  # spell checking, the outline, counts and goals
        self.apply_settings()
        site = workspace.site
        self.library.set_collections([(c.name, c.label, c.create) for c in site.collections])
        for problem in site.problems:
            self.context.notifier.note(problem)
        self._restore_state()
        self.refresh()
        self.changes.refresh()
        self.setWindowTitle(f"Postdesk — {workspace.root.name}")

    def _make_form(self) -> FrontMatterForm:
        self.form = FrontMatterForm(FormEnv(
            resolve_file=lambda value: self.controller.image_file(value),
            choose_file=lambda chosen, spec: self.controller.image_value(chosen, spec),
            relation_options=lambda spec: self.controller.relation_options(spec)))
        return self.form

    def _title_of(self, path: str) -> str:
        post = self.library.post(path)
        return post.title if post else path

    def _wire(self) -> None:
        a, c, editor = self.actions, self.controller, self.editor_pane.editor
        a.save.triggered.connect(c.save)
        a.new_post.triggered.connect(self.library.ask_new_post)
        a.quit.triggered.connect(self.close)
        a.undo.triggered.connect(editor.undo)
        a.redo.triggered.connect(editor.redo)
        a.find.triggered.connect(self.editor_pane.find_bar.open_find)
        a.replace.triggered.connect(self.editor_pane.find_bar.open_replace)
        # `triggered` fires for the user only; the dock's own visibility changes just update the tick.
        a.toggle_preview.triggered.connect(lambda checked: self.preview.setVisible(checked))
        a.toggle_changes.triggered.connect(lambda checked: self.changes_dock.setVisible(checked))
        a.sync_scroll.triggered.connect(
            lambda checked: self.change_settings(replace(self.context.workspace.settings, sync_scroll=checked)))
        self.changes_dock.visibilityChanged.connect(a.toggle_changes.setChecked)
        a.focus_search.triggered.connect(lambda: (self.modes.set_library(True), self.library.search.setFocus()))
        a.refresh.triggered.connect(self.refresh)
        a.commit.triggered.connect(self._focus_commit)
        a.pull.triggered.connect(self.changes.pull)
        a.push.triggered.connect(self.changes.push)
        a.about.triggered.connect(self._about)
        a.preferences.triggered.connect(self._open_preferences)
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._follow_system)
        a.open_repository.triggered.connect(self._open_repository)
        a.export_html.triggered.connect(lambda: self._export("html"))
        a.export_pdf.triggered.connect(lambda: self._export("pdf"))
        self.preview.pdf_exported.connect(
            lambda path, ok: self.context.notifier.note(f"Exported {path}") if ok else self.context.notifier.error(
                PostdeskError(f"Could not write the PDF {path}.")))
        c.title_changed.connect(self._show_title)
        editor.document().modificationChanged.connect(lambda _m: self._show_title(self._title))
        c.saved.connect(lambda _path: self._show_title(self._title))
        c.library_loaded.connect(self._open_initial_post)
        c.renamed.connect(editor.rename_caret)
        c.library_loaded.connect(lambda _posts: self.changes.refresh())  # titles come from the library
        c.library_loaded.connect(self._settle_memory)
        self.changes.repository_changed.connect(self.refresh)
        self.changes.repository_changed.connect(c.check_disk)
        self.changes.before_commit = c.maybe_keep_changes
        self.changes.busy_changed.connect(lambda busy: a.push.setEnabled(not busy))

    def apply_settings(self) -> None:
        """Make the window follow the settings at once: at start-up, after Preferences, when the
        system's colour scheme changes."""
        settings = self.context.workspace.settings
        dark = resolve_dark(settings.theme)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, dark)
        self.editor_pane.apply(settings, dark)
        sync_editor_actions(self.editor_actions, settings)
        self.changes.set_dark(dark)
        self.preview.set_dark(dark)
        self.preview.timer.setInterval(self.controller.preview_delay())
        self.scroll_sync.set_enabled(settings.sync_scroll)
        self.actions.sync_scroll.setChecked(settings.sync_scroll)
        self.aids.refresh_hints()  # the writing hints box follows its setting at once
        guard = self.preview.guard  # None until the page exists; it is then made from the settings
        if guard is not None and guard.remote_images != settings.remote_images:
            self.preview.set_remote_images(settings.remote_images)
        self.writing.apply(settings)

    def _follow_system(self) -> None:
        if self.context.workspace.settings.theme == "system":
            self.apply_settings()

    def _open_preferences(self) -> None:
        from desktop_app.ui.window.preferences_dialog import PreferencesDialog  # loaded on demand
        dialog = PreferencesDialog(self.context.workspace.settings, self)
        dialog.accepted.connect(lambda: self.change_settings(dialog.chosen()))
        dialog.finished.connect(lambda _result: self._close_preferences(dialog))
        self.preferences_dialog = dialog
        dialog.open()

    def _close_preferences(self, dialog: QDialog) -> None:
        self.preferences_dialog = None
        dialog.deleteLater()

    def change_settings(self, chosen: Settings) -> None:
        """Keep the user's choice for the next start and show it now."""
        self.context.workspace.settings = chosen
        try:
            save_settings(self.context.workspace.paths, chosen)
        except OSError as error:
            self.context.notifier.error(PostdeskError(f"Could not save the preferences: {error.strerror}."))
        self.apply_settings()

    def _open_initial_post(self, posts: list) -> None:
        """Once, after the first scan: reopen the last post, or the newest; say so when there is none."""
        self.controller.library_loaded.disconnect(self._open_initial_post)
        if not posts:
            try:
                self.context.workspace.require_posts(posts)
            except PostdeskError as error:
                self.context.notifier.error(error)
            return
        paths = {post.path for post in posts}
        if self.controller.open_post(self._initial_post if self._initial_post in paths else posts[0].path):
            self.controller.editor.setFocus()  # start typing at once, where the post was left

    def _settle_memory(self, _posts: list) -> None:
        """Freeze what lives as long as the window out of garbage collection (`ui/gc_policy.py`)
        once the post is open; at start-up only after the window has shown the post and its
        preview, which that full collection (20-35 ms) would otherwise hold up."""
        if self._started:
            freeze_long_lived()
        else:
            self._started = True
            QTimer.singleShot(START_SETTLED_MS, self, freeze_long_lived)

    def refresh(self) -> None:
        """After a commit, pull or outside change: rescan posts and git state."""
        self.controller.refresh_library()
        self.context.runner.start(self.context.workspace.repo.current_branch, on_done=self.status.show_branch,
                                  on_error=lambda error: self.context.notifier.note(f"Git: {error.message}"))

    def _show_title(self, title: str) -> None:
        self._title = title
        modified = self.controller.is_modified()
        name = self.context.workspace.root.name
        self.setWindowTitle(f"{title or name}[*] — Postdesk")
        self.setWindowModified(modified)

    def _focus_commit(self) -> None:
        self.changes_dock.show()
        self.changes.message.setFocus()

    def _about(self) -> None:
        QMessageBox.about(self, "About Postdesk",
                          f"<b>Postdesk {__version__}</b><p>Write, preview, review and publish the posts "
                          "of a Markdown blog kept in git.</p>")

    def _export(self, kind: str) -> None:
        """Save the open post as a standalone HTML page or a PDF, as the preview shows it."""
        document = self.controller.document
        if document is None:
            return
        suggested = str(Path.home() / f"{Path(document.path).stem}.{kind}")
        name, _ = QFileDialog.getSaveFileName(self, f"Export as {kind.upper()}", suggested,
                                              "HTML page (*.html)" if kind == "html" else "PDF (*.pdf)")
        if not name:
            return
        try:
            if kind == "html":
                self.preview.export_html(Path(name), self._title or Path(document.path).stem)
                self.context.notifier.note(f"Exported {name}")
            else:
                self.preview.export_pdf(Path(name), self._title or Path(document.path).stem)
        except PostdeskError as error:
            self.context.notifier.error(error)

    def _open_repository(self) -> None:
        from desktop_app.ui.window.open_repository import choose_repository  # a dialog, loaded on demand
        chosen = choose_repository(self, self.context.notifier)
        if chosen is not None:  # closing asks about unsaved changes
            self.open_requested = chosen
            self.close()

    # --- state ---------------------------------------------------------------------------------

    def _restore_state(self) -> None:
        state = load_state(self.context.workspace.paths)
        if state.geometry:
            self.restoreGeometry(QByteArray(base64.b64decode(state.geometry)))
        else:
            self._fit_to_screen()
        self.modes.restore(state)
        self._initial_post = state.last_post.get(str(self.context.workspace.root))
        self.editor_pane.editor.restore_places(state.carets.get(str(self.context.workspace.root)), state.editor_zoom)

    def _fit_to_screen(self) -> None:
        """First start: 90% of the screen, centred, never larger than the screen."""
        screen = self.screen().availableGeometry()
        width, height = min(1440, int(screen.width() * 0.9)), min(900, int(screen.height() * 0.9))
        self.resize(width, height)
        self.move(screen.center().x() - width // 2, screen.center().y() - height // 2)

    def _save_state(self) -> None:
        paths = self.context.workspace.paths
        state = load_state(paths)
        state.remember_repository(self.context.workspace.root)
        state.geometry = base64.b64encode(bytes(self.saveGeometry())).decode()
        self.modes.save(state)
        if self.controller.document is not None:
            state.last_post[str(self.context.workspace.root)] = self.controller.document.path
        state.carets[str(self.context.workspace.root)], state.editor_zoom = self.editor_pane.editor.places()
        save_state(paths, state)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        """Coming back to the window: the open post may have changed on disk meanwhile."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            self.controller.check_disk()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if not self.controller.maybe_keep_changes():
            event.ignore()
            return
        try:
            self._save_state()
        except OSError:
            pass  # window state is a convenience; never block closing on it
        free_pages(self)  # the rendered diffs' pages (dialogs' too) go before QtWebEngine does
        self.preview.shutdown()
        self.context.runner.shutdown()
        self.recovery.shutdown()
        event.accept()
