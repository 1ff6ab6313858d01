"""GUI entry point: QApplication, excepthook, the repository to open, and the main window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from desktop_app import __version__
from desktop_app.core.errors import PostdeskError
from desktop_app.core.paths import AppPaths
from desktop_app.core.resources import resource_path
from desktop_app.core.workspace import Workspace, default_repository
from desktop_app.ui.context import UiContext
from desktop_app.ui.mainwindow import MainWindow
from desktop_app.ui.notify import Notifier
from desktop_app.ui.open_repository import ensure_repository
from desktop_app.ui.workers import TaskRunner


def create_application() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("Postdesk")
    app.setApplicationDisplayName("Postdesk")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("Postdesk")
    app.setDesktopFileName("postdesk")
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


def run_gui(repository: str | None, paths: AppPaths) -> int:
    app = create_application()
    window: MainWindow | None = None
    notifier = Notifier(lambda: window)
    notifier.install_excepthook()
    target: Path | None = Path(repository) if repository else None
    while True:
        workspace = open_workspace(target, paths, notifier)
        if workspace is None:
            return 1
        window = MainWindow(UiContext(workspace, TaskRunner(), notifier))
        window.show()
        status = app.exec()
        target = window.open_requested
        if target is None:
            return status
