"""New, renamed and deleted posts: file names from titles, and a new post's front matter."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from desktop_app.core import frontmatter as fm
from desktop_app.core.errors import PostdeskError, PostExists
from desktop_app.core.posts import create_post, delete_post, new_post_text, rename_post, slugify
from desktop_app.core.site import Collection, SiteConfig, load_site


@pytest.mark.parametrize("title, slug", [
    ("Caching: The Unsung Hero!", "caching-the-unsung-hero"),
    ("  Hello,   World  ", "hello-world"),
    ("C++ / Rust & Go?", "c-rust-go"),
    ("REST vs. GraphQL (2024)", "rest-vs-graphql-2024"),
    ("don't_panic", "don-t-panic"),
    ("Café Crème Brûlée", "cafe-creme-brulee"),
    ("Ünïcödé naïve résumé", "unicode-naive-resume"),
    ("Die Straße", "die-strasse"),
    ("Привет, мир!", "привет-мир"),
    ("日本語のタイトル", "日本語のタイトル"),
    ("!!!", "untitled"),
    ("", "untitled"),
])
def test_slugify(title: str, slug: str) -> None:
    assert slugify(title) == slug


def test_slug_is_at_most_80_characters_and_does_not_end_with_a_hyphen() -> None:
    slug = slugify("word " * 40)
    assert len(slug) <= 80
    assert not slug.endswith("-")


def test_new_post_text_is_a_draft_with_the_date() -> None:
    values = fm.parse(fm.split(new_post_text('Quotes: "and" colons', dt.date(2024, 2, 3), author="Ann: B")))
    assert values == {"title": 'Quotes: "and" colons', "description": "", "date": dt.date(2024, 2, 3),
                      "tags": [], "draft": True, "author": "Ann: B"}


@pytest.fixture
def hugo_site(tmp_path: Path) -> SiteConfig:
    (tmp_path / "hugo.toml").write_text('title = "x"\n', encoding="utf-8")
    (tmp_path / "content/posts").mkdir(parents=True)
    (tmp_path / "content/posts/existing.md").write_text("---\ntitle: Existing\n---\n", encoding="utf-8")
    return load_site(tmp_path)


def test_create_writes_a_draft_dated_today(hugo_site: SiteConfig) -> None:
    before = dt.date.today()
    relative = create_post(hugo_site, hugo_site.collections[0], "My First Post!")
    assert relative == "content/posts/my-first-post.md"
    text = (hugo_site.root / relative).read_text(encoding="utf-8")
    values = fm.parse(fm.split(text))
    assert values["title"] == "My First Post!"
    assert values["draft"] is True
    assert values["date"] in (before, dt.date.today())  # the test may straddle midnight
    assert text.startswith("---\n") and text.endswith("\n")


def test_create_with_author_and_date(hugo_site: SiteConfig) -> None:
    relative = create_post(hugo_site, hugo_site.collections[0], "Dated", dt.date(2020, 5, 6), author="Ann")
    values = fm.parse(fm.split((hugo_site.root / relative).read_text(encoding="utf-8")))
    assert (values["date"], values["author"]) == (dt.date(2020, 5, 6), "Ann")


def test_create_refuses_to_overwrite(hugo_site: SiteConfig) -> None:
    with pytest.raises(PostExists) as caught:
        create_post(hugo_site, hugo_site.collections[0], "Existing")
    assert "content/posts/existing.md" in caught.value.message
    assert (hugo_site.root / "content/posts/existing.md").read_text(encoding="utf-8") == "---\ntitle: Existing\n---\n"


def test_create_needs_a_title(hugo_site: SiteConfig) -> None:
    with pytest.raises(PostdeskError, match="needs a title"):
        create_post(hugo_site, hugo_site.collections[0], "   ")


def test_create_makes_a_missing_collection_folder(tmp_path: Path) -> None:
    site = SiteConfig(tmp_path, (Collection("blog", "Blog", "src/content/blog", "mdx"),))
    relative = create_post(site, site.collections[0], "Fresh start", dt.date(2024, 1, 1))
    assert relative == "src/content/blog/fresh-start.mdx"
    assert (tmp_path / relative).is_file()


def test_jekyll_posts_get_the_date_in_the_file_name(tmp_path: Path) -> None:
    (tmp_path / "_config.yml").write_text("title: x\n", encoding="utf-8")
    (tmp_path / "_posts").mkdir()
    (tmp_path / "_posts/2020-01-01-old.markdown").write_text("# Old\n", encoding="utf-8")
    site = load_site(tmp_path)
    relative = create_post(site, site.collections[0], "Release notes", dt.date(2024, 7, 8))
    assert relative == "_posts/2024-07-08-release-notes.markdown"


def test_rename_keeps_the_jekyll_date_prefix_and_suffix(tmp_path: Path) -> None:
    site = SiteConfig(tmp_path, (Collection("posts", "Posts", "_posts"),))
    (tmp_path / "_posts").mkdir()
    (tmp_path / "_posts/2024-01-02-old-name.markdown").write_text("text\n", encoding="utf-8")
    new = rename_post(site, "_posts/2024-01-02-old-name.markdown", "A Better Name")
    assert new == "_posts/2024-01-02-a-better-name.markdown"
    assert (tmp_path / new).read_text(encoding="utf-8") == "text\n"
    assert not (tmp_path / "_posts/2024-01-02-old-name.markdown").exists()


def test_rename_without_a_date_and_to_the_same_name(hugo_site: SiteConfig) -> None:
    assert rename_post(hugo_site, "content/posts/existing.md", "Renamed") == "content/posts/renamed.md"
    assert rename_post(hugo_site, "content/posts/renamed.md", "renamed") == "content/posts/renamed.md"
    assert (hugo_site.root / "content/posts/renamed.md").is_file()


def test_rename_onto_another_post_is_refused(hugo_site: SiteConfig) -> None:
    create_post(hugo_site, hugo_site.collections[0], "Other")
    with pytest.raises(PostExists):
        rename_post(hugo_site, "content/posts/existing.md", "other")
    assert (hugo_site.root / "content/posts/existing.md").is_file()


def test_rename_of_a_missing_post_is_a_clear_error(hugo_site: SiteConfig) -> None:
    with pytest.raises(PostdeskError, match="Could not rename content/posts/gone.md"):
        rename_post(hugo_site, "content/posts/gone.md", "new")


def test_delete(hugo_site: SiteConfig) -> None:
    delete_post(hugo_site, "content/posts/existing.md")
    assert not (hugo_site.root / "content/posts/existing.md").exists()
    delete_post(hugo_site, "content/posts/existing.md")  # already gone: nothing to do, no error


def test_renaming_a_page_bundle_renames_its_folder(tmp_path: Path) -> None:
    bundle = tmp_path / "content" / "posts" / "old-trip"
    bundle.mkdir(parents=True)
    (bundle / "index.md").write_text("---\ntitle: Trip\n---\n", encoding="utf-8")
    (bundle / "photo.jpg").write_bytes(b"jpg")
    site = SiteConfig(tmp_path, (Collection("posts", "Posts", "content/posts"),))
    new = rename_post(site, "content/posts/old-trip/index.md", "Summer Trip")
    assert new == "content/posts/summer-trip/index.md"
    assert (tmp_path / new).read_text(encoding="utf-8").startswith("---\ntitle: Trip")
    assert (tmp_path / "content/posts/summer-trip/photo.jpg").read_bytes() == b"jpg"
    assert not bundle.exists()


def test_renaming_a_section_index_renames_only_the_file(tmp_path: Path) -> None:
    section = tmp_path / "content" / "posts"
    section.mkdir(parents=True)
    (section / "_index.md").write_text("---\ntitle: Posts\n---\n", encoding="utf-8")
    (section / "first.md").write_text("---\ntitle: First\n---\n", encoding="utf-8")
    site = SiteConfig(tmp_path, (Collection("posts", "Posts", "content/posts"),))
    assert rename_post(site, "content/posts/_index.md", "section page") == "content/posts/section-page.md"
    assert (section / "first.md").is_file()


def test_a_jekyll_slug_typed_with_its_date_gets_the_date_once(tmp_path: Path) -> None:
    posts = tmp_path / "_posts"
    posts.mkdir()
    (posts / "2024-01-02-hello-world.md").write_text("---\ntitle: Hi\n---\n", encoding="utf-8")
    site = SiteConfig(tmp_path, (Collection("posts", "Posts", "_posts"),), generator="jekyll")
    new = rename_post(site, "_posts/2024-01-02-hello-world.md", "2024-01-02-hello-there")
    assert new == "_posts/2024-01-02-hello-there.md"
