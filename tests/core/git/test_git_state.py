"""core.git_state against real repositories: one `git status` gives every file's state and
staging, the branch and its ahead/behind counts against the remote-tracking ref."""

from __future__ import annotations

from pathlib import Path

from desktop_app.core.git.repo import GitRepo
from desktop_app.core.git.state import (
    CONFLICTED,
    DELETED,
    MODIFIED,
    NEW,
    PARTLY,
    RENAMED,
    STAGED,
    UNSTAGED,
    read_state,
    sync_summary,
)
from tests.helpers.git_repos import Remote, clone, commit_all, git, make_repo, write

CACHING = "content/posts/caching.md"
CQRS = "content/posts/cqrs.md"
AUTH = "content/posts/auth.md"


def states(root: Path) -> dict[str, tuple[str, str]]:
    return {path: (change.state, change.staging) for path, change in read_state(GitRepo(root)).files.items()}


def test_each_kind_of_change_and_its_staging(blog_repo: Path) -> None:
    root = blog_repo
    write(root, CACHING, "---\ntitle: Caching\n---\n\nEdited.\n")  # modified, not staged
    write(root, CQRS, "---\ntitle: CQRS\n---\n\nStaged.\n")
    git(root, "add", CQRS)  # modified, staged
    write(root, CQRS, "---\ntitle: CQRS\n---\n\nStaged, then edited again.\n")  # … partly
    write(root, "content/posts/new one.md", "---\ntitle: New\n---\n")  # untracked, with a space
    write(root, "content/posts/ready.md", "---\ntitle: Ready\n---\n")
    git(root, "add", "content/posts/ready.md")  # new, staged
    git(root, "mv", AUTH, "content/posts/authentication.md")  # renamed, staged
    (root / "README.md").unlink()  # deleted, not staged
    assert states(root) == {
        CACHING: (MODIFIED, UNSTAGED),
        CQRS: (MODIFIED, PARTLY),
        "content/posts/new one.md": (NEW, UNSTAGED),
        "content/posts/ready.md": (NEW, STAGED),
        "content/posts/authentication.md": (RENAMED, STAGED),
        "README.md": (DELETED, UNSTAGED),
    }
    renamed = read_state(GitRepo(root)).files["content/posts/authentication.md"]
    assert renamed.original_path == AUTH


def test_a_clean_repository_has_no_changes_and_names_its_branch(blog_repo: Path) -> None:
    state = read_state(GitRepo(blog_repo))
    assert state.files == {}
    assert state.branch.name == "main" and state.branch.commit == git(blog_repo, "rev-parse", "HEAD")
    assert state.branch.upstream is None and not state.has_remote
    assert sync_summary(state) == "main · no remote"


def test_conflicted_files_are_conflicted_and_not_staged(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "blog")
    git(root, "switch", "--quiet", "-c", "other")
    write(root, CACHING, "---\ntitle: Caching (theirs)\n---\n")
    commit_all(root, "theirs")
    git(root, "switch", "--quiet", "main")
    write(root, CACHING, "---\ntitle: Caching (mine)\n---\n")
    commit_all(root, "mine")
    git(root, "merge", "other", check=False)
    assert states(root) == {CACHING: (CONFLICTED, UNSTAGED)}


def test_ahead_and_behind_come_from_the_remote_tracking_ref(blog_remote: Remote, tmp_path: Path) -> None:
    repo = GitRepo(blog_remote.work)
    assert sync_summary(read_state(repo)) == "main · up to date with origin/main"
    write(blog_remote.work, CACHING, "---\ntitle: Mine\n---\n")
    commit_all(blog_remote.work, "Mine")
    state = read_state(repo)
    assert (state.branch.ahead, state.branch.behind) == (1, 0)
    assert sync_summary(state) == "main · ↑1 to push"

    other = clone(blog_remote.url, tmp_path / "other")
    write(other, CQRS, "---\ntitle: Theirs\n---\n")
    commit_all(other, "Theirs")
    git(other, "push", "--quiet", "origin", "main")
    # Nothing fetched yet: the count is what the last fetch saw (no network on a refresh).
    assert read_state(repo).branch.behind == 0
    git(blog_remote.work, "fetch", "--quiet")
    state = read_state(repo)
    assert (state.branch.ahead, state.branch.behind) == (1, 1)
    assert sync_summary(state) == "main · ↑1 to push · ↓1 to pull"


def test_a_branch_not_pushed_yet_and_an_unborn_one(blog_remote: Remote, tmp_path: Path) -> None:
    git(blog_remote.work, "switch", "--quiet", "-c", "drafts")
    state = read_state(GitRepo(blog_remote.work))
    assert state.branch.name == "drafts" and state.branch.ahead is None and state.has_remote
    assert sync_summary(state) == "drafts · not pushed yet"
    empty = tmp_path / "empty"
    GitRepo.init(empty)
    write(empty, "posts/a.md", "---\ntitle: A\n---\n")
    state = read_state(GitRepo(empty))
    assert state.branch.name == "main" and state.branch.commit is None
    assert state.files["posts/a.md"].state == NEW
    assert sync_summary(state) == "main · no commits yet"


def test_detached_head(blog_repo: Path) -> None:
    git(blog_repo, "switch", "--quiet", "--detach", "HEAD~1")
    state = read_state(GitRepo(blog_repo))
    assert state.branch.name is None
    assert sync_summary(state).startswith("Detached at ")
