"""Change one front-matter field by rewriting only that field's text.

The block is treated as text: the lines (or, in JSON, the characters) of the edited key are
found and replaced by the new value written in the style the old one used (quotes, flow or block
list, indentation, trailing comment, date format). Every other byte stays as it was. A key that
is new is appended after the last field, where a person would add it. Nested values (a dict, a
list of dicts) are edited key by key where the old value allows it (`fm_yaml`, `fm_toml`).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from desktop_app.core.frontmatter import parse as fm
from desktop_app.core.frontmatter.json_edit import remove_json, set_json
from desktop_app.core.frontmatter.style import MISSING, same
from desktop_app.core.frontmatter.toml_edit import remove_toml, set_toml
from desktop_app.core.frontmatter.yaml_edit import remove_yaml, set_yaml


def set_value(doc: fm.Document, key: str, value: Any) -> fm.Document:
    """A copy of `doc` whose field `key` holds `value`; unchanged when it already does.

    `value` may be a scalar, a list, a dict or a list of dicts. In TOML, which has no null,
    None removes the key. Raises FrontMatterError when JSON front matter cannot be read."""
    if doc.format == fm.NONE:
        doc = replace(doc, format=fm.YAML, opening="---" + doc.newline, closing="---" + doc.newline)
    if doc.format == fm.JSON:
        current = fm.parse(doc)  # the JSON editor needs valid JSON to find the value
    else:
        current = _current_values(doc)
    old = current.get(key, MISSING)
    if old is not MISSING and same(old, value):
        return doc
    if doc.format == fm.JSON:
        return replace(doc, front=set_json(doc.front, key, value, doc.newline))
    if doc.format == fm.TOML:
        return replace(doc, front=set_toml(doc.front, key, value, old, doc.newline))
    return replace(doc, front=set_yaml(doc.front, key, value, old, doc.newline))


def remove_key(doc: fm.Document, key: str) -> fm.Document:
    """A copy of `doc` without the lines of `key` (unchanged when the key is absent)."""
    if doc.format == fm.JSON:
        return replace(doc, front=remove_json(doc.front, key))
    if doc.format == fm.TOML:
        return replace(doc, front=remove_toml(doc.front, key))
    if doc.format == fm.YAML:
        return replace(doc, front=remove_yaml(doc.front, key))
    return doc


def _current_values(doc: fm.Document) -> dict[str, Any]:
    try:
        return fm.parse(doc)
    except Exception:  # noqa: BLE001 - an unparsable block is edited line by line all the same
        return {}
