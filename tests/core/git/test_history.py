"""A post's history on real repositories: commits across renames, pages, old versions, restore."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from desktop_app.core.errors import PostdeskError
from desktop_app.core.git.history import UncommittedChanges, post_history, restore_version, version_at
from desktop_app.core.git.repo import GitRepo
from tests.helpers.git_repos import commit_all, git, write

V1 = "---\ntitle: First\n---\n\nHello.\n"
V2 = "---\ntitle: Second\n---\n\nHello.\n"
V3 = "---\ntitle: Second\n---\n\nHello, world.\n"


@pytest.fixture
def blog(tmp_path: Path) -> Path:
    """posts/a.md: added, retitled, renamed to posts/b.md, edited; plus commits that touch other files."""
    root = tmp_path / "blog"
    root.mkdir()
    git(root, "init", "--quiet", "--initial-branch=main")
    write(root, "posts/a.md", V1)
    commit_all(root, "Add a post")
    write(root, "README.md", "readme\n")
    commit_all(root, "Readme")
    write(root, "posts/a.md", V2)
    git(root, "add", "--all")
    git(root, "commit", "--quiet", "-m", "Retitle the post", "-m", "Second thoughts.",
        "--author", "Ann Editor <ann@example.test>")
    git(root, "mv", "posts/a.md", "posts/b.md")
    commit_all(root, "Rename the post")
    write(root, "posts/b.md", V3)
    write(root, "posts/other.md", "---\ntitle: Other\n---\n")
    commit_all(root, "Greet the world")
    return root


def porcelain(root: Path) -> str:
    return subprocess.run(["git", "status", "--porcelain"], cwd=root, capture_output=True, text=True,
                          check=True).stdout


def test_history_follows_the_post_across_its_rename(blog: Path) -> None:
    page = post_history(GitRepo(blog), "posts/b.md")
    assert [c.subject for c in page.commits] == ["Greet the world", "Rename the post", "Retitle the post", "Add a post"]
    assert [c.status for c in page.commits] == ["M", "R", "M", "A"]
    assert [(c.path, c.old_path) for c in page.commits] == [
        ("posts/b.md", "posts/b.md"), ("posts/b.md", "posts/a.md"), ("posts/a.md", "posts/a.md"), ("posts/a.md", None)]
    retitle = page.commits[2]
    assert (retitle.author, retitle.email) == ("Ann Editor", "ann@example.test")
    assert retitle.message == "Retitle the post\n\nSecond thoughts."
    assert retitle.sha.startswith(retitle.short) and len(retitle.short) >= 7
    assert retitle.date.tzinfo is not None
    assert retitle.sha == git(blog, "rev-parse", "HEAD~2")
    assert not page.more


def test_a_long_history_comes_a_page_at_a_time(blog: Path) -> None:
    repo = GitRepo(blog)
    for number in range(7):
        write(blog, "posts/b.md", V3 + f"\nEdit {number}.\n")
        commit_all(blog, f"Edit {number}")
    everything = post_history(repo, "posts/b.md", limit=100).commits
    assert len(everything) == 11
    pages, after = [], None
    while True:
        page = post_history(repo, "posts/b.md", limit=4, after=after)
        pages.append([c.subject for c in page.commits])
        if not page.more:
            break
        after = page.commits[-1]
    assert [len(p) for p in pages] == [4, 4, 3]
    assert sum(pages, []) == [c.subject for c in everything]


def test_a_repository_without_commits_has_no_history(tmp_path: Path) -> None:
    git(tmp_path, "init", "--quiet", "--initial-branch=main")
    assert post_history(GitRepo(tmp_path), "posts/a.md").commits == ()


def test_the_text_at_any_commit_under_its_name_then(blog: Path) -> None:
    repo = GitRepo(blog)
    commits = post_history(repo, "posts/b.md").commits
    assert version_at(repo, commits[3].path, commits[3].sha) == V1.encode()
    assert version_at(repo, commits[2].path, commits[2].sha) == V2.encode()
    assert version_at(repo, "posts/b.md", commits[3].sha) is None


def test_restoring_an_old_version_is_a_modification_not_a_commit(blog: Path) -> None:
    repo = GitRepo(blog)
    head = git(blog, "rev-parse", "HEAD")
    first = post_history(repo, "posts/b.md").commits[-1]  # from before the rename, as posts/a.md
    result = restore_version(repo, "posts/b.md", first)
    assert result.changed and result.backup is None
    assert (blog / "posts/b.md").read_bytes() == V1.encode()
    assert porcelain(blog) == " M posts/b.md\n"
    assert git(blog, "rev-parse", "HEAD") == head  # history untouched
    assert not (blog / "posts/a.md").exists()
    # Restoring the version already there changes nothing.
    assert not restore_version(repo, "posts/b.md", first).changed


def test_restoring_over_uncommitted_changes_asks_and_keeps_a_copy(blog: Path, tmp_path: Path) -> None:
    repo = GitRepo(blog)
    first = post_history(repo, "posts/b.md").commits[-1]
    mine = V3 + "\nMy uncommitted paragraph.\n"
    write(blog, "posts/b.md", mine)
    with pytest.raises(UncommittedChanges) as refused:
        restore_version(repo, "posts/b.md", first)
    assert "not committed" in refused.value.message
    assert (blog / "posts/b.md").read_text(encoding="utf-8") == mine  # nothing touched
    result = restore_version(repo, "posts/b.md", first, replace_uncommitted=True, backup_dir=tmp_path / "kept")
    assert (blog / "posts/b.md").read_bytes() == V1.encode()
    assert result.backup is not None and result.backup.parent == tmp_path / "kept"
    assert result.backup.read_text(encoding="utf-8") == mine and result.backup.suffix == ".md"


def test_a_deleted_post_is_restored_from_its_history(blog: Path) -> None:
    repo = GitRepo(blog)
    (blog / "posts/b.md").unlink()
    commit_all(blog, "Delete the post")
    commits = post_history(repo, "posts/b.md").commits
    assert commits[0].deleted and commits[0].subject == "Delete the post"
    with pytest.raises(PostdeskError, match="deleted"):
        restore_version(repo, "posts/b.md", commits[0])
    restore_version(repo, "posts/b.md", commits[1])
    assert (blog / "posts/b.md").read_bytes() == V3.encode()
    assert porcelain(blog) == "?? posts/b.md\n"


def test_restore_keeps_the_old_versions_bytes_exactly(tmp_path: Path) -> None:
    root = tmp_path / "crlf"
    root.mkdir()
    git(root, "init", "--quiet", "--initial-branch=main")
    git(root, "config", "core.autocrlf", "false")
    old = "\ufeff---\r\ntitle: Old\r\n---\r\n\r\nText\r\n"
    write(root, "p.md", old)
    commit_all(root, "Old")
    write(root, "p.md", "---\ntitle: New\n---\n\nText\n")
    commit_all(root, "New")
    repo = GitRepo(root)
    restore_version(repo, "p.md", post_history(repo, "p.md").commits[-1])
    assert (root / "p.md").read_bytes() == old.encode("utf-8")
