"""A contributed post cannot make the preview run, fetch or navigate anything; its text survives."""

from __future__ import annotations

import html5lib
import pytest

from desktop_app.core.render.pipeline import Renderer
from desktop_app.core.render.sanitize import _state, css_fetches, safe_url, sanitize, url_scheme
from desktop_app.core.site.config import FLAVORS
from tests.core.corpus import markdown_files
from tests.helpers.inert import active

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


SAFE = ('<p>Text &amp; <em>more</em> &#169; &nbsp;&lt;tag&gt; <a href="https://example.com/?a=1&amp;b=2" title="t">link</a> '
        '<a href="#fn:1" class="footnote-ref">1</a> <img alt="a" src="data:image/png;base64,AAAA"> <kbd>K</kbd> '
        '<mark>m</mark> H<sub>2</sub>O x<sup id="fnref:1">2</sup> <span class="pd-placeholder" title="Hugo shortcode" '
        'data-kind="Hugo shortcode">x</span> <abbr title="HyperText">HTML</abbr> <del>old</del><ins>new</ins></p>\n'
        '<h2 id="setup">Setup</h2>\n'
        '<div class="codehilite"><pre><span></span><code><span class="k">def</span> f():\n    <span class="k">pass</span>\n'
        '</code></pre></div>\n'
        '<ul class="task-list"><li class="task-list-item"><input type="checkbox" disabled checked> done</li></ul>\n'
        '<table><thead><tr><th align="left">a</th><th style="text-align: right">b</th></tr></thead>'
        '<tbody><tr><td align="left">1</td><td style="text-align: right">2</td></tr></tbody></table>\n'
        '<details open><summary>More</summary><p>Inside.</p></details>\n'
        '<div class="footnote"><hr><ol><li id="fn:1"><p>Note.&#160;<a class="footnote-backref" href="#fnref:1" '
        'title="Jump back">&#8617;</a></p></li></ol></div>\n<!-- more -->\n<pre>\n\n  indented\n</pre>')


def test_safe_html_keeps_every_element_attribute_and_character() -> None:
    """What the preview needs (code colours, heading and footnote ids, placeholders' chips, task
    list checkboxes, table alignment, images, comments) reaches the page as the browser would
    have built it from the fragment itself, text included character for character."""
    assert tree(sanitize(SAFE)) == tree(SAFE)


def test_text_only_fragments_are_returned_as_they_are() -> None:
    text = "Plain &amp; simple &#169; text, no markup."
    assert sanitize(text) is text


def test_data_urls_are_only_for_images() -> None:
    assert sanitize('<a href="data:text/html,x">a</a>') == "<a>a</a>"
    assert 'src="data:image/png' in sanitize('<img src="data:image/png;base64,AA">')


def test_comments_end_where_a_browser_ends_them() -> None:
    """`<!-->` and `<!--->` close at once in a browser, and `--!>` closes a comment: what follows
    is markup for the browser, so the cleaner checks it as markup."""
    for hostile in ('<!--><img src=x onerror="alert(1)">-->', '<!---><img src=x onerror="alert(1)">-->',
                    '<!-- a --!><img src=x onerror="alert(1)">-->'):
        cleaned = sanitize(hostile)
        assert active(cleaned) == [] and tree(cleaned) == tree(hostile.replace(' onerror="alert(1)"', "")), cleaned
    assert sanitize("<!-- more -->") == "<!-- more -->"


@pytest.mark.parametrize("hostile", ['<p>x</p><img src=x onerror="alert(1)"', "<!-- open <img src=x onerror=alert(1)>",
                                     "<p title='x", "<xmp><p title=\"</xmp><img src=x onerror=alert(1)>"])
def test_an_unfinished_fragment_stays_inert_whatever_follows_it_on_the_page(hostile: str) -> None:
    """The page goes on after the post (an export's closing tags, the diff's next block)."""
    assert active(sanitize(hostile) + '\n<p title="a">b</p><img src="y.png">') == []


@pytest.mark.parametrize("element", ["xmp", "noembed", "noframes", "title", "textarea", "noscript", "iframe",
                                     "style", "script"])
def test_markup_hidden_in_an_attribute_behind_a_raw_text_element_is_checked(element: str) -> None:
    """A browser reads these elements' content as text up to their end tag, even one written
    inside a quoted attribute (issue 13): what comes after it is markup, and is cleaned."""
    hostile = (f'Inline <{element}><p title="</{element}><img src=x onerror=alert(1)><base href=//h/>'
               f'<meta http-equiv=refresh content=0;url=//h/>"> after.')
    assert active(sanitize(hostile)) == []
    assert sanitize(hostile).startswith("Inline ") and sanitize(hostile).endswith("after.")


def test_a_browser_hides_what_the_cleaner_drops_whole_and_shows_what_it_keeps_as_text() -> None:
    assert sanitize("a<noembed>hidden</noembed>b<title>hidden</title>c") == "abc"
    assert sanitize("a<xmp><b>shown</b></xmp>b<textarea>typed</textarea>") == "a&lt;b&gt;shown&lt;/b&gt;btyped"


def test_form_controls_are_disabled_and_load_nothing() -> None:
    assert sanitize('<input type="radio" checked><input type="image" src="http://h/x.png" formaction="//h">') == \
        '<input type="radio" checked="" disabled=""><input disabled="">'


def test_legacy_url_attributes_never_survive() -> None:
    """`background`, `lowsrc`, `dynsrc`, `longdesc`, `poster`: images a browser would fetch, or
    addresses it would follow, outside the rules of `src` and `href`."""
    cleaned = sanitize('<table background="http://h/t.png"><tr><td background="x.png">c</td></tr></table>'
                       '<img src="a.png" lowsrc="http://h/l.png" dynsrc="http://h/d.png" longdesc="javascript:x">'
                       '<video poster="http://h/p.png">v</video><body background="http://h/b.png">')
    assert cleaned == '<table><tbody><tr><td>c</td></tr></tbody></table><img src="a.png">v'


@pytest.mark.parametrize("href", ["java&#9;script:alert(1)", "java&#10;script:alert(1)", "&#1;javascript:alert(1)",
                                  "jav&#x0D;ascript:alert(1)", " \tjavascript:alert(1)", "javascript&colon;alert(1)",
                                  "java&amp;#9;script:alert(1)"])
def test_script_urls_hidden_by_whitespace_or_entities_are_dropped(href: str) -> None:
    assert sanitize(f'<a href="{href}">x</a>') == "<a>x</a>"


def test_the_quick_reading_of_plain_addresses_judges_as_the_full_one() -> None:
    """Most links are read with one pattern (`_PLAIN_URL`); every address must get the answer
    the full reading gives, whatever controls, spaces, entities or schemes it holds."""
    import itertools
    import random

    pieces = ["java", "script", "JavaScript", "http", "HTTPS", "mailto", "file", "data", "vbscript", ":", "://",
              "/", "//", "#", "?", ".", "&", "&#9;", "&colon;", "&amp;", "\t", "\n", "\r", "\x00", "\x01", " ",
              "\x1f", "\x7f", "é", "x", "a+b", "1", "-", "%3A", "\u200b"]
    chooser = random.Random(16)
    addresses = {"".join(combo) for combo in itertools.product(pieces[:12], repeat=2)}
    addresses |= {"".join(chooser.choice(pieces) for _ in range(chooser.randint(1, 6))) for _ in range(20000)}
    for tag, name in (("a", "href"), ("blockquote", "cite"), ("area", "href"), ("img", "usemap")):
        for address in addresses:
            expected = address if safe_url(address, name, tag) else None
            assert _state._attribute(tag, name, address) == expected, (tag, name, address)


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


def test_an_image_resolved_to_an_unsafe_address_keeps_its_safe_one() -> None:
    assert sanitize('<img src="a.png">', lambda url: "javascript:alert(1)") == '<img src="a.png">'
    assert sanitize('<img src="javascript:alert(1)">', lambda url: "x.png") == "<img>"


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


# Elements whose content a browser does not show as text.
HIDDEN = {"script", "style", "iframe", "object", "embed", "svg", "math", "template", "noscript", "frameset",
          "title", "noembed", "noframes", "head"}


def visible_words(fragment: str) -> list[str]:
    """The words a browser shows, read as a browser reads the fragment (html5lib)."""
    texts: list[str] = []

    def walk(element: object, hidden: bool) -> None:
        tag = str(getattr(element, "tag", "")).rsplit("}", 1)[-1]
        hidden = hidden or tag in HIDDEN or not isinstance(getattr(element, "tag", None), str)
        if not hidden:
            texts.append(getattr(element, "text", None) or "")
        for child in element:  # type: ignore[attr-defined]
            walk(child, hidden)
            if not hidden:
                texts.append(child.tail or "")
    root = html5lib.parseFragment(fragment, container="div", namespaceHTMLElements=False)
    walk(root, False)
    return "".join(texts).split()


def tree(fragment: str) -> list[tuple]:
    """The tree a browser builds from `fragment`: elements with their attributes, text, comments."""
    out: list[tuple] = []

    def walk(element: object) -> None:
        tag = getattr(element, "tag", None)
        if not isinstance(tag, str):
            out.append(("comment", element.text))  # type: ignore[attr-defined]
        else:
            out.append((tag, tuple(sorted(element.attrib.items())), element.text or ""))  # type: ignore[attr-defined]
            for child in element:  # type: ignore[attr-defined]
                walk(child)
            out.append(("/" + tag,))
        out.append(("text", element.tail or ""))  # type: ignore[attr-defined]
    root = html5lib.parseFragment(fragment, container="div", namespaceHTMLElements=False)
    out.append(("text", root.text or ""))
    for child in root:
        walk(child)
    return [item for item in out if item != ("text", "")]


def test_a_worker_threads_cleaner_cleans_as_the_first_one() -> None:
    """The preview renders on worker threads, each with a cleaner of its own."""
    import threading

    fragment = '<p><input type="checkbox" checked=""> <a href="javascript:x" onclick="y">t</a></p>'
    results: list[str] = []
    worker = threading.Thread(target=lambda: results.append(sanitize(fragment)))
    worker.start()
    worker.join()
    assert results == [sanitize(fragment)] and "javascript" not in results[0]
