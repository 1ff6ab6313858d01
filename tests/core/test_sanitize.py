"""A contributed post cannot make the preview run, fetch or navigate anything; its text survives."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from desktop_app.core.render import Renderer
from desktop_app.core.sanitize import sanitize
from desktop_app.core.site import FLAVORS
from tests.core.corpus import markdown_files

HOSTILE = """\
Before.

<script>alert(1)</script>

<img src="x.png" onerror="alert(2)" onload='alert(3)'>

[click](javascript:alert(4)) <a href=" JaVaScRiPt:alert(5)">spaced</a> <a href="vbscript:x">vb</a>

<iframe src="https://evil.example/"></iframe>
<object data="evil.swf"></object><embed src="evil.swf">

<form action="https://evil.example/"><button formaction="https://evil.example/">Send</button>kept text</form>

<meta http-equiv="refresh" content="0;url=https://evil.example/">
<link rel="stylesheet" href="https://evil.example/x.css">
<style>body { background: url(https://evil.example/track.png) }</style>
<p style="background: url('https://evil.example/t.png')">styled</p>
<img srcset="https://evil.example/a.png 2x" src="ok.png">
<svg onload="alert(6)"><circle r="1"/></svg>

After.
"""


@pytest.mark.parametrize("flavor", FLAVORS)
def test_a_hostile_post_is_inert_and_keeps_its_text(flavor: str) -> None:
    body = Renderer(flavor).render(HOSTILE).body_html.lower()
    # (GFM refuses a `javascript:` link target and leaves the whole link as text: harmless.)
    for forbidden in ("<script", "onerror", "onload", 'href="javascript:', 'href=" javascript:', 'href="vbscript:',
                      "<iframe", "<object", "<embed",
                      "<form", "formaction", "<meta", "<link", "<style", "style=\"background: url", "srcset", "<svg"):
        assert forbidden not in body, forbidden
    for kept in ("before.", "after.", "kept text", "styled", "click", "spaced", 'src="ok.png"', 'src="x.png"'):
        assert kept in body, kept


def test_safe_html_passes_through_byte_for_byte() -> None:
    fragment = ('<p>Text &amp; <em>more</em> &#169; <a href="https://example.com/?a=1&amp;b=2" title="t">link</a> '
                '<a href="#fn:1">1</a> <img alt="a" src="data:image/png;base64,AAAA"></p>\n'
                '<div class="codehilite"><pre><span></span><code><span class="k">def</span> f():\n</code></pre></div>\n'
                '<ul><li><input type="checkbox" disabled="" checked=""> done</li></ul>')
    assert sanitize(fragment) == fragment


def test_data_urls_are_only_for_images() -> None:
    assert sanitize('<a href="data:text/html,x">a</a>') == "<a>a</a>"
    assert 'src="data:image/png' in sanitize('<img src="data:image/png;base64,AA">')


@pytest.mark.parametrize("corpus", ["hugo-docs", "jekyll-posts"])
def test_real_posts_lose_no_visible_text_to_the_sanitizer(corpus: str) -> None:
    """Real posts carry raw HTML examples; sanitizing keeps every word a reader would see."""
    renderer = Renderer()
    changed = []
    for path in markdown_files(corpus):
        raw = renderer.body(path.read_text(encoding="utf-8"))
        if visible_words(sanitize(raw)) != visible_words(raw):
            changed.append(path.name)
    assert changed == []


class _Words(HTMLParser):
    """The words a browser shows: text outside elements that never display their content."""

    HIDDEN = {"script", "style", "iframe", "object", "embed", "svg", "template", "noscript", "frameset"}

    def __init__(self) -> None:
        super().__init__()
        self.words: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.hidden += tag in self.HIDDEN

    def handle_endtag(self, tag: str) -> None:
        self.hidden -= tag in self.HIDDEN and self.hidden > 0

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.words += data.split()


def visible_words(fragment: str) -> list[str]:
    parser = _Words()
    parser.feed(fragment)
    return parser.words
