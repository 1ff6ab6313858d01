"""The post library: what the sidebar and `postdesk list` show, in which order, and what a search finds."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from desktop_app.core.errors import Cancelled
from desktop_app.core.site.detect import load_site
from desktop_app.core.site.library import summaries
from desktop_app.core.site.library.summaries import (
    PostSummary,
    arrange,
    filter_posts,
    json_line,
    problem_label,
    scan,
    sort_posts,
    summarize,
)
from desktop_app.core.tasks import CancelToken, Progress
from tests.core.corpus import EXPECTED_FILES, corpus_dir

POSTS = {
    "content/posts/caching.md": (
        "---\ntitle: Caching, the unsung hero\ndate: 2024-03-01\ntags: [performance, redis]\n---\n"
        "Caches make reads cheap. Invalidation is hard.\n"),
    "content/posts/cqrs.md": (
        "---\ntitle: CQRS explained\ndate: 2024-05-10T09:30:00Z\ncategories: [architecture]\n---\n"
        "Separate the read model from the write model.\n"),
    "content/posts/draft-idea.md": (
        "---\ntitle: Half an idea\ndraft: true\ntags: performance\n---\nNot finished yet.\n"),
    "content/posts/heading-only.md": "# Title from the heading\n\nA post without front matter.\n",
    "content/posts/nested/deep-post.md": "---\ndate: 2023-01-01\n---\nNo title anywhere.\n",
    "content/posts/broken.md": "---\ntitle: a: b\n---\nThe body survives.\n",
    "content/posts/notes.markdown": "---\ntitle: Notes in markdown\ndate: 2022-06-01\n---\nText.\n",
}


def make_site(root: Path, files: dict[str, str | bytes]) -> Path:
    for relative, content in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


@pytest.fixture
def site_posts(tmp_path: Path) -> dict[str, PostSummary]:
    extra = {
        "README.md": "# Repository readme\n",
        "content/posts/node_modules/pkg/readme.md": "# dependency docs\n",
        "content/posts/.hidden/secret.md": "# hidden\n",
        "content/posts/image.png": "not markdown",
    }
    make_site(tmp_path, {**POSTS, **extra})
    return {post.path: post for post in scan(load_site(tmp_path))}


def test_scan_finds_every_post_and_only_posts(site_posts: dict[str, PostSummary]) -> None:
    assert sorted(site_posts) == sorted(POSTS)
    assert {post.collection for post in site_posts.values()} == {"posts"}


def test_summary_fields(site_posts: dict[str, PostSummary]) -> None:
    caching = site_posts["content/posts/caching.md"]
    assert caching.title == "Caching, the unsung hero"
    assert caching.date == dt.date(2024, 3, 1)
    assert caching.tags == ("performance", "redis")
    assert caching.draft is False
    assert caching.format == "yaml"
    assert caching.words == 7
    assert caching.error == ""
    cqrs = site_posts["content/posts/cqrs.md"]
    assert cqrs.date == dt.datetime(2024, 5, 10, 9, 30, tzinfo=dt.timezone.utc)
    assert cqrs.tags == ()  # `tags` are the post's tags; its categories are a taxonomy of their own
    assert cqrs.taxonomies == (("categories", ("architecture",)),)
    draft = site_posts["content/posts/draft-idea.md"]
    assert draft.draft is True
    assert draft.tags == ("performance",)


def test_title_falls_back_to_first_heading_then_file_name(site_posts: dict[str, PostSummary]) -> None:
    assert site_posts["content/posts/heading-only.md"].title == "Title from the heading"
    assert site_posts["content/posts/heading-only.md"].format == "none"
    assert site_posts["content/posts/nested/deep-post.md"].title == "deep post"


def test_bad_front_matter_gives_a_summary_with_an_error(site_posts: dict[str, PostSummary]) -> None:
    broken = site_posts["content/posts/broken.md"]
    assert "front matter cannot be read" in broken.error
    assert "line 2" in broken.error
    assert broken.title == "broken"
    assert "body survives" in broken.search_text
    assert broken.to_json()["error"] == broken.error


def test_non_utf8_post_is_listed_with_an_error(tmp_path: Path) -> None:
    make_site(tmp_path, {"content/posts/latin.md": "---\ntitle: Café\n---\n".encode("latin-1"),
                         "content/posts/fine.md": "---\ntitle: Fine\n---\n"})
    found = {post.path: post for post in scan(load_site(tmp_path))}
    latin = found["content/posts/latin.md"]
    assert latin.title == "Café"  # read in its own encoding
    assert latin.error.startswith("content/posts/latin.md is not UTF-8") and problem_label(latin.error) == "Not UTF-8"
    assert found["content/posts/fine.md"].error == ""


def test_jekyll_post_takes_its_date_and_title_from_the_file_name() -> None:
    post = summarize("_posts/2024-01-02-my-first-post.md", "posts", "Just a body.\n")
    assert post.date == dt.date(2024, 1, 2)
    assert post.title == "my first post"
    dated = summarize("_posts/2024-01-02-x.md", "posts", "---\ndate: 2025-01-29 18:15:32 +0530\n---\n")
    assert dated.date == dt.datetime(2025, 1, 29, 18, 15, 32, tzinfo=dt.timezone(dt.timedelta(hours=5, minutes=30)))


def test_a_summary_made_by_a_scan_equals_one_made_by_its_constructor() -> None:
    """`summarize` fills the summary's fields itself (a scan makes one per post): a field added to
    PostSummary must not be left unset, or hold something else than the constructor would."""
    post = summarize("_posts/2024-01-02-x.md", "posts", "---\ntitle: T\ntags: [a]\n---\nBody words.\n")
    expected = PostSummary(path="_posts/2024-01-02-x.md", collection="posts", title="T", date=dt.date(2024, 1, 2),
                           draft=False, tags=("a",), format="yaml", words=2, search_text="t a  body words.\n",
                           values={"title": "T", "tags": ["a"]})
    assert [getattr(post, field.name) for field in dataclasses.fields(PostSummary)] == \
        [getattr(expected, field.name) for field in dataclasses.fields(PostSummary)]


def test_bundle_index_takes_its_title_from_the_folder() -> None:
    assert summarize("content/posts/my-trip/index.md", "posts", "No title.\n").title == "my trip"


def test_quoted_date_string_still_dates_the_post() -> None:
    post = summarize("p.md", "posts", '---\ndate: "2013-05-08 23:46:11 +0200"\n---\n')
    assert isinstance(post.date, dt.datetime)
    assert post.date.date() == dt.date(2013, 5, 8)


def test_other_generators_date_and_draft_fields() -> None:
    astro = summarize("src/content/blog/a.md", "blog", "---\npubDate: 2024-07-08\npublished: false\n---\n")
    assert astro.date == dt.date(2024, 7, 8)
    assert astro.draft is True
    hugo = summarize("content/b.md", "posts", "---\npublishDate: 2021-02-03\nkeywords: [k1, k2]\n---\n")
    assert hugo.date == dt.date(2021, 2, 3)
    assert hugo.tags == () and "k1 k2" in hugo.search_text  # keywords are searched, not tags


def test_to_json_has_what_the_cli_prints() -> None:
    post = summarize("p.md", "posts", "---\ntitle: T\ndate: 2024-01-02\ntags: [a]\ndraft: true\n"
                                      "categories: [a, b]\nseries: s\n---\nx y\n", ("tags", "categories", "series"))
    assert post.to_json() == {
        "path": "p.md", "collection": "posts", "title": "T", "date": "2024-01-02", "draft": True,
        "tags": ["a"], "taxonomies": {"categories": ["a", "b"], "series": ["s"]}, "language": None,
        "translations": [], "role": "post", "format": "yaml", "words": 2, "git_status": "unchanged", "error": None,
    }


@pytest.mark.parametrize("corpus", ["hugo-docs", "jekyll-posts", "github-explore"])
def test_each_posts_json_line_is_its_json(corpus: str) -> None:
    """`postdesk list --json` writes each post with `json_line`: what json writes for `to_json`,
    on every corpus post and on rows with quotes, other scripts, taxonomies, errors and times."""
    import json

    encode = json.JSONEncoder(ensure_ascii=False).encode
    posts = scan(load_site(corpus_dir(corpus)))
    posts += [
        summarize('a "q"\\b.md', "posts", '---\ntitle: "Ünïcode \\"quoted\\" \\t tab 日本"\ndate: 2024-01-02T03:04:05+05:30\n'
                  "tags: [x, 'y\\\\z']\nlanguage: de\ndraft: true\n---\nbody\n", ("tags", "categories")),
        summarize("b.md", "posts", "---\ntitle: T\ncategories: [c]\n---\n", ("tags", "categories")),
        summarize("c.md", "posts", "---\ntitle: [unclosed\n---\n"),
    ]
    assert any(post.error for post in posts) and any(post.taxonomies for post in posts)
    for post in posts:
        assert json_line(post) == encode(post.to_json())


# --- sorting -------------------------------------------------------------------------------------


def test_newest_first_with_undated_last(site_posts: dict[str, PostSummary]) -> None:
    ordered = [post.path for post in sort_posts(site_posts.values())]
    assert ordered[:4] == [
        "content/posts/cqrs.md",  # 2024-05-10 09:30
        "content/posts/caching.md",  # 2024-03-01
        "content/posts/nested/deep-post.md",  # 2023-01-01
        "content/posts/notes.markdown",  # 2022-06-01
    ]
    undated = {"content/posts/draft-idea.md", "content/posts/heading-only.md", "content/posts/broken.md"}
    assert set(ordered[4:]) == undated


def test_oldest_first_still_puts_undated_last(site_posts: dict[str, PostSummary]) -> None:
    ordered = [post.path for post in sort_posts(site_posts.values(), descending=False)]
    assert ordered[0] == "content/posts/notes.markdown"
    assert ordered[3] == "content/posts/cqrs.md"
    assert all(site_posts[path].date is None for path in ordered[4:])


def test_date_and_datetime_on_the_same_day_sort_together() -> None:
    posts = [summarize("a.md", "p", "---\ntitle: A\ndate: 2024-01-02\n---\n"),
             summarize("b.md", "p", "---\ntitle: B\ndate: 2024-01-02 10:00:00\n---\n"),
             summarize("c.md", "p", "---\ntitle: C\ndate: 2024-01-01 23:00:00\n---\n")]
    assert [post.title for post in sort_posts(posts)] == ["B", "A", "C"]


def test_sort_by_title() -> None:
    posts = [summarize(f"{name}.md", "p", f"---\ntitle: {name}\n---\n") for name in ("beta", "Alpha", "gamma")]
    assert [post.title for post in sort_posts(posts, key="title", descending=False)] == ["Alpha", "beta", "gamma"]


# --- search --------------------------------------------------------------------------------------


@pytest.mark.parametrize("query, expected", [
    ("caching", {"caching.md"}),
    ("CQRS", {"cqrs.md"}),
    ("redis", {"caching.md"}),  # a tag
    ("invalidation", {"caching.md"}),  # a body word
    ("read model", {"cqrs.md"}),  # every word must appear
    ("model caching", set()),
    ("tag:performance", {"caching.md", "draft-idea.md"}),
    ("tag:Architecture", {"cqrs.md"}),  # categories count as tags; case does not matter
    ("tag:perf", set()),  # tags match whole
    ("is:draft", {"draft-idea.md"}),
    ("tag:performance is:draft", {"draft-idea.md"}),
    ("", {Path(p).name for p in POSTS}),
])
def test_filter(site_posts: dict[str, PostSummary], query: str, expected: set[str]) -> None:
    assert {Path(post.path).name for post in filter_posts(site_posts.values(), query)} == expected


def test_is_changed_uses_git_states(site_posts: dict[str, PostSummary]) -> None:
    posts = summaries.with_git_states(list(site_posts.values()), {"content/posts/cqrs.md": "modified"})
    assert [post.path for post in filter_posts(posts, "is:changed")] == ["content/posts/cqrs.md"]
    assert next(p for p in posts if p.path == "content/posts/cqrs.md").to_json()["git_status"] == "modified"


# --- scanning ------------------------------------------------------------------------------------


@pytest.mark.parametrize("corpus, folder", [
    ("hugo-docs", "content/en/news"), ("jekyll-posts", "docs/_posts"), ("github-explore", ""),
])
def test_scan_of_a_corpus_lists_every_file(corpus: str, folder: str) -> None:
    site = load_site(corpus_dir(corpus))
    assert site.collections[0].folder == folder  # Hugo's sections, each a collection: news first
    found = scan(site)
    assert len(found) == EXPECTED_FILES[corpus]
    assert len({post.path for post in found}) == len(found)
    # The one unreadable post of the corpora writes `released:` twice; it is listed all the same.
    flagged = {post.path: post.error for post in found if post.error}
    expected = {"topics/qiskit/index.md"} if corpus == "github-explore" else set()
    assert set(flagged) == expected
    assert all("duplicate key 'released'" in error for error in flagged.values())
    assert all(post.title for post in found)


def test_every_jekyll_corpus_post_is_dated_and_sorted_newest_first() -> None:
    found = sort_posts(scan(load_site(corpus_dir("jekyll-posts"))))
    assert all(post.date is not None for post in found)
    days = [post.date if not isinstance(post.date, dt.datetime) else post.date.date() for post in found]
    assert days == sorted(days, reverse=True)
    assert Path(found[0].path).name[:10] == days[0].isoformat()


def test_scan_reports_progress_and_can_be_cancelled(tmp_path: Path) -> None:
    make_site(tmp_path, {f"posts/p{i}.md": f"# Post {i}\n" for i in range(3)})
    reports: list[Progress] = []
    assert len(scan(load_site(tmp_path), progress=reports.append)) == 3
    assert reports and 0 <= (reports[0].fraction or 0) <= 1
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        scan(load_site(tmp_path), cancel=token)


def test_arrange_filters_by_status_and_words_then_orders() -> None:
    posts = [
        PostSummary("a.md", "posts", "Alpha", dt.date(2024, 1, 1), True, ("x",), "yaml", search_text="alpha x"),
        PostSummary("b.md", "posts", "Beta", dt.date(2024, 3, 1), False, ("x",), "yaml", git_state="modified",
                    search_text="beta x"),
        PostSummary("c.md", "posts", "Gamma", None, False, (), "yaml", search_text="gamma"),
    ]
    assert [p.title for p in arrange(posts)] == ["Beta", "Alpha", "Gamma"]
    assert [p.title for p in arrange(posts, order="oldest")] == ["Alpha", "Beta", "Gamma"]
    assert [p.title for p in arrange(posts, order="title")] == ["Alpha", "Beta", "Gamma"]
    assert [p.title for p in arrange(posts, status="drafts")] == ["Alpha"]
    assert [p.title for p in arrange(posts, status="published")] == ["Beta", "Gamma"]
    assert [p.title for p in arrange(posts, status="changed")] == ["Beta"]
    assert [p.title for p in arrange(posts, query="tag:x", status="published")] == ["Beta"]


def test_a_post_waiting_in_a_pull_keeps_its_title_and_says_why_it_is_flagged() -> None:
    """Conflict markers make the front matter unreadable; the library still names the post as the
    writer knows it (their side) instead of by its file name."""
    text = ("---\n<<<<<<< mine\ntitle: Caching, revisited\n=======\ntitle: Caching for all\n>>>>>>> theirs\n"
            "tags: [caching]\n---\n\nIntro.\n\n<<<<<<< mine\nMy line.\n=======\nTheir line.\n>>>>>>> theirs\n")
    summary = summarize("posts/caching.md", "posts", text)
    assert summary.title == "Caching, revisited" and summary.tags == ("caching",)
    assert "Conflicts panel" in summary.error
    assert "my line." in summary.search_text and "their line." not in summary.search_text


def test_a_heading_underlined_with_equals_is_not_a_conflict() -> None:
    text = "---\ntitle: [unclosed\n---\n\nHeading\n=======\n"
    assert "Conflicts panel" not in summarize("posts/a.md", "posts", text).error


def test_a_post_that_links_outside_the_repository_is_listed_with_the_reason_and_never_read(tmp_path: Path) -> None:
    root = make_site(tmp_path / "blog", {"posts/a.md": "---\ntitle: A\n---\nHello.\n"})
    victim = make_site(tmp_path / "outside", {"victim.md": "---\ntitle: Victim\n---\nsecret words\n"}) / "victim.md"
    (root / "posts/link.md").symlink_to("../../outside/victim.md")
    (root / "posts/id_rsa.md").symlink_to(victim)  # absolute links too
    site = load_site(root)
    posts = {post.path: post for post in scan(site)}
    link = posts["posts/link.md"]
    assert link.error == (f"posts/link.md leads outside the repository (to {victim}), so Postdesk does not open it.")
    assert problem_label(link.error) == "Outside the repository"
    assert (link.title, link.words, link.search_text, dict(link.values)) == ("link", 0, "", {})
    assert problem_label(posts["posts/id_rsa.md"].error) == "Outside the repository"
    assert [path.name for _, path in summaries.post_files(site)] == ["a.md"]  # what others may read


def test_a_link_inside_the_repository_is_an_ordinary_post(tmp_path: Path) -> None:
    root = make_site(tmp_path / "blog", {"posts/a.md": "---\ntitle: A\n---\nHello.\n",
                                         "shared/b.md": "---\ntitle: Shared\n---\nBoth places.\n"})
    (root / "posts/b.md").symlink_to("../shared/b.md")
    posts = {post.path: post for post in scan(load_site(root))}
    assert posts["posts/b.md"].title == "Shared" and posts["posts/b.md"].error == ""
