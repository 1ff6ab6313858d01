"""Change one TOML field by rewriting only that field's text.

A top-level `key = value` keeps its key, spacing and trailing comment; only the value's text
(one line or several: a multi-line array or string) is replaced, in the old value's quoting.
A dict becomes an inline table (`key = { a = 1 }`) and a list of dicts an array of inline
tables, one per line. When the key is a `[key]` table and the new value is a dict, each
nested key is edited inside that table the same way (sub-tables `[key.sub]` recursively).
Anything else that defines the key (`[[key]]` arrays of tables, dotted `key.sub = 1` lines)
is removed and written anew where it was. TOML has no null: setting None removes the key.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

from desktop_app.core.errors import PostdeskError
from desktop_app.core.frontmatter import parse as fm
from desktop_app.core.frontmatter.style import MISSING, datetime_text, same
from desktop_app.core.frontmatter.toml_lines import KEY, TABLE, Statement, scan, value_extent

_BARE = re.compile(r"[A-Za-z0-9_\-]+")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")


def set_toml(front: str, key: str, value: Any, old: Any, newline: str) -> str:
    return "".join(_assign(fm.file_lines(front), (), key, value, old, newline))


def remove_toml(front: str, key: str) -> str:
    lines = fm.file_lines(front)
    statements = scan(lines)
    return "".join(_drop(lines, _definitions(statements, (), key, len(lines)), statements))


def _assign(lines: list[str], table: tuple[str, ...], key: str, value: Any, old: Any,
            eol: str) -> list[str]:
    """`lines` with `key` of `table` (() = the top level) set to `value`."""
    statements = scan(lines)
    found = _definitions(statements, table, key, len(lines))
    if value is None:
        return _drop(lines, found, statements)
    full = (*table, key)
    if len(found) == 1 and found[0].kind == KEY and found[0].path == (key,):
        return _replace_value(lines, found[0], value, eol)
    if (found and all(s.kind == TABLE for s in found) and found[0].path == full
            and isinstance(value, dict) and value and isinstance(old, dict)):
        for name in old:
            if name not in value:
                lines = _assign(lines, full, name, None, old[name], eol)
        for name, item in value.items():
            before = old.get(name, MISSING)
            if before is MISSING or not same(before, item):
                lines = _assign(lines, full, name, item, before, eol)
        return lines
    if found:
        at = found[0].start
        as_tables = all(s.kind != KEY for s in found) and _as_tables(value)
        lines = _drop(lines, found, statements, tidy=not as_tables)
        if as_tables:
            return lines[:at] + _tables(full, value, eol) + lines[at:]
        if found[0].kind == KEY:
            return lines[:at] + [f"{_key(key)} = {toml_value(value, eol=eol)}{eol}"] + lines[at:]
    return _append(lines, table, f"{_key(key)} = {toml_value(value, eol=eol)}{eol}", eol)


def _definitions(statements: list[Statement], table: tuple[str, ...], key: str,
                 size: int) -> list[Statement]:
    """Every statement that defines `key` in `table`: key lines and table headers."""
    start, end = _section(statements, table, size)
    full = (*table, key)
    return [s for s in statements
            if (s.kind == KEY and start <= s.start < end and s.path[0] == key)
            or (s.kind != KEY and s.path[: len(full)] == full)]


def _section(statements: list[Statement], table: tuple[str, ...], size: int) -> tuple[int, int]:
    """The line range of `table`'s own key lines (after its header, before the next header)."""
    headers = [s for s in statements if s.kind != KEY]
    if not table:
        return 0, headers[0].start if headers else size
    for index, header in enumerate(headers):
        if header.kind == TABLE and header.path == table:
            return header.end, headers[index + 1].start if index + 1 < len(headers) else size
    raise PostdeskError(f"The TOML table [{'.'.join(table)}] was not found.")  # pragma: no cover


def _drop(lines: list[str], found: list[Statement], statements: list[Statement],
          tidy: bool = True) -> list[str]:
    """`lines` without the given key lines, and without the given headers and their keys.

    `tidy` also removes the blank lines that set a removed table apart; not when new tables
    take the old ones' place."""
    ranges = []
    for statement in found:
        end = statement.end
        if statement.kind != KEY:  # the header, its keys, and comments between them
            following = [s for s in statements if s.start >= statement.end]
            stop = next((i for i, s in enumerate(following) if s.kind != KEY), len(following))
            end = following[stop - 1].end if stop else statement.end
            start = statement.start
            while tidy and end < len(lines) and not lines[end].strip(" \t\r\n"):
                end += 1  # the blank lines that set the table apart go with it
            if tidy and end == len(lines):
                while start and not lines[start - 1].strip(" \t\r\n"):
                    start -= 1  # the last table: the blank lines before it
            ranges.append((start, end))
            continue
        ranges.append((statement.start, end))
    for start, end in sorted(ranges, reverse=True):
        del lines[start:end]
    return lines


def _append(lines: list[str], table: tuple[str, ...], text: str, eol: str) -> list[str]:
    """`text` after the last key line of `table` (after its header when it has none)."""
    statements = scan(lines)
    start, end = _section(statements, table, len(lines))
    keys = [s for s in statements if s.kind == KEY and start <= s.start < end]
    if keys:
        at = keys[-1].end
    elif table:
        at = start
    else:  # before the first table, not after the blank lines that set it apart
        at = end
        while at and not lines[at - 1].strip(" \t\r\n"):
            at -= 1
    if at and not lines[at - 1].endswith("\n"):
        lines[at - 1] += eol
    return lines[:at] + [text] + lines[at:]


def _replace_value(lines: list[str], statement: Statement, value: Any, eol: str) -> list[str]:
    """Only the value's text changes; key, spacing, trailing comment and line end stay."""
    end, stop = value_extent(lines, statement.start, statement.value_start)
    first, last = lines[statement.start], lines[end - 1]
    if end - 1 == statement.start:
        old = first[statement.value_start : stop]
    else:
        old = first[statement.value_start:] + "".join(lines[statement.start + 1 : end - 1]) + last[:stop]
    indent = next((line[: len(line) - len(line.lstrip(" \t"))] for line in lines[statement.start + 1 : end]
                   if line.strip(" \t\r\n")), "  ")
    new = first[: statement.value_start] + toml_value(value, old, eol, indent) + last[stop:]
    return lines[: statement.start] + fm.file_lines(new) + lines[end:]


def _as_tables(value: Any) -> bool:
    if isinstance(value, dict):
        return bool(value)
    return bool(value) and isinstance(value, list) and all(isinstance(item, dict) for item in value)


def _tables(path: tuple[str, ...], value: Any, eol: str) -> list[str]:
    """`[path]` with its keys, or one `[[path]]` per item of a list of dicts."""
    name = ".".join(_key(part) for part in path)
    if isinstance(value, dict):
        return [f"[{name}]{eol}", *_entries(value, eol)]
    lines: list[str] = []
    for index, item in enumerate(value):
        lines += ([eol] if index else []) + [f"[[{name}]]{eol}", *_entries(item, eol)]
    return lines


def _entries(value: dict[str, Any], eol: str) -> list[str]:
    return [f"{_key(k)} = {toml_value(v, eol=eol)}{eol}" for k, v in value.items() if v is not None]


def _key(key: str) -> str:
    return key if _BARE.fullmatch(key) else basic(key)


def basic(text: str) -> str:
    """A one-line TOML basic string (JSON's escapes are TOML's; DEL must be escaped too)."""
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def toml_value(value: Any, old: str = "", eol: str = "\n", indent: str = "  ", inline: bool = False) -> str:
    """`value` in TOML, keeping the old value's quotes and date style; `old` is its old text.

    A list of dicts gets one inline table per line, unless it is `inline` (inside an inline
    table or array, where TOML allows no line break)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return repr(value)
    if isinstance(value, float):
        return repr(value) if value == value else "nan"
    if isinstance(value, dt.datetime):
        return datetime_text(value, old)
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, dict):
        hint = _quote_hint(old)
        inner = ", ".join(f"{_key(k)} = {toml_value(v, hint, eol, inline=True)}"
                          for k, v in value.items() if v is not None)
        spaced = old.startswith("{ ") or not old.startswith("{")  # `{ a = 1 }` unless it was `{a = 1}`
        return "{}" if not inner else f"{{ {inner} }}" if spaced else f"{{{inner}}}"
    if isinstance(value, list):
        if any(item is None for item in value):
            raise PostdeskError("A TOML list cannot hold an empty value.")
        if value and all(isinstance(item, dict) for item in value) and not inline:
            hint = "{ " + _quote_hint(old) if old.lstrip("[ \t\r\n").startswith("{ ") else _quote_hint(old)
            return "[" + eol + "".join(f"{indent}{toml_value(v, hint, eol, inline=True)},{eol}" for v in value) + "]"
        item = old.lstrip("[ \t\r\n")
        return "[" + ", ".join(toml_value(v, item, eol, inline=True) for v in value) + "]"
    return _string(str(value), old, eol)


def _quote_hint(old: str) -> str:
    """The quote the old value's strings used, for the strings of a new inline table."""
    quotes = re.search(r"['\"]", old)
    return quotes.group() if quotes else ""


def _string(text: str, old: str, eol: str) -> str:
    """A string in the old value's kind of quotes, where that kind can hold it."""
    lead = eol if old[3:4] in ("\r", "\n") or text.startswith("\n") else ""
    if old.startswith("'''") and "'''" not in text and not _CONTROL.search(text) and not text.endswith("'"):
        return "'''" + lead + text.replace("\n", eol) + "'''"
    if old.startswith(("'''", '"""')):
        escaped = text.replace("\\", "\\\\")
        escaped = _CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", escaped.replace("\r", "\\r"))
        escaped = re.sub(r'"(?=")', '\\\\"', escaped)
        if escaped.endswith('"'):
            escaped = escaped[:-1] + '\\"'
        return '"""' + lead + escaped.replace("\n", eol) + '"""'
    if old.startswith("'") and "'" not in text and "\n" not in text and not _CONTROL.search(text) \
            and "\r" not in text:
        return f"'{text}'"
    return basic(text)
