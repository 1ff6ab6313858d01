"""A configuration that cannot be read never stops a site from opening: the collections are
inferred, and the problem is said once, in words, with the file and the line. Folders a
configuration names outside the repository are problems too, never used (issue 13's rule)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from desktop_app.core.site.detect import load_site
from desktop_app.core.site.library.summaries import scan
from tests.core.corpus import corpus_dir
from tests.core.site.schemas.helpers import FIXTURES, site_json


def write(root: Path, relative: str, text: str) -> None:
    (root / relative).parent.mkdir(parents=True, exist_ok=True)
    (root / relative).write_text(text, encoding="utf-8")


def test_invalid_hugo_toml_still_opens_with_its_sections(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copytree(FIXTURES / "hugo-npm", tmp_path / "site")
    write(tmp_path / "site", "config/_default/languages.toml", "[en]\nweight = 1\n[it\nweight = 2\n")
    report = site_json(tmp_path / "site", capsys)
    assert report["generator"] == "hugo"
    assert [item["name"] for item in report["collections"]] == ["posts", "projects", "pages"]
    assert report["problems"] == [
        "config/_default/languages.toml line 3: not valid TOML (Expected ']' at the end of a table declaration). "
        "Postdesk uses the rest of the site's configuration."]


def test_broken_astro_config_is_one_problem_with_its_line(tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copytree(FIXTURES / "astro-content-layer", tmp_path / "site")
    config = tmp_path / "site/src/content.config.ts"
    config.write_text(config.read_text(encoding="utf-8").replace("title: z.string().max(80),",
                                                                 "title: z.string(.max(80),"), encoding="utf-8")
    report = site_json(tmp_path / "site", capsys)
    assert len(report["problems"]) == 1
    assert report["problems"][0].startswith("src/content.config.ts line 11: not valid TypeScript")
    assert [item["name"] for item in report["collections"]] == ["blog", "authors"]  # what could be read


def test_a_content_config_without_collections_falls_back_to_the_folders(tmp_path: Path,
                                                                        capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path, "package.json", '{"dependencies": {"astro": "^4.0.0"}}')
    write(tmp_path, "src/content/config.ts", "export const nothing = 1;\n")
    write(tmp_path, "src/content/blog/a.md", "---\ntitle: A\n---\n")
    report = site_json(tmp_path, capsys)
    assert [(item["name"], item["folder"]) for item in report["collections"]] == [("blog", "src/content/blog")]
    assert report["problems"] == ["src/content/config.ts: no `export const collections = { … }`; the collections "
                                  "are found from the folders instead."]


@pytest.mark.parametrize("relative, text, problem", [
    ("src/content.config.ts",
     "import { glob } from 'astro/loaders';\nimport { defineCollection, z } from 'astro:content';\n"
     "const blog = defineCollection({ loader: glob({ base: '../elsewhere', pattern: '**/*.md' }),"
     " schema: z.object({ title: z.string() }) });\nexport const collections = { blog };\n",
     "src/content.config.ts: the folder of collection 'blog' (../elsewhere) leads outside the repository"),
    ("contentlayer.config.ts",
     "import { defineDocumentType, makeSource } from 'contentlayer/source-files'\n"
     "export const Post = defineDocumentType(() => ({ name: 'Post', filePathPattern: '**/*.md', fields: {} }))\n"
     "export default makeSource({ contentDirPath: '/etc', documentTypes: [Post] })\n",
     "contentlayer.config.ts: the folder of collection 'Post' (/etc) leads outside the repository"),
])
def test_a_schema_folder_leading_outside_is_refused(tmp_path: Path, relative: str, text: str, problem: str) -> None:
    write(tmp_path, "package.json", '{"dependencies": {"astro": "^5.0.0", "next": "^15.0.0"}}')
    write(tmp_path, relative, text)
    write(tmp_path, "posts/a.md", "---\ntitle: A\n---\n")
    site = load_site(tmp_path)
    assert any(line.startswith(problem) for line in site.problems)
    assert all(not collection.folder.startswith(("..", "/")) for collection in site.collections)


def test_hugo_content_dir_leading_outside_is_refused(tmp_path: Path) -> None:
    (tmp_path / "outside/posts").mkdir(parents=True)
    (tmp_path / "outside/posts/secret.md").write_text("---\ntitle: Secret\n---\n", encoding="utf-8")
    write(tmp_path / "site", "hugo.toml", 'contentDir = "../outside"\n')
    site = load_site(tmp_path / "site")
    assert not any(post.path.endswith("secret.md") for post in scan(site))
    assert any("leads outside the repository" in problem for problem in site.problems)


@pytest.mark.parametrize("corpus, generator, first", [
    ("hugo-docs", "hugo", "content/en/news"), ("jekyll-posts", "jekyll", "docs/_posts"),
    ("github-explore", "unknown", ""),
])
def test_the_shared_corpora_open_with_their_generator(corpus: str, generator: str, first: str,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    report = site_json(corpus_dir(corpus), capsys)
    assert report["generator"] == generator
    assert report["collections"][0]["folder"] == first
    assert report["problems"] == []
    if corpus == "jekyll-posts":  # GitHub Pages' docs/ folder is the site: its root for /images/…
        assert report["media"] == [{"collection": None, "folder": "docs", "served_as": "/"}]
    if corpus == "hugo-docs":
        assert report["languages"] == ["en"]  # content/en/: one language, named
        assert sum(item["posts"] for item in report["collections"]) == 992 - 64  # less the section pages


def test_translation_folders_and_templates_leading_outside_are_refused(tmp_path: Path) -> None:
    (tmp_path / "outside/posts").mkdir(parents=True)
    (tmp_path / "outside/posts/secret.md").write_text("---\ntitle: Secret\n---\n", encoding="utf-8")
    write(tmp_path / "site", "hugo.toml", 'theme = "../../outside"\n[languages.en]\ncontentDir = "content"\n'
                                          '[languages.xx]\ncontentDir = "../outside"\n')
    write(tmp_path / "site", "content/posts/a.md", "---\ntitle: A\n---\n")
    write(tmp_path / "outside", "archetypes/default.md", "---\ntitle: stolen\n---\n")
    site = load_site(tmp_path / "site")
    assert [post.path for post in scan(site)] == ["content/posts/a.md"]
    assert site.collections[0].translation_folders == () and site.collections[0].template == ""
    assert any("(../outside/posts) leads outside" in problem for problem in site.problems)
