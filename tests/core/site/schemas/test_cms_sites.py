"""CMS configurations the issue named: Decap placeholders and i18n, Front Matter CMS split files."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from desktop_app.core.frontmatter import fields as f
from desktop_app.core.site.detect import load_site
from desktop_app.core.site.library import schema, translations
from desktop_app.core.site.library.checker import check_site
from desktop_app.core.site.library.choices import completions
from desktop_app.core.site.library.summaries import scan
from desktop_app.core.site.posts.files import post_file_name
from desktop_app.core.site.posts.media import image_value
from tests.core.site.schemas.helpers import FIXTURES, collection, fields, site_json


def test_decap_placeholders_and_i18n_structures(capsys: pytest.CaptureFixture[str]) -> None:
    report = site_json(FIXTURES / "decap-i18n", capsys)
    assert report["languages"] == ["en", "de"]
    assert [(item["name"], item["translations"]) for item in report["collections"]] == [
        ("posts", "suffix"), ("news", "folders"), ("guides", "single_file")]
    # {{media_folder}} and {{public_folder}} are the site's; {{filename}} is each post's.
    posts_media = next(item for item in report["media"] if item["collection"] == "posts")
    assert posts_media == {"collection": "posts", "folder": "./../../static/images/uploads/{{filename}}",
                           "served_as": "/images/uploads/{{filename}}"}
    assert collection(report, "posts")["new_file"] == "content/posts/{{slug}}.en.md"
    assert collection(report, "news")["new_file"] == "content/news/en/{{slug}}.md"
    guides = fields(report, "guides")
    assert list(guides) == ["en", "de"]
    assert [spec["name"] for spec in guides["en"]["fields"]] == ["title", "difficulty", "body"]
    assert [spec["name"] for spec in guides["de"]["fields"]] == ["title", "body"]


def test_decap_translations_are_one_post_each() -> None:
    site = load_site(FIXTURES / "decap-i18n")
    found = {post.path: post for post in translations.group(site, scan(site))}
    assert set(found) == {"content/posts/ridge-walk.en.md", "content/news/en/hut-open.md", "content/guides/packing.md"}
    assert [code for code, _ in found["content/posts/ridge-walk.en.md"].translations] == ["en", "de"]
    assert found["content/news/en/hut-open.md"].translations == (("en", "content/news/en/hut-open.md"),
                                                                 ("de", "content/news/de/hut-open.md"))
    assert check_site(site).ok


def test_an_image_lands_in_the_posts_own_media_folder_and_is_served_there(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "decap-i18n", tmp_path / "site")
    site = load_site(tmp_path / "site")
    picture = tmp_path / "summit.svg"
    picture.write_text('<svg xmlns="http://www.w3.org/2000/svg"/>', encoding="utf-8")
    post = tmp_path / "site/content/posts/ridge-walk.en.md"
    value = image_value(site, post, picture)
    assert value == "/images/uploads/ridge-walk.en/summit.svg"
    assert (tmp_path / "site/static/images/uploads/ridge-walk.en/summit.svg").is_file()
    # …and the preview finds the file again from the value.
    assert site.site_path_to_file(value) == tmp_path / "site/static/images/uploads/ridge-walk.en/summit.svg"


def test_front_matter_cms_split_config_types_and_taxonomies(capsys: pytest.CaptureFixture[str]) -> None:
    report = site_json(FIXTURES / "frontmatter-split", capsys)
    assert report["config_files"] == [
        "frontmatter.json", ".frontmatter/config/content/pagefolders/blog.json",
        ".frontmatter/config/taxonomy/contenttypes/article.json",
        ".frontmatter/config/taxonomy/contenttypes/reviews/review.json"]
    blog = collection(report, "blog")
    assert [spec["name"] for spec in blog["fields"]] == ["title", "date", "tags"]  # the folder's first type
    assert [kind["name"] for kind in blog["types"]] == ["review"]
    assert report["taxonomies"] == ["tags", "categories", "mood"]


def test_a_post_picks_its_content_type_with_type() -> None:
    site = load_site(FIXTURES / "frontmatter-split")
    found = scan(site)
    blog = site.collections[0]
    review = next(post for post in found if post.path.endswith("headphones.md"))
    specs, configured = schema.post_schema(blog, review.values, found)
    assert configured and [spec.key for spec in specs] == ["title", "type", "rating", "mood"]
    assert next(spec for spec in specs if spec.key == "rating").kind == f.NUMBER
    article = next(post for post in found if post.path.endswith("first.md"))
    assert [spec.key for spec in schema.post_schema(blog, article.values, found)[0]] == ["title", "date", "tags"]
    assert check_site(site).ok  # the review is checked against its own type, not the article's


def test_taxonomy_terms_are_offered_before_any_post_uses_them() -> None:
    site = load_site(FIXTURES / "frontmatter-split")
    offered = completions(scan(site), site.terms)
    assert offered["tags"] == ["astro", "reviews", "hiking"]  # used first, then the database's
    assert offered["mood"] == ["calm", "loud"]


def test_a_new_decap_post_starts_in_the_default_locale() -> None:
    site = load_site(FIXTURES / "decap-i18n")
    posts, news = site.collections[0], site.collections[1]
    assert post_file_name(posts, "scree", dt.date(2024, 1, 1), site) == "scree.en.md"
    assert post_file_name(news, "storm", dt.date(2024, 1, 1), site) == "en/storm.md"
