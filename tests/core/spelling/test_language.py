"""The language a post is checked in: its own, its site's, the writer's, or the system's."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.core.document.line_kinds import line_kinds
from desktop_app.core.site.config import SiteConfig
from desktop_app.core.spelling.language import file_language, post_language, site_language


def language(text: str, path: str = "posts/a.md", site_default: str = "", preferred: str = "",
             site: SiteConfig | None = None) -> str:
    lines = text.split("\n")
    return post_language(lines, line_kinds(lines), path, site_default, preferred, site)


def test_the_posts_front_matter_names_its_language_first(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    assert language("---\ntitle: Hallo\nlang: de-DE\n---\nText", site_default="en_US") == "de_DE"
    assert language('+++\nlanguageCode = "en-gb"\n+++\nText', site_default="de") == "en_GB"
    assert language("---\nlanguage: pt # Portuguese\n---\n") == "pt"
    # A nested `lang:` (an author's) is not the post's.
    assert language("---\nauthor:\n  lang: es\n---\nText", site_default="en_US") == "en_US"
    # Then the site's, the writer's preference, the system's.
    assert language("---\ntitle: A\n---\nText", site_default="en_US", preferred="en_GB") == "en_US"
    assert language("Text", preferred="en-GB") == "en_GB"
    assert language("Text") == "fr_FR"


def test_a_hugo_translation_is_named_by_its_file(tmp_path: Path) -> None:
    hugo = SiteConfig(tmp_path, (), generator="hugo")
    assert file_language("content/posts/about.de.md", hugo) == "de"
    assert file_language("content/posts/about.md", hugo) == ""
    assert file_language("posts/about.de.md", SiteConfig(tmp_path, (), generator="next")) == ""
    assert language("Text", "content/about.de.md", site_default="en", site=hugo) == "de"


@pytest.mark.parametrize(("generator", "name", "content", "expected"), [
    ("hugo", "hugo.toml", 'baseURL = "https://x.y"\nlanguageCode = "en-gb"\ndefaultContentLanguage = "en"\n', "en_GB"),
    ("hugo", "config/_default/config.yaml", "defaultContentLanguage: de\n", "de"),
    ("jekyll", "_config.yml", "title: Blog\nlang: fr-FR\n", "fr_FR"),
    ("mkdocs", "mkdocs.yml", "site_name: Docs\ntheme:\n  name: material\n  language: it\n", "it"),
    ("next", "data/siteMetadata.js", "const siteMetadata = {\n  language: 'en-us',\n  locale: 'en-GB',\n}\n", "en_GB"),
    ("astro", "src/config.mjs", "export const SITE = {\n  name: 'x',\n  language: 'es',\n};\n", "es"),
])
def test_the_sites_configuration_names_its_default(tmp_path: Path, generator: str, name: str, content: str,
                                                   expected: str) -> None:
    (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / name).write_text(content, encoding="utf-8")
    assert site_language(SiteConfig(tmp_path, (), generator=generator)) == expected


def test_postdesk_yml_names_the_sites_language_and_a_site_may_name_none(tmp_path: Path) -> None:
    assert site_language(SiteConfig(tmp_path, (), extra={"language": "nl"})) == "nl"
    assert site_language(SiteConfig(tmp_path, (), generator="next")) == ""
