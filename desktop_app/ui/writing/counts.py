"""Counts and goals in the status bar: words, characters and reading time of the post's body; of
the selection while there is one; and progress towards the post's word goal, if it has one.

The body is counted a moment after typing stops (2 ms for 20,000 words), the selection a moment
after it stops changing. Clicking the counts sets or clears the open post's word goal; goals
are the writer's, not the site's, so they are kept with the window's state, never in the post.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QMenu,
    QPlainTextEdit,
    QProgressBar,
    QToolButton,
    QWidget,
)

from desktop_app.core.render.counts import Counts, body_counts, count

REFRESH_MS = 300
SELECTION_MS = 80
MAX_GOAL = 1_000_000
_STYLE = """
QToolButton#wordCounts { border: none; background: transparent; padding: 1px 8px; color: palette(window-text); }
QToolButton#wordCounts:hover { background: palette(midlight); border-radius: 4px; }
QToolButton#wordCounts::menu-indicator { image: none; width: 0; }
QProgressBar#goalProgress { max-height: 6px; min-width: 70px; max-width: 70px; border: none; border-radius: 3px;
                            background: palette(midlight); }
QProgressBar#goalProgress::chunk { border-radius: 3px; background: palette(highlight); }
QProgressBar#goalProgress[reached="true"]::chunk { background: #2f9e44; }
"""


def _minutes(minutes: int) -> str:
    return f"{minutes} min read" if minutes else "under a minute"


def describe(body: Counts, selection: Counts | None, goal: int) -> str:
    """The status bar's words for these counts."""
    if selection is not None and selection.characters:
        return f"{selection.words:,} of {body.words:,} words · {selection.characters:,} characters selected"
    if goal:
        done = "✓ " if body.words >= goal else ""
        return f"{done}{body.words:,} / {goal:,} words · {body.characters:,} characters · {_minutes(body.minutes)}"
    if not body.words:
        return "0 words"
    return f"{body.words:,} words · {body.characters:,} characters · {_minutes(body.minutes)}"


def details(body: Counts, selection: Counts | None, goal: int) -> str:
    """The tooltip: everything counted, and what a click does."""
    lines = [(f"The post's body: {body.words:,} words, {body.characters:,} characters "
              f"({body.characters_without_spaces:,} without spaces), {_minutes(body.minutes)}.")]
    if selection is not None and selection.characters:
        lines.append(f"Selected: {selection.words:,} words, {selection.characters:,} characters "
                     f"({selection.characters_without_spaces:,} without spaces).")
    if goal:
        left = goal - body.words
        lines.append(f"Goal: {goal:,} words — " + (f"{left:,} to go." if left > 0 else "reached."))
    lines.append("Click to set a word goal for this post." if not goal else "Click to change or clear the goal.")
    return "\n".join(lines)


class CountsWidget(QWidget):
    """The counts as a flat button (its menu sets the goal) and, with a goal, a progress bar."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("countsWidget")
        self.setStyleSheet(_STYLE)
        self.button = QToolButton()
        self.button.setObjectName("wordCounts")
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.menu = QMenu(self.button)
        self.button.setMenu(self.menu)
        self.progress = QProgressBar()
        self.progress.setObjectName("goalProgress")
        self.progress.setTextVisible(False)
        self.progress.hide()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 4, 0)
        row.setSpacing(2)
        row.addWidget(self.progress, 0, Qt.AlignmentFlag.AlignVCenter)
        row.addWidget(self.button)

    def show_counts(self, body: Counts, selection: Counts | None, goal: int) -> None:
        self.button.setText(describe(body, selection, goal))
        self.button.setToolTip(details(body, selection, goal))
        self.progress.setVisible(bool(goal))
        if goal:
            self.progress.setRange(0, goal)
            self.progress.setValue(min(goal, body.words))
            reached = body.words >= goal
            if self.progress.property("reached") != reached:
                self.progress.setProperty("reached", reached)
                self.progress.style().unpolish(self.progress)
                self.progress.style().polish(self.progress)


class WordCounts(QObject):
    """Counts `editor`'s post and selection into `widget`, and keeps each post's word goal.

    `goals` reads and `store_goal(key, goal)` keeps the goals (0 clears one); `key` is the open
    post's name for them (its absolute path)."""

    def __init__(self, editor: QPlainTextEdit, widget: CountsWidget, goals: Callable[[], dict[str, int]],
                 store_goal: Callable[[str, int], None], parent: QObject | None = None) -> None:
        super().__init__(parent or editor)
        self.editor = editor
        self.widget = widget
        self._goals = goals
        self._store_goal = store_goal
        self.key = ""
        self.body = Counts(0, 0, 0)
        self.selection: Counts | None = None
        self.timer = QTimer(self, singleShot=True, interval=REFRESH_MS)
        self.timer.timeout.connect(self.count_body)
        self.selection_timer = QTimer(self, singleShot=True, interval=SELECTION_MS)
        self.selection_timer.timeout.connect(self.count_selection)
        editor.textChanged.connect(self.timer.start)
        editor.selectionChanged.connect(self.selection_timer.start)
        widget.menu.aboutToShow.connect(self._fill_menu)

    @property
    def goal(self) -> int:
        value = self._goals().get(self.key, 0) if self.key else 0
        return value if isinstance(value, int) and 0 < value <= MAX_GOAL else 0

    def set_post(self, key: str) -> None:
        self.key = key
        self.selection = None
        self.count_body()

    def count_body(self) -> None:
        self.timer.stop()
        self.body = body_counts(self.editor.text()) if self.key else Counts(0, 0, 0)  # type: ignore[attr-defined]
        self._show()

    def count_selection(self) -> None:
        cursor = self.editor.textCursor()
        self.selection = count(cursor.selectedText().replace("\u2029", "\n")) if cursor.hasSelection() else None
        self._show()

    def _show(self) -> None:
        self.widget.show_counts(self.body, self.selection, self.goal)

    # --- the goal ------------------------------------------------------------------------------

    def _fill_menu(self) -> None:
        menu = self.widget.menu
        menu.clear()
        set_goal = menu.addAction("Set Word Goal…" if not self.goal else "Change Word Goal…")
        set_goal.setObjectName("setWordGoal")
        set_goal.setEnabled(bool(self.key))
        set_goal.triggered.connect(self.ask_goal)
        if self.goal:
            clear = menu.addAction("Clear Word Goal")
            clear.setObjectName("clearWordGoal")
            clear.triggered.connect(lambda: self.set_goal(0))

    def ask_goal(self) -> None:
        suggested = self.goal or max(500, (self.body.words // 500 + 1) * 500)
        goal, ok = QInputDialog.getInt(self.editor.window(), "Word Goal",
                                       "Words this post should have (0: no goal):", suggested, 0, MAX_GOAL, 100)
        if ok:
            self.set_goal(goal)

    def set_goal(self, goal: int) -> None:
        if self.key:
            self._store_goal(self.key, goal)
            self._show()

    def rename(self, old_key: str, new_key: str) -> None:
        """The open post was renamed: its goal goes with it."""
        goal = self._goals().get(old_key, 0)
        if goal:
            self._store_goal(old_key, 0)
            self._store_goal(new_key, goal)
        if self.key == old_key:
            self.key = new_key
        self._show()


__all__ = ["CountsWidget", "WordCounts", "describe", "details"]
