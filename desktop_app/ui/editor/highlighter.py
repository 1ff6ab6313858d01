"""Markdown syntax highlighting for the post editor.

Owns how Markdown source looks while it is written: the front-matter block at the top (YAML
`---` or TOML `+++`), headings, emphasis, code, links, quotes, lists, rules and HTML comments,
in a light and a dark palette. It only colours text; it never changes the document.

Block states carry multi-line constructs (front matter, fences, HTML comments) from one line to
the next, so Qt re-highlights only the lines whose state actually changes. When one keystroke
changes the state of many lines (a fence opened at the top turns the whole post into code),
Qt would restyle them all before the key is done: past `PASS_BLOCKS` lines the rest is restyled
in the next moments instead, a few hundred lines at a time, between keys and frames (see
`_bound_pass`). Conflict regions left
by a pull (`<<<<<<<` mine `=======` theirs `>>>>>>>`) ride in two high bits of the state: their
marker lines stand out, and the lines of each side get that side's background while keeping
their Markdown or front-matter colours. The editor calls
`highlightBlock` for every changed line, so per-line work stays small: regexes are compiled once
per class, formats once per palette, and most regexes are skipped by a cheap substring test.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtCore import QTimer
from PySide6.QtGui import QColor, QFont, QSyntaxHighlighter, QTextBlock, QTextCharFormat, QTextDocument

from desktop_app.core.document.markers import marker_kind

# Block states. Fences pack their marker into the state so only a matching fence closes them:
# _FENCE + (length << 1) + (1 for "~", 0 for "`").
_NORMAL = 0
_YAML = 1
_TOML = 2
_HTML_COMMENT = 3
_FENCE = 16
_MAX_FENCE = 1 << 20
# Conflict regions: 0 none, 1 mine (after <<<<<<<), 2 the base (after |||||||), 3 theirs
# (after =======), in the bits above every construct's state.
_REGION_SHIFT = 22
_CONSTRUCT = (1 << _REGION_SHIFT) - 1
_NEXT_REGION = {"<": 1, "|": 2, "=": 3, ">": 0}
# Lines longer than this are left uncoloured (bench: a 100,000-character line cost 77 ms a key
# highlighted, 15 ms plain).
LONG_LINE = 10_000
# Lines one pass restyles before the rest waits for the next moment: about 1-2 ms of a keystroke
# (a `~~~` fence at the top of a 20,000-word post restyled its 800 lines in one key: 7-12 ms).
PASS_BLOCKS = 200
# The pause before the next lines are restyled: the key's frame is painted first (Qt runs timers
# due now before the paint a keystroke asks for).
RESUME_MS = 10


@dataclass(frozen=True)
class _Palette:
    """Colours of one theme, as hex strings."""

    heading: str
    heading_marker: str
    markup: str
    strike: str
    code: str
    code_background: str
    code_block: str
    fence: str
    fence_info: str
    link_text: str
    link_url: str
    quote: str
    list_marker: str
    comment: str
    fm_key: str
    fm_value: str
    fm_string: str
    conflict_marker: str
    conflict_marker_background: str
    conflict_mine: str  # backgrounds of the lines of each side of a conflict
    conflict_base: str
    conflict_theirs: str


_LIGHT = _Palette(
    heading="#1d3557", heading_marker="#7b8ca3", markup="#9aa4b1", strike="#6e7781",
    code="#9c4221", code_background="#faf3eb", code_block="#7a5c45", fence="#a39081",
    fence_info="#b0651e", link_text="#0b63c4", link_url="#6f8fb3", quote="#5a6878",
    list_marker="#0f7b6c", comment="#8b949e", fm_key="#7b5c99", fm_value="#59636e",
    fm_string="#4d7a55", conflict_marker="#6b3d00", conflict_marker_background="#f8d58c",
    conflict_mine="#e3f4e6", conflict_base="#efefef", conflict_theirs="#e3edfb",
)
_DARK = _Palette(
    heading="#9cc4ff", heading_marker="#5d7594", markup="#6e7681", strike="#8b949e",
    code="#e5b07a", code_background="#2e2822", code_block="#c9a882", fence="#7d6e62",
    fence_info="#d19a66", link_text="#6cb6ff", link_url="#7b92ad", quote="#a3adb8",
    list_marker="#4fb8a8", comment="#7d8590", fm_key="#b8a3d9", fm_value="#a8b1bb",
    fm_string="#a3c9a0", conflict_marker="#ffe2a6", conflict_marker_background="#6e4b0e",
    conflict_mine="#1d3524", conflict_base="#2b2b2b", conflict_theirs="#1b2d45",
)


def _make_format(
    color: str | None = None,
    *,
    bold: bool = False,
    italic: bool = False,
    underline: bool = False,
    strike: bool = False,
    background: str | None = None,
    fixed: bool = False,
) -> QTextCharFormat:
    fmt = QTextCharFormat()
    if color is not None:
        fmt.setForeground(QColor(color))
    if background is not None:
        fmt.setBackground(QColor(background))
    if bold:
        fmt.setFontWeight(QFont.Weight.Bold)
    if italic:
        fmt.setFontItalic(True)
    if underline:
        fmt.setFontUnderline(True)
    if strike:
        fmt.setFontStrikeOut(True)
    if fixed:
        fmt.setFontFixedPitch(True)
    return fmt


class _Formats:
    """Every QTextCharFormat of one palette, built once and shared by all blocks; `region`
    gives each a conflict side's background (the lines between conflict markers)."""

    def __init__(self, p: _Palette, region: int = 0, code_family: str | None = None) -> None:
        band = (None, p.conflict_mine, p.conflict_base, p.conflict_theirs)[region]

        def _fmt(color: str | None = None, *, background: str | None = None, **style: bool) -> QTextCharFormat:
            fmt = _make_format(color, background=band or background, **style)
            if code_family and style.get("fixed"):
                fmt.setFontFamilies([code_family])  # code stays fixed-pitch in a prose font
            return fmt

        self.line = _fmt()  # the side's background under text that has no other colour
        self.conflict_marker = _make_format(p.conflict_marker, background=p.conflict_marker_background,
                                            bold=True)
        self.heading = _fmt(p.heading, bold=True)
        self.heading_marker = _fmt(p.heading_marker, bold=True)
        self.markup = _fmt(p.markup)
        self.emphasis = _fmt(italic=True)
        self.strong = _fmt(bold=True)
        self.strike = _fmt(p.strike, strike=True)
        self.code = _fmt(p.code, background=p.code_background, fixed=True)
        self.code_block = _fmt(p.code_block, fixed=True)
        self.fence = _fmt(p.fence, fixed=True)
        self.fence_info = _fmt(p.fence_info, fixed=True)
        self.link_text = _fmt(p.link_text)
        self.link_url = _fmt(p.link_url, underline=True)
        self.quote = _fmt(p.quote, italic=True)
        self.list_marker = _fmt(p.list_marker, bold=True)
        self.rule = _fmt(p.markup, bold=True)
        self.comment = _fmt(p.comment, italic=True)
        self.fm_delimiter = _fmt(p.markup, bold=True)
        self.fm_key = _fmt(p.fm_key)
        self.fm_value = _fmt(p.fm_value)
        self.fm_string = _fmt(p.fm_string)
        self.fm_comment = _fmt(p.comment, italic=True)
        self.table = _fmt(fixed=True)  # a table's pipes line up only in a fixed-pitch font


_INLINE_TEXT = r"(?:[^\[\]\\]|\\.)"


class MarkdownHighlighter(QSyntaxHighlighter):
    """Colours Markdown source, front matter included, in a light or dark palette."""

    _ASTRAL = re.compile("[\U00010000-\U0010ffff]")
    _FENCE_OPEN = re.compile(r"[ \t]*(`{3,}|~{3,})[ \t]*(.*?)[ \t]*$")
    _FENCE_CLOSE = re.compile(r"[ \t]*(`{3,}|~{3,})[ \t]*$")
    _QUOTE = re.compile(r"(?: {0,3}>[ \t]?)+")
    _HEADING = re.compile(r" {0,3}(#{1,6})(?=[ \t]|$)")
    _RULE = re.compile(r" {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$")
    _LIST = re.compile(r"[ \t]*([-*+]|\d{1,9}[.)])(?=[ \t]|$)(?:[ \t]+(\[[ xX]\])(?=[ \t]|$))?")
    _REF_DEF = re.compile(r" {0,3}(\[" + _INLINE_TEXT + r"+\]):[ \t]*(\S+)")
    # Patterns start with a literal so the regex engine can skip ahead to candidate characters.
    _CODE_SPAN = re.compile(r"(`(?<!``)`*)(?!`)(.+?)(?<!`)\1(?!`)")
    _STRONG = re.compile(r"\*\*(?=\S).+?(?<=\S)\*\*|__(?<!\w__)(?=\S).+?(?<=\S)__(?!\w)")
    _EMPHASIS = re.compile(
        r"\*(?<![*\\]\*)(?=[^\s*]).*?(?<=[^\s*\\])\*(?!\*)|_(?<![\w\\]_)(?=[^\s_]).*?(?<=[^\s_\\])_(?!\w)"
    )
    _STRIKE = re.compile(r"~~(?<!~~~)(?=[^\s~]).*?(?<=[^\s~])~~(?!~)")
    _LINK = re.compile(
        r"\[((?:" + _INLINE_TEXT + r"|\[" + _INLINE_TEXT + r"*\])*)\]"
        r"(?:\(([ \t]*(?:<[^>]*>|[^()\s]*(?:\([^()\s]*\)[^()\s]*)*))"
        r"(?:[ \t]+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?[ \t]*\)"
        r"|\[(" + _INLINE_TEXT + r"*)\])"
    )
    _AUTOLINK = re.compile(
        r"<(?:[A-Za-z][A-Za-z0-9+.\-]{1,31}:[^\s<>]*|[\w.!#$%&'*+/=?^`{|}~\-]+@[\w\-]+(?:\.[\w\-]+)+)>"
    )
    _BARE_URL = re.compile(
        r"(?:h(?<![\w/<(\[\"']h)ttps?://|w(?<![\w/<(\[\"']w)ww\.)[^\s<>]*[^\s<>.,;:!?'\")\]*_~]"
    )
    _YAML_KEY = re.compile(
        r"[ \t]*(?:-[ \t]+)?([^\s#:'\"\-][^:#]*?|-[^\s:#][^:#]*?|\"[^\"]*\"|'[^']*')[ \t]*:(?=[ \t]|$)"
    )
    _TOML_KEY = re.compile(
        r"[ \t]*((?:[\w\-]+|\"[^\"]*\"|'[^']*')(?:[ \t]*\.[ \t]*(?:[\w\-]+|\"[^\"]*\"|'[^']*'))*)[ \t]*="
    )
    _TOML_TABLE = re.compile(r"[ \t]*(\[\[?[^\[\]]*\]\]?)")
    # A quoted string only where a value can start (so "it's" is no string); `#` after a blank.
    _FM_TOKEN = re.compile(r"(?<![^\s\[{,:=])(\"(?:[^\"\\]|\\.)*\"?|'[^']*'?)|(?<!\S)(#.*)")

    def __init__(self, document: QTextDocument, dark: bool = False) -> None:
        super().__init__(document)
        self._dark = dark
        self._code_family: str | None = None  # set while the text is in a prose font
        self._palettes: dict[tuple[bool, str | None], list[_Formats]] = {}
        self._regions = self._formats_for(dark)  # by conflict region: none, mine, base, theirs
        self._f = self._regions[0]
        # UTF-16 offset of each code point, only for lines with characters outside the BMP.
        self._offsets: list[int] | None = None
        self._pass_revision = -1  # the document revision the current pass highlights
        self._pass_blocks = 0  # lines highlighted in this pass
        self._deferred: list[QTextBlock] = []  # lines to restyle from, after this pass
        self._resume = QTimer(self, singleShot=True, interval=RESUME_MS)
        self._resume.timeout.connect(self._resume_pass)

    @property
    def dark(self) -> bool:
        """Whether the dark palette is in use."""
        return self._dark

    def set_dark(self, dark: bool) -> None:
        """Swap to the light or dark palette and re-colour the whole document."""
        if dark == self._dark:
            return
        self._dark = dark
        self._regions = self._formats_for(dark)
        self._f = self._regions[0]
        self.rehighlight()

    def inside_fence(self, block: QTextBlock) -> bool:
        """Whether `block` lies in a fenced code block (False while highlighting is off)."""
        state = block.previous().userState() if block.previous().isValid() else _NORMAL
        return state > 0 and state & _CONSTRUCT >= _FENCE

    def inside_code(self, block: QTextBlock) -> bool:
        """Whether `block` lies in a fenced code block, the front matter or an HTML comment, as
        the lines above it leave the state (False while highlighting is off)."""
        state = block.previous().userState() if block.previous().isValid() else _NORMAL
        construct = state & _CONSTRUCT if state > 0 else state
        return construct >= _FENCE or construct in (_YAML, _TOML, _HTML_COMMENT)

    def set_code_family(self, family: str | None) -> None:
        """Set code and tables in `family` (the text is in a proportional font), or not (None)."""
        if family == self._code_family:
            return
        self._code_family = family
        self._regions = self._formats_for(self._dark)
        self._f = self._regions[0]
        if self.document() is not None:
            self.rehighlight()

    def _formats_for(self, dark: bool) -> list[_Formats]:
        key = (dark, self._code_family)
        if key not in self._palettes:
            palette = _DARK if dark else _LIGHT
            self._palettes[key] = [_Formats(palette, region, self._code_family) for region in range(4)]
        return self._palettes[key]

    # --- per block -------------------------------------------------------------------------

    def highlightBlock(self, text: str) -> None:  # noqa: N802 (Qt override)
        """Colour one line; its state tells the next line what construct it is inside."""
        before = self.currentBlockState()
        self._highlight(text)
        self._bound_pass(before)

    def _bound_pass(self, before: int) -> None:
        """Qt goes on to the next line whenever this one's state changed, in the same call, down
        to the end of the document if need be. Past PASS_BLOCKS lines of a pass, a changed state is
        stored as it was, which ends the pass here, and this line is restyled again once events
        have been handled: its true state then differs from the stored one, so Qt carries on from
        it. Only that line's stored state is stale meanwhile (its colours are right); the lines
        below keep their previous colours a moment longer."""
        revision = self.document().revision()
        if revision != self._pass_revision:
            self._pass_revision, self._pass_blocks = revision, 0
        self._pass_blocks += 1
        if self._pass_blocks <= PASS_BLOCKS or before == -1 or self.currentBlockState() == before:
            return  # within the pass's share, text coloured for the first time (a post opened), or no change
        self.setCurrentBlockState(before)
        self._deferred.append(self.currentBlock())
        self._pass_blocks = -1_000_000_000  # one stop a pass: the rest of a forced range goes on
        self._resume.start()

    @property
    def restyling(self) -> bool:
        """Lines below an edit still wait to be restyled (they will be in a moment)."""
        return bool(self._deferred)

    def _resume_pass(self) -> None:
        deferred, self._deferred = self._deferred, []
        document = self.document()
        for block in deferred:
            if document is not None and block.isValid() and block.document() is document:
                self._pass_revision, self._pass_blocks = document.revision(), 0
                self.rehighlightBlock(block)

    def _highlight(self, text: str) -> None:
        """Colour the line and store the construct it leaves the next line in."""
        if len(text) > LONG_LINE:
            # A pasted data: URI or minified HTML: colouring it would cost every keystroke in it
            # a frame or more. It stays plain and hands its construct on unchanged.
            self.setCurrentBlockState(max(self.previousBlockState(), _NORMAL))
            return
        if text.isascii() or self._ASTRAL.search(text) is None:
            self._offsets = None
        else:
            self._offsets = self._utf16_offsets(text)
        prev = self.previousBlockState()
        region = 0
        if prev > _CONSTRUCT:
            region, prev = prev >> _REGION_SHIFT, prev & _CONSTRUCT
        if text[:1] in "<=>|" and text.startswith(("<<<<<<<", ">>>>>>>", "=======", "|||||||")):
            kind = marker_kind(text)
            if kind in ("<", ">") or (kind and region):
                self._set(0, len(text), self._f.conflict_marker)
                self.setCurrentBlockState(max(prev, _NORMAL) | (_NEXT_REGION[kind] << _REGION_SHIFT))
                return
        self._f = self._regions[region]
        if region:
            self._set(0, len(text), self._f.line)
        if prev >= _FENCE:
            state = self._fenced_line(text, prev)
        elif prev == _YAML or prev == _TOML:
            state = self._front_matter_line(text, prev)
        elif prev == _HTML_COMMENT:
            end = text.find("-->")
            if end == -1:
                self._set(0, len(text), self._f.comment)
                state = _HTML_COMMENT
            else:
                self._set(0, end + 3, self._f.comment)
                state = self._inline(text, end + 3, rich=True)
        elif prev == -1 and self._opens_front_matter(text):
            self._set(0, len(text), self._f.fm_delimiter)
            state = _YAML if "-" in text else _TOML
        else:
            state = self._markdown_line(text)
        self.setCurrentBlockState(state | (region << _REGION_SHIFT))

    def _opens_front_matter(self, text: str) -> bool:
        """Front matter only counts on the document's very first line."""
        if not text.startswith(("---", "+++", "\ufeff")) or text.lstrip("\ufeff").rstrip() not in ("---", "+++"):
            return False
        return not self.currentBlock().previous().isValid()

    def _fenced_line(self, text: str, state: int) -> int:
        m = self._FENCE_CLOSE.match(text)
        if m is not None:
            marker = m.group(1)
            packed = state - _FENCE
            if (marker[0] == "~") == bool(packed & 1) and len(marker) >= packed >> 1:
                self._set(0, len(text), self._f.fence)
                return _NORMAL
        if text:
            self._set(0, len(text), self._f.code_block)
        return state

    def _front_matter_line(self, text: str, state: int) -> int:
        f = self._f
        stripped = text.rstrip()
        closing = stripped == "+++" if state == _TOML else stripped in ("---", "...")
        if closing:
            self._set(0, len(text), f.fm_delimiter)
            return _NORMAL
        if not stripped:
            return state
        self._set(0, len(text), f.fm_value)
        pos = 0
        if state == _YAML:
            m = self._YAML_KEY.match(text)
        else:
            m = self._TOML_TABLE.match(text) or self._TOML_KEY.match(text)
        if m is not None:
            self._set(m.start(1), m.end(1), f.fm_key)
            pos = m.end()
        if '"' in text or "'" in text or "#" in text:
            for token in self._FM_TOKEN.finditer(text, pos):
                if token.start(1) != -1:
                    self._set(token.start(), token.end(), f.fm_string)
                else:
                    self._set(token.start(), len(text), f.fm_comment)
                    break
        return state

    def _markdown_line(self, text: str) -> int:
        if not text or text.isspace():
            return _NORMAL
        f = self._f
        m = self._FENCE_OPEN.match(text)
        if m is not None:
            marker, info = m.group(1), m.group(2)
            if marker[0] == "~" or "`" not in info:
                self._set(m.start(1), m.end(1), f.fence)
                if info:
                    self._set(m.start(2), m.end(2), f.fence_info)
                return _FENCE + (min(len(marker), _MAX_FENCE) << 1) + (marker[0] == "~")
        pos = 0
        if self._code_family is not None and text.lstrip(" ").startswith("|"):
            self._set(0, len(text), f.table)
        m = self._QUOTE.match(text)
        if m is not None:
            self._set(0, len(text), f.quote)
            self._set(0, m.end(), f.markup)
            pos = m.end()
        m = self._HEADING.match(text, pos)
        if m is not None:
            self._set(pos, len(text), f.heading)
            self._set(m.start(1), m.end(1), f.heading_marker)
            return self._inline(text, m.end(), rich=False)
        if self._RULE.match(text, pos) is not None:
            self._set(pos, len(text), f.rule)
            return _NORMAL
        m = self._LIST.match(text, pos)
        if m is not None:
            self._set(m.start(1), m.end(1), f.list_marker)
            if m.start(2) != -1:
                self._set(m.start(2), m.end(2), f.list_marker)
            pos = m.end()
        elif "]:" in text:
            m = self._REF_DEF.match(text, pos)
            if m is not None:
                self._set(m.start(1), m.end(1), f.link_text)
                self._set(m.start(2), m.end(2), f.link_url)
                return _NORMAL
        return self._inline(text, pos, rich=True)

    def _inline(self, text: str, pos: int, rich: bool) -> int:
        """Colour spans from `pos` on; code spans and comments hide their contents from the rest."""
        f = self._f
        state = _NORMAL
        masked = text
        if "`" in text:
            parts: list[str] = []
            last = 0
            for m in self._CODE_SPAN.finditer(text, pos):
                self._set(m.start(), m.end(), f.code)
                parts.append(text[last:m.start()])
                parts.append(" " * (m.end() - m.start()))
                last = m.end()
            if parts:
                parts.append(text[last:])
                masked = "".join(parts)
        if "<!--" in masked:
            start = masked.find("<!--", pos)
            while start != -1:
                end = masked.find("-->", start + 4)
                if end == -1:
                    self._set(start, len(text), f.comment)
                    masked = masked[:start]
                    state = _HTML_COMMENT
                    break
                end += 3
                self._set(start, end, f.comment)
                masked = masked[:start] + " " * (end - start) + masked[end:]
                start = masked.find("<!--", end)
        if rich:
            if "**" in masked or "__" in masked:
                for m in self._STRONG.finditer(masked, pos):
                    self._span(m.start(), m.end(), 2, f.strong)
            if "*" in masked or "_" in masked:
                for m in self._EMPHASIS.finditer(masked, pos):
                    self._span(m.start(), m.end(), 1, f.emphasis)
            if "~~" in masked:
                for m in self._STRIKE.finditer(masked, pos):
                    self._span(m.start(), m.end(), 2, f.strike)
        if "://" in masked or "www." in masked:
            for m in self._BARE_URL.finditer(masked, pos):
                self._set(m.start(), m.end(), f.link_url)
        if "<" in masked:
            for m in self._AUTOLINK.finditer(masked, pos):
                self._set(m.start(), m.end(), f.markup)
                self._set(m.start() + 1, m.end() - 1, f.link_url)
        if "[" in masked:
            for m in self._LINK.finditer(masked, pos):
                bang = 1 if m.start() > pos and masked[m.start() - 1] == "!" else 0  # an image
                self._set(m.start() - bang, m.end(), f.markup)
                self._set(m.start(1), m.end(1), f.link_text)
                if m.start(2) != -1:
                    self._set(m.start(2), m.end(2), f.link_url)
                elif m.end(3) > m.start(3):
                    self._set(m.start(3), m.end(3), f.link_text)
        return state

    # --- helpers ---------------------------------------------------------------------------

    def _span(self, start: int, end: int, marker: int, fmt: QTextCharFormat) -> None:
        """Format a delimited span, its delimiters muted."""
        self._set(start, end, fmt)
        self._set(start, start + marker, self._f.markup)
        self._set(end - marker, end, self._f.markup)

    def _set(self, start: int, end: int, fmt: QTextCharFormat) -> None:
        """setFormat in Python string indices; Qt counts UTF-16 units, which differ past the BMP."""
        offsets = self._offsets
        if offsets is not None:
            start, end = offsets[start], offsets[end]
        if end > start:
            self.setFormat(start, end - start, fmt)

    @staticmethod
    def _utf16_offsets(text: str) -> list[int]:
        offsets = [0] * (len(text) + 1)
        unit = 0
        for i, char in enumerate(text):
            offsets[i] = unit
            unit += 2 if ord(char) > 0xFFFF else 1
        offsets[len(text)] = unit
        return offsets


__all__ = ["MarkdownHighlighter"]
