"""`postdesk list / render / init` run as a real process on a real git repository."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT

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
    result = postdesk("render", tmp_path / "loose.md")
    assert result.returncode == 0, result.stderr
    assert '<h1 class="post-title">Loose</h1>' in result.stdout
    assert f'src="{(tmp_path / "pic.png").as_uri()}"' in result.stdout
