"""Decap / Sveltia CMS field definitions (`widget: string` …) → `FieldSpec`s.

Also the field syntax of `.postdesk.yml`, which borrows Decap's so a site can move between the
two without rewriting its schema; the only difference is that Decap fields are required unless
`required: false`, and `.postdesk.yml` fields are optional unless `required: true`.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from desktop_app.core.frontmatter import fields as f
from desktop_app.core.frontmatter.fields import FieldSpec, Relation
from desktop_app.core.site.cms.base import as_bool, as_number, entry_media_folder, plain, select_options, where
from desktop_app.core.site.cms.reading import line_of

_SIMPLE = {
    "string": f.TEXT, "text": f.MULTILINE, "markdown": f.MARKDOWN, "richtext": f.MARKDOWN,
    "boolean": f.BOOLEAN, "image": f.IMAGE, "file": f.FILE, "hidden": f.HIDDEN, "date": f.DATE,
}
# Widgets Postdesk has no editor for whose value is one short string: a text box keeps them usable.
_TEXT_LIKE = {"color", "uuid", "email", "url", "tel", "slug", "id", "ncw-id", "password"}
# The body of a post is whichever top-level field is called `body` (Decap's rule).
_BODY_WIDGETS = {"markdown", "richtext", "text", "string", "code"}


def decap_fields(entries: Any, source: str, problems: list[str], *, required_default: bool,
                 top_level: bool = True) -> tuple[FieldSpec, ...]:
    """The fields of a collection (or of a list / object field) from Decap `fields:` entries."""
    if entries is None:
        return ()
    if not isinstance(entries, list):
        problems.append(f"{where(source, line_of(entries))}: 'fields' must be a list of fields; "
                        "the fields are taken from the posts instead.")
        return ()
    specs = []
    for entry in entries:
        spec = decap_field(entry, source, problems, required_default=required_default, top_level=top_level)
        if spec is not None:
            specs.append(spec)
    return tuple(specs)


def decap_field(entry: Any, source: str, problems: list[str], *, required_default: bool,
                top_level: bool = False) -> FieldSpec | None:
    """One field, or None (with a problem noted) when the entry is not a field at all."""
    if not isinstance(entry, dict) or not isinstance(entry.get("name"), (str, int)) or entry.get("name") == "":
        problems.append(f"{where(source, line_of(entry))}: a field without a name is ignored.")
        return None
    key = str(entry["name"])
    widget = str(entry.get("widget") or "string").strip()
    regex, message = _pattern(entry.get("pattern"))
    spec = FieldSpec(
        key=key,
        kind=f.TEXT,
        label=str(entry.get("label") or ""),
        required=as_bool(entry.get("required"), required_default),
        default=plain(entry.get("default")),
        hint=str(entry.get("hint") or ""),
        pattern=regex,
        pattern_message=message,
    )
    if top_level and key == "body" and widget in _BODY_WIDGETS:
        return replace(spec, kind=f.BODY)
    return _typed(spec, widget, entry, source, problems, required_default)


def _typed(spec: FieldSpec, widget: str, entry: dict[str, Any], source: str, problems: list[str],
           required_default: bool) -> FieldSpec:
    if widget == "hidden":
        return replace(spec, kind=f.HIDDEN, required=False)
    if widget in ("image", "file"):
        media = entry.get("media_folder")
        return replace(
            spec, kind=_SIMPLE[widget],
            media_folder=entry_media_folder(media) if media is not None else "",
            public_folder=str(entry.get("public_folder") if entry.get("public_folder") is not None
                              else (media if media is not None else "")))
    if widget in _SIMPLE:
        return replace(spec, kind=_SIMPLE[widget])
    if widget == "datetime":
        if entry.get("time_format") is False:
            return replace(spec, kind=f.DATE)
        return replace(spec, kind=f.TEXT if entry.get("date_format") is False else f.DATETIME)
    if widget == "number":
        return replace(spec, kind=f.NUMBER, integer=str(entry.get("value_type", "")).strip() == "int",
                       minimum=as_number(entry.get("min")), maximum=as_number(entry.get("max")))
    if widget == "select":
        return replace(spec, kind=f.SELECT, options=select_options(entry.get("options")),
                       multiple=as_bool(entry.get("multiple"), False))
    if widget == "relation":
        return _relation(spec, entry)
    if widget == "object":
        if "types" in entry:
            return replace(spec, kind=f.READONLY)
        return replace(spec, kind=f.OBJECT, fields=decap_fields(
            entry.get("fields"), source, problems, required_default=required_default, top_level=False))
    if widget == "list":
        return _list(spec, entry, source, problems, required_default)
    if widget == "code":
        return replace(spec, kind=f.MULTILINE if entry.get("output_code_only") is True else f.READONLY)
    return replace(spec, kind=f.TEXT if widget.lower() in _TEXT_LIKE else f.READONLY)


def _list(spec: FieldSpec, entry: dict[str, Any], source: str, problems: list[str],
          required_default: bool) -> FieldSpec:
    """Decap lists: `fields` → a list of objects; `field` → a list of one widget's values;
    neither → a plain list of strings; `types` (a choice of item shapes) → shown read-only."""
    if "types" in entry:
        return replace(spec, kind=f.READONLY)
    if entry.get("fields") is not None:
        return replace(spec, kind=f.LIST, fields=decap_fields(
            entry.get("fields"), source, problems, required_default=required_default, top_level=False))
    if entry.get("field") is None:
        return replace(spec, kind=f.TAGS)
    item = decap_field(entry["field"], source, problems, required_default=required_default)
    if item is None:
        return replace(spec, kind=f.READONLY)
    if item.kind in (f.TEXT, f.MULTILINE, f.IMAGE, f.FILE):
        return replace(spec, kind=f.TAGS)
    if item.kind in (f.SELECT, f.RELATION):
        return replace(spec, kind=item.kind, multiple=True, options=item.options, relation=item.relation)
    return replace(spec, kind=f.READONLY)


def _relation(spec: FieldSpec, entry: dict[str, Any]) -> FieldSpec:
    value_field = str(entry.get("value_field") or "{{slug}}")
    display = entry.get("display_fields") or [value_field]
    display = display if isinstance(display, list) else [display]
    return replace(spec, kind=f.RELATION, multiple=as_bool(entry.get("multiple"), False),
                   relation=Relation(str(entry.get("collection") or ""), value_field,
                                     tuple(str(item) for item in display)))


def _pattern(raw: Any) -> tuple[str, str]:
    """Decap `pattern: ['^.{1,60}$', 'At most 60 characters']` (or a bare regex string)."""
    if isinstance(raw, (list, tuple)) and raw:
        return str(raw[0]), str(raw[1]) if len(raw) > 1 else ""
    if isinstance(raw, str):
        return raw, ""
    return "", ""
