"""Sites set up for Pages CMS open with the collections of their `.pages.yml`."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.core.frontmatter import fields as f
from desktop_app.core.frontmatter.fields import Option, Relation, find
from desktop_app.core.site.config import SiteConfig
from desktop_app.core.site.detect import load_site

SITES = Path(__file__).resolve().parents[3] / "fixtures" / "sites"


@pytest.fixture(scope="module")
def site() -> SiteConfig:
    return load_site(SITES / "next-pages")


def test_collections_media_and_file_names(site: SiteConfig) -> None:
    assert (site.source, site.generator, site.problems) == (".pages.yml", "next", ())
    # The `site` file entry and the `navigation` folder of YAML files are not posts.
    assert [(c.name, c.label, c.folder, c.extension) for c in site.collections] == [
        ("posts", "Posts", "content/posts", "md"), ("authors", "Authors", "content/authors", "md")]
    posts, authors = site.collections
    assert (posts.media_folder, posts.public_folder) == ("public/images", "/images")
    assert (posts.slug, posts.path, posts.create) == ("{{year}}-{{month}}-{{day}}-{{slug}}", "", True)
    assert authors.slug == "{{slug}}"
    assert site.site_path_to_file("/images/studio.svg") == site.root / "public/images/studio.svg"


def test_post_fields(site: SiteConfig) -> None:
    schema = site.collections[0].fields
    assert {s.key: s.kind for s in schema} == {
        "title": f.TEXT, "date": f.DATE, "updated": f.DATETIME, "excerpt": f.MULTILINE, "tags": f.TAGS,
        "category": f.SELECT, "cover": f.IMAGE, "gallery": f.TAGS, "author": f.RELATION, "seo": f.OBJECT,
        "faq": f.LIST, "published": f.BOOLEAN, "order": f.NUMBER, "blocks": f.READONLY, "id": f.HIDDEN,
        "body": f.BODY,
    }
    assert [s.key for s in schema if s.required] == ["title", "date"]
    title, excerpt = find(schema, "title"), find(schema, "excerpt")
    assert title is not None and (title.pattern, title.pattern_message) == (
        "^.{1,80}$", "Keep titles under 80 characters")
    assert excerpt is not None and excerpt.hint == "Shown on the home page"
    category = find(schema, "category")
    assert category is not None and category.default == "studio"
    assert category.options == (Option("studio", "studio"), Option("process", "process"),
                                Option("clients", "Client work"))
    order = find(schema, "order")
    assert order is not None and (order.minimum, order.maximum, order.integer) == (0, 10, True)


def test_references_components_and_lists_of_objects(site: SiteConfig) -> None:
    schema = site.collections[0].fields
    author = find(schema, "author")
    assert author is not None and author.relation == Relation("authors", "{{slug}}", ("name",))
    seo = find(schema, "seo")  # `component: seo`, defined once at the top of the file
    assert seo is not None and seo.label == "SEO"
    assert [(s.key, s.kind) for s in seo.fields] == [("title", f.TEXT), ("description", f.MULTILINE)]
    faq = find(schema, "faq")
    assert faq is not None and [(s.key, s.required) for s in faq.fields] == [("question", True), ("answer", False)]
    # A text field called `body` is the body, also in the authors collection.
    assert find(site.collections[1].fields, "body").kind == f.BODY  # type: ignore[union-attr]


def write(tmp_path: Path, text: str) -> SiteConfig:
    (tmp_path / ".pages.yml").write_text(text, encoding="utf-8")
    return load_site(tmp_path)


def test_media_string_groups_and_bundle_file_names(tmp_path: Path) -> None:
    site = write(tmp_path, """\
media: static/uploads
content:
  - name: docs
    type: group
    items:
      - name: guides
        type: collection
        path: src/content/guides
        filename: "{primary}/index.mdx"
        format: yaml-frontmatter
        fields:
          - {name: title, type: string}
          - {name: reviewed, type: reference, list: true, options: {collection: people, value: "{path}"}}
          - {name: shots, type: image, options: {multiple: true}}
          - {name: scores, type: number, list: true}
""")
    guides = site.collections[0]
    assert (guides.name, guides.folder, guides.extension, guides.format) == ("guides", "src/content/guides", "mdx",
                                                                            "yaml")
    assert (guides.slug, guides.path) == ("{{slug}}", "{{slug}}/index")
    assert (guides.media_folder, guides.public_folder) == ("static/uploads", "/static/uploads")
    reviewed = find(guides.fields, "reviewed")
    # `{path}` stores the entry's repository path, not its slug.
    assert reviewed is not None and reviewed.multiple and reviewed.relation == Relation(
        "people", "{{path}}", ("{{slug}}",))
    assert [(s.key, s.kind) for s in guides.fields[2:]] == [("shots", f.TAGS), ("scores", f.READONLY)]


def test_unknown_component_and_nameless_field_are_problems(tmp_path: Path) -> None:
    site = write(tmp_path, """\
content:
  - name: posts
    type: collection
    path: posts
    fields:
      - {name: seo, component: metadata}
      - {type: string}
      - {name: title, type: string}
""")
    assert [s.key for s in site.collections[0].fields] == ["title"]
    assert site.problems == (
        ".pages.yml line 6: field 'seo' uses component 'metadata', which is not defined; ignored.",
        ".pages.yml line 7: a field without a name is ignored.",
    )


def test_only_single_files_fall_back_to_the_folders(tmp_path: Path) -> None:
    (tmp_path / "_posts").mkdir()
    (tmp_path / "_posts" / "2024-01-01-a.md").write_text("# A\n", encoding="utf-8")
    site = write(tmp_path, "content:\n  - {name: site, type: file, path: data/site.yml}\n")
    assert (site.source, [c.folder for c in site.collections]) == ("inferred", ["_posts"])
    assert site.problems == (".pages.yml describes no folder of Markdown posts (only site (a single file)).",)
