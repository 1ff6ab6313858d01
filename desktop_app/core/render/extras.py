"""The parts of a generator's Markdown that plain CommonMark + GFM lacks, added to the engine a
profile asks for (`GfmEngine(profile=…)`; a plain profile adds none of them, so plain GFM sites
render exactly as before and as fast).

- definition lists (goldmark's `definitionList`, kramdown, markdown-it-deflist);
- footnotes written as goldmark (`<div class="footnotes"><hr><ol>`, a no-break space before
  `↩︎`), kramdown or remark (a "Footnotes" heading) write them;
- heading attributes `## Title {#id .class}` and block attributes / kramdown IALs
  (`{: #id .class}` on the line after a block);
- raw HTML left out when the site does not allow it (Hugo's default: `<!-- raw HTML omitted -->`);
- hard line wraps, smart punctuation (`typography.py`) and math (`math.py`).
"""

from __future__ import annotations

import re
from typing import Sequence

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict

from desktop_app.core.render import math, typography
from desktop_app.core.render.profile import RenderProfile

OMITTED = "<!-- raw HTML omitted -->"
_ATTRIBUTES = re.compile(r"[ \t]*\{(?P<body>[#.:][^{}\n]*|[^{}\n]*=[^{}\n]*)\}[ \t]*$")
_IAL_LINE = re.compile(r"^\{:?[ \t]*(?P<body>[^{}\n]*)\}[ \t]*$")
_ATTRIBUTE = re.compile(r"""#(?P<id>[\w:-]+)|\.(?P<class>[\w-]+)|(?P<key>[\w:-]+)=(?P<value>"[^"]*"|'[^']*'|\S+)""")


def configure(md: MarkdownIt, profile: RenderProfile) -> None:
    """Add what `profile` needs to `md`, a CommonMark + GFM MarkdownIt (`gfm.GfmEngine`)."""
    if profile.definition_lists:
        from mdit_py_plugins.deflist import deflist_plugin

        md.use(deflist_plugin)
    if profile.hard_wrap:
        md.options["breaks"] = True
    if profile.math:
        math.install(md, profile.math)
    if profile.typography:
        quotes = ""
        site = profile.data.get("site") if isinstance(profile.data, dict) else None
        if isinstance(site, dict) and isinstance(site.get("kramdown"), dict):
            quotes = str(site["kramdown"].get("smart_quotes") or "")
        typography.install(md, profile.typography, quotes)
    if profile.heading_attributes or profile.block_attributes:
        md.core.ruler.push("pd_attributes", _attributes_rule(profile.heading_attributes, profile.block_attributes))
    if not profile.raw_html:
        md.add_render_rule("html_block", _omit_block)
        md.add_render_rule("html_inline", _omit_inline)
    if profile.footnotes != "gfm":
        _footnote_style(md, profile.footnotes)


# -- raw HTML left out (goldmark without `unsafe`), Postdesk's own placeholders kept --------------

_CHIP = re.compile(r'^<span class="pd-placeholder" title="[^"<>]*" data-kind="[^"<>]*">$')


def _omit_block(renderer: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict,
                env: EnvType) -> str:
    return OMITTED + "\n"


def _omit_inline(renderer: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict,
                 env: EnvType) -> str:
    """The writer's raw HTML is left out as the site leaves it out; the placeholder chips
    (`placeholders.py`), which are Postdesk's, stay: a chip's `</span>` closes the chip just opened."""
    content = tokens[idx].content
    if _CHIP.match(content):
        env["pd_chips"] = env.get("pd_chips", 0) + 1
        return content
    if content == "</span>" and env.get("pd_chips", 0) > 0:
        env["pd_chips"] -= 1
        return content
    return OMITTED


# -- attributes --------------------------------------------------------------------------------

def parse_attributes(body: str) -> dict[str, str]:
    """`#id .a .b key=value` as HTML attributes."""
    found: dict[str, str] = {}
    classes: list[str] = []
    for match in _ATTRIBUTE.finditer(body):
        if match.group("id"):
            found["id"] = match.group("id")
        elif match.group("class"):
            classes.append(match.group("class"))
        elif match.group("key"):
            found[match.group("key")] = match.group("value").strip("\"'")
    if classes:
        found["class"] = " ".join(classes)
    return found


def _attributes_rule(headings: bool, blocks: bool):  # -> core rule
    def rule(state: StateCore) -> None:
        tokens = state.tokens
        index = 0
        while index < len(tokens):
            token = tokens[index]
            if token.type == "inline" and index > 0 and token.children:
                opener = tokens[index - 1]
                if headings and opener.type == "heading_open":
                    _trailing_attributes(token, opener)
                elif blocks and opener.type == "paragraph_open" and _block_attributes(state, index):
                    continue
            index += 1
    return rule


def _trailing_attributes(inline: Token, opener: Token) -> None:
    """`## Title {#id .class}`: the braces go, the attributes go on the heading."""
    last = inline.children[-1] if inline.children else None
    if last is None or last.type != "text" or "{" not in last.content:
        return
    match = _ATTRIBUTES.search(last.content)
    if match is None:
        return
    last.content = last.content[:match.start()].rstrip()
    inline.content = inline.content[:len(inline.content) - len(match.group(0))].rstrip() \
        if inline.content.endswith(match.group(0).rstrip()) else inline.content
    for name, value in parse_attributes(match.group("body")).items():
        opener.attrSet(name, value)


def _block_attributes(state: StateCore, index: int) -> bool:
    """A paragraph that is only `{: .class}` gives its attributes to the block before it and goes
    (True: the tokens moved); a last line `{: .class}` in a paragraph gives them to the paragraph."""
    tokens = state.tokens
    inline = tokens[index]
    lines = inline.content.split("\n")
    first = _IAL_LINE.match(lines[0].strip()) if len(lines) > 1 else None
    if first is not None:  # `{: .lead}` then the paragraph it is for
        children = inline.children or []
        cut = next((i for i, child in enumerate(children) if child.type in ("softbreak", "hardbreak")), None)
        if cut is not None:
            inline.children = children[cut + 1:]
            inline.content = "\n".join(lines[1:])
            for name, value in parse_attributes(first.group("body")).items():
                tokens[index - 1].attrSet(name, value)
            lines = lines[1:]
    match = _IAL_LINE.match(lines[-1].strip())
    if match is None:
        return False
    attributes = parse_attributes(match.group("body"))
    if len(lines) == 1:
        target = _previous_block(tokens, index - 1)
        if target is not None:
            for name, value in attributes.items():
                target.attrSet(name, value)
        del tokens[index - 1:index + 2]  # paragraph_open, inline, paragraph_close
        return True
    children = inline.children or []
    cut = max((i for i, child in enumerate(children) if child.type in ("softbreak", "hardbreak")), default=-1)
    if cut < 0:
        return False
    inline.children = children[:cut]
    inline.content = "\n".join(lines[:-1])
    for name, value in attributes.items():
        tokens[index - 1].attrSet(name, value)
    return False


def _previous_block(tokens: Sequence[Token], before: int) -> Token | None:
    """The opening token of the block that ends right before `tokens[before]`."""
    if before <= 0:
        return None
    closing = tokens[before - 1]
    if closing.nesting == 0:
        return closing  # a fence, a code block, a rule
    depth = 0
    for position in range(before - 1, -1, -1):
        depth += tokens[position].nesting
        if depth == 0:
            return tokens[position]
    return None


# -- footnotes ---------------------------------------------------------------------------------

def _footnote_style(md: MarkdownIt, style: str) -> None:
    """Footnotes spelled as the generator spells them (the list's wrapper and the back link)."""
    if style == "goldmark":
        block, back = '<div class="footnotes" role="doc-endnotes">\n<hr>\n<ol>\n', "\u00a0"
        arrow, close = "\u21a9\ufe0e", "</ol>\n</div>\n"
    elif style == "kramdown":
        block, back, arrow, close = '<div class="footnotes" role="doc-endnotes">\n<ol>\n', "\u00a0", "\u21a9", \
            "</ol>\n</div>\n"
    else:  # remark
        block = ('<section data-footnotes class="footnotes"><h2 class="sr-only" id="footnote-label">'
                 'Footnotes</h2>\n<ol>\n')
        back, arrow, close = " ", "\u21a9", "</ol>\n</section>\n"

    def anchor(renderer: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict,
               env: EnvType) -> str:
        ident = renderer.rules["footnote_anchor_name"](tokens, idx, options, env)
        if tokens[idx].meta.get("subId", 0) > 0:
            ident += ":%d" % tokens[idx].meta["subId"]
        return f'{back}<a href="#fnref{ident}" class="footnote-backref">{arrow}</a>'

    md.add_render_rule("footnote_block_open", lambda *args: block)
    md.add_render_rule("footnote_block_close", lambda *args: close)
    md.add_render_rule("footnote_anchor", anchor)
