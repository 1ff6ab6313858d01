"""Find and rewrite the lines of one YAML key, at the top level or inside a nested block.

A nested block mapping (`params:` followed by indented keys) is edited like the top level, one
indentation deeper: only the nested keys whose values changed are rewritten, new nested keys
go after the last one, removed ones lose their lines. Every other line, comments included,
keeps its bytes. Values that were not a block mapping are written anew in block style.
"""

from __future__ import annotations

from typing import Any

from desktop_app.core.frontmatter import parse as fm
from desktop_app.core.frontmatter import yaml_write as w
from desktop_app.core.frontmatter.style import MISSING, line_end, same, split_comment


def set_yaml(front: str, key: str, value: Any, old: Any, newline: str) -> str:
    """`front` with top-level `key` set to `value`; `old` is its current value or MISSING."""
    lines = fm.file_lines(front)
    return "".join(set_key(lines, key, value, old, newline, indent_unit(lines)))


def remove_yaml(front: str, key: str) -> str:
    return "".join(remove(fm.file_lines(front), key))


def find_span(lines: list[str], key: Any, indent: str = "") -> tuple[int, int] | None:
    """Index range of the lines that hold `key` (written at exactly `indent`) and its value.

    Generators read the last of duplicate keys, so that is the one found."""
    name = key if isinstance(key, str) else w.key_text(key)
    for index in range(len(lines) - 1, -1, -1):
        line = lines[index]
        if not line.startswith(indent):
            continue
        match = w.KEY.match(line[len(indent):])
        if not match or w.key_name(match.group("key")) != name:
            continue
        end = _past_open_value(lines, index + 1, line[len(indent) + match.end():])
        last = end
        while end < len(lines):
            text = lines[end]
            if not text.strip(" \t\r\n") or text.lstrip(" \t").startswith("#"):
                end += 1  # blank lines and comments belong to the value only if more follows
                continue
            inner = text[len(indent):] if text.startswith(indent) else ""
            if inner[:1] in (" ", "\t") or inner.startswith("- ") or inner.rstrip("\r\n") == "-":
                end += 1
                last = end
                continue
            break
        return index, last
    return None


def remove(lines: list[str], key: Any, indent: str = "") -> list[str]:
    """`lines` without `key` (every occurrence: an earlier duplicate would come back)."""
    while (span := find_span(lines, key, indent)) is not None:
        lines = lines[: span[0]] + lines[span[1]:]
    return lines


def indent_unit(lines: list[str]) -> str:
    """The file's indentation step: how far the first nested mapping is indented ("  " if none)."""
    for index, line in enumerate(lines[:-1]):
        match = w.KEY.match(line.lstrip(" "))
        if not match or split_comment(line.lstrip(" ")[match.end():])[0]:
            continue
        following = next((t for t in lines[index + 1:] if t.strip(" \t\r\n") and not t.lstrip(" \t").startswith("#")), "")
        outer, inner = _indent(line), _indent(following)
        if len(inner) > len(outer) and w.KEY.match(following.lstrip(" ")):
            return " " * (len(inner) - len(outer))
    return "  "


def set_key(lines: list[str], key: Any, value: Any, old: Any, eol: str, unit: str,
            indent: str = "") -> list[str]:
    """`lines` with `key` (at `indent`) set to `value`; `old` is what it held, or MISSING."""
    span = find_span(lines, key, indent)
    if span is None:
        lines = list(lines)
        if lines and not lines[-1].endswith("\n"):
            lines[-1] += eol
        return lines + _indented(w.field(w.key_text(key) + ":", value, "", [], eol, unit), indent)
    start, end = span
    line = lines[start]
    match = w.KEY.match(line[len(indent):])
    assert match is not None
    key_part = line[len(indent): len(indent) + match.end()]
    rest = line[len(indent) + match.end():]
    tail = lines[start + 1 : end]
    child = _block_mapping_indent(rest, tail, indent)
    if isinstance(value, dict) and value and isinstance(old, dict) and child is not None:
        return lines[: start + 1] + _edit_mapping(tail, old, value, eol, unit, child) + lines[end:]
    if isinstance(value, list) and w.is_nested(value) and isinstance(old, list):
        kept = _edit_sequence(rest, tail, old, value, eol, unit)
        if kept is not None:
            return lines[: start + 1] + kept + lines[end:]
    old_last = lines[end - 1]
    own_eol = line_end(old_last) if old_last.endswith("\n") else eol
    dedented = [t[len(indent):] if t.startswith(indent) else t for t in tail]
    new = _indented(w.field(key_part, value, rest, dedented, own_eol, unit), indent)
    if not old_last.endswith("\n") and end == len(lines):
        new[-1] = new[-1][: -len(own_eol)]
    return lines[:start] + new + lines[end:]


def _edit_mapping(tail: list[str], old: dict[Any, Any], value: dict[Any, Any], eol: str, unit: str,
                  child: str) -> list[str]:
    """The nested block's lines with only the changed nested keys rewritten (recursively)."""
    for key in old:
        if key not in value:
            tail = remove(tail, key, child)
    for key, item in value.items():
        before = old.get(key, MISSING)
        if before is MISSING or not same(before, item):
            tail = set_key(tail, key, item, before, eol, unit, child)
    return tail


def _edit_sequence(rest: str, tail: list[str], old: list[Any], value: list[Any], eol: str,
                   unit: str) -> list[str] | None:
    """A block list of mappings rewritten item by item: unchanged items keep their bytes.

    None when the old value is not a block list with one `- ` item per old value."""
    if split_comment(rest.rstrip("\r\n"))[0]:
        return None
    first = next((t for t in tail if t.strip(" \t\r\n") and not t.lstrip(" \t").startswith("#")), None)
    if first is None or not first.lstrip(" \t").startswith("-"):
        return None
    indent = _indent(first)
    starts = [i for i, t in enumerate(tail) if t.startswith(indent + "-") and t[len(indent) + 1:][:1] in (" ", "\r", "\n", "")]
    if len(starts) != len(old):
        return None
    chunks = [tail[a:b] for a, b in zip(starts, [*starts[1:], len(tail)])]
    lines = tail[: starts[0]]
    for index, item in enumerate(value):
        if index < len(old) and same(old[index], item):
            lines += chunks[index]
        else:
            lines += [indent + text for text in w.sequence_item(item, eol, unit)]
    return lines


def _block_mapping_indent(rest: str, tail: list[str], indent: str) -> str | None:
    """The indentation of the nested keys when the value is a block mapping, else None."""
    written = split_comment(rest.rstrip("\r\n"))[0]
    if written and not all(part[:1] in ("&", "!") for part in written.split()):
        return None  # a value on the key line (an anchor or a tag alone still opens a block)
    first = next((t for t in tail if t.strip(" \t\r\n") and not t.lstrip(" \t").startswith("#")), None)
    if first is None or not first.startswith(indent) or first.lstrip(" \t").startswith("-"):
        return None
    child = _indent(first)
    return child if len(child) > len(indent) and w.KEY.match(first[len(child):]) else None


def _indent(line: str) -> str:
    return line[: len(line) - len(line.lstrip(" \t"))]


def _indented(text: str, indent: str) -> list[str]:
    lines = fm.file_lines(text)
    return [indent + line if line.strip(" \t\r\n") else line for line in lines] if indent else lines


def _past_open_value(lines: list[str], end: int, value: str) -> int:
    """Skip the lines of a quoted scalar or flow collection that the key's line leaves open."""
    value = value.lstrip(" \t")
    if not value or value[0] not in "'\"[{":
        return end
    quote, depth, text, position = "", 0, value, 0
    while True:
        while position < len(text):
            char = text[position]
            if quote == '"' and char == "\\":
                position += 1
            elif quote and char == quote:
                if quote == "'" and text[position + 1 : position + 2] == "'":
                    position += 1
                else:
                    quote = ""
            elif not quote and char in "'\"":
                quote = char
            elif not quote and char in "[{":
                depth += 1
            elif not quote and char in "]}":
                depth -= 1
            elif not quote and char == "#" and text[position - 1 : position] in (" ", "\t"):
                break
            position += 1
        if (not quote and depth <= 0) or end >= len(lines):
            return end
        text, position = lines[end], 0
        end += 1
