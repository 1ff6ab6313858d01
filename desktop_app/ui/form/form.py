"""The front-matter form: the open post's fields, laid out by its collection's schema.

The form shows values parsed from the editor's text and emits `field_edited(key, value)` for
user edits only; the owner turns that into a minimal text edit, and the refreshed text flows
back through `show_values`. Programmatic updates never emit, so there is no feedback loop.
When the front matter cannot be read, the form says what is wrong and where, and keeps its
fields greyed out: the writer fixes the text, and nothing is rewritten meanwhile. Huge front
matter is read on a worker (`form_feed.py`); meanwhile the form says it is reading.
"""

from __future__ import annotations

from typing import Any, Mapping

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from desktop_app.core.frontmatter.fields import FieldSpec
from desktop_app.core.frontmatter.validate import Problem
from desktop_app.core.site.library import schema
from desktop_app.ui.form.field_editors import FormEnv
from desktop_app.ui.form.field_group import FieldGroup


class FrontMatterForm(QWidget):
    """Fields of the open post; `error_label` says what is wrong when the block cannot be read."""

    field_edited = Signal(str, object)
    values_shown = Signal(object, str, int)  # values, error, problem count: for the one-line header

    def __init__(self, env: FormEnv | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("frontMatterForm")
        self.env = env or FormEnv()
        self.error_label = QLabel()
        self.error_label.setObjectName("frontMatterError")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.reading_label = QLabel("Reading the front matter…")
        self.reading_label.setObjectName("frontMatterReading")
        self.reading_label.hide()
        self.source_label = QLabel()
        self.source_label.setObjectName("schemaSource")
        self.source_label.hide()
        self.fields = FieldGroup(self.env)
        self.fields.field_edited.connect(self.field_edited)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.error_label)
        outer.addWidget(self.reading_label)
        outer.addWidget(self.fields)
        outer.addWidget(self.source_label)
        outer.addStretch(1)  # spare height goes below the fields, not between them

    def show_values(self, values: Mapping[str, Any], error: str = "", specs: list[FieldSpec] | None = None,
                    problems: list[Problem] = (), more: int = 0) -> None:
        """Show a post's values and the problems validation found; `error` disables the fields.
        `more`: fields left out of `specs`, counted below the ones shown."""
        self.error_label.setText(error)
        self.error_label.setVisible(bool(error))
        self.fields.setEnabled(not error)
        self.values_shown.emit(values, error, len(problems))
        if error:
            return  # keep the last good values, greyed out, while the writer fixes the text
        self.fields.show_values(values, specs if specs is not None else schema.form_fields(values), more)
        self.fields.show_problems({problem.key: problem.message for problem in problems})

    def show_reading(self, reading: bool) -> None:
        """Say that the front matter is being read (a huge one, on a worker), while the form has
        nothing to show yet: once it shows fields, they stay put while typing is read again."""
        self.reading_label.setVisible(reading and not self.fields.specs)

    def hidden(self) -> int:
        """How many fields are not shown (past the form's limit); the text editor holds them."""
        return self.fields.hidden()

    def show_schema_source(self, source: str) -> None:
        """Say where the fields come from (`static/admin/config.yml`), or nothing when inferred."""
        self.source_label.setText(f"Fields from {source}" if source else "")
        self.source_label.setVisible(bool(source))

    def clear(self) -> None:
        """Remove every field, so another post's values are never shown."""
        self.fields.clear()
        self.values_shown.emit({}, "", 0)

    def set_completions(self, completions: dict[str, list[str]]) -> None:
        """Words used across the repository per list field (tags, categories …), for completion."""
        self.env.completions = completions
        self.fields.update_completions()

    def widget(self, key: str) -> QWidget | None:
        return self.fields.widget(key)

    def message(self, key: str) -> str:
        return self.fields.message(key)
