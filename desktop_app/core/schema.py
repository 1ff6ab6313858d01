"""The fields of a post's front matter and the widget each one gets in the form.

For now the schema is inferred from field names and values (later issues read CMS configs).
Known blog fields come first, in the order writers expect; the post's other keys follow in file
order. Values the form cannot edit (nested maps, lists of maps) are shown read-only and kept.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from desktop_app.core.render import COVER_KEYS, DESCRIPTION_KEYS

TEXT, MULTILINE, DATE, DATETIME, BOOLEAN, TAGS, IMAGE, NUMBER, READONLY = (
    "text", "multiline", "date", "datetime", "boolean", "tags", "image", "number", "readonly",
)
_KNOWN: dict[str, tuple[str, str]] = {
    "title": (TEXT, "Title"),
    "description": (MULTILINE, "Description"),
    "summary": (MULTILINE, "Summary"),
    "excerpt": (MULTILINE, "Excerpt"),
    "date": (DATE, "Date"),
    "author": (TEXT, "Author"),
    "tags": (TAGS, "Tags"),
    "categories": (TAGS, "Categories"),
    "keywords": (TAGS, "Keywords"),
    "cover": (IMAGE, "Cover image"),
    "image": (IMAGE, "Image"),
    "draft": (BOOLEAN, "Draft"),
}
# The fields a blog post has even when the file does not set them yet.
CORE_FIELDS = ("title", "description", "date", "tags", "cover", "draft", "author")


@dataclass(frozen=True)
class FieldSpec:
    """One form field: the front-matter key, its widget kind and label."""

    key: str
    kind: str
    label: str
    required: bool = False


def kind_of(key: str, value: Any) -> str:
    """The widget kind for a value, by its type first and its name second."""
    if isinstance(value, bool):
        return BOOLEAN
    if isinstance(value, dt.datetime):
        return DATETIME
    if isinstance(value, dt.date):
        return DATE
    if isinstance(value, (int, float)):
        return NUMBER
    if isinstance(value, list):
        return TAGS if all(isinstance(item, (str, int, float)) for item in value) else READONLY
    if isinstance(value, dict):
        return READONLY
    if key in _KNOWN:
        kind = _KNOWN[key][0]
        return kind if kind not in (DATE, BOOLEAN, TAGS) or value is None else TEXT
    if key in COVER_KEYS:
        return IMAGE
    if isinstance(value, str) and ("\n" in value or key in DESCRIPTION_KEYS):
        return MULTILINE
    return TEXT


def label_of(key: str) -> str:
    if key in _KNOWN:
        return _KNOWN[key][1]
    return key.replace("_", " ").replace("-", " ").strip().capitalize() or key


def fields_for(values: dict[str, Any]) -> list[FieldSpec]:
    """The form's fields for a post: known blog fields first, then the post's own keys."""
    specs = [FieldSpec(key, kind_of(key, values.get(key)), label_of(key), key == "title")
             for key in CORE_FIELDS]
    specs += [FieldSpec(key, kind_of(key, value), label_of(key)) for key, value in values.items()
              if key not in CORE_FIELDS]
    return specs
