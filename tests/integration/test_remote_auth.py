"""Signing in to a remote as users have it: credential helpers first, then Postdesk's dialog
(askpass) for a password, token, key passphrase or an unknown SSH host key; never a terminal;
no secret written anywhere.

The servers are real (tests/helpers/git_servers.py); the dialog is the real one, driven with
pytest-qt, or the askpass channel is answered by the test (core, no window).
"""

from __future__ import annotations

import os
import secrets
import stat
import sys
import time
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import Qt

from desktop_app.core.errors import AuthenticationFailed, Cancelled
from desktop_app.core.git.askpass_channel import AskpassServer, PendingPrompt
from desktop_app.core.git.credential_prompts import HOST_KEY, PASSPHRASE, USERNAME
from desktop_app.core.git.remote_errors import (
    HostKeyChanged,
    HostKeyNotTrusted,
    SignInCancelled,
    SignInNeeded,
    SshKeyRefused,
)
from desktop_app.core.git.repo import GitRepo
from tests.helpers.desk import errors, notes, wait_idle, wait_note
from tests.helpers.git_repos import git, write
from tests.helpers.git_servers import HttpGitServer, Served, SshServer, credentials_file

CACHING = "posts/caching-unsung-hero.md"


def new_post(repo: GitRepo, name: str = "new") -> str:
    write(repo.root, f"content/posts/{name}.md", f"---\ntitle: {name.title()}\n---\n\nWritten.\n")
    return repo.commit(f"Add {name}")


class Answers:
    """A responder for the askpass channel that answers from a script and records the prompts."""

    def __init__(self, *replies: str | None) -> None:
        self.replies = list(replies)
        self.prompts: list[PendingPrompt] = []

    def __call__(self, pending: PendingPrompt) -> None:
        self.prompts.append(pending)
        reply = self.replies.pop(0) if self.replies else None
        if reply is None:
            pending.cancel()
        elif reply == "no":
            pending.decline()
        else:
            pending.answer(reply)


@pytest.fixture
def askpass(tmp_path: Path):  # noqa: ANN201 - yields a factory
    servers: list[AskpassServer] = []

    def start(responder) -> AskpassServer:  # noqa: ANN001
        server = AskpassServer(responder, tmp_path / "cache")
        servers.append(server)
        return server
    yield start
    for server in servers:
        server.close()


# --- core: the askpass channel answered by the test -----------------------------------------------


def test_push_over_http_asks_for_user_and_token_and_succeeds(http_server: HttpGitServer, tmp_path: Path,
                                                             askpass) -> None:
    served = Served(http_server.url(), http_server.root / "blog.git", "http")
    answers = Answers(http_server.user, http_server.token)
    repo = GitRepo(served.clone(tmp_path / "ann"), askpass=askpass(answers).program)
    sha = new_post(repo)

    assert repo.push() == "Pushed 1 commit to origin/main."

    assert served.head() == sha
    assert [p.prompt.kind for p in answers.prompts] == [USERNAME, "password"]
    assert answers.prompts[1].prompt.user == http_server.user
    assert http_server.token not in (repo.root / ".git" / "config").read_text()


def test_the_packaged_app_asks_through_its_askpass_subcommand(http_server: HttpGitServer, tmp_path: Path,
                                                             askpass, monkeypatch: pytest.MonkeyPatch) -> None:
    """Frozen, there is no askpass.py to run: the app binary answers `postdesk askpass PROMPT`."""
    calls = tmp_path / "calls"
    app = tmp_path / "Postdesk App" / "postdesk"
    app.parent.mkdir()
    app.write_text(f'#!/bin/sh\necho "$1" >> "{calls}"\nexec "{sys.executable}" -m desktop_app "$@"\n')
    app.chmod(0o755)
    monkeypatch.setattr(sys, "executable", str(app))
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    served = Served(http_server.url(), http_server.root / "blog.git", "http")
    repo = GitRepo(served.clone(tmp_path / "ann"), askpass=askpass(Answers(http_server.user, http_server.token)).program)
    sha = new_post(repo)

    assert repo.push() == "Pushed 1 commit to origin/main."
    assert served.head() == sha
    assert calls.read_text().split() == ["askpass", "askpass"]


def test_cancelled_sign_in_is_cancelled_not_a_wrong_password(http_server: HttpGitServer, tmp_path: Path,
                                                             askpass) -> None:
    served = Served(http_server.url(), http_server.root / "blog.git", "http")
    answers = Answers(None)
    repo = GitRepo(served.clone(tmp_path / "ann"), askpass=askpass(answers).program)
    new_post(repo)
    before = served.head()

    started = time.monotonic()
    with pytest.raises(Cancelled) as caught:
        repo.push()

    assert time.monotonic() - started < 10
    assert isinstance(caught.value, SignInCancelled)
    assert caught.value.message == "Signing in to the remote was cancelled; nothing was sent or changed."
    assert len(answers.prompts) == 1  # git did not ask again after the cancel
    assert served.head() == before


def test_without_askpass_nothing_asks_and_the_error_says_what_is_missing(http_server: HttpGitServer,
                                                                         tmp_path: Path) -> None:
    """The CLI's way (no askpass): a clear failure at once, never a prompt on a terminal."""
    served = Served(http_server.url(), http_server.root / "blog.git", "http")
    repo = GitRepo(served.clone(tmp_path / "ann"))
    new_post(repo)

    started = time.monotonic()
    with pytest.raises(AuthenticationFailed) as caught:
        repo.push()

    assert time.monotonic() - started < 10
    assert isinstance(caught.value, SignInNeeded)
    assert caught.value.message == ("The remote asks for a user name and password (or token), "
                                    "and none is stored for it.")


def test_a_credential_helper_answers_before_any_dialog(http_server: HttpGitServer, tmp_path: Path,
                                                       askpass) -> None:
    served = Served(http_server.url(), http_server.root / "blog.git", "http")
    answers = Answers()
    repo = GitRepo(served.clone(tmp_path / "ann"), askpass=askpass(answers).program)
    creds = credentials_file(http_server, tmp_path / "creds")
    git(repo.root, "config", "credential.helper", f"store --file={creds}")
    sha = new_post(repo)

    repo.push()

    assert served.head() == sha
    assert answers.prompts == []
    assert http_server.refused >= 1  # the server did want credentials; the helper gave them


def test_a_wrong_token_is_refused_and_appears_in_no_message(http_server: HttpGitServer, tmp_path: Path,
                                                            askpass) -> None:
    wrong = "wrong-" + secrets.token_hex(8)
    served = Served(http_server.url(), http_server.root / "blog.git", "http")
    repo = GitRepo(served.clone(tmp_path / "ann"), askpass=askpass(Answers(http_server.user, wrong)).program)
    new_post(repo)

    with pytest.raises(AuthenticationFailed) as caught:
        repo.push()

    error = caught.value
    assert type(error) is AuthenticationFailed
    assert error.message == "The remote refused the credentials."
    for text in (error.message, error.details, error.hint, str(error)):
        assert wrong not in text
    assert "Authentication failed" in error.details  # git's own words are kept, for Details


def test_a_token_in_the_remote_url_is_redacted_from_every_message(http_server: HttpGitServer,
                                                                  tmp_path: Path) -> None:
    wrong = "wrong-" + secrets.token_hex(8)
    served = Served(http_server.url(), http_server.root / "blog.git", "http")
    repo = GitRepo(served.clone(tmp_path / "ann"))
    git(repo.root, "remote", "set-url", "origin", f"http://ann:{wrong}@127.0.0.1:{http_server.port}/blog.git")
    new_post(repo)
    reports = []

    for action in (lambda: repo.push(progress=reports.append), lambda: repo.pull(progress=reports.append)):
        with pytest.raises(AuthenticationFailed) as caught:
            action()
        for text in (caught.value.message, caught.value.details, caught.value.hint):
            assert wrong not in text
    assert all(wrong not in report.message for report in reports)


def test_askpass_asks_nothing_for_a_program_without_the_token(tmp_path: Path, askpass) -> None:
    import json
    import socket

    answers = Answers("secret")
    server = askpass(answers)
    for token in ("guess", "güess", 42):
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
            client.connect(server.address)
            client.sendall(json.dumps({"token": token, "prompt": "Password for 'https://x': "}).encode() + b"\n")
            client.settimeout(5)
            assert client.recv(100) == b""  # closed without a word
    assert answers.prompts == []


def test_askpass_files_are_private_and_removed_on_close(tmp_path: Path) -> None:
    server = AskpassServer(Answers(), tmp_path / "cache")
    folder, program = server.folder, Path(server.program)
    assert folder.parent == tmp_path / "cache"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(program.stat().st_mode) == 0o700
    assert stat.S_IMODE(os.stat(server.address).st_mode) == 0o600
    server.close()
    assert not folder.exists()


# --- core: SSH ------------------------------------------------------------------------------------


def ssh_clone(server: SshServer, tmp_path: Path, askpass: str | None = None) -> GitRepo:
    bare = server.folder / "blog.git"
    return GitRepo(Served(server.url(bare), bare, "ssh").clone(tmp_path / "ann"), askpass=askpass)


def test_unknown_host_key_without_askpass_is_refused_clearly(unknown_ssh_server: SshServer, tmp_path: Path) -> None:
    repo = ssh_clone(unknown_ssh_server, tmp_path)
    new_post(repo)
    with pytest.raises(HostKeyNotTrusted) as caught:
        repo.push()
    assert caught.value.message == "The SSH host key of the server is not known yet, so Postdesk did not connect."
    assert unknown_ssh_server.known_hosts.read_text() == ""


def test_a_changed_host_key_is_refused_even_with_a_dialog_to_ask(ssh_server: SshServer, tmp_path: Path,
                                                                 askpass) -> None:
    answers = Answers("yes")
    repo = ssh_clone(ssh_server, tmp_path, askpass(answers).program)
    ssh_server.trust_another_host_key()
    new_post(repo)
    with pytest.raises(HostKeyChanged) as caught:
        repo.push()
    assert caught.value.message == ("The SSH host key of 127.0.0.1 has changed since you last connected, "
                                    "so Postdesk did not connect.")
    assert answers.prompts == []  # ssh does not offer to accept a changed key, and neither do we


def test_a_refused_key_says_so(ssh_server: SshServer, tmp_path: Path) -> None:
    repo = ssh_clone(ssh_server, tmp_path)
    ssh_server.refuse_client_key()
    with pytest.raises(SshKeyRefused) as caught:
        repo.pull()
    assert caught.value.message == "The SSH server 127.0.0.1 did not accept any of your keys."


def test_a_key_passphrase_is_asked_for_and_the_push_succeeds(ssh_server: SshServer, tmp_path: Path,
                                                             askpass) -> None:
    passphrase = "correct horse " + secrets.token_hex(4)
    ssh_server.protect_client_key(passphrase)
    answers = Answers(passphrase)
    repo = ssh_clone(ssh_server, tmp_path, askpass(answers).program)
    sha = new_post(repo)

    repo.push()

    assert git(ssh_server.folder / "blog.git", "rev-parse", "main") == sha
    assert [p.prompt.kind for p in answers.prompts] == [PASSPHRASE]
    assert answers.prompts[0].prompt.key.endswith("id_ed25519")


# --- the window: the real dialog --------------------------------------------------------------------


def commit_an_edit(desk, message: str = "Credit Ada") -> str:
    root = desk.sample.root
    path = root / CACHING
    path.write_text(path.read_text(encoding="utf-8").replace("author: Ana Ruiz", "author: Ada Lovelace", 1),
                    encoding="utf-8")
    git(root, "commit", "--quiet", "-am", message)
    return git(root, "rev-parse", "HEAD")


def wait_dialog(qtbot, desk):  # noqa: ANN201 - the open CredentialDialog
    qtbot.waitUntil(lambda: desk.askpass.dialog is not None and desk.askpass.dialog.isVisible(), timeout=20000)
    return desk.askpass.dialog


@pytest.fixture
def http_desk(qtbot, desk):  # noqa: ANN201 - yields (desk, HttpGitServer)
    """The window on the sample blog whose origin is served over HTTP with basic auth."""
    server = HttpGitServer(desk.sample.origin.parent)
    server.start()
    git(desk.sample.root, "remote", "set-url", "origin", server.url("origin.git"))
    yield desk, server
    server.stop()  # each test waits for its jobs: pytest-qt has already closed the window here


def test_sign_in_dialog_asks_once_and_the_push_succeeds(qtbot, http_desk) -> None:
    desk, server = http_desk
    sha = commit_an_edit(desk)

    qtbot.mouseClick(desk.changes.push_button, Qt.MouseButton.LeftButton)
    dialog = wait_dialog(qtbot, desk)
    assert dialog.windowTitle() == f"Sign in to 127.0.0.1:{server.port}"
    assert dialog.user_field is not None and dialog.secret_field is not None
    assert dialog.secret_field.echoMode() == dialog.secret_field.EchoMode.Password
    assert not dialog.ok_button.isEnabled()  # a user name first
    qtbot.keyClicks(dialog.user_field, server.user)
    qtbot.keyClicks(dialog.secret_field, server.token)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    wait_note(qtbot, desk, "Pushed")
    wait_idle(qtbot, desk)
    assert git(desk.sample.origin, "rev-parse", "main") == sha
    assert desk.askpass.asked == 1  # user name and token in one dialog, although git asked twice
    assert errors(desk) == []
    assert server.token not in (desk.sample.root / ".git" / "config").read_text()


def test_cancelling_the_sign_in_stops_the_push_at_once(qtbot, http_desk) -> None:
    desk, server = http_desk
    before = git(desk.sample.origin, "rev-parse", "main")
    commit_an_edit(desk)

    qtbot.mouseClick(desk.changes.push_button, Qt.MouseButton.LeftButton)
    dialog = wait_dialog(qtbot, desk)
    dialog.reject()  # Cancel / Esc

    qtbot.waitUntil(lambda: "Cancelled." in notes(desk), timeout=10000)
    wait_idle(qtbot, desk)
    assert errors(desk) == []  # a cancel is not an error
    assert desk.askpass.asked == 1
    assert git(desk.sample.origin, "rev-parse", "main") == before


def test_dialog_closes_when_the_push_is_cancelled_underneath_it(qtbot, http_desk) -> None:
    desk, _server = http_desk
    commit_an_edit(desk)
    qtbot.mouseClick(desk.changes.push_button, Qt.MouseButton.LeftButton)
    dialog = wait_dialog(qtbot, desk)

    desk.changes.cancel()  # git is stopped while the dialog waits (as on closing the window)

    qtbot.waitUntil(lambda: desk.askpass.dialog is None, timeout=10000)
    assert not shiboken6.isValid(dialog) or not dialog.isVisible()
    wait_idle(qtbot, desk)
    assert "Cancelled." in notes(desk)


def test_a_wrong_token_is_explained_and_written_nowhere(qtbot, http_desk, capfd, isolated_home: Path) -> None:
    desk, server = http_desk
    wrong = "wrong-" + secrets.token_hex(10)
    commit_an_edit(desk)

    qtbot.mouseClick(desk.changes.push_button, Qt.MouseButton.LeftButton)
    dialog = wait_dialog(qtbot, desk)
    dialog.user_field.setText(server.user)
    dialog.secret_field.setText(wrong)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(errors(desk)), timeout=20000)
    wait_idle(qtbot, desk)

    assert errors(desk) == ["The remote refused the credentials. Check your user name and token or SSH key."]
    assert desk.status.currentMessage() == "The remote refused the credentials."
    seen = "\n".join(f"{kind}: {message}" for kind, message in desk.context.notifier.history)
    out, err = capfd.readouterr()
    assert wrong not in seen and wrong not in out and wrong not in err
    # Not in the repository (config, logs, anything under .git), nor in Postdesk's settings,
    # state, cache or askpass folders.
    for folder in (desk.sample.root / ".git", isolated_home):
        for path in folder.rglob("*"):
            if path.is_file():
                assert wrong.encode() not in path.read_bytes(), path


def test_unknown_host_key_shown_and_no_refuses(qtbot, desk, unknown_ssh_server: SshServer) -> None:
    git(desk.sample.root, "remote", "set-url", "origin", unknown_ssh_server.url(desk.sample.origin))
    before = git(desk.sample.origin, "rev-parse", "main")
    commit_an_edit(desk)

    qtbot.mouseClick(desk.changes.push_button, Qt.MouseButton.LeftButton)
    dialog = wait_dialog(qtbot, desk)
    assert dialog.prompt.kind == HOST_KEY
    assert dialog.windowTitle() == f"Unknown server: 127.0.0.1 port {unknown_ssh_server.port}"
    assert dialog.fingerprint.text() == unknown_ssh_server.host_fingerprint()
    assert f"127.0.0.1 port {unknown_ssh_server.port}" in dialog.heading.text()
    assert dialog.no_button.isDefault()
    qtbot.mouseClick(dialog.no_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: bool(errors(desk)), timeout=20000)
    wait_idle(qtbot, desk)
    assert errors(desk)[0].startswith("You did not trust the SSH host key of the server, so Postdesk did not connect.")
    assert unknown_ssh_server.known_hosts.read_text() == ""
    assert git(desk.sample.origin, "rev-parse", "main") == before
    assert desk.askpass.asked == 1


def test_unknown_host_key_yes_pushes_and_remembers_the_key(qtbot, desk, unknown_ssh_server: SshServer) -> None:
    git(desk.sample.root, "remote", "set-url", "origin", unknown_ssh_server.url(desk.sample.origin))
    sha = commit_an_edit(desk)

    qtbot.mouseClick(desk.changes.push_button, Qt.MouseButton.LeftButton)
    dialog = wait_dialog(qtbot, desk)
    qtbot.mouseClick(dialog.yes_button, Qt.MouseButton.LeftButton)

    wait_note(qtbot, desk, "Pushed")
    wait_idle(qtbot, desk)
    assert git(desk.sample.origin, "rev-parse", "main") == sha
    assert unknown_ssh_server.host_public_key in unknown_ssh_server.known_hosts.read_text()

    desk.changes.pull()  # known now: nothing more is asked
    wait_note(qtbot, desk, "Already up to date.")
    wait_idle(qtbot, desk)
    assert desk.askpass.asked == 1 and errors(desk) == []


def test_git_env_asks_through_askpass_only_when_given_one(desk) -> None:
    from desktop_app.core.git.process import git_env

    assert desk.askpass is not None
    program = Path(desk.askpass.program)
    assert program.is_file() and os.access(program, os.X_OK)
    assert desk.changes.repo is desk.context.workspace.repo
    window = git_env(askpass=str(program))
    assert window["GIT_ASKPASS"] == window["SSH_ASKPASS"] == str(program)
    assert window["SSH_ASKPASS_REQUIRE"] == "force" and window["GIT_TERMINAL_PROMPT"] == "0"
    assert "BatchMode" not in window.get("GIT_SSH_COMMAND", "")
    cli = git_env()
    assert cli["GIT_ASKPASS"] == "" and "SSH_ASKPASS" not in cli and cli["SSH_ASKPASS_REQUIRE"] == "never"
    assert cli["GIT_SSH_COMMAND"] == "ssh -o BatchMode=yes"
