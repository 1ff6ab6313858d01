"""The GFM engine tries only the rules that can match where a character starts
(`gfm._ChoosingInline`, `gfm._ChoosingBlock`): its output must be what markdown-it's own parsers,
trying every rule everywhere, give, for every profile's extra rules too."""

from __future__ import annotations

from pathlib import Path

import pytest
from markdown_it.parser_block import ParserBlock
from markdown_it.parser_inline import ParserInline

from desktop_app.core.render import gfm
from desktop_app.core.render.gfm import GfmEngine
from desktop_app.core.render.profile import GOLDMARK, KRAMDOWN, PULLDOWN, SMARTYPANTS, RenderProfile
from tests.core.render.test_gfm_spec import all_examples

CORPORA = Path(__file__).resolve().parents[4] / "shared" / "corpora"
PROFILES = {
    "plain": None,
    "hugo": RenderProfile("hugo", "goldmark", typography=GOLDMARK, definition_lists=True, footnotes="goldmark",
                          heading_attributes=True, block_attributes=True, math=("$", "$$")),
    "jekyll": RenderProfile("jekyll", "kramdown", typography=KRAMDOWN, definition_lists=True,
                            footnotes="kramdown", block_attributes=True, math=("$$",)),
    "astro": RenderProfile("astro", "remark", typography=SMARTYPANTS, footnotes="remark", hard_wrap=True),
    "zola": RenderProfile("zola", "pulldown-cmark", typography=PULLDOWN, raw_html=False),
}
# What the spec leaves out: nesting deep enough to stop the parsers, and links whose labels hold
# every kind of inline mark (the label is skipped over token by token before the link is made).
EXTRA_BODIES = (
    "[" * 120 + "x" + "]" * 120 + "(/url)\n",
    "> " * 120 + "deep\n",
    "- " * 60 + "list\n",
    "*" * 80 + "a" + "*" * 80 + "\n",
    "[a `b]` <c> &amp; \\] ![i](j) *e* ~~s~~ <span>]</span>](/u) [^1] ^[inline]\n\n[^1]: note\n",
    "9. nine\n10. ten\n\n0) zero\n",
    "1. one\n2) two\n+ plus\n\n---\n***\n___\n# h {#id}\n\nTerm\n: def\n\n<div>\n*x*\n</div>\n",
)


def reference(engine: GfmEngine) -> GfmEngine:
    """`engine` with markdown-it's own parsers, every rule tried everywhere."""
    engine.body("[^1]")  # both of its MarkdownIt instances made
    engine.body("x")
    for md in (engine._md, engine._lean):
        md.inline.__class__ = ParserInline
        md.block.__class__ = ParserBlock
    return engine


def bodies() -> list[str]:
    texts = [example.markdown for example in all_examples()] + list(EXTRA_BODIES)
    if CORPORA.is_dir():  # the posts writers write: every corpus post's body
        for path in sorted(CORPORA.rglob("*.md"))[::4]:
            texts.append(path.read_text(encoding="utf-8", errors="replace"))
    return texts


@pytest.mark.parametrize("name", sorted(PROFILES))
def test_choosing_rules_renders_as_markdown_it(name: str) -> None:
    profile = PROFILES[name]
    choosing, plain = GfmEngine(profile=profile), reference(GfmEngine(profile=profile))
    assert isinstance(choosing._md.inline, gfm._ChoosingInline)
    texts = bodies()
    assert len(texts) > 600
    differing = [text[:80] for text in texts if choosing.body(text) != plain.body(text)]
    assert not differing, f"{len(differing)} bodies render differently, the first: {differing[0]!r}"


def test_a_rule_enabled_later_is_chosen_too() -> None:
    """markdown-it makes a new chain when a rule is enabled: the choice follows it."""
    engine = GfmEngine()
    assert "<code>" in engine.body("`code`\n")
    engine._lean.disable("backticks")
    assert engine.body("`text`\n") == "<p>`text`</p>\n"
    engine._lean.enable("backticks")
    assert "<code>" in engine.body("`code`\n")
