"""Front Matter CMS content-type fields (`"type": "string"` …) → `FieldSpec`s.

Front Matter CMS fields are optional unless `"required": true`, and a content type has no body
field (the editor is VS Code's). Layout-only entries (`divider`, `heading`) are not fields.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from desktop_app.core.frontmatter import fields as f
from desktop_app.core.frontmatter.fields import FieldSpec, Option, Relation
from desktop_app.core.site.cms.base import as_bool, as_number

_LAYOUT = {"divider", "heading"}
_TAGS = {"list", "tags", "categories", "taxonomy"}
_TEXT_LIKE = {"slug", "uniqueId", "dataFile", "color", "email", "url"}
# A date-fns format with any of these letters shows a time too (`yyyy-MM-dd` does not).
_TIME_TOKENS = re.compile(r"[Hhmsp]")


class FieldContext:
    """What a field may refer to outside itself: field groups (for `block`) and the collection
    that holds each content type (for `contentRelationship`)."""

    def __init__(self, source: str, problems: list[str], groups: dict[str, Any],
                 type_collections: dict[str, str]) -> None:
        self.source = source
        self.problems = problems
        self.groups = groups
        self.type_collections = type_collections


def fm_fields(entries: Any, context: FieldContext) -> tuple[FieldSpec, ...]:
    if entries is None:
        return ()
    if not isinstance(entries, list):
        context.problems.append(f"{context.source}: a content type's 'fields' must be a list; ignored.")
        return ()
    specs = (fm_field(entry, context) for entry in entries)
    return tuple(spec for spec in specs if spec is not None)


def fm_field(entry: Any, context: FieldContext) -> FieldSpec | None:
    if not isinstance(entry, dict) or not isinstance(entry.get("name"), str) or not entry["name"]:
        if not (isinstance(entry, dict) and entry.get("type") in _LAYOUT):
            context.problems.append(f"{context.source}: a field without a name is ignored "
                                    f"({str(entry)[:60]}).")
        return None
    kind = str(entry.get("type") or "string")
    if kind in _LAYOUT:
        return None
    spec = FieldSpec(key=entry["name"], kind=f.TEXT, label=str(entry.get("title") or ""),
                     required=as_bool(entry.get("required"), False), default=entry.get("default"),
                     hint=str(entry.get("description") or ""))
    if as_bool(entry.get("hidden"), False):
        return replace(spec, kind=f.HIDDEN, required=False)
    return _typed(spec, kind, entry, context)


def _typed(spec: FieldSpec, kind: str, entry: dict[str, Any], context: FieldContext) -> FieldSpec:
    multiple = as_bool(entry.get("multiple"), False)
    if kind == "string":
        if entry.get("wysiwyg"):
            return replace(spec, kind=f.MARKDOWN if entry.get("wysiwyg") == "markdown" else f.MULTILINE)
        multiline = entry.get("single") is False or as_bool(entry.get("multiline"), False)
        return replace(spec, kind=f.MULTILINE if multiline else f.TEXT)
    if kind == "number":
        number = entry.get("numberOptions") if isinstance(entry.get("numberOptions"), dict) else {}
        return replace(spec, kind=f.NUMBER, integer=not as_bool(number.get("isDecimal"), False),
                       minimum=as_number(number.get("min")), maximum=as_number(number.get("max")))
    if kind == "datetime":
        fmt = entry.get("dateFormat")
        dated_only = isinstance(fmt, str) and fmt and not _TIME_TOKENS.search(fmt)
        return replace(spec, kind=f.DATE if dated_only else f.DATETIME)
    if kind in ("boolean", "draft"):
        return replace(spec, kind=f.BOOLEAN)
    if kind in ("image", "file"):
        return replace(spec, kind=f.TAGS if multiple else (f.IMAGE if kind == "image" else f.FILE))
    if kind == "choice":
        return replace(spec, kind=f.SELECT, options=_choices(entry.get("choices")), multiple=multiple)
    if kind in _TAGS:
        return replace(spec, kind=f.TAGS)
    if kind == "fields":
        return replace(spec, kind=f.OBJECT, fields=fm_fields(entry.get("fields"), context))
    if kind == "block":
        return _block(spec, entry, context)
    if kind == "contentRelationship":
        return _relationship(spec, entry, context, multiple)
    if kind in _TEXT_LIKE:
        return replace(spec, kind=f.TAGS if multiple else f.TEXT)
    return replace(spec, kind=f.READONLY)  # json, customField, fieldCollection, unknown types


def _block(spec: FieldSpec, entry: dict[str, Any], context: FieldContext) -> FieldSpec:
    """A block field is a list of items shaped by field groups; with one group every item has
    its fields (a list of objects), with several an item may be any of them (read-only)."""
    names = entry.get("fieldGroup")
    names = [names] if isinstance(names, str) else names if isinstance(names, list) else []
    groups = [context.groups[name] for name in names if name in context.groups]
    if len(groups) != 1:
        return replace(spec, kind=f.READONLY)
    return replace(spec, kind=f.LIST, fields=fm_fields(groups[0].get("fields"), context))


def _relationship(spec: FieldSpec, entry: dict[str, Any], context: FieldContext, multiple: bool) -> FieldSpec:
    """`contentTypeName` names a content type; the relation points at the collection using it.
    Front Matter CMS stores the target's path unless `contentTypeValue` is `slug`."""
    type_name = str(entry.get("contentTypeName") or entry.get("collection") or "")
    value = str(entry.get("contentTypeValue") or entry.get("valueField") or "path")
    value_field = {"slug": "{{slug}}", "path": "{{path}}"}.get(value, value)
    return replace(spec, kind=f.RELATION, multiple=multiple, relation=Relation(
        context.type_collections.get(type_name, type_name), value_field, ("title",)))


def _choices(raw: Any) -> tuple[Option, ...]:
    """`choices`: plain strings, or `{id, title}` mappings (the id is written, the title shown)."""
    if not isinstance(raw, list):
        return ()
    out = []
    for item in raw:
        if isinstance(item, dict):
            if item.get("id") is not None:
                out.append(Option(item["id"], str(item.get("title") or item["id"])))
        elif item is not None:
            out.append(Option(item, str(item)))
    return tuple(out)
