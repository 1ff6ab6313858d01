"""Change one front-matter field by rewriting only that field's lines.

A YAML or TOML block is treated as text: the lines of the edited key are found and replaced by
the new value written in the style the old one used (quotes, flow or block list, indentation,
trailing comment, date format). Every other byte stays as it was. A key that is new is appended
after the last field, where a person would add it.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import replace
from typing import Any

import yaml

from desktop_app.core import frontmatter as fm

_YAML_KEY = re.compile(r"""^(?P<key>"[^"]*"|'[^']*'|[^\s#:\-\[\]{},&*!|>'"%@`][^:#]*?)\s*:(?=\s|$)""")
_TOML_KEY = re.compile(r"""^(?P<key>[A-Za-z0-9_\-]+|"[^"]*")\s*=""")
_JEKYLL_STYLE = re.compile(r"^\d{4}-\d{2}-\d{2} \d{1,2}:\d{2}(:\d{2})? [+-]\d{4}$")


def set_value(doc: fm.Document, key: str, value: Any) -> fm.Document:
    """A copy of `doc` whose field `key` holds `value`; unchanged when it already does."""
    if doc.format == fm.NONE:
        doc = replace(doc, format=fm.YAML, opening="---" + doc.newline, closing="---" + doc.newline)
    if doc.format == fm.JSON:
        return _set_json(doc, key, value)
    current = _current_values(doc)
    if key in current and _same(current[key], value):
        return doc
    editor = _set_yaml if doc.format == fm.YAML else _set_toml
    return replace(doc, front=editor(doc.front, key, value, doc.newline))


def remove_key(doc: fm.Document, key: str) -> fm.Document:
    """A copy of `doc` without the lines of `key` (unchanged when the key is absent)."""
    if doc.format == fm.JSON:
        return replace(doc, front=_remove_json(doc.front, key))
    lines = doc.front.splitlines(keepends=True)
    top = lines[: _first_table(lines)] if doc.format == fm.TOML else lines
    span = _find_span(top, key, doc.format)
    if span is None:
        return doc
    del lines[span[0] : span[1]]
    return replace(doc, front="".join(lines))


def _current_values(doc: fm.Document) -> dict[str, Any]:
    try:
        return fm.parse(doc)
    except Exception:  # noqa: BLE001 - an unparsable block is edited line by line all the same
        return {}


def _same(old: Any, new: Any) -> bool:
    return type(old) is type(new) and old == new


# --- finding a key's lines ---------------------------------------------------------------------


def _key_name(raw: str) -> str:
    raw = raw.strip()
    if len(raw) >= 2 and raw[0] == raw[-1] and raw[0] in "\"'":
        return raw[1:-1]
    return raw


def _find_span(lines: list[str], key: str, fmt: str) -> tuple[int, int] | None:
    """Index range of the lines that hold top-level `key` and its value."""
    pattern = _YAML_KEY if fmt == fm.YAML else _TOML_KEY
    # Generators read the last of duplicate keys, so that is the one to edit.
    for index in range(len(lines) - 1, -1, -1):
        line = lines[index]
        match = pattern.match(line)
        if not match or _key_name(match.group("key")) != key:
            continue
        end = index + 1
        if fmt == fm.YAML:
            end = _past_open_value(lines, end, line[match.end():])
            last = end
            while end < len(lines):
                text = lines[end]
                if text.strip() == "":
                    end += 1
                    continue
                if text[0] in " \t" or text.startswith("- ") or text.rstrip("\r\n") == "-":
                    end += 1
                    last = end
                    continue
                break
            return index, last
        depth = _bracket_depth(line.split("=", 1)[1])
        while depth > 0 and end < len(lines):
            depth += _bracket_depth(lines[end])
            end += 1
        return index, end
    return None


def _past_open_value(lines: list[str], end: int, value: str) -> int:
    """Skip the lines of a quoted scalar or flow collection that the key's line leaves open."""
    value = value.lstrip()
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


def _bracket_depth(text: str) -> int:
    text = re.sub(r'"(\\.|[^"\\])*"|\'[^\']*\'', "", text)
    return text.count("[") - text.count("]")


# --- YAML ----------------------------------------------------------------------------------------


def _set_yaml(front: str, key: str, value: Any, newline: str) -> str:
    lines = front.splitlines(keepends=True)
    span = _find_span(lines, key, fm.YAML)
    if span is None:
        if lines and not lines[-1].endswith("\n"):
            lines[-1] += newline
        plain = _YAML_KEY.match(f"{key}:")
        key_text = key if plain and plain.end() == len(key) + 1 else double_quote(key)
        return "".join(lines) + _yaml_field(key_text + ":", value, "", [], newline)
    start, end = span
    match = _YAML_KEY.match(lines[start])
    assert match is not None
    key_text = lines[start][: match.end()]
    old_lines = lines[start:end]
    eol = newline if not old_lines[-1].endswith("\n") else _line_end(old_lines[-1])
    new = _yaml_field(key_text, value, lines[start][match.end():], old_lines[1:], eol)
    if not old_lines[-1].endswith("\n") and end == len(lines):
        new = new[: -len(eol)]
    return "".join(lines[:start]) + new + "".join(lines[end:])


def _line_end(line: str) -> str:
    return "\r\n" if line.endswith("\r\n") else "\n"


def _split_comment(rest: str) -> tuple[str, str]:
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


def _yaml_field(key_text: str, value: Any, rest: str, tail: list[str], eol: str) -> str:
    """`key: value` (plus continuation lines) written in the style of the old value."""
    old, comment = _split_comment(rest.rstrip("\r\n"))
    gap = rest[: len(rest) - len(rest.lstrip(" \t"))] if rest.strip() else " "  # `key:   v` stays aligned
    sep = key_text + (gap if not key_text.endswith(" ") else "")
    if isinstance(value, list):
        block_item = next((t for t in tail if t.lstrip().startswith("-")), None)
        if block_item is not None or (not old and value and not tail):
            indent = block_item[: len(block_item) - len(block_item.lstrip())] if block_item else ""
            quote = _quote_style(block_item.lstrip()[1:].strip() if block_item else "")
            items = "".join(f"{indent}- {_yaml_scalar(v, quote)}{eol}" for v in value)
            head = key_text.rstrip() + (comment if comment else "") + eol
            return head + (items if value else "") if value else key_text.rstrip() + " []" + comment + eol
        quote = _quote_style(old[1:].lstrip() if old.startswith("[") else "")
        spaced = old.startswith("[ ")
        inner = ", ".join(_flow_item(v, quote) for v in value)
        flow = f"[ {inner} ]" if spaced and inner else f"[{inner}]"
        return sep + flow + comment + eol
    if isinstance(value, str) and "\n" in value and not _block_unsafe(value):
        indent = "  "
        for line in tail:
            if line.strip():
                indent = line[: len(line) - len(line.lstrip())] or "  "
                break
        chomp = "|" if value.endswith("\n") else "|-"
        body = "".join((indent + line if line else "") + eol for line in value.rstrip("\n").split("\n"))
        return key_text.rstrip() + " " + chomp + comment + eol + body
    return sep + _yaml_scalar(value, _quote_style(old), old) + comment + eol


def _block_unsafe(value: str) -> bool:
    """A `|` block cannot start with a space or keep several final newlines: quote those instead."""
    return value[:1] in (" ", "\t") or value.endswith("\n\n") or "\r" in value


def _quote_style(old: str) -> str:
    return old[0] if old[:1] in ("'", '"') else ""


def _yaml_scalar(value: Any, quote: str = "", old: str = "") -> str:
    if value is None:
        return "" if not old else "null"
    if isinstance(value, bool):
        word = "true" if value else "false"
        return word.capitalize() if old[:1].isupper() else word
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, dt.datetime):
        text = _datetime_text(value, old.strip("'\""))
        return f"{quote}{text}{quote}" if quote else text
    if isinstance(value, dt.date):
        return f"{quote}{value.isoformat()}{quote}" if quote else value.isoformat()
    text = str(value)
    if quote == "'":
        return "'" + text.replace("'", "''") + "'"
    if quote == '"' or not plain_safe(text):
        return double_quote(text)
    return text


def _datetime_text(value: dt.datetime, old: str) -> str:
    """`value` written like the old date-time: Jekyll's `+0530`, a space or a `T`, `Z` for UTC."""
    if _JEKYLL_STYLE.match(old):
        return value.strftime("%Y-%m-%d %H:%M:%S %z").rstrip()
    text = value.isoformat(sep=" " if old[10:11] == " " else "T")
    if old[-1:] in ("Z", "z") and text.endswith("+00:00"):
        text = text[:-6] + "Z"
    return text


def _flow_item(value: Any, quote: str) -> str:
    """An item of a `[a, b]` list: plain text with `,` `[` `]` `{` `}` would split or nest it."""
    text = _yaml_scalar(value, quote)
    if isinstance(value, str) and text == value:
        try:
            safe = yaml.safe_load(f"k: [{text}]") == {"k": [value]}
        except yaml.YAMLError:
            safe = False
        if not safe:
            return double_quote(value)
    return text


def double_quote(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def plain_safe(text: str) -> bool:
    """True when `text` reads back as the same string without quotes."""
    if not text or text != text.strip() or "\n" in text:
        return False
    try:
        return yaml.safe_load(f"k: {text}") == {"k": text}
    except yaml.YAMLError:
        return False


# --- TOML ----------------------------------------------------------------------------------------


def _set_toml(front: str, key: str, value: Any, newline: str) -> str:
    lines = front.splitlines(keepends=True)
    table = _first_table(lines)
    span = _find_span(lines[:table], key, fm.TOML)
    if span is None:
        key_text = key if re.fullmatch(r"[A-Za-z0-9_\-]+", key) else double_quote(key)
        while table and not lines[table - 1].strip():  # after the last field, not after blank lines
            table -= 1
        if table and not lines[table - 1].endswith("\n"):
            lines[table - 1] += newline
        lines.insert(table, f"{key_text} = {_toml_value(value)}{newline}")
        return "".join(lines)
    start, end = span
    first = lines[start]
    key_part = first[: first.index("=") + 1]
    rest = first[len(key_part):].rstrip("\r\n")
    gap = rest[: len(rest) - len(rest.lstrip(" \t"))] or " "
    whole = "".join(lines[start:end])[len(key_part):].strip()
    old, comment = _split_comment(rest) if end == start + 1 else (whole, "")
    eol = _line_end(lines[end - 1]) if lines[end - 1].endswith("\n") else ""
    lines[start:end] = [key_part + gap + _toml_value(value, old) + comment + eol]
    return "".join(lines)


def _first_table(lines: list[str]) -> int:
    """Index of the first `[table]` header: keys after it belong to that table, not the top level."""
    return next((i for i, text in enumerate(lines) if text.lstrip().startswith("[")
                 and not _TOML_KEY.match(text)), len(lines))


def _toml_value(value: Any, old: str = "") -> str:
    """`value` in TOML, keeping the old value's quotes ('literal' or "basic") and date style."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, dt.datetime):
        return _datetime_text(value, old)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        item = old.lstrip("[ \t\r\n")
        return "[" + ", ".join(_toml_value(v, item) for v in value) + "]"
    text = str(value)
    if old.startswith("'") and "'" not in text and "\n" not in text:
        return f"'{text}'"
    return double_quote(text)


# --- JSON ----------------------------------------------------------------------------------------


def _set_json(doc: fm.Document, key: str, value: Any) -> fm.Document:
    """Replace only the value's text (or append the key), as for YAML and TOML."""
    data = json.loads(doc.front)
    if key in data and _same(data[key], value):
        return doc
    text = json.dumps(value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else value,
                      ensure_ascii=False)
    front, spans = doc.front, _json_spans(doc.front)
    if key in spans:
        _, start, end = spans[key]
        return replace(doc, front=front[:start] + text + front[end:])
    match = re.search(r"\n([ \t]+)\"", front)
    indent = match.group(1) if match else "  "
    after = max((end for _, _, end in spans.values()), default=front.index("{") + 1)
    close = front.rindex("}")
    entry = f"{json.dumps(key, ensure_ascii=False)}: {text}"
    if "\n" not in front[:close]:  # a one-line object stays on one line
        return replace(doc, front=front[:after] + (", " if spans else "") + entry + front[after:])
    tail = front[after:close] if front[after:close].strip() == "" else ""
    entry = ("," if spans else "") + doc.newline + indent + entry
    return replace(doc, front=front[:after] + entry + (tail or doc.newline) + front[close:])


def _remove_json(front: str, key: str) -> str:
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


def _json_spans(front: str) -> dict[str, tuple[int, int, int]]:
    """Top-level key → (key start, value start, value end) offsets in the JSON text."""
    decoder, space = json.JSONDecoder(), re.compile(r"\s*")
    position = space.match(front, front.index("{") + 1).end()
    spans: dict[str, tuple[int, int, int]] = {}
    while front[position] == '"':
        key, after_key = json.decoder.scanstring(front, position + 1)
        value_start = space.match(front, space.match(front, after_key).end() + 1).end()  # past ':'
        _, value_end = decoder.raw_decode(front, value_start)
        spans[key] = (position, value_start, value_end)  # a duplicate key: the last one counts
        position = space.match(front, value_end).end()
        if front[position] == ",":
            position = space.match(front, position + 1).end()
    return spans
