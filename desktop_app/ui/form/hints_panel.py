"""The form's "Before publishing" box: the open post's writing hints (`core/site/links/hints.py`).

Below the fields, so a hint appearing or going while the writer types never moves the field
they are in. Each hint is a line to click: a field's hint goes to that field, a hint about the
body goes to its line in the editor. Nothing here blocks anything: a post with hints saves,
commits and publishes as any other.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from desktop_app.core.site.links.hints import Hint
from desktop_app.core.wording import plural


class _HintRow(QLabel):
    """One hint, as a line of text that goes to its place when clicked."""

    clicked = Signal()

    def __init__(self, text: str, where: str) -> None:
        super().__init__(text)
        self.setObjectName("writingHint")
        self.setWordWrap(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip(where)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mouseReleaseEvent(event)


class HintsPanel(QFrame):
    """Signals: `hint_activated(Hint)` when the writer clicks one; `counted(n)` when the number
    of hints shown changes (the one-line header says it while the drawer is closed)."""

    hint_activated = Signal(object)
    counted = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("writingHints")
        self.heading = QLabel()
        self.heading.setObjectName("writingHintsHeading")
        self._rows = QVBoxLayout()
        self._rows.setSpacing(4)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(6)
        layout.addWidget(self.heading)
        layout.addLayout(self._rows)
        self._hints: list[Hint] = []
        self.hide()

    def show_hints(self, hints: list[Hint]) -> None:
        """Show `hints` (none: the box goes). Unchanged hints leave the rows alone."""
        if hints == self._hints:
            return
        self._hints = list(hints)
        while self._rows.count():
            item = self._rows.takeAt(0)
            if item is not None and item.widget() is not None:
                item.widget().deleteLater()
        for hint in hints:
            where = f"Go to line {hint.line}" if hint.line else f"Go to the {hint.key} field" if hint.key else ""
            row = _HintRow(("Line " + str(hint.line) + ": " if hint.line else "") + hint.message, where)
            row.clicked.connect(lambda hint=hint: self.hint_activated.emit(hint))
            self._rows.addWidget(row)
        self.heading.setText(f"Before publishing · {plural(len(hints), 'hint')}")
        self.setVisible(bool(hints))
        self.counted.emit(len(hints))

    def hints(self) -> list[Hint]:
        return list(self._hints)

    def texts(self) -> list[str]:
        """The rows as the writer reads them."""
        return [self._rows.itemAt(index).widget().text() for index in range(self._rows.count())]  # type: ignore[union-attr]

    def activate(self, index: int) -> None:
        """Click row `index`, as the writer would."""
        self.hint_activated.emit(self._hints[index])
