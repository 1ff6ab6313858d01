"""Each generator's own configuration, read from a fixture site through `postdesk site --json`."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from desktop_app.cli import main
from desktop_app.core.frontmatter import parse as fm
from desktop_app.core.site.detect import load_site
from desktop_app.core.site.library import schema, translations
from desktop_app.core.site.library.checker import check_site
from desktop_app.core.site.library.summaries import scan
from desktop_app.core.site.posts.files import create_post
from desktop_app.core.site.posts.media import image_value
from tests.core.site.schemas.helpers import FIXTURES, collection, fields, site_json, types


def test_hugo_with_a_scripts_only_package_json_is_hugo(capsys: pytest.CaptureFixture[str]) -> None:
    report = site_json(FIXTURES / "hugo-npm", capsys)
    assert report["generator"] == "hugo"
    assert report["evidence"] == ["config/_default/hugo.toml", "package.json scripts run hugo", "an archetypes/ folder"]
    # /img/… resolves against Hugo's static/, not public/.
    assert report["media"] == [{"collection": None, "folder": "static", "served_as": "/"}]
    site = load_site(FIXTURES / "hugo-npm")
    assert site.site_path_to_file("/img/bench.svg") == FIXTURES / "hugo-npm" / "static/img/bench.svg"


def test_hugo_sections_pages_languages_and_taxonomies(capsys: pytest.CaptureFixture[str]) -> None:
    report = site_json(FIXTURES / "hugo-npm", capsys)
    assert [(item["name"], item["folder"], item["posts"]) for item in report["collections"]] == [
        ("posts", "content/posts", 2), ("projects", "content/projects", 1), ("pages", "content", 1)]
    assert report["languages"] == ["en", "it", "es"]
    assert report["taxonomies"] == ["tags", "categories", "series"]
    posts = collection(report, "posts")
    # The bundle archetype makes every new post a page bundle, started from it.
    assert (posts["template"], posts["new_file"]) == ("archetypes/posts/index.md", "content/posts/{{slug}}/index.md")
    assert collection(report, "projects")["template"] == "archetypes/default.md"
    assert report["config_files"] == ["config/_default/hugo.toml", "config/_default/languages.toml",
                                      "config/_default/taxonomies.toml"]


def test_hugo_library_holds_the_posts_not_sections_nor_bundle_resources() -> None:
    site = load_site(FIXTURES / "hugo-npm")
    found = {post.path: post for post in translations.group(site, scan(site))}
    posts = {path for path, post in found.items() if post.role != "section"}
    assert posts == {"content/posts/hello-world/index.md", "content/posts/second/index.md",
                     "content/projects/lathe.md", "content/about.md"}
    sections = {path for path, post in found.items() if post.role == "section"}
    assert sections == {"content/_index.md", "content/posts/_index.md", "content/projects/_index.md"}
    hello = found["content/posts/hello-world/index.md"]
    assert hello.translations == (("en", "content/posts/hello-world/index.md"),
                                  ("it", "content/posts/hello-world/index.it.md"),
                                  ("es", "content/posts/hello-world/index.es.md"))
    assert hello.tags == ("intro",)
    assert dict(hello.taxonomies) == {"categories": ("news",), "series": ("getting-started",)}


def test_hugo_section_pages_are_not_validated_as_posts(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "hugo-npm", tmp_path / "site")
    (tmp_path / "site/.postdesk.yml").write_text(
        "collections:\n  - name: posts\n    folder: content/posts\n    fields:\n"
        "      - {name: title, widget: string, required: true}\n"
        "      - {name: date, widget: datetime, required: true}\n", encoding="utf-8")
    report = check_site(load_site(tmp_path / "site"))
    # content/posts/_index.md has no date, and that is right for a section's page.
    assert [finding.path for finding in report.findings] == []


def test_list_json_keeps_tags_and_names_the_other_taxonomies(tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    site = tmp_path / "site"
    shutil.copytree(FIXTURES / "hugo-npm", site)

    subprocess.run(["git", "init", "-q", str(site)], check=True)
    capsys.readouterr()
    assert main(["list", str(site), "--json"]) == 0
    listed = {item["path"]: item for item in json.loads(capsys.readouterr().out)}
    hello = listed["content/posts/hello-world/index.md"]
    assert hello["tags"] == ["intro"]
    assert hello["taxonomies"] == {"categories": ["news"], "series": ["getting-started"]}
    assert hello["language"] == "en"
    assert hello["translations"] == [{"language": "it", "path": "content/posts/hello-world/index.it.md"},
                                     {"language": "es", "path": "content/posts/hello-world/index.es.md"}]
    assert "content/posts/hello-world/index.it.md" not in listed
    assert listed["content/posts/_index.md"]["role"] == "section"


def test_hugo_new_post_starts_from_the_archetype(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "hugo-npm", tmp_path / "site")
    site = load_site(tmp_path / "site")
    posts = next(c for c in site.collections if c.name == "posts")
    relative = create_post(site, posts, "Shop tour: the lathe", dt.datetime(2024, 7, 1, 9, 30))
    assert relative == "content/posts/shop-tour-the-lathe/index.md"
    text = (tmp_path / "site" / relative).read_text(encoding="utf-8")
    assert fm.read_post(text).values == {"title": "Shop tour: the lathe", "date": dt.datetime(2024, 7, 1, 9, 30),
                                         "draft": True, "tags": [], "series": "", "summary": ""}
    assert text.endswith("Start with the point you want readers to keep.\n")


def test_hugo_languages_with_their_own_content_folders(tmp_path: Path) -> None:
    (tmp_path / "hugo.toml").write_text(
        'defaultContentLanguage = "fr"\n[languages.fr]\ncontentDir = "content/fr"\nweight = 1\n'
        '[languages.en]\ncontentDir = "content/en"\nweight = 2\n', encoding="utf-8")
    for relative, title in (("content/fr/posts/velo.md", "Vélo"), ("content/en/posts/velo.md", "Bike"),
                            ("content/fr/posts/seul.md", "Seul")):
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relative).write_text(f"---\ntitle: {title}\n---\n", encoding="utf-8")
    site = load_site(tmp_path)
    assert site.languages == ("fr", "en")
    assert [(c.name, c.folder, c.translation_folders) for c in site.collections] == [
        ("posts", "content/fr/posts", (("en", "content/en/posts"),))]
    found = {post.path: post for post in translations.group(site, scan(site))}
    assert set(found) == {"content/fr/posts/velo.md", "content/fr/posts/seul.md"}
    assert found["content/fr/posts/velo.md"].translations == (("fr", "content/fr/posts/velo.md"),
                                                              ("en", "content/en/posts/velo.md"))


def test_jekyll_collections_defaults_drafts_and_authors(capsys: pytest.CaptureFixture[str]) -> None:
    report = site_json(FIXTURES / "jekyll-collections", capsys)
    assert (report["generator"], report["evidence"][0]) == ("jekyll", "_config.yml")
    assert [(item["name"], item["folder"], item["posts"]) for item in report["collections"]] == [
        ("posts", "_posts", 2), ("drafts", "_drafts", 1), ("recipes", "_recipes", 2)]
    posts = fields(report, "posts")
    assert (posts["layout"]["inherited"], posts["comments"]["inherited"]) == ("post", True)
    assert posts["author"] == {"name": "author", "label": "Author", "type": "select", "required": False,
                               "inherited": "ada", "options": ["ada", "grace"]}
    assert fields(report, "recipes")["servings"]["inherited"] == 2
    assert collection(report, "posts")["new_file"] == "_posts/{{year}}-{{month}}-{{day}}-{{slug}}.md"
    assert collection(report, "drafts")["new_file"] == "_drafts/{{slug}}.md"


def test_jekyll_inherited_fields_are_shown_and_never_missing() -> None:
    site = load_site(FIXTURES / "jekyll-collections")
    found = scan(site)
    assert next(post for post in found if post.path == "_drafts/pickles.md").draft is True
    posts = next(c for c in site.collections if c.name == "posts")
    specs, configured = schema.collection_schema(posts, found)
    layout = next(spec for spec in specs if spec.key == "layout")
    assert (layout.inherited, layout.required, configured) == ("post", False, False)
    assert check_site(site).ok


def test_astro_content_layer_loaders_and_zod_types(capsys: pytest.CaptureFixture[str]) -> None:
    report = site_json(FIXTURES / "astro-content-layer", capsys)
    # file() loads JSON data: not a collection of posts.
    assert [(item["name"], item["folder"], item["pattern"]) for item in report["collections"]] == [
        ("blog", "src/data/blog", "**/*.{md,mdx}"), ("authors", "src/data/authors", "*.md")]
    blog = fields(report, "blog")
    assert types(report, "blog") == {
        "title": "text", "description": "text", "pubDate": "date", "updatedDate": "date", "heroImage": "image",
        "author": "relation", "related": "relation", "tags": "tags", "series": "select", "rating": "number",
        "draft": "boolean", "seo": "object", "status": "select", "meta": "readonly"}
    assert [name for name, spec in blog.items() if spec["required"]] == ["title", "description", "pubDate", "author"]
    assert blog["author"]["relation"] == "authors"
    assert (blog["related"]["relation"], blog["related"]["multiple"], blog["related"]["default"]) == ("blog", True, [])
    assert blog["series"]["options"] == ["basics", "deep-dives"]  # an enum of a const array
    assert blog["status"] == {"name": "status", "label": "Status", "type": "select", "required": False,
                              "default": "idea", "options": ["idea", "writing", "done"]}
    assert [spec["name"] for spec in blog["seo"]["fields"]] == ["canonical", "noindex"]
    assert blog["draft"]["default"] is False
    assert report["languages"] == ["en", "fr"]  # i18n in astro.config.mjs
    site = load_site(FIXTURES / "astro-content-layer")
    rating = next(spec for spec in site.collections[0].fields if spec.key == "rating")
    assert (rating.integer, rating.minimum, rating.maximum) == (True, 1.0, 5.0)
    title = site.collections[0].fields[0]
    assert title.pattern_message == "At most 80 characters."


def test_docusaurus_blog_authors_tags_and_translations(capsys: pytest.CaptureFixture[str]) -> None:
    report = site_json(FIXTURES / "docusaurus-blog", capsys)
    assert report["generator"] == "docusaurus"
    assert [(item["name"], item["folder"]) for item in report["collections"]] == [("blog", "blog"), ("docs", "docs")]
    blog = fields(report, "blog")
    assert blog["authors"]["type"] == "tags"  # `authors: slorber` or a list: both are Docusaurus'
    assert dict(load_site(FIXTURES / "docusaurus-blog").terms)["authors"] == ("jmarcey", "slorber")
    assert check_site(load_site(FIXTURES / "docusaurus-blog")).ok
    assert report["languages"] == ["en", "fr"]
    assert collection(report, "blog")["translation_folders"] == {"fr": "i18n/fr/docusaurus-plugin-content-blog"}
    assert report["media"] == [{"collection": None, "folder": "static", "served_as": "/"}]
    site = load_site(FIXTURES / "docusaurus-blog")
    found = {post.path: post for post in translations.group(site, scan(site))}
    assert [code for code, _ in found["blog/2024-04-02-update.md"].translations] == ["en", "fr"]
    assert dict(site.terms)["tags"] == ("release", "hello")


def test_eleventy_input_folder_directory_data_and_authors(capsys: pytest.CaptureFixture[str]) -> None:
    report = site_json(FIXTURES / "eleventy-blog", capsys)
    assert report["generator"] == "eleventy"
    assert [(item["name"], item["folder"], item["posts"]) for item in report["collections"]] == [
        ("posts", "src/posts", 2)]
    posts = fields(report, "posts")
    assert posts["tags"]["inherited"] == ["posts"]
    assert posts["author"]["options"] == ["zach", "kim"]
    assert report["media"] == [{"collection": None, "folder": "public", "served_as": "/"}]


def test_a_new_jekyll_post_leaves_the_author_to_the_sites_list(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "jekyll-collections", tmp_path / "site")
    site = load_site(tmp_path / "site")
    relative = create_post(site, site.collections[0], "Jam", dt.date(2024, 8, 1), author="Git Name")
    assert relative == "_posts/2024-08-01-jam.md"
    assert "author" not in fm.read_post((tmp_path / "site" / relative).read_text(encoding="utf-8")).values


@pytest.mark.parametrize("name, post, value, folder", [
    ("hugo-npm", "content/posts/second/index.md", "/images/pic.svg", "static/images"),
    ("jekyll-collections", "_posts/2024-03-04-soup.md", "/images/pic.svg", "images"),
    ("eleventy-blog", "src/posts/first.md", "/images/pic.svg", "public/images"),
    ("docusaurus-blog", "blog/2024-04-02-update.md", "/images/pic.svg", "static/images"),
])
def test_an_image_chosen_in_the_form_lands_where_the_site_serves_it(tmp_path: Path, name: str, post: str,
                                                                    value: str, folder: str) -> None:

    shutil.copytree(FIXTURES / name, tmp_path / "site")
    picture = tmp_path / "pic.svg"
    picture.write_text('<svg xmlns="http://www.w3.org/2000/svg"/>', encoding="utf-8")
    site = load_site(tmp_path / "site")
    assert image_value(site, tmp_path / "site" / post, picture) == value
    assert (tmp_path / "site" / folder / "pic.svg").is_file()
    assert site.site_path_to_file(value) == tmp_path / "site" / folder / "pic.svg"


def test_each_translation_knows_its_language() -> None:
    site = load_site(FIXTURES / "hugo-npm")
    hello = next(post for post in translations.group(site, scan(site)) if post.path.endswith("hello-world/index.md"))
    assert translations.language_of(site, hello) == "en"
    assert translations.language_of(site, hello, "content/posts/hello-world/index.es.md") == "es"
