"""Sites with a Decap or Sveltia CMS `config.yml` open with that CMS's collections and fields."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from desktop_app.core.frontmatter import fields as f
from desktop_app.core.frontmatter.fields import Option, Relation, find
from desktop_app.core.site.config import SiteConfig
from desktop_app.core.site.detect import load_site

SITES = Path(__file__).resolve().parents[3] / "fixtures" / "sites"


def kinds(collection_fields: tuple[f.FieldSpec, ...]) -> dict[str, str]:
    return {spec.key: spec.kind for spec in collection_fields}


@pytest.fixture(scope="module")
def hugo() -> SiteConfig:
    return load_site(SITES / "hugo-decap")


def test_hugo_decap_site_reads_its_folder_collections(hugo: SiteConfig) -> None:
    assert hugo.source == "static/admin/config.yml"
    assert hugo.generator == "hugo"
    assert hugo.problems == ()
    # The `settings` file collection and the `menus` folder of YAML data are not posts.
    assert [(c.name, c.label, c.folder, c.extension) for c in hugo.collections] == [
        ("posts", "Posts", "content/posts", "md"),
        ("authors", "Authors", "content/authors", "md"),
        ("pages", "Pages", "content/pages", "md"),
    ]
    assert {c.source for c in hugo.collections} == {"static/admin/config.yml"}


def test_hugo_decap_file_patterns_and_media(hugo: SiteConfig) -> None:
    posts, authors, pages = hugo.collections
    assert (posts.slug, posts.path, posts.create) == ("{{year}}-{{month}}-{{day}}-{{slug}}", "", True)
    assert (posts.media_folder, posts.public_folder) == ("static/images/uploads", "/images/uploads")
    assert authors.slug == "{{fields.name}}"
    # `path` puts each page in its own folder; `media_folder: ''` keeps images beside the page.
    assert (pages.slug, pages.path) == ("{{slug}}", "{{slug}}/index")
    assert (pages.media_folder, pages.public_folder) == (".", "")
    assert hugo.collection_for("content/pages/about/index.md") is pages


def test_hugo_decap_post_fields(hugo: SiteConfig) -> None:
    schema = hugo.collections[0].fields
    assert kinds(schema) == {
        "layout": f.HIDDEN, "title": f.TEXT, "date": f.DATETIME, "description": f.MULTILINE,
        "draft": f.BOOLEAN, "tags": f.TAGS, "categories": f.SELECT, "image": f.IMAGE,
        "author": f.RELATION, "reading_time": f.NUMBER, "params": f.OBJECT, "links": f.LIST,
        "location": f.READONLY, "body": f.BODY,
    }
    # Decap fields are required unless they say `required: false`.
    assert [s.key for s in schema if s.required] == ["title", "date", "draft", "author", "body"]
    layout = find(schema, "layout")
    assert layout is not None and layout.default == "post" and not layout.shown
    title = find(schema, "title")
    assert title is not None and title.label == "Title"
    assert (title.pattern, title.pattern_message) == ("^.{1,90}$", "A title has at most 90 characters")
    draft = find(schema, "draft")
    assert draft is not None and draft.default is True
    description = find(schema, "description")
    assert description is not None and description.hint == "Shown in lists and search results"


def test_hugo_decap_select_relation_number_and_nesting(hugo: SiteConfig) -> None:
    schema = hugo.collections[0].fields
    categories = find(schema, "categories")
    assert categories is not None and categories.multiple
    assert categories.options == (Option("Engineering", "Engineering"), Option("Design", "Design"),
                                  Option("news", "Company news"))
    author = find(schema, "author")
    assert author is not None and not author.multiple
    assert author.relation == Relation("authors", "{{slug}}", ("name",))
    assert hugo.collections[1].name == author.relation.collection  # the target exists
    minutes = find(schema, "reading_time")
    assert minutes is not None and (minutes.integer, minutes.minimum, minutes.maximum) == (True, 1, 120)
    params = find(schema, "params")
    assert params is not None
    assert [(s.key, s.kind, s.required, s.default) for s in params.fields] == [
        ("toc", f.BOOLEAN, False, False), ("canonical", f.TEXT, False, None)]
    links = find(schema, "links")
    assert links is not None
    # Sub-fields follow Decap's rule too: required unless they opt out.
    assert [(s.key, s.kind, s.required) for s in links.fields] == [("text", f.TEXT, True), ("url", f.TEXT, True)]


def test_field_level_media_folder_overrides_the_collection(hugo: SiteConfig) -> None:
    avatar = find(hugo.collections[1].fields, "avatar")
    assert avatar is not None and avatar.kind == f.IMAGE
    assert (avatar.media_folder, avatar.public_folder) == ("static/images/authors", "/images/authors")
    weight = find(hugo.collections[2].fields, "weight")
    assert weight is not None and weight.kind == f.NUMBER and not weight.integer


@pytest.fixture(scope="module")
def astro() -> SiteConfig:
    return load_site(SITES / "astro-sveltia")


def test_sveltia_astro_site_with_mdx_bundles(astro: SiteConfig) -> None:
    assert astro.source == "public/admin/config.yml"
    assert astro.generator == "astro"
    assert astro.problems == ()  # the top-level i18n and the sidebar divider are not problems
    blog, notes = astro.collections
    assert (blog.name, blog.folder, blog.extension, blog.format) == ("blog", "src/content/blog", "mdx", "yaml")
    assert (blog.slug, blog.path) == ("{{slug}}", "{{slug}}/index")
    assert (blog.media_folder, blog.public_folder) == (".", "")
    # `media_folder: images` (no leading slash) is relative to each post's folder.
    assert (notes.folder, notes.extension, notes.format) == ("src/content/notes", "md", "")
    assert (notes.media_folder, notes.public_folder) == ("./images", "images")
    assert notes.slug == "{{year}}-{{month}}-{{day}}-{{slug}}"


def test_sveltia_widgets(astro: SiteConfig) -> None:
    schema = astro.collections[0].fields
    assert kinds(schema) == {
        "title": f.TEXT, "pubDate": f.DATE, "updatedDate": f.DATETIME, "description": f.MULTILINE,
        "heroImage": f.IMAGE, "tags": f.TAGS, "difficulty": f.SELECT, "aperture": f.NUMBER,
        "accent": f.TEXT, "uid": f.TEXT, "embed": f.READONLY, "meta": f.READONLY,
        "sections": f.READONLY, "body": f.BODY,
    }
    difficulty = find(schema, "difficulty")
    assert difficulty is not None and difficulty.default == 1 and not difficulty.multiple
    assert difficulty.options == (Option(1, "Beginner"), Option(2, "Intermediate"), Option(3, "Expert"))
    aperture = find(schema, "aperture")
    assert aperture is not None and (aperture.integer, aperture.minimum, aperture.maximum) == (False, 50, None)


CONFIG = """\
media_folder: static/img
collections:
  - name: blog
    folder: /content/blog/
    fields:
{fields}
"""


def site_with_fields(tmp_path: Path, fields_yaml: str) -> SiteConfig:
    (tmp_path / "admin").mkdir()
    (tmp_path / "admin" / "config.yml").write_text(CONFIG.format(fields=fields_yaml), encoding="utf-8")
    return load_site(tmp_path)


def test_decap_defaults(tmp_path: Path) -> None:
    site = site_with_fields(tmp_path, "      - {name: title}\n      - {name: summary, widget: markdown}\n")
    blog = site.collections[0]
    # No label, slug, create or public_folder: Decap's defaults.
    assert (blog.label, blog.folder, blog.slug, blog.create) == ("blog", "content/blog", "{{slug}}", False)
    assert (blog.media_folder, blog.public_folder) == ("static/img", "/static/img")
    assert [(s.key, s.kind, s.required) for s in blog.fields] == [
        ("title", f.TEXT, True), ("summary", f.MARKDOWN, True)]


def test_decap_list_variants(tmp_path: Path) -> None:
    site = site_with_fields(tmp_path, """\
      - {name: plain, widget: list}
      - {name: strings, widget: list, field: {name: s, widget: string}}
      - {name: images, widget: list, field: {name: i, widget: image}}
      - {name: picks, widget: list, field: {name: p, widget: select, options: [a, b]}}
      - {name: refs, widget: list, field: {name: r, widget: relation, collection: blog, value_field: title}}
      - {name: numbers, widget: list, field: {name: n, widget: number}}
      - {name: typed, widget: list, types: [{name: a, widget: object, fields: [{name: x}]}]}
      - {name: raw_code, widget: code, output_code_only: true}
      - {name: gps, widget: map}
      - {name: made_up, widget: my-custom-widget}
      - {name: when, widget: date}
""")
    schema = site.collections[0].fields
    assert kinds(schema) == {
        "plain": f.TAGS, "strings": f.TAGS, "images": f.TAGS, "picks": f.SELECT, "refs": f.RELATION,
        "numbers": f.READONLY, "typed": f.READONLY, "raw_code": f.MULTILINE, "gps": f.READONLY,
        "made_up": f.READONLY, "when": f.DATE,
    }
    picks, refs = find(schema, "picks"), find(schema, "refs")
    assert picks is not None and picks.multiple and [o.value for o in picks.options] == ["a", "b"]
    assert refs is not None and refs.multiple and refs.relation == Relation("blog", "title", ("title",))


def test_bad_fields_are_skipped_with_their_line(tmp_path: Path) -> None:
    site = site_with_fields(tmp_path, "      - {name: title}\n      - {label: No name}\n      - just a string\n")
    assert [s.key for s in site.collections[0].fields] == ["title"]
    assert site.problems == ("admin/config.yml line 7: a field without a name is ignored.",
                             "admin/config.yml: a field without a name is ignored.")


def test_collection_level_media_folder_from_the_repository_root(tmp_path: Path) -> None:
    (tmp_path / "admin").mkdir()
    (tmp_path / "admin" / "config.yml").write_text(
        "media_folder: uploads\ncollections:\n"
        "  - {name: a, folder: posts, media_folder: /static/a, public_folder: /a}\n"
        "  - {name: b, folder: notes, media_folder: ./pictures}\n"
        "  - {name: c, folder: data, extension: json}\n"
        "  - {name: d, folder: pages, extension: html}\n",
        encoding="utf-8")
    site = load_site(tmp_path)
    assert [(c.name, c.media_folder, c.public_folder) for c in site.collections] == [
        ("a", "static/a", "/a"), ("b", "./pictures", "./pictures")]


@pytest.mark.parametrize("place", ["admin/config.yml", "static/admin/config.yaml", "src/admin/config.yml"])
def test_config_is_found_where_generators_put_it(tmp_path: Path, place: str) -> None:
    shutil.copytree(SITES / "hugo-decap" / "content", tmp_path / "content")
    target = tmp_path / place
    target.parent.mkdir(parents=True)
    shutil.copy(SITES / "hugo-decap" / "static/admin/config.yml", target)
    site = load_site(tmp_path)
    assert site.source == place
    assert [c.name for c in site.collections] == ["posts", "authors", "pages"]


def test_new_posts_get_the_decap_defaults(tmp_path: Path) -> None:
    from desktop_app.core.site.posts.files import new_post_text

    site = site_with_fields(tmp_path, """\
      - {name: layout, widget: hidden, default: post}
      - {name: title}
      - {name: date, widget: datetime}
      - {name: params, widget: object, default: {toc: true, related: [a, b]}, fields: [{name: toc, widget: boolean}]}
      - {name: body, widget: markdown}
""")
    text = new_post_text("Hello", dt.datetime(2024, 5, 6, 7, 8, 9), collection=site.collections[0])
    assert text.startswith("---\nlayout: post\ntitle: Hello\ndate: 2024-05-06T07:08:09\n"
                           "params:\n  toc: true\n  related:\n  - a\n  - b\n---\n")
