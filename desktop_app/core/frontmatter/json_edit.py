"""Change one field of JSON front matter by replacing only its value's text (or adding the key).

A new object or list of objects in a multi-line file is written over several lines with the
file's own indentation; a value that was on one line stays on one line.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

_SPACE = re.compile(r"\s*")


def set_json(front: str, key: str, value: Any, newline: str) -> str:
    spans = _json_spans(front)
    if key in spans:
        key_start, start, end = spans[key]
        line_start = front.rfind("\n", 0, key_start) + 1
        indent = front[line_start:key_start] if not front[line_start:key_start].strip() else ""
        multi = "\n" in front[start:end] or ("\n" not in front[start:end] and _fresh_block(value, front[start:end]))
        text = _dump(value, _unit(front) if multi and "\n" in front else None, indent, newline)
        return front[:start] + text + front[end:]
    match = re.search(r"\n([ \t]+)\"", front)
    indent = match.group(1) if match else "  "
    after = max((end for _, _, end in spans.values()), default=front.index("{") + 1)
    close = front.rindex("}")
    if "\n" not in front[:close]:  # a one-line object stays on one line
        entry = f"{json.dumps(key, ensure_ascii=False)}: {_dump(value, None, '', newline)}"
        return front[:after] + (", " if spans else "") + entry + front[after:]
    text = _dump(value, _unit(front) if _fresh_block(value, "") else None, indent, newline)
    entry = f"{json.dumps(key, ensure_ascii=False)}: {text}"
    tail = front[after:close] if front[after:close].strip() == "" else ""
    entry = ("," if spans else "") + newline + indent + entry
    return front[:after] + entry + (tail or newline) + front[close:]


def remove_json(front: str, key: str) -> str:
    spans = _json_spans(front)
    if key not in spans:
        return front
    ordered = sorted(spans.values())
    index = ordered.index(spans[key])
    if index > 0:  # from the end of the previous value: its comma, the key and the value
        return front[: ordered[index - 1][2]] + front[spans[key][2]:]
    if len(ordered) > 1:  # the first key: up to the next key
        return front[: spans[key][0]] + front[ordered[1][0]:]
    return front[: spans[key][0]] + front[spans[key][2]:].lstrip(" \t\r\n")


def _fresh_block(value: Any, old: str) -> bool:
    """Objects (and lists of objects) are written over several lines unless they were on one."""
    if old.lstrip().startswith(("{", "[")):
        return False
    if isinstance(value, dict):
        return bool(value)
    return isinstance(value, list) and any(isinstance(item, (dict, list)) for item in value)


def _unit(front: str) -> int:
    """The file's indentation step: the indentation of its first key."""
    match = re.search(r"\n([ \t]+)\"", front)
    return len(match.group(1).expandtabs(4)) if match else 2


def _dump(value: Any, unit: int | None, indent: str, newline: str) -> str:
    """`value` as JSON: on one line (`unit` None), or indented `unit` more than its key line."""
    text = json.dumps(value, ensure_ascii=False, indent=unit, default=_plain)
    if unit is None:
        return text
    return text.replace("\n", newline + indent)


def _plain(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} cannot be written as JSON")


def _json_spans(front: str) -> dict[str, tuple[int, int, int]]:
    """Top-level key → (key start, value start, value end) offsets in the JSON text."""
    decoder = json.JSONDecoder()
    position = _SPACE.match(front, front.index("{") + 1).end()
    spans: dict[str, tuple[int, int, int]] = {}
    while front[position] == '"':
        key, after_key = json.decoder.scanstring(front, position + 1)
        value_start = _SPACE.match(front, _SPACE.match(front, after_key).end() + 1).end()  # past ':'
        _, value_end = decoder.raw_decode(front, value_start)
        spans[key] = (position, value_start, value_end)  # a duplicate key: the last one counts
        position = _SPACE.match(front, value_end).end()
        if front[position] == ",":
            position = _SPACE.match(front, position + 1).end()
    return spans
