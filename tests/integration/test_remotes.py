"""Pull and push against real servers on 127.0.0.1: a bare repository over file://, git daemon,
smart HTTP with basic authentication and sshd (tests/helpers/git_servers.py).

Each scenario is what a writer would notice: the other writer's clone gets the post, a rejected
push succeeds after a pull, a server that dies half-way leaves the repository whole and the push
can be done again, a remote that is not there says so and the commits stay local.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from desktop_app.core.errors import PushRejected, RemoteMissing, RemoteUnreachable
from desktop_app.core.git.remote_errors import ConnectionLost, RemoteNotFound
from desktop_app.core.git.repo import GitRepo
from tests.helpers.desk import errors, wait_idle, wait_note
from tests.helpers.git_repos import commit_all, git, large_commit, write
from tests.helpers.git_servers import GitDaemon, HttpGitServer, Served, SshServer, credentials_file, free_port

CAUGHT = "content/posts/caching.md"


def edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def fsck_clean(path: Path) -> None:
    """`git fsck --full` finds nothing wrong (dangling objects are fine: they are unreferenced)."""
    proc = subprocess.run(["git", "fsck", "--full", "--no-dangling"], cwd=path, capture_output=True, text=True)
    assert proc.returncode == 0 and not proc.stderr.strip(), proc.stderr


# --- every transport ----------------------------------------------------------------------------


def test_a_pushed_post_reaches_the_other_writer(served: Served, tmp_path: Path) -> None:
    ann = GitRepo(served.clone(tmp_path / "ann"))
    bob = GitRepo(served.clone(tmp_path / "bob"))
    edit(ann.root, CAUGHT, "title: Caching", "title: Caching, revisited")
    ann.commit("Retitle the caching post", [CAUGHT])

    summary = ann.push()

    assert summary == "Pushed 1 commit to origin/main."
    assert served.log()[0] == "Retitle the caching post"
    result = bob.pull()
    assert result.updated and result.summary == "Pulled 1 new commit."
    assert "title: Caching, revisited" in (bob.root / CAUGHT).read_text(encoding="utf-8")
    assert bob.ahead_behind() == (0, 0)


@pytest.mark.parametrize("transport", ["http", "ssh"])
def test_rejected_push_succeeds_after_a_pull(transport: str, request: pytest.FixtureRequest, tmp_path: Path) -> None:
    served: Served = request.getfixturevalue(f"{transport}_remote")
    ann = GitRepo(served.clone(tmp_path / "ann"))
    bob = GitRepo(served.clone(tmp_path / "bob"))
    edit(bob.root, "content/posts/cqrs.md", "title: CQRS", "title: CQRS in practice")
    bob.commit("Bob retitles CQRS")
    bob.push()
    edit(ann.root, CAUGHT, "Cache early.", "Cache early, measure often.")
    ann.commit("Ann sharpens the caching advice")

    with pytest.raises(PushRejected) as rejected:
        ann.push()
    assert rejected.value.hint == "Pull first, then push again."
    assert served.log()[0] == "Bob retitles CQRS"  # nothing of Ann's reached the server

    ann.pull()
    ann.push()
    assert served.log()[:2] == ["Ann sharpens the caching advice", "Bob retitles CQRS"]
    bob.pull()
    assert "measure often" in (bob.root / CAUGHT).read_text(encoding="utf-8")


# --- a server that stops in the middle of a push --------------------------------------------------


def test_server_dying_mid_push_leaves_a_whole_repository_and_the_push_can_be_redone(
        http_remote: Served, http_server: HttpGitServer, tmp_path: Path) -> None:
    ann = GitRepo(http_remote.clone(tmp_path / "ann"))
    before = http_remote.head()
    large_commit(ann.root, files=24, size=64 * 1024)  # ~1.5 MB of pack: sent in chunks
    mine = git(ann.root, "rev-parse", "HEAD")
    http_server.cut_push_after = 128 * 1024  # the server drops the connection after 128 KiB

    with pytest.raises(RemoteUnreachable) as lost:
        ann.push()

    assert http_server.cuts == 1
    error = lost.value
    assert isinstance(error, ConnectionLost)
    assert error.message == "The connection to the remote broke off before the push finished."
    assert error.hint == "Your commits are safe locally; push again when the remote is back."
    assert git(ann.root, "rev-parse", "HEAD") == mine  # the commit is still there
    assert ann.ahead_behind() == (1, 0)
    fsck_clean(ann.root)
    assert http_remote.head() == before  # the server's branch did not move half-way
    fsck_clean(http_remote.bare)

    assert ann.push() == "Pushed 1 commit to origin/main."  # the server is "back"
    assert http_remote.head() == mine
    fsck_clean(http_remote.bare)


def test_daemon_stopped_then_back_the_commits_wait_locally(daemon_remote: Served, git_daemon: GitDaemon,
                                                           tmp_path: Path) -> None:
    ann = GitRepo(daemon_remote.clone(tmp_path / "ann"))
    write(ann.root, "content/posts/new.md", "---\ntitle: New\n---\n\nHello.\n")
    ann.commit("A new post")
    git_daemon.stop()

    with pytest.raises(RemoteUnreachable) as unreachable:
        ann.push()
    assert unreachable.value.message == "The remote could not be reached."
    assert ann.ahead_behind() == (1, 0)

    git_daemon.start()  # the same port again
    assert ann.push() == "Pushed 1 commit to origin/main."
    assert daemon_remote.log()[0] == "A new post"


# --- nothing there ------------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["http://127.0.0.1:{port}/blog.git", "git://127.0.0.1:{port}/blog.git",
                                 "ssh://git@127.0.0.1:{port}/blog.git"])
def test_nothing_listening_says_the_remote_cannot_be_reached(url: str, file_remote: Served, tmp_path: Path) -> None:
    ann = GitRepo(file_remote.clone(tmp_path / "ann"))
    git(ann.root, "remote", "set-url", "origin", url.format(port=free_port()))
    write(ann.root, "content/posts/new.md", "---\ntitle: New\n---\n")
    sha = ann.commit("Written offline")

    for action in (ann.push, ann.pull):
        with pytest.raises(RemoteUnreachable) as caught:
            action()
        assert type(caught.value) is RemoteUnreachable
        assert caught.value.message == "The remote could not be reached."
        assert "safe locally" in caught.value.hint
    assert git(ann.root, "rev-parse", "HEAD") == sha
    assert ann.ahead_behind() == (1, 0)


def test_no_remote_says_there_is_nowhere_to_push(blog_repo: Path) -> None:
    repo = GitRepo(blog_repo)
    with pytest.raises(RemoteMissing) as caught:
        repo.push()
    assert caught.value.message == "This repository has no remote named 'origin', so there is nowhere to push or pull."


@pytest.mark.parametrize("transport", ["file", "daemon", "http", "ssh"])
def test_a_repository_missing_on_the_server_is_named(transport: str, request: pytest.FixtureRequest,
                                                     tmp_path: Path) -> None:
    served: Served = request.getfixturevalue(f"{transport}_remote")
    ann = GitRepo(served.clone(tmp_path / "ann"))
    git(ann.root, "remote", "set-url", "origin", served.url.replace("blog.git", "gone.git"))

    with pytest.raises(RemoteNotFound) as caught:
        ann.pull()

    assert caught.value.message.startswith("The remote repository")
    assert caught.value.message.endswith("does not exist, or you have no access to it.")
    assert "gone.git" in caught.value.message
    assert caught.value.hint == "Check the remote's address (git remote -v) and your access to it."


# --- through the window ---------------------------------------------------------------------------


CACHING = "posts/caching-unsung-hero.md"


def commit_in_window(qtbot, desk, old: str, new: str, message: str) -> None:
    edit(desk.sample.root, CACHING, old, new)
    desk.changes.refresh()
    qtbot.waitUntil(lambda: desk.changes.files.count() == 1 and not desk.changes.busy, timeout=10000)
    desk.changes.message.setPlainText(message)
    qtbot.mouseClick(desk.changes.commit_button, Qt.MouseButton.LeftButton)
    wait_note(qtbot, desk, "Committed")
    wait_idle(qtbot, desk)


def test_window_push_rejected_over_ssh_offers_to_pull_then_pushes(qtbot, desk, ssh_server: SshServer, tmp_path: Path) -> None:
    origin = desk.sample.origin
    url = ssh_server.url(origin)
    git(desk.sample.root, "remote", "set-url", "origin", url)
    other = Served(url, origin, "ssh").clone(tmp_path / "other")
    edit(other, "posts/cqrs-read-write-separation.md", "author: Marcus Chen", "author: Grace Hopper")
    commit_all(other, "Another writer's change")
    git(other, "push", "--quiet", "origin", "main")
    commit_in_window(qtbot, desk, "author: Ana Ruiz", "author: Ada Lovelace", "My change")

    desk.context.notifier.answers = [True]  # "Pull the remote's changes now, then push again?"
    qtbot.mouseClick(desk.changes.push_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(errors(desk)), timeout=20000)
    wait_note(qtbot, desk, "Pulled 1 new commit")  # the panel pulls, then pushes again by itself
    wait_note(qtbot, desk, "Pushed 1 commit")
    wait_idle(qtbot, desk)

    assert errors(desk) == ["The push was rejected because the remote has changes you don't have yet. "
                            "Pull first, then push again."]
    assert git(origin, "log", "--format=%s", "-3", "main").splitlines() == [
        "My change", "Another writer's change", "Start the sample blog"]
    assert desk.askpass is not None and desk.askpass.asked == 0  # key and host known: nothing asked


def test_window_push_with_nothing_listening_keeps_the_commit(qtbot, desk) -> None:
    root = desk.sample.root
    git(root, "remote", "set-url", "origin", f"http://127.0.0.1:{free_port()}/origin.git")
    commit_in_window(qtbot, desk, "author: Ana Ruiz", "author: Ada Lovelace", "Written on a train")
    sha = git(root, "rev-parse", "HEAD")

    qtbot.mouseClick(desk.changes.push_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(errors(desk)), timeout=20000)
    wait_idle(qtbot, desk)

    assert errors(desk) == ["The remote could not be reached. "
                            "Your commits are safe locally; push again when the remote is back."]
    assert git(root, "rev-parse", "HEAD") == sha
    assert desk.status.currentMessage() == "The remote could not be reached."


def test_window_push_through_a_credential_helper_over_http(qtbot, desk, tmp_path: Path) -> None:
    """HTTPS set up as users have it: a credential helper answers; no dialog is needed."""
    server = HttpGitServer(desk.sample.origin.parent)
    server.start()
    try:
        root = desk.sample.root
        git(root, "remote", "set-url", "origin", server.url("origin.git"))
        git(root, "config", "credential.helper", f"store --file={credentials_file(server, tmp_path / 'creds')}")
        commit_in_window(qtbot, desk, "author: Ana Ruiz", "author: Ada Lovelace", "Credit Ada")

        qtbot.mouseClick(desk.changes.push_button, Qt.MouseButton.LeftButton)
        wait_note(qtbot, desk, "Pushed")

        assert git(desk.sample.origin, "log", "--format=%s", "-1", "main") == "Credit Ada"
        assert server.refused >= 1 and server.accepted >= 1  # the server did ask for credentials
        assert desk.askpass is not None and desk.askpass.asked == 0
        assert errors(desk) == []
    finally:
        wait_idle(qtbot, desk)
        server.stop()
