"""core.sync: a pull that git cannot finish without an author identity changes nothing.

Real repositories in tmp_path (a bare origin and two clones). The writer has a commit the remote
lacks, a staged and an unstaged edit, and no identity (`user.useConfigOnly`, no GIT_* names):
the pull must leave the branch, HEAD, the index and the files exactly as they were, say why, and
succeed once the identity is set.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from desktop_app.core.errors import NoAuthorIdentity
from desktop_app.core.git import sync
from desktop_app.core.git.repo import GitRepo, PullNeedsIdentity
from tests.helpers.git_repos import Remote, commit_all, git, write

CACHING = "content/posts/caching.md"
CQRS = "content/posts/cqrs.md"
AUTH = "content/posts/auth.md"
IDENTITY = ("GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL", "EMAIL")


def forget_identity(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for var in IDENTITY:
        monkeypatch.delenv(var, raising=False)
    git(root, "config", "user.useConfigOnly", "true")  # no guessing from the host name either


def their_commit(remote: Remote, tmp_path: Path) -> None:
    other = remote.second_clone(tmp_path / "other")
    write(other, "content/posts/theirs.md", "---\ntitle: Theirs\n---\n\nTheir post.\n")
    commit_all(other, "Their post")
    git(other, "push", "--quiet")


def porcelain(root: Path) -> list[str]:
    """`git status --porcelain` lines as printed (staged "M " or unstaged " M")."""
    return subprocess.run(["git", "status", "--porcelain"], cwd=root, capture_output=True, text=True,
                          check=True).stdout.splitlines()


def state(root: Path) -> tuple[str, str, list[str], str, dict[str, bytes]]:
    """HEAD, branch, the index and work tree's status, the stash list and every file."""
    files = {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
             if p.is_file() and ".git" not in p.relative_to(root).parts}
    return (git(root, "rev-parse", "HEAD"), git(root, "symbolic-ref", "--short", "HEAD", check=False),
            porcelain(root), git(root, "stash", "list"), files)


@pytest.mark.parametrize("git_stops", [False, True], ids=["checked-first", "stopped-by-git"])
@pytest.mark.parametrize("mode", ["rebase", "merge"])
def test_pull_without_identity_changes_nothing_then_pulls_once_it_is_set(
        blog_remote: Remote, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mode: str, git_stops: bool) -> None:
    root = blog_remote.work
    their_commit(blog_remote, tmp_path)
    write(root, CACHING, "---\ntitle: Caching\ndate: 2024-01-05\n---\n\nMine, committed.\n")
    commit_all(root, "My edit")
    write(root, CQRS, "---\ntitle: CQRS\n---\n\nStaged, not committed.\n")
    git(root, "add", CQRS)
    write(root, AUTH, "---\ntitle: Auth\n---\n\nNot staged.\n")
    if mode == "merge":
        git(root, "config", "pull.rebase", "false")
    forget_identity(root, monkeypatch)
    if git_stops:
        # As if Postdesk's check missed a case: git itself stops half-way through the rebase or
        # merge, and the pull has to put everything back.
        monkeypatch.setattr(sync, "_require_identity", lambda repo, rebase: None)
    repo = GitRepo(root)
    before = state(root)

    with pytest.raises(NoAuthorIdentity) as refused:  # the window shows its name-and-email form
        repo.pull()

    assert isinstance(refused.value, PullNeedsIdentity)
    assert refused.value.message == ("Git does not know your name and email yet, so the pull cannot combine "
                                     "your commits with the remote's; nothing was changed.")
    assert state(root) == before
    assert repo.operation_in_progress() is None and repo.conflicted_paths() == []
    assert repo.ahead_behind() == (1, 1)  # the fetch did happen: "↓1 to pull"

    repo.set_author_identity("Ada Writer", "ada@example.test")
    assert repo.pull().summary == "Pulled 1 new commit."
    assert (root / "content/posts/theirs.md").exists()
    assert git(root, "log", "-1", "--format=%cn <%ce>") == "Ada Writer <ada@example.test>"
    # The edits come back (git's autostash of a finished pull brings staged edits back unstaged).
    assert [line[3:] for line in porcelain(root)] == [AUTH, CQRS]
    assert "Staged, not committed." in (root / CQRS).read_text(encoding="utf-8")
    assert repo.ahead_behind() == ((1, 0) if mode == "rebase" else (2, 0))


@pytest.mark.parametrize("mode", ["rebase", "merge"])
def test_a_fast_forward_pull_needs_no_identity(blog_remote: Remote, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch, mode: str) -> None:
    """Nothing of the writer's is replayed or merged, so git writes no commit: no form."""
    root = blog_remote.work
    their_commit(blog_remote, tmp_path)
    write(root, AUTH, "---\ntitle: Auth\n---\n\nNot committed.\n")
    if mode == "merge":
        git(root, "config", "pull.rebase", "false")
    forget_identity(root, monkeypatch)

    assert GitRepo(root).pull().summary == "Pulled 1 new commit."
    assert git(root, "log", "-1", "--format=%s") == "Their post"
    assert porcelain(root) == [f" M {AUTH}"]
