"""Spacing, sizes and colours shared by the widgets, in one place."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor

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
