"""The status bar: passing notes on the left; words, reading time, save state, the count of
changed posts, the branch and the Write | Review switch on the right.

The branch is a button: clicking it opens the branch menu (switch, check out, create), which
`ui/git/branch_menu.py` fills. The count of changed posts shows only when there is something to
commit; clicking it asks for the changes (`changes_clicked`). The mode switch says which mode
the window is in and asks for the other (`mode_chosen(mode)`); `ui/window/modes.py` decides.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QStatusBar,
    QToolButton,
    QWidget,
)

from desktop_app.core.render.counts import reading_minutes
from desktop_app.core.wording import plural

# A flat button that reads as status-bar text until hovered; palette() colours follow the theme.
_BRANCH_STYLE = """
QToolButton#branchButton { border: none; background: transparent; padding: 1px 8px; color: palette(window-text); }
QToolButton#branchButton:hover { background: palette(midlight); border-radius: 4px; }
QToolButton#branchButton::menu-indicator { image: none; width: 0; }
"""


class StatusBar(QStatusBar):
    changes_clicked = Signal()
    mode_chosen = Signal(str)

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
        self.changes = QToolButton()
        self.changes.setObjectName("changesBadge")
        self.changes.clicked.connect(self.changes_clicked)
        self.changes.hide()
        self.mode_switch = QWidget()
        self.mode_switch.setObjectName("modeSwitch")
        self.mode_buttons: dict[str, QToolButton] = {}
        group = QButtonGroup(self.mode_switch)
        row = QHBoxLayout(self.mode_switch)
        row.setContentsMargins(4, 0, 4, 0)
        row.setSpacing(0)
        for mode, text, tip in (("write", "Write", "Write mode: the editor gets the room (Ctrl+Shift+R switches)"),
                                ("review", "Review", "Review mode: the library, fields and changes (Ctrl+Shift+R switches)")):
            button = QToolButton(text=text, checkable=True)
            button.setObjectName(f"{mode}ModeButton")
            button.setToolTip(tip)
            button.clicked.connect(lambda _checked=False, chosen=mode: self.mode_chosen.emit(chosen))
            group.addButton(button)
            row.addWidget(button)
            self.mode_buttons[mode] = button
        for label in (self.words, self.saved):
            label.setContentsMargins(8, 0, 8, 0)
            self.addPermanentWidget(label)
        self.addPermanentWidget(self.changes)
        self.addPermanentWidget(self.branch)
        self.addPermanentWidget(self.mode_switch)

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

    def show_changes(self, posts: int, files: int) -> None:
        """How many posts (and other files) have changes to commit; nothing when there are none."""
        parts = ([plural(posts, "post")] if posts else []) + ([plural(files, "file")] if files else [])
        self.changes.setText(f"● {' and '.join(parts)} changed" if parts else "")
        self.changes.setToolTip("Changes not committed yet. Click to review and commit them.")
        self.changes.setVisible(bool(parts))

    def show_mode(self, mode: str) -> None:
        button = self.mode_buttons.get(mode)
        if button is not None:
            button.setChecked(True)
