"""A contributed post cannot make the preview run, fetch or navigate anything; its text survives."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from desktop_app.core.render.pipeline import Renderer
from desktop_app.core.render.sanitize import css_fetches, sanitize, url_scheme
from desktop_app.core.site.config import FLAVORS
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


def test_comments_end_where_a_browser_ends_them() -> None:
    """`<!-->` and `<!--->` close at once in a browser, `--!>` closes a comment, while Python's
    parser reads on to the next `-->`: the comment is re-spelled so that both read one comment."""
    for hostile in ('<!--><img src=x onerror="alert(1)">-->', '<!---><img src=x onerror="alert(1)">-->',
                    '<!-- a --!><img src=x onerror="alert(1)">-->'):
        cleaned = sanitize(hostile)
        assert cleaned.startswith("<!-- ") and cleaned.endswith("-->") and cleaned.count("-->") == 1, cleaned
        assert "--!>" not in cleaned and not cleaned.startswith(("<!-->", "<!--->"))
    assert sanitize("<!-- more -->") == "<!-- more -->"


def test_text_never_carries_a_raw_angle_bracket() -> None:
    """What Python's parser leaves as text (an unfinished tag at the end, a comment never closed)
    must stay text for a browser too, even with more markup after it on the page."""
    assert sanitize('<p>x</p><img src=x onerror="alert(1)"') == '<p>x</p>&lt;img src=x onerror="alert(1)"'
    assert sanitize("<!-- open <img src=x onerror=alert(1)>") == "&lt;!-- open &lt;img src=x onerror=alert(1)>"


@pytest.mark.parametrize("href", ["java&#9;script:alert(1)", "java&#10;script:alert(1)", "&#1;javascript:alert(1)",
                                  "jav&#x0D;ascript:alert(1)", " \tjavascript:alert(1)", "javascript&colon;alert(1)",
                                  "java&amp;#9;script:alert(1)"])
def test_script_urls_hidden_by_whitespace_or_entities_are_dropped(href: str) -> None:
    assert sanitize(f'<a href="{href}">x</a>') == "<a>x</a>"


def test_url_scheme_reads_as_a_browser_does() -> None:
    assert url_scheme("java\tscript:x") == "javascript"
    assert url_scheme("\x01 HTTPS://x") == "https"
    assert url_scheme("images/a:b.png") is None
    assert url_scheme("/posts/x") is None


@pytest.mark.parametrize("style", [
    "background-image:u\\72l(http://h/x)", "background-image:\\75 \\52 \\4c(http://h/x)",
    "background:ur\\l(http://h/x)", "background-image:image-set('http://h/x' 1x)",
    "background-image:-webkit-image-set('http://h/x' 1x)", "background:u/**/rl(http://h/x)",
    "list-style:image('http://h/x')", "background:cross-fade(url(http://h/x), red)",
    "width:expression(alert(1))", "background:src('http://h/x')",
])
def test_inline_styles_that_fetch_are_dropped(style: str) -> None:
    assert css_fetches(style)
    assert sanitize(f'<p style="{style}">kept</p>') == "<p>kept</p>"


def test_plain_inline_styles_stay() -> None:
    fragment = '<p style="color: #c00; text-align: center">kept</p>'
    assert sanitize(fragment) == fragment


def test_attributes_hidden_from_a_quick_reading_are_still_checked() -> None:
    assert sanitize('<img src="x"/onerror=alert(1)>') == '<img src="x">'
    assert sanitize('<a href="https://example.com" target="_blank">x</a>') == '<a href="https://example.com">x</a>'


def test_raw_html_images_resolve_like_markdown_images() -> None:
    resolve = {"/images/x.svg": "file:///site/public/images/x.svg"}.get
    assert sanitize('<p><img src="/images/x.svg" alt="d"></p>', lambda url: resolve(url, url)) == \
        '<p><img src="file:///site/public/images/x.svg" alt="d"></p>'
    assert sanitize('<img src="/other.png">', lambda url: resolve(url, url)) == '<img src="/other.png">'


@pytest.mark.parametrize("flavor", FLAVORS)
@pytest.mark.parametrize("corpus", ["hugo-docs", "jekyll-posts", "github-explore"])
def test_real_posts_lose_no_visible_text_to_the_sanitizer(corpus: str, flavor: str) -> None:
    """Real posts carry raw HTML examples; sanitizing keeps every word a reader would see."""
    renderer = Renderer(flavor)
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
