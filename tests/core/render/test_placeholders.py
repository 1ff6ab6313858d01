"""Hugo shortcodes, Liquid and MDX show as labelled placeholders in the preview, never as garbage."""

from __future__ import annotations

import re

import pytest

from desktop_app.core.render.pipeline import Renderer
from desktop_app.core.render.placeholders import mark_placeholders
from desktop_app.core.site.config import FLAVORS, GFM
from tests.core.corpus import markdown_files

CHIP = re.compile(r'<span class="pd-placeholder" title="(?P<kind>[^:"]+): filled in by the site" '
                  r'data-kind="(?P=kind)">(?P<text>[^<]*)</span>')


def chips(html: str) -> list[tuple[str, str]]:
    return [(m.group("kind"), m.group("text")) for m in CHIP.finditer(html)]


@pytest.mark.parametrize("flavor", FLAVORS)
def test_shortcodes_and_liquid_become_labelled_chips(flavor: str) -> None:
    body = Renderer(flavor).body(mark_placeholders(
        'Watch {{< youtube id="abc" >}}, read {{% note %}}this{{% /note %}}, '
        "{% include card.html %} and {{ page.title }}.\n"))
    assert chips(body) == [("Hugo shortcode", 'youtube id=&quot;abc&quot;'), ("Hugo shortcode", "note"),
                           ("Hugo shortcode", "/note"), ("Liquid", "include card.html"), ("Liquid", "page.title")]
    assert "{{" not in body and "{%" not in body


@pytest.mark.parametrize("flavor", FLAVORS)
def test_code_keeps_template_syntax_as_written(flavor: str) -> None:
    text = "Use `{{< ref >}}` inline.\n\n```go-html-template\n{{< figure src=\"x.png\" >}}\n{% raw %}\n```\n"
    body = Renderer(flavor).body(mark_placeholders(text))
    assert chips(body) == []
    assert "{{&lt; ref &gt;}}" in body and "figure src=" in body and "{% raw %}" in body


def test_a_shortcode_over_several_lines_is_one_chip() -> None:
    marked = mark_placeholders('Before\n\n{{< img\nsrc="a.jpg"\nalt="A"\n>}}\n\nAfter\n')
    assert chips(marked) == [("Hugo shortcode", 'img src=&quot;a.jpg&quot; alt=&quot;A&quot;')]
    assert marked.startswith("Before\n\n") and marked.endswith("\n\nAfter\n")


def test_an_unclosed_shortcode_is_left_as_text_and_loses_nothing() -> None:
    text = "{{< broken\nno end here\n"
    assert mark_placeholders(text) == text


def test_mdx_imports_and_components_become_chips_only_in_mdx() -> None:
    text = 'import Chart from "../components/Chart"\n\n<Chart data={points} />\n\nText <Badge>new</Badge>.\n'
    assert chips(mark_placeholders(text)) == []
    assert chips(mark_placeholders(text, mdx=True)) == [
        ("MDX", 'import Chart from &quot;../components/Chart&quot;'), ("MDX component", "Chart data={points}"),
        ("MDX component", "Badge"), ("MDX component", "/Badge")]


def test_render_marks_placeholders_in_the_preview() -> None:
    rendered = Renderer(GFM).render("---\ntitle: T\n---\n\n{{< youtube abc >}}\n")
    assert chips(rendered.body_html) == [("Hugo shortcode", "youtube abc")]


def test_no_hugo_docs_page_shows_raw_shortcode_braces() -> None:
    """The 386 hugo-docs pages with shortcodes: outside code, no `{{<` or `{{%` is left on the page."""
    renderer = Renderer(GFM)
    leftovers = []
    for path in markdown_files("hugo-docs"):
        body = renderer.render(path.read_text(encoding="utf-8")).body_html
        outside_code = re.sub(r"<pre.*?</pre>|<code.*?</code>", "", body, flags=re.S)
        if re.search(r"\{\{(&lt;|<|%)", outside_code):
            leftovers.append(path.name)
    assert leftovers == []


@pytest.mark.parametrize("flavor", FLAVORS)
def test_template_syntax_in_a_link_address_keeps_the_link(flavor: str) -> None:
    body = Renderer(flavor).body(mark_placeholders(
        '[the docs]({{< ref "docs/setup" >}}), [history]({% link _docs/history.md %}#v3-9-4), '
        '[assets]({{ "/docs/themes/#assets" | relative_url }}), [old]({% post_url 2010-07-21-name %}) and '
        "[#1339]({{ site.repository }}/issues/1339).\n"))
    assert '<a href="docs/setup">the docs</a>' in body
    assert '<a href="/_docs/history.md#v3-9-4">history</a>' in body
    assert '<a href="/docs/themes/#assets">assets</a>' in body
    assert '<a href="2010-07-21-name">old</a>' in body
    # Unknown to Postdesk: the template text itself, encoded, so the link still holds together.
    assert '<a href="%7B%7B%20site.repository%20%7D%7D/issues/1339">#1339</a>' in body
    assert "pd-placeholder" not in body and "](" not in body


def test_the_sites_base_url_in_an_image_address_is_the_sites_root(tmp_path) -> None:
    from desktop_app.core.render.pipeline import site_resolver
    from desktop_app.core.site.config import Collection, SiteConfig

    (tmp_path / "assets").mkdir()
    (tmp_path / "assets/a.png").write_bytes(b"png")
    site = SiteConfig(tmp_path, (Collection("posts", "Posts", "_posts"),))
    for written in ("{{ site.baseurl }}/assets/a.png", "{{ site.url }}{{ site.baseurl }}/assets/a.png",
                    "{{ '/assets/a.png' | relative_url }}"):
        body = Renderer().render(f"![a]({written})\n\n<img src=\"{written}\">\n",
                                 site_resolver(site, tmp_path / "_posts/x.md")).body_html
        assert body.count(f'src="{(tmp_path / "assets/a.png").as_uri()}"') == 2, written


def test_template_syntax_inside_an_html_tag_stays_text() -> None:
    marked = mark_placeholders('<a href="{{ site.baseurl }}/x" class="{{ c }}">y {{ z }}</a>\n')
    assert marked.startswith('<a href="/x" class="{{ c }}">y <span class="pd-placeholder"')


def test_no_corpus_link_or_image_address_holds_a_chip() -> None:
    """Before, 16 jekyll posts had links whose address was a chip's HTML (`href="&lt;span …`)."""
    broken = []
    for corpus, flavor in (("jekyll-posts", "python-markdown"), ("hugo-docs", GFM)):
        renderer = Renderer(flavor)
        for path in markdown_files(corpus):
            body = renderer.render(path.read_text(encoding="utf-8")).body_html
            outside_code = re.sub(r"<pre.*?</pre>|<code.*?</code>", "", body, flags=re.S)
            if re.search(r'(?:href|src)="[^"]*(?:pd-placeholder|&lt;span)', body) or \
                    re.search(r'\]\(<span class="pd-placeholder"', outside_code):
                broken.append(path.name)
    assert broken == []
