"""The rendered diff: the new version as the preview renders it, insertions and deletions marked."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from desktop_app.core.render.pipeline import Renderer
from desktop_app.core.resources import resource_path
from desktop_app.core.review.html_blocks import split_blocks
from desktop_app.core.review.rendered_diff import diff_page, diff_rendered
from desktop_app.core.site.config import FLAVORS

SAMPLE_POSTS = sorted(resource_path("sample-blog", "posts").glob("*.md"))

POST = """---
title: Caching at the edge
tags: [caching]
---

## Why cache

The quick brown fox jumps over the *lazy* dog, [twice](https://example.com/a).

A paragraph that stays exactly as it was.

Another paragraph that goes away entirely.

```python
x = 1
```

| a | b |
|---|---|
| 1 | 2 |
"""


@pytest.fixture(params=FLAVORS)
def renderer(request: pytest.FixtureRequest) -> Renderer:
    return Renderer(request.param)


def diff(renderer: Renderer, old: str | None, new: str | None):  # noqa: ANN201 - a RenderedDiff
    return diff_rendered(renderer.render(old) if old is not None else None,
                         renderer.render(new) if new is not None else None)


class _Text(HTMLParser):
    """The visible text of a fragment, leaving out what is marked deleted."""

    def __init__(self, skip_deleted: bool) -> None:
        super().__init__()
        self.skip_deleted = skip_deleted
        self.depth = 0  # inside deleted content
        self.stack: list[bool] = []
        self.out: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        deleted = self.skip_deleted and ("pd-del" in classes or "pd-del-block" in classes)
        if tag not in ("br", "hr", "img", "input", "meta", "link", "wbr"):
            self.stack.append(deleted)
            self.depth += deleted

    def handle_endtag(self, tag: str) -> None:
        if self.stack:
            self.depth -= self.stack.pop()

    def handle_data(self, data: str) -> None:
        if not self.depth:
            self.out.append(data)


def visible_text(fragment: str, skip_deleted: bool = True) -> str:
    parser = _Text(skip_deleted)
    parser.feed(fragment)
    return " ".join("".join(parser.out).split())


def test_an_edited_paragraph_marks_its_words_inside_the_new_markup(renderer: Renderer) -> None:
    new = POST.replace("The quick brown fox", "The slow brown fox").replace("dog, [twice]", "dog today, [twice]")
    result = diff(renderer, POST, new)
    paragraph = next(line for line in result.body_html.splitlines() if "brown fox" in line)
    assert '<del class="pd-del">quick</del><ins class="pd-ins">slow</ins> brown fox' in paragraph
    assert '<ins class="pd-ins">today</ins>' in paragraph
    # The new version's own markup is kept around the marks: emphasis, the link and its target.
    assert re.search(r"<em>lazy</em>", paragraph)
    assert '<a href="https://example.com/a">twice</a>' in paragraph
    assert paragraph.startswith('<p class="pd-mod-block">')
    assert (result.changed, result.inserted, result.deleted) == (1, 0, 0)


def test_an_inserted_heading_is_marked_as_a_block(renderer: Renderer) -> None:
    new = POST.replace("A paragraph that stays", "## A new section\n\nA paragraph that stays")
    result = diff(renderer, POST, new)
    heading = next(line for line in result.body_html.splitlines() if "A new section" in line)
    assert re.fullmatch(r'<h2( id="a-new-section")? class="pd-ins-block">A new section</h2>', heading)
    assert (result.changed, result.inserted, result.deleted) == (0, 1, 0)


def test_a_deleted_block_stays_in_place_struck_and_without_its_id(renderer: Renderer) -> None:
    new = POST.replace("Another paragraph that goes away entirely.\n\n", "").replace("## Why cache\n\n", "")
    result = diff(renderer, POST, new)
    lines = result.body_html.splitlines()
    gone = [line for line in lines if "pd-del-block" in line]
    assert gone[0].startswith('<h2 class="pd-del-block">Why cache</h2>')
    assert gone[1] == '<p class="pd-del-block">Another paragraph that goes away entirely.</p>'
    # In reading order: after the paragraph that stayed, before the code.
    assert lines.index(gone[1]) == next(i for i, line in enumerate(lines) if "stays exactly" in line) + 1
    assert (result.changed, result.inserted, result.deleted) == (0, 0, 2)
    assert result.summary() == "2 blocks removed."


def test_unchanged_blocks_are_exactly_the_new_render(renderer: Renderer) -> None:
    new = POST.replace("quick", "slow")
    rendered = renderer.render(new)
    result = diff(renderer, POST, new)
    unchanged = [b.html for b in split_blocks(rendered.body_html) if "slow" not in b.html]
    marked = [b.html for b in split_blocks(result.body_html) if "pd-" not in b.html]
    assert marked == unchanged and len(unchanged) >= 4


def test_code_blocks_and_tables_are_replaced_whole(renderer: Renderer) -> None:
    new = POST.replace("x = 1", "x = 2").replace("| 1 | 2 |", "| 1 | 3 |")
    result = diff(renderer, POST, new)
    assert result.deleted == 2 and result.inserted == 2 and result.changed == 0
    assert "pd-ins\"" not in result.body_html and "pd-ins-block" in result.body_html
    assert re.search(r'<table class="pd-del-block">', result.body_html)
    assert re.search(r'<table class="pd-ins-block">', result.body_html)


def test_the_header_shows_a_changed_title_word_by_word(renderer: Renderer) -> None:
    new = POST.replace("title: Caching at the edge", "title: Caching at the origin").replace(
        "tags: [caching]", "tags: [caching, cdn]")
    result = diff(renderer, POST, new)
    assert ('<h1 class="post-title pd-mod-block">Caching at the <del class="pd-del">edge</del>'
            '<ins class="pd-ins">origin</ins></h1>') in result.header_html
    assert '<li class="post-tag"><ins class="pd-ins">cdn</ins></li>' in result.header_html


def test_a_new_post_is_all_inserted_and_a_deleted_post_all_deleted(renderer: Renderer) -> None:
    added = diff(renderer, None, POST)
    assert added.deleted == 0 and added.changed == 0 and added.inserted >= 6
    assert all("pd-ins-block" in b.html for b in split_blocks(added.body_html))
    removed = diff(renderer, POST, None)
    assert removed.inserted == 0 and removed.deleted >= 6
    assert all("pd-del-block" in b.html for b in split_blocks(removed.body_html + removed.header_html))


def test_identical_versions_show_no_marks(renderer: Renderer) -> None:
    result = diff(renderer, POST, POST)
    assert result.identical and "pd-" not in result.body_html + result.header_html
    assert result.summary() == "No visible change."


HOSTILE = """---
title: "<script>alert('t')</script>Hi"
---

Click <a href="javascript:alert(1)">here</a> <img src="x.png" onerror="alert(2)"> now.

<script>alert(3)</script>

<iframe src="https://evil.example/"></iframe>

<div onclick="alert(4)" style="background:url(https://evil.example/x.png)">box text</div>

<svg onload="alert(5)"><circle r="4"/></svg>
"""


def test_hostile_html_in_either_version_stays_inert_in_the_diff(renderer: Renderer) -> None:
    edited = HOSTILE.replace("now.", "today.").replace("box text", "box words") + \
        '\n<object data="evil.swf"></object><form action="https://evil.example/"><input name="q"></form>\n'
    for old, new in ((HOSTILE, edited), (edited, HOSTILE), (None, edited), (edited, None)):
        result = diff(renderer, old, new)
        page = result.header_html + result.body_html
        lowered = page.lower()
        for bad in ("<script", "javascript:", "onerror", "onclick", "onload", "<iframe", "<svg", "<object",
                    "<form", "url(https://evil"):
            assert bad not in lowered, (bad, page)
        assert "&lt;script&gt;" in page  # the title's text is shown, as text


def test_the_text_without_deletions_is_the_new_versions_text() -> None:
    """Over the sample blog: edit words, drop a paragraph, add one; what the diff shows, minus
    what it marks deleted, reads exactly as the new render (and with them, as the old one)."""
    renderer = Renderer("gfm")
    for path in SAMPLE_POSTS:
        old = path.read_text(encoding="utf-8")
        paragraphs = old.split("\n\n")
        middle = len(paragraphs) // 2
        edited = list(paragraphs)
        edited[middle - 1] = edited[middle - 1].replace(" the ", " a ", 1)
        del edited[middle]
        edited.insert(middle + 2, "A brand new paragraph about nothing.")
        new = "\n\n".join(edited)
        before, after = renderer.render(old), renderer.render(new)
        result = diff_rendered(before, after)
        assert visible_text(result.body_html) == visible_text(after.body_html), path.name
        assert result.inserted >= 1 and (result.deleted >= 1 or result.changed >= 1), path.name


def test_the_page_is_the_preview_page_with_the_diff_and_its_stylesheet(renderer: Renderer) -> None:
    result = diff(renderer, POST, POST.replace("quick", "slow"))
    assert result.summary() == "1 block changed."
    page = diff_page(None, result, f"Last commit → Working copy. {result.summary()}")
    assert resource_path("preview", "diff.css").resolve().as_uri() in page
    assert "Content-Security-Policy" in page and "script-src" not in page
    assert '<div id="postdesk-diff-summary" class="pd-summary">Last commit → Working copy. 1 block changed.</div>' in page
    assert '<ins class="pd-ins">slow</ins>' in page
    assert page.index('id="postdesk-header"') < page.index("Caching at the edge") < page.index('id="postdesk-body"')
