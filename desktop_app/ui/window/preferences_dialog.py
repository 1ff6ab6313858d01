"""The Preferences dialog, generated from the `Settings` dataclass: one row per field.

Each field's type and metadata choose its editor (choices → a drop-down, bool → a check box,
int → a spin box with the field's range and unit, str → a line edit) and its `doc` explains it,
so a new setting appears here without touching this module.
"""

from __future__ import annotations

from dataclasses import Field, dataclass, fields, replace
from typing import Any, Callable

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.settings import Settings


@dataclass
class FieldEditor:
    """The widget editing one setting, and how to read and write its value."""

    widget: QWidget
    get: Callable[[], Any]
    set: Callable[[Any], None]


def _editor_for(spec: Field[Any], value: Any) -> FieldEditor | None:
    meta = spec.metadata
    choices: dict[str, str] | None = meta.get("choices")
    if choices is not None:
        combo = QComboBox()
        for key, label in choices.items():
            combo.addItem(label, key)
        editor = FieldEditor(combo, combo.currentData, lambda v: combo.setCurrentIndex(max(0, combo.findData(v))))
    elif isinstance(value, bool):
        box = QCheckBox(meta.get("doc", "").rstrip("."))
        editor = FieldEditor(box, box.isChecked, box.setChecked)
    elif isinstance(value, int):
        spin = QSpinBox()
        low, high = meta.get("range", (0, 1_000_000))
        spin.setRange(low, high)
        spin.setSuffix(meta.get("suffix", ""))
        spin.setSingleStep(10 if high - low > 500 else 1)
        editor = FieldEditor(spin, spin.value, spin.setValue)
    elif isinstance(value, str):
        line = QLineEdit()
        editor = FieldEditor(line, line.text, line.setText)
    else:
        return None  # a kind of setting this dialog cannot edit keeps its value
    editor.set(value)
    return editor


class PreferencesDialog(QDialog):
    """Edits a copy of the settings; after OK, `chosen()` is what the user picked."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        self._original = settings
        self.editors: dict[str, FieldEditor] = {}
        form = QFormLayout()
        form.setVerticalSpacing(10)
        for spec in fields(Settings):
            editor = _editor_for(spec, getattr(settings, spec.name))
            if editor is None:
                continue
            editor.widget.setObjectName(spec.name)
            self.editors[spec.name] = editor
            form.addRow(spec.metadata.get("label", spec.name.replace("_", " ").capitalize()),
                        self._with_hint(editor.widget, spec))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
                                   | QDialogButtonBox.StandardButton.RestoreDefaults)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults).clicked.connect(self.restore_defaults)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 18, 18, 14)
        layout.addLayout(form)
        layout.addSpacing(6)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

    @staticmethod
    def _with_hint(widget: QWidget, spec: Field[Any]) -> QWidget:
        """The editor with its doc underneath (a check box already says it in its own text)."""
        doc = spec.metadata.get("doc", "")
        if isinstance(widget, QCheckBox) or not doc:
            return widget
        row = QWidget()
        column = QVBoxLayout(row)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        hint = QLabel(doc)
        hint.setObjectName("preferencesHint")
        hint.setWordWrap(True)
        column.addWidget(hint)
        return row

    def restore_defaults(self) -> None:
        defaults = Settings()
        for name, editor in self.editors.items():
            editor.set(getattr(defaults, name))

    def chosen(self) -> Settings:
        """The settings as the dialog shows them (fields it cannot edit keep their values)."""
        return replace(self._original, **{name: editor.get() for name, editor in self.editors.items()})
