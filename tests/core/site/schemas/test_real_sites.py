"""The two real blogs other people built, opened as they are, through `postdesk site --json`."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from desktop_app.cli import main
from desktop_app.core.site.detect import load_site
from desktop_app.core.site.library import translations
from desktop_app.core.site.library.summaries import scan
from tests.core.site.schemas.helpers import collection, fields, real_site, site_json, types


def test_astro_blog_reads_its_content_collections(capsys: pytest.CaptureFixture[str]) -> None:
    report = site_json(real_site("astro-balastrong"), capsys)
    assert report["generator"] == "astro"
    assert report["evidence"][0] == "astro.config.mjs"
    assert [item["name"] for item in report["collections"]] == ["post", "newsletter"]
    # The zod schema's ten fields, refined by the Front Matter CMS type for the same folder.
    assert types(report, "post") == {
        "title": "text", "description": "text", "series": "text", "image": "image", "canonical": "text",
        "publishDate": "datetime", "draft": "boolean", "excerpt": "text", "tags": "tags", "author": "text"}
    assert [name for name, spec in fields(report, "post").items() if spec["required"]] == ["title"]
    assert list(types(report, "newsletter")) == ["title", "description", "publishDate", "draft"]
    assert report["schema"] == "frontmatter.json + src/content/config.ts"
    assert report["languages"] == ["en", "it", "es"]  # LANGUAGES in src/content/config.ts
    assert report["media"] == [{"collection": None, "folder": "public", "served_as": "/"}]
    post = collection(report, "post")
    # Files and folders starting with _ are not entries (Astro's rule); translations are one post.
    assert post["pattern"] == "**/[^_]*.{md,mdx,markdown}"
    assert post["posts"] == 119 and collection(report, "newsletter")["posts"] == 6
    assert post["new_file"] == "src/content/post/{{year}}/{{month}}/{{slug}}/index.mdx"
    assert report["problems"] == []


def test_astro_translations_are_one_post_with_its_languages() -> None:
    site = load_site(real_site("astro-balastrong"))
    articles = translations.group(site, scan(site))
    moved = next(post for post in articles if post.path.endswith("git-move-commits-between-branches/index.mdx"))
    assert [code for code, _path in moved.translations] == ["en", "it", "es"]
    assert moved.language == "en" and moved.title == "Git: 3 ways of moving commits between branches"
    assert not any(post.path.endswith((".it.mdx", ".es.mdx")) for post in articles)


def test_next_contentlayer_blog_has_its_document_types(capsys: pytest.CaptureFixture[str]) -> None:
    report = site_json(real_site("next-timlrx"), capsys)
    assert report["generator"] == "next"
    assert "contentlayer.config" in report["evidence"]
    assert [(item["name"], item["folder"], item["pattern"]) for item in report["collections"]] == [
        ("Blog", "data/blog", "**/*.mdx"), ("Authors", "data/authors", "**/*.mdx")]
    # 11 posts (one in a nested folder), 2 authors; the 3 FAQ pages are not posts.
    assert (collection(report, "Blog")["posts"], collection(report, "Authors")["posts"]) == (11, 2)
    blog = fields(report, "Blog")
    assert {name: spec["type"] for name, spec in blog.items()} == {
        "title": "text", "date": "date", "tags": "tags", "lastmod": "date", "draft": "boolean", "summary": "text",
        "images": "readonly", "authors": "tags", "layout": "text", "bibliography": "text", "canonicalUrl": "text"}
    assert [name for name, spec in blog.items() if spec["required"]] == ["title", "date"]
    assert blog["tags"]["default"] == []
    assert list(types(report, "Authors"))[:3] == ["name", "avatar", "occupation"]
    assert collection(report, "Blog")["new_file"] == "data/blog/{{slug}}.mdx"
    assert report["media"] == [{"collection": None, "folder": "public", "served_as": "/"}]


def test_new_post_lands_where_the_astro_site_keeps_its_posts(tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    site = tmp_path / "blog"
    shutil.copytree(real_site("astro-balastrong"), site)
    subprocess.run(["git", "init", "-q", str(site)], check=True)
    capsys.readouterr()
    assert main(["new", str(site), "Testing the editor", "--json"]) == 0
    created = json.loads(capsys.readouterr().out)
    assert created["collection"] == "post"
    assert created["path"].startswith("src/content/post/") and created["path"].endswith("/testing-the-editor/index.mdx")
    text = (site / created["path"]).read_text(encoding="utf-8")
    assert "title: Testing the editor" in text and "draft: true" in text
