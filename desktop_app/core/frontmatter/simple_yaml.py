"""Front matter of the simplest shape read without libyaml: `key: value` lines, lists, nested maps.

Most posts' front matter is a column of `key: value` lines with plain or quoted one-line values,
an empty list `[]`, a list of such items, or a map of such lines indented below its key. The
preview reads it at every render, and libyaml's node tree (a Python object and two marks per node)
cost more than the values. `values` reads exactly that shape, each plain value typed by the
loader's own resolvers and constructors (so `2024-01-02` is a date, `yes` True and `1.0` a float
as before), comments (`# …` lines, and ` # …` after a value), quoted items in flow lists
(`['a [b]', "c"]`, Hugo's function pages) and plain values folded over deeper lines (GitHub's
topics) included, and gives up (`DECLINED`) on anything else: other indentation, anchors, tags,
escapes, keys that repeat or are not strings, characters YAML treats specially. The caller then
reads the text with PyYAML as before, which also says what is wrong with a broken block.
"""

from __future__ import annotations

import re
from typing import Any, Callable

import yaml

DECLINED = object()
_STR = "tag:yaml.org,2002:str"
# A whole line of a front matter without indentation: a key, and its value (and the spaces after it).
_FLAT_LINE = re.compile(r"^([A-Za-z_][A-Za-z0-9_-]{0,127}):(?:[ ]+(.*))?$", re.MULTILINE)
# A key libyaml reads as a key (it looks for the `:` within 1,024 characters), then its value.
_KEY_LINE = re.compile(r"([A-Za-z_][A-Za-z0-9_-]{0,127}):(?:[ ]+(.*))?")
_ITEM_LINE = re.compile(r"( *)-[ ]+(.*)")
# A plain scalar: no indicator first (flow collection, quote, anchor, tag, alias, comment, block
# scalar …); `: ` and ` #` are looked for apart. In a flow list, no `,`, `:`, `#` or brackets.
_PLAIN = re.compile(r"[^-?:,\[\]{}#&*!|>'\"%@` ].*")
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")  # characters that may not start a plain value
_NOT_PLAIN_FIRST = _INDICATORS | {" "}  # `_PLAIN`'s first character (on one line, all it checks)
# A flow list's item (single-quoted, double-quoted without escapes, or plain) and what ends it.
_FLOW_ENTRY = re.compile(r" *(?:'([^']*)'|\"([^\"\\]*)\"|([^-?:,\[\]{}#&*!|>'\"%@` ][^\[\]{},:#'\"]*?)) *([,\]])")
_KEY_TAGS: dict[str, str] = {}  # the tag each key resolves to (keys repeat from post to post)


class _Declined(Exception):
    """A shape or a value left to PyYAML."""


def values(front: str, resolve: Callable[[str], str], construct: Callable[[str, str], Any]) -> Any:
    """The dict PyYAML's loader reads from `front`, or DECLINED. `resolve(plain)` is the tag the
    loader gives a plain scalar, `construct(tag, plain)` its value (both the loader's own)."""
    if not front.replace("\n", " ").isprintable():
        # Tabs, carriage returns, control and format characters, YAML's other line breaks
        # (U+0085, U+2028, U+2029), a BOM, no-break and other unusual spaces, unassigned code points.
        return DECLINED
    if "\n " not in front and "\n-" not in front and not front.startswith((" ", "-")):
        # Nothing indented and no list: one `key: value` a line, read by one regex (most posts).
        pairs = _FLAT_LINE.findall(front)
        if len(pairs) == front.count("\n") + (not front.endswith("\n")):
            try:
                return _flat(pairs, resolve, construct)
            except (_Declined, yaml.YAMLError, ValueError, TypeError, KeyError, OverflowError):
                return DECLINED
    lines = front.split("\n")
    if "#" in front:  # a comment line is as blank to YAML as an empty one, whatever its indentation
        lines = ["" if line.lstrip(" ")[:1] == "#" else line for line in lines]
    try:
        return _mapping(lines, resolve, construct)
    except (_Declined, yaml.YAMLError, ValueError, TypeError, KeyError, OverflowError):
        return DECLINED


def _mapping(lines: list[str], resolve: Callable[[str], str], construct: Callable[[str, str], Any]) -> dict[str, Any]:
    mapping, index = _block(lines, 0, 0, resolve, construct)
    if index < len(lines) or not mapping:
        raise _Declined
    return mapping


def _flat(pairs: list[tuple[str, str]], resolve: Callable[[str], str],
          construct: Callable[[str, str], Any]) -> dict[str, Any]:
    """The map of (key, value text) pairs, each line of the front matter one (`_block` without
    indentation)."""
    mapping: dict[str, Any] = {}
    known = _KEY_TAGS.get
    for key, value in pairs:
        if key in mapping or (known(key) or _key_tag(key, resolve)) != _STR:
            raise _Declined  # repeated (PyYAML's path reports it) or a key such as `on` or `null`
        raw = value.rstrip(" ")
        text = _uncomment(raw) if "#" in raw else raw
        if not text:
            mapping[key] = None
        elif text[0] in _NOT_PLAIN_FIRST:  # a flow list, a quoted string, or declined
            mapping[key] = _value(text, resolve, construct)
        elif ": " in text or " #" in text or text[-1] == ":":
            raise _Declined
        else:  # `_plain`, without two calls for each of a scan's values (`_PLAIN` holds: one line)
            tag = resolve(text)
            mapping[key] = text if tag == _STR else construct(tag, text)
    return mapping


def _key_tag(key: str, resolve: Callable[[str], str]) -> str:
    """The tag `key` resolves to (keys repeat from post to post: kept for the first few thousand)."""
    tag = _KEY_TAGS.get(key)
    if tag is None:
        tag = resolve(key)
        if len(_KEY_TAGS) < 4096:
            _KEY_TAGS[key] = tag
    return tag


def _block(lines: list[str], index: int, indent: int, resolve: Callable[[str], str],
           construct: Callable[[str, str], Any]) -> tuple[dict[str, Any], int]:
    """The map whose keys start at column `indent` from line `index`, and the line after it."""
    mapping: dict[str, Any] = {}
    count = len(lines)
    known = _KEY_TAGS.get
    while index < count:
        line = lines[index]
        if not line.strip(" "):
            index += 1
            continue
        depth = len(line) - len(line.lstrip(" "))
        if depth < indent and mapping:
            break  # the enclosing map goes on
        found = _KEY_LINE.fullmatch(line, depth) if depth == indent else None
        if found is None:
            raise _Declined
        index += 1
        key, raw = found.group(1), (found.group(2) or "").rstrip(" ")
        text = _uncomment(raw) if "#" in raw else raw
        if key in mapping or (known(key) or _key_tag(key, resolve)) != _STR:
            raise _Declined  # repeated (PyYAML's path reports it) or a key such as `on` or `null`
        if text:
            if index < count and lines[index][indent:indent + 1] in (" ", ""):  # maybe a value's next lines
                text, index = _continued(lines, index, indent, raw, text)
            if text[0] in _NOT_PLAIN_FIRST:  # a flow list, a quoted string, or declined
                mapping[key] = _value(text, resolve, construct)
            elif ": " in text or " #" in text or text[-1] == ":":
                raise _Declined
            else:  # `_plain`, as in `_flat`
                tag = resolve(text)
                mapping[key] = text if tag == _STR else construct(tag, text)
            continue
        following = index
        while following < count and not lines[following].strip(" "):
            following += 1
        if following == count:
            mapping[key], index = None, following
            break
        next_line = lines[following]
        next_depth = len(next_line) - len(next_line.lstrip(" "))
        if _ITEM_LINE.fullmatch(next_line) and next_depth >= indent:
            mapping[key], index = _items(lines, following, next_depth, resolve, construct)
        elif next_depth > indent:
            if next_depth > 64:
                raise _Declined
            mapping[key], index = _block(lines, following, next_depth, resolve, construct)
        else:
            mapping[key] = None
    return mapping, index


def _continued(lines: list[str], index: int, indent: int, raw: str, text: str) -> tuple[str, int]:
    """A plain value that goes on over the following, deeper lines (`summary: a long\n  sentence`),
    folded into one line as YAML does, and the line after it; `text` as it is when none follows."""
    parts = [text]
    count = len(lines)
    while index < count:
        line = lines[index]
        part = line.strip(" ")
        if not part:  # blank or a comment: the value ends there, unless more of it follows
            ahead = index
            while ahead < count and not lines[ahead].strip(" "):
                ahead += 1
            if ahead < count and len(lines[ahead]) - len(lines[ahead].lstrip(" ")) > indent:
                raise _Declined
            break
        if len(line) - len(line.lstrip(" ")) <= indent:
            break
        if part[0] in _INDICATORS or ": " in part or " #" in part or part[-1] == ":":
            raise _Declined
        parts.append(part)
        index += 1
    if len(parts) > 1 and (raw != text or text[0] in _INDICATORS):
        raise _Declined  # a comment, a quoted value or a flow list before the next lines
    return " ".join(parts), index


def _items(lines: list[str], index: int, indent: int, resolve: Callable[[str], str],
           construct: Callable[[str, str], Any]) -> tuple[list[Any], int]:
    """The list whose `- ` items start at column `indent` from line `index`, and the line after it."""
    items: list[Any] = []
    count = len(lines)
    while index < count:
        item = _ITEM_LINE.fullmatch(lines[index])
        if item is None:
            if lines[index].strip(" "):
                break
            index += 1
            continue
        if len(item.group(1)) != indent:
            raise _Declined
        text = item.group(2).rstrip(" ")
        items.append(_scalar(_uncomment(text) if "#" in text else text, resolve, construct))
        index += 1
    if index < count and len(lines[index]) - len(lines[index].lstrip(" ")) > indent:
        raise _Declined  # an item's continuation, or a map inside an item
    return items, index


def _uncomment(text: str) -> str:
    """`text` (a value, without spaces around it) without a trailing comment (` # …`), or ""
    when it is one. A flow list is left whole (`_flow` reads to its closing bracket), and so is
    anything that is not one quoted string and a comment (`_scalar` declines it)."""
    if text[:1] == "#":
        return ""
    at = text.find(" #")
    if at < 0:
        return text
    first = text[0]
    if first == "'" or first == '"':
        close = text.find(first, 1)
        rest = text[close + 1:] if close > 0 else "x"
        return text[:close + 1] if not rest or (rest[0] == " " and rest.lstrip(" ")[:1] == "#") else text
    return text if first == "[" else text[:at].rstrip(" ")


def _value(text: str, resolve: Callable[[str], str], construct: Callable[[str, str], Any]) -> Any:
    if text[0] == "[":
        return _flow(text, resolve, construct)
    return _scalar(text, resolve, construct)


def _flow(text: str, resolve: Callable[[str], str], construct: Callable[[str, str], Any]) -> list[Any]:
    """A one-line flow list (`[a, 'b c', "d"]`), maybe followed by a comment."""
    items: list[Any] = []
    at = 1
    if text[1:].lstrip(" ")[:1] == "]":
        at = text.index("]") + 1
    else:
        while True:
            entry = _FLOW_ENTRY.match(text, at)
            if entry is None:
                raise _Declined
            single, double, plain, end = entry.groups()
            items.append(single if single is not None else double if double is not None
                         else _plain(plain, resolve, construct))
            at = entry.end()
            if end == "]":
                break
    rest = text[at:]
    if rest and not (rest[0] == " " and rest.lstrip(" ")[:1] == "#"):
        raise _Declined
    return items


def _scalar(text: str, resolve: Callable[[str], str], construct: Callable[[str, str], Any]) -> Any:
    first = text[:1]
    if first == '"':
        if len(text) >= 2 and text[-1] == '"' and '"' not in text[1:-1] and "\\" not in text:
            return text[1:-1]
        raise _Declined
    if first == "'":
        if len(text) >= 2 and text[-1] == "'" and "'" not in text[1:-1]:
            return text[1:-1]
        raise _Declined
    if not _PLAIN.fullmatch(text) or ": " in text or " #" in text or text[-1] == ":":
        raise _Declined
    return _plain(text, resolve, construct)


def _plain(text: str, resolve: Callable[[str], str], construct: Callable[[str, str], Any]) -> Any:
    tag = resolve(text)
    return text if tag == _STR else construct(tag, text)
