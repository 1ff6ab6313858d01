"""GUI entry point: QApplication, excepthook, the repository to open, and the main window."""

from __future__ import annotations

import sys
from pathlib import Path

import desktop_app.ui  # noqa: F401 - first: spares the imports below PySide6's source scan (ui/import_scan.py)
from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from desktop_app import __version__
from desktop_app.core.desktop_entry import APP_ID
from desktop_app.core.errors import PostdeskError
from desktop_app.core.paths import AppPaths
from desktop_app.core.resources import resource_path
from desktop_app.core.settings import load_settings, load_state, save_state
from desktop_app.core.workspace import Workspace, default_repository, missing_last_repository
from desktop_app.ui.context import UiContext
from desktop_app.ui.notify import Notifier
from desktop_app.ui.qt_environment import prefer_color_scheme, prepare_qt_environment
from desktop_app.ui.qt_messages import open_log, route_qt_messages
from desktop_app.ui import start_trace
from desktop_app.ui.style import resolve_dark
from desktop_app.ui.window.mainwindow import MainWindow
from desktop_app.ui.window.open_repository import ensure_repository
from desktop_app.ui.workers import TaskRunner

# The preview renders on a worker thread while the writer types. With Python's default 5 ms
# switch interval a keystroke's handlers can wait that long for the interpreter each time they
# need it; 0.5 ms keeps typing under a frame while a 20,000-word post renders (bench/keystrokes.py).
GIL_SWITCH_INTERVAL = 0.0005


def create_application() -> QApplication:
    sys.setswitchinterval(GIL_SWITCH_INTERVAL)
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("Postdesk")
    app.setApplicationDisplayName("Postdesk")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("Postdesk")
    app.setDesktopFileName(APP_ID)  # matches the installed desktop entry (core/desktop_entry.py)
    app.setWindowIcon(QIcon(str(resource_path("icons", "postdesk.svg"))))
    return app


def open_workspace(path: Path | None, paths: AppPaths, notifier: Notifier) -> Workspace | None:
    """The workspace for `path` (or the default repository), asking to `git init` a plain folder."""
    try:
        target = path if path is not None else default_repository(paths)
        if not target.exists():
            return Workspace.open(target, paths)  # raises RepositoryMissing with a clear message
        if not ensure_repository(target, notifier):
            return None
        return Workspace.open(target, paths)
    except PostdeskError as error:
        notifier.error(error)
        return None


def open_post_next(workspace: Workspace, post: Path) -> None:
    """Make `post` the post the window opens first (a .md file opened from a file manager)."""
    try:
        relative = post.resolve().relative_to(workspace.root.resolve()).as_posix()
    except ValueError:
        return
    state = load_state(workspace.paths)
    state.last_post[str(workspace.root)] = relative
    try:
        save_state(workspace.paths, state)
    except OSError:
        pass  # the window opens the newest post instead


def trace_start(window: MainWindow) -> None:
    """The moments of a start that `bench/startup.py` sets beside another editor's (only when it
    asks: POSTDESK_START_TRACE)."""
    start_trace.on_first_paint(window, "window painted")
    start_trace.on_first_paint(window.library.list.viewport(), "library listed",
                               lambda: window.library.model.rowCount() > 0)
    start_trace.on_first_signal(window.controller.post_opened, "post open")
    start_trace.on_first_signal(window.preview.updated, "preview shown")


def run_gui(repository: str | None, paths: AppPaths, verbose: bool = False) -> int:
    start_trace.mark("modules loaded")
    prepare_qt_environment(verbose=verbose)  # before Qt starts: no sandbox as root, offscreen headless, quiet
    route_qt_messages(open_log(paths.cache_dir), verbose)  # Qt's fallbacks go to the log, not the terminal
    app = create_application()
    start_trace.mark("application made")
    prefer_color_scheme(resolve_dark(load_settings(paths).theme))  # before QtWebEngine starts
    window: MainWindow | None = None
    notifier = Notifier(lambda: window)
    notifier.install_excepthook()
    target: Path | None = Path(repository).expanduser() if repository else None
    post: Path | None = None
    if target is not None and target.is_file():
        target, post = target.parent, target  # a post: open its repository at that post
    while True:
        missing = missing_last_repository(paths) if target is None else None
        workspace = open_workspace(target, paths, notifier)
        if workspace is None:
            return 1
        if post is not None:
            open_post_next(workspace, post)
            post = None
        start_trace.mark("workspace open")
        window = MainWindow(UiContext(workspace, TaskRunner(), notifier))
        start_trace.mark("window made")
        trace_start(window)
        window.show()
        start_trace.mark("window shown")
        if missing is not None:
            QTimer.singleShot(0, lambda error=missing: notifier.error(error))  # once the window is up
        status = app.exec()
        target = window.open_requested
        if target is None:
            return status
