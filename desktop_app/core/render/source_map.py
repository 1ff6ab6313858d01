"""Where each top-level block of a post starts in its file: the line map behind scroll sync.

The preview lines blocks up with the editor by kind and order (`resources/preview/scroll.js`):
a heading here is the next heading there. The blocks come from a CommonMark block parse of the
body, whichever flavour renders it: Python-Markdown keeps no source positions, and the two
engines agree on where blocks start even where their HTML differs (definition lists, footnotes),
which the preview's alignment skips over. Only block rules run, so this costs a fraction of a
render.
"""

from __future__ import annotations

import re
import threading

from markdown_it import MarkdownIt
from markdown_it.token import Token

Block = tuple[str, int]  # (kind, 0-based line in the file)

_HTML_TAG = re.compile(r"\s*<([a-zA-Z][a-zA-Z0-9-]*)")
_KIND_OF_TOKEN = {
    "paragraph_open": "p",
    "bullet_list_open": "ul",
    "ordered_list_open": "ol",
    "blockquote_open": "blockquote",
    "fence": "pre",
    "code_block": "pre",
    "table_open": "table",
    "hr": "hr",
}
_local = threading.local()


def _parser() -> MarkdownIt:
    parser = getattr(_local, "parser", None)
    if parser is None:
        parser = MarkdownIt("commonmark").enable(["table", "strikethrough"]).disable("inline")
        _local.parser = parser
    return parser


def block_kind(token: Token) -> str | None:
    """The element a top-level token becomes, as the preview names it (`pre` for any code)."""
    if token.type == "heading_open":
        return token.tag
    if token.type == "html_block":
        match = _HTML_TAG.match(token.content)
        return match.group(1).lower() if match else None
    return _KIND_OF_TOKEN.get(token.type)


def block_lines(body: str, first_line: int = 0) -> list[Block]:
    """(kind, line) of each top-level block of `body`, lines counted from `first_line` (the
    number of lines before the body in the file)."""
    blocks: list[Block] = []
    for token in _parser().parse(body):
        if token.level != 0 or token.nesting < 0 or token.map is None:
            continue
        kind = block_kind(token)
        if kind is not None:
            blocks.append((kind, first_line + token.map[0]))
    return blocks
