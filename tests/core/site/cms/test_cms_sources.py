"""Which configuration a site's schema comes from, and that a broken one never stops it opening."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from desktop_app.core.frontmatter import fields as f
from desktop_app.core.frontmatter.fields import Option, Relation
from desktop_app.core.site.cms import load_cms
from desktop_app.core.site.detect import load_site

SITES = Path(__file__).resolve().parents[3] / "fixtures" / "sites"
NAMES = ["hugo-decap", "astro-sveltia", "hugo-frontmatter", "next-pages", "jekyll-broken-decap"]


def snapshot(root: Path) -> dict[str, tuple[bytes, int]]:
    return {path.relative_to(root).as_posix(): (path.read_bytes(), path.stat().st_mtime_ns)
            for path in sorted(root.rglob("*")) if path.is_file()}


@pytest.mark.parametrize("name", NAMES)
def test_opening_a_site_never_writes_to_it(tmp_path: Path, name: str) -> None:
    shutil.copytree(SITES / name, tmp_path / name)
    before = snapshot(tmp_path / name)
    load_site(tmp_path / name)
    assert snapshot(tmp_path / name) == before


def test_broken_decap_config_still_opens_with_a_problem() -> None:
    site = load_site(SITES / "jekyll-broken-decap")
    assert (site.source, site.generator) == ("inferred", "jekyll")
    assert [(c.name, c.folder) for c in site.collections] == [("posts", "_posts")]
    assert site.problems == ("admin/config.yml line 11: not valid YAML (expected ',' or '}', but got '{'). "
                             "Postdesk does not use this file.",)


def test_a_repository_without_cms_config_has_none(tmp_path: Path) -> None:
    assert load_cms(tmp_path) is None
    assert load_site(tmp_path).problems == ()


def test_broken_decap_falls_back_to_the_next_cms(tmp_path: Path) -> None:
    shutil.copytree(SITES / "next-pages", tmp_path, dirs_exist_ok=True)
    shutil.copytree(SITES / "jekyll-broken-decap" / "admin", tmp_path / "public" / "admin")
    site = load_site(tmp_path)
    assert site.source == ".pages.yml"
    assert [c.name for c in site.collections] == ["posts", "authors"]
    assert site.problems == ("public/admin/config.yml line 11: not valid YAML (expected ',' or '}', but got '{'). "
                             "Postdesk does not use this file.",)


@pytest.mark.parametrize("text, problem", [
    ("- a\n- list\n", "admin/config.yml: expected the CMS settings (media_folder, collections …), found something else."),
    ("media_folder: img\ncollections: posts\n", "admin/config.yml line 1: 'collections' must be a list of collections."),
    ("media_folder: img\n", "admin/config.yml line 1: 'collections' must be a list of collections."),
    ("\xff", "admin/config.yml: not UTF-8 text."),
])
def test_wrong_shapes_are_problems(tmp_path: Path, text: str, problem: str) -> None:
    (tmp_path / "admin").mkdir()
    (tmp_path / "admin" / "config.yml").write_bytes(text.encode("latin-1"))
    (tmp_path / "posts").mkdir()
    (tmp_path / "posts" / "a.md").write_text("# A\n", encoding="utf-8")
    site = load_site(tmp_path)
    assert [c.folder for c in site.collections] == ["posts"]
    assert site.problems == (f"{problem} Postdesk does not use this file.",)


def test_decap_comes_before_front_matter_cms_and_pages_cms(tmp_path: Path) -> None:
    shutil.copytree(SITES / "hugo-frontmatter", tmp_path, dirs_exist_ok=True)
    shutil.copy(SITES / "next-pages" / ".pages.yml", tmp_path / ".pages.yml")
    assert load_site(tmp_path).source == "frontmatter.json"
    shutil.copytree(SITES / "hugo-decap" / "static", tmp_path / "static", dirs_exist_ok=True)
    assert load_site(tmp_path).source == "static/admin/config.yml"


def test_postdesk_yml_collections_come_first(tmp_path: Path) -> None:
    shutil.copytree(SITES / "hugo-decap", tmp_path, dirs_exist_ok=True)
    (tmp_path / ".postdesk.yml").write_text("collections:\n  - {name: posts, folder: content/posts}\n",
                                            encoding="utf-8")
    site = load_site(tmp_path)
    assert site.source == ".postdesk.yml"
    assert [(c.name, c.fields, c.source) for c in site.collections] == [("posts", (), ".postdesk.yml")]


def test_postdesk_yml_without_collections_keeps_its_settings_and_uses_the_cms(tmp_path: Path) -> None:
    shutil.copytree(SITES / "hugo-decap", tmp_path, dirs_exist_ok=True)
    (tmp_path / ".postdesk.yml").write_text("preview:\n  css: [assets/site.css]\n", encoding="utf-8")
    site = load_site(tmp_path)
    assert site.source == "static/admin/config.yml"
    assert site.css_files == ("assets/site.css",)
    assert [c.name for c in site.collections] == ["posts", "authors", "pages"]


POSTDESK_FIELDS = """\
collections:
  - name: posts
    folder: content/posts
    slug: "{{year}}-{{slug}}"
    path: "{{slug}}/index"
    format: toml-frontmatter
    create: false
    media_folder: ./img
    fields:
      - {name: title, widget: string, required: true, pattern: ['^\\S', 'Starts with a letter']}
      - {name: date, widget: datetime, time_format: false}
      - {name: tags, widget: list}
      - {name: kind, widget: select, options: [{label: Essay, value: essay}, note], default: note}
      - {name: author, widget: relation, collection: people, value_field: slug, display_fields: [name]}
      - name: hero
        widget: object
        fields:
          - {name: src, widget: image}
          - {name: alt}
      - {name: body, widget: markdown}
  - name: bad
    folder: notes
    format: xml
    fields: {name: title}
"""


def test_postdesk_yml_fields_use_decap_syntax_but_are_optional(tmp_path: Path) -> None:
    (tmp_path / ".postdesk.yml").write_text(POSTDESK_FIELDS, encoding="utf-8")
    site = load_site(tmp_path)
    posts, bad = site.collections
    assert (posts.slug, posts.path, posts.format, posts.create, posts.media_folder) == (
        "{{year}}-{{slug}}", "{{slug}}/index", "toml", False, "./img")
    assert [(s.key, s.kind, s.required) for s in posts.fields] == [
        ("title", f.TEXT, True), ("date", f.DATE, False), ("tags", f.TAGS, False), ("kind", f.SELECT, False),
        ("author", f.RELATION, False), ("hero", f.OBJECT, False), ("body", f.BODY, False)]
    title, kind, author, hero = posts.fields[0], posts.fields[3], posts.fields[4], posts.fields[5]
    assert (title.pattern, title.pattern_message) == ("^\\S", "Starts with a letter")
    assert kind.options == (Option("essay", "Essay"), Option("note", "note")) and kind.default == "note"
    assert author.relation == Relation("people", "slug", ("name",))
    assert [(s.key, s.kind) for s in hero.fields] == [("src", f.IMAGE), ("alt", f.TEXT)]
    assert (bad.format, bad.fields) == ("", ())
    assert site.problems == (
        ".postdesk.yml line 21: collection 'bad' has format 'xml'; use yaml, toml or json. New posts use YAML.",
        ".postdesk.yml line 24: 'fields' must be a list of fields; the fields are taken from the posts instead.",
    )


def test_every_file_a_cms_reader_looks_for_is_checked_before_its_module_loads(tmp_path: Path) -> None:
    """`load_cms` imports a reader only when one of its `CANDIDATES` exists: a config that the
    reader's finder would find but the list leaves out would go unread."""
    from desktop_app.core.site import cms
    from desktop_app.core.site.cms import decap, frontmatter_cms, frontmatter_split, pages_cms

    assert set(cms.CANDIDATES["decap"]) == {f"{d}/{n}" for d in decap.CONFIG_DIRS for n in decap.CONFIG_NAMES}
    assert set(cms.CANDIDATES["frontmatter_cms"]) == {frontmatter_cms.CONFIG_FILE, frontmatter_split.SPLIT_FOLDER}
    assert cms.CANDIDATES["pages_cms"] == (pages_cms.CONFIG_FILE,)
    for module, candidates in cms.CANDIDATES.items():
        find, _read = cms.reader(module)
        for number, candidate in enumerate(candidates):
            root = tmp_path / f"{module}-{number}"
            target = root / candidate
            target.parent.mkdir(parents=True)
            target.mkdir() if candidate.endswith("/config") else target.write_text("{}\n")
            assert find(root) == candidate


def test_a_site_without_a_cms_loads_no_cms_reader(tmp_path: Path) -> None:
    import subprocess
    import sys

    (tmp_path / "posts").mkdir()
    (tmp_path / "posts" / "hello.md").write_text("---\ntitle: Hello\n---\nHi\n")
    code = ("import sys; from pathlib import Path; from desktop_app.core.site.detect import load_site; "
            f"load_site(Path({str(tmp_path)!r})); "
            "print(sorted(m for m in sys.modules if m.split('.')[-1] in "
            "('decap', 'frontmatter_cms', 'pages_cms', 'astro', 'hugo', 'jekyll', 'contentlayer')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
