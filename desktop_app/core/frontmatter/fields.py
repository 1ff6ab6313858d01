"""The schema of a collection's front matter: one `FieldSpec` per field, as plain data.

Every source of schemas (`.postdesk.yml`, Decap / Sveltia `config.yml`, Front Matter CMS
`frontmatter.json`, Pages CMS `.pages.yml`, or inference from the posts) produces these, so the
form, validation and `postdesk check` know nothing about where a schema came from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

# Widget kinds. `BODY` is the Markdown body (Decap's `body` field): it is the editor, not a form
# field. `HIDDEN` fields are never shown in the form (a new post gets their default, as CMSs
# write it). `READONLY` is a value the form shows but leaves to the text editor.
TEXT = "text"
MULTILINE = "multiline"
MARKDOWN = "markdown"
BODY = "body"
DATE = "date"
DATETIME = "datetime"
BOOLEAN = "boolean"
NUMBER = "number"
SELECT = "select"
TAGS = "tags"
LIST = "list"
OBJECT = "object"
IMAGE = "image"
FILE = "file"
RELATION = "relation"
HIDDEN = "hidden"
READONLY = "readonly"


@dataclass(frozen=True)
class Option:
    """One choice of a select field: the value written to the file and the label shown."""

    value: Any
    label: str


@dataclass(frozen=True)
class Relation:
    """A field whose values are taken from another collection's posts (Decap `relation`)."""

    collection: str
    value_field: str = "{{slug}}"  # a front-matter key, or `{{slug}}` for the file's slug
    display_fields: tuple[str, ...] = ()


@dataclass(frozen=True)
class FieldSpec:
    """One front-matter field: its key, widget kind and the rules its value must follow."""

    key: str
    kind: str
    label: str = ""
    required: bool = False
    default: Any = None
    hint: str = ""
    pattern: str = ""  # a regular expression the text must match (searched, like Decap)
    pattern_message: str = ""
    options: tuple[Option, ...] = ()
    multiple: bool = False  # select / relation: a list of values
    minimum: float | None = None
    maximum: float | None = None
    integer: bool = False  # number: whole numbers only
    fields: tuple["FieldSpec", ...] = ()  # object: its keys; list: the keys of each item
    relation: Relation | None = None
    media_folder: str = ""  # image / file: overrides the collection's media folder
    public_folder: str = ""
    # The value the site gives a post that does not set the field (Jekyll front-matter
    # `defaults`, Eleventy directory data): shown as inherited, never required.
    inherited: Any = None

    @property
    def title(self) -> str:
        """The label shown to the writer (the key, made readable, when the schema has none)."""
        return self.label or readable(self.key)

    @property
    def shown(self) -> bool:
        return self.kind not in (HIDDEN, BODY)


def readable(key: str) -> str:
    """`cover_image` → `Cover image`, `canonicalUrl` → `Canonical url`: a label for a key no schema names."""
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", key)
    return spaced.replace("_", " ").replace("-", " ").strip().capitalize() or key



def find(fields: tuple[FieldSpec, ...] | list[FieldSpec], key: str) -> FieldSpec | None:
    return next((spec for spec in fields if spec.key == key), None)
