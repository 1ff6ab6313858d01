"""The library's rows worked out from the index's answers (`arrange_rows` with `LibraryIndex.find`,
as the library's thread does): the same posts, in the same order, as `summaries.arrange` finds in
the posts' own texts, and an article is found by any of its translations' words."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from desktop_app.core.site.config import Collection, SiteConfig
from desktop_app.core.site.library import summaries
from desktop_app.core.site.library.index import LibraryIndex
from desktop_app.core.workspace import Workspace
from desktop_app.ui.library.rows import Request, SortedPosts, arrange_rows
from tests.core.corpus import corpus_dir
from tests.helpers.git_repos import commit_all, git

QUERIES = ("the", "e", "s", "sh", "shortcode", "zz", "release tag:release", "qu is:draft", "front matter")


def paths(rows: tuple) -> list[str]:  # rows and collection headers
    return [row.path for row in rows if isinstance(row, summaries.PostSummary)]


@pytest.mark.parametrize("name", ["hugo-docs", "github-explore"])
def test_rows_from_the_index_are_the_posts_the_texts_give(name: str, tmp_path: Path) -> None:
    site = SiteConfig(corpus_dir(name), (Collection("all", "All", ""),))
    plain = summaries.scan(site)
    index = LibraryIndex(tmp_path / "index.sqlite3")
    listed = tuple(index.scan(site))
    index.build_search()
    assert all(post.path in index.find(()) for post in listed)  # no words: every post
    cache = SortedPosts()  # one worker's: each order's ids are kept between searches
    cache.get(listed, "newest")
    cache.prepare("newest", index.find)  # as the library's thread does before the first key
    for query in QUERIES:
        for order in ("newest", "title"):
            expected = [post.path for post in summaries.arrange(plain, query, order=order)]
            assert paths(arrange_rows(Request(listed, query, order=order), index.find, None, cache).rows) \
                == expected, (query, order)


def test_an_article_is_found_by_a_word_only_its_translation_holds(tmp_path: Path) -> None:
    root = tmp_path / "site"
    shutil.copytree(Path(__file__).parents[2] / "fixtures/sites/decap-i18n", root)
    git(root, "init", "--quiet")
    commit_all(root, "Site")
    workspace = Workspace.open(root)
    posts = tuple(workspace.scan())
    workspace.index.build_search()
    assert paths(arrange_rows(Request(posts, "windig"), workspace.index.find).rows) == \
        ["content/posts/ridge-walk.en.md"]
    assert paths(arrange_rows(Request(posts, "zzzz"), workspace.index.find).rows) == []
