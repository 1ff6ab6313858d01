"""Two versions of a post side by side in the review's three forms: a dialog of its own.

Used when the file changed on disk under unsaved edits, and by the recovery dialog's callers
that want a larger view; the comparison itself is the changes panel's `DiffView`.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from desktop_app.core.review.post_diff import Side
from desktop_app.ui.context import UiContext
from desktop_app.ui.review.diff_view import DiffView


class CompareDialog(QDialog):
    def __init__(self, context: UiContext, old: Side, new: Side, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("compareDialog")
        self.setWindowTitle(f"Compare — {new.path or old.path}")
        self.resize(900, 640)
        self.diff = DiffView(context)
        intro = QLabel(f"From <b>{old.label}</b> to <b>{new.label}</b>.")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.diff, 1)
        layout.addWidget(buttons)
        self.diff.show_sides(old, new)
