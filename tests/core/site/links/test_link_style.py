"""The link to another post is written the way the site's own posts link to each other, and
every link written leads back to its post when the preview reads it."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.core.site.config import Collection, SiteConfig
from desktop_app.core.site.detect import load_site
from desktop_app.core.site.links.style import (
    FILE,
    PATH,
    POST_URL,
    LinkStyle,
    route_prefix,
    scan_links,
)
from tests.conftest import REPO_ROOT, SHARED
from tests.core.corpus import corpus_dir

SITES = SHARED / "sites"


def write(root: Path, relative: str, text: str = "---\ntitle: x\n---\nBody.\n") -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def real_site(kind: str, name: str) -> Path:
    folder = corpus_dir(name) if kind == "corpus" else SITES / name
    if not folder.is_dir():
        pytest.skip(f"{folder} is not checked out")
    return folder


# What each real site's own posts link like, and a link Postdesk writes there.
@pytest.mark.parametrize("kind, name, style, source, target, link", [
    ("corpus", "hugo-docs", LinkStyle(PATH, "/", "path", 2, "/", True),
     "content/en/functions/hugo/Sites.md", "content/en/methods/page/IsBranch.md", "/methods/page/isbranch/"),
    ("corpus", "jekyll-posts", LinkStyle(PATH, "/news/", "date", 0, "/", True),
     "docs/_posts/2013-05-06-jekyll-1-0-0-released.markdown", "docs/_posts/2016-10-06-jekyll-3-3-is-here.md",
     "/news/2016/10/06/jekyll-3-3-is-here/"),
    ("site", "astro-balastrong", LinkStyle(PATH, "/", "path", 5, "", True),
     "src/content/post/2022/06/contribute-to-open-source/index.mdx",
     "src/content/post/2022/08/first-pull-request/index.mdx", "/first-pull-request"),
    ("site", "next-timlrx", LinkStyle(PATH, "/", "path", 1, "", True),
     "data/blog/code-sample.mdx", "data/blog/nested-route/introducing-multi-part-posts-with-nested-routing.mdx",
     "/blog/nested-route/introducing-multi-part-posts-with-nested-routing"),
])
def test_real_sites_link_as_their_posts_already_do(kind: str, name: str, style: LinkStyle, source: str,
                                                   target: str, link: str) -> None:
    links = scan_links(load_site(real_site(kind, name)))
    assert links.style == style
    assert links.link(source, target) == link
    posts = links.index.post_paths
    assert [post for post in posts[1:] if links.leads_to(posts[0], links.link(posts[0], post)) != post] == []


def test_hugo_sections_and_languages_link_as_their_posts_do(tmp_path: Path) -> None:
    """Each Hugo section is a collection and each language has its content folder: a section no
    post links to yet is linked like the others, and a French post as French posts are."""
    write(tmp_path, "hugo.toml", 'defaultContentLanguage = "en"\n[languages.en]\ncontentDir = "content/en"\n'
                                 'weight = 1\n[languages.fr]\ncontentDir = "content/fr"\nweight = 2\n')
    for language, prefix in (("en", "/"), ("fr", "/fr/")):
        write(tmp_path, f"content/{language}/posts/a.md",
              f"---\ntitle: a\n---\nSee [b]({prefix}posts/b/) and [c]({prefix}posts/c/).\n")
        write(tmp_path, f"content/{language}/posts/b.md")
        write(tmp_path, f"content/{language}/posts/c.md", f"---\ntitle: c\n---\nBack to [b]({prefix}posts/b/).\n")
        write(tmp_path, f"content/{language}/notes/n.md")
    links = scan_links(load_site(tmp_path))
    assert links.link("content/en/posts/c.md", "content/en/posts/b.md") == "/posts/b/"
    assert links.link("content/en/posts/a.md", "content/en/notes/n.md") == "/notes/n/"
    assert links.link("content/fr/posts/c.md", "content/fr/posts/b.md") == "/fr/posts/b/"
    assert links.link("content/fr/posts/a.md", "content/fr/notes/n.md") == "/fr/notes/n/"


def test_a_collection_linked_otherwise_keeps_its_own_form(tmp_path: Path) -> None:
    """Posts live at `/blog/…` and projects at `/work/…`: a link to a project is a `/work/` one,
    though most links are to posts."""
    write(tmp_path, "posts/a.md", "---\ntitle: a\n---\n[b](/blog/b), [c](/blog/c) and [p](/work/p).\n")
    write(tmp_path, "posts/b.md", "---\ntitle: b\n---\n[c](/blog/c) and [q](/work/q).\n")
    for name in ("posts/c.md", "projects/p.md", "projects/q.md", "projects/r.md"):
        write(tmp_path, name)
    site = SiteConfig(tmp_path, (Collection("posts", "Posts", "posts"), Collection("projects", "Projects", "projects")),
                      generator="next")
    links = scan_links(site)
    assert links.style.prefix == "/blog/"
    assert links.link("posts/c.md", "posts/a.md") == "/blog/a"
    assert links.link("posts/c.md", "projects/r.md") == "/work/r"


def test_a_next_site_without_links_yet_uses_its_slug_route(tmp_path: Path) -> None:
    sample = load_site(REPO_ROOT / "resources" / "sample-blog")  # app/blog/[slug]/page.tsx
    links = scan_links(sample)
    assert links.style == LinkStyle(PATH, "/blog/", "slug")
    assert links.link("posts/caching-unsung-hero.md", "posts/cqrs-read-write-separation.md") == \
        "/blog/cqrs-read-write-separation"
    write(tmp_path, "src/app/(site)/articles/[...slug]/page.tsx", "export default function Page() {}\n")
    assert route_prefix(tmp_path) == "/articles/"  # a route group is not part of the URL


def test_a_declared_permalink_is_the_link(tmp_path: Path) -> None:
    write(tmp_path, "posts/a.md")
    write(tmp_path, "posts/moved.md", "---\ntitle: M\npermalink: /elsewhere/moved-here/\n---\n")
    links = scan_links(SiteConfig(tmp_path, (Collection("posts", "Posts", "posts"),), generator="next"))
    assert links.link("posts/a.md", "posts/moved.md") == "/elsewhere/moved-here/"


def test_what_a_long_front_matter_declares_is_read_by_the_scanned_index(tmp_path: Path) -> None:
    """The index keeps of each post only the lines it reads: a permalink or slug far down a long
    front matter, or written on the line after its key, still names the post."""
    many = "".join(f"key{number}: {'word ' * 12}\n" for number in range(30))
    write(tmp_path, "posts/a.md")
    write(tmp_path, "posts/moved.md", f"---\ntitle: M\n{many}permalink: /elsewhere/moved-here/\n---\nBody.\n")
    write(tmp_path, "posts/renamed-file.md", f"---\ntitle: R\n{many}slug:\n  short-name\n---\nBody.\n")
    site = SiteConfig(tmp_path, (Collection("posts", "Posts", "posts"),), generator="next")
    links = scan_links(site)
    assert links.link("posts/a.md", "posts/moved.md") == "/elsewhere/moved-here/"
    assert links.leads_to("posts/a.md", "/posts/short-name") == "posts/renamed-file.md"
    assert links.leads_to("posts/a.md", "/elsewhere/moved-here/") == "posts/moved.md"


def test_generators_without_links_to_learn_from(tmp_path: Path) -> None:
    jekyll = tmp_path / "jekyll"
    write(jekyll, "_config.yml", "title: x\n")
    write(jekyll, "_posts/2024-01-01-first.md")
    write(jekyll, "_posts/2024-02-03-second.md")
    write(jekyll, "about.md")
    links = scan_links(load_site(jekyll))
    assert links.style.kind == POST_URL
    assert links.link("_posts/2024-01-01-first.md", "_posts/2024-02-03-second.md") == \
        "{% post_url 2024-02-03-second %}"
    hugo = tmp_path / "hugo"
    write(hugo, "hugo.toml", 'title = "x"\n')
    write(hugo, "content/posts/one.md")
    write(hugo, "content/posts/trip/index.md")
    write(hugo, "content/notes/idea.md")
    links = scan_links(load_site(hugo))
    assert links.link("content/posts/one.md", "content/posts/trip/index.md") == "/posts/trip/"
    assert links.link("content/posts/one.md", "content/notes/idea.md") == "/notes/idea/"  # its own section
    mkdocs = tmp_path / "mkdocs"
    write(mkdocs, "mkdocs.yml", "site_name: x\n")
    write(mkdocs, "docs/guide/setup.md")
    write(mkdocs, "docs/index.md")
    links = scan_links(load_site(mkdocs))
    assert links.style.kind == FILE
    assert links.link("docs/guide/setup.md", "docs/index.md") == "../index.md"


def test_a_form_that_would_not_lead_back_is_not_written(tmp_path: Path) -> None:
    """Two posts share a slug in different folders: `/blog/intro` would lead to the first, so the
    second is linked by a form that reaches it."""
    write(tmp_path, "posts/a/intro.md")
    write(tmp_path, "posts/b/intro.md")
    write(tmp_path, "posts/c.md")
    links = scan_links(SiteConfig(tmp_path, (Collection("posts", "Posts", "posts"),), generator="next"))
    for target in ("posts/a/intro.md", "posts/b/intro.md"):
        assert links.leads_to("posts/c.md", links.link("posts/c.md", target)) == target
