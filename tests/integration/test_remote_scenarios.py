"""The issue's scenarios against real servers on 127.0.0.1 (tests/helpers/git_servers.py), on
each transport: a bare repository over file://, git daemon, smart HTTP with basic
authentication and sshd.

Two writers change different fields of one post and the pull merges them; they change the same
field and the conflict is shown and resolved; the server stops in the middle of a push; a pull
reports its progress and can be cancelled while it fetches. Everything is checked with git on
both clones and on the server's own repository. The window's versions run over smart HTTP:
the conflict shown in the Conflicts panel and resolved, and a push cut off half-way.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from desktop_app.core.errors import Cancelled, MergeConflict, RemoteUnreachable
from desktop_app.core.git.remote_errors import ConnectionLost
from desktop_app.core.git.repo import GitRepo
from desktop_app.core.merge import conflicts
from desktop_app.core.tasks import CancelToken, Progress
from tests.helpers.desk import errors, notes, wait_idle, wait_note
from tests.helpers.git_repos import commit_all, git, large_commit
from tests.helpers.git_servers import GitDaemon, HttpGitServer, Served, SshServer, credentials_file
from tests.integration.test_remotes import CACHING, commit_in_window, edit, fsck_clean

CAUGHT = "content/posts/caching.md"
BASE = "---\ntitle: Caching\ndate: 2024-01-05\n---\n\nCache early.\n"


def writers(served: Served, tmp_path: Path) -> tuple[GitRepo, GitRepo]:
    return GitRepo(served.clone(tmp_path / "ann")), GitRepo(served.clone(tmp_path / "bob"))


def text(repo: GitRepo, path: str = CAUGHT) -> str:
    return (repo.root / path).read_text(encoding="utf-8")


# --- two writers, one post ------------------------------------------------------------------------


def test_different_fields_of_one_post_merge_cleanly(served: Served, tmp_path: Path) -> None:
    ann, bob = writers(served, tmp_path)
    edit(bob.root, CAUGHT, "date: 2024-01-05", "date: 2024-02-01")
    bob.commit("Bob moves the date")
    bob.push()
    # The neighbouring line: git's own line merge would stop here; Postdesk's merges by field.
    edit(ann.root, CAUGHT, "title: Caching", "title: Caching, revisited")
    ann.commit("Ann retitles")

    assert ann.pull().summary == "Pulled 1 new commit."

    merged = "---\ntitle: Caching, revisited\ndate: 2024-02-01\n---\n\nCache early.\n"
    assert text(ann) == merged
    assert ann.status() == {} and ann.operation_in_progress() is None
    assert ann.push() == "Pushed 1 commit to origin/main."
    assert served.log()[:2] == ["Ann retitles", "Bob moves the date"]
    assert bob.pull().updated and text(bob) == merged


def test_the_same_field_is_a_conflict_shown_and_resolved(served: Served, tmp_path: Path) -> None:
    side = "mine" if served.transport in ("file", "http") else "theirs"  # both ways, not on each
    ann, bob = writers(served, tmp_path)
    edit(bob.root, CAUGHT, "title: Caching", "title: Caching in depth")
    bob.commit("Bob retitles")
    bob.push()
    edit(ann.root, CAUGHT, "title: Caching", "title: Caching for beginners")
    edit(ann.root, CAUGHT, "date: 2024-01-05", "date: 2024-01-06")
    ann.commit("Ann retitles and redates")

    with pytest.raises(MergeConflict) as stopped:
        ann.pull()

    assert stopped.value.paths == [CAUGHT]
    (post,) = conflicts.conflict_state(ann).posts
    assert post.lines() == ["title: yours «Caching for beginners» / theirs «Caching in depth»"]
    assert post.merged_fields == ("date (yours)",)  # the clean change merged without a question
    (conflicts.keep_mine if side == "mine" else conflicts.take_theirs)(ann, CAUGHT)
    assert conflicts.continue_operation(ann).operation is None
    title = "Caching for beginners" if side == "mine" else "Caching in depth"
    resolved = f"---\ntitle: {title}\ndate: 2024-01-06\n---\n\nCache early.\n"
    assert text(ann) == resolved and ann.status() == {}
    ann.push()
    assert served.log()[:2] == ["Ann retitles and redates", "Bob retitles"]
    bob.pull()
    assert text(bob) == resolved


# --- the server stops in the middle of a push -----------------------------------------------------


@pytest.mark.parametrize("transport", ["daemon", "ssh"])
def test_server_stopped_in_the_middle_of_a_push(transport: str, request: pytest.FixtureRequest,
                                                tmp_path: Path) -> None:
    """The server goes away (listener and open connections killed) while git is sending the pack.
    (Over HTTP, `test_remotes.py` cuts the connection after a number of bytes instead: git sends
    a pack over HTTP only once it has buffered a megabyte.)"""
    served: Served = request.getfixturevalue(f"{transport}_remote")
    server: GitDaemon | SshServer = request.getfixturevalue("git_daemon" if transport == "daemon" else "ssh_server")
    ann = GitRepo(served.clone(tmp_path / "ann"))
    before = served.head()
    # ~4.5 MB of pack: still being sent (and indexed by the server) long after the first report.
    large_commit(ann.root, files=8, size=1024 * 1024)
    mine = git(ann.root, "rev-parse", "HEAD")
    seen: list[Progress] = []

    def stop_while_writing(report: Progress) -> None:
        seen.append(report)
        if report.message.startswith("Writing objects") and server.process is not None:
            server.stop()

    with pytest.raises(RemoteUnreachable) as lost:
        ann.push(progress=stop_while_writing)

    assert server.process is None, [report.message for report in seen]  # it did stop half-way
    assert isinstance(lost.value, ConnectionLost)
    assert lost.value.message == "The connection to the remote broke off before the push finished."
    assert git(ann.root, "rev-parse", "HEAD") == mine and ann.ahead_behind() == (1, 0)
    assert ann.status() == {}
    fsck_clean(ann.root)
    assert served.head() == before  # the server's branch did not move
    fsck_clean(served.bare)

    server.start()  # back, on the same port
    assert ann.push() == "Pushed 1 commit to origin/main."
    assert served.head() == mine
    fsck_clean(served.bare)


# --- a pull's progress, and Cancel while it fetches -----------------------------------------------


def their_big_commit(served: Served, tmp_path: Path) -> str:
    """Another writer pushes a commit of 120 files: git then reports "Receiving objects"."""
    folder = tmp_path / "bob"
    bob = GitRepo(folder if folder.exists() else served.clone(folder))
    sha = large_commit(bob.root, files=120, size=8 * 1024)
    bob.push()
    return sha


def test_a_pull_reports_its_progress_and_cancel_stops_it_while_it_fetches(served: Served, tmp_path: Path) -> None:
    ann = GitRepo(served.clone(tmp_path / "ann"))
    edit(ann.root, CAUGHT, "Cache early.", "Cache early, not yet committed.")
    head = git(ann.root, "rev-parse", "HEAD")
    theirs = their_big_commit(served, tmp_path)
    token = CancelToken()
    seen: list[str] = []

    def cancel_when_receiving(report: Progress) -> None:
        seen.append(report.message)
        if report.message.startswith("Receiving objects"):
            token.cancel()  # as the Cancel button does, from the GUI thread

    with pytest.raises(Cancelled):
        ann.pull(progress=cancel_when_receiving, cancel=token)

    assert any(message.startswith("Receiving objects") for message in seen)
    assert git(ann.root, "rev-parse", "HEAD") == head and ann.current_branch() == "main"
    assert ann.operation_in_progress() is None
    assert {path: entry.state for path, entry in ann.status().items()} == {CAUGHT: "modified"}
    assert "not yet committed" in text(ann)
    fsck_clean(ann.root)

    # The cancelled fetch may have got its objects in before it stopped (on a loaded machine git
    # can finish receiving first): another commit of theirs gives the next pull objects to receive.
    theirs = their_big_commit(served, tmp_path)
    reports: list[Progress] = []
    assert ann.pull(progress=reports.append).summary == "Pulled 2 new commits."  # the next one fetches it all
    receiving = [r.fraction for r in reports if r.message.startswith("Receiving objects")]
    assert receiving and receiving == sorted(receiving) and receiving[-1] == 1.0
    assert all(fraction is not None and 0 <= fraction <= 1 for fraction in receiving)
    assert git(ann.root, "rev-parse", "HEAD") == theirs and "not yet committed" in text(ann)


# --- through the window, over smart HTTP ----------------------------------------------------------


TITLE = 'title: "Caching: The Unsung Hero of Fast, Scalable Systems"'


@pytest.fixture
def http_desk(desk, tmp_path: Path):  # noqa: ANN001, ANN201 - yields (MainWindow, HttpGitServer, Path)
    """The window on the sample blog whose origin is served over HTTP with basic authentication,
    the token in a `store` credential helper as a user would have set it up."""
    server = HttpGitServer(desk.sample.origin.parent)
    server.start()
    credentials = credentials_file(server, tmp_path / "credentials")
    git(desk.sample.root, "remote", "set-url", "origin", server.url("origin.git"))
    git(desk.sample.root, "config", "credential.helper", f"store --file={credentials}")
    yield desk, server, credentials
    server.stop()


def test_window_pull_over_http_shows_the_conflict_and_takes_theirs(qtbot, http_desk, tmp_path: Path) -> None:
    desk, server, credentials = http_desk
    assert desk.controller.open_post(CACHING)
    other = Served(server.url("origin.git"), desk.sample.origin, "http", credentials).clone(tmp_path / "other")
    edit(other, CACHING, TITLE, 'title: "Caching, in depth"')
    commit_all(other, "Their title")
    git(other, "push", "--quiet", "origin", "main")
    edit(desk.sample.root, CACHING, "author: Ana Ruiz", "author: Ada Lovelace")  # merges cleanly
    commit_in_window(qtbot, desk, TITLE, 'title: "Caching for beginners"', "My title")

    qtbot.mouseClick(desk.changes.pull_button, Qt.MouseButton.LeftButton)
    panel = desk.conflicts
    qtbot.waitUntil(lambda: desk.conflicts_dock.isVisible() and len(panel.state.posts) == 1 and not panel.busy,
                    timeout=20000)
    assert panel.posts.item(0).text() == ("● Caching for beginners\n"
                                          "    title: yours «Caching for beginners» / theirs «Caching, in depth»")
    assert errors(desk) == []  # the panel is the answer, not an error
    qtbot.mouseClick(panel.take_theirs_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.state.posts == () and not panel.busy, timeout=10000)
    qtbot.mouseClick(panel.continue_button, Qt.MouseButton.LeftButton)
    wait_note(qtbot, desk, "Pull finished")
    qtbot.waitUntil(lambda: 'title: "Caching, in depth"\n' in desk.controller.editor.text(), timeout=10000)
    wait_idle(qtbot, desk)
    qtbot.mouseClick(desk.changes.push_button, Qt.MouseButton.LeftButton)
    wait_note(qtbot, desk, "Pushed 1 commit")
    wait_idle(qtbot, desk)

    assert git(desk.sample.origin, "log", "--format=%s", "-2", "main").splitlines() == ["My title", "Their title"]
    published = git(desk.sample.origin, "show", f"main:{CACHING}")
    assert 'title: "Caching, in depth"' in published and "author: Ada Lovelace" in published
    assert errors(desk) == [] and server.accepted >= 2
    assert desk.askpass is not None and desk.askpass.asked == 0  # the credential helper answered


def test_window_push_cut_off_half_way_keeps_the_commit_for_a_later_push(qtbot, http_desk) -> None:
    desk, server, _credentials = http_desk
    root, origin = desk.sample.root, desk.sample.origin
    before = git(origin, "rev-parse", "main")
    mine = large_commit(root, files=24, size=64 * 1024)  # ~1.5 MB: sent in chunks
    server.cut_push_after = 128 * 1024  # the server drops the connection after 128 KiB

    qtbot.mouseClick(desk.changes.push_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(errors(desk)), timeout=20000)
    wait_idle(qtbot, desk)

    assert server.cuts == 1
    assert errors(desk) == ["The connection to the remote broke off before the push finished. "
                            "Your commits are safe locally; push again when the remote is back."]
    assert git(root, "rev-parse", "HEAD") == mine and git(origin, "rev-parse", "main") == before
    fsck_clean(root)
    fsck_clean(origin)
    qtbot.waitUntil(lambda: desk.changes.sync_label.text() == "main · ↑1 to push", timeout=10000)

    qtbot.mouseClick(desk.changes.push_button, Qt.MouseButton.LeftButton)  # the server is back
    wait_note(qtbot, desk, "Pushed 1 commit to origin/main")
    wait_idle(qtbot, desk)
    assert git(origin, "rev-parse", "main") == mine
    assert not any(note.startswith("Cancelled") for note in notes(desk))
