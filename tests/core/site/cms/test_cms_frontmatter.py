"""Sites set up for Front Matter CMS open with its page folders and content types."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from desktop_app.core.frontmatter import fields as f
from desktop_app.core.frontmatter.fields import Option, Relation, find
from desktop_app.core.site.cms.reading import strip_jsonc
from desktop_app.core.site.config import SiteConfig
from desktop_app.core.site.detect import load_site

SITES = Path(__file__).resolve().parents[3] / "fixtures" / "sites"


@pytest.fixture(scope="module")
def site() -> SiteConfig:
    return load_site(SITES / "hugo-frontmatter")


def test_page_folders_become_collections(site: SiteConfig) -> None:
    assert (site.source, site.generator, site.problems) == ("frontmatter.json", "hugo", ())
    # No defaultFileType: new posts take the extension the folder's posts use.
    assert [(c.name, c.label, c.folder, c.extension, c.create) for c in site.collections] == [
        ("posts", "Posts", "content/posts", "", True),
        ("notes", "Notes", "content/notes", "", True),
        ("authors", "Authors", "content/authors", "", True),
        ("docs", "Docs", "content/docs", "", False),  # disableCreation
    ]
    # `publicFolder: static`: uploads live in static/, which Hugo serves at the site root.
    assert {(c.media_folder, c.public_folder) for c in site.collections} == {("static", "/")}


def test_file_prefixes_and_page_bundles(site: SiteConfig) -> None:
    posts, notes, authors, docs = site.collections
    # The content type's date-fns prefix wins over the folder's; pageBundle puts it in a folder.
    assert (posts.slug, posts.path) == ("{{year}}-{{month}}-{{slug}}", "{{slug}}/index")
    assert (notes.slug, notes.path) == ("{{year}}-{{month}}-{{day}}-{{slug}}", "")
    assert authors.slug == docs.slug == "{{slug}}"  # `filePrefix: null` / `""`: no prefix


def test_content_type_fields(site: SiteConfig) -> None:
    schema = site.collections[0].fields
    # No divider / heading, no body (Front Matter CMS leaves the body to the editor).
    assert {s.key: s.kind for s in schema} == {
        "title": f.TEXT, "description": f.MULTILINE, "date": f.DATETIME, "lastmod": f.DATE,
        "preview": f.IMAGE, "draft": f.BOOLEAN, "tags": f.TAGS, "categories": f.TAGS,
        "series": f.SELECT, "audience": f.SELECT, "weight": f.NUMBER, "rating": f.NUMBER,
        "slug": f.TEXT, "author": f.RELATION, "seo": f.OBJECT, "faq": f.LIST, "data": f.READONLY,
        "uid": f.HIDDEN, "keywords": f.TAGS,
    }
    # Optional unless `required: true`.
    assert [s.key for s in schema if s.required] == ["title"]
    title, description, date = (find(schema, key) for key in ("title", "description", "date"))
    assert title is not None and title.label == "Title"
    assert description is not None and description.hint == "One or two sentences for lists and feeds"
    assert date is not None and date.default == "{{now}}"
    uid = find(schema, "uid")
    assert uid is not None and uid.default == "draft-0"


def test_choices_numbers_relations_and_nesting(site: SiteConfig) -> None:
    schema = site.collections[0].fields
    series, audience = find(schema, "series"), find(schema, "audience")
    assert series is not None and not series.multiple
    assert series.options == (Option("Hugo basics", "Hugo basics"), Option("Deploying", "Deploying"))
    assert audience is not None and audience.multiple
    assert audience.options == (Option("dev", "Developers"), Option("ops", "Operators"))
    weight, rating = find(schema, "weight"), find(schema, "rating")
    assert weight is not None and (weight.integer, weight.minimum, weight.maximum) == (True, 0, 100)
    assert rating is not None and not rating.integer
    author = find(schema, "author")
    # The relation names the content type `author`; its posts are the `authors` collection.
    assert author is not None and author.relation == Relation("authors", "{{slug}}", ("title",))
    seo, faq = find(schema, "seo"), find(schema, "faq")
    assert seo is not None and [(s.key, s.kind) for s in seo.fields] == [("title", f.TEXT), ("noindex", f.BOOLEAN)]
    # A block with one field group is a list of objects with that group's fields.
    assert faq is not None and [(s.key, s.kind, s.required) for s in faq.fields] == [
        ("question", f.TEXT, True), ("answer", f.MULTILINE, False)]


def test_folders_without_a_content_type_use_default(site: SiteConfig) -> None:
    assert [s.key for s in site.collections[1].fields] == ["title", "date", "draft"]
    assert [s.key for s in site.collections[3].fields] == ["title", "date", "draft"]


def edited(tmp_path: Path, change: dict[str, object]) -> SiteConfig:
    shutil.copytree(SITES / "hugo-frontmatter", tmp_path, dirs_exist_ok=True)
    data = json.loads(strip_jsonc((tmp_path / "frontmatter.json").read_text(encoding="utf-8")))
    data.update(change)
    (tmp_path / "frontmatter.json").write_text(json.dumps(data), encoding="utf-8")
    return load_site(tmp_path)


def test_unusable_page_folders_are_problems_not_failures(tmp_path: Path) -> None:
    site = edited(tmp_path, {"frontMatter.content.pageFolders": [
        {"title": "Posts", "path": "[[workspace]]/content/posts", "contentTypes": ["article"]},
        {"title": "Drafts", "path": "[[workspace]]/content/**/drafts"},
        {"title": "No path"},
    ]})
    assert [(c.name, c.fields) for c in site.collections] == [
        ("posts", ()), ("notes", ()), ("authors", ()), ("docs", ())]  # Hugo's other sections too
    assert site.problems == (
        "frontmatter.json: page folder 'Posts' uses content types article, which are not defined; "
        "its fields are taken from the posts.",
        "frontmatter.json: page folder '[[workspace]]/content/**/drafts' is not a folder of this repository "
        "(glob patterns and folders elsewhere are not supported); ignored.",
        "frontmatter.json: a page folder without a 'path' is ignored.",
    )


def test_without_content_types_fields_come_from_the_posts(tmp_path: Path) -> None:
    site = edited(tmp_path, {"frontMatter.taxonomy.contentTypes": None,
                             "frontMatter.content.publicFolder": {"path": "[[workspace]]/assets", "relative": True},
                             "frontMatter.content.defaultFileType": "mdx",
                             "frontMatter.taxonomy.frontMatterType": "TOML"})
    posts = site.collections[0]
    assert posts.fields == () and posts.path == ""
    # No prefix configured: new posts are named as the folder's posts are (learned from them).
    assert posts.slug == ""
    assert (posts.extension, posts.format) == ("mdx", "toml")
    assert (posts.media_folder, posts.public_folder) == ("assets", "")


def test_jsonc_comments_and_trailing_commas() -> None:
    text = '{\n  // a comment\n  "url": "https://x.org/a", /* block\n comment */ "list": [1, 2,],\n}\n'
    stripped = strip_jsonc(text)
    assert json.loads(stripped) == {"url": "https://x.org/a", "list": [1, 2]}
    assert stripped.count("\n") == text.count("\n")  # line numbers in errors stay right


def test_invalid_json_falls_back_with_the_line(tmp_path: Path) -> None:
    shutil.copytree(SITES / "hugo-frontmatter", tmp_path, dirs_exist_ok=True)
    (tmp_path / "frontmatter.json").write_text('{\n  "frontMatter.content.pageFolders": [\n    {"path": }\n]}\n',
                                               encoding="utf-8")
    site = load_site(tmp_path)
    assert site.source == "inferred"
    assert [c.folder for c in site.collections] == ["content/posts", "content/notes", "content/authors",
                                                    "content/docs"]  # Hugo's sections
    assert site.problems == ("frontmatter.json line 3: not valid JSON (Expecting value). "
                             "Postdesk does not use this file.",)


@pytest.mark.parametrize("prefix, slug", [
    ("{{date|yyyy-MM-dd}}", "{{year}}-{{month}}-{{day}}-{{slug}}"),
    ("yyyy-MM-dd-HHmm", "{{year}}-{{month}}-{{day}}-{{hour}}{{minute}}-{{slug}}"),
    ("{{year}}", "{{year}}-{{slug}}"),
    (None, "{{slug}}"),
])
def test_file_prefix_syntaxes(tmp_path: Path, prefix: str | None, slug: str) -> None:
    site = edited(tmp_path, {"frontMatter.taxonomy.contentTypes": [], "frontMatter.content.pageFolders": [
        {"title": "Blog", "path": "./content/posts/", "filePrefix": prefix}]})
    assert (site.collections[0].folder, site.collections[0].slug) == ("content/posts", slug)
