"""The library index: a cache that lists what a full scan lists, reads only what changed, and
answers searches as `filter_posts` does; deleted, corrupt or unwritable, it costs a scan, never
an error."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from desktop_app.core.errors import Cancelled
from desktop_app.core.site.library import index as index_module
from desktop_app.core.site.library import summaries as library
from desktop_app.core.site.config import Collection, SiteConfig
from desktop_app.core.site.detect import load_site
from desktop_app.core.site.library.index import LibraryIndex, RowsSoFar, search_posts
from desktop_app.core.site.library.summaries import PostSummary, filter_posts, split_query, with_git_states
from desktop_app.core.workspace import Workspace
from tests.core.corpus import corpus_dir
from tests.helpers.git_repos import commit_all, git, make_remote, write

POSTS = {
    "content/posts/caching.md": "---\ntitle: Caching\ndate: 2024-01-05\ntags: [perf, Redis]\n---\n\nCache early.\n",
    "content/posts/cqrs.md": "---\ntitle: CQRS\ndate: 2024-02-10\ndraft: true\n---\n\nSplit reads from writes.\n",
    "content/posts/auth.md": "---\ntitle: Auth\ndate: 2024-03-15\n---\n\nTokens expire. Ünïcode wörds.\n",
}
LONG_AGO = 1_600_000_000  # a stamp no scan takes for a file still being written


def age(root: Path, seconds: int = LONG_AGO) -> None:
    """Date every post as written long ago, as files are between two runs of Postdesk."""
    for path in root.rglob("*.md"):
        os.utime(path, (seconds, seconds))


def comparable(posts: list[PostSummary]) -> dict[str, tuple]:
    """What the library shows of each post (the index keeps the search text itself)."""
    return {post.path: (post.collection, post.title, post.date, post.draft, post.tags, post.format, post.words,
                        post.error, dict(post.values)) for post in posts}


@pytest.fixture
def blog(tmp_path: Path) -> Path:
    root = tmp_path / "blog"
    for relative, text in POSTS.items():
        write(root, relative, text)
    age(root)
    return root


@pytest.fixture
def cache(tmp_path: Path) -> Path:
    return tmp_path / "cache"


def counting_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files the next scans read (every other row comes from the index)."""
    read: list[str] = []
    real = library.read_entry

    def reading(site: SiteConfig, collection: str, path: Path | str, outside: object, *more: object) -> PostSummary:
        read.append(os.path.basename(path))
        return real(site, collection, path, outside, *more)  # type: ignore[arg-type]
    monkeypatch.setattr(library, "read_entry", reading)
    return read


def test_a_second_scan_reads_no_file_and_lists_the_same_posts(blog: Path, cache: Path, monkeypatch) -> None:
    site = load_site(blog)
    first = LibraryIndex.for_repository(cache, blog).scan(site)
    read = counting_reads(monkeypatch)
    again = LibraryIndex.for_repository(cache, blog).scan(site)  # a new run of Postdesk
    assert read == []
    assert comparable(again) == comparable(first) == comparable(library.scan(site))
    assert all(post.search_text == "" for post in again)  # searched in the index, not kept in memory


def test_deleted_the_index_is_rebuilt_by_the_next_scan(blog: Path, cache: Path, monkeypatch) -> None:
    site = load_site(blog)
    index = LibraryIndex.for_repository(cache, blog)
    first = index.scan(site)
    index.close()
    shutil.rmtree(cache)
    read = counting_reads(monkeypatch)
    rebuilt = LibraryIndex.for_repository(cache, blog)
    assert comparable(rebuilt.scan(site)) == comparable(first)
    assert sorted(read) == ["auth.md", "caching.md", "cqrs.md"]
    assert rebuilt.file is not None and rebuilt.file.is_file() and not rebuilt.in_memory
    read.clear()
    rebuilt.scan(site)
    assert read == []


def test_a_file_changed_outside_postdesk_is_read_again(blog: Path, cache: Path, monkeypatch) -> None:
    site = load_site(blog)
    index = LibraryIndex.for_repository(cache, blog)
    index.scan(site)
    read = counting_reads(monkeypatch)
    post = blog / "content/posts/cqrs.md"
    post.write_text(POSTS["content/posts/cqrs.md"].replace("CQRS", "Event sourcing"), encoding="utf-8")
    os.utime(post, (LONG_AGO + 60, LONG_AGO + 60))
    found = {post.path: post for post in index.scan(site)}
    assert read == ["cqrs.md"]
    assert found["content/posts/cqrs.md"].title == "Event sourcing"
    assert search_posts(index, list(found.values()), "sourcing") == [found["content/posts/cqrs.md"]]
    assert search_posts(index, list(found.values()), "cqrs") == []


def test_a_change_of_the_same_size_is_seen_by_its_time(blog: Path, cache: Path, monkeypatch) -> None:
    site = load_site(blog)
    index = LibraryIndex.for_repository(cache, blog)
    index.scan(site)
    read = counting_reads(monkeypatch)
    post = blog / "content/posts/auth.md"
    post.write_text(POSTS["content/posts/auth.md"].replace("Auth", "Ouch"), encoding="utf-8")  # same size
    os.utime(post, (LONG_AGO + 1, LONG_AGO + 1))
    found = {post.path: post for post in index.scan(site)}
    assert read == ["auth.md"] and found["content/posts/auth.md"].title == "Ouch"


def test_words_of_one_or_two_letters_follow_changed_and_deleted_posts_once_indexed(blog: Path, cache: Path) -> None:
    site = load_site(blog)
    index = LibraryIndex.for_repository(cache, blog)
    found = index.scan(site)
    assert index.build_search()
    assert [post.path for post in search_posts(index, found, "ç")] == []
    post = blog / "content/posts/cqrs.md"
    post.write_text(POSTS["content/posts/cqrs.md"] + "\nÇa va.\n", encoding="utf-8")
    os.utime(post, (LONG_AGO + 60, LONG_AGO + 60))
    (blog / "content/posts/auth.md").unlink()
    for stage in ("pending", "indexed"):
        found = index.scan(site)
        assert [post.path for post in search_posts(index, found, "ç")] == ["content/posts/cqrs.md"], stage
        assert [post.path for post in search_posts(index, found, "ça")] == ["content/posts/cqrs.md"], stage
        assert [post.path for post in search_posts(index, found, "a")] == [p.path for p in found], stage
        assert index.build_search()
    post.write_text(POSTS["content/posts/cqrs.md"], encoding="utf-8")  # the pair gone again, once indexed
    os.utime(post, (LONG_AGO + 120, LONG_AGO + 120))
    found = index.scan(site)
    assert index.build_search()
    assert search_posts(index, found, "ç") == [] and search_posts(index, found, "ça") == []


def test_new_and_deleted_posts(blog: Path, cache: Path) -> None:
    site = load_site(blog)
    index = LibraryIndex.for_repository(cache, blog)
    index.scan(site)
    (blog / "content/posts/auth.md").unlink()
    write(blog, "content/posts/new.md", "---\ntitle: Brand new\n---\nFresh words.\n")
    found = index.scan(site)
    assert sorted(post.path for post in found) == ["content/posts/caching.md", "content/posts/cqrs.md",
                                                   "content/posts/new.md"]
    assert [post.path for post in search_posts(index, found, "fresh")] == ["content/posts/new.md"]
    assert search_posts(index, found, "tokens") == []  # the deleted post's words are gone too


def test_after_a_pull_and_a_branch_switch_the_index_lists_what_is_on_disk(tmp_path: Path, monkeypatch) -> None:
    # Trust every stamp at once (files git has just written are otherwise read again anyway).
    monkeypatch.setattr(index_module, "RACY_NS", 0)
    remote = make_remote(tmp_path)
    other = remote.second_clone(tmp_path / "other")
    write(other, "content/posts/caching.md", "---\ntitle: Caching, revised\ndate: 2024-01-05\n---\n\nNew text.\n")
    write(other, "content/posts/pulled.md", "---\ntitle: Pulled in\n---\nFrom the other writer.\n")
    git(other, "rm", "--quiet", "content/posts/auth.md")
    commit_all(other, "Revise")
    git(other, "push", "--quiet")

    workspace = Workspace.open(remote.work)
    before = {post.path: post.title for post in workspace.scan()}
    assert before["content/posts/caching.md"] == "Caching"
    git(remote.work, "pull", "--quiet", "--ff-only")
    after = workspace.scan()
    assert {post.path: post.title for post in after} == {
        post.path: post.title for post in library.scan(workspace.site)}
    assert {post.path: post.title for post in after}["content/posts/caching.md"] == "Caching, revised"
    assert "content/posts/auth.md" not in {post.path for post in after}
    assert [post.path for post in workspace.search(after, "other writer")] == ["content/posts/pulled.md"]

    git(remote.work, "switch", "--quiet", "-c", "old", "HEAD~1")
    switched = workspace.scan()
    assert comparable(switched) == comparable(library.scan(workspace.site))
    assert {post.path: post.title for post in switched}["content/posts/caching.md"] == "Caching"
    assert workspace.search(switched, "other writer") == []
    git(remote.work, "switch", "--quiet", "main")
    assert comparable(workspace.scan()) == comparable(library.scan(workspace.site))


def test_a_corrupt_index_is_rebuilt_without_a_word(blog: Path, cache: Path) -> None:
    site = load_site(blog)
    index = LibraryIndex.for_repository(cache, blog)
    expected = comparable(index.scan(site))
    index.close()
    assert index.file is not None
    index.file.write_bytes(b"this is not a database" * 200)
    for suffix in ("-wal", "-shm"):
        Path(f"{index.file}{suffix}").unlink(missing_ok=True)
    again = LibraryIndex.for_repository(cache, blog)
    found = again.scan(site)
    assert comparable(found) == expected
    assert [post.path for post in search_posts(again, found, "tokens")] == ["content/posts/auth.md"]


def test_a_first_scan_cut_short_leaves_no_index_and_the_next_builds_it(blog: Path, cache: Path, monkeypatch) -> None:
    site = load_site(blog)
    real = library.read_entry

    def failing(site: SiteConfig, collection: str, path: Path | str, *more: object) -> PostSummary:
        if os.path.basename(path) == "cqrs.md":
            raise Cancelled()  # as a cancel, a crash or a full disk would stop the build midway
        return real(site, collection, path, *more)  # type: ignore[arg-type]
    monkeypatch.setattr(library, "read_entry", failing)
    index = LibraryIndex.for_repository(cache, blog)
    with pytest.raises(Cancelled):
        index.scan(site)
    assert index.file is not None
    assert list(index.file.parent.iterdir()) == []  # neither an index nor half of one
    monkeypatch.setattr(library, "read_entry", real)
    found = index.scan(site)
    assert comparable(found) == comparable(library.scan(site))
    assert [post.path for post in search_posts(index, found, "tokens")] == ["content/posts/auth.md"]
    read = counting_reads(monkeypatch)
    LibraryIndex.for_repository(cache, blog).scan(site)
    assert read == []


def test_a_build_left_by_a_crash_is_cleared_and_a_build_under_way_is_left_alone(blog: Path, cache: Path) -> None:
    site = load_site(blog)
    index = LibraryIndex.for_repository(cache, blog)
    assert index.file is not None
    index.file.parent.mkdir(parents=True)
    crashed = index.file.with_name(f"{index.file.name}.4242-0.building")
    crashed.write_bytes(b"SQLite format 3\x00" + b"half written" * 100)
    under_way = index.file.with_name(f"{index.file.name}.4343-0.building")  # another process's, building
    building = sqlite3.connect(under_way, isolation_level=None)
    building.execute("PRAGMA locking_mode=EXCLUSIVE")
    building.execute("CREATE TABLE posts(path TEXT)")
    try:
        found = index.scan(site)
    finally:
        building.close()
    assert comparable(found) == comparable(library.scan(site))
    assert not crashed.exists() and under_way.exists()
    assert not index.in_memory and index.file.is_file()
    assert [post.path for post in search_posts(index, found, "tokens")] == ["content/posts/auth.md"]


def test_two_first_scans_at_once_both_list_the_posts_into_one_index(blog: Path, cache: Path, monkeypatch) -> None:
    site = load_site(blog)
    real = library.read_entry
    other = LibraryIndex.for_repository(cache, blog)  # another process's, or another thread's
    listed_by_other: list[list[PostSummary]] = []

    def reading(site: SiteConfig, collection: str, path: Path | str, *more: object) -> PostSummary:
        if not listed_by_other:  # the other scan starts and ends while this one reads its first post
            listed_by_other.append([])
            listed_by_other[0] = other.scan(site)
        return real(site, collection, path, *more)  # type: ignore[arg-type]
    monkeypatch.setattr(library, "read_entry", reading)
    index = LibraryIndex.for_repository(cache, blog)
    found = index.scan(site)
    expected = comparable(library.scan(site))
    assert comparable(found) == comparable(listed_by_other[0]) == expected
    assert index.file is not None and [entry.name for entry in index.file.parent.iterdir()
                                       if entry.name.endswith(".building")] == []
    for searching in (index, other):
        assert [post.path for post in search_posts(searching, found, "tokens")] == ["content/posts/auth.md"]
        assert {path for path in (post.path for post in found) if path in searching.find(["expire"])} == {
            "content/posts/auth.md"}
    read = counting_reads(monkeypatch)
    assert comparable(LibraryIndex.for_repository(cache, blog).scan(site)) == expected
    assert read == []


def test_an_unwritable_cache_falls_back_to_a_plain_scan(blog: Path, tmp_path: Path) -> None:
    blocked = tmp_path / "cache-is-a-file"
    blocked.write_text("not a folder")  # the cache folder cannot be made (read-only disks fail the same way)
    site = load_site(blog)
    index = LibraryIndex.for_repository(blocked, blog)
    found = index.scan(site)
    assert index.in_memory
    assert comparable(found) == comparable(library.scan(site))
    assert [post.path for post in search_posts(index, found, "tokens")] == ["content/posts/auth.md"]


def test_rows_made_by_another_version_or_for_another_configuration_are_remade(blog: Path, cache: Path,
                                                                            monkeypatch) -> None:
    index = LibraryIndex.for_repository(cache, blog)
    index.scan(load_site(blog))
    write(blog, ".postdesk.yml", "collections:\n  - name: articles\n    label: Articles\n    folder: content/posts\n")
    found = index.scan(load_site(blog))
    assert {post.collection for post in found} == {"articles"}
    monkeypatch.setattr(index_module, "SCHEMA", index_module.SCHEMA + 1)  # a newer Postdesk's index file
    read = counting_reads(monkeypatch)
    assert comparable(LibraryIndex.for_repository(cache, blog).scan(load_site(blog))) == comparable(found)
    assert len(read) == 3


def test_a_long_scan_hands_over_the_rows_read_so_far(blog: Path, cache: Path, monkeypatch) -> None:
    monkeypatch.setattr(index_module, "BATCH_SECONDS", 0.0)
    reports: list[RowsSoFar] = []
    found = LibraryIndex.for_repository(cache, blog).scan(load_site(blog), progress=reports.append)
    assert [len(report.posts) for report in reports] == [1, 2, 3]  # the rows so far, after each post
    assert {post.path for post in reports[-1].posts} == {post.path for post in found}


QUERIES = ("hugo", "the", "e", "zz", "shortcode", "front matter", "tag:go", "tag:jekyll", "is:draft",
           "is:changed", "content management", "ü", "tion is:draft", 'a"b', "release tag:release", "x* [y]",
           "--", "github", "AND", "NEAR", "tag:machine-learning python", "s", "sh", "q", "é", "1", "a z",
           "k8", "qu is:draft", "\x01", "a\x01")


@pytest.mark.parametrize("name", ["hugo-docs", "jekyll-posts", "github-explore"])
def test_index_searches_find_what_filter_posts_finds_in_the_corpora(name: str, tmp_path: Path) -> None:
    folder = corpus_dir(name)
    site = SiteConfig(folder, (Collection("all", "All", ""),))
    changed = {path: "modified" for path in sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.md"))[::7]}
    plain = with_git_states(library.scan(site), changed)
    index = LibraryIndex(tmp_path / "index.sqlite3")
    listed = with_git_states(index.scan(site), changed)
    expected = {query: [post.path for post in filter_posts(plain, query)] for query in QUERIES}
    assert any(expected.values()) and not all(expected.values())
    for stage in ("pending", "indexed"):
        for query in QUERIES:
            assert [post.path for post in search_posts(index, listed, query)] == expected[query], (stage, query)
            words = split_query(query)[0]
            if words:  # the window's answer: a byte per row id
                found = index.find(words)
                assert found.bits is not None  # answered by the index, not by `search`
                assert [post.path for post in listed if post.path in found] == \
                    [post.path for post in listed if post.path in index.search(words)], (stage, query)
        assert index.build_search()  # the full-text index from then on


MADE: list[str] = []


def planted_call(what: str) -> str:
    """What a tampered cache would have run while being read."""
    MADE.append(what)
    return what


class _Planted:
    def __reduce__(self) -> tuple:
        return (planted_call, ("made",))


def test_a_tampered_index_makes_no_objects_and_the_post_is_read_again(blog: Path, cache: Path, monkeypatch) -> None:
    import pickle
    import sqlite3

    site = load_site(blog)
    index = LibraryIndex.for_repository(cache, blog)
    expected = comparable(index.scan(site))
    index.close()
    assert index.file is not None
    with sqlite3.connect(index.file) as db:
        db.execute("UPDATE posts SET tags = ?, front = ?", ("[not json", pickle.dumps(_Planted())))
    read = counting_reads(monkeypatch)
    again = LibraryIndex.for_repository(cache, blog)
    assert comparable(again.scan(site)) == expected
    assert sorted(read) == ["auth.md", "caching.md", "cqrs.md"] and MADE == []


def test_an_article_in_several_languages_is_one_row_found_by_any_translations_words(tmp_path: Path) -> None:
    """The index keeps each file; the library folds translations into their article's row, and a
    word only the German file holds still finds the article, with its git state."""
    root = tmp_path / "site"
    shutil.copytree(Path(__file__).parents[3] / "fixtures/sites/decap-i18n", root)
    git(root, "init", "--quiet")
    commit_all(root, "Site")
    workspace = Workspace.open(root)
    for _ in range(2):  # read, then answered from the index
        posts = workspace.scan()
        walk = next(post for post in posts if post.path == "content/posts/ridge-walk.en.md")
        assert [code for code, _path in walk.translations] == ["en", "de"]
        assert "content/posts/ridge-walk.de.md" not in {post.path for post in posts}
        assert [post.path for post in workspace.search(posts, "windig")] == [walk.path]
    write(root, "content/posts/ridge-walk.de.md", "---\ntitle: Gratwanderung\n---\nStürmisch.\n")
    posts = workspace.scan()
    walk = next(post for post in posts if post.path == "content/posts/ridge-walk.en.md")
    assert walk.git_state == "modified"
    assert [post.path for post in workspace.search(posts, "stürmisch")] == [walk.path]
    assert workspace.search(posts, "windig") == []
