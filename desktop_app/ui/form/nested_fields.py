"""Fields that hold fields: an object (a group of keys) and a list of entries (Decap `list` with
`fields`, Front Matter CMS `block`).

Each edit inside emits the whole new value of the top-level field; the text edit that follows
changes only the lines that differ (see core/frontmatter/edit.py), and the refreshed values flow back.
"""

from __future__ import annotations

from typing import Any, Callable, Mapping, Protocol

from PySide6.QtCore import Signal, SignalInstance
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop_app.core.frontmatter import fields as f
from desktop_app.core.frontmatter.fields import FieldSpec
from desktop_app.core.site.library.schema import form_fields


class NestedGroup(Protocol):
    """What a nested field needs of the group of editors it holds (`field_group.FieldGroup`, which
    builds the nested fields and hands them a factory for more groups)."""

    field_edited: SignalInstance

    def show_values(self, values: Mapping[str, Any], specs: list[FieldSpec]) -> None: ...
    def show_problems(self, problems: Mapping[str, str]) -> None: ...


GroupFactory = Callable[[], NestedGroup]
ENTRY_LIMIT = 50  # entries a list shows as groups of fields; the rest are edited in the text


def _entry_fields(spec: FieldSpec, value: Mapping[str, Any]) -> list:
    return form_fields(value, spec.fields, configured=True)


class ObjectField(QFrame):
    """The keys of an object field, in a framed group of their own."""

    value_edited = Signal(object)

    def __init__(self, spec: FieldSpec, make_group: GroupFactory) -> None:
        super().__init__()
        self.setObjectName("objectField")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.spec = spec
        self._value: dict[str, Any] = {}
        self.group = make_group()
        self.group.field_edited.connect(self._edited)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(self.group)

    def set_value(self, value: Any) -> None:
        self._value = dict(value) if isinstance(value, dict) else {}
        self.setEnabled(value is None or isinstance(value, dict))
        self.group.show_values(self._value, _entry_fields(self.spec, self._value))

    def show_problems(self, problems: Mapping[str, str]) -> None:
        self.group.show_problems({path.removeprefix("."): message for path, message in problems.items()})

    def _edited(self, key: str, value: Any) -> None:
        self._value = {**self._value, key: value}
        self.value_edited.emit(dict(self._value))


class EntryListField(QWidget):
    """A list of entries, each a group of fields, with Add, Remove and Move up."""

    value_edited = Signal(object)

    def __init__(self, spec: FieldSpec, make_group: GroupFactory) -> None:
        super().__init__()
        self.setObjectName("entryListField")
        self.spec = spec
        self._make_group = make_group
        self._items: list[dict[str, Any]] = []
        self.groups: list[NestedGroup] = []
        self._entries = QVBoxLayout()
        self._entries.setContentsMargins(0, 0, 0, 0)
        self._entries.setSpacing(6)
        self.notice = QLabel("These entries are not a list of fields; edit them in the text.")
        self.notice.setWordWrap(True)
        self.notice.hide()
        self.more_label = QLabel()  # "N more entries …"
        self.more_label.setObjectName("moreFields")
        self.more_label.setWordWrap(True)
        self.more_label.hide()
        self.add_button = QPushButton(f"Add to {spec.title}")
        self.add_button.clicked.connect(self.add_entry)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._entries)
        layout.addWidget(self.more_label)
        layout.addWidget(self.notice)
        layout.addWidget(self.add_button)

    def set_value(self, value: Any) -> None:
        editable = value is None or (isinstance(value, list) and all(isinstance(i, dict) for i in value))
        self.notice.setVisible(not editable)
        self.add_button.setEnabled(editable)
        items = [dict(item) for item in value] if editable and value else []
        shown = min(len(items), ENTRY_LIMIT)
        if shown != len(self.groups):
            self._rebuild(shown)
        hidden = len(items) - shown
        self.more_label.setText(f"{hidden:,} more {'entry is' if hidden == 1 else 'entries are'} not shown here: "
                                "edit them in the text.")
        self.more_label.setVisible(hidden > 0)
        self._items = items
        for group, item in zip(self.groups, items):
            group.show_values(item, _entry_fields(self.spec, item))

    def show_problems(self, problems: Mapping[str, str]) -> None:
        """`[2].name` → entry 2's `name` (entries count from 1, as people do)."""
        for index, group in enumerate(self.groups):
            prefix = f"[{index + 1}]."
            group.show_problems({path[len(prefix):]: message for path, message in problems.items()
                                 if path.startswith(prefix)})

    def add_entry(self) -> None:
        entry = {spec.key: spec.default for spec in self.spec.fields
                 if spec.default is not None and spec.kind != f.BODY}
        if not entry and self.spec.fields:
            first = self.spec.fields[0]
            entry = {first.key: [] if first.kind == f.TAGS else ""}
        self._emit([*self._items, entry])

    def remove_entry(self, index: int) -> None:
        self._emit([item for position, item in enumerate(self._items) if position != index])

    def move_up(self, index: int) -> None:
        if 0 < index < len(self._items):
            items = list(self._items)
            items[index - 1], items[index] = items[index], items[index - 1]
            self._emit(items)

    def _edited(self, index: int, key: str, value: Any) -> None:
        items = [dict(item) for item in self._items]
        items[index][key] = value
        self._emit(items)

    def _emit(self, items: list[dict[str, Any]]) -> None:
        # Kept at once: a second edit before the form refreshes must build on this one.
        self._items = items
        self.value_edited.emit(items)

    def _rebuild(self, count: int) -> None:
        while self._entries.count():
            item = self._entries.takeAt(0)
            if item is not None and item.widget() is not None:
                item.widget().deleteLater()
        self.groups = []
        for index in range(count):
            frame = QFrame()
            frame.setObjectName("entryFrame")
            frame.setFrameShape(QFrame.Shape.StyledPanel)
            box = QVBoxLayout(frame)
            box.setContentsMargins(8, 4, 8, 6)
            header = QHBoxLayout()
            header.addWidget(QLabel(f"<b>{index + 1}</b>"), 1)
            if index:
                up = QPushButton("Move up")
                up.setFlat(True)
                up.clicked.connect(lambda _=False, i=index: self.move_up(i))
                header.addWidget(up)
            remove = QPushButton("Remove")
            remove.setFlat(True)
            remove.clicked.connect(lambda _=False, i=index: self.remove_entry(i))
            header.addWidget(remove)
            box.addLayout(header)
            group = self._make_group()
            group.field_edited.connect(lambda key, value, i=index: self._edited(i, key, value))
            box.addWidget(group)
            self._entries.addWidget(frame)
            self.groups.append(group)
