"""Front-matter values as a person types and reads them on a command line.

`postdesk set FILE date=2025-01-31` takes YAML syntax, so `[a, b]` is a list, `true` a boolean
and `"2025"` a string; `postdesk get` prints scalars as plain text and structures as JSON, so a
shell script can use either. Dotted keys (`params.author`) reach into nested maps.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any, Mapping

from desktop_app.core.errors import PostdeskError
from desktop_app.core.frontmatter import parse as fm

_MISSING = object()
_DATE_LIKE = re.compile(r"^\d{4}-\d{2}-\d{2}")  # an impossible date is a mistake, not a title


def parse_value(raw: str) -> Any:
    """`raw` read as a YAML value, with the same rules as front matter (Jekyll times included).

    Text that is not valid YAML but plainly meant as text (`Hello: again`, which the shell hands
    over without its quotes) is taken as that text; a broken list, map or quoted string is an error.
    """
    text = raw.strip()
    if text and text[0] not in "\"'" and re.search(r"(^|\s)#", text):
        raise PostdeskError(f"In '{raw}', '#' would start a YAML comment and the rest would be lost.",
                            hint="Quote the value, e.g. title='\"C# is #1\"'.")
    front = "value: " + raw.replace("\n", "\n  ") + "\n"
    try:
        return fm.parse(fm.Document(fm.YAML, front, "", opening="---\n", closing="---\n"))["value"]
    except fm.FrontMatterError as error:
        text = raw.strip()
        if text and "\n" not in text and text[0] not in "[{\"'|>&*!%@`" and not _DATE_LIKE.match(text):
            return raw
        raise PostdeskError(f"'{raw}' is not a YAML value: {error.reason}",
                            hint="Quote text with special characters, e.g. title='\"[draft] notes\"'.") from error


def show_value(value: Any, as_json: bool = False) -> str:
    """A value for stdout: plain text for scalars, JSON for lists and maps (or everything)."""
    if as_json or isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, default=_json_default)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)


def _json_default(value: Any) -> str:
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    return str(value)


def lookup(values: Mapping[str, Any], key: str) -> Any:
    """The value of `key`, or of a dotted path into nested maps; KeyError when absent."""
    if key in values:
        return values[key]
    value: Any = values
    for part in key.split("."):
        if not isinstance(value, Mapping) or part not in value:
            raise KeyError(key)
        value = value[part]
    return value


def top_level_edit(values: Mapping[str, Any], key: str, value: Any) -> tuple[str, Any]:
    """(top-level key, its new value) for setting `key` (possibly dotted) to `value`.

    `params.author=Ann` changes the `params` map; a top-level key that itself contains a dot
    (Hugo allows quoted ones) is taken as written.
    """
    if key in values or "." not in key:
        return key, value
    top, rest = key.split(".", 1)
    current = values.get(top, _MISSING)
    if current is _MISSING:
        current = {}
    if not isinstance(current, dict):
        raise PostdeskError(f"'{top}' is not a group of fields, so '{key}' cannot be set.")
    inner_key, inner = top_level_edit(current, rest, value)
    return top, {**current, inner_key: inner}
