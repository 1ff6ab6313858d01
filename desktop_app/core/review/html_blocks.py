"""Cut rendered post HTML into its top-level blocks, each with its tags and text nodes.

The rendered diff aligns paragraphs, headings, lists and code blocks as a reader sees them, so it
needs the body as a sequence of blocks, each with its exact source (an unchanged block is shown
byte for byte) and its parts (a changed one is marked inside its own markup).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser

_NEWLINE = re.compile("\n")
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
                  "source", "track", "wbr"})


@dataclass(frozen=True)
class Part:
    """A piece of a block: a start or end tag (`raw` is its source), a comment, or a text node
    (`text` is its unescaped text)."""

    kind: str  # "start" | "end" | "comment" | "text"
    raw: str
    tag: str = ""
    attrs: tuple[tuple[str, str | None], ...] = ()
    text: str = ""
    closed: bool = False  # a start tag written <x/>


@dataclass(frozen=True)
class Block:
    """A top-level element (or a run of loose text, tag "#text", or a comment, "#comment")."""

    tag: str
    html: str
    parts: tuple[Part, ...]

    @property
    def text(self) -> str:
        return "".join(part.text for part in self.parts if part.kind == "text")


class _Splitter(HTMLParser):
    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.source = source
        self._line_starts = [0, *(match.end() for match in _NEWLINE.finditer(source))]
        self.blocks: list[Block] = []
        self._parts: list[Part] = []
        self._start = 0  # source offset of the open block
        self._stack: list[str] = []
        self._closing = False  # the open block ended; it is cut at the next construct

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    def _before_construct(self, top_text: bool = False) -> None:
        """Close the finished block at the start of whatever comes next."""
        if self._closing:
            self._cut(self._offset())
        if not self._stack and not self._parts and not top_text:
            self._start = self._offset()

    def _cut(self, end: int) -> None:
        if self._parts:
            raw = self.source[self._start:end].strip()
            first = self._parts[0]
            tag = first.tag if first.kind == "start" else ("#comment" if first.kind == "comment" else "#text")
            self.blocks.append(Block(tag, raw, tuple(self._parts)))
        self._parts = []
        self._closing = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start_tag(tag, attrs, closed=False)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start_tag(tag, attrs, closed=True)

    def _start_tag(self, tag: str, attrs: list[tuple[str, str | None]], closed: bool) -> None:
        if not self._stack:
            self._before_construct()
            if self._parts:  # loose text before this element is a block of its own
                self._cut(self._offset())
                self._start = self._offset()
        self._parts.append(Part("start", self.get_starttag_text() or f"<{tag}>", tag, tuple(attrs), closed=closed))
        if closed or tag in VOID:
            if not self._stack:
                self._closing = True
            return
        self._stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag not in self._stack:
            return  # a stray end tag: browsers ignore it too
        while self._stack:
            self._parts.append(Part("end", f"</{self._stack[-1]}>", self._stack[-1]))
            if self._stack.pop() == tag:
                break
        if not self._stack:
            self._closing = True

    def handle_data(self, data: str) -> None:
        if not self._stack:
            if data.isspace():
                if self._closing:
                    self._cut(self._offset())
                return
            self._before_construct(top_text=True)
            if not self._parts:
                self._start = self._offset()
        self._parts.append(Part("text", html.escape(data, quote=False), text=data))

    def handle_comment(self, data: str) -> None:
        if not self._stack:
            self._before_construct()
            if self._parts:
                self._cut(self._offset())
                self._start = self._offset()
            self._parts.append(Part("comment", f"<!--{data}-->"))
            self._closing = True
            return
        self._parts.append(Part("comment", f"<!--{data}-->"))

    def finish(self) -> list[Block]:
        self.close()
        if self._parts:
            self._cut(len(self.source))
        return self.blocks


def split_blocks(fragment: str) -> list[Block]:
    """The top-level blocks of an HTML fragment, in order; whitespace between them is dropped."""
    splitter = _Splitter(fragment)
    splitter.feed(fragment)
    return splitter.finish()


def start_tag(part: Part, add_class: str = "", drop: frozenset[str] = frozenset()) -> str:
    """`part`'s start tag with `add_class` appended to its classes and the `drop` attributes left
    out; the source itself when nothing changes."""
    if not add_class and not drop:
        return part.raw
    attrs = [(name, value) for name, value in part.attrs if name not in drop]
    classes = [value or "" for name, value in attrs if name == "class"]
    attrs = [(name, value) for name, value in attrs if name != "class"]
    merged = " ".join(filter(None, [*classes, add_class]))
    if merged:
        attrs.append(("class", merged))
    text = "".join(f" {name}" if value is None else f' {name}="{html.escape(value, quote=True)}"'
                   for name, value in attrs)
    return f"<{part.tag}{text}{' /' if part.closed else ''}>"
