"""core.branches and core.fetch against real repositories: list, create, switch, check out a
remote branch; refusals told in plain sentences; a fetch that never prompts."""

from __future__ import annotations

import os
import stat
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator

import pytest

from desktop_app.core.errors import AuthenticationFailed, PostdeskError
from desktop_app.core.git import branches
from desktop_app.core.git.fetch import fetch_quietly
from desktop_app.core.git.repo import GitRepo
from desktop_app.core.git.state import read_state
from tests.helpers.git_repos import Remote, commit_all, git, make_repo, write

CACHING = "content/posts/caching.md"
CQRS = "content/posts/cqrs.md"


def test_list_local_and_remote_branches(blog_remote: Remote) -> None:
    work = blog_remote.work
    git(work, "branch", "drafts")
    git(work, "push", "--quiet", "origin", "drafts")
    git(work, "push", "--quiet", "origin", "main:refs/heads/review")
    git(work, "remote", "set-head", "origin", "main")
    found = branches.list_branches(GitRepo(work))
    assert found.current == "main"
    assert [(b.name, b.current, b.upstream) for b in found.local] == [("drafts", False, None), ("main", True, "origin/main")]
    assert [b.name for b in found.remote] == ["origin/drafts", "origin/main", "origin/review"]  # not origin/HEAD
    assert [b.name for b in found.remote_only()] == ["origin/review"]


def test_create_checks_the_name_with_git(blog_repo: Path) -> None:
    repo = GitRepo(blog_repo)
    for bad in ("two words", "a..b", "ends.lock", "-flag", "colon:no", ""):
        with pytest.raises(PostdeskError):
            branches.create(repo, bad)
    with pytest.raises(PostdeskError, match="already a branch named “main”"):
        branches.create(repo, "main")
    assert git(blog_repo, "branch", "--format=%(refname:short)") == "main"
    write(blog_repo, CACHING, "---\ntitle: Unsaved work\n---\n")
    assert branches.create(repo, "ideas/next") == "ideas/next"
    assert git(blog_repo, "branch", "--show-current") == "ideas/next"
    assert "Unsaved work" in (blog_repo / CACHING).read_text()  # uncommitted work came along


def test_switch_refuses_to_overwrite_uncommitted_changes_and_says_so(blog_repo: Path) -> None:
    git(blog_repo, "switch", "--quiet", "-c", "other")
    write(blog_repo, CACHING, "---\ntitle: Caching on other\n---\n")
    commit_all(blog_repo, "other's caching")
    git(blog_repo, "switch", "--quiet", "main")
    write(blog_repo, CACHING, "---\ntitle: My unsaved work\n---\n")
    with pytest.raises(PostdeskError) as raised:
        branches.switch(GitRepo(blog_repo), "other")
    assert raised.value.message == (f"Switching to “other” would overwrite your uncommitted changes to {CACHING}, "
                                    "so nothing was switched.")
    assert "Commit those changes" in raised.value.hint
    assert "would be overwritten" in raised.value.details  # git's own words, under Details
    assert git(blog_repo, "branch", "--show-current") == "main"
    assert "My unsaved work" in (blog_repo / CACHING).read_text()


def test_switch_refuses_to_overwrite_a_new_file(blog_repo: Path) -> None:
    git(blog_repo, "switch", "--quiet", "-c", "other")
    write(blog_repo, "content/posts/fresh.md", "---\ntitle: Theirs\n---\n")
    commit_all(blog_repo, "fresh on other")
    git(blog_repo, "switch", "--quiet", "main")
    write(blog_repo, "content/posts/fresh.md", "---\ntitle: Mine, never committed\n---\n")
    with pytest.raises(PostdeskError, match="would overwrite content/posts/fresh.md, which you have not committed"):
        branches.switch(GitRepo(blog_repo), "other")
    assert "Mine, never committed" in (blog_repo / "content/posts/fresh.md").read_text()


def test_switch_carries_changes_that_do_not_clash(blog_repo: Path) -> None:
    git(blog_repo, "branch", "other")
    write(blog_repo, CQRS, "---\ntitle: CQRS, edited\n---\n")
    branches.switch(GitRepo(blog_repo), "other")
    assert git(blog_repo, "branch", "--show-current") == "other"
    assert "edited" in (blog_repo / CQRS).read_text()


def test_switch_to_a_missing_branch(blog_repo: Path) -> None:
    with pytest.raises(PostdeskError, match="There is no branch named “nope”"):
        branches.switch(GitRepo(blog_repo), "nope")


def test_check_out_a_remote_branch_tracks_it(blog_remote: Remote, tmp_path: Path) -> None:
    other = blog_remote.second_clone(tmp_path / "other")
    git(other, "switch", "--quiet", "-c", "review")
    write(other, CACHING, "---\ntitle: Review me\n---\n")
    commit_all(other, "Review")
    git(other, "push", "--quiet", "origin", "review")
    repo = GitRepo(blog_remote.work)
    assert fetch_quietly(repo)
    assert "origin/review" in [b.name for b in branches.list_branches(repo).remote_only()]
    assert branches.check_out_remote(repo, "origin/review") == "review"
    assert git(blog_remote.work, "rev-parse", "--abbrev-ref", "review@{upstream}") == "origin/review"
    assert "Review me" in (blog_remote.work / CACHING).read_text()
    assert branches.list_branches(repo).remote_only() == ()


# --- fetch -----------------------------------------------------------------------------------


def test_fetch_updates_the_count_to_pull_and_nothing_else(blog_remote: Remote, tmp_path: Path) -> None:
    other = blog_remote.second_clone(tmp_path / "other")
    write(other, CQRS, "---\ntitle: Theirs\n---\n")
    commit_all(other, "Theirs")
    git(other, "push", "--quiet", "origin", "main")
    repo = GitRepo(blog_remote.work)
    head = git(blog_remote.work, "rev-parse", "HEAD")
    assert read_state(repo).branch.behind == 0
    assert fetch_quietly(repo) is True
    assert read_state(repo).branch.behind == 1
    assert git(blog_remote.work, "rev-parse", "HEAD") == head  # the branch did not move


def test_fetch_skips_without_a_remote_or_while_the_repository_is_busy(blog_remote: Remote, tmp_path: Path) -> None:
    assert fetch_quietly(GitRepo(make_repo(tmp_path / "lonely"))) is False
    repo = GitRepo(blog_remote.work)
    with repo.write_lock:
        assert fetch_quietly(repo) is False


class _AskForPassword(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - http.server API
        self.send_response(401)
        self.send_header("WWW-Authenticate", 'Basic realm="blog"')
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *_args: object) -> None:
        pass


@pytest.fixture
def password_remote() -> Iterator[str]:
    """An HTTP server on 127.0.0.1 that asks every request for a password."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _AskForPassword)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/blog.git"
    server.shutdown()
    server.server_close()


def test_fetch_never_prompts_even_when_the_remote_wants_a_password(blog_repo: Path, password_remote: str,
                                                                    tmp_path: Path) -> None:
    asked = tmp_path / "asked"
    askpass = tmp_path / "askpass.sh"
    askpass.write_text(f"#!/bin/sh\necho \"$1\" >> {asked}\necho secret\n")
    askpass.chmod(askpass.stat().st_mode | stat.S_IEXEC)
    git(blog_repo, "remote", "add", "origin", password_remote)
    repo = GitRepo(blog_repo, askpass=str(askpass))
    with pytest.raises(AuthenticationFailed):
        fetch_quietly(repo, timeout=20)
    assert not asked.exists()
    # The same repository's pull does ask (through the askpass helper): the check above can fail.
    with pytest.raises(PostdeskError):
        repo.pull()
    assert asked.exists() and "Username" in asked.read_text()
    assert "secret" not in git(blog_repo, "config", "--list")
    assert os.environ.get("GIT_ASKPASS") != "false"
