"""What Postdesk learns about a site: collections from `.postdesk.yml` or from the usual layouts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from desktop_app.core.errors import PostdeskError
from desktop_app.core.site.config import Collection, SiteConfig
from desktop_app.core.site.detect import load_site
from desktop_app.core.site.posts.files import post_file_name
from tests.conftest import REPO_ROOT


def touch(root: Path, *relatives: str, text: str = "# Post\n") -> None:
    for relative in relatives:
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


POSTDESK_YML = """\
generator: next
static_folder: public
collections:
  - name: blog
    label: Blog posts
    folder: /content/blog/
    extension: mdx
    media_folder: public/images/
    public_folder: /images
  - folder: notes
  - label: no folder, ignored
preview:
  css: [styles/site.css]
deploy_branch: gh-pages
"""


def test_postdesk_yml_defines_collections(tmp_path: Path) -> None:
    (tmp_path / ".postdesk.yml").write_text(POSTDESK_YML, encoding="utf-8")
    site = load_site(tmp_path)
    assert site.source == ".postdesk.yml"
    assert site.generator == "next"
    assert site.static_folder == "public"
    assert site.css_files == ("styles/site.css",)
    assert site.collections == (
        Collection("blog", "Blog posts", "content/blog", "mdx", "public/images", "/images", source=".postdesk.yml"),
        Collection("notes", "Notes", "notes", source=".postdesk.yml"),
    )
    assert site.extra == {"generator": "next", "static_folder": "public", "deploy_branch": "gh-pages"}
    assert site.problems == (".postdesk.yml line 11: a collection without a 'folder' is ignored.",)


def test_postdesk_yml_without_collections_falls_back_to_inference(tmp_path: Path) -> None:
    (tmp_path / ".postdesk.yml").write_text("preview:\n  css: [a.css]\n", encoding="utf-8")
    touch(tmp_path, "_posts/2024-01-02-a.md")
    site = load_site(tmp_path)
    assert [c.folder for c in site.collections] == ["_posts"]
    assert site.css_files == ("a.css",)


@pytest.mark.parametrize("text, fragment", [
    ("collections: [unclosed\n", "cannot be read"),
    ("- just\n- a list\n", "must be a mapping"),
    ("preview: styles/site.css\n", "'preview' must be a mapping"),
])
def test_broken_postdesk_yml_is_a_clear_error(tmp_path: Path, text: str, fragment: str) -> None:
    (tmp_path / ".postdesk.yml").write_text(text, encoding="utf-8")
    with pytest.raises(PostdeskError) as caught:
        load_site(tmp_path)
    assert ".postdesk.yml" in caught.value.message
    assert fragment in caught.value.message


def test_hugo_site_is_inferred(tmp_path: Path) -> None:
    touch(tmp_path, "hugo.toml", text='title = "x"\n')
    touch(tmp_path, "content/posts/first.md", "content/about.md", "themes/t/README.md")
    site = load_site(tmp_path)
    assert site.generator == "hugo"
    assert site.static_folder == "static"
    assert site.source == "inferred"  # no schema: the fields come from the posts
    # Each section is a collection, and the pages directly in content/ are one more.
    assert [(c.name, c.folder, c.pattern) for c in site.collections] == [
        ("posts", "content/posts", ""), ("pages", "content", "*.{md,markdown,mdx}")]
    assert site.evidence == ("hugo.toml",)


def test_jekyll_site_is_inferred_with_its_markdown_extension(tmp_path: Path) -> None:
    touch(tmp_path, "_config.yml", text="title: x\n")
    touch(tmp_path, "_posts/2024-01-02-a.markdown", "_posts/2024-01-03-b.markdown", "_posts/2024-01-04-c.md")
    site = load_site(tmp_path)
    assert site.generator == "jekyll"
    assert [(c.name, c.folder) for c in site.collections] == [("posts", "_posts")]
    # A new post is named as Jekyll wants it, with the extension most posts use.
    assert post_file_name(site.collections[0], "d", dt.date(2024, 2, 1), site) == "2024-02-01-d.markdown"


@pytest.mark.parametrize("dependency, generator, static", [
    ("next", "next", "public"), ("astro", "astro", "public"), ("@11ty/eleventy", "eleventy", "public"),
    ("@docusaurus/core", "docusaurus", "static"),
])
def test_node_sites_serve_their_static_folder(tmp_path: Path, dependency: str, generator: str, static: str) -> None:
    touch(tmp_path, "package.json", text=f'{{"dependencies": {{"{dependency}": "^1.0.0"}}}}')
    touch(tmp_path, "src/content/blog/a.md")
    site = load_site(tmp_path)
    assert (site.generator, site.static_folder) == (generator, static)
    assert [c.folder for c in site.collections] == ["src/content/blog"]


def test_empty_known_folder_is_skipped_for_one_with_posts(tmp_path: Path) -> None:
    (tmp_path / "posts").mkdir()
    touch(tmp_path, "posts/node_modules/x/readme.md")  # not a post
    touch(tmp_path, "blog/a.md")
    assert [c.folder for c in load_site(tmp_path).collections] == ["blog"]


def test_repository_without_a_known_folder_is_one_collection_of_pages(tmp_path: Path) -> None:
    touch(tmp_path, "guide/intro.md")
    assert load_site(tmp_path).collections == (Collection("pages", "Pages", ""),)


def test_site_css_is_found(tmp_path: Path) -> None:
    touch(tmp_path, "posts/a.md")
    touch(tmp_path, "styles/globals.css", text="body {}\n")
    assert load_site(tmp_path).css_files == ("styles/globals.css",)
    assert load_site(tmp_path / "posts").css_files == ()


def test_collection_for_picks_the_deepest_folder(tmp_path: Path) -> None:
    site = SiteConfig(tmp_path, (Collection("content", "Content", "content"),
                                 Collection("posts", "Posts", "content/posts")))
    assert site.collection_for("content/posts/a.md").name == "posts"
    assert site.collection_for("content/about.md").name == "content"
    assert site.collection_for("content-other/x.md") is None
    pages = SiteConfig(tmp_path, (Collection("pages", "Pages", ""),))
    assert pages.collection_for("anything/at/all.md").name == "pages"


def test_site_path_maps_media_urls_to_repository_files(tmp_path: Path) -> None:
    touch(tmp_path, "public/images/x.svg", text="<svg/>")
    site = SiteConfig(tmp_path, (Collection("blog", "Blog", "content/blog", media_folder="public/images",
                                            public_folder="/images"),), static_folder="static")
    assert site.site_path_to_file("/images/x.svg") == tmp_path / "public/images/x.svg"
    # Not in the media folder: the static folder serves the site root.
    assert site.site_path_to_file("/images/missing.png") == tmp_path / "static/images/missing.png"
    assert site.site_path_to_file("/favicon.ico") == tmp_path / "static/favicon.ico"
    assert site.site_path_to_file("relative.png") is None


def test_site_path_without_a_static_folder_is_the_repository_root(tmp_path: Path) -> None:
    site = SiteConfig(tmp_path, (Collection("posts", "Posts", "_posts"),))
    assert site.site_path_to_file("/assets/logo.png") == tmp_path / "assets/logo.png"


def test_sample_blog_loads_as_before() -> None:
    site = load_site(REPO_ROOT / "resources" / "sample-blog")
    assert (site.source, site.generator, site.static_folder, site.problems) == (".postdesk.yml", "next", "public", ())
    assert site.css_files == ("styles/globals.css",)
    assert site.collections == (
        Collection("posts", "Posts", "posts", "md", "public/images", "/images", source=".postdesk.yml"),)


@pytest.mark.parametrize("files, flavor", [
    ({"package.json": '{"dependencies": {"next": "15"}}'}, "gfm"),
    ({"package.json": '{"dependencies": {"astro": "5"}}'}, "gfm"),
    ({"hugo.toml": 'title = "x"\n'}, "gfm"),
    ({"mkdocs.yml": "site_name: x\n"}, "python-markdown"),
    ({"_config.yml": "title: x\n"}, "python-markdown"),
    ({}, "python-markdown"),
    ({"package.json": '{"dependencies": {"next": "15"}}', ".postdesk.yml": "preview:\n  flavor: python-markdown\n"},
     "python-markdown"),
])
def test_the_markdown_flavour_follows_the_sites_generator(tmp_path: Path, files: dict[str, str], flavor: str) -> None:
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    assert load_site(tmp_path).flavor == flavor


def test_an_unknown_flavour_in_postdesk_yml_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / ".postdesk.yml").write_text("preview:\n  flavor: kramdown\n", encoding="utf-8")
    with pytest.raises(PostdeskError, match="preview.flavor must be one of python-markdown, gfm"):
        load_site(tmp_path)


@pytest.mark.parametrize("files", [
    {"hugo.yaml": "title: x\n"}, {"hugo.json": "{}"}, {"hugo.yml": "title: x\n"},
    {"config.toml": 'baseURL = "https://example.org/"\n'},
    {"config.yaml": "baseURL: https://example.org/\n"}, {"config.json": '{"baseURL": "https://example.org/"}'},
    {"config.yaml": "title: x\n", "content/posts/a.md": "# A\n"},
    {"config/_default/hugo.toml": 'title = "x"\n'}, {"config/_default/config.yaml": "title: x\n"},
    {"config/_default/config.toml": 'title = "x"\n'},
])
def test_every_hugo_configuration_layout_is_recognised(tmp_path: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        touch(tmp_path, name, text=text)
    site = load_site(tmp_path)
    assert (site.generator, site.static_folder, site.flavor) == ("hugo", "static", "gfm")


def test_a_config_yaml_of_something_else_is_not_hugo(tmp_path: Path) -> None:
    touch(tmp_path, "config.yaml", text="database: postgres\n")
    touch(tmp_path, "posts/a.md")
    assert load_site(tmp_path).generator == "unknown"
