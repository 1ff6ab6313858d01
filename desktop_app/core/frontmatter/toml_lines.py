"""Which lines of a TOML block hold which statement: keys, `[table]` and `[[array]]` headers.

A value may span lines (a multi-line array, a `\"\"\"` or `'''` string); editing one field means
knowing exactly where it ends, and a `[` at the start of a line inside a string is not a table
header. This is a scanner, not a parser: it never raises, and it is only as strict as it needs
to be to cut a well-formed block into statements (tomllib still decides what is valid).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

KEY, TABLE, ARRAY = "key", "table", "array"
_BARE = re.compile(r"[A-Za-z0-9_\-]+")
_SPACE = re.compile(r"[ \t]*")


@dataclass(frozen=True)
class Statement:
    """One key/value pair or table header: its line range and the dotted name it declares."""

    kind: str  # KEY | TABLE | ARRAY
    start: int  # index of its first line
    end: int  # index after its last line
    path: tuple[str, ...]  # the key's parts (`a.b = 1` → ('a', 'b')) or the header's name
    value_start: int = 0  # KEY only: where the value begins on the first line (after `= `)


def scan(lines: list[str]) -> list[Statement]:
    """The statements of `lines` in order; blank, comment and unreadable lines are skipped."""
    statements: list[Statement] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        text = line.lstrip(" \t")
        if not text.strip(" \t\r\n") or text.startswith("#"):
            index += 1
            continue
        if text.startswith("["):
            array = text.startswith("[[")
            path, _ = read_key(text, 2 if array else 1)
            if path:
                statements.append(Statement(ARRAY if array else TABLE, index, index + 1, path))
            index += 1
            continue
        path, position = read_key(line, len(line) - len(text))
        position = _SPACE.match(line, position).end()
        if not path or line[position : position + 1] != "=":
            index += 1
            continue
        value_start = _SPACE.match(line, position + 1).end()
        end = value_end(lines, index, value_start)
        statements.append(Statement(KEY, index, end, path, value_start))
        index = end
    return statements


def read_key(text: str, position: int) -> tuple[tuple[str, ...], int]:
    """A dotted key starting at `position`: its parts and the offset after it (() if none)."""
    parts: list[str] = []
    while True:
        position = _SPACE.match(text, position).end()
        char = text[position : position + 1]
        if char == '"':
            end = _basic_end(text, position + 1)
            raw = text[position:end]
            try:
                parts.append(json.loads(raw))
            except ValueError:  # a TOML-only escape such as \U0001F600; the name is still useful
                parts.append(raw[1:-1])
        elif char == "'":
            end = text.find("'", position + 1)
            end = len(text) if end < 0 else end + 1
            parts.append(text[position + 1 : end - 1])
        else:
            match = _BARE.match(text, position)
            if not match:
                return (), position
            parts.append(match.group())
            end = match.end()
        position = _SPACE.match(text, end).end()
        if text[position : position + 1] != ".":
            return tuple(parts), position
        position += 1


def value_end(lines: list[str], index: int, position: int) -> int:
    """Index after the last line of the value that starts at `lines[index][position]`."""
    return value_extent(lines, index, position)[0]


def value_extent(lines: list[str], index: int, position: int) -> tuple[int, int]:
    """Where the value that starts at `lines[index][position]` ends: the index after its last
    line, and the offset on that line just past its last character (before a comment).

    Tracks brackets and braces (arrays, inline tables) and all four kinds of string, so a
    multi-line string or array is one value, and `#` or `]` inside a string is just text.
    """
    depth, multi, text, stop = 0, "", lines[index], position
    while True:
        while position < len(text):
            if multi:
                if multi == '"""' and text[position] == "\\":
                    position += 2
                elif text.startswith(multi, position):
                    run = len(text[position:]) - len(text[position:].lstrip(multi[0]))
                    position += min(run, 5)  # up to two quotes before the closing three are text
                    multi = ""
                else:
                    position += 1
                stop = position
                continue
            char = text[position]
            if text.startswith('"""', position) or text.startswith("'''", position):
                multi = text[position : position + 3]
                position += 3
            elif char == '"':
                position = _basic_end(text, position + 1)
            elif char == "'":
                close = text.find("'", position + 1)
                position = len(text) if close < 0 else close + 1
            elif char == "#":
                break
            else:
                depth += char in "[{"
                depth -= char in "]}"
                position += 1
                if char in " \t\r\n":
                    continue
            stop = position
        index += 1
        if (not multi and depth <= 0) or index >= len(lines):
            return index, min(stop, len(lines[index - 1].rstrip("\r\n")))
        text, position, stop = lines[index], 0, 0


def _basic_end(text: str, position: int) -> int:
    """Offset after the `"` that closes a basic string whose content starts at `position`."""
    while position < len(text):
        if text[position] == "\\":
            position += 2
            continue
        if text[position] == '"':
            return position + 1
        if text[position] in "\r\n":
            return position
        position += 1
    return len(text)


def first_header(statements: list[Statement], default: int) -> int:
    """Line index of the first `[table]` or `[[array]]` header (`default` when there is none)."""
    return next((s.start for s in statements if s.kind != KEY), default)


def section_end(statements: list[Statement], header: Statement, default: int) -> int:
    """Index after the last line that belongs to the table opened by `header`."""
    return next((s.start for s in statements if s.kind != KEY and s.start > header.start), default)


@dataclass(frozen=True)
class Redefinition:
    """A key or table that the block defines twice (line indexes into the scanned lines)."""

    path: tuple[str, ...]
    index: int  # the later definition
    first: int  # the earlier one
    column: int  # 0-based offset of the later definition's name on its line


def redefinitions(lines: list[str]) -> list[Redefinition]:
    """Keys (within one table) and `[tables]` defined twice, which TOML forbids.

    Each `[[array]]` header opens a new element, so its keys and sub-tables are new names."""
    seen: dict[tuple[str, ...], int] = {}
    found: list[Redefinition] = []
    table: tuple[str, ...] = ()
    arrays: dict[tuple[str, ...], int] = {}
    for statement in scan(lines):
        line = lines[statement.start]
        column = len(line) - len(line.lstrip(" \t"))
        if statement.kind == KEY:
            path = (*table, *statement.path)
        else:
            path = _in_element(statement.path, arrays)
            if statement.kind == ARRAY:
                arrays[statement.path] = arrays.get(statement.path, 0) + 1
                table = (*path, f"\0{arrays[statement.path]}")
                continue
            table = path
        if path in seen:
            name = tuple(part for part in path if not part.startswith("\0"))
            found.append(Redefinition(name, statement.start, seen[path], column))
        else:
            seen[path] = statement.start
    return found


def _in_element(path: tuple[str, ...], arrays: dict[tuple[str, ...], int]) -> tuple[str, ...]:
    """`path` with the current element of every enclosing `[[array]]` spelled out."""
    result: list[str] = []
    for size in range(1, len(path) + 1):
        result.append(path[size - 1])
        if size < len(path) and path[:size] in arrays:
            result.append(f"\0{arrays[path[:size]]}")
    return tuple(result)
