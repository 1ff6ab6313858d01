"""`postdesk list / render / init / get / set / check` run as a real process on real files and repositories."""

from __future__ import annotations

import datetime as dt
import difflib
import json
import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import yaml

from tests.conftest import REPO_ROOT
from tests.core.corpus import corpus_file

POSTS = {
    "content/posts/caching.md": (
        "---\ntitle: Caching, the unsung hero\ndate: 2024-03-01\ntags: [performance, redis]\n---\n"
        "Caches make reads cheap.\n"),
    "content/posts/cqrs.md": (
        "---\ntitle: CQRS explained\ndate: 2024-05-10 09:30:00 +0530\ndraft: true\n---\n"
        "## Reads and writes\n\nSeparate the models.\n"),
    "content/posts/café.md": "---\ntitle: Café culture ☕\ndate: 2023-01-02\n---\nCoffee.\n",
}


def git(cwd: Path, *args: str) -> str:
    result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False,
                            stdin=subprocess.DEVNULL)
    assert result.returncode == 0, f"git {' '.join(args)}: {result.stderr}"
    return result.stdout


def write(root: Path, relative: str, text: str) -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def postdesk(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """`python -m desktop_app ARGS` from the project checkout, with this test's environment."""
    return subprocess.run([sys.executable, "-m", "desktop_app", *map(str, args)], cwd=REPO_ROOT,
                          env=dict(os.environ), capture_output=True, text=True, encoding="utf-8",
                          stdin=subprocess.DEVNULL, timeout=60, check=False)


@pytest.fixture
def blog(tmp_path: Path) -> Path:
    """A repository whose posts were committed, then one edited and one added."""
    root = tmp_path / "blog"
    root.mkdir()
    git(root, "init", "--quiet", "--initial-branch=main")
    for relative, text in POSTS.items():
        write(root, relative, text)
    git(root, "add", "--all")
    git(root, "commit", "--quiet", "-m", "First posts")
    write(root, "content/posts/caching.md", POSTS["content/posts/caching.md"] + "\nInvalidation is hard.\n")
    write(root, "content/posts/new-idea.md", "# A new idea\n\nNot committed yet.\n")
    return root


def test_list_json_gives_one_object_per_post(blog: Path) -> None:
    result = postdesk("list", blog, "--json")
    assert result.returncode == 0, result.stderr
    posts = json.loads(result.stdout)
    by_path = {post["path"]: post for post in posts}
    assert sorted(by_path) == sorted([*POSTS, "content/posts/new-idea.md"])
    for post in posts:
        assert {"path", "title", "date", "draft", "tags", "format", "git_status"} <= set(post)

    caching = by_path["content/posts/caching.md"]
    assert caching["title"] == "Caching, the unsung hero"
    assert caching["date"] == "2024-03-01"
    assert caching["tags"] == ["performance", "redis"]
    assert (caching["draft"], caching["format"], caching["git_status"]) == (False, "yaml", "modified")

    cqrs = by_path["content/posts/cqrs.md"]
    assert cqrs["date"] == "2024-05-10T09:30:00+05:30"
    assert (cqrs["draft"], cqrs["git_status"]) == (True, "unchanged")

    assert by_path["content/posts/café.md"]["title"] == "Café culture ☕"
    assert by_path["content/posts/café.md"]["git_status"] == "unchanged"

    new = by_path["content/posts/new-idea.md"]
    assert (new["title"], new["date"], new["format"], new["git_status"]) == ("A new idea", None, "none", "new")

    # Newest first, the undated new post last.
    assert [post["path"] for post in posts] == [
        "content/posts/cqrs.md", "content/posts/caching.md", "content/posts/café.md", "content/posts/new-idea.md"]


def test_list_json_after_committing_everything_is_all_unchanged(blog: Path) -> None:
    git(blog, "add", "--all")
    git(blog, "commit", "--quiet", "-m", "Edits")
    posts = json.loads(postdesk("list", blog, "--json").stdout)
    assert {post["git_status"] for post in posts} == {"unchanged"}


def test_list_search(blog: Path) -> None:
    result = postdesk("list", blog, "--json", "--search", "tag:redis")
    assert [post["path"] for post in json.loads(result.stdout)] == ["content/posts/caching.md"]
    drafts = json.loads(postdesk("list", blog, "--json", "--search", "is:draft").stdout)
    assert [post["title"] for post in drafts] == ["CQRS explained"]


def test_plain_list_shows_one_line_per_post(blog: Path) -> None:
    result = postdesk("list", blog)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 4
    assert lines[0].startswith("2024-05-10") and "CQRS explained" in lines[0] and "draft" in lines[0]
    assert "content/posts/cqrs.md" in lines[0]
    assert lines[1].startswith("2024-03-01") and "modified" in lines[1]
    assert "Café culture ☕" in lines[2]
    assert "A new idea" in lines[3] and "new" in lines[3].split("A new idea")[1]


def test_list_from_inside_the_repository(blog: Path) -> None:
    result = postdesk("list", blog / "content" / "posts", "--json")
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)) == 4


def test_render_prints_the_post_html_without_front_matter(blog: Path) -> None:
    result = postdesk("render", blog / "content/posts/cqrs.md")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert '<h1 class="post-title">CQRS explained</h1>' in out
    assert '<h2 id="reads-and-writes">Reads and writes</h2>' in out
    assert "<p>Separate the models.</p>" in out
    assert "title:" not in out and "draft: true" not in out and "---" not in out
    assert result.stderr == ""


def test_render_reports_bad_front_matter_and_still_renders(blog: Path) -> None:
    write(blog, "content/posts/broken.md", "---\ntitle: a: b\n---\nStill *here*.\n")
    result = postdesk("render", blog / "content/posts/broken.md")
    assert result.returncode == 0
    assert "<em>here</em>" in result.stdout
    assert "front matter cannot be read (line 2" in result.stderr


def test_render_page_is_a_standalone_page_with_inlined_css(blog: Path) -> None:
    write(blog, "styles/site.css", "body { --site-marker: 1; }\n")
    write(blog, ".postdesk.yml", "preview:\n  css: [styles/site.css]\n")
    result = postdesk("render", "--page", blog / "content/posts/cqrs.md")
    assert result.returncode == 0, result.stderr
    page = result.stdout
    assert page.startswith("<!DOCTYPE html>") and "<title>CQRS explained</title>" in page
    assert "--site-marker: 1" in page and 'rel="stylesheet"' not in page  # the CSS travels with the page
    assert page.index('<h1 class="post-title">CQRS explained</h1>') < page.index("<p>Separate the models.</p>")


def test_render_several_files_into_a_folder_in_one_run(blog: Path, tmp_path: Path) -> None:
    write(blog, "content/posts/trip/index.md", "---\ntitle: Trip\n---\nA bundle.\n")
    out = tmp_path / "out"
    files = [blog / "content/posts/caching.md", blog / "content/posts/cqrs.md", blog / "content/posts/trip/index.md"]
    result = postdesk("render", *files, "-o", out)
    assert result.returncode == 0, result.stderr
    assert sorted(path.name for path in out.iterdir()) == ["caching.html", "cqrs.html", "trip.html"]
    assert "<p>A bundle.</p>" in (out / "trip.html").read_text(encoding="utf-8")
    assert "<!DOCTYPE" not in (out / "cqrs.html").read_text(encoding="utf-8")  # fragments without --page


def test_render_names_a_failed_file_and_still_writes_the_others(blog: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = postdesk("render", blog / "content/posts/nope.md", blog / "content/posts/cqrs.md", "-o", out)
    assert result.returncode == 1
    assert "No such file" in result.stderr and "nope.md" in result.stderr
    assert result.stdout.split() == [str(out / "cqrs.html")] and (out / "cqrs.html").is_file()


def test_a_render_run_leaves_the_collector_as_it_found_it() -> None:
    """`postdesk render` spaces Python's collections out for its batch only: the CLI also runs
    inside other processes (the tests, a frozen window's), whose own policy stays."""
    import gc

    from desktop_app import cli

    before = gc.get_threshold(), gc.get_freeze_count()
    with pytest.raises(KeyError), cli._few_collections():
        assert gc.get_threshold()[0] > before[0][0]
        raise KeyError("a post failed")
    assert (gc.get_threshold(), gc.get_freeze_count()) == before
    gc.freeze()  # a process that froze its own long-lived objects keeps them frozen
    try:
        frozen = gc.get_freeze_count()
        with cli._few_collections():
            pass
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()


def test_render_several_files_needs_an_output_folder(blog: Path) -> None:
    result = postdesk("render", blog / "content/posts/caching.md", blog / "content/posts/cqrs.md")
    assert result.returncode == 1 and "-o FOLDER" in result.stderr and result.stdout == ""


def test_render_missing_file_fails_clearly(blog: Path) -> None:
    result = postdesk("render", blog / "content/posts/nope.md")
    assert result.returncode != 0
    assert "No such file" in result.stderr and "nope.md" in result.stderr
    assert "Traceback" not in result.stderr


def test_plain_folder_exits_2_and_offers_init(tmp_path: Path) -> None:
    folder = tmp_path / "not-a-repo"
    write(folder, "posts/a.md", "# A\n")
    result = postdesk("list", folder)
    assert result.returncode == 2
    assert "is not a git repository" in result.stderr
    assert f"postdesk init {folder}" in result.stderr
    assert result.stdout == ""


def test_init_makes_the_plain_folder_listable(tmp_path: Path) -> None:
    folder = tmp_path / "notes"
    write(folder, "posts/first.md", "---\ntitle: First\n---\nHi.\n")
    result = postdesk("init", folder)
    assert result.returncode == 0, result.stderr
    assert (folder / ".git").is_dir()
    posts = json.loads(postdesk("list", folder, "--json").stdout)
    assert [(post["title"], post["git_status"]) for post in posts] == [("First", "new")]


def test_missing_path_fails_with_a_clear_message(tmp_path: Path) -> None:
    result = postdesk("list", tmp_path / "no-such-blog")
    assert result.returncode not in (0, 2)
    assert f"{tmp_path / 'no-such-blog'} does not exist" in result.stderr
    assert "Traceback" not in result.stderr


def test_repository_without_posts_says_so(tmp_path: Path) -> None:
    root = tmp_path / "empty"
    root.mkdir()
    git(root, "init", "--quiet")
    write(root, "README.md", "# Just a readme\n")
    result = postdesk("list", root, "--json")
    assert result.returncode != 0
    assert "No Markdown posts were found" in result.stderr
    assert "Create a first post" in result.stderr
    assert result.stdout == ""


def test_render_works_outside_a_repository(tmp_path: Path) -> None:
    write(tmp_path, "loose.md", "---\ntitle: Loose\n---\n![pic](pic.png)\n")
    (tmp_path / "pic.png").write_bytes(b"png")
    result = postdesk("render", tmp_path / "loose.md")
    assert result.returncode == 0, result.stderr
    assert '<h1 class="post-title">Loose</h1>' in result.stdout
    assert f'src="{(tmp_path / "pic.png").as_uri()}"' in result.stdout


# --- postdesk get / set -----------------------------------------------------------------------

POST = (
    "---\n"
    "# Written by hand; keep this comment.\n"
    "title: 'Caching: the unsung hero'   # the quoting stays\n"
    "date: 2024-03-01 09:30:00 +0530\n"
    "tags:\n"
    "  - performance\n"
    "  - redis\n"
    "weight: 10\n"
    'year: "2024"\n'
    "params:\n"
    "  author: Ann\n"
    "  toc: true\n"
    "seo.title: A literal dotted key\n"
    "author: Zoë Ünal\n"
    "empty:\n"
    "---\n"
    "Body text: not: front matter.\n"
)


def post_file(folder: Path, text: str | bytes = POST, name: str = "post.md") -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_bytes(text.encode("utf-8"))
    return path


def changed_lines(before: str, after: str) -> tuple[list[str], list[str]]:
    """(removed, added) lines between two texts, by difflib."""
    diff = list(difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True), n=0))
    removed = [line[1:] for line in diff if line.startswith("-") and not line.startswith("---")]
    added = [line[1:] for line in diff if line.startswith("+") and not line.startswith("+++")]
    return removed, added


def front_values(path: Path) -> dict:
    text = path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n")
    return yaml.safe_load(text.split("---\n")[1])


@pytest.mark.parametrize("key, printed", [
    ("title", "Caching: the unsung hero"),
    ("date", "2024-03-01T09:30:00+05:30"),
    ("weight", "10"),
    ("year", "2024"),
    ("params.author", "Ann"),
    ("params.toc", "true"),
    ("seo.title", "A literal dotted key"),
    ("author", "Zoë Ünal"),
    ("empty", ""),
])
def test_get_prints_a_scalar_as_plain_text(tmp_path: Path, key: str, printed: str) -> None:
    result = postdesk("get", post_file(tmp_path), key)
    assert result.returncode == 0, result.stderr
    assert result.stdout == printed + "\n"
    assert result.stderr == ""


def test_get_prints_lists_and_maps_as_json(tmp_path: Path) -> None:
    path = post_file(tmp_path)
    assert json.loads(postdesk("get", path, "tags").stdout) == ["performance", "redis"]
    assert json.loads(postdesk("get", path, "params").stdout) == {"author": "Ann", "toc": True}


def test_get_json_tells_text_from_numbers_and_null_from_empty(tmp_path: Path) -> None:
    path = post_file(tmp_path)
    assert json.loads(postdesk("get", path, "year", "--json").stdout) == "2024"
    assert json.loads(postdesk("get", path, "weight", "--json").stdout) == 10
    assert json.loads(postdesk("get", path, "empty", "--json").stdout) is None
    assert json.loads(postdesk("get", path, "date", "--json").stdout) == "2024-03-01T09:30:00+05:30"


@pytest.mark.parametrize("key", ["missing", "params.missing", "title.first", "Title"])
def test_get_of_a_missing_field_fails(tmp_path: Path, key: str) -> None:
    result = postdesk("get", post_file(tmp_path), key)
    assert result.returncode == 1
    assert result.stdout == ""
    assert f"has no field '{key}'" in result.stderr


def test_get_from_broken_front_matter_says_where(tmp_path: Path) -> None:
    result = postdesk("get", post_file(tmp_path, "---\ntitle: a: b\n---\n"), "title")
    assert result.returncode == 1
    assert "line 2, column 9" in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_get_with_a_duplicate_key_prints_the_value_the_site_uses(tmp_path: Path) -> None:
    result = postdesk("get", post_file(tmp_path, "---\ntitle: First\ntitle: Second\n---\n"), "title")
    assert (result.returncode, result.stdout) == (0, "Second\n")


def test_get_of_a_missing_file_fails_clearly(tmp_path: Path) -> None:
    result = postdesk("get", tmp_path / "nope.md", "title")
    assert result.returncode == 1
    assert "No such file" in result.stderr and "Traceback" not in result.stderr


def test_set_changes_only_that_fields_line(tmp_path: Path) -> None:
    path = post_file(tmp_path)
    result = postdesk("set", path, "weight=20")
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert changed_lines(POST, path.read_text(encoding="utf-8")) == (["weight: 10\n"], ["weight: 20\n"])


def test_set_keeps_the_lines_comment_and_quoting_style(tmp_path: Path) -> None:
    path = post_file(tmp_path)
    assert postdesk("set", path, "title=Plain new title").returncode == 0
    removed, added = changed_lines(POST, path.read_text(encoding="utf-8"))
    assert removed == ["title: 'Caching: the unsung hero'   # the quoting stays\n"]
    assert len(added) == 1 and added[0].startswith("title: ") and "# the quoting stays" in added[0]
    assert front_values(path)["title"] == "Plain new title"


def test_set_several_fields_and_add_a_new_one(tmp_path: Path) -> None:
    path = post_file(tmp_path)
    result = postdesk("set", path, "tags=[caching, 'C#']", "draft=true", "year='2025'", "rating=4.5",
                      "published=2025-01-31")
    assert result.returncode == 0, result.stderr
    values = front_values(path)
    assert values["tags"] == ["caching", "C#"]
    assert values["draft"] is True
    assert values["year"] == "2025"
    assert values["rating"] == 4.5
    assert values["published"] == dt.date(2025, 1, 31)
    removed, _ = changed_lines(POST, path.read_text(encoding="utf-8"))
    assert sorted(removed) == sorted(["  - performance\n", "  - redis\n", 'year: "2024"\n'])
    # The comment, the other fields and the body are untouched.
    after = path.read_text(encoding="utf-8")
    assert "# Written by hand; keep this comment.\n" in after
    assert after.endswith("---\nBody text: not: front matter.\n")


def test_set_a_dotted_key_changes_only_that_line_of_the_map(tmp_path: Path) -> None:
    path = post_file(tmp_path)
    assert postdesk("set", path, "params.author=Bob").returncode == 0
    assert changed_lines(POST, path.read_text(encoding="utf-8")) == (["  author: Ann\n"], ["  author: Bob\n"])
    assert front_values(path)["params"] == {"author": "Bob", "toc": True}


def test_set_a_key_that_itself_has_a_dot(tmp_path: Path) -> None:
    path = post_file(tmp_path)
    assert postdesk("set", path, "seo.title=Changed").returncode == 0
    assert changed_lines(POST, path.read_text(encoding="utf-8")) == (
        ["seo.title: A literal dotted key\n"], ["seo.title: Changed\n"])


def test_set_a_dotted_key_into_a_new_map(tmp_path: Path) -> None:
    path = post_file(tmp_path)
    assert postdesk("set", path, "cover.alt=A beach").returncode == 0
    values = front_values(path)
    assert values["cover"] == {"alt": "A beach"}
    removed, _ = changed_lines(POST, path.read_text(encoding="utf-8"))
    assert removed == []


def test_set_the_same_value_leaves_the_file_alone(tmp_path: Path) -> None:
    path = post_file(tmp_path)
    before = path.stat().st_mtime_ns
    assert postdesk("set", path, "weight=10", "params.author=Ann").returncode == 0
    assert path.read_bytes() == POST.encode("utf-8")
    assert path.stat().st_mtime_ns == before


def test_set_keeps_crlf_newlines_and_the_bom(tmp_path: Path) -> None:
    original = b"\xef\xbb\xbf" + POST.replace("\n", "\r\n").encode("utf-8")
    path = post_file(tmp_path, original)
    assert postdesk("set", path, "weight=11", "params.toc=false", "extra=[a, b]").returncode == 0
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf---\r\n")
    assert data.count(b"\n") == data.count(b"\r\n")
    removed, added = changed_lines(original.decode("utf-8-sig"), data.decode("utf-8-sig"))
    assert removed == ["weight: 10\r\n", "  toc: true\r\n"]
    assert added[:2] == ["weight: 11\r\n", "  toc: false\r\n"]
    values = front_values(path)
    assert (values["weight"], values["params"]["toc"], values["extra"]) == (11, False, ["a", "b"])


def test_set_in_toml_and_json_front_matter(tmp_path: Path) -> None:
    toml_text = '+++\ntitle = "Old"  # comment\ndraft = false\n[params]\nauthor = "Ann"\n+++\nBody\n'
    toml_post = post_file(tmp_path, toml_text, "toml.md")
    assert postdesk("set", toml_post, "draft=true", "params.author=Bob").returncode == 0
    assert changed_lines(toml_text, toml_post.read_text(encoding="utf-8")) == (
        ["draft = false\n", 'author = "Ann"\n'], ["draft = true\n", 'author = "Bob"\n'])

    json_text = '{\n  "title": "Old",\n  "weight": 1\n}\nBody\n'
    json_post = post_file(tmp_path, json_text, "json.md")
    assert postdesk("set", json_post, "weight=2").returncode == 0
    assert changed_lines(json_text, json_post.read_text(encoding="utf-8")) == (
        ['  "weight": 1\n'], ['  "weight": 2\n'])


def test_set_gives_a_post_without_front_matter_a_block_and_keeps_its_text(tmp_path: Path) -> None:
    path = post_file(tmp_path, "# Heading\n\nBody: text.\n")
    assert postdesk("set", path, "title=Hello", "draft=true").returncode == 0
    text = path.read_text(encoding="utf-8")
    assert text.endswith("---\n# Heading\n\nBody: text.\n")
    assert front_values(path) == {"title": "Hello", "draft": True}


@pytest.mark.parametrize("text", [
    "---\ntitle: a: b\n---\nBody\n",
    "---\ntitle: Dup\ntitle: Again\n---\nBody\n",
    "---\ntitle: never closed\nBody\n",
    '{\n  "title": "broken",\n}\nBody\n',
])
def test_set_refuses_front_matter_it_cannot_read_and_leaves_the_file_as_it_was(tmp_path: Path, text: str) -> None:
    path = post_file(tmp_path, text.replace("\n", "\r\n").encode("utf-8"))
    result = postdesk("set", path, "title=Fixed")
    assert result.returncode == 1
    assert "front matter cannot be read" in result.stderr or "key written twice (line 3" in result.stderr
    assert "Fix it in a text editor first" in result.stderr
    assert "Traceback" not in result.stderr
    assert path.read_bytes() == text.replace("\n", "\r\n").encode("utf-8")


@pytest.mark.parametrize("assignment, message", [
    ("title=[a: b", "'[a: b' is not a YAML value"),
    ("title", "'title' is not KEY=VALUE"),
    ("=value", "'=value' is not KEY=VALUE"),
    ("tags.first=x", "'tags' is not a group of fields"),
])
def test_a_bad_assignment_changes_nothing(tmp_path: Path, assignment: str, message: str) -> None:
    path = post_file(tmp_path)
    result = postdesk("set", path, "weight=99", assignment)
    assert result.returncode == 1
    assert message in result.stderr and "Traceback" not in result.stderr
    assert path.read_bytes() == POST.encode("utf-8")


# --- postdesk check ---------------------------------------------------------------------------

def check_site(root: Path, broken: bool) -> Path:
    """A site without a CMS configuration: its schema is inferred from its posts."""
    for day in (1, 2, 3):
        write(root, f"content/posts/post-{day}.md",
              f"---\ntitle: Post {day}\ndate: 2024-01-0{day}\nweight: {day}\ntags: [a]\n---\nText.\n")
    if broken:
        write(root, "content/posts/tbd.md", "---\ntitle: Later\ndate: TBD\nweight: heavy\n---\nText.\n")
        write(root, "content/posts/bad-yaml.md", "---\ntitle: Bad\ndate: 2024-01-04\nsummary: a: b\n---\n")
    return root


def test_check_a_valid_site_exits_0(tmp_path: Path) -> None:
    result = postdesk("check", check_site(tmp_path / "site", broken=False))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""
    assert "Checked 3 posts against the fields the posts use: all valid." in result.stderr


def test_check_counts_in_english(tmp_path: Path) -> None:
    root = tmp_path / "site"
    write(root, "content/posts/only.md", "---\ntitle: Only\ndate: 2024-01-01\n---\nText.\n")
    result = postdesk("check", root)
    assert "Checked 1 post against" in result.stderr, result.stderr


def test_check_an_invalid_site_exits_1_with_file_line_field_message(tmp_path: Path) -> None:
    result = postdesk("check", check_site(tmp_path / "site", broken=True))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 3
    assert lines[0].startswith("content/posts/bad-yaml.md:4:11: mapping values are not allowed")
    assert lines[1:] == [
        "content/posts/tbd.md:3: date: Not a date: 'TBD' (write it like 2025-01-31).",
        "content/posts/tbd.md:4: weight: Expected a number, found 'heavy'.",
    ]
    assert "Checked 5 posts" in result.stderr and "3 problems in 2 posts" in result.stderr


def test_check_json_report(tmp_path: Path) -> None:
    result = postdesk("check", check_site(tmp_path / "site", broken=True), "--json")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert set(report) == {"files", "invalid_files", "problems", "warnings", "schema", "notes"}
    assert (report["files"], report["invalid_files"], report["schema"], report["notes"]) == (5, 2, "inferred", [])
    assert report["problems"][1] == {"file": "content/posts/tbd.md", "field": "date", "line": 3, "column": None,
                                     "message": "Not a date: 'TBD' (write it like 2025-01-31)."}
    assert report["problems"][0]["field"] is None
    assert (report["problems"][0]["line"], report["problems"][0]["column"]) == (4, 11)


def test_check_json_of_a_valid_site(tmp_path: Path) -> None:
    result = postdesk("check", check_site(tmp_path / "site", broken=False), "--json")
    assert result.returncode == 0
    assert json.loads(result.stdout)["problems"] == []


def test_check_prints_writing_hints_as_warnings_and_still_exits_0(tmp_path: Path) -> None:
    root = check_site(tmp_path / "site", broken=False)
    write(root, "content/posts/post-4.md", "---\ntitle: " + "Far too long a title " * 4 + "\ndate: 2024-01-04\n"
          "weight: 4\ntags: [a]\n---\nText.\n\n![](/images/chart.png)\n")
    result = postdesk("check", root)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "content/posts/post-4.md:2: warning: The title is 83 characters; search engines show about 60.",
        "content/posts/post-4.md:9: warning: An image has no alt text (/images/chart.png): describe it for "
        "readers who cannot see it.",
    ]
    assert "all valid; 2 writing hints in 1 post." in result.stderr
    report = json.loads(postdesk("check", root, "--json").stdout)
    assert report["problems"] == [] and [w["line"] for w in report["warnings"]] == [2, 9]
    assert report["warnings"][0]["field"] == "title"
    quiet = postdesk("check", root, "--no-hints")
    assert quiet.stdout == "" and "all valid." in quiet.stderr


def test_check_reports_a_file_that_is_not_utf8(tmp_path: Path) -> None:
    root = check_site(tmp_path / "site", broken=False)
    (root / "content/posts/latin1.md").write_bytes("---\ntitle: Café\n---\n".encode("latin-1"))
    result = postdesk("check", root)
    assert result.returncode == 1
    assert result.stdout.startswith("content/posts/latin1.md: ")
    assert "content/posts/latin1.md is not UTF-8: it was read as Windows-1252" in result.stdout


def test_check_a_missing_folder(tmp_path: Path) -> None:
    result = postdesk("check", tmp_path / "no-such-site")
    assert result.returncode == 1
    assert "does not exist" in result.stderr and "Traceback" not in result.stderr


# --- get over real posts ----------------------------------------------------------------------

CORPUS_SAMPLE = (
    "hugo-docs/content/en/methods/page/Sites.md",  # a date-like quoted string
    "hugo-docs/content/en/functions/resources/PostProcess.md",  # a plain timestamp, comments
    "hugo-docs/content/en/about/introduction.md",  # flow sequences
    "hugo-docs/content/en/templates/types.md",  # a multi-line flow sequence
    "jekyll-posts/docs/_posts/2013-05-06-jekyll-1-0-0-released.markdown",  # a quoted date
    "jekyll-posts/docs/_posts/2020-05-27-jekyll-4-1-0-released.markdown",  # a Jekyll time
    "github-explore/topics/adventurex2025/index.md",  # CRLF
    "github-explore/topics/algorithm/index.md",  # a multi-line flow scalar
    "github-explore/topics/qiskit/index.md",  # a duplicate key
)
_JEKYLL_TIME = re.compile(r"^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}) ([+-]\d{2})(\d{2})$")


def _expected_output(value: object, quoted: bool) -> str:
    """What `postdesk get` should print for a value PyYAML read (the contract in its help)."""
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, default=lambda v: v.isoformat())
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, str) and not quoted and _JEKYLL_TIME.match(value):
        # PyYAML leaves Jekyll's `2020-05-27 15:20:30 +0530` a string; Jekyll (and Postdesk) read a time.
        return _JEKYLL_TIME.sub(r"\1T\2\3:\4", value)
    return str(value)


def test_get_prints_what_pyyaml_reads_for_every_field_of_real_posts() -> None:
    expected: dict[tuple[str, str], str] = {}
    for relative in CORPUS_SAMPLE:
        text = corpus_file(relative).read_bytes().decode("utf-8").replace("\r\n", "\n")
        front = text.split("\n---\n", 1)[0].removeprefix("---\n")
        values = yaml.safe_load(front)
        assert values, relative
        for key, value in values.items():
            written = re.search(rf"^{re.escape(str(key))}:[ \t]*(.)", front, re.MULTILINE)
            quoted = written is not None and written.group(1) in "'\""
            expected[(relative, str(key))] = _expected_output(value, quoted)

    def run(item: tuple[str, str]) -> tuple[tuple[str, str], subprocess.CompletedProcess[str]]:
        return item, postdesk("get", corpus_file(item[0]), item[1])

    with ThreadPoolExecutor(max_workers=4) as pool:
        results = dict(pool.map(run, expected))
    assert len(results) > 40
    for (relative, key), result in results.items():
        assert result.returncode == 0, (relative, key, result.stderr)
        assert result.stdout == expected[(relative, key)] + "\n", (relative, key)
