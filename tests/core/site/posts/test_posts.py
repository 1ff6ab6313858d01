"""New, renamed and deleted posts: file names from titles, and a new post's front matter."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from desktop_app.core.errors import PostdeskError, PostExists
from desktop_app.core.frontmatter import fields as f
from desktop_app.core.frontmatter import parse as fm
from desktop_app.core.frontmatter.fields import FieldSpec, Option, Relation
from desktop_app.core.site.config import Collection, SiteConfig
from desktop_app.core.site.detect import load_site
from desktop_app.core.site.library.summaries import post_files
from desktop_app.core.site.posts.files import (
    create_post,
    delete_post,
    expand_pattern,
    new_post_text,
    post_file_name,
    rename_post,
    slugify,
)


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


# --- new posts in a collection with a configured schema ---------------------------------------

SCHEMA = (
    FieldSpec("layout", f.HIDDEN, default="post"),
    FieldSpec("title", f.TEXT, required=True),
    FieldSpec("pubDate", f.DATETIME),
    FieldSpec("draft", f.BOOLEAN),
    FieldSpec("tags", f.TAGS, default=["news"]),
    FieldSpec("rating", f.NUMBER, default=3),
    FieldSpec("category", f.SELECT, default="misc", options=(Option("misc", "Misc"), Option("dev", "Dev"))),
    FieldSpec("summary", f.MULTILINE),
    FieldSpec("body", f.BODY, default="Body default is the editor's business."),
)
MOMENT = dt.datetime(2024, 5, 6, 7, 8, 9, 123456)


def schema_collection(fields: tuple[FieldSpec, ...] = SCHEMA, **options: object) -> Collection:
    return Collection("posts", "Posts", "content/posts", fields=fields, **options)  # type: ignore[arg-type]


def test_a_new_post_gets_the_schemas_defaults_title_and_date_in_schema_order() -> None:
    text = new_post_text('Hello: "World"', MOMENT, collection=schema_collection())
    parsed = fm.read_post(text)
    assert parsed.error is None and parsed.doc.format == fm.YAML
    assert list(parsed.values.items()) == [
        ("layout", "post"),  # hidden fields are written, as CMSs write them
        ("title", 'Hello: "World"'),
        ("pubDate", dt.datetime(2024, 5, 6, 7, 8, 9)),  # whole seconds
        ("draft", True),  # a new post is a draft unless the schema says otherwise
        ("tags", ["news"]),
        ("rating", 3),
        ("category", "misc"),
    ]
    assert "Body default" not in text
    assert parsed.doc.body == "\n"  # no text a writer could commit by mistake: the editor shows a placeholder


def test_a_draft_default_from_the_schema_is_kept() -> None:
    collection = schema_collection((FieldSpec("title", f.TEXT), FieldSpec("draft", f.BOOLEAN, default=False)))
    assert fm.read_post(new_post_text("T", MOMENT, collection=collection)).values["draft"] is False


def test_a_date_field_gets_the_day_and_a_datetime_field_the_moment() -> None:
    collection = schema_collection((FieldSpec("title", f.TEXT), FieldSpec("date", f.DATE)))
    assert fm.read_post(new_post_text("T", MOMENT, collection=collection)).values["date"] == dt.date(2024, 5, 6)
    collection = schema_collection((FieldSpec("title", f.TEXT), FieldSpec("published_at", f.DATETIME)))
    values = fm.read_post(new_post_text("T", dt.date(2024, 5, 6), collection=collection)).values
    assert values["published_at"] == dt.datetime(2024, 5, 6, 0, 0)


def test_the_title_goes_to_a_name_field_when_the_schema_has_no_title() -> None:
    collection = schema_collection((FieldSpec("name", f.TEXT, required=True), FieldSpec("bio", f.MARKDOWN)))
    assert fm.read_post(new_post_text("Ann Lee", MOMENT, collection=collection)).values == {"name": "Ann Lee"}


def test_a_schema_without_a_title_field_still_gets_the_title_first() -> None:
    collection = schema_collection((FieldSpec("weight", f.NUMBER, default=10),))
    values = fm.read_post(new_post_text("Untitled no more", MOMENT, collection=collection)).values
    assert list(values.items()) == [("title", "Untitled no more"), ("weight", 10)]


def test_an_author_is_not_added_to_a_schema_that_has_no_author_field() -> None:
    values = fm.read_post(new_post_text("T", MOMENT, author="Ann", collection=schema_collection())).values
    assert "author" not in values


def test_a_collection_without_a_schema_gets_the_usual_draft() -> None:
    values = fm.read_post(new_post_text("T", dt.date(2024, 2, 3), collection=Collection("p", "P", "posts"))).values
    assert values == {"title": "T", "description": "", "date": dt.date(2024, 2, 3), "tags": [], "draft": True}


@pytest.mark.parametrize("fmt, opening", [("yaml", "---\n"), ("toml", "+++\n"), ("json", "{\n")])
def test_new_posts_are_written_in_the_collections_front_matter_format(fmt: str, opening: str) -> None:
    text = new_post_text('Quotes "and" colons: yes', MOMENT, collection=schema_collection(format=fmt))
    assert text.startswith(opening)
    parsed = fm.read_post(text)
    assert parsed.error is None
    assert parsed.doc.format == fmt
    values = dict(parsed.values)
    when = values.pop("pubDate")
    # JSON has no dates: the moment is written as ISO text.
    assert when == (MOMENT.replace(microsecond=0).isoformat() if fmt == "json" else MOMENT.replace(microsecond=0))
    assert values == {"layout": "post", "title": 'Quotes "and" colons: yes', "draft": True, "tags": ["news"],
                      "rating": 3, "category": "misc"}
    # One empty line and no text: "Start writing here." was text a writer could commit by mistake.
    assert parsed.doc.body == "\n" and "Start writing" not in text


# --- file names from the collection's patterns ------------------------------------------------

DAY = dt.datetime(2024, 3, 4, 5, 6, 7)
PLAIN_SITE = SiteConfig(Path("/nonexistent"), ())


@pytest.mark.parametrize("slug, path, name", [
    ("{{year}}-{{month}}-{{day}}-{{slug}}", "", "2024-03-04-hello-world.md"),
    ("{{fields.title}}", "", "cafe-au-lait.md"),
    ("", "{{slug}}/index", "hello-world/index.md"),
    ("{{year}}-{{slug}}", "{{year}}/{{slug}}", "2024/2024-hello-world.md"),
    ("{{ hour }}{{minute}}{{second}}-{{slug}}", "", "050607-hello-world.md"),
    ("{{slug}}", "{{fields.category}}/{{slug}}", "tech-news/hello-world.md"),
])
def test_post_file_name_follows_the_collections_patterns(slug: str, path: str, name: str) -> None:
    collection = Collection("posts", "Posts", "content/posts", slug=slug, path=path)
    values = {"title": "Café au lait!", "category": "Tech News"}
    assert post_file_name(collection, "hello-world", DAY, PLAIN_SITE, values) == name


def test_the_collections_extension_is_used() -> None:
    collection = Collection("blog", "Blog", "src/content/blog", extension="mdx", path="{{slug}}/index")
    assert post_file_name(collection, "x", DAY, PLAIN_SITE) == "x/index.mdx"


def test_a_date_pattern_with_a_plain_date() -> None:
    assert expand_pattern("{{year}}/{{month}}/{{day}}/{{hour}}-{{slug}}", "s", dt.date(2024, 1, 2), {}) == \
        "2024/01/02/00-s"


def test_a_missing_field_leaves_no_empty_folder() -> None:
    assert expand_pattern("{{fields.section}}/{{slug}}", "hello", DAY, {}) == "hello"
    assert expand_pattern("a/{{fields.section}}/{{slug}}", "hello", DAY, {"section": ""}) == "a/hello"


def test_create_post_uses_the_patterns_and_the_schema(tmp_path: Path) -> None:
    collection = Collection("posts", "Posts", "content/posts", fields=SCHEMA,
                            slug="{{year}}-{{month}}-{{day}}-{{slug}}", path="{{slug}}/index")
    site = SiteConfig(tmp_path, (collection,))
    relative = create_post(site, collection, "Bundled Post", DAY)
    assert relative == "content/posts/2024-03-04-bundled-post/index.md"
    values = fm.read_post((tmp_path / relative).read_text(encoding="utf-8")).values
    assert (values["layout"], values["title"], values["pubDate"]) == ("post", "Bundled Post", DAY)
    assert [path for _, path in post_files(site)] == [tmp_path / relative]


def test_create_post_names_the_file_from_a_field_value(tmp_path: Path) -> None:
    collection = Collection("posts", "Posts", "posts", slug="{{fields.title}}",
                            fields=(FieldSpec("title", f.TEXT),))
    site = SiteConfig(tmp_path, (collection,))
    assert create_post(site, collection, "Ünïcode Title", DAY) == "posts/unicode-title.md"


def test_create_post_is_refused_where_the_site_does_not_allow_new_entries(tmp_path: Path) -> None:
    collection = Collection("settings", "Site settings", "content/settings", create=False)
    site = SiteConfig(tmp_path, (collection,))
    with pytest.raises(PostdeskError, match="does not allow new entries in Site settings"):
        create_post(site, collection, "Sneaky", DAY)
    assert not (tmp_path / "content").exists()


def test_a_slug_pattern_on_an_empty_field_still_gives_a_listed_post(tmp_path: Path) -> None:
    collection = Collection("posts", "Posts", "content/posts", slug="{{fields.subtitle}}",
                            fields=(FieldSpec("title", f.TEXT), FieldSpec("subtitle", f.TEXT)))
    site = SiteConfig(tmp_path, (collection,))
    try:
        relative = create_post(site, collection, "Hello", DAY)
    except PostdeskError:
        return  # refusing with a clear message is a fix too
    assert [path for _, path in post_files(site)] == [tmp_path / relative]


def test_new_post_text_writes_the_writer_as_a_text_author_but_not_into_a_relation() -> None:
    text_author = Collection("posts", "Posts", "posts", fields=(FieldSpec("title", "text"), FieldSpec("author", "text")))
    related = Collection("posts", "Posts", "posts", fields=(
        FieldSpec("title", "text"), FieldSpec("author", "relation", relation=Relation("authors"))))
    assert fm.read_post(new_post_text("T", dt.date(2024, 1, 1), "Ann", text_author)).values["author"] == "Ann"
    assert "author" not in fm.read_post(new_post_text("T", dt.date(2024, 1, 1), "Ann", related)).values
