"""A link in a post to another post of the repository finds that post, written as the site writes it."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.core.site.config import Collection, SiteConfig
from desktop_app.core.site.detect import load_site
from desktop_app.core.site.links.resolve import is_template_link, linked_post


def touch(root: Path, relative: str, text: str = "---\ntitle: x\n---\nBody.\n") -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def next_site(tmp_path: Path) -> SiteConfig:
    touch(tmp_path, "posts/caching.md")
    touch(tmp_path, "posts/cqrs.md")
    touch(tmp_path, "posts/renamed-file.md", "---\ntitle: R\nslug: short-name\n---\n")
    touch(tmp_path, "public/files/guide.pdf", "%PDF")
    return SiteConfig(tmp_path, (Collection("posts", "Posts", "posts", public_folder="/images"),),
                      static_folder="public")


@pytest.mark.parametrize("link, post", [
    ("posts/cqrs.md", "posts/cqrs.md"),  # relative, as the page resolved it
    ("posts/cqrs", "posts/cqrs.md"),
    ("cqrs/", "posts/cqrs.md"),  # `../cqrs/` from posts/: the site's URL, not a folder
    ("/posts/caching", "posts/caching.md"),  # site-absolute
    ("/posts/caching/", "posts/caching.md"),
    ("/blog/caching.html", "posts/caching.md"),
    ("/posts/short-name", "posts/renamed-file.md"),  # its front-matter slug
])
def test_links_find_the_post(next_site: SiteConfig, link: str, post: str) -> None:
    target = str(next_site.root / link) if not link.startswith("/") else link
    assert linked_post(next_site, target) == post


@pytest.mark.parametrize("link", ["/files/guide.pdf", "/posts/nothing-here", "/", "/etc/passwd"])
def test_links_to_no_post_find_nothing(next_site: SiteConfig, link: str) -> None:
    assert linked_post(next_site, link) is None
    assert linked_post(next_site, str(next_site.root / "public/files/guide.pdf")) is None


def test_hugo_bundles_sections_and_refs(tmp_path: Path) -> None:
    touch(tmp_path, "hugo.toml", 'title = "x"\n')
    touch(tmp_path, "content/posts/trip/index.md")
    touch(tmp_path, "content/posts/_index.md")
    touch(tmp_path, "content/docs/setup.md")
    site = load_site(tmp_path)
    assert linked_post(site, "/posts/trip/") == "content/posts/trip/index.md"
    assert linked_post(site, "/posts/") == "content/posts/_index.md"
    assert linked_post(site, "/docs/setup") == "content/docs/setup.md"  # {{< ref "/docs/setup" >}}
    assert linked_post(site, str(tmp_path / "content/posts/trip/setup")) == "content/docs/setup.md"


def test_jekyll_permalinks_and_post_url(tmp_path: Path) -> None:
    touch(tmp_path, "_config.yml", "title: x\n")
    touch(tmp_path, "_posts/2013-07-24-jekyll-1-1-1-released.markdown")
    touch(tmp_path, "_posts/2020-01-02-moved.md", "---\ntitle: M\npermalink: /news/moved-here/\n---\n")
    site = load_site(tmp_path)
    expected = "_posts/2013-07-24-jekyll-1-1-1-released.markdown"
    assert linked_post(site, "/2013/07/24/jekyll-1-1-1-released.html") == expected
    assert linked_post(site, str(tmp_path / "_posts/2013-07-24-jekyll-1-1-1-released")) == expected  # post_url
    assert linked_post(site, "/_posts/2013-07-24-jekyll-1-1-1-released.markdown") == expected  # {% link %}
    assert linked_post(site, "/news/moved-here/") == "_posts/2020-01-02-moved.md"


def test_template_text_in_a_link_is_recognised(next_site: SiteConfig) -> None:
    target = str(next_site.root / "posts/{{ site.repository }}/issues/1339")
    assert is_template_link(target)
    assert linked_post(next_site, target) is None
