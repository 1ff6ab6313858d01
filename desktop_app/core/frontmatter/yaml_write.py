"""How a value is written as YAML text: scalars in the old value's quoting and date style, flow
and block lists, and new nested values (mappings, lists of mappings) in block style.

Everything written here reads back, with the front-matter loader, as exactly the value given:
plain text only where it cannot be mistaken for a number, date, boolean or syntax, and double
quotes (with escapes for what YAML cannot hold raw) otherwise.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

import yaml

from desktop_app.core.frontmatter import parse as fm
from desktop_app.core.frontmatter.style import datetime_text, split_comment

KEY = re.compile(r"""^(?P<key>"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#:\-\[\]{},&*!|>'"%@`][^:#]*?)\s*:(?=\s|$)""")
# YAML cannot hold these raw inside quotes: non-printable characters and Unicode line breaks
# (JSON escapes the C0 controls already).
_UNPRINTABLE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")
# Nor can single quotes or a `|` block, which have no escapes at all.
_NEEDS_ESCAPES = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")


def double_quote(text: str) -> str:
    """`text` as a YAML double-quoted scalar (JSON's escapes are YAML escapes too)."""
    quoted = json.dumps(text, ensure_ascii=False)
    return _UNPRINTABLE.sub(lambda match: f"\\u{ord(match.group()):04x}", quoted)


def plain_safe(text: str) -> bool:
    """True when `text` reads back as the same string without quotes."""
    if not text or text != text.strip() or "\n" in text:
        return False
    try:
        return fm.load_yaml(f"k: {text}") == {"k": text}
    except (yaml.YAMLError, ValueError, TypeError, OverflowError):
        return False


def key_text(key: Any) -> str:
    """A mapping key as it is written before the `:`."""
    if not isinstance(key, str):
        return scalar(key, old="null")
    plain = KEY.match(f"{key}:")
    if plain and plain.end() == len(key) + 1 and plain_safe(key):
        return key
    return double_quote(key)


def key_name(raw: str) -> str:
    """The key a written key stands for: `"a\\"b"` → `a"b`, `'it''s'` → `it's`."""
    raw = raw.strip()
    if len(raw) >= 2 and raw[0] == raw[-1] == '"':
        try:
            return str(fm.load_yaml(raw))
        except yaml.YAMLError:
            return raw[1:-1]
    if len(raw) >= 2 and raw[0] == raw[-1] == "'":
        return raw[1:-1].replace("''", "'")
    return raw


def quote_style(old: str) -> str:
    return old[0] if old[:1] in ("'", '"') else ""


def scalar(value: Any, quote: str = "", old: str = "") -> str:
    """A single-line scalar; `old` (the previous value's text) chooses case and date style, and
    `quote` the quotes of a string."""
    if value is None:
        return "" if not old else "null"
    if isinstance(value, bool):
        word = "true" if value else "false"
        # `True` stays capitalised; a capitalised old *string* (`title: Yes please`) says nothing.
        return word.capitalize() if old in ("True", "False", "TRUE", "FALSE") else word
    if isinstance(value, int):
        return repr(value)
    if isinstance(value, float):
        return _float(value)
    if isinstance(value, dt.datetime):  # never quoted: a quoted date is a string
        return datetime_text(value, old.strip("'\""))
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (list, dict)):
        return flow(value)
    text = str(value)
    if quote == "'" and not _NEEDS_ESCAPES.search(text) and "\n" not in text:
        return "'" + text.replace("'", "''") + "'"
    if quote == '"' or not plain_safe(text):
        return double_quote(text)
    return text


def _float(value: float) -> str:
    """YAML 1.1 floats need a `.` (PyYAML reads `1e+20` as a string) and spell `.inf`, `.nan`."""
    if value != value:
        return ".nan"
    if value in (float("inf"), float("-inf")):
        return ".inf" if value > 0 else "-.inf"
    text = repr(value)
    if "." not in text and "e" in text:
        text = text.replace("e", ".0e", 1)
    return text


def flow(value: Any, quote: str = "") -> str:
    """`value` in flow style (`[a, b]`, `{k: v}`): an item with `,` `[` `{` stays one item."""
    if isinstance(value, list):
        return "[" + ", ".join(flow(item, quote) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_flow_key(k)}: {flow(v)}" for k, v in value.items()) + "}"
    if value is None:
        return "null"
    text = scalar(value, quote)
    if isinstance(value, str) and not text.startswith(("'", '"')):
        try:
            safe = fm.load_yaml(f"k: [{text}]") == {"k": [value]}
        except (yaml.YAMLError, ValueError):
            safe = False
        if not safe:
            return double_quote(value)
    return text


def _flow_key(key: Any) -> str:
    text = key_text(key)
    if not isinstance(key, str) or text != key:
        return text
    try:
        safe = fm.load_yaml(f"{{{text}: 1}}") == {key: 1}
    except (yaml.YAMLError, ValueError):
        safe = False
    return text if safe else double_quote(key)


def is_nested(value: Any) -> bool:
    """A mapping, or a list holding mappings or lists: written in block style, not on one line."""
    if isinstance(value, dict):
        return bool(value)
    return isinstance(value, list) and any(isinstance(item, (dict, list)) for item in value)


def field(key: str, value: Any, rest: str, tail: list[str], eol: str, unit: str = "  ") -> str:
    """`key: value` (plus continuation lines) written in the style of the old value.

    `key` is the key's text up to and including the `:`; `rest` is what followed on the old
    key line and `tail` the old continuation lines ("" and [] for a new key). `unit` is the
    file's indentation step, used for new nested blocks."""
    old, comment = split_comment(rest.rstrip("\r\n"))
    gap = rest[: len(rest) - len(rest.lstrip(" \t"))] if rest.strip(" \t\r\n") else " "  # `key:   v` stays aligned
    sep = key + (gap if not key.endswith(" ") else "")
    head = key.rstrip() + comment + eol
    if isinstance(value, dict):
        if not value:
            return sep + "{}" + comment + eol
        return head + "".join(unit + line for line in mapping(value, eol, unit))
    if isinstance(value, list) and is_nested(value):
        item = next((t for t in tail if t.lstrip(" \t").startswith("-")), None)
        indent = item[: len(item) - len(item.lstrip(" \t"))] if item is not None else unit
        return head + "".join(sequence(value, indent, eol, unit))
    if isinstance(value, list):
        block_item = next((t for t in tail if t.lstrip(" \t").startswith("-")), None)
        if block_item is not None or (not old and value and not tail):
            indent = block_item[: len(block_item) - len(block_item.lstrip(" \t"))] if block_item else ""
            quote = quote_style(block_item.lstrip(" \t")[1:].strip(" \t\r\n") if block_item else "")
            if not value:
                return key.rstrip() + " []" + comment + eol
            return head + "".join(f"{indent}- {_item(v, quote)}{eol}" for v in value)
        quote = quote_style(old[1:].lstrip(" \t") if old.startswith("[") else "")
        inner = ", ".join(flow(v, quote) for v in value)
        return sep + (f"[ {inner} ]" if old.startswith("[ ") and inner else f"[{inner}]") + comment + eol
    if isinstance(value, str) and "\n" in value and not _block_unsafe(value):
        indent = next((line[: len(line) - len(line.lstrip(" \t"))] for line in tail if line.strip(" \t\r\n")), "")
        indent = indent or unit
        chomp = "|" if value.endswith("\n") else "|-"
        body = "".join((indent + line if line else "") + eol for line in value.rstrip("\n").split("\n"))
        return key.rstrip() + " " + chomp + comment + eol + body
    text = scalar(value, quote_style(old), old)
    return (sep + text if text else key.rstrip()) + comment + eol


def _item(value: Any, quote: str) -> str:
    """A `- item` of a block list of scalars (None as `null`: a bare `-` reads the same but
    looks like a typo)."""
    return "null" if value is None else scalar(value, quote)


def _block_unsafe(value: str) -> bool:
    """A `|` block cannot start with a space, keep several final newlines or hold characters
    YAML cannot show raw: quote those instead."""
    return (value[:1] in (" ", "\t") or value.endswith("\n\n") or value.startswith("\n")
            or _NEEDS_ESCAPES.search(value) is not None)


def mapping(value: dict[Any, Any], eol: str, unit: str) -> list[str]:
    """The lines of a block mapping at column 0 (the caller indents them)."""
    lines: list[str] = []
    for key, item in value.items():
        lines += fm.file_lines(field(key_text(key) + ":", item, "", [], eol, unit))
    return lines


def sequence(value: list[Any], indent: str, eol: str, unit: str) -> list[str]:
    """A block sequence at `indent`: `- name: a` with the mapping's other keys under `name`."""
    lines: list[str] = []
    for item in value:
        lines += [indent + line for line in sequence_item(item, eol, unit)]
    return lines


def sequence_item(item: Any, eol: str, unit: str) -> list[str]:
    """One `- ` item's lines at column 0."""
    if isinstance(item, dict) and item:
        inner = mapping(item, eol, unit)
        return ["- " + inner[0]] + ["  " + line for line in inner[1:]]
    if isinstance(item, list) and item and is_nested(item):
        inner = sequence(item, "", eol, unit)
        return ["- " + inner[0]] + ["  " + line for line in inner[1:]]
    if isinstance(item, str) and "\n" in item:
        return ["- " + double_quote(item) + eol]
    return ["- " + (flow(item) if isinstance(item, (list, dict)) else _item(item, "")) + eol]
