"""The rendered diff: the new version of a post as the preview draws it, with what changed marked.

Both versions are rendered by the preview's own pipeline (the caller passes `RenderedPost`s), cut
into top-level blocks (`core/review/html_blocks.py`) and aligned. Unchanged blocks are shown exactly as
rendered; an inserted block is marked `pd-ins-block`, a deleted one is kept, struck through, as
`pd-del-block`; a block edited in place keeps the new version's markup with its inserted words
wrapped in `<ins class="pd-ins">` and its deleted words in `<del class="pd-del">`. Code blocks,
tables and other blocks whose words are not prose are replaced whole. The result is sanitized
again (`core/render/sanitize.py`) before it reaches a page.
"""

from __future__ import annotations

import difflib
import html
import re
from dataclasses import dataclass
from typing import Iterator

from desktop_app.core.render.page import page_html
from desktop_app.core.render.pipeline import RenderedPost
from desktop_app.core.render.sanitize import sanitize
from desktop_app.core.resources import resource_path
from desktop_app.core.review.html_blocks import Block, Part, split_blocks, start_tag
from desktop_app.core.review.text_diff import MIN_SIMILARITY, Token, similarity, tokens, word_opcodes
from desktop_app.core.site.config import SiteConfig

INS_BLOCK, DEL_BLOCK, MOD_BLOCK = "pd-ins-block", "pd-del-block", "pd-mod-block"
# Blocks compared as a whole: their words are code, data or media, not sentences to re-read.
WHOLE_BLOCKS = frozenset({"pre", "table", "hr", "img", "figure", "svg", "video", "audio", "iframe",
                          "object", "math", "#comment"})
_WHOLE_INSIDE = re.compile(r"<(pre|table)\b|class=\"[^\"]*\b(codehilite|highlight)\b", re.I)
_HEADER = re.compile(r"^\s*<header\b[^>]*>(.*)</header>\s*$", re.S)
_MAX_PAIRING = 400  # old × new blocks in one replaced run that are paired by similarity


@dataclass(frozen=True)
class RenderedDiff:
    """The marked-up header (its inside) and body, and how many blocks changed."""

    header_html: str
    body_html: str
    inserted: int = 0
    deleted: int = 0
    changed: int = 0

    @property
    def identical(self) -> bool:
        return not (self.inserted or self.deleted or self.changed)

    def summary(self) -> str:
        if self.identical:
            return "No visible change."
        counts = [(count, verb) for count, verb in ((self.changed, "changed"), (self.inserted, "added"),
                                                    (self.deleted, "removed")) if count]
        first, verb = counts[0]
        parts = [f"{first} {'block' if first == 1 else 'blocks'} {verb}"] + [f"{n} {v}" for n, v in counts[1:]]
        return ", ".join(parts) + "."  # "1 block changed, 2 added, 1 removed."


@dataclass
class _Counts:
    inserted: int = 0
    deleted: int = 0
    changed: int = 0


def diff_rendered(old: RenderedPost | None, new: RenderedPost | None) -> RenderedDiff:
    """Mark the differences between two renders of a post (None: the post is not on that side)."""
    counts = _Counts()
    header = diff_fragments(header_inner(old.header_html) if old else "",
                            header_inner(new.header_html) if new else "", counts)
    body = diff_fragments(old.body_html if old else "", new.body_html if new else "", counts)
    return RenderedDiff(sanitize(header), sanitize(body), counts.inserted, counts.deleted, counts.changed)


def header_inner(header_html: str) -> str:
    """The inside of the `<header class="post-header">` that `render_header` draws."""
    match = _HEADER.match(header_html)
    return match.group(1).strip() if match else header_html


def diff_fragments(old_html: str, new_html: str, counts: _Counts | None = None) -> str:
    """`new_html` with the blocks and words that differ from `old_html` marked."""
    counts = counts if counts is not None else _Counts()
    old_blocks, new_blocks = split_blocks(old_html), split_blocks(new_html)
    matcher = difflib.SequenceMatcher(None, [b.html for b in old_blocks], [b.html for b in new_blocks],
                                      autojunk=False)
    out: list[str] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out.extend(block.html for block in new_blocks[j1:j2])
            continue
        for old, new in _pairs(old_blocks[i1:i2], new_blocks[j1:j2]):
            out.extend(_marked(old, new, counts))
    return "\n".join(piece for piece in out if piece)


# --- pairing the blocks of a replaced run ------------------------------------------------------


def _words(block: Block) -> list[str]:
    return [token.text for part in block.parts if part.kind == "text" for token in tokens(part.text)
            if not token.is_space]


def _comparable(block: Block) -> bool:
    return block.tag not in WHOLE_BLOCKS and not _WHOLE_INSIDE.search(block.html)


def _pairs(old: list[Block], new: list[Block]) -> Iterator[tuple[Block | None, Block | None]]:
    """The run's blocks in reading order: (old, new) for a block edited in place, (old, None)
    deleted, (None, new) inserted. Blocks of one kind are paired for the most words in common."""
    if len(old) * len(new) > _MAX_PAIRING:
        yield from ((block, None) for block in old)
        yield from ((None, block) for block in new)
        return
    old_words, new_words = [_words(b) for b in old], [_words(b) for b in new]

    def score(i: int, j: int) -> float:
        if old[i].tag != new[j].tag:
            return 0.0
        if not _comparable(old[i]) or not _comparable(new[j]):
            return 0.01  # the same kind of block: still replaced in its place, not moved apart
        value = similarity(old_words[i], new_words[j])
        return value if value >= MIN_SIMILARITY else 0.0

    # Best order-keeping pairing (a small dynamic programme over the run).
    rows, cols = len(old), len(new)
    best = [[0.0] * (cols + 1) for _ in range(rows + 1)]
    scores = [[score(i, j) for j in range(cols)] for i in range(rows)]
    for i in range(rows - 1, -1, -1):
        for j in range(cols - 1, -1, -1):
            paired = best[i + 1][j + 1] + scores[i][j] if scores[i][j] > 0 else -1.0
            best[i][j] = max(paired, best[i + 1][j], best[i][j + 1])
    i = j = 0
    while i < rows or j < cols:
        if i < rows and j < cols and scores[i][j] > 0 and best[i][j] == best[i + 1][j + 1] + scores[i][j]:
            yield old[i], new[j]
            i, j = i + 1, j + 1
        elif i < rows and (j == cols or best[i][j] == best[i + 1][j]):
            yield old[i], None
            i += 1
        else:
            yield None, new[j]
            j += 1


# --- marking -----------------------------------------------------------------------------------


def _marked(old: Block | None, new: Block | None, counts: _Counts) -> Iterator[str]:
    if old is not None and new is not None:
        edited = _edited(old, new) if _comparable(old) and _comparable(new) else None
        if edited is not None:
            counts.changed += 1
            yield edited
            return
    if old is not None and old.tag != "#comment":
        counts.deleted += 1
        yield _whole(old, DEL_BLOCK)
    if new is not None:
        if new.tag != "#comment":
            counts.inserted += 1
        yield _whole(new, INS_BLOCK)


def _whole(block: Block, mark: str) -> str:
    """A block marked inserted or deleted as a whole (a deleted heading loses its id: the new
    version's heading may carry the same one)."""
    if block.tag == "#comment":
        return "" if mark == DEL_BLOCK else block.html
    if block.tag == "#text":
        element, kind = ("del", "pd-del") if mark == DEL_BLOCK else ("ins", "pd-ins")
        return f'<{element} class="{kind} {mark}">{html.escape(block.text.strip(), quote=False)}</{element}>'
    first = block.parts[0]
    drop = frozenset({"id"}) if mark == DEL_BLOCK else frozenset()
    return start_tag(first, mark, drop) + block.html[len(first.raw):]


def _joined_words(parts: tuple[Part, ...]) -> tuple[str, list[Token]]:
    """The text of `parts` joined, and its words cut node by node (offsets in the joined text)."""
    text = ""
    found: list[Token] = []
    for part in parts:
        if part.kind != "text":
            continue
        found.extend(Token(t.text, t.start + len(text)) for t in tokens(part.text) if not t.is_space)
        text += part.text
    return text, found


def _edited(old: Block, new: Block) -> str | None:
    """`new` in its own markup with the changed words marked; None when the two blocks are
    better shown as one deleted and one inserted (a rewrite, or a change of markup only)."""
    old_text, old_words = _joined_words(old.parts)
    _, new_words = _joined_words(new.parts)
    a, b = [w.text for w in old_words], [w.text for w in new_words]
    if not a or not b or similarity(a, b) < MIN_SIMILARITY:
        return None
    opcodes = [op for op in word_opcodes(a, b) if op[0] != "equal"]
    if not opcodes:
        return None  # the same words in other markup (a link, emphasis): show both versions
    inserted: set[int] = set()
    deleted: dict[int, str] = {}
    for op, i1, i2, j1, j2 in opcodes:
        inserted.update(range(j1, j2))
        if i2 > i1:
            deleted[j1] = _deleted_text(old_text, old_words, i1, i2, pure=op == "delete")
    return _emit(new, inserted, deleted, len(b))


def _deleted_text(text: str, found: list[Token], i1: int, i2: int, pure: bool) -> str:
    """The deleted words; a pure deletion takes a neighbouring space along so the struck words do
    not run into the kept ones."""
    if not pure:
        return text[found[i1].start:found[i2 - 1].end]
    if i2 < len(found):
        return text[found[i1].start:found[i2].start]
    return text[found[i1 - 1].end if i1 else found[i1].start:found[i2 - 1].end]


def _emit(block: Block, inserted: set[int], deleted: dict[int, str], total: int) -> str:
    out: list[str] = []
    index = 0  # the next word of the new block
    for number, part in enumerate(block.parts):
        if part.kind != "text":
            out.append(start_tag(part, MOD_BLOCK) if number == 0 and part.kind == "start" else part.raw)
            continue
        segments: list[tuple[str, str]] = []
        pending = ""  # whitespace waiting to learn whether it sits inside an inserted run
        for token in tokens(part.text):
            if token.is_space:
                pending += token.text
                continue
            if index in deleted:
                segments += [("=", pending), ("-", deleted.pop(index))]
                pending = ""
            mark = "+" if index in inserted else "="
            inside_run = mark == "+" and segments and segments[-1][0] == "+" and pending
            segments += [("+" if inside_run else "=", pending), (mark, token.text)]
            pending = ""
            index += 1
            if index == total and total in deleted:
                segments.append(("-", deleted.pop(total)))
        segments.append(("=", pending))
        out.append(_segments_html(segments))
    return "".join(out)


def _segments_html(segments: list[tuple[str, str]]) -> str:
    merged: list[list[str]] = []
    for mark, text in segments:
        if not text:
            continue
        if merged and merged[-1][0] == mark:
            merged[-1][1] += text
        else:
            merged.append([mark, text])
    out = []
    for mark, text in merged:
        escaped = html.escape(text, quote=False)
        if mark == "+":
            out.append(f'<ins class="pd-ins">{escaped}</ins>')
        elif mark == "-":
            out.append(f'<del class="pd-del">{escaped}</del>')
        else:
            out.append(escaped)
    return "".join(out)


# --- the page ----------------------------------------------------------------------------------

_HEADER_SLOT = '<header class="post-header" id="postdesk-header"></header>'
_BODY_SLOT = '<div class="post-body" id="postdesk-body"></div>'
_NOTICE_SLOT = '<div id="postdesk-notice" hidden></div>'


def diff_page(site: SiteConfig | None, diff: RenderedDiff, summary: str = "", dark: bool = False) -> str:
    """A static preview page (the site's CSS, `resources/preview/diff.css` for the marks) showing
    the rendered diff, with `summary` above the post."""
    page = page_html(site, dark)
    for slot in (_HEADER_SLOT, _BODY_SLOT, _NOTICE_SLOT):
        if slot not in page:
            raise RuntimeError(f"resources/preview/page.html has no {slot}")  # a bug, not a user error
    css = html.escape(resource_path("preview", "diff.css").resolve().as_uri())
    return (page.replace("</head>", f'<link rel="stylesheet" href="{css}">\n</head>', 1)
            .replace(_NOTICE_SLOT, f'<div id="postdesk-diff-summary" class="pd-summary">{html.escape(summary)}</div>')
            .replace(_HEADER_SLOT, f'<header class="post-header" id="postdesk-header">\n{diff.header_html}\n</header>')
            .replace(_BODY_SLOT, f'<div class="post-body" id="postdesk-body">\n{diff.body_html}\n</div>'))
