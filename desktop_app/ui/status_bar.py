"""The status bar: passing notes on the left; words, reading time, save state and branch on the right."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from desktop_app.core.render import reading_minutes


class StatusBar(QStatusBar):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.words = QLabel()
        self.words.setObjectName("wordCount")
        self.saved = QLabel()
        self.saved.setObjectName("saveState")
        self.branch = QLabel()
        self.branch.setObjectName("branchLabel")
        for label in (self.words, self.saved, self.branch):
            label.setContentsMargins(8, 0, 8, 0)
            self.addPermanentWidget(label)

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
        self.branch.setText(f"⎇ {branch}" if branch else "⎇ detached")
