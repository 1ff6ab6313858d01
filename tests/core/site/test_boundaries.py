"""A site's configuration cannot make Postdesk read or write outside the repository: folders, media
folders, file-name patterns, static folders, stylesheets and the configuration files themselves,
from every CMS Postdesk reads. Each is a problem the writer is told about, and is not used."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.core.errors import OutsideRepository
from desktop_app.core.site.detect import load_site
from desktop_app.core.site.library.summaries import scan
from desktop_app.core.site.posts.files import create_post, slugify

DATE = dt.date(2025, 1, 2)


def write(root: Path, relative: str, text: str) -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """`tmp/a/b/blog` with a post, and `tmp/a/b/outside/posts` with one a configuration may point at."""
    blog = tmp_path / "a/b/blog"
    write(blog, "posts/first.md", "---\ntitle: First\n---\nHello.\n")
    write(tmp_path / "a/b/outside", "posts/victim.md", "---\ntitle: Victim\n---\nNot yours.\n")
    return blog


def files_outside(root: Path) -> list[str]:
    """Every file under the test's folder that is not in the repository or the prepared outside one."""
    base = root.parents[2]
    return sorted(str(p.relative_to(base)) for p in base.rglob("*") if p.is_file()
                  and root not in p.parents and "outside" not in p.relative_to(base).parts)


def decap(root: Path, collection: str, top: str = "") -> None:
    write(root, "admin/config.yml", f"backend: {{name: git-gateway}}\n{top}collections:\n{collection}")


def test_a_decap_folder_outside_the_repository_is_a_problem_and_never_listed(root: Path) -> None:
    decap(root, "  - {name: evil, label: Evil, folder: ../outside/posts, create: true}\n"
                "  - {name: posts, label: Posts, folder: posts, create: true}\n")
    site = load_site(root)
    assert [c.name for c in site.collections] == ["posts"]
    assert site.problems == (("admin/config.yml: the folder of collection 'evil' (../outside/posts) leads outside "
                             "the repository, so Postdesk does not use this collection."),)
    assert [post.path for post in scan(site)] == ["posts/first.md"]


def test_a_slug_pattern_with_dot_dot_is_a_problem_and_creates_nothing(root: Path) -> None:
    decap(root, "  - {name: posts, label: Posts, folder: posts, create: true, slug: '../../../{{slug}}'}\n")
    site = load_site(root)
    assert site.problems == (("admin/config.yml: the file-name pattern of collection 'posts' (../../../{{slug}}) "
                             "leads outside the repository, so Postdesk creates no posts with it."),)
    with pytest.raises(OutsideRepository) as raised:
        create_post(site, site.collections[0], "Hello", DATE)
    assert raised.value.message == ("posts/../../../hello.md leads outside the repository, so Postdesk does not "
                                    "create it.")
    assert "admin/config.yml" in raised.value.hint
    assert files_outside(root) == []


def test_a_decap_path_pattern_leading_out_is_refused_too(root: Path) -> None:
    decap(root, "  - {name: posts, label: Posts, folder: posts, create: true, path: '../../{{slug}}/index'}\n")
    site = load_site(root)
    assert len(site.problems) == 1 and "file-name pattern of collection 'posts'" in site.problems[0]
    with pytest.raises(OutsideRepository):
        create_post(site, site.collections[0], "Hello", DATE)
    assert files_outside(root) == []


def test_a_collection_folder_that_is_a_link_elsewhere_is_not_used(root: Path) -> None:
    (root / "linked").symlink_to(root.parent / "outside/posts")
    write(root, ".postdesk.yml", "collections:\n  - {name: linked, folder: linked}\n  - {name: posts, folder: posts}\n")
    site = load_site(root)
    assert [c.name for c in site.collections] == ["posts"]
    assert site.problems == ((".postdesk.yml: the folder of collection 'linked' (linked) leads outside the repository, "
                             "so Postdesk does not use this collection."),)
    assert dict(site.refused)["linked"] == site.problems[0]


def test_when_every_configured_collection_leads_out_the_usual_folders_are_used(root: Path) -> None:
    decap(root, "  - {name: evil, folder: ../outside/posts, create: true}\n")
    site = load_site(root)
    assert [(c.name, c.folder) for c in site.collections] == [("posts", "posts")]
    assert site.source == "inferred" and len(site.problems) == 1


@pytest.mark.parametrize("files", [
    {".pages.yml": "content:\n  - {name: evil, type: collection, path: ../outside/posts}\n"
                   "  - {name: posts, type: collection, path: posts}\n"},
    {"frontmatter.json": json.dumps({"frontMatter.content.pageFolders": [
        {"title": "evil", "path": "[[workspace]]/../outside/posts"}, {"title": "posts", "path": "[[workspace]]/posts"}]})},
    {".postdesk.yml": "collections:\n  - {name: evil, folder: ../outside/posts}\n  - {name: posts, folder: posts}\n"},
], ids=["pages-cms", "front-matter-cms", "postdesk-yml"])
def test_every_cms_folder_outside_is_left_out_with_a_problem(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        write(root, name, text)
    site = load_site(root)
    assert [c.folder for c in site.collections] == ["posts"]
    assert any("../outside/posts" in problem for problem in site.problems)
    assert all(post.path.startswith("posts/") for post in scan(site))


def test_media_folders_leading_out_are_not_used(root: Path) -> None:
    decap(root, "  - name: posts\n    folder: posts\n    create: true\n    media_folder: /../../outside/media\n"
                "    fields:\n      - {name: cover, widget: image, media_folder: ./../../../../elsewhere}\n",
          top="media_folder: static/images\n")
    site = load_site(root)
    posts = site.collections[0]
    assert posts.media_folder == "" and posts.fields[0].media_folder == ""
    assert [p.split(":")[1].strip().split(" (")[0] for p in site.problems] == [
        "the media folder of collection 'posts'", "the media folder of field 'cover'"]


def test_a_static_folder_and_stylesheets_leading_out_are_problems(root: Path, tmp_path: Path) -> None:
    secret = write(tmp_path, "secret.css", "body { --secret: 1 }")
    (root / "site.css").symlink_to(secret)
    write(root, ".postdesk.yml", "static_folder: ../..\npreview:\n  css: [site.css, ../../../../secret.css, own.css]\n")
    write(root, "own.css", "body {}")
    site = load_site(root)
    assert site.static_folder == "" and site.css_files == ("own.css",)
    assert site.problems == (
        "The static folder (../..) leads outside the repository, so Postdesk does not use it.",
        "The stylesheet site.css leads outside the repository, so the preview does not use it.",
        "The stylesheet ../../../../secret.css leads outside the repository, so the preview does not use it.")


def test_one_stylesheet_may_be_named_without_a_list(root: Path) -> None:
    write(root, ".postdesk.yml", "preview: {css: own.css}\n")
    assert load_site(root).css_files == ("own.css",)


def test_an_inferred_stylesheet_or_posts_folder_that_is_a_link_elsewhere_is_skipped(root: Path, tmp_path: Path) -> None:
    (root / "styles").mkdir()
    (root / "styles/globals.css").symlink_to(write(tmp_path, "secret.css", "x"))
    (root / "posts").rename(root / "blog")
    (root / "posts").symlink_to(root.parent / "outside/posts")  # looked at before blog/
    site = load_site(root)
    assert site.css_files == () and [c.folder for c in site.collections] == ["blog"]
    assert site.problems == (
        "The stylesheet styles/globals.css leads outside the repository, so the preview does not use it.",
        "The folder posts leads outside the repository, so Postdesk does not read its posts.")


def test_a_configuration_file_that_is_a_link_elsewhere_is_not_read(root: Path, tmp_path: Path) -> None:
    elsewhere = write(tmp_path, "elsewhere/config.yml",
                      "collections:\n  - {name: evil, folder: posts, create: true, slug: '{{slug}}'}\n")
    (root / "admin").mkdir()
    (root / "admin/config.yml").symlink_to(elsewhere)
    (root / ".postdesk.yml").symlink_to(elsewhere)
    site = load_site(root)
    assert [c.name for c in site.collections] == ["posts"]  # inferred, not the linked file's
    assert ".postdesk.yml leads outside the repository, so Postdesk does not read it." in site.problems
    assert any(p.startswith("admin/config.yml leads outside the repository") for p in site.problems)


def test_a_pattern_inside_the_repository_still_creates_posts(root: Path) -> None:
    decap(root, "  - {name: posts, folder: posts, create: true, slug: '{{year}}-{{slug}}', path: 'x/{{slug}}'}\n")
    site = load_site(root)
    assert site.problems == ()
    assert create_post(site, site.collections[0], "Hello: ../../etc", DATE) == "posts/x/2025-hello-etc.md"


@pytest.mark.parametrize("title", ["../../etc/passwd", "..", "a/b\\c", "／．．／", "․․", "привет/../мир", "..\\..\\x"])
def test_slugs_from_hostile_titles_hold_no_path(title: str) -> None:
    slug = slugify(title)
    assert "/" not in slug and "\\" not in slug and "." not in slug and slug


@given(st.text(max_size=40))
def test_no_title_makes_a_slug_with_a_path_in_it(title: str) -> None:
    slug = slugify(title)
    assert slug and not {"/", "\\", "."} & set(slug)
