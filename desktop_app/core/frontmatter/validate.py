"""Check a post's front-matter values against its collection's schema.

One function serves the form (messages beside the fields, as the writer types) and
`postdesk check` (a site's CI): both must say the same thing about the same post.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, Mapping

from desktop_app.core.frontmatter import fields as f
from desktop_app.core.frontmatter.fields import FieldSpec
from desktop_app.core.frontmatter.parse import parse_datetime

_TEXT_KINDS = (f.TEXT, f.MULTILINE, f.MARKDOWN, f.IMAGE, f.FILE)


@dataclass(frozen=True)
class Problem:
    """What is wrong with one field; `key` is a path such as `authors[1].name` for nested fields."""

    key: str
    message: str

    def __str__(self) -> str:
        return f"{self.key}: {self.message}" if self.key else self.message


def validate(values: Mapping[str, Any], schema: tuple[FieldSpec, ...] | list[FieldSpec],
             relations: Mapping[str, set[str]] | None = None) -> list[Problem]:
    """Every problem of `values` under `schema`, in schema order.

    `relations` maps a relation field's key to the values it may take (computed from the other
    collection's posts); without it, relation values are not checked.
    """
    problems: list[Problem] = []
    for spec in schema:
        if spec.kind in (f.HIDDEN, f.BODY, f.READONLY):
            continue
        problems += check_field(spec, values.get(spec.key), spec.key, relations or {})
    return problems


def check_field(spec: FieldSpec, value: Any, path: str = "",
                relations: Mapping[str, set[str]] | None = None) -> list[Problem]:
    """The problems of one field's value (an empty list when it is fine)."""
    path = path or spec.key
    if _is_empty(value):
        if spec.required and spec.kind != f.BOOLEAN:
            return [Problem(path, "Required.")]
        return []
    message = _type_problem(spec, value)
    if message:
        return [Problem(path, message)]
    if spec.kind == f.OBJECT and spec.fields:
        return _nested(spec.fields, value, path + ".", relations)
    if spec.kind == f.LIST and spec.fields:
        return [problem for index, item in enumerate(value)
                for problem in _nested(spec.fields, item, f"{path}[{index + 1}].", relations)]
    message = _rule_problem(spec, value, (relations or {}).get(spec.key))
    return [Problem(path, message)] if message else []


def _nested(specs: tuple[FieldSpec, ...], value: Mapping[str, Any], prefix: str,
            relations: Mapping[str, set[str]] | None) -> list[Problem]:
    return [problem for spec in specs if spec.kind not in (f.HIDDEN, f.READONLY)
            for problem in check_field(spec, value.get(spec.key), prefix + spec.key, relations)]


def _is_empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _type_problem(spec: FieldSpec, value: Any) -> str:
    """Why `value` is not of the field's type ('' when it is)."""
    kind = spec.kind
    if kind in _TEXT_KINDS and isinstance(value, (list, dict)):
        return "Expected text, found a list." if isinstance(value, list) else "Expected text, found fields."
    if kind in (f.DATE, f.DATETIME) and not isinstance(value, (dt.date, dt.datetime)):
        if not isinstance(value, str) or parse_datetime(value) is None:
            example = "2025-01-31" if kind == f.DATE else "2025-01-31T09:30:00"
            return f"Not a date: {_show(value)} (write it like {example})."
    if kind == f.BOOLEAN and not isinstance(value, bool):
        return f"Expected true or false, found {_show(value)}."
    if kind == f.NUMBER:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return f"Expected a number, found {_show(value)}."
        if spec.integer and not (isinstance(value, int) or value.is_integer()):
            return f"Expected a whole number, found {value}."
    if kind == f.OBJECT and not isinstance(value, dict):
        return "Expected a group of fields."
    if kind == f.LIST and spec.fields and not (
            isinstance(value, list) and all(isinstance(item, dict) for item in value)):
        return "Expected a list of entries with fields."
    if kind == f.TAGS and not isinstance(value, (list, str)):
        return f"Expected a list, found {_show(value)}."
    if kind in (f.TAGS, f.SELECT, f.RELATION) and isinstance(value, list) and any(
            isinstance(item, (list, dict)) for item in value):
        return "Expected a list of words, found entries with fields."
    if spec.multiple and kind in (f.SELECT, f.RELATION) and not isinstance(value, list):
        return f"Expected a list of values, found {_show(value)}."
    return ""


def _rule_problem(spec: FieldSpec, value: Any, allowed: set[str] | None) -> str:
    """Why `value` breaks the field's rules: pattern, range or option list ('' when it does not)."""
    if spec.pattern and isinstance(value, (str, int, float)):
        try:
            matched = re.search(spec.pattern, str(value)) is not None
        except re.error:
            matched = True  # a pattern Python cannot read is the schema's problem, not the post's
        if not matched:
            return spec.pattern_message or f"Must match the pattern {spec.pattern}."
    if spec.kind == f.NUMBER:
        if spec.minimum is not None and value < spec.minimum:
            return f"Must be at least {_number(spec.minimum)}."
        if spec.maximum is not None and value > spec.maximum:
            return f"Must be at most {_number(spec.maximum)}."
    items = value if isinstance(value, list) else [value]
    if spec.kind == f.SELECT and spec.options:
        choices = {str(option.value) for option in spec.options}
        wrong = [item for item in items if str(item) not in choices]
        if wrong:
            labels = ", ".join(option.label for option in spec.options)
            return f"{_show(wrong[0])} is not one of the choices ({labels})."
    if spec.kind == f.RELATION and allowed is not None:
        wrong = [item for item in items if str(item) not in allowed]
        if wrong:
            target = spec.relation.collection if spec.relation else "the related collection"
            return f"{_show(wrong[0])} is not an entry of {target}."
    return ""


def _show(value: Any) -> str:
    if isinstance(value, str):
        return f"'{value}'"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a group of fields"
    return str(value)


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)
