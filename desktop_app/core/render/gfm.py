"""CommonMark + GitHub Flavored Markdown → HTML, for sites built on remark, goldmark or markdown-it.

`GfmEngine.body(text)` renders a Markdown body with markdown-it-py in CommonMark mode plus GFM's
extensions: tables, strikethrough, autolinks (`www.`, `http(s)://`, e-mail), task lists,
footnotes and the tag filter ("disallowed raw HTML"). Its output agrees with GitHub's cmark-gfm
on the GFM spec examples (`tests/core/render/test_gfm_spec.py`, `scripts/gfm_spec_rate.py`).

Image sources go through the `resolve` hook (as `render.Renderer` does), and fenced code in a
language Pygments knows is highlighted with the same `codehilite` classes as Python-Markdown's
codehilite; other fences stay plain `<pre><code class="language-x">`. The engine holds a
MarkdownIt instance, which is not thread-safe: keep one per thread.
"""

from __future__ import annotations

import functools
import re
from typing import Any, Callable, Sequence

from markdown_it import MarkdownIt, rules_block, rules_inline
from markdown_it.common.utils import unescapeAll
from markdown_it.parser_block import ParserBlock
from markdown_it.parser_inline import ParserInline
from markdown_it.renderer import RendererHTML
from markdown_it.rules_block import StateBlock
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from markdown_it.rules_inline.html_inline import html_inline
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict
from mdit_py_plugins.footnote import footnote_plugin
import mdurl
from mdurl import encode as encode_url

from desktop_app.core.render import code_blocks
from desktop_app.core.render.profile import RenderProfile

UrlResolver = Callable[[str], str]

# GFM spec, "Disallowed Raw HTML (extension)": these tags get their `<` escaped.
FILTERED_TAGS = ("title", "textarea", "style", "xmp", "iframe", "noembed", "noframes", "script",
                 "plaintext")
_FILTERED = re.compile(r"<(?=/?(?:%s)(?:[\s>]|/>))" % "|".join(FILTERED_TAGS), re.IGNORECASE)


def filter_tags(raw_html: str, pattern: re.Pattern[str] = _FILTERED) -> str:
    """Raw HTML with the `<` of every disallowed tag (GFM's tag filter) escaped."""
    return pattern.sub("&lt;", raw_html)


def _filter_rule(tags: Sequence[str]) -> Callable[..., str]:
    pattern = re.compile(r"<(?=/?(?:%s)(?:[\s>]|/>))" % "|".join(tags), re.IGNORECASE)

    def render(renderer: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict,
               env: EnvType) -> str:
        return filter_tags(tokens[idx].content, pattern) if tags else tokens[idx].content
    return render


class GfmEngine:
    """CommonMark + GFM with Pygments highlighting of fenced code and an image-URL hook."""

    def __init__(self, resolve: UrlResolver | None = None, highlight: bool = True,
                 profile: RenderProfile | None = None, filtered: Sequence[str] = FILTERED_TAGS) -> None:
        """`profile`: a generator's extras (`extras.py`); `filtered`: the tags GFM's tag filter
        escapes (a generator that has no such filter: none)."""
        self.resolve: UrlResolver = resolve or (lambda url: url)
        self.highlight = highlight
        self._profile, self._filtered = profile, tuple(filtered)
        self._md = self._markdown_it(footnotes=True)
        self._lean: MarkdownIt | None = None  # the same without the footnote rules, made on first use
        self._formatter: Any = None  # Pygments' HtmlFormatter, made on the first highlighted block
        # The last blocks highlighted, by language and code: the preview renders the same post at
        # each pause in typing, and its code blocks seldom change (Pygments was most of a render's
        # time in a post with many blocks).
        self._blocks: dict[tuple[str, str], str] = {}

    def _markdown_it(self, footnotes: bool) -> MarkdownIt:
        md = MarkdownIt("commonmark", {
            "html": True,
            "tasklists": True,  # markdown-it-py >= 4.1: `- [ ] x` items get a disabled checkbox
            "strikethrough_single_tilde": True,  # GFM strikes `~one~` as well as `~~two~~`
        })
        md.enable(["table", "strikethrough"])
        md.inline.__class__ = _ChoosingInline  # the same parsers, trying only the rules that can match
        md.block.__class__ = _ChoosingBlock
        if footnotes:
            md.use(footnote_plugin, inline=False)
        # cmark percent-encodes link destinations but never punycodes host names.
        md.normalizeLink = lambda url: encode_url(url)  # type: ignore[method-assign]
        md.inline.ruler.at("html_inline", _html_inline_029)
        md.core.ruler.push("gfm_autolink", _autolink)
        for name, rule in _RENDER_RULES.items():
            md.add_render_rule(name, rule)
        md.add_render_rule("image", _image_rule(self))
        if self._filtered != FILTERED_TAGS:
            md.add_render_rule("html_block", _filter_rule(self._filtered))
            md.add_render_rule("html_inline", _filter_rule(self._filtered))
        if self.highlight:
            md.add_render_rule("fence", _fence_rule(self))
        profile = self._profile
        if profile is not None and not profile.is_plain:
            from desktop_app.core.render.extras import configure  # only sites whose generator needs them

            configure(md, profile)
        return md

    def body(self, markdown_text: str, env: dict[str, Any] | None = None) -> str:
        """The HTML fragment of a Markdown body (`env`: what the render rules leave for later,
        such as math formulas)."""
        md = self._md
        if "[^" not in markdown_text:
            # Every footnote, its definition and its references, starts with `[^`: without one
            # the footnote rules, tried at each `[` and each block, can only say no.
            if self._lean is None:
                self._lean = self._markdown_it(footnotes=False)
            md = self._lean
        return md.render(markdown_text, env if env is not None else {})

    def highlighted(self, code: str, lang: str) -> str:
        """Pygments HTML for code in a language Pygments knows, as Python-Markdown's codehilite
        writes it (`<div class="codehilite"><pre>…`); "" for an unknown or missing language."""
        lexer = _lexer(lang.lower()) if lang else None
        if lexer is None:
            return ""
        key = (lang.lower(), code)
        block = self._blocks.pop(key, None)
        if block is None:
            block = self._highlight(code, lexer)
            if len(self._blocks) >= _KEPT_BLOCKS:
                del self._blocks[next(iter(self._blocks))]  # the one used longest ago
        self._blocks[key] = block
        return block

    def _highlight(self, code: str, lexer: Any) -> str:
        from pygments import highlight

        if self._formatter is None:
            # Made once per renderer (one per thread): building its style table took a third of
            # the time of highlighting a block.
            from pygments.formatters.html import HtmlFormatter
            self._formatter = HtmlFormatter(cssclass="codehilite", wrapcode=True)
        return highlight(code, lexer, self._formatter)


_KEPT_BLOCKS = 256  # a long post's blocks; a different post's replace them


@functools.lru_cache(maxsize=64)
def _lexer(lang: str) -> Any:
    """The lexer for a fence's language, looked up once (lexers keep no state between texts)."""
    from desktop_app.core.render.page import pygments_lexer  # Pygments loaded one thread at a time

    return pygments_lexer(lang)



def _fill_url_tables() -> None:
    """mdurl builds each of its lookup tables on first use and publishes it before it is filled:
    two workers making their first link at once (the preview's render and the review's rendered
    diff) could read a half-built one (IndexError in `encode`). They are built here instead, while
    this module is imported (one thread at a time), for every table markdown-it and this module use."""
    mdurl.encode("")
    for exclude in (mdurl.DECODE_DEFAULT_CHARS, mdurl.DECODE_DEFAULT_CHARS + "%"):
        mdurl.decode("", exclude)


_fill_url_tables()

# -- raw HTML: GFM 0.29 comments and the tag filter --------------------------------------------

def _html_inline_029(state: StateInline, silent: bool) -> bool:
    """markdown-it's inline HTML, except that comments follow the GFM 0.29 rules (the text may not
    start with `>` or `->`, end with `-`, or contain `--`), which newer CommonMark relaxed."""
    src, pos = state.src, state.pos
    if src[pos] != "<":
        return False  # most calls: the rules are tried at every `*`, `[`, `` ` ``, `!` … of the text
    if src.startswith("<!--", pos):
        end = src.find("-->", pos + 4)
        if end < 0:
            return False
        text = src[pos + 4:end]
        if text.startswith((">", "->")) or text.endswith("-") or "--" in text:
            return False
    return html_inline(state, silent)


def _render_raw_html(renderer: RendererHTML, tokens: Sequence[Token], idx: int,
                     options: OptionsDict, env: EnvType) -> str:
    return filter_tags(tokens[idx].content)


# -- rules tried only where they can match ---------------------------------------------------

class _RuleTable(dict):  # type: ignore[type-arg] - str → list of rules
    """For one chain of a parser's rules: which of them can match where a given character starts.

    markdown-it tries its inline rules in turn at each mark of the text (each `*`, `[`, `` ` ``,
    `<`, `&` …) and its block rules at each block's first line, and most of them say no at once,
    having looked only at that first character. `starts` names, for some rule functions, the only
    characters they can start at; the others (plugins', a site's extras) are tried at every
    character, as markdown-it tries them. markdown-it's text rule takes a run of characters that
    are not marks: with `stops` (the marks' pattern, markdown-it-py 4.3 on) it is not tried at a
    mark. The rules keep their order; a character's list is made the first time it is met."""

    def __init__(self, rules: list[Callable[..., bool]], starts: dict[Callable[..., bool], str],
                 stops: re.Pattern[str] | None = None) -> None:
        super().__init__()
        self.rules, self.stops, self._starts = rules, stops, starts

    def __missing__(self, char: str) -> list[Callable[..., bool]]:
        chosen = self[char] = [rule for rule in self.rules if self._may_start(rule, char)]
        return chosen

    def _may_start(self, rule: Callable[..., bool], char: str) -> bool:
        if rule is rules_inline.text and self.stops is not None:
            return not self.stops.match(char)
        return char in self._starts.get(rule, char)


_INLINE_STARTS: dict[Callable[..., bool], str] = {
    rules_inline.linkify: ":", rules_inline.newline: "\n", rules_inline.escape: "\\",
    rules_inline.backtick: "`", rules_inline.strikethrough.tokenize: "~", rules_inline.emphasis.tokenize: "_*",
    rules_inline.link: "[", rules_inline.image: "!", rules_inline.autolink: "<", rules_inline.html_inline: "<",
    _html_inline_029: "<", rules_inline.entity: "&",
}
# At the first character that is not a space of the block's first line (its indent aside, which
# only the indented-code rule reads: it is tried at every line).
_BLOCK_STARTS: dict[Callable[..., bool], str] = {
    rules_block.fence: "`~", rules_block.blockquote: ">", rules_block.hr: "*-_",
    rules_block.list_block: "*-+0123456789", rules_block.reference: "[", rules_block.html_block: "<",
    rules_block.heading: "#",
}


def _table(parser: ParserInline | ParserBlock, starts: dict[Callable[..., bool], str]) -> _RuleTable:
    """The rule table of the parser's current chain and marks (markdown-it makes a new chain when
    a rule is enabled or disabled, and a new pattern when a mark is added)."""
    rules = parser.ruler.getRules("")
    stops = getattr(parser, "terminator_re", None)
    table = parser.__dict__.get("_pd_rule_table")
    if table is None or table.rules is not rules or table.stops is not stops:
        table = parser.__dict__["_pd_rule_table"] = _RuleTable(rules, starts, stops)
    return table


class _ChoosingInline(ParserInline):
    """markdown-it's inline parser, its loops as in markdown-it-py 4 except that at each position
    only the rules that can start at its character are tried (`_RuleTable`): the same tokens, in
    about 8 % less of the engine's CPU time over the corpora (docs/performance.md)."""

    def tokenize(self, state: StateInline) -> None:
        table = _table(self, _INLINE_STARTS)
        src, end = state.src, state.posMax
        max_nesting = state.md.options["maxNesting"]
        while state.pos < end:
            pos = state.pos
            ok = False
            if state.level < max_nesting:
                for rule in table[src[pos]]:
                    ok = rule(state, False)
                    if ok:
                        if state.pos <= pos:
                            raise RuntimeError("inline rule didn't increment state.pos")
                        break
            if ok:
                if state.pos >= end:
                    break
                continue
            state.append_pending(src[state.pos])
            state.pos += 1
        if state.pending:
            state.pushPending()

    def skipToken(self, state: StateInline) -> None:  # noqa: N802 - markdown-it's name
        pos, cache = state.pos, state.cache
        if pos in cache:
            state.pos = cache[pos]
            return
        ok = False
        if state.level < state.md.options["maxNesting"]:
            for rule in _table(self, _INLINE_STARTS)[state.src[pos]]:
                state.level += 1
                ok = rule(state, True)
                state.level -= 1
                if ok:
                    if state.pos <= pos:
                        raise RuntimeError("inline rule didn't increment state.pos")
                    break
        else:
            state.pos = state.posMax  # too deeply nested: the rest of the paragraph is skipped
        if not ok:
            state.pos += 1
        cache[pos] = state.pos


class _ChoosingBlock(ParserBlock):
    """markdown-it's block parser, trying at each block only the rules that can start at its
    first character (see `_ChoosingInline`)."""

    def tokenize(self, state: StateBlock, startLine: int, endLine: int) -> None:  # noqa: N803
        table = _table(self, _BLOCK_STARTS)
        src, line = state.src, startLine
        max_nesting = state.md.options.maxNesting
        has_empty_lines = False
        while line < endLine:
            state.line = line = state.skipEmptyLines(line)
            if line >= endLine:
                break
            if state.sCount[line] < state.blkIndent:
                break  # the end of a nested block (a blockquote's, a list item's)
            if state.level >= max_nesting:
                state.line = endLine  # too deeply nested: the rest is skipped
                break
            ok = False
            for rule in table[src[state.bMarks[line] + state.tShift[line]]]:
                ok = rule(state, line, endLine, False)
                if ok:
                    if state.line <= line:
                        raise RuntimeError("block rule didn't increment state.line")
                    break
            if not ok:
                raise RuntimeError("none of the block rules matched")
            state.tight = not has_empty_lines  # an empty line before this block makes a list loose
            line = state.line
            if (line - 1) < endLine and state.isEmpty(line - 1):
                has_empty_lines = True  # a paragraph may take one empty line after it in nested lists
            if line < endLine and state.isEmpty(line):
                has_empty_lines = True
                line += 1
                state.line = line


# -- output spelled as cmark-gfm spells it -----------------------------------------------------

def _cell_open(renderer: RendererHTML, tokens: Sequence[Token], idx: int,
               options: OptionsDict, env: EnvType) -> str:
    token = tokens[idx]
    style = token.attrGet("style")
    if isinstance(style, str) and style.startswith("text-align:"):
        token.attrs.pop("style")
        token.attrSet("align", style.split(":", 1)[1])
    return renderer.renderToken(tokens, idx, options, env)


def _list_item_open(renderer: RendererHTML, tokens: Sequence[Token], idx: int,
                    options: OptionsDict, env: EnvType) -> str:
    token = tokens[idx]
    token.attrs.pop("class", None)
    result = renderer.renderToken(tokens, idx, options, env)
    if token.meta and "checked" in token.meta:
        result += '<input type="checkbox" disabled=""%s> ' % (' checked=""' if token.meta["checked"] else "")
    return result


def _list_open(renderer: RendererHTML, tokens: Sequence[Token], idx: int,
               options: OptionsDict, env: EnvType) -> str:
    tokens[idx].attrs.pop("class", None)
    return renderer.renderToken(tokens, idx, options, env)


def _tag(html: str) -> Callable[..., str]:
    def render(renderer: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict,
               env: EnvType) -> str:
        return html
    return render


def _footnote_caption(renderer: RendererHTML, tokens: Sequence[Token], idx: int,
                      options: OptionsDict, env: EnvType) -> str:
    return str(tokens[idx].meta["id"] + 1)


def _footnote_open(renderer: RendererHTML, tokens: Sequence[Token], idx: int,
                   options: OptionsDict, env: EnvType) -> str:
    return '<li id="fn%s">' % renderer.rules["footnote_anchor_name"](tokens, idx, options, env)


def _footnote_anchor(renderer: RendererHTML, tokens: Sequence[Token], idx: int,
                     options: OptionsDict, env: EnvType) -> str:
    ident = renderer.rules["footnote_anchor_name"](tokens, idx, options, env)
    if tokens[idx].meta.get("subId", 0) > 0:
        ident += ":%d" % tokens[idx].meta["subId"]
    return ' <a href="#fnref%s" class="footnote-backref">\u21a9</a>' % ident


_RENDER_RULES: dict[str, Callable[..., str]] = {
    "html_block": _render_raw_html,
    "html_inline": _render_raw_html,
    "th_open": _cell_open,
    "td_open": _cell_open,
    "list_item_open": _list_item_open,
    "bullet_list_open": _list_open,
    "ordered_list_open": _list_open,
    "s_open": _tag("<del>"),
    "s_close": _tag("</del>"),
    "footnote_caption": _footnote_caption,
    "footnote_block_open": _tag('<section class="footnotes">\n<ol>\n'),
    "footnote_open": _footnote_open,
    "footnote_anchor": _footnote_anchor,
}


# markdown-it's own fence: escaped text in `<pre><code>`, with a language class spelled the same
# by the cleaner (no character its serialiser escapes differently in an attribute).
_PLAIN_FENCE = re.compile(r'<pre><code(?: class="language-[A-Za-z0-9_+.#-]+")?>')


def _fence_rule(engine: GfmEngine) -> Callable[..., str]:
    """A render rule for fenced code: highlighted when Pygments knows the language, else plain."""
    def render_fence(renderer: RendererHTML, tokens: Sequence[Token], idx: int,
                     options: OptionsDict, env: EnvType) -> str:
        token = tokens[idx]
        words = unescapeAll(token.info).split(maxsplit=1)  # as markdown-it reads it: `&nbsp;` is no name
        lang = words[0] if words else ""
        block = engine.highlighted(token.content, lang)
        if not block:
            block = renderer.fence(tokens, idx, options, env)
            if not _PLAIN_FENCE.match(block):
                return block  # a language name the cleaner may spell differently: it reads the block
        return code_blocks.stash(env, block) or block  # the render's cleaner need not read it
    return render_fence


def _image_rule(engine: GfmEngine) -> Callable[..., str]:
    """A render rule (markdown-it binds it to its renderer) that passes `src` through `resolve`."""
    def render_image(renderer: RendererHTML, tokens: Sequence[Token], idx: int,
                     options: OptionsDict, env: EnvType) -> str:
        token = tokens[idx]
        src = token.attrGet("src")
        if isinstance(src, str):
            token.attrSet("src", engine.resolve(src))
        return renderer.image(tokens, idx, options, env)
    return render_image


# -- GFM autolinks (extension): www., http(s)://, ftp:// and e-mail addresses in text ----------

# A domain character: ASCII letters, digits, `_` and `-`, and any non-ASCII character (as cmark-gfm
# accepts). Spelled as the ASCII it excludes: with the range up to U+10FFFF spelled out, compiling
# the autolink pattern took 15 ms of each `postdesk render`'s start.
_DCH = r"[^\x00-\x2c./:-@\[-^`{-\x7f]"
_DOMAIN = r"%s+(?:\.%s+)*" % (_DCH, _DCH)
_AUTOLINK = re.compile(
    r"(?P<www>(?<![^\s*_~(])www\.%s[^\s<]*)"
    r"|(?P<url>(?<![A-Za-z])(?:https?|ftp)://%s[^\s<]*)"
    r"|(?P<email>(?<![A-Za-z0-9_.+-])[A-Za-z0-9_.+-]+@[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)+"
    r"(?![@A-Za-z0-9_-]))" % (_DOMAIN, _DOMAIN),
)
_HOST = re.compile(r"(?:%s|\.)*" % _DCH)
_ENTITY_TAIL = re.compile(r"&[A-Za-z0-9]+;$")


def _trim_link(text: str, host_start: int) -> str:
    """The autolink without its trailing punctuation, unbalanced `)` and entity-like `&x;`."""
    while text:
        last = text[-1]
        if last in "?!.,:*_~'\"":
            text = text[:-1]
        elif last == ")" and text.count(")") > text.count("("):
            text = text[:-1]
        elif last == ";" and (m := _ENTITY_TAIL.search(text)):
            text = text[:m.start()]
        else:
            break
    host = _HOST.match(text, host_start).group(0)  # type: ignore[union-attr]
    parts = host.rstrip(".").split(".")
    if not host or "_" in "".join(parts[-2:]):
        return ""
    return text


def _find_links(text: str) -> list[tuple[int, int, str]]:
    if "www." not in text and "://" not in text and "@" not in text:
        return []  # what each kind of autolink must contain: most text has none, and the regex is slow
    found = []
    for m in _AUTOLINK.finditer(text):
        kind = m.lastgroup
        if kind == "email":
            label = m.group(0).rstrip(".")
            if label[-1] in "-_" or "." not in label.split("@", 1)[1]:
                continue
            found.append((m.start(), m.start() + len(label), "mailto:" + label))
            continue
        label = _trim_link(m.group(0), 0 if kind == "www" else m.group(0).index("//") + 2)
        if label:
            found.append((m.start(), m.start() + len(label),
                          ("http://" + label) if kind == "www" else label))
    return found


def _autolink(state: StateCore) -> None:
    src = state.src
    if "www." not in src and "://" not in src and "@" not in src and "&" not in src and "\\" not in src:
        return  # no text can hold an autolink: it holds what the source does, or an escape's or entity's character
    md = state.md
    for block in state.tokens:
        if block.type != "inline" or not block.children:
            continue
        children: list[Token] = []
        in_link = 0
        for token in block.children:
            if token.type == "link_open":
                in_link += 1
            elif token.type == "link_close":
                in_link -= 1
            if token.type != "text" or in_link or not token.content:
                children.append(token)
                continue
            text, pos = token.content, 0
            for start, end, url in _find_links(text):
                href = md.normalizeLink(url)
                if not md.validateLink(href):
                    continue
                if start > pos:
                    children.append(_text(text[pos:start], token.level))
                link = Token("link_open", "a", 1, attrs={"href": href}, markup="autolink",
                             info="auto", level=token.level)
                children += [link, _text(text[start:end], token.level + 1),
                             Token("link_close", "a", -1, markup="autolink", info="auto",
                                   level=token.level)]
                pos = end
            if pos == 0:
                children.append(token)
            elif pos < len(text):
                children.append(_text(text[pos:], token.level))
        block.children = children


def _text(content: str, level: int) -> Token:
    return Token("text", "", 0, content=content, level=level)
