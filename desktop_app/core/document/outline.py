"""A post's outline: its headings in order, with their levels, lines, and the ones that skip a level.

Headings are ATX (`## Title`, up to three spaces in) and setext (a line underlined by `===` or
`---`), found only among prose lines (`line_kinds`): a `#` comment in a code block or a YAML key
is no heading. A heading skips a level when it is more than one level deeper than the heading
before it (an h4 under an h2), or when the first heading is deeper than h2 (the title is the
page's h1): screen readers and search engines read the levels as the post's structure.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from desktop_app.core.document.line_kinds import PROSE, line_kinds

_ATX = re.compile(r" {0,3}(#{1,6})(?:[ \t]+|$)(.*?)(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r" {0,3}(=+|-+)[ \t]*$")
_LIST_OR_QUOTE = re.compile(r" {0,3}(?:[-*+>]|\d{1,9}[.)])(?:[ \t]|$)")
# Inline markup dropped from a heading's title: emphasis, code ticks, links' targets, a `{#id}`.
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_ATTRIBUTES = re.compile(r"[ \t]*\{[#.][^}]*\}[ \t]*$")
_MARKUP = re.compile(r"(\*\*|__|[*_`]|~~)")


@dataclass(frozen=True)
class Heading:
    level: int  # 1–6
    title: str  # as the reader sees it: markup and link targets removed
    line: int  # 0-based line of the heading's text in the post
    skipped: int = 0  # levels skipped above it (an h4 after an h2: 1); 0 when it follows well

    @property
    def skips(self) -> bool:
        return self.skipped > 0


def plain_title(text: str) -> str:
    """A heading's text without its Markdown: `**Why** [this](x)` → `Why this`."""
    text = _ATTRIBUTES.sub("", text)
    text = _LINK.sub(r"\1", text)
    return " ".join(_MARKUP.sub("", text).split())


def headings(lines: Sequence[str], kinds: Sequence[str] | None = None) -> list[Heading]:
    """The headings among `lines` (a post split at its line breaks), in order; `kinds` when the
    caller has them already."""
    kinds = line_kinds(lines) if kinds is None else kinds
    found: list[tuple[int, str, int]] = []
    for index, line in enumerate(lines):
        if kinds[index] != PROSE:
            continue
        first = line.lstrip(" ")[:1]
        if first == "#":
            m = _ATX.match(line)
            if m is not None:
                found.append((len(m.group(1)), m.group(2), index))
            continue
        if first in "=-" and index > 0 and kinds[index - 1] == PROSE and _SETEXT.match(line):
            above = lines[index - 1]
            if (above.strip() and not _ATX.match(above) and not _LIST_OR_QUOTE.match(above)
                    and not _SETEXT.match(above) and len(above) - len(above.lstrip(" ")) < 4):
                level = 1 if line.strip()[0] == "=" else 2
                if found and found[-1][2] == index - 1:
                    continue  # `## A` then `---`: the rule under an ATX heading is a rule
                found.append((level, above.strip(), index - 1))
    result: list[Heading] = []
    previous = 1  # the page's title is its h1: a first h2 follows it well
    for level, text, line in found:
        skipped = max(0, level - previous - 1)
        result.append(Heading(level, plain_title(text), line, skipped))
        previous = level
    return result


def heading_at(outline: Sequence[Heading], line: int) -> int:
    """The index in `outline` of the heading whose section holds `line`; -1 above the first."""
    low, high = 0, len(outline)
    while low < high:
        middle = (low + high) // 2
        if outline[middle].line <= line:
            low = middle + 1
        else:
            high = middle
    return low - 1


__all__ = ["Heading", "heading_at", "headings", "plain_title"]
