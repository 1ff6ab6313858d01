"""Spacing, sizes and colours shared by the widgets, in one place."""

from __future__ import annotations

from PySide6.QtGui import QColor

MARGIN = 10
SPACING = 6
ROW_PADDING = 8
SIDEBAR_WIDTH = 300
FORM_LABEL_WIDTH = 96

GIT_STATE_COLOURS = {
    "new": QColor("#1a7f37"),
    "modified": QColor("#bc4c00"),
    "renamed": QColor("#8250df"),
    "deleted": QColor("#cf222e"),
    "conflicted": QColor("#cf222e"),
}
GIT_STATE_LETTERS = {"new": "A", "modified": "M", "renamed": "R", "deleted": "D", "conflicted": "C"}
GIT_STATE_WORDS = {"new": "New", "modified": "Modified", "renamed": "Renamed", "deleted": "Deleted",
                   "conflicted": "Conflict"}
DRAFT_COLOUR = QColor("#9a6700")
PUBLISHED_COLOUR = QColor("#1a7f37")
MUTED_TEXT = QColor("#656d76")
ERROR_COLOUR = QColor("#cf222e")
SELECTED_TEXT = QColor("#0b1f44")
SELECTED_MUTED = QColor("#3d5a8a")
