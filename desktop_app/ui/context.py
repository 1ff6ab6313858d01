"""The UI's context object: the Workspace plus the services every widget shares.

Passed explicitly to widgets (no globals), as git-cola's ApplicationContext is.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.core.workspace import Workspace
from desktop_app.ui.notify import Notifier
from desktop_app.ui.workers import TaskRunner


@dataclass
class UiContext:
    workspace: Workspace
    runner: TaskRunner
    notifier: Notifier
