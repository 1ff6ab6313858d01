"""Hugo shortcodes, Liquid and MDX show as labelled placeholders in the preview, never as garbage."""

from __future__ import annotations

import re

import pytest

from desktop_app.core.placeholders import mark_placeholders
from desktop_app.core.render import Renderer
from desktop_app.core.site import FLAVORS, GFM
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
