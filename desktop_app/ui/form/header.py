"""The post's details in one line above the editor: title, date, draft state and tags, with the
button that opens the full form as a drawer.

In write mode the drawer is closed and this line is all the form takes, so the editor gets the
height; a click anywhere on it (or Ctrl+Shift+D) opens the fields. When the front matter cannot
be read, or a field needs attention, the line says so, since the closed drawer would hide it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Mapping

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QToolButton, QWidget

from desktop_app.core.frontmatter import parse as fm
from desktop_app.core.wording import format_date
from desktop_app.core.site.library.summaries import TAG_KEYS, TITLE_KEYS, as_list
from desktop_app.core.wording import plural
from desktop_app.ui import metrics

DATE_KEYS = ("date", "pubDate", "publishDate", "published_at")
MAX_TAGS = 4  # the line is a glance, not the list


def summary(values: Mapping[str, Any]) -> tuple[str, str]:
    """(title, details) of a post's values: `("Caching …", "February 10, 2026 · Draft · #caching #redis")`."""
    title = next((str(values[key]).strip() for key in TITLE_KEYS if str(values.get(key) or "").strip()), "")
    details: list[str] = []
    date = next((values[key] for key in DATE_KEYS if values.get(key)), None)
    if isinstance(date, str):
        date = fm.parse_datetime(date) or date
    if isinstance(date, (dt.date, dt.datetime)):
        details.append(format_date(date))
    elif date:
        details.append(str(date))
    if "draft" in values or "published" in values:
        draft = values.get("draft") is True or values.get("published") is False
        details.append("Draft" if draft else "Published")
    tags = [str(tag) for key in TAG_KEYS for tag in as_list(values.get(key))]
    if tags:
        shown = " ".join(f"#{tag}" for tag in tags[:MAX_TAGS])
        details.append(shown + (f" +{len(tags) - MAX_TAGS}" if len(tags) > MAX_TAGS else ""))
    return title, " · ".join(details)


class ElidedLabel(QLabel):
    """A one-line label that ends in "…" when it does not fit, instead of widening its parent."""

    def __init__(self, object_name: str) -> None:
        super().__init__()
        self.setObjectName(object_name)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        rect = self.contentsRect()
        text = self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, rect.width())
        painter.setPen(self.palette().color(self.foregroundRole()))
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft), text)

    def natural_width(self) -> int:
        """The width that shows the whole text."""
        margins = self.contentsMargins()
        return self.fontMetrics().horizontalAdvance(self.text()) + margins.left() + margins.right() + 2

    def fits(self) -> bool:
        """Whether the whole text shows (for tests and tooltips)."""
        return self.fontMetrics().horizontalAdvance(self.text()) <= self.contentsRect().width()


class FormHeader(QWidget):
    """`toggled(open)`: the writer opened or closed the drawer (by the button or a click on the line)."""

    toggled = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("formHeader")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.title = ElidedLabel("headerTitle")
        self.details = ElidedLabel("headerDetails")
        self.problem = QLabel()
        self.problem.setObjectName("headerProblem")
        self.problem.hide()
        self.hints = QLabel()
        self.hints.setObjectName("headerHints")
        self.hints.setToolTip("Hints before publishing: open the details to see them.")
        self.hints.hide()
        self.button = QToolButton()
        self.button.setObjectName("detailsButton")
        self.button.setCheckable(True)
        self.button.toggled.connect(self._on_button)
        self._set_button_text(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(metrics.MARGIN + 6, 4, metrics.MARGIN, 4)
        layout.setSpacing(metrics.SPACING + 4)
        layout.addWidget(self.title, 100)  # up to the widths `_share_width` allows
        layout.addWidget(self.details, 100)
        layout.addStretch(1)
        self._row = layout
        layout.addWidget(self.problem)
        layout.addWidget(self.hints)
        layout.addWidget(self.button)
        self.show_values({})

    def show_values(self, values: Mapping[str, Any], error: str = "", problems: int = 0) -> None:
        """The open post's values as the form shows them; `error` when the block cannot be read
        (the last good values stay, as the form keeps them)."""
        if not error:
            title, details = summary(values)
            self.title.setText(title or "Untitled")
            self.details.setText(details)
            self.title.setToolTip(title)
            self.details.setToolTip(details)
        if error:
            self.problem.setText("⚠ The front matter cannot be read")
            self.problem.setToolTip(error)
        elif problems:
            self.problem.setText(f"⚠ {plural(problems, 'field')} to check")
            self.problem.setToolTip("Open the details to see what each field needs.")
        self.problem.setVisible(bool(error or problems))
        self._share_width()
        self.update()

    def show_hints(self, count: int) -> None:
        """How many writing hints the details hold (none: nothing is said)."""
        self.hints.setText(plural(count, "hint"))
        self.hints.setVisible(count > 0)
        self._share_width()

    def _share_width(self) -> None:
        """The title first, in full when it fits; the details take what is left (at least a third
        of the line when both are long)."""
        row = self._row
        used = sum(row.itemAt(i).widget().sizeHint().width() + row.spacing()
                   for i in range(row.count()) if row.itemAt(i).widget() in (self.problem, self.hints, self.button)
                   and not row.itemAt(i).widget().isHidden())
        margins = row.contentsMargins()
        free = max(0, self.width() - margins.left() - margins.right() - used - row.spacing())
        title, details = self.title.natural_width(), self.details.natural_width()
        title_width = min(title, max(free - details, free * 2 // 3))
        self.title.setMaximumWidth(title_width)  # maxima only: the header never holds the window wide
        self.details.setMaximumWidth(max(0, min(details, free - title_width)))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._share_width()

    def show_title(self, title: str) -> None:
        """The post's title as the window names it (from the library when the front matter has
        none: its first heading or its file name)."""
        if title:
            self.title.setText(title)
            self.title.setToolTip(title)
            self._share_width()
            self.update()

    def is_open(self) -> bool:
        return self.button.isChecked()

    def set_open(self, opened: bool) -> None:
        """Show the drawer's state without emitting `toggled` (the owner already knows)."""
        self.button.blockSignals(True)
        self.button.setChecked(opened)
        self.button.blockSignals(False)
        self._set_button_text(opened)

    def _set_button_text(self, opened: bool) -> None:
        self.button.setText("Details ▴" if opened else "Details ▾")
        self.button.setToolTip(("Hide" if opened else "Show") + " the post's fields (Ctrl+Shift+D)")

    def _on_button(self, opened: bool) -> None:
        self._set_button_text(opened)
        self.toggled.emit(opened)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(event.position().toPoint()):
            self.button.toggle()
        super().mouseReleaseEvent(event)
