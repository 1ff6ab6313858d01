"""Markdown → the post's HTML as the preview and `postdesk render` show it."""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path
from urllib.parse import unquote

import pytest

from desktop_app.core.frontmatter import parse as fm
from desktop_app.core.render.counts import WORDS_PER_MINUTE, reading_minutes
from desktop_app.core.render.pipeline import Renderer, render_header, site_resolver
from desktop_app.core.site.config import FLAVORS, SiteConfig
from desktop_app.core.site.detect import load_site
from tests.core.corpus import corpus_file, markdown_files


@pytest.fixture
def renderer() -> Renderer:
    return Renderer()


def leaked_front_lines(text: str, body_html: str) -> list[str]:
    """Front-matter lines that show up in the body HTML although the body does not contain them."""
    doc = fm.split(text)
    leaked = []
    for line in doc.front.splitlines():
        line = line.strip()
        if len(line) > 3 and ":" in line and line not in doc.body and html.escape(line, quote=False) in body_html:
            leaked.append(line)
    return leaked


def test_front_matter_never_appears_in_the_body_of_jekyll_posts(renderer: Renderer) -> None:
    leaks = {}
    for path in markdown_files("jekyll-posts"):
        text = path.read_bytes().decode("utf-8")
        rendered = renderer.render(text)
        assert rendered.error == "", path
        if found := leaked_front_lines(text, rendered.body_html):
            leaks[path.name] = found
        assert not rendered.body_html.startswith("<hr"), path  # the opening `---` is not a rule
    assert not leaks


@pytest.mark.parametrize("relative", [
    "hugo-docs/content/en/content-management/formats.md",
    "hugo-docs/content/en/content-management/archetypes.md",
    "jekyll-posts/docs/_posts/2022-10-20-jekyll-4-3-0-released.markdown",
    "github-explore/topics/adventurex2025/index.md",  # CRLF
    "hugo-docs/content/en/_index.md",  # front matter only
])
def test_front_matter_stays_out_of_tricky_corpus_bodies(renderer: Renderer, relative: str) -> None:
    text = corpus_file(relative).read_bytes().decode("utf-8")
    rendered = renderer.render(text)
    assert rendered.error == ""
    assert leaked_front_lines(text, rendered.body_html) == []
    title = fm.parse(fm.split(text)).get("title")
    if title:
        assert f'<h1 class="post-title">{html.escape(str(title))}</h1>' in rendered.header_html


def test_hand_made_front_matter_is_not_body(renderer: Renderer) -> None:
    rendered = renderer.render("---\ntitle: Secret title\ncustom: leaked?\n---\nVisible text.\n")
    assert rendered.body_html == "<p>Visible text.</p>"
    assert "leaked?" not in rendered.header_html + rendered.body_html


HEADER_POST = """---
title: Caching <the> "unsung" hero
description: Why caches matter & how to invalidate them.
date: 2024-03-05
author: Ann Writer
tags: [performance, redis]
categories: architecture
cover: images/cover.png
draft: true
---
Some words here.
"""


def test_header_shows_title_description_tags_cover_and_meta(renderer: Renderer, tmp_path: Path) -> None:
    (tmp_path / "posts/images").mkdir(parents=True)
    (tmp_path / "posts/images/cover.png").write_bytes(b"png")
    rendered = renderer.render(HEADER_POST, site_resolver(None, tmp_path / "posts" / "p.md"))
    header = rendered.header_html
    assert '<h1 class="post-title">Caching &lt;the&gt; &quot;unsung&quot; hero</h1>' in header
    assert '<p class="post-description">Why caches matter &amp; how to invalidate them.</p>' in header
    assert [part.split("<")[0] for part in header.split('<li class="post-tag">')[1:]] == [
        "performance", "redis", "architecture"]
    assert f'src="{(tmp_path / "posts/images/cover.png").as_uri()}"' in header
    assert '<time class="post-date" datetime="2024-03-05">March 5, 2024</time>' in header
    assert "Ann Writer" in header
    assert "Draft" in header
    assert "1 min read" in header
    assert "Caching" not in rendered.body_html


def test_a_drafts_badge_has_a_line_of_its_own_above_the_meta_line() -> None:
    """Sites put a separator before every meta item after the first (`.post-meta > * + *::before`):
    a Draft badge among them showed that `·` inside the badge, and started a line with it when wrapped."""
    header = render_header({"date": dt.date(2024, 3, 5), "author": "Ann", "draft": True}, 300, lambda url: url)
    status, meta = header.index('<p class="post-status"><span class="post-draft">Draft</span></p>'), \
        header.index('<p class="post-meta">')
    assert status < meta
    assert "Draft" not in header[meta:header.index("</p>", meta)]
    assert "post-status" not in render_header({"draft": False}, 300, lambda url: url)


def test_header_for_a_post_with_no_front_matter_is_empty(renderer: Renderer) -> None:
    rendered = renderer.render("")
    assert rendered.header_html == '<header class="post-header">\n</header>'
    assert rendered.words == 0


def test_quoted_jekyll_date_still_shows_in_the_header() -> None:
    header = render_header({"date": "2013-05-08 23:46:11 +0200"}, 0, lambda url: url)
    assert "May 8, 2013" in header


def test_jekyll_datetime_in_the_header() -> None:
    values = fm.parse(fm.split("---\ndate: 2025-01-29 18:15:32 +0530\n---\n"))
    assert "January 29, 2025" in render_header(values, 0, lambda url: url)


def test_reading_time() -> None:
    assert reading_minutes(0) == 0
    assert reading_minutes(1) == 1  # a short post still reads as a minute, never as zero
    assert reading_minutes(WORDS_PER_MINUTE * 10) == 10
    words = " ".join(["word"] * (WORDS_PER_MINUTE * 3))
    rendered = Renderer().render(f"---\ntitle: T\n---\n{words}\n")
    assert rendered.reading_minutes == 3
    assert "3 min read" in rendered.header_html


def test_python_fence_gets_pygments_classes(renderer: Renderer) -> None:
    body = renderer.render("```python\ndef add(a, b):\n    return a + b\n```\n").body_html
    assert '<div class="codehilite">' in body
    assert '<span class="k">def</span>' in body
    assert '<span class="nf">add</span>' in body


def test_unknown_language_falls_back_to_plain_code(renderer: Renderer) -> None:
    rendered = renderer.render("```nosuchlanguage\nfoo <bar> & baz\n```\n\nAfter.\n")
    assert rendered.error == ""
    assert "foo &lt;bar&gt; &amp; baz" in rendered.body_html
    assert "<pre>" in rendered.body_html
    assert "<p>After.</p>" in rendered.body_html


def test_tables(renderer: Renderer) -> None:
    body = renderer.render("| Name | Value |\n|------|------:|\n| a | 1 |\n| b | 2 |\n").body_html
    assert "<table>" in body
    assert "<th>Name</th>" in body
    assert body.count("<tr>") == 3
    assert ">2</td>" in body


def test_a_renderer_forgets_the_previous_post(renderer: Renderer) -> None:
    renderer.render("Text[^1]\n\n[^1]: A footnote from the first post.\n")
    second = renderer.render("# Heading\n\nPlain.\n")
    assert "footnote" not in second.body_html
    assert "A footnote" not in second.body_html


def test_bad_front_matter_is_reported_and_the_body_still_renders(renderer: Renderer) -> None:
    rendered = renderer.render("---\ntitle: a: b\n---\nThe *body*.\n")
    assert "front matter cannot be read" in rendered.error
    assert rendered.body_html == "<p>The <em>body</em>.</p>"


def test_fragment_wraps_header_and_body(renderer: Renderer) -> None:
    fragment = renderer.render("---\ntitle: T\n---\nBody.\n").fragment()
    assert fragment.startswith('<article class="post">')
    assert fragment.index('<h1 class="post-title">T</h1>') < fragment.index("<p>Body.</p>")


# --- images --------------------------------------------------------------------------------------


@pytest.fixture
def media_site(tmp_path: Path) -> SiteConfig:
    (tmp_path / "public/images").mkdir(parents=True)
    (tmp_path / "public/images/x.svg").write_text("<svg/>", encoding="utf-8")
    (tmp_path / "content/blog/trip").mkdir(parents=True)
    (tmp_path / ".postdesk.yml").write_text(
        "collections:\n  - name: blog\n    folder: content/blog\n"
        "    media_folder: public/images\n    public_folder: /images\n", encoding="utf-8")
    return load_site(tmp_path)


def test_site_absolute_image_resolves_to_the_media_folder(renderer: Renderer, media_site: SiteConfig) -> None:
    post = media_site.root / "content/blog/trip/index.md"
    body = renderer.render("![Diagram](/images/x.svg)\n", site_resolver(media_site, post)).body_html
    assert f'src="{(media_site.root / "public/images/x.svg").as_uri()}"' in body
    assert 'alt="Diagram"' in body


def test_relative_image_resolves_from_the_posts_folder(renderer: Renderer, media_site: SiteConfig) -> None:
    post = media_site.root / "content/blog/trip/index.md"
    (media_site.root / "content/blog/trip/photo.jpg").write_bytes(b"jpg")
    (media_site.root / "content/blog/shared").mkdir()
    (media_site.root / "content/blog/shared/map.png").write_bytes(b"png")
    body = renderer.render("![a](photo.jpg) ![b](../shared/map.png)\n", site_resolver(media_site, post)).body_html
    assert f'src="{(media_site.root / "content/blog/trip/photo.jpg").as_uri()}"' in body
    assert f'src="{(media_site.root / "content/blog/shared/map.png").as_uri()}"' in body


@pytest.mark.parametrize("url", ["https://example.com/a.png", "data:image/png;base64,AAAA", "#anchor"])
def test_web_and_data_images_are_left_alone(renderer: Renderer, media_site: SiteConfig, url: str) -> None:
    post = media_site.root / "content/blog/trip/index.md"
    body = renderer.render(f"![x]({url})\n", site_resolver(media_site, post)).body_html
    assert f'src="{url}"' in body


def test_without_a_site_or_post_urls_stay_as_written(renderer: Renderer) -> None:
    assert 'src="/images/x.svg"' in renderer.render("![x](/images/x.svg)\n").body_html
    assert 'src="pic.png"' in renderer.render("![x](pic.png)\n", site_resolver(None, None)).body_html


def test_cover_image_uses_the_same_resolution(renderer: Renderer, media_site: SiteConfig) -> None:
    post = media_site.root / "content/blog/trip/index.md"
    header = renderer.render("---\ntitle: T\nimage: /images/x.svg\n---\n", site_resolver(media_site, post)).header_html
    assert (media_site.root / "public/images/x.svg").as_uri() in header


@pytest.mark.parametrize("flavor", FLAVORS)
def test_a_missing_image_shows_a_placeholder_naming_its_path(media_site: SiteConfig, flavor: str) -> None:
    post = media_site.root / "content/blog/trip/index.md"
    rendered = Renderer(flavor).render("---\ntitle: T\ncover: /images/gone.png\n---\n![x](photos/lost.jpg)\n",
                                       site_resolver(media_site, post))
    for html_out, path in ((rendered.header_html, "/images/gone.png"), (rendered.body_html, "photos/lost.jpg")):
        src = re.search(r'<img[^>]*\ssrc="([^"]+)"', html_out).group(1)
        svg = unquote(src.removeprefix("data:image/svg+xml;charset=utf-8,"))
        assert src.startswith("data:image/svg+xml") and "Image not found" in svg and path in svg


def test_same_day_datetime_header_uses_the_calendar_date() -> None:
    header = render_header({"date": dt.datetime(2024, 12, 31, 23, 59)}, 10, lambda url: url)
    assert "December 31, 2024" in header


def test_percent_encoded_relative_image_resolves_to_the_file(tmp_path: Path) -> None:
    post = tmp_path / "posts" / "a.md"
    post.parent.mkdir()
    (tmp_path / "posts" / "my photo.png").write_bytes(b"png")
    html_out = Renderer().render("![x](my%20photo.png)\n", site_resolver(None, post)).body_html
    assert (tmp_path / "posts" / "my photo.png").as_uri() in html_out


@pytest.mark.parametrize("flavor", FLAVORS)
def test_raw_html_images_resolve_as_on_the_site(media_site: SiteConfig, flavor: str) -> None:
    post = media_site.root / "content/blog/trip/index.md"
    (media_site.root / "content/blog/trip/photo.jpg").write_bytes(b"jpg")
    body = Renderer(flavor).render('<img src="/images/x.svg" alt="d">\n\n<p><img src="photo.jpg"></p>\n',
                                   site_resolver(media_site, post)).body_html
    assert f'src="{(media_site.root / "public/images/x.svg").as_uri()}"' in body
    assert f'src="{(media_site.root / "content/blog/trip/photo.jpg").as_uri()}"' in body


def test_an_image_outside_the_repository_shows_as_missing(media_site: SiteConfig, tmp_path_factory) -> None:
    outside = tmp_path_factory.mktemp("elsewhere") / "secret.png"
    outside.write_bytes(b"png")
    post = media_site.root / "content/blog/trip/index.md"
    relative = Path("../" * len(post.parent.parts)) / outside.relative_to("/")
    body = Renderer().render(f"![x]({relative.as_posix()})\n", site_resolver(media_site, post)).body_html
    assert outside.as_uri() not in body and "data:image/svg+xml" in body


@pytest.mark.parametrize("info", ["&nbsp;", "\x85", "&#32;python", "\u2003"])
def test_a_fence_whose_language_is_only_blank_shows_its_code(info: str) -> None:
    """An info string of nothing but (encoded) white space names no language; the render used
    to fail on it with an IndexError, in the preview and in `postdesk render`."""
    for flavor in FLAVORS:
        body = Renderer(flavor).render(f"# Post\n\n```{info}\nprint('kept')\n```\n").body_html
        assert "print('kept')" in html.unescape(re.sub(r"<[^>]+>", "", body))
