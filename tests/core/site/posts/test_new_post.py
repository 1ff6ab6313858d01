"""The New post sheet's choices: which fields a collection offers, the site's authors, the path and
text a request creates."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from desktop_app.core.frontmatter import fields as f
from desktop_app.core.frontmatter import parse as fm
from desktop_app.core.frontmatter.fields import FieldSpec, Relation
from desktop_app.core.site.config import Collection, SiteConfig
from desktop_app.core.site.library.summaries import summarize
from desktop_app.core.site.posts.files import create_post
from desktop_app.core.site.posts.new_post import NewPost, default_author, options_for, plan, site_authors

DAY = dt.datetime(2024, 5, 6, 7, 8, 9)


def post(path: str, front: str, collection: str = "posts") -> object:
    return summarize(path, collection, f"---\n{front}\n---\nBody.\n")


def test_authors_are_the_names_the_posts_give_most_used_first() -> None:
    posts = [post("posts/a.md", "author: Ann\ndate: 2024-01-01"), post("posts/b.md", "author: Bo\ndate: 2024-03-01"),
             post("posts/c.md", "authors: [Ann, Cy]\ndate: 2024-02-01"), post("posts/d.md", "author: Bo\ndate: 2023-01-01"),
             post("posts/e.md", "title: No byline")]
    # Ann and Bo are named twice each: Bo wrote the latest post; Cy once.
    assert site_authors(posts) == ["Bo", "Ann", "Cy"]


@pytest.mark.parametrize(("preferred", "git_name", "expected"), [
    ("Pat Writer", "root", "Pat Writer"),  # the Preferences' author always
    ("", "ann", "Ann"),  # the git user, when the posts name them (as the posts spell it)
    ("", "root", "Bo"),  # not a git identity the blog never printed: the site's most used author
])
def test_the_default_author_comes_from_the_site_not_the_git_user(preferred: str, git_name: str, expected: str) -> None:
    assert default_author(preferred, ["Bo", "Ann"], git_name) == expected


def test_a_site_whose_posts_name_no_author_gets_none() -> None:
    assert default_author("", [], "root") == ""


def test_without_a_schema_the_posts_say_which_keys_a_new_post_uses() -> None:
    collection = Collection("posts", "Posts", "posts")
    posts = [post("posts/a.md", "published: true\ncategories: [go, rust]\nauthors: [Ann]"),
             post("posts/b.md", "published: false\ncategories: [go]\nauthors: [Bo]"),
             post("other/c.md", "draft: true\ntags: [x]\nauthor: Zed", collection="other")]
    options = options_for(collection, posts)
    assert (options.draft_key, options.tags_key, options.author_key) == ("published", "categories", "authors")
    assert options.tags == ("go", "rust") and set(options.authors) == {"Ann", "Bo"}


def test_with_a_schema_only_its_fields_are_offered() -> None:
    schema = (FieldSpec("title", f.TEXT), FieldSpec("tags", f.TAGS),
              FieldSpec("author", f.RELATION, relation=Relation("authors")))
    options = options_for(Collection("blog", "Blog", "blog", fields=schema), [])
    assert (options.draft_key, options.tags_key, options.author_key) == ("", "tags", "")


def test_plan_and_create_write_the_chosen_slug_draft_tags_and_author(tmp_path: Path) -> None:
    site = SiteConfig(tmp_path, (Collection("posts", "Posts", "_posts"),), generator="jekyll")
    collection = site.collections[0]
    options = options_for(collection, [])
    request = NewPost("Hello: World", slug="Greetings Earthlings", draft=False, tags=("go", " ", "rust"),
                      author="Ann Lee")
    path, text = plan(site, collection, request, options, DAY)
    assert path == "_posts/2024-05-06-greetings-earthlings.md"  # Jekyll's date, then the slug as typed, made a slug
    values = fm.read_post(text).values
    assert (values["title"], values["draft"], values["tags"], values["author"]) == ("Hello: World", False,
                                                                                   ["go", "rust"], "Ann Lee")
    assert not (tmp_path / path).exists()  # planning writes nothing
    created = create_post(site, collection, request.title, DAY, "Ann Lee", request.slug,
                          {"draft": False, "tags": ["go", "rust"]})
    assert created == path and (tmp_path / path).read_text(encoding="utf-8") == text


def test_a_request_for_a_published_key_site_writes_published(tmp_path: Path) -> None:
    site = SiteConfig(tmp_path, (Collection("posts", "Posts", "posts"),))
    options = options_for(site.collections[0], [post("posts/a.md", "published: true")])
    _, text = plan(site, site.collections[0], NewPost("T", draft=True), options, DAY)
    assert fm.read_post(text).values["published"] is False
