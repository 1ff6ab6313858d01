"""Spacing, sizes and colours shared by the widgets, in one place; dialogs sized to their screen."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QColor, QGuiApplication
from PySide6.QtWidgets import QWidget

MARGIN = 10
SPACING = 6
ROW_PADDING = 8
SIDEBAR_WIDTH = 300
FORM_LABEL_WIDTH = 96

GIT_STATE_LETTERS = {"new": "A", "modified": "M", "renamed": "R", "deleted": "D", "conflicted": "C"}
GIT_STATE_WORDS = {"new": "New", "modified": "Modified", "renamed": "Renamed", "deleted": "Deleted",
                   "conflicted": "Conflict"}


@dataclass(frozen=True)
class RowColours:
    """Colours painted by hand (library rows, changed-file names), for one theme."""

    muted: QColor
    error: QColor
    selected_text: QColor  # on the selected row's tint (see style.py)
    selected_muted: QColor
    draft: QColor
    published: QColor
    git_states: dict[str, QColor]

    def git_state(self, state: str) -> QColor:
        return self.git_states.get(state, self.muted)


LIGHT_ROWS = RowColours(
    muted=QColor("#656d76"), error=QColor("#cf222e"), selected_text=QColor("#0b1f44"),
    selected_muted=QColor("#3d5a8a"), draft=QColor("#9a6700"), published=QColor("#1a7f37"),
    git_states={"new": QColor("#1a7f37"), "modified": QColor("#bc4c00"), "renamed": QColor("#8250df"),
                "deleted": QColor("#cf222e"), "conflicted": QColor("#cf222e")},
)
DARK_ROWS = RowColours(
    muted=QColor("#8b949e"), error=QColor("#ff7b72"), selected_text=QColor("#e6edf3"),
    selected_muted=QColor("#a8bad6"), draft=QColor("#d29922"), published=QColor("#3fb950"),
    git_states={"new": QColor("#3fb950"), "modified": QColor("#f0883e"), "renamed": QColor("#bc8cff"),
                "deleted": QColor("#ff7b72"), "conflicted": QColor("#ff7b72")},
)


def row_colours(dark: bool) -> RowColours:
    return DARK_ROWS if dark else LIGHT_ROWS


# A dialog with a fixed size of its own (1180×760) puts its buttons off a 1280×720 laptop screen:
# dialogs ask for a preferred size and take at most this share of the available screen.
SCREEN_SHARE = 0.92  # room for the window's frame and a panel or dock of the desktop


def fitted_size(preferred: QSize, available: QRect, share: float = SCREEN_SHARE) -> QSize:
    """`preferred`, shrunk to at most `share` of the available screen in each direction."""
    return QSize(min(preferred.width(), int(available.width() * share)),
                 min(preferred.height(), int(available.height() * share)))


def fit_to_screen(widget: QWidget, width: int, height: int) -> None:
    """Resize `widget` to width × height, or less on a smaller screen (the one its parent is on)."""
    anchor = widget.parentWidget() or widget
    screen = anchor.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        widget.resize(width, height)
        return
    widget.resize(fitted_size(QSize(width, height), screen.availableGeometry()))
