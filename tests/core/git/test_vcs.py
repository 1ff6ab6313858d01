"""core.vcs against real repositories in tmp_path: status, diff, commit, pull, push, errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.core.errors import (
    Cancelled,
    MergeConflict,
    NoAuthorIdentity,
    NoCommits,
    NotARepository,
    NothingToCommit,
    PostdeskError,
    PushRejected,
    RemoteMissing,
    RemoteUnreachable,
    RepositoryMissing,
)
from desktop_app.core.git.process import parse_progress, redact
from desktop_app.core.git.repo import FileStatus, GitRepo
from desktop_app.core.tasks import CancelToken, Progress
from tests.helpers.git_repos import (  # blog_repo / blog_remote come from conftest's pytest_plugins
    Remote,
    commit_all,
    git,
    large_commit,
    write,
)

CACHING = "content/posts/caching.md"
CQRS = "content/posts/cqrs.md"
AUTH = "content/posts/auth.md"


# --- opening ---------------------------------------------------------------------------------


def test_open_discover_and_errors(blog_repo: Path, tmp_path: Path) -> None:
    assert GitRepo(blog_repo).root == blog_repo.resolve()
    assert GitRepo.discover(blog_repo / "content" / "posts").root == blog_repo.resolve()
    assert GitRepo.discover(blog_repo / CACHING).root == blog_repo.resolve()
    with pytest.raises(RepositoryMissing):
        GitRepo(tmp_path / "nowhere")
    plain = tmp_path / "plain"
    plain.mkdir()
    with pytest.raises(NotARepository):
        GitRepo(plain)
    with pytest.raises(NotARepository):
        GitRepo(blog_repo / "content")  # inside a work tree, but not its root


def test_one_write_lock_per_root(blog_repo: Path) -> None:
    assert GitRepo(blog_repo)._lock is GitRepo.discover(blog_repo / "content")._lock


def test_branch_and_commits(blog_repo: Path) -> None:
    repo = GitRepo(blog_repo)
    assert repo.has_commits()
    assert repo.current_branch() == "main"
    git(blog_repo, "checkout", "--quiet", "--detach")
    assert repo.current_branch() is None


# --- status and diff -------------------------------------------------------------------------


def test_status_states(blog_repo: Path) -> None:
    repo = GitRepo(blog_repo)
    assert repo.status() == {}
    write(blog_repo, "content/posts/new post.md", "# New\n")
    write(blog_repo, CACHING, "changed\n")
    (blog_repo / CQRS).unlink()
    git(blog_repo, "mv", AUTH, "content/posts/authentication.md")
    status = repo.status()
    assert status["content/posts/new post.md"] == FileStatus("content/posts/new post.md", "new", False)
    assert status[CACHING] == FileStatus(CACHING, "modified", False)
    assert status[CQRS] == FileStatus(CQRS, "deleted", False)
    assert status["content/posts/authentication.md"] == FileStatus(
        "content/posts/authentication.md", "renamed", True, AUTH)
    git(blog_repo, "add", CACHING)
    assert repo.status()[CACHING].staged


def test_status_conflicted(blog_repo: Path) -> None:
    git(blog_repo, "checkout", "--quiet", "-b", "other")
    write(blog_repo, CACHING, "theirs\n")
    commit_all(blog_repo, "Theirs")
    git(blog_repo, "checkout", "--quiet", "main")
    write(blog_repo, CACHING, "ours\n")
    commit_all(blog_repo, "Ours")
    git(blog_repo, "merge", "other", check=False)
    assert GitRepo(blog_repo).status()[CACHING] == FileStatus(CACHING, "conflicted", False)
    assert GitRepo(blog_repo).show(CACHING, ":3") == b"theirs\n"


def test_diff_of_new_and_modified_files(blog_repo: Path) -> None:
    repo = GitRepo(blog_repo)
    write(blog_repo, "content/posts/fresh.md", "line one\nline two\n")
    new = repo.diff("content/posts/fresh.md")
    assert "+line one\n+line two" in new and "new file" in new
    write(blog_repo, CACHING, (blog_repo / CACHING).read_text().replace("Cache early.", "Cache late."))
    modified = repo.diff(CACHING)
    assert "-Cache early." in modified and "+Cache late." in modified
    assert repo.diff(CQRS) == ""


def test_diff_of_a_rename_a_staged_new_file_and_a_deletion(blog_repo: Path) -> None:
    """The cases one `git diff HEAD -- path` cannot show alone (`GitRepo.diff` asks the status)."""
    repo = GitRepo(blog_repo)
    git(blog_repo, "mv", AUTH, "content/posts/authentication.md")
    renamed = repo.diff("content/posts/authentication.md")
    assert f"rename from {AUTH}" in renamed and "rename to content/posts/authentication.md" in renamed
    write(blog_repo, "content/posts/staged.md", "staged\n")
    git(blog_repo, "add", "content/posts/staged.md")
    assert "new file mode" in repo.diff("content/posts/staged.md") and "+staged" in repo.diff("content/posts/staged.md")
    (blog_repo / CQRS).unlink()
    assert "deleted file mode" in repo.diff(CQRS) and "-Split reads from writes." in repo.diff(CQRS)


def test_show(blog_repo: Path) -> None:
    repo = GitRepo(blog_repo)
    write(blog_repo, CACHING, "edited\n")
    assert repo.show(CACHING) is not None and b"Cache early." in repo.show(CACHING)  # type: ignore[operator]
    assert repo.show("content/posts/missing.md") is None
    assert repo.show(CACHING, "HEAD~1") is not None


# --- commit ----------------------------------------------------------------------------------


def test_commit_selected_paths_only(blog_repo: Path) -> None:
    repo = GitRepo(blog_repo)
    write(blog_repo, CACHING, "one\n")
    write(blog_repo, CQRS, "two\n")
    write(blog_repo, "content/posts/new.md", "three\n")
    git(blog_repo, "add", CQRS)  # staged beforehand, but not selected: must not be committed
    sha = repo.commit("Edit caching, add new", [CACHING, "content/posts/new.md"])
    assert sha == git(blog_repo, "rev-parse", "HEAD")
    assert git(blog_repo, "show", "--name-only", "--format=", sha).splitlines() == [
        CACHING, "content/posts/new.md"]
    assert set(repo.status()) == {CQRS}
    assert repo.status()[CQRS].staged


def test_commit_deletion_and_rename(blog_repo: Path) -> None:
    repo = GitRepo(blog_repo)
    (blog_repo / CQRS).unlink()
    repo.commit("Remove CQRS", [CQRS])
    assert CQRS not in git(blog_repo, "ls-files")
    git(blog_repo, "mv", AUTH, "content/posts/authentication.md")
    repo.commit("Rename auth", ["content/posts/authentication.md"])
    assert repo.status() == {}


def test_commit_all_and_nothing_to_commit(blog_repo: Path) -> None:
    repo = GitRepo(blog_repo)
    with pytest.raises(NothingToCommit):
        repo.commit("Nothing")
    with pytest.raises(NothingToCommit):
        repo.commit("Nothing", [CACHING])
    with pytest.raises(PostdeskError):
        repo.commit("   ", [CACHING])
    write(blog_repo, CACHING, "x\n")
    (blog_repo / AUTH).unlink()
    repo.commit("Everything")
    assert repo.status() == {}


def test_no_author_identity(blog_repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL",
                "EMAIL"):
        monkeypatch.delenv(var, raising=False)
    git(blog_repo, "config", "--global", "user.useConfigOnly", "true")
    repo = GitRepo(blog_repo)
    assert repo.author_identity() is None
    write(blog_repo, CACHING, "x\n")
    with pytest.raises(NoAuthorIdentity):
        repo.commit("Edit", [CACHING])
    assert repo.status()[CACHING].staged is False  # detected before staging anything
    repo.set_author_identity("Ada Writer", "ada@example.test", global_=True)
    assert repo.author_identity() == ("Ada Writer", "ada@example.test")
    repo.commit("Edit", [CACHING])
    assert git(blog_repo, "log", "-1", "--format=%an <%ae>") == "Ada Writer <ada@example.test>"


def test_repository_without_commits(tmp_path: Path) -> None:
    repo = GitRepo.init(tmp_path / "empty")
    assert repo.current_branch() == "main"
    assert not repo.has_commits()
    assert repo.ahead_behind() is None
    write(repo.root, "post.md", "hello\n")
    assert "+hello" in repo.diff("post.md")
    git(repo.root, "add", "post.md")
    assert "+hello" in repo.diff("post.md")  # staged on an unborn branch: diff vs the empty tree
    assert repo.show("post.md") is None
    with pytest.raises(NoCommits):
        repo.push()
    sha = repo.commit("First post", ["post.md"])
    assert repo.has_commits() and git(repo.root, "rev-parse", "HEAD") == sha


# --- push and pull ---------------------------------------------------------------------------


def test_push_to_bare_origin(blog_remote: Remote) -> None:
    repo = GitRepo(blog_remote.work)
    write(blog_remote.work, CACHING, "pushed\n")
    repo.commit("Publish caching", [CACHING])
    assert repo.ahead_behind() == (1, 0)
    summary = repo.push()
    assert summary == "Pushed 1 commit to origin/main."
    assert blog_remote.origin_log()[0] == "Publish caching"
    assert repo.ahead_behind() == (0, 0)
    assert "up to date" in repo.push()


def test_first_push_sets_upstream(blog_repo: Path, tmp_path: Path) -> None:
    origin = tmp_path / "origin.git"
    git(tmp_path, "init", "--quiet", "--bare", str(origin))
    repo = GitRepo(blog_repo)
    repo.add_remote("origin", origin.as_uri())
    assert repo.has_remote() and repo.ahead_behind() is None
    assert repo.push() == "Pushed 2 commits to origin/main."
    assert git(blog_repo, "rev-parse", "--abbrev-ref", "main@{upstream}") == "origin/main"


def test_push_without_remote(blog_repo: Path) -> None:
    with pytest.raises(RemoteMissing):
        GitRepo(blog_repo).push()
    with pytest.raises(RemoteMissing):
        GitRepo(blog_repo).pull()


def test_rejected_push_then_pull_then_push(blog_remote: Remote, tmp_path: Path) -> None:
    other = blog_remote.second_clone(tmp_path / "other")
    write(other, "content/posts/theirs.md", "theirs\n")
    commit_all(other, "Their post")
    git(other, "push", "--quiet")
    repo = GitRepo(blog_remote.work)
    write(blog_remote.work, CACHING, "mine\n")
    repo.commit("My edit", [CACHING])
    with pytest.raises(PushRejected):
        repo.push()
    write(blog_remote.work, AUTH, "not committed yet\n")  # pulling must not need a clean tree
    result = repo.pull()
    assert result.updated and result.summary == "Pulled 1 new commit."
    assert (blog_remote.work / "content/posts/theirs.md").exists()
    assert (blog_remote.work / AUTH).read_text() == "not committed yet\n"
    assert repo.ahead_behind() == (1, 0)
    repo.push()
    assert blog_remote.origin_log()[:2] == ["My edit", "Their post"]  # rebased: linear history
    assert repo.pull().updated is False


def test_pull_merges_when_configured(blog_remote: Remote, tmp_path: Path) -> None:
    other = blog_remote.second_clone(tmp_path / "other")
    write(other, "content/posts/theirs.md", "theirs\n")
    commit_all(other, "Their post")
    git(other, "push", "--quiet")
    git(blog_remote.work, "config", "pull.rebase", "false")
    write(blog_remote.work, CACHING, "mine\n")
    GitRepo(blog_remote.work).commit("My edit", [CACHING])
    assert GitRepo(blog_remote.work).pull().updated
    assert git(blog_remote.work, "log", "-1", "--format=%p").count(" ") == 1  # a merge commit


def test_pull_conflict(blog_remote: Remote, tmp_path: Path) -> None:
    other = blog_remote.second_clone(tmp_path / "other")
    write(other, CACHING, "their version\n")
    commit_all(other, "Their edit")
    git(other, "push", "--quiet")
    repo = GitRepo(blog_remote.work)
    write(blog_remote.work, CACHING, "my version\n")
    repo.commit("My edit", [CACHING])
    with pytest.raises(MergeConflict) as caught:
        repo.pull()
    assert caught.value.paths == [CACHING]
    assert repo.status()[CACHING].state == "conflicted"  # left for the UI to resolve


def test_first_pull_without_upstream(blog_remote: Remote, tmp_path: Path) -> None:
    fresh = GitRepo.init(tmp_path / "fresh")
    fresh.add_remote("origin", blog_remote.url)
    result = fresh.pull()
    assert result.updated and result.summary == "Pulled 2 new commits."
    assert (fresh.root / CACHING).exists()
    assert fresh.ahead_behind() == (0, 0)


def test_unreachable_remote(blog_repo: Path, tmp_path: Path) -> None:
    repo = GitRepo(blog_repo)
    repo.add_remote("origin", str(tmp_path / "missing.git"))
    with pytest.raises(RemoteUnreachable):
        repo.push()
    with pytest.raises(RemoteUnreachable):
        repo.pull()


def test_credentials_are_redacted(blog_repo: Path) -> None:
    repo = GitRepo(blog_repo)
    repo.add_remote("origin", "http://user:s3cret@127.0.0.1:9/repo.git")
    with pytest.raises(PostdeskError) as caught:
        repo.push()
    error = caught.value
    assert isinstance(error, RemoteUnreachable)
    for text in (str(error), error.message, error.details, error.hint):
        assert "s3cret" not in text
    with pytest.raises(PostdeskError) as caught:
        repo.add_remote("origin", "https://user:s3cret@example.test/blog.git")  # already exists
    assert "s3cret" not in caught.value.details and "https://***@example.test" in caught.value.details
    assert redact("fetch https://user:token@host/x and ssh://git@host/y") == (
        "fetch https://***@host/x and ssh://***@host/y")


def test_push_reports_progress(blog_remote: Remote) -> None:
    large_commit(blog_remote.work)
    reports: list[Progress] = []
    GitRepo(blog_remote.work).push(progress=reports.append)
    fractions = [r.fraction for r in reports if r.fraction is not None]
    assert fractions and fractions[-1] == 1.0
    assert any(r.message.startswith("Writing objects") for r in reports)


def test_progress_parsing() -> None:
    assert parse_progress("Writing objects:  45% (9/20), 1.2 MiB | 2 MiB/s") == Progress(
        "Writing objects:  45% (9/20), 1.2 MiB | 2 MiB/s", 0.45)
    assert parse_progress("remote: Counting objects: 100% (3/3), done.") == Progress(
        "Counting objects: 100% (3/3), done.", 1.0)
    assert parse_progress("Enumerating objects: 5, done.") == Progress("Enumerating objects: 5, done.")
    assert parse_progress("To /tmp/origin.git") is None


def test_cancel(blog_remote: Remote) -> None:
    repo = GitRepo(blog_remote.work)
    large_commit(blog_remote.work)
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        repo.push(cancel=token)
    with pytest.raises(Cancelled):
        repo.pull(cancel=token)
    token = CancelToken()
    with pytest.raises(Cancelled):  # cancelled from the first progress report: git is stopped
        repo.push(progress=lambda _: token.cancel(), cancel=token)


def test_an_index_locked_by_another_git_program_is_said_in_words(tmp_path: Path) -> None:
    from desktop_app.core.errors import RepositoryLocked

    root = tmp_path / "locked"
    root.mkdir()
    repo = GitRepo.init(root)
    (root / "post.md").write_text("hello\n", encoding="utf-8")
    lock = root / ".git" / "index.lock"
    lock.write_text("")
    with pytest.raises(RepositoryLocked) as caught:
        repo.commit("First", ["post.md"])
    assert caught.value.message == f"Another git program is working in this repository right now ({lock} exists)."
    assert f"delete {lock}" in caught.value.hint
