"""The front-matter form: one widget per field, built from `core.schema`.

The form shows values parsed from the editor's text and emits `field_edited(key, value)` for
user edits only; the owner turns that into a minimal text edit, and the refreshed text flows
back through `show_values`. Programmatic updates never emit, so there is no feedback loop.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import QDate, QDateTime, QTime, QTimeZone, Signal
from PySide6.QtWidgets import (
    QCheckBox, QDateEdit, QDateTimeEdit, QDoubleSpinBox, QFormLayout, QLabel, QLineEdit,
    QPlainTextEdit, QSizePolicy, QVBoxLayout, QWidget,
)

from desktop_app.core import schema
from desktop_app.core.schema import FieldSpec
from desktop_app.ui import metrics
from desktop_app.ui.image_field import ImageField
from desktop_app.ui.tag_edit import TagEdit

NO_DATE = QDate(1900, 1, 1)


class FrontMatterForm(QWidget):
    """Fields of the open post; `error_label` says what is wrong when the block cannot be read."""

    field_edited = Signal(str, object)

    def __init__(self, resolve_image: Callable[[str], Path | None], choose_image: Callable[[Path], str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("frontMatterForm")
        self._resolve_image = resolve_image
        self._choose_image = choose_image
        self._specs: list[FieldSpec] = []
        self._widgets: dict[str, QWidget] = {}
        self._values: dict[str, Any] = {}
        self._updating = False
        self._completions: list[str] = []
        self.error_label = QLabel()
        self.error_label.setObjectName("frontMatterError")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self._fields = QWidget()
        self._layout = QFormLayout(self._fields)
        self._layout.setContentsMargins(metrics.MARGIN, metrics.MARGIN // 2, metrics.MARGIN, metrics.MARGIN // 2)
        self._layout.setHorizontalSpacing(metrics.MARGIN)
        self._layout.setVerticalSpacing(metrics.SPACING)
        self._layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.error_label)
        outer.addWidget(self._fields)

    # --- showing values ----------------------------------------------------------------------

    def show_values(self, values: dict[str, Any], error: str = "") -> None:
        """Show a post's values; fields are rebuilt only when the set of fields changes."""
        self.error_label.setText(error)
        self.error_label.setVisible(bool(error))
        self._fields.setEnabled(not error)
        if error:
            return  # keep the last good values, greyed out, while the writer fixes the text
        specs = schema.fields_for(values)
        if specs != self._specs:
            self._rebuild(specs)
        self._values = dict(values)
        self._updating = True
        try:
            for spec in specs:
                self._set_widget(spec, values.get(spec.key))
        finally:
            self._updating = False

    def clear(self) -> None:
        """Remove every field, so another post's values are never shown."""
        self._rebuild([])
        self._values = {}

    def set_tag_completions(self, tags: list[str]) -> None:
        self._completions = tags
        for widget in self._widgets.values():
            if isinstance(widget, TagEdit):
                widget.set_completions(tags)

    def widget(self, key: str) -> QWidget | None:
        return self._widgets.get(key)

    def _rebuild(self, specs: list[FieldSpec]) -> None:
        while self._layout.rowCount():
            self._layout.removeRow(0)
        self._widgets.clear()
        self._specs = specs
        for spec in specs:
            widget = self._make_widget(spec)
            widget.setObjectName(f"field-{spec.key}")
            label = QLabel(spec.label + (" *" if spec.required else ""))
            label.setMinimumWidth(metrics.FORM_LABEL_WIDTH)
            label.setBuddy(widget)
            self._layout.addRow(label, widget)
            self._widgets[spec.key] = widget

    def _make_widget(self, spec: FieldSpec) -> QWidget:
        key = spec.key
        if spec.kind == schema.MULTILINE:
            edit = QPlainTextEdit()
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(edit.fontMetrics().lineSpacing() * 3 + 12)
            edit.textChanged.connect(lambda: self._emit(key, edit.toPlainText()))
            return edit
        if spec.kind == schema.BOOLEAN:
            box = QCheckBox()
            box.clicked.connect(lambda checked: self._emit(key, bool(checked)))
            return box
        if spec.kind == schema.DATE:
            date = QDateEdit(calendarPopup=True, displayFormat="MMM d, yyyy")
            date.setMinimumDate(NO_DATE)
            date.setSpecialValueText("Not set")
            date.dateChanged.connect(lambda value: self._emit(key, value.toPython()) if value != NO_DATE else None)
            date.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            return date
        if spec.kind == schema.DATETIME:
            stamp = QDateTimeEdit(calendarPopup=True, displayFormat="MMM d, yyyy  HH:mm:ss")
            stamp.dateTimeChanged.connect(lambda value: self._emit_datetime(key, value))
            stamp.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            return stamp
        if spec.kind == schema.TAGS:
            tags = TagEdit()
            tags.set_completions(self._completions)
            tags.tags_changed.connect(lambda values: self._emit(key, values))
            return tags
        if spec.kind == schema.IMAGE:
            image = ImageField(self._resolve_image, self._choose_image)
            image.value_edited.connect(lambda value: self._emit(key, value))
            return image
        if spec.kind == schema.NUMBER:
            number = QDoubleSpinBox(decimals=0, minimum=-1e9, maximum=1e9)
            number.valueChanged.connect(lambda value: self._emit_number(key, value))
            number.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            return number
        if spec.kind == schema.READONLY:
            label = QLabel()
            label.setWordWrap(True)
            label.setToolTip("Edit this field in the text: the form keeps it as it is.")
            return label
        line = QLineEdit()
        line.textEdited.connect(lambda text: self._emit(key, text))
        return line

    def _set_widget(self, spec: FieldSpec, value: Any) -> None:
        widget = self._widgets[spec.key]
        if isinstance(widget, QPlainTextEdit):
            text = "" if value is None else str(value)
            if widget.toPlainText() != text:
                widget.setPlainText(text)
        elif isinstance(widget, QCheckBox):
            widget.setChecked(value is True)
        elif isinstance(widget, QDateTimeEdit) and spec.kind == schema.DATETIME:
            widget.setDateTime(_to_qdatetime(value))
        elif isinstance(widget, QDateEdit):
            widget.setDate(QDate(value.year, value.month, value.day) if isinstance(value, dt.date) else NO_DATE)
        elif isinstance(widget, TagEdit):
            widget.set_tags([str(item) for item in value] if isinstance(value, list) else [])
        elif isinstance(widget, ImageField):
            widget.set_value("" if value is None else str(value))
        elif isinstance(widget, QDoubleSpinBox):
            widget.setDecimals(0 if isinstance(value, int) else 2)
            widget.setValue(float(value or 0))
        elif isinstance(widget, QLabel):
            widget.setText(_describe(value))
        elif isinstance(widget, QLineEdit):
            text = "" if value is None else str(value)
            if widget.text() != text:
                widget.setText(text)
                if not widget.hasFocus():
                    widget.setCursorPosition(0)  # show the start of a long title

    # --- emitting edits ----------------------------------------------------------------------

    def _emit(self, key: str, value: Any) -> None:
        if self._updating:
            return
        self._values[key] = value
        self.field_edited.emit(key, value)

    def _emit_number(self, key: str, value: float) -> None:
        old = self._values.get(key)
        self._emit(key, int(value) if isinstance(old, int) or value.is_integer() else value)

    def _emit_datetime(self, key: str, value: QDateTime) -> None:
        old = self._values.get(key)
        new = value.toPython()
        if isinstance(old, dt.datetime) and old.tzinfo is not None:
            new = new.replace(tzinfo=old.tzinfo)
        self._emit(key, new)


def _to_qdatetime(value: Any) -> QDateTime:
    if not isinstance(value, dt.datetime):
        return QDateTime(NO_DATE, QTime(0, 0))
    # Show the time as written in the file, whatever its offset.
    return QDateTime(QDate(value.year, value.month, value.day),
                     QTime(value.hour, value.minute, value.second), QTimeZone.LocalTime)


def _describe(value: Any) -> str:
    if isinstance(value, dict):
        return ", ".join(f"{k}: {v}" for k, v in value.items()) or "(empty)"
    if isinstance(value, list):
        return f"{len(value)} items"
    return str(value)
