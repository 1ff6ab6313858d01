"""What the screenshot scripts share: the window on the sample blog under Xvfb, a list of timed
steps, and grabbing the X screen (not a widget render, so dialogs and menus show as they are)."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("POSTDESK_HOME", tempfile.mkdtemp(prefix="postdesk-shots-"))
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox --disable-gpu")

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtGui import QCursor, QGuiApplication  # noqa: E402

from desktop_app.core.workspace import Workspace  # noqa: E402
from desktop_app.ui.context import UiContext  # noqa: E402
from desktop_app.ui.notify import Notifier  # noqa: E402
from desktop_app.ui.qt_environment import prefer_color_scheme  # noqa: E402
from desktop_app.ui.style import resolve_dark  # noqa: E402
from desktop_app.ui.window.mainwindow import MainWindow  # noqa: E402
from desktop_app.ui.workers import TaskRunner  # noqa: E402

Step = tuple[int, Callable[[], object]]  # milliseconds to wait, then what to do


def full_screen_window(workspace: Workspace, notifier: Notifier) -> MainWindow:
    """The main window over the whole screen (Xvfb has no window manager), in the theme
    `POSTDESK_THEME` names, if any."""
    if os.environ.get("POSTDESK_THEME"):
        workspace.settings.theme = os.environ["POSTDESK_THEME"]
    prefer_color_scheme(resolve_dark(workspace.settings.theme))  # as run_gui does
    window = MainWindow(UiContext(workspace, TaskRunner(), notifier))
    window.setGeometry(QGuiApplication.primaryScreen().availableGeometry())
    window.show()
    return window


def shoot(path: Path) -> None:
    """Grab the whole X screen into `path`, the pointer parked where it highlights nothing."""
    screen = QGuiApplication.primaryScreen()
    QCursor.setPos(screen.geometry().bottomRight())
    path.parent.mkdir(parents=True, exist_ok=True)
    screen.grabWindow(0).save(str(path))
    print(f"saved {path}")


def run_steps(steps: list[Step], index: int = 0) -> None:
    """Run the steps one after another, each after its delay, on the event loop."""
    if index < len(steps):
        delay, action = steps[index]
        QTimer.singleShot(delay, lambda: (action(), run_steps(steps, index + 1)))
