"""The status bar: passing notes on the left; words, reading time, save state and branch on the right.

The branch is a button: clicking it opens the branch menu (switch, check out, create), which
`ui/git/branch_menu.py` fills.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QStatusBar, QToolButton, QWidget

from desktop_app.core.render.pipeline import reading_minutes

# A flat button that reads as status-bar text until hovered; palette() colours follow the theme.
_BRANCH_STYLE = """
QToolButton#branchButton { border: none; background: transparent; padding: 1px 8px; color: palette(window-text); }
QToolButton#branchButton:hover { background: palette(midlight); border-radius: 4px; }
QToolButton#branchButton::menu-indicator { image: none; width: 0; }
"""


class StatusBar(QStatusBar):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.words = QLabel()
        self.words.setObjectName("wordCount")
        self.saved = QLabel()
        self.saved.setObjectName("saveState")
        self.branch = QToolButton()
        self.branch.setObjectName("branchButton")
        self.branch.setStyleSheet(_BRANCH_STYLE)
        self.branch.setToolTip("The checked-out branch. Click to switch branches or create one.")
        for label in (self.words, self.saved):
            label.setContentsMargins(8, 0, 8, 0)
            self.addPermanentWidget(label)
        self.addPermanentWidget(self.branch)

    def show_counts(self, words: int) -> None:
        minutes = reading_minutes(words)
        self.words.setText(f"{words:,} words · {minutes} min read" if words else "0 words")

    def show_saved(self, modified: bool) -> None:
        self.saved.setText("● Unsaved changes" if modified else "Saved")
        if self.saved.property("modified") != modified:  # the theme's sheet colours it by this property
            self.saved.setProperty("modified", modified)
            self.saved.style().unpolish(self.saved)
            self.saved.style().polish(self.saved)

    def show_branch(self, branch: str | None) -> None:
        self.branch.setText(f"⎇ {branch} ▾" if branch else "⎇ detached ▾")
