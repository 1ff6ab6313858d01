"""File → Open Recent: the repositories opened before, the last one first.

Read from the window state each time the menu opens (another window may have added one); the
repository open now is not offered, a folder that is gone is shown greyed so the writer sees why
it cannot be opened, and Clear Menu forgets the list.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QMenu, QWidget

from desktop_app.core.paths import AppPaths
from desktop_app.core.settings import load_state, save_state
from desktop_app.ui.commands.catalogue import HIDDEN_FROM_PALETTE


def shown_path(path: Path) -> str:
    """`/home/ann/blog` as `~/blog`: shorter, and what people type."""
    try:
        return "~/" + path.relative_to(Path.home()).as_posix()
    except ValueError:
        return str(path)


def _menu_text(text: str) -> str:
    return text.replace("&", "&&")  # a literal ampersand, not a mnemonic


class RecentMenu(QMenu):
    """Emits `open_requested(path)` for the repository chosen."""

    open_requested = Signal(Path)

    def __init__(self, paths: AppPaths, current: Path, parent: QWidget | None = None) -> None:
        super().__init__("Open &Recent", parent)
        self.setObjectName("recentMenu")
        self._paths, self._current = paths, current
        self.aboutToShow.connect(self.fill)
        self.fill()

    def recent(self) -> list[Path]:
        """The repositories to offer, the last used first (without the one open now)."""
        try:
            listed = load_state(self._paths).recent_repositories
        except OSError:
            return []
        current = self._current.resolve()
        return [Path(text) for text in listed if Path(text).resolve() != current]

    def fill(self) -> None:
        self.clear()
        recent = self.recent()
        for path in recent:
            missing = not path.is_dir()
            action = self.addAction(_menu_text(f"{path.name}  —  {shown_path(path)}"
                                               + ("  (not found)" if missing else "")))
            action.setData(str(path))
            action.setEnabled(not missing)
            action.setToolTip(f"{path} is no longer there." if missing else str(path))
            action.triggered.connect(lambda _checked=False, chosen=path: self.open_requested.emit(chosen))
        if not recent:
            empty = self.addAction("No other repositories yet")
            empty.setEnabled(False)
            empty.setProperty(HIDDEN_FROM_PALETTE, True)  # a note, not a command
        self.addSeparator()
        clear = self.addAction("Clear Menu")
        clear.setObjectName("clearRecent")
        clear.setEnabled(bool(recent))
        clear.triggered.connect(self.forget)

    def forget(self) -> None:
        """Clear Menu: keep only the repository open now."""
        try:
            state = load_state(self._paths)
            state.recent_repositories = [p for p in state.recent_repositories
                                         if Path(p).resolve() == self._current.resolve()]
            save_state(self._paths, state)
        except OSError:
            pass  # the list is a convenience; it stays as it was
        self.fill()
