"""One editor widget per field kind, and how a value is shown in it.

`make_editor` returns plain Qt widgets (a QLineEdit for text, a QCheckBox for a boolean …) so
tests and accessibility tools see ordinary controls. Each editor reports user edits through
`emit(value)`; `show_value` updates it from the text without emitting.
"""

from __future__ import annotations

import datetime as dt
import itertools
import reprlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import QDate, QDateTime, QEvent, QObject, Qt, QTime, QTimeZone
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDoubleSpinBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QWidget,
)

from desktop_app.core.frontmatter import fields as f
from desktop_app.core.frontmatter.fields import FieldSpec, Option
from desktop_app.core.frontmatter.parse import parse_datetime
from desktop_app.ui.form.image_field import ImageField
from desktop_app.ui.form.tag_edit import TagEdit

NO_DATE = QDate(1900, 1, 1)
Emit = Callable[[Any], None]
# A longer value is left to the text editor: a QLineEdit silently keeps only its first 32,767
# characters (an edit would write the cut value back), and laying out megabytes in a form field
# takes seconds. The field shows its start and says how long it is.
LONG_TEXT = 10_000
SHOWN_TEXT = 500  # how much of a long value the greyed-out field shows
# Lists and objects a field cannot edit are shown in brief: never megabytes, never a thousand
# levels deep (Python's own repr stops there with an error).
_BRIEF = reprlib.Repr()
_BRIEF.maxlevel, _BRIEF.maxlist, _BRIEF.maxdict, _BRIEF.maxstring, _BRIEF.maxother = 4, 20, 20, 80, 80


class _WheelGuard(QObject):
    """Scrolling the form must scroll it, not turn the menu, number or date the pointer passes over.

    An ignored wheel event travels on to the scroll area; a focused field still takes the wheel.
    """

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.Wheel and isinstance(watched, QWidget) and not watched.hasFocus():
            event.ignore()
            return True
        return False


_WHEEL_GUARD = _WheelGuard()


def _guard_wheel(widget: QWidget) -> QWidget:
    widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    widget.installEventFilter(_WHEEL_GUARD)
    return widget


@dataclass
class FormEnv:
    """What editors need from the open post and the repository."""

    resolve_file: Callable[[str], Path | None] = lambda _value: None
    choose_file: Callable[[Path, FieldSpec], str] = lambda path, _spec: str(path)
    completions: dict[str, list[str]] = field(default_factory=dict)
    relation_options: Callable[[FieldSpec], list[Option]] = lambda _spec: []


class ChoiceBox(QComboBox):
    """A select or relation field: shows labels, writes values; keeps a value that is not a choice.

    Values are matched with their type (`true` is not the option `1`). In an editable box (a
    relation) typed text becomes the option whose label or value it names, or else itself.
    """

    def __init__(self, options: list[Option], required: bool, editable: bool = False) -> None:
        super().__init__()
        self.setEditable(editable)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(12)
        self._options = options
        self._required = required
        self._shown: list[Any] = []  # the value of each item, in order
        self._fill(None)

    def _fill(self, current: Any) -> None:
        self.blockSignals(True)
        self.clear()
        self._shown = []
        if not self._required or current is None:
            self._add("—", None)
        for option in self._options:
            self._add(option.label, option.value)
        if current is not None and self._index_of(current) < 0:
            self._add(f"{shown_text(current)} (not a choice)", current)
        self.blockSignals(False)

    def _add(self, label: str, value: Any) -> None:
        self.addItem(label)
        self._shown.append(value)

    def _index_of(self, value: Any) -> int:
        return next((i for i, shown in enumerate(self._shown) if type(shown) is type(value) and shown == value), -1)

    def set_value(self, value: Any) -> None:
        self._fill(value)  # a stale "(not a choice)" item must not linger once the text is fixed
        self.blockSignals(True)
        self.setCurrentIndex(max(self._index_of(value), 0))
        self.blockSignals(False)

    def value(self) -> Any:
        index = self.currentIndex()
        if self.isEditable() and (index < 0 or self.currentText() != self.itemText(index)):
            typed = self.currentText().strip()
            match = next((o.value for o in self._options if typed in (o.label, str(o.value))), None)
            return match if match is not None else (typed or None)
        return self._shown[index] if 0 <= index < len(self._shown) else None


def make_editor(spec: FieldSpec, env: FormEnv, emit: Emit) -> QWidget:
    """The widget that edits `spec`; nested kinds (object, list of entries) are FieldGroup's job."""
    kind = spec.kind
    if kind in (f.MULTILINE, f.MARKDOWN):
        edit = QPlainTextEdit()
        edit.setTabChangesFocus(True)
        edit.setFixedHeight(edit.fontMetrics().lineSpacing() * (6 if kind == f.MARKDOWN else 3) + 12)
        edit.textChanged.connect(lambda: emit(edit.toPlainText()))
        return edit
    if kind == f.BOOLEAN:
        box = QCheckBox()
        box.clicked.connect(lambda checked: emit(bool(checked)))
        return box
    if kind == f.DATE:
        date = QDateEdit(calendarPopup=True, displayFormat="MMM d, yyyy")
        date.setMinimumDate(NO_DATE)
        date.setSpecialValueText("Not set")
        date.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        return _guard_wheel(date)  # connected by FieldGroup, which keeps a date-time's time
    if kind == f.DATETIME:
        stamp = QDateTimeEdit(calendarPopup=True, displayFormat="MMM d, yyyy  HH:mm:ss")
        stamp.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        return _guard_wheel(stamp)  # connected by FieldGroup, which knows the old value's time zone
    if kind == f.TAGS or (kind in (f.SELECT, f.RELATION) and spec.multiple):
        tags = TagEdit()
        words = [str(o.value) for o in spec.options] if kind == f.SELECT else (
            [str(o.value) for o in env.relation_options(spec)] if kind == f.RELATION else env.completions.get(spec.key, []))
        tags.set_completions(words)
        if kind != f.TAGS:
            tags.input.setPlaceholderText("Add…")
        return tags  # connected by FieldGroup, which keeps numeric items numbers
    if kind == f.SELECT:
        select = ChoiceBox(list(spec.options), spec.required)
        select.activated.connect(lambda _index: emit(select.value()))
        return _guard_wheel(select)
    if kind == f.RELATION:
        relation = ChoiceBox(env.relation_options(spec), spec.required, editable=True)
        relation.activated.connect(lambda _index: emit(relation.value()))
        relation.lineEdit().editingFinished.connect(lambda: emit(relation.value()))
        return _guard_wheel(relation)
    if kind in (f.IMAGE, f.FILE):
        picker = ImageField(env.resolve_file, lambda path: env.choose_file(path, spec), thumbnail=kind == f.IMAGE)
        picker.value_edited.connect(emit)
        return picker
    if kind == f.NUMBER:
        number = QDoubleSpinBox(decimals=0, minimum=-1e12, maximum=1e12)
        number.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        return _guard_wheel(number)  # connected by FieldGroup, which knows whether the old value was whole
    if kind == f.READONLY:
        label = QLabel()
        label.setWordWrap(True)
        label.setToolTip("Edit this field in the text: the form keeps it as it is.")
        return label
    line = QLineEdit()
    if spec.hint:
        line.setPlaceholderText(spec.hint)
    line.textEdited.connect(emit)
    return line


def show_value(widget: QWidget, spec: FieldSpec, value: Any) -> None:
    """Show `value` in an editor made by `make_editor` (signals that report user edits stay quiet)."""
    if isinstance(widget, QPlainTextEdit):
        text = shown_text(value)
        if widget.toPlainText() != text:
            widget.blockSignals(True)
            widget.setPlainText(text)
            widget.blockSignals(False)
    elif isinstance(widget, QCheckBox):
        widget.setChecked(value is True)
    elif isinstance(widget, QDateTimeEdit) and spec.kind == f.DATETIME:
        widget.blockSignals(True)
        widget.setDateTime(_to_qdatetime(as_date(value)))
        widget.blockSignals(False)
    elif isinstance(widget, QDateEdit):
        day = as_date(value)
        widget.blockSignals(True)
        widget.setDate(QDate(day.year, day.month, day.day) if isinstance(day, dt.date) else NO_DATE)
        widget.blockSignals(False)
    elif isinstance(widget, TagEdit):
        items = value if isinstance(value, list) else ([] if value in (None, "") else [value])
        widget.set_tags([str(item) for item in items])
    elif isinstance(widget, ChoiceBox):
        widget.set_value(value)
    elif isinstance(widget, ImageField):
        widget.set_value(shown_text(value))
    elif isinstance(widget, QDoubleSpinBox):
        widget.blockSignals(True)
        widget.setDecimals(0 if spec.integer and not isinstance(value, float) else 2)
        widget.setValue(float(value) if isinstance(value, (int, float)) else 0.0)
        widget.blockSignals(False)
    elif isinstance(widget, QLabel):
        widget.setText(describe(value))
    elif isinstance(widget, QLineEdit):
        text = shown_text(value)
        if widget.text() != text:
            widget.setText(text)
            if not widget.hasFocus():
                widget.setCursorPosition(0)  # show the start of a long title


def fits(spec: FieldSpec, value: Any) -> bool:
    """Whether the field's widget can show `value` faithfully, so that editing it loses nothing."""
    if value is None or spec.kind == f.READONLY:
        return True
    if isinstance(value, str) and len(value) > LONG_TEXT:
        return False
    if spec.kind in (f.TAGS, f.SELECT, f.RELATION):
        items = value if isinstance(value, list) else [value]
        return all(isinstance(item, (str, int, float)) and not isinstance(item, bool) or item is None
                   for item in items) and (isinstance(value, list) or not (spec.multiple or spec.kind == f.TAGS)
                                           or isinstance(value, str))
    if spec.kind in (f.DATE, f.DATETIME):
        return isinstance(as_date(value), (dt.date, dt.datetime))
    if spec.kind == f.NUMBER:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if spec.kind == f.BOOLEAN:
        return isinstance(value, bool)
    return not isinstance(value, (list, dict))


def restore_items(words: list[str], old: Any) -> list[Any]:
    """Tag chips are text; items the file wrote as numbers (`[2024, python]`) stay numbers."""
    originals = {str(item): item for item in old} if isinstance(old, list) else {}
    return [originals.get(word, word) for word in words]


def number_value(value: float, old: Any, spec: FieldSpec) -> int | float:
    """A spin box's float as the file should hold it: integers stay integers, and a fraction field
    keeps `2.0` a float (writing `2` would make the next reader think it is a whole-number field)."""
    whole = spec.integer or (isinstance(old, int) and not isinstance(old, bool))
    return int(value) if whole and value.is_integer() else value


def as_date(value: Any) -> Any:
    """A date or date-time, also from text (JSON front matter and quoted YAML dates are strings)."""
    return parse_datetime(value) if isinstance(value, str) else value


def datetime_value(value: QDateTime, old: Any) -> dt.datetime:
    """The edited date-time, keeping the offset the file wrote it with."""
    new = value.toPython()
    old = as_date(old)
    if isinstance(old, dt.datetime) and old.tzinfo is not None:
        new = new.replace(tzinfo=old.tzinfo)
    return new


def date_value(value: QDate, old: Any) -> dt.date | dt.datetime:
    """The edited day; a date-time keeps its time and offset (a date widget shows only the day)."""
    day = value.toPython()
    old = as_date(old)
    return old.replace(year=day.year, month=day.month, day=day.day) if isinstance(old, dt.datetime) else day


def _to_qdatetime(value: Any) -> QDateTime:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        value = dt.datetime.combine(value, dt.time())
    if not isinstance(value, dt.datetime):
        return QDateTime(NO_DATE, QTime(0, 0))
    # Show the time as written in the file, whatever its offset: a fixed zone has no DST gap
    # that would shift 02:30 to 03:30 on the day clocks go forward.
    return QDateTime(QDate(value.year, value.month, value.day),
                     QTime(value.hour, value.minute, value.second), QTimeZone.utc())


def shown_text(value: Any) -> str:
    """A value as a text field shows it; a long one (or a list or object the field cannot edit)
    only in part, with its length, since the field is greyed out and the text editor edits it."""
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        return _BRIEF.repr(value)
    text = str(value)
    if len(text) <= LONG_TEXT:
        return text
    return f"{text[:SHOWN_TEXT]}… ({len(text):,} characters: edit them in the text)"


def describe(value: Any) -> str:
    """A read-only field's value in one short line (keys and brief values; a list's length)."""
    if isinstance(value, dict):
        shown = [f"{k}: {_BRIEF.repr(v) if isinstance(v, (list, dict)) else shown_text(v)}"
                 for k, v in itertools.islice(value.items(), _BRIEF.maxdict)]
        more = len(value) - len(shown)
        return ", ".join(shown) + (f" … and {more:,} more" if more else "") or "(empty)"
    if isinstance(value, list):
        return f"{len(value):,} items"
    return shown_text(value)
