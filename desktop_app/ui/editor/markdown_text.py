"""What the editor's Markdown keys do to the text, as pure functions of lines (no Qt here).

Enter continues or ends a list or quote, Tab and Shift+Tab move list items a level, the
formatting keys wrap or unwrap `**`, `*`, `` ` `` and links, and a table's pipes line up again.
`markdown_keys` applies the answers to the editor; keeping the decisions here lets every case be
tested on plain strings. Indices are Python string indices (code points).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Sequence

INDENT = "    "  # one nesting level: four spaces nest in CommonMark and in Python-Markdown alike
_QUOTE = re.compile(r"[ ]{0,3}>[ ]?")
_ITEM = re.compile(r"(?P<indent>[ \t]*)(?P<marker>[-*+]|(?P<number>\d{1,9})[.)])"
                   r"(?P<space>[ \t]+)(?P<task>\[[ xX]\](?:[ \t]+|$))?")
_RULE = re.compile(r"[ ]{0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$")


@dataclass(frozen=True)
class LinePrefix:
    """The Markdown that opens a line: quote markers, then maybe a list item's marker."""

    quote: str  # "> > " …
    indent: str  # the item's indentation (after the quotes)
    marker: str  # "-", "*", "+", "3." or "3)"; "" when the line is no list item
    number: int | None
    space: str  # between the marker and the content
    task: str  # "[ ] " or "[x] " or ""

    @property
    def content_start(self) -> int:
        return len(self.quote) + len(self.indent) + len(self.marker) + len(self.space) + len(self.task)

    @property
    def is_item(self) -> bool:
        return bool(self.marker)


def line_prefix(line: str) -> LinePrefix:
    """Read the quote and list markers at the start of `line` (a thematic break is no item)."""
    quote_end = 0
    while (m := _QUOTE.match(line, quote_end)) is not None:
        quote_end = m.end()
    quote = line[:quote_end]
    m = _ITEM.match(line, quote_end)
    if m is None or _RULE.match(line, quote_end):
        return LinePrefix(quote, "", "", None, "", "")
    number = int(m.group("number")) if m.group("number") else None
    return LinePrefix(quote, m.group("indent"), m.group("marker"), number, m.group("space"), m.group("task") or "")


def _next_marker(prefix: LinePrefix, number: int | None = None) -> str:
    if prefix.number is None:
        return prefix.marker
    return f"{(prefix.number + 1) if number is None else number}{prefix.marker[-1]}"


def _item_text(prefix: LinePrefix, indent: str, marker: str) -> str:
    task = "[ ] " if prefix.task else ""
    return prefix.quote + indent + marker + (prefix.space or " ") + task


@dataclass(frozen=True)
class LineChange:
    """Replace the current line with `text` (which may hold new lines); the caret goes to
    `caret`, an index into `text`."""

    text: str
    caret: int


def _indent_width(indent: str) -> int:
    return len(indent.expandtabs(4))


def _leading_width(text: str) -> int:
    """How far `text` is indented, a tab counting as four columns."""
    return _indent_width(text[:len(text) - len(text.lstrip(" \t"))])


def _one_level_out(indent: str) -> str:
    if indent.endswith("\t"):
        return indent[:-1]
    return indent[:-len(INDENT)] if indent.endswith(INDENT) else indent[:max(0, len(indent) - len(INDENT))]


def _parent(before: Sequence[str], prefix: LinePrefix) -> LinePrefix | None:
    """The item a nested item belongs to: the nearest item above, in the same quote, indented less."""
    width = _indent_width(prefix.indent)
    for line in reversed(before[-400:]):
        if not line.strip():
            continue
        other = line_prefix(line)
        if other.quote != prefix.quote:
            return None
        if other.is_item and _indent_width(other.indent) < width:
            return other
        if not other.is_item and _leading_width(line[len(other.quote):]) == 0:
            return None  # a paragraph at the margin: the list ended above it
    return None


def _sibling(before: Sequence[str], prefix: LinePrefix, indent: str) -> LinePrefix | None:
    """The previous item at `indent` in the same list, if any (for numbering a moved item)."""
    width = _indent_width(indent)
    for line in reversed(before[-400:]):
        if not line.strip():
            continue
        other = line_prefix(line)
        if other.quote != prefix.quote:
            return None
        if other.is_item:
            other_width = _indent_width(other.indent)
            if other_width == width:
                return other
            if other_width < width:
                return None  # the parent: the item is its first child
        elif _leading_width(line[len(other.quote):]) < width:
            return None
    return None


def enter(before: Sequence[str], line: str, column: int) -> LineChange | None:
    """Enter at `column` of `line` (the lines above are `before`): None for a plain new line.

    In a list item or a quote, the new line starts with the same marker (the next number, an
    unchecked task). On an empty item a nested list moves out one level, and an outer one
    ends: the marker goes and a blank line separates the list from what comes next (without
    it a paragraph typed there would belong to the last item).
    """
    prefix = line_prefix(line)
    if not prefix.is_item and not prefix.quote:
        return None
    start = prefix.content_start
    if column < start:
        return None
    if not line[start:].strip():
        if prefix.is_item and prefix.indent:
            parent = _parent(before, prefix)
            indent = _one_level_out(prefix.indent)
            if parent is not None and _indent_width(indent) <= _indent_width(parent.indent):
                indent = parent.indent
                marker = _next_marker(parent)
                moved = parent
            else:
                sibling = _sibling(before, prefix, indent)
                marker = _next_marker(sibling) if sibling is not None and prefix.number is not None \
                    and sibling.number is not None else prefix.marker
                moved = prefix
            text = _item_text(moved, indent, marker)
            return LineChange(text, len(text))
        # The outermost empty item (or an empty quote line) ends the list, or one quote level.
        quote = prefix.quote
        if not prefix.is_item and quote:
            levels = [m.end() for m in re.finditer(r"[ ]{0,3}>[ ]?", quote)]
            quote = quote[:levels[-2]] if len(levels) > 1 else ""
        return LineChange(quote.rstrip() + "\n" + quote, len(quote.rstrip()) + 1 + len(quote))
    head, tail = line[:column], line[column:].lstrip(" \t")
    if prefix.is_item:
        new = _item_text(prefix, prefix.indent, _next_marker(prefix))
    else:
        new = prefix.quote
    text = head.rstrip(" \t") + "\n" + new + tail if tail else head + "\n" + new
    return LineChange(text, len(text) - len(tail))


def indent_item(before: Sequence[str], line: str) -> str | None:
    """Tab on a list item: one level deeper (a numbered item renumbered in its new list)."""
    prefix = line_prefix(line)
    if not prefix.is_item:
        return None
    indent = prefix.indent + INDENT
    return _renumbered(before, line, prefix, indent)


def outdent_item(before: Sequence[str], line: str) -> str | None:
    """Shift+Tab on a list item: one level out; None for an item at the margin."""
    prefix = line_prefix(line)
    if not prefix.is_item or not prefix.indent:
        return None
    return _renumbered(before, line, prefix, _one_level_out(prefix.indent))


def _renumbered(before: Sequence[str], line: str, prefix: LinePrefix, indent: str) -> str:
    marker = prefix.marker
    if prefix.number is not None:
        sibling = _sibling(before, prefix, indent)
        marker = _next_marker(sibling) if sibling is not None and sibling.number is not None \
            else f"1{prefix.marker[-1]}"
    rest = line[len(prefix.quote) + len(prefix.indent) + len(prefix.marker):]
    return prefix.quote + indent + marker + rest


def outdent_line(line: str) -> str:
    """Shift+Tab on any other line: up to one level of leading spaces (or a tab) goes."""
    if line.startswith("\t"):
        return line[1:]
    spaces = len(line) - len(line.lstrip(" "))
    return line[min(spaces, len(INDENT)):]


# --- formatting keys ---------------------------------------------------------------------------

_WORD = re.compile(r"[\w'’-]+")


@dataclass(frozen=True)
class Wrapped:
    """The result of a formatting key over `text[start:end]`: that range becomes `replacement`,
    and the selection runs from `select_start` to `select_end` within it."""

    start: int
    end: int
    replacement: str
    select_start: int
    select_end: int


def word_at(line: str, column: int) -> tuple[int, int] | None:
    """The word around `column` (touching it on either side), or None between words."""
    for m in _WORD.finditer(line):
        if m.start() <= column <= m.end() and m.group().strip("'’-"):
            return m.start(), m.end()
    return None


def _run(text: str, index: int, step: int, char: str) -> int:
    count = 0
    while 0 <= index < len(text) and text[index] == char:
        count += 1
        index += step
    return count


def toggle_emphasis(text: str, start: int, end: int, marker: str) -> Wrapped:
    """`**` (bold) or `*` (italic) around `text[start:end]`, or off again if already there.

    Bold inside italic (`***x***`) counts as both, so each key takes off only its own stars.
    An empty range inserts the pair with the caret between (or removes an empty pair).
    """
    char, size = marker[0], len(marker)
    selected = text[start:end]
    inner_before, inner_after = _run(selected, 0, 1, char), _run(selected, len(selected) - 1, -1, char)
    if selected and inner_before == len(selected):
        inner_before = inner_after = 0  # a selection of stars only is text, not emphasis
    outer_before, outer_after = _run(text, start - 1, -1, char), _run(text, end, 1, char)

    def has(before: int, after: int) -> bool:
        both = min(before, after)
        return both == size or both == 3 or (size == 2 and both > 3)

    if selected and has(inner_before, inner_after):
        core = selected[size:len(selected) - size]
        return Wrapped(start, end, core, 0, len(core))
    if has(outer_before, outer_after) and (selected or outer_before == size or outer_before == 3):
        return Wrapped(start - size, end + size, selected, 0, len(selected))
    return Wrapped(start, end, marker + selected + marker, size, size + len(selected))


def toggle_code(text: str, start: int, end: int) -> Wrapped:
    """A code span around one line's text, a fenced block around several lines; off if there."""
    selected = text[start:end]
    if "\n" in selected:
        lines = selected.split("\n")
        if len(lines) >= 2 and lines[0].startswith("```") and lines[-1].strip() == "```":
            core = "\n".join(lines[1:-1])
            return Wrapped(start, end, core, 0, len(core))
        head = "" if start == 0 or text[start - 1] == "\n" else "\n"
        tail = "" if selected.endswith("\n") else "\n"
        block = f"{head}```\n{selected}{tail}```"
        return Wrapped(start, end, block, len(head) + 4, len(head) + 4 + len(selected))
    fence = "``" if "`" in selected else "`"
    pad = " " if selected.startswith("`") or selected.endswith("`") else ""
    if len(selected) >= 2 and selected[0] == "`" and selected[-1] == "`" and selected.strip("`"):
        size = _run(selected, 0, 1, "`")
        core = selected[size:len(selected) - size].strip(" ") if size * 2 < len(selected) else selected
        return Wrapped(start, end, core, 0, len(core))
    if start > 0 and end < len(text) and text[start - 1] == "`" and text[end] == "`":
        return Wrapped(start - 1, end + 1, selected, 0, len(selected))
    wrapped = fence + pad + selected + pad + fence
    return Wrapped(start, end, wrapped, len(fence) + len(pad), len(fence) + len(pad) + len(selected))


_URL = re.compile(r"(?:[a-zA-Z][a-zA-Z0-9+.-]*://|mailto:|www\.)\S+$")
_LINK_AT = re.compile(r"(?<!!)\[([^\[\]\n]*)\]\(([^()\s]*(?:\([^()\s]*\)[^()\s]*)*)(?:[ \t]+\"[^\"\n]*\")?\)")


def looks_like_url(text: str) -> bool:
    """A web address, a mail link, or `www.` something: what Ctrl+K takes from the clipboard."""
    text = text.strip()
    return bool(text) and "\n" not in text and _URL.match(text) is not None


def make_link(text: str, start: int, end: int, clipboard: str = "") -> Wrapped:
    """Ctrl+K: `[selection](url)`. The URL comes from the clipboard when it holds one, and the
    caret goes where the writer types next: the URL when there is none, else after the link.
    A selected URL becomes the target with the caret in the empty text; Ctrl+K inside a link
    takes the link away and keeps its text."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    for m in _LINK_AT.finditer(text, line_start, line_end):
        inside = m.start() < start and end < m.end() if start == end else m.start() <= start and end <= m.end()
        if inside:
            label = m.group(1)
            return Wrapped(m.start(), m.end(), label, 0, len(label))
    selected = text[start:end]
    url = clipboard.strip() if looks_like_url(clipboard) else ""
    if selected and looks_like_url(selected):
        return Wrapped(start, end, f"[]({selected.strip()})", 1, 1)
    if not selected:
        replacement = f"[]({url})"
        return Wrapped(start, end, replacement, 1, 1)
    replacement = f"[{selected}]({url})"
    caret = len(replacement) if url else len(selected) + 3
    return Wrapped(start, end, replacement, caret, caret)


# --- auto-pairing ------------------------------------------------------------------------------

PAIRS = {"(": ")", "[": "]", "{": "}", '"': '"', "'": "'", "`": "`", "*": "*", "_": "_"}
_CLOSERS = {")", "]", "}", '"', "'", "`"}


def pair_for(char: str, before: str, after: str) -> str | None:
    """The closing character to add after typing `char` with no selection, or None.

    Brackets pair before a space, the line's end or closing punctuation. Quotes and backticks
    also need no word character before them (so `don't` and `it's` stay as typed), and a
    backtick after a backtick types plainly so three of them open a fence. `*`, `_` and `'`
    never pair on their own (a bullet, snake_case, `'90s`); they wrap a selection instead.
    """
    if char not in PAIRS or char in "*_'":
        return None
    next_char = after[:1]
    if next_char and not (next_char.isspace() or next_char in ")]}.,;:!?"):
        return None
    if char in "([{":
        return PAIRS[char]
    previous = before[-1:]
    if previous and (previous.isalnum() or previous in "_\\`" or previous == char):
        return None
    return PAIRS[char]


def types_over(char: str, after: str) -> bool:
    """Whether typing `char` steps over the same closing character already after the caret."""
    return char in _CLOSERS and after[:1] == char


# --- tables ------------------------------------------------------------------------------------

_DELIMITER_CELL = re.compile(r"\s*:?-+:?\s*$")


def split_row(line: str) -> list[str] | None:
    """A table row's cells (unescaped `|` separates them; outer pipes are optional), or None."""
    if "|" not in line:
        return None
    cells: list[str] = []
    current: list[str] = []
    escaped = False
    for char in line.strip():
        if escaped:
            current.append(char)
            escaped = False
        elif char == "\\":
            current.append(char)
            escaped = True
        elif char == "|":
            cells.append("".join(current))
            current = []
        else:
            current.append(char)
    cells.append("".join(current))
    stripped = line.strip()
    if stripped.startswith("|"):
        cells = cells[1:]
    if stripped.endswith("|") and not stripped.endswith("\\|") and len(stripped) > 1:
        cells = cells[:-1]
    return [cell.strip() for cell in cells]


def is_delimiter_row(line: str) -> bool:
    cells = split_row(line)
    return bool(cells) and all(_DELIMITER_CELL.match(cell) for cell in cells)  # type: ignore[union-attr]


def display_width(text: str) -> int:
    """Columns `text` takes in a fixed-pitch font: wide East Asian characters take two,
    combining marks none."""
    width = 0
    for char in text:
        if unicodedata.combining(char) or char in "\u200b\u200d\ufe0f":
            continue
        width += 2 if unicodedata.east_asian_width(char) in "WF" else 1
    return width


def table_extent(lines: Sequence[str], index: int) -> tuple[int, int] | None:
    """The table (first line, line after the last) that line `index` belongs to, or None.

    A table is a header row, a delimiter row (`|---|:--:|`) with as many cells, then rows: the
    lines around `index` that hold a `|`, up to a blank line.
    """
    if not 0 <= index < len(lines) or split_row(lines[index]) is None:
        return None
    first = index
    while first > 0 and lines[first - 1].strip() and split_row(lines[first - 1]) is not None:
        first -= 1
    last = index + 1
    while last < len(lines) and lines[last].strip() and split_row(lines[last]) is not None:
        last += 1
    for header in range(first, min(index, last - 2) + 1):
        if is_delimiter_row(lines[header + 1]) and \
                len(split_row(lines[header]) or []) == len(split_row(lines[header + 1]) or []):
            return (header, last) if header <= index else None
    return None


def align_table(rows: Sequence[str]) -> list[str]:
    """The table's rows with their pipes lined up: each column as wide as its widest cell,
    outer pipes and one space of padding, the delimiter row's colons kept. The header sets the
    columns; a row's extra cells (which no renderer shows) are kept after them as they were."""
    cells = [split_row(row) or [""] for row in rows]
    columns = len(cells[0])
    delimiter = cells[1] if len(cells) > 1 else []
    aligns = []
    for column in range(columns):
        spec = delimiter[column].strip() if column < len(delimiter) else "-"
        aligns.append((spec.startswith(":"), spec.endswith(":") and len(spec) > 1))
    widths = [3] * columns
    for number, row in enumerate(cells):
        if number != 1:
            for column, cell in enumerate(row[:columns]):
                widths[column] = max(widths[column], display_width(cell))
    indent = rows[0][:len(rows[0]) - len(rows[0].lstrip())]
    out = []
    for number, row in enumerate(cells):
        padded = []
        for column in range(columns):
            width = widths[column]
            left, right = aligns[column]
            if number == 1:
                padded.append((":" if left else "") + "-" * (width - left - right) + (":" if right else ""))
                continue
            cell = row[column] if column < len(row) else ""
            gap = width - display_width(cell)
            if left and right:
                padded.append(" " * (gap // 2) + cell + " " * (gap - gap // 2))
            elif right:
                padded.append(" " * gap + cell)
            else:
                padded.append(cell + " " * gap)
        padded.extend(row[columns:])
        out.append(indent + "| " + " | ".join(padded) + " |")
    return out
