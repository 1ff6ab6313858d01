"""A column of labelled field editors, with each field's hint and validation message beside it.

The front-matter form is one FieldGroup; an object field holds another, and a list of entries
one per entry, so nested schemas get the same widgets, rules and messages as top-level ones.
A group shows at most `FIELD_LIMIT` fields and says how many more there are: a generated post
with 100,000 keys would otherwise take minutes and gigabytes of widgets to show, and nobody
edits that many fields one by one. The text editor holds them all.
"""

from __future__ import annotations

from typing import Any, Mapping

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDateEdit, QDateTimeEdit, QDoubleSpinBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from desktop_app.core.frontmatter import fields as f
from desktop_app.core.frontmatter.fields import FieldSpec
from desktop_app.ui import metrics
from desktop_app.ui.form.field_editors import (
    NO_DATE,
    FormEnv,
    date_value,
    datetime_value,
    describe,
    fits,
    make_editor,
    number_value,
    restore_items,
    show_value,
)
from desktop_app.ui.form.nested_fields import EntryListField, ObjectField
from desktop_app.ui.form.tag_edit import TagEdit

FIELD_LIMIT = 200  # fields a group shows; the rest are edited in the text


class FieldGroup(QWidget):
    """Editors for `specs`; emits `field_edited(key, value)` for user edits only."""

    field_edited = Signal(str, object)

    def __init__(self, env: FormEnv, parent: QWidget | None = None, nested: bool = False) -> None:
        super().__init__(parent)
        self.env = env
        self._specs: list[FieldSpec] = []
        self._widgets: dict[str, QWidget] = {}
        self._messages: dict[str, QLabel] = {}
        self._values: dict[str, Any] = {}
        self._updating = False
        self.more_label: QLabel | None = None  # "N more fields …", below the fields it follows
        self._hidden = 0
        self._layout = QFormLayout(self)
        margin = 0 if nested else metrics.MARGIN
        self._layout.setContentsMargins(margin, 0 if nested else metrics.MARGIN // 2, margin,
                                        0 if nested else metrics.MARGIN // 2)
        self._layout.setHorizontalSpacing(metrics.MARGIN)
        self._layout.setVerticalSpacing(metrics.SPACING)
        self._layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)

    @property
    def specs(self) -> list[FieldSpec]:
        return list(self._specs)

    def widget(self, key: str) -> QWidget | None:
        return self._widgets.get(key)

    def message(self, key: str) -> str:
        """The validation message shown beside field `key` ('' when there is none)."""
        label = self._messages.get(key)
        return label.text() if label is not None and not label.isHidden() else ""

    def show_values(self, values: Mapping[str, Any], specs: list[FieldSpec], more: int = 0) -> None:
        """Show values; editors are rebuilt only when the fields themselves change. Fields past
        `FIELD_LIMIT` (and `more` the caller left out of `specs`) are counted, not shown."""
        hidden = max(len(specs) - FIELD_LIMIT, 0) + more
        specs = specs[:FIELD_LIMIT]
        if specs != self._specs:
            self._rebuild(specs)
        self._show_more(hidden)
        self._values = dict(values)
        self._updating = True
        try:
            for spec in specs:
                widget = self._widgets[spec.key]
                value = values.get(spec.key)
                if isinstance(widget, (ObjectField, EntryListField)):
                    widget.set_value(value)
                else:
                    # A value the widget cannot hold (a list in a text field) is left to the text
                    # editor: typing over its printed form would write that form back.
                    widget.setEnabled(fits(spec, value))
                    show_value(widget, spec, value)
        finally:
            self._updating = False

    def show_problems(self, problems: Mapping[str, str]) -> None:
        """Messages by key path (`title`, `params.author`, `authors[2].name`), shown by their fields."""
        for spec in self._specs:
            own = problems.get(spec.key, "")
            label = self._messages[spec.key]
            label.setText(own)
            label.setVisible(bool(own))
            widget = self._widgets[spec.key]
            if isinstance(widget, (ObjectField, EntryListField)):
                prefix = len(spec.key)
                widget.show_problems({path[prefix:]: message for path, message in problems.items()
                                      if path[:prefix] == spec.key and path[prefix:prefix + 1] in (".", "[")})

    def update_completions(self) -> None:
        for spec in self._specs:
            widget = self._widgets[spec.key]
            if spec.kind == f.TAGS and isinstance(widget, TagEdit):
                widget.set_completions(self.env.completions.get(spec.key, []))

    def clear(self) -> None:
        self._rebuild([])
        self._show_more(0)
        self._values = {}

    def hidden(self) -> int:
        """How many fields the group does not show (past its limit)."""
        return self._hidden

    def _show_more(self, hidden: int) -> None:
        self._hidden = hidden
        if not hidden:
            if self.more_label is not None:
                self._layout.removeRow(self.more_label)  # deletes it
                self.more_label = None
            return
        if self.more_label is None:
            self.more_label = QLabel()
            self.more_label.setObjectName("moreFields")
            self.more_label.setWordWrap(True)
            self._layout.addRow(self.more_label)
        self.more_label.setText(f"{hidden:,} more {'field is' if hidden == 1 else 'fields are'} not shown here: "
                                "edit them in the text.")

    # --- building ------------------------------------------------------------------------------

    def _rebuild(self, specs: list[FieldSpec]) -> None:
        while self._layout.rowCount():
            self._layout.removeRow(0)
        self.more_label = None  # removed with the rows; _show_more adds it again below the new ones
        self._widgets.clear()
        self._messages.clear()
        self._specs = list(specs)
        for spec in specs:
            editor = self._make(spec)
            editor.setObjectName(f"field-{spec.key}")
            required = spec.required and spec.kind != f.BOOLEAN  # a checkbox always has a value
            label = QLabel(spec.title + (" *" if required else ""))
            label.setMinimumWidth(metrics.FORM_LABEL_WIDTH)
            label.setBuddy(editor)
            if required:
                label.setToolTip("Required")
            cell = QWidget()
            column = QVBoxLayout(cell)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(2)
            column.addWidget(editor)
            if spec.hint and spec.kind not in (f.TEXT,):
                hint = QLabel(spec.hint)
                hint.setObjectName("fieldHint")
                hint.setWordWrap(True)
                column.addWidget(hint)
            if spec.inherited is not None:  # Jekyll defaults, Eleventy directory data
                shown = str(spec.inherited).lower() if isinstance(spec.inherited, bool) else describe(spec.inherited)
                inherited = QLabel(f"Inherited from the site when left empty: {shown}")
                inherited.setObjectName("fieldHint")
                inherited.setWordWrap(True)
                column.addWidget(inherited)
            message = QLabel()
            message.setObjectName("fieldProblem")
            message.setWordWrap(True)
            message.hide()
            column.addWidget(message)
            self._layout.addRow(label, cell)
            self._widgets[spec.key] = editor
            self._messages[spec.key] = message

    def _make(self, spec: FieldSpec) -> QWidget:
        key = spec.key
        if spec.kind == f.OBJECT and spec.fields:
            nested: QWidget = ObjectField(spec, lambda: FieldGroup(self.env, nested=True))
            nested.value_edited.connect(lambda value: self._emit(key, value))
            return nested
        if spec.kind == f.LIST and spec.fields:
            entries = EntryListField(spec, lambda: FieldGroup(self.env, nested=True))
            entries.value_edited.connect(lambda value: self._emit(key, value))
            return entries
        if spec.kind in (f.OBJECT, f.LIST):
            spec = FieldSpec(spec.key, f.READONLY, spec.label)
        editor = make_editor(spec, self.env, lambda value: self._emit(key, value))
        if isinstance(editor, QDateTimeEdit) and spec.kind == f.DATETIME:
            editor.dateTimeChanged.connect(
                lambda value: self._emit(key, datetime_value(value, self._values.get(key))))
        elif isinstance(editor, QDateEdit):
            editor.dateChanged.connect(lambda value: self._emit(key, date_value(value, self._values.get(key)))
                                       if value != NO_DATE else None)
        elif isinstance(editor, TagEdit):
            editor.tags_changed.connect(lambda words: self._emit(key, restore_items(words, self._values.get(key))))
        elif isinstance(editor, QDoubleSpinBox):
            editor.valueChanged.connect(
                lambda value: self._emit(key, number_value(value, self._values.get(key), spec)))
        return editor

    def _emit(self, key: str, value: Any) -> None:
        if self._updating:
            return
        self._values[key] = value
        self.field_edited.emit(key, value)
