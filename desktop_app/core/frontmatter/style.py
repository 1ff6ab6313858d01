"""Small rules shared by the YAML, TOML and JSON field editors: what "the same value" means,
how a line ends, where a trailing comment starts, and how to write a date-time the way the old
one was written.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

MISSING: Any = object()  # a key with no value before (distinct from a `null` value)
_JEKYLL_STYLE = re.compile(r"^\d{4}-\d{2}-\d{2} \d{1,2}:\d{2}(:\d{2}(\.\d+)?)? [+-]\d{4}$")


def same(old: Any, new: Any) -> bool:
    """True when writing `new` over `old` would not change what the site reads.

    Stricter than `==`: `1 == True` and two aware date-times in different zones are equal in
    Python, but they are different text in a post."""
    if type(old) is not type(new):
        return False
    if isinstance(old, dict):
        return old.keys() == new.keys() and all(same(old[key], new[key]) for key in old)
    if isinstance(old, list):
        return len(old) == len(new) and all(same(a, b) for a, b in zip(old, new))
    if isinstance(old, dt.datetime):
        return old == new and old.utcoffset() == new.utcoffset()
    if isinstance(old, float) and old != old:
        return new != new  # nan
    return bool(old == new)


def line_end(line: str) -> str:
    return "\r\n" if line.endswith("\r\n") else "\n"


def split_comment(rest: str) -> tuple[str, str]:
    """Split the text after `key:` into value text and a trailing ` # comment` (outside quotes)."""
    quote = ""
    for index, char in enumerate(rest):
        if quote:
            if char == quote:
                quote = ""
        elif char in "\"'" and rest[:index].strip() == "":
            quote = char
        elif char == "#" and index > 0 and rest[index - 1] in " \t":
            value = rest[:index].rstrip()
            return value.strip(), rest[len(value):].rstrip()
    return rest.strip(), ""


def datetime_text(value: dt.datetime, old: str) -> str:
    """`value` written like the old date-time: Jekyll's `+0530`, a space or a `T`, `Z` for UTC."""
    if _JEKYLL_STYLE.match(old) and value.utcoffset() is not None:
        fraction = f".{value.microsecond:06d}" if value.microsecond else ""
        return value.strftime("%Y-%m-%d %H:%M:%S") + fraction + value.strftime(" %z")
    text = value.isoformat(sep=" " if old[10:11] == " " else "T")
    if old[-1:] in ("Z", "z") and text.endswith("+00:00"):
        text = text[:-6] + "Z"
    return text
