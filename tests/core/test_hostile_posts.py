"""The hostile posts of `tests/fixtures/hostile/` are inert everywhere Postdesk draws or writes a
post: both Markdown flavours, the rendered diff, `postdesk render --page` and the standalone page
of File → Export as HTML. Judged by html5lib, which reads HTML as Chromium does, so markup hidden
from the cleaner's own parser is found (issue 13); the writer's text survives."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app.core.render.page import standalone_page
from desktop_app.core.render.pipeline import Renderer
from desktop_app.core.review.rendered_diff import diff_rendered
from desktop_app.core.site.config import FLAVORS
from tests.conftest import REPO_ROOT
from tests.helpers.inert import HOSTILE, HOSTILE_POSTS, active, active_in_page, hostile_post

BEFORE = "---\ntitle: Before\n---\n\nA harmless first version.\n"


@pytest.mark.parametrize("name", HOSTILE_POSTS)
@pytest.mark.parametrize("flavor", FLAVORS)
def test_a_hostile_post_renders_inert(flavor: str, name: str) -> None:
    rendered = Renderer(flavor).render(hostile_post(name))
    assert active(rendered.header_html) == []
    assert active(rendered.body_html) == []


@pytest.mark.parametrize("name", HOSTILE_POSTS)
@pytest.mark.parametrize("flavor", FLAVORS)
def test_a_hostile_post_is_inert_in_the_rendered_diff(flavor: str, name: str) -> None:
    renderer = Renderer(flavor)
    for old, new in ((BEFORE, hostile_post(name)), (hostile_post(name), BEFORE)):
        diff = diff_rendered(renderer.render(old), renderer.render(new))
        assert active(diff.header_html) == []
        assert active(diff.body_html) == []


@pytest.mark.parametrize("name", HOSTILE_POSTS)
@pytest.mark.parametrize("flavor", FLAVORS)
def test_a_hostile_post_is_inert_in_its_standalone_page(flavor: str, name: str) -> None:
    rendered = Renderer(flavor).render(hostile_post(name))
    assert active_in_page(standalone_page(None, rendered.header_html, rendered.body_html, name)) == []


@pytest.mark.parametrize("flavor", FLAVORS)
def test_render_page_writes_inert_pages(tmp_path: Path, flavor: str) -> None:
    """`postdesk render --page` as a user runs it, on every hostile post at once."""
    posts = [shutil.copy(HOSTILE / name, tmp_path / name) for name in HOSTILE_POSTS]
    result = subprocess.run([sys.executable, "-m", "desktop_app", "render", "--page", "--flavor", flavor,
                             "-o", str(tmp_path / "out"), *map(str, posts)], cwd=REPO_ROOT, capture_output=True,
                            text=True, stdin=subprocess.DEVNULL, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    for name in HOSTILE_POSTS:
        page = (tmp_path / "out" / name).with_suffix(".html").read_text(encoding="utf-8")
        assert active_in_page(page) == [], name


@pytest.mark.parametrize("flavor", FLAVORS)
def test_hostile_posts_keep_the_text_around_the_attack(flavor: str) -> None:
    body = Renderer(flavor).render(hostile_post("raw-text-elements.md")).body_html
    assert body.count("after.") >= 10 and "Text after the hostile blocks." in body
    urls = Renderer(flavor).render(hostile_post("urls.md")).body_html
    for words in ("cell", "paragraph", "quoted", "data link", "vb", "video text", "End."):
        assert words in urls, words
