"""Zod schemas (Astro content collections) → `FieldSpec`s, read from the parsed TypeScript.

`z.object({...})` gives the fields; each field's method chain gives its widget and rules:
`z.string()` text, `z.number()` number (`.int()`, `.min()`, `.max()`), `z.boolean()`,
`z.date()` / `z.coerce.date()` date, `z.enum([...])` and unions of literals a select,
`z.array(x)` a list of x (tags, a multiple select or relation, or entries with fields),
`image()` an image, `reference('c')` a relation to collection c. `.optional()`,
`.nullable()`, `.nullish()` and `.default(v)` make a field optional (with v for new posts);
`.describe('…')` is its hint. Anything else is shown read-only and kept as written.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from desktop_app.core.frontmatter import fields as f
from desktop_app.core.frontmatter.fields import FieldSpec, Option, Relation
from desktop_app.core.site.schemas import typescript as ts

_OPTIONAL = {"optional", "nullable", "nullish", "catch"}
_KEEP = {"trim", "toLowerCase", "toUpperCase", "readonly", "brand", "pipe", "transform", "refine",
         "superRefine", "passthrough", "strict", "strip", "url", "email", "uuid", "cuid", "ulid", "nonempty",
         "startsWith", "endsWith", "includes", "emoji", "ip", "finite", "safe", "positive", "nonnegative",
         "negative", "nonpositive", "multipleOf", "length", "or", "and"}


def object_fields(node: Any, module: ts.Module) -> tuple[FieldSpec, ...] | None:
    """The fields of a `z.object({...})` expression (after `.extend`, `.merge`, `.partial` …);
    None when the expression is not an object schema Postdesk can read."""
    steps = ts.chain(node, module)
    if not steps or _method(steps[0][0]) != "object" or not steps[0][1]:
        return None
    specs = list(_shape(steps[0][1][0], module))
    for method, args in steps[1:]:
        if method in ("extend", "merge") and args:
            extra = _shape(args[0], module) if method == "extend" else (object_fields(args[0], module) or ())
            keys = {spec.key for spec in extra}
            specs = [spec for spec in specs if spec.key not in keys] + list(extra)
        elif method == "partial":
            specs = [replace(spec, required=False) for spec in specs]
        elif method in ("omit", "pick") and args:
            named = set(dict(ts.pairs(args[0], module)))
            specs = [spec for spec in specs if (spec.key in named) == (method == "pick")]
    return tuple(specs)


def _shape(node: Any, module: ts.Module) -> tuple[FieldSpec, ...]:
    return tuple(field(key, value, module) for key, value in ts.pairs(node, module))


def _method(name: str) -> str:
    """`z.string` → `string`, `z.coerce.date` → `date`, `image` → `image`."""
    return name.rsplit(".", 1)[-1]


def field(key: str, node: Any, module: ts.Module) -> FieldSpec:
    """One field from its zod expression."""
    steps = ts.chain(node, module)
    if not steps:
        return FieldSpec(key, f.READONLY)
    spec = _base(key, steps[0], module)
    required = True
    for method, args in steps[1:]:
        if method in _OPTIONAL:
            required = False
        elif method == "default":
            required = False
            value = ts.literal(args[0], module) if args else ts.UNKNOWN
            if value is not ts.UNKNOWN and not callable(value):
                spec = replace(spec, default=value)
        elif method == "describe" and args:
            hint = ts.literal(args[0], module)
            spec = replace(spec, hint=hint if isinstance(hint, str) else spec.hint)
        elif method == "or" and args and spec.kind == f.SELECT:
            other = _base(key, ts.chain(args[0], module)[0], module) if ts.chain(args[0], module) else None
            spec = replace(spec, options=spec.options + other.options) if other and other.kind == f.SELECT else spec
        else:
            spec = _rule(spec, method, args, module)
    return replace(spec, required=required and spec.kind not in (f.READONLY, f.HIDDEN))


def _base(key: str, step: tuple[str, list[Any]], module: ts.Module) -> FieldSpec:
    name, args = _method(step[0]), step[1]
    spec = FieldSpec(key, f.TEXT)
    if name in ("string", "coerce"):
        return spec
    if name in ("number", "bigint"):
        return replace(spec, kind=f.NUMBER)
    if name == "boolean":
        return replace(spec, kind=f.BOOLEAN)
    if name == "date":
        return replace(spec, kind=f.DATE)
    if name == "image":
        return replace(spec, kind=f.IMAGE)
    if name == "reference" and args:
        target = ts.literal(args[0], module)
        if isinstance(target, str):
            return replace(spec, kind=f.RELATION, relation=Relation(target, "{{slug}}", ("title",)))
    if name == "enum" and args:
        values = ts.literal(args[0], module)
        if isinstance(values, list) and all(isinstance(value, (str, int, float)) for value in values):
            return replace(spec, kind=f.SELECT, options=tuple(Option(value, str(value)) for value in values))
    if name == "literal" and args:
        value = ts.literal(args[0], module)
        if isinstance(value, (str, int, float, bool)):
            return replace(spec, kind=f.SELECT, options=(Option(value, str(value)),))
    if name == "union" and args:
        return _union(spec, args[0], module)
    if name == "array" and args:
        return _array(spec, args[0], module)
    if name == "object" and args:
        return replace(spec, kind=f.OBJECT, fields=_shape(args[0], module))
    return replace(spec, kind=f.READONLY)  # record, any, unknown, tuple, discriminatedUnion …


def _union(spec: FieldSpec, members: Any, module: ts.Module) -> FieldSpec:
    """A union of literals is a select; any other union takes its first member's widget."""
    nodes = ts.unwrap(members, module)
    items = [child for child in nodes.named_children if child.type != "comment"] if nodes is not None else []
    parts = [field(spec.key, item, module) for item in items]
    if parts and all(part.kind == f.SELECT for part in parts):
        return replace(spec, kind=f.SELECT, options=tuple(option for part in parts for option in part.options))
    return replace(parts[0], required=True) if parts else replace(spec, kind=f.READONLY)


def _array(spec: FieldSpec, item_node: Any, module: ts.Module) -> FieldSpec:
    item = field(spec.key, item_node, module)
    if item.kind in (f.TEXT, f.IMAGE, f.FILE, f.NUMBER):
        return replace(spec, kind=f.TAGS)
    if item.kind in (f.SELECT, f.RELATION):
        return replace(spec, kind=item.kind, multiple=True, options=item.options, relation=item.relation)
    if item.kind == f.OBJECT:
        return replace(spec, kind=f.LIST, fields=item.fields)
    return replace(spec, kind=f.READONLY)


def _rule(spec: FieldSpec, method: str, args: list[Any], module: ts.Module) -> FieldSpec:
    """Rules that narrow a value: numbers' bounds, text length and patterns, date strings."""
    value = ts.literal(args[0], module) if args else ts.UNKNOWN
    if method == "int":
        return replace(spec, integer=True)
    if spec.kind == f.NUMBER and method in ("min", "gte", "gt") and isinstance(value, (int, float)):
        return replace(spec, minimum=float(value))
    if spec.kind == f.NUMBER and method in ("max", "lte", "lt") and isinstance(value, (int, float)):
        return replace(spec, maximum=float(value))
    if spec.kind == f.TEXT and method in ("min", "max") and isinstance(value, int):
        low, high = (value, "") if method == "min" else (0, value)
        return replace(spec, pattern=f"^[\\s\\S]{{{low},{high}}}$",
                       pattern_message=f"At least {value} characters." if method == "min"
                       else f"At most {value} characters.")
    if spec.kind == f.TEXT and method == "regex" and args and args[0].type == "regex":
        pattern = args[0].child_by_field_name("pattern")
        return replace(spec, pattern=ts.text_of(pattern) if pattern is not None else "")
    if spec.kind == f.TEXT and method in ("datetime", "date"):
        return replace(spec, kind=f.DATETIME if method == "datetime" else f.DATE)
    if method in _KEEP or method in ("min", "max", "gte", "lte", "gt", "lt", "regex"):
        return spec
    return spec
