"""Pages CMS field definitions (`type: string` …) → `FieldSpec`s.

Pages CMS fields are optional unless `required: true`; `list: true` (or `{min, max}`) makes any
field a list of its values; `component: name` reuses a definition from the top-level
`components`; a top-level field called `body` is the post's body.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from desktop_app.core.frontmatter import fields as f
from desktop_app.core.frontmatter.fields import FieldSpec, Relation
from desktop_app.core.site.cms.base import as_bool, as_number, plain, select_options, where
from desktop_app.core.site.cms.reading import line_of

_SIMPLE = {"string": f.TEXT, "text": f.MULTILINE, "markdown": f.MARKDOWN, "boolean": f.BOOLEAN,
           "image": f.IMAGE, "file": f.FILE, "uuid": f.TEXT, "code": f.MULTILINE, "datetime": f.DATETIME}
_BODY_TYPES = {"rich-text", "markdown", "code", "text", "string"}
# `list: true` on these keeps one string per item, which the tags editor handles well: a list of
# image paths is edited as a list of paths rather than hidden from the writer.
_STRING_ITEMS = {f.TEXT, f.MULTILINE, f.IMAGE, f.FILE}


@dataclass(frozen=True)
class PagesContext:
    source: str
    problems: list[str]
    components: dict[str, Any]
    media: dict[str, tuple[str, str]]  # media config name → (repo folder, public prefix)


def pages_fields(entries: Any, context: PagesContext, top_level: bool = False) -> tuple[FieldSpec, ...]:
    if entries is None:
        return ()
    if not isinstance(entries, list):
        context.problems.append(f"{where(context.source, line_of(entries))}: 'fields' must be a list; ignored.")
        return ()
    specs = (pages_field(entry, context, top_level) for entry in entries)
    return tuple(spec for spec in specs if spec is not None)


def pages_field(entry: Any, context: PagesContext, top_level: bool = False) -> FieldSpec | None:
    entry = _resolve_component(entry, context)
    if not isinstance(entry, dict) or not isinstance(entry.get("name"), str) or not entry["name"]:
        if entry is not None:
            context.problems.append(f"{where(context.source, line_of(entry))}: a field without a name is ignored.")
        return None
    kind = str(entry.get("type") or "string")
    regex, message = _pattern(entry.get("pattern"))
    spec = FieldSpec(key=entry["name"], kind=f.TEXT, label=str(entry.get("label") or ""),
                     required=as_bool(entry.get("required"), False), default=plain(entry.get("default")),
                     hint=str(entry.get("description") or ""), pattern=regex, pattern_message=message)
    if top_level and spec.key == "body" and kind in _BODY_TYPES:
        return replace(spec, kind=f.BODY)
    if as_bool(entry.get("hidden"), False):
        return replace(spec, kind=f.HIDDEN, required=False)
    if as_bool(entry.get("readonly"), False):
        return replace(spec, kind=f.READONLY, required=False)
    options = entry.get("options") if isinstance(entry.get("options"), dict) else {}
    typed = _typed(spec, kind, options, entry, context)
    if entry.get("list") is None or entry.get("list") is False:
        return typed
    return _as_list(typed)


def _typed(spec: FieldSpec, kind: str, options: dict[str, Any], entry: dict[str, Any],
           context: PagesContext) -> FieldSpec:
    if kind in ("image", "file"):
        # `options.media` names one of several media configurations; none: the collection's.
        media = context.media.get(str(options["media"]), ("", "")) if options.get("media") else ("", "")
        many = as_bool(options.get("multiple"), False)
        return replace(spec, kind=f.TAGS if many else _SIMPLE[kind], media_folder=media[0], public_folder=media[1])
    if kind in _SIMPLE:
        return replace(spec, kind=_SIMPLE[kind])
    if kind == "rich-text":  # HTML unless the site asks for Markdown: kept as plain text
        return replace(spec, kind=f.MARKDOWN if options.get("format") == "markdown" else f.MULTILINE)
    if kind == "date":
        return replace(spec, kind=f.DATETIME if as_bool(options.get("time"), False) else f.DATE)
    if kind == "number":
        step = options.get("step")
        return replace(spec, kind=f.NUMBER, minimum=as_number(options.get("min")),
                       maximum=as_number(options.get("max")),
                       integer=isinstance(step, int) and not isinstance(step, bool))
    if kind == "select":
        return replace(spec, kind=f.SELECT, options=select_options(options.get("values")),
                       multiple=as_bool(options.get("multiple"), False))
    if kind == "reference":
        return _reference(spec, options)
    if kind == "object":
        return replace(spec, kind=f.OBJECT, fields=pages_fields(entry.get("fields"), context))
    return replace(spec, kind=f.READONLY)  # block (several item shapes) and unknown types


def _as_list(spec: FieldSpec) -> FieldSpec:
    if spec.kind in _STRING_ITEMS:
        return replace(spec, kind=f.TAGS)
    if spec.kind == f.OBJECT:
        return replace(spec, kind=f.LIST)
    if spec.kind in (f.SELECT, f.RELATION):
        return replace(spec, multiple=True)
    if spec.kind in (f.HIDDEN, f.BODY):
        return spec
    return replace(spec, kind=f.READONLY)


def _reference(spec: FieldSpec, options: dict[str, Any]) -> FieldSpec:
    """`value` / `label` are templates (`{path}` by default / `{name}`): `{path}` → `{{path}}`
    (the entry's repo path), `{name}` → `{{slug}}`, `{fields.x}` or `{x}` → the key `x`."""
    value = _template_key(str(options.get("value") or "{path}"))
    label = str(options.get("label") or "{name}")
    display = tuple(_template_key("{" + token.split("}")[0] + "}") for token in label.split("{")[1:]) or (value,)
    return replace(spec, kind=f.RELATION, multiple=as_bool(options.get("multiple"), False),
                   relation=Relation(str(options.get("collection") or ""), value, display))


def _template_key(template: str) -> str:
    token = template.strip()
    if not (token.startswith("{") and token.endswith("}")):
        return token
    token = token[1:-1].strip()
    if token.startswith("fields."):
        return token[len("fields."):]
    return {"path": "{{path}}", "name": "{{slug}}", "primary": "title"}.get(token, token)


def _resolve_component(entry: Any, context: PagesContext) -> Any:
    if not isinstance(entry, dict) or "component" not in entry:
        return entry
    base = context.components.get(str(entry["component"]))
    if not isinstance(base, dict):
        context.problems.append(f"{where(context.source, line_of(entry))}: field '{entry.get('name')}' uses "
                                f"component '{entry['component']}', which is not defined; ignored.")
        return None
    merged = {**base, **{key: value for key, value in entry.items() if key != "component"}}
    return merged


def _pattern(raw: Any) -> tuple[str, str]:
    if isinstance(raw, dict):
        return str(raw.get("regex") or ""), str(raw.get("message") or "")
    return (raw, "") if isinstance(raw, str) else ("", "")
