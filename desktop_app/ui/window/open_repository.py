"""Choosing a repository to open, and offering `git init` for a plain folder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from desktop_app.core.errors import NotARepository, PostdeskError
from desktop_app.core.git.repo import GitRepo
from desktop_app.core.workspace import initialise_repository
from desktop_app.ui.notify import Notifier


def ensure_repository(path: Path, notifier: Notifier) -> bool:
    """True when `path` is (now) inside a git repository; offers `git init` for a plain folder."""
    try:
        GitRepo.discover(path)
        return True
    except NotARepository as error:
        question = (f"{path} is not a git repository yet.\n\nPostdesk keeps your posts' history with git. "
                    "Initialise a repository in this folder (git init)?")
        if not notifier.confirm("Not a git repository", question, "Initialise Repository"):
            notifier.error(error)
            return False
        try:
            initialise_repository(path)
        except PostdeskError as init_error:
            notifier.error(init_error)
            return False
        return True
    except PostdeskError as error:
        notifier.error(error)
        return False


def choose_repository(parent: QWidget, notifier: Notifier) -> Path | None:
    folder = QFileDialog.getExistingDirectory(parent, "Open a blog repository")
    if not folder:
        return None
    path = Path(folder)
    return path if ensure_repository(path, notifier) else None
