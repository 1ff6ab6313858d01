"""Front matter compared field by field: the review's "Fields" form.

A reviewer wants "title: A → B" and "tags: +caching −redis", not two YAML lines. Both versions
are read with the site generator's rules (`core/frontmatter/parse.py`, YAML, TOML or JSON), so a
change of quoting or list style that the site would not notice is no change here. Nested keys
are named with dots (`params.author`), list entries that are maps by index (`authors[1].name`).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

from desktop_app.core.errors import FrontMatterError
from desktop_app.core.frontmatter import parse as fm

ARROW = "→"
MINUS = "−"  # U+2212: reads as a minus beside "+", where a hyphen looks like a dash
_MISSING = object()


@dataclass(frozen=True)
class FieldChange:
    """One field that differs. `kind`: "changed", "added", "removed", or "items" (a list of
    plain values that gained `added_items` and lost `removed_items`)."""

    key: str
    kind: str
    old: Any = None
    new: Any = None
    added_items: tuple[str, ...] = ()
    removed_items: tuple[str, ...] = ()

    def describe(self) -> str:
        """One line a writer reads at a glance: "title: A → B", "tags: +caching −redis"."""
        if self.kind == "added":
            return f"+ {self.key}: {format_value(self.new)}"
        if self.kind == "removed":
            return f"{MINUS} {self.key}: {format_value(self.old)}"
        if self.kind == "items":
            parts = [f"+{item}" for item in self.added_items] + [f"{MINUS}{item}" for item in self.removed_items]
            return f"{self.key}: {' '.join(parts)}"
        old, new = self.shown_values()
        return f"{self.key}: {old} {ARROW} {new}"

    def shown_values(self) -> tuple[str, str]:
        """A changed field's old and new value as text; when they read the same (a quoted
        "2025-01-01" is text, not a date) with their types made visible."""
        old, new = format_value(self.old), format_value(self.new)
        if old == new:
            old, new = _typed(self.old), _typed(self.new)
        return old, new


@dataclass(frozen=True)
class FieldDiff:
    """The field changes from one version to the next. `problem`: a side whose front matter
    cannot be read (then `changes` is empty and the text diff is the one to read)."""

    changes: tuple[FieldChange, ...] = ()
    problem: str = ""
    old_format: str = fm.NONE
    new_format: str = fm.NONE
    notes: tuple[str, ...] = field(default=())

    def lines(self) -> list[str]:
        return [change.describe() for change in self.changes]


def format_value(value: Any) -> str:
    """A value as a writer would type it in YAML: text bare, true/false, dates in ISO form."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return '""' if value == "" else value.replace("\n", "⏎ ").rstrip("⏎ ")
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(format_value(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key}: {format_value(item)}" for key, item in value.items()) + "}"
    return str(value)


def _typed(value: Any) -> str:
    """The value with its type visible, for changes that read the same as text."""
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    return f"{format_value(value)} ({type(value).__name__})"


def read_fields(text: str | None) -> tuple[dict[str, Any], str, str]:
    """(values, format, problem) of one version; a missing version has no fields."""
    if text is None:
        return {}, fm.NONE, ""
    try:
        doc = fm.split(text)
        return fm.parse(doc), doc.format, ""
    except FrontMatterError as error:
        return {}, fm.NONE, error.message


def diff_fields(old_text: str | None, new_text: str | None) -> FieldDiff:
    """The field-by-field changes between two versions of a post (None: no such version)."""
    old, old_format, old_problem = read_fields(old_text)
    new, new_format, new_problem = read_fields(new_text)
    if old_problem or new_problem:
        side, reason = ("old", old_problem) if old_problem else ("new", new_problem)
        if old_problem and new_problem:
            side = "old and the new"
        reason = reason[:1].lower() + reason[1:].rstrip(".")
        return FieldDiff(problem=f"In the {side} version, {reason}. The Text tab shows what changed.",
                         old_format=old_format, new_format=new_format)
    notes = ()
    if old_text is not None and new_text is not None and old_format != new_format \
            and fm.NONE not in (old_format, new_format):
        notes = (f"The front matter changed from {old_format.upper()} to {new_format.upper()}.",)
    return FieldDiff(tuple(_walk(old, new, "")), "", old_format, new_format, notes)


def _join(prefix: str, key: str) -> str:
    return f"{prefix}.{key}" if prefix else key


def _walk(old: dict[str, Any], new: dict[str, Any], prefix: str) -> list[FieldChange]:
    """Changes in key order: the new version's order, removed keys where they used to be."""
    changes: list[FieldChange] = []
    for key in _ordered_keys(list(old), list(new)):
        changes.extend(_compare(_join(prefix, str(key)), old.get(key, _MISSING), new.get(key, _MISSING)))
    return changes


def _ordered_keys(old: list[Any], new: list[Any]) -> list[Any]:
    """The new keys in order, each removed key placed after the key that preceded it."""
    result = list(new)
    present = set(new)
    for index, key in enumerate(old):
        if key in present:
            continue
        before = next((old[i] for i in range(index - 1, -1, -1) if old[i] in result), None)
        result.insert(result.index(before) + 1 if before is not None else 0, key)
        present.add(key)
    return result


def _compare(key: str, old: Any, new: Any) -> list[FieldChange]:
    if old is _MISSING:
        return [FieldChange(key, "added", new=new)]
    if new is _MISSING:
        return [FieldChange(key, "removed", old=old)]
    if _same(old, new):
        return []
    if isinstance(old, dict) and isinstance(new, dict):
        return _walk(old, new, key)
    if isinstance(old, list) and isinstance(new, list):
        return _compare_lists(key, old, new)
    return [FieldChange(key, "changed", old, new)]


def _same(old: Any, new: Any) -> bool:
    """Equal values of the same type (True is not 1, and a date is not its text)."""
    if type(old) is not type(new):
        return False
    if isinstance(old, dict):
        return old.keys() == new.keys() and all(_same(old[k], new[k]) for k in old)
    if isinstance(old, list):
        return len(old) == len(new) and all(_same(a, b) for a, b in zip(old, new))
    return bool(old == new)


def _plain(value: Any) -> bool:
    return not isinstance(value, (dict, list))


def _compare_lists(key: str, old: list[Any], new: list[Any]) -> list[FieldChange]:
    if all(_plain(item) for item in old + new):
        added = _minus([format_value(v) for v in new], [format_value(v) for v in old])
        removed = _minus([format_value(v) for v in old], [format_value(v) for v in new])
        if added or removed:
            return [FieldChange(key, "items", old, new, tuple(added), tuple(removed))]
        return [FieldChange(key, "changed", old, new)]  # the same items in another order
    changes: list[FieldChange] = []
    for index in range(max(len(old), len(new))):
        changes.extend(_compare(f"{key}[{index}]", old[index] if index < len(old) else _MISSING,
                                new[index] if index < len(new) else _MISSING))
    return changes


def _minus(items: list[str], other: list[str]) -> list[str]:
    """`items` without one occurrence of each entry of `other` (a multiset difference, in order)."""
    remaining = list(other)
    result = []
    for item in items:
        if item in remaining:
            remaining.remove(item)
        else:
            result.append(item)
    return result
