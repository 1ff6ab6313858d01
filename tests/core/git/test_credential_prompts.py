"""The prompts git and ssh hand an askpass program, read into what the dialog asks.

The texts are the ones git 2.39 and OpenSSH 9 print (the HTTP and host-key ones are also seen
live in tests/integration/test_remote_auth.py).
"""

from __future__ import annotations

import io
import queue
import subprocess
import sys

from desktop_app import askpass
from desktop_app.core.git import process as gitproc
from desktop_app.core.git.credential_prompts import (
    CONFIRM,
    HOST_KEY,
    PASSPHRASE,
    PASSWORD,
    TEXT,
    USERNAME,
    parse_prompt,
)

HOST_KEY_PROMPT = (
    "The authenticity of host '[127.0.0.1]:2222 ([127.0.0.1]:2222)' can't be established.\n"
    "ED25519 key fingerprint is SHA256:oKrVEUTJ5YmQxDxl27XLaN8VPv5y+qSRDZ/KsLc3CcU.\n"
    "This key is not known by any other names.\n"
    "Are you sure you want to continue connecting (yes/no/[fingerprint])? "
)


def test_git_user_name_prompt() -> None:
    prompt = parse_prompt("Username for 'https://git.example.com': ")
    assert (prompt.kind, prompt.secret, prompt.target) == (USERNAME, False, "https://git.example.com")


def test_git_password_prompt_names_the_user_and_hides_the_answer() -> None:
    prompt = parse_prompt("Password for 'https://ann@git.example.com:8443': ")
    assert (prompt.kind, prompt.secret) == (PASSWORD, True)
    assert (prompt.target, prompt.user) == ("https://git.example.com:8443", "ann")
    assert prompt.text == "Password for 'https://***@git.example.com:8443': "  # shown redacted


def test_ssh_password_prompt() -> None:
    prompt = parse_prompt("ann@blog.example.org's password: ")
    assert (prompt.kind, prompt.secret, prompt.user, prompt.target) == (PASSWORD, True, "ann", "blog.example.org")


def test_key_passphrase_prompt() -> None:
    prompt = parse_prompt("Enter passphrase for key '/home/ann/.ssh/id_ed25519': ")
    assert (prompt.kind, prompt.secret, prompt.key) == (PASSPHRASE, True, "/home/ann/.ssh/id_ed25519")


def test_unknown_host_key_prompt_carries_host_and_fingerprint() -> None:
    prompt = parse_prompt(HOST_KEY_PROMPT)
    assert (prompt.kind, prompt.secret) == (HOST_KEY, False)
    assert prompt.target == "127.0.0.1 port 2222"
    assert prompt.key_type == "ED25519"
    assert prompt.fingerprint == "SHA256:oKrVEUTJ5YmQxDxl27XLaN8VPv5y+qSRDZ/KsLc3CcU"
    plain = parse_prompt(HOST_KEY_PROMPT.replace("[127.0.0.1]:2222 ([127.0.0.1]:2222)", "github.com (140.82.121.4)"))
    assert plain.target == "github.com"


def test_other_questions_stay_as_asked_and_are_masked_unless_they_ask_a_name() -> None:
    assert parse_prompt("Allow use of key id_ed25519?", hint="confirm").kind == CONFIRM
    assert parse_prompt("Continue anyway (yes/no)? ").kind == CONFIRM
    code = parse_prompt("Verification code: ")
    assert (code.kind, code.secret, code.text) == (TEXT, True, "Verification code: ")
    assert parse_prompt("Login: ").secret is False


def test_the_askpass_program_and_gitproc_agree_on_their_markers() -> None:
    assert (askpass.CANCELLED, askpass.DECLINED) == (gitproc.ASKPASS_CANCELLED, gitproc.ASKPASS_DECLINED)
    from desktop_app.core.git import askpass_channel
    assert (askpass.ADDRESS_VAR, askpass.TOKEN_VAR) == (askpass_channel.ADDRESS_VAR, askpass_channel.TOKEN_VAR)


def test_the_askpass_program_outside_postdesk_answers_nothing() -> None:
    env = {"PATH": "/usr/bin:/bin"}
    proc = subprocess.run([sys.executable, "-I", "-S", str(askpass.__file__), "Password: "], env=env,
                          capture_output=True, text=True, timeout=30)
    assert proc.returncode == 2 and proc.stdout == ""
    assert "no Postdesk to ask" in proc.stderr


def test_ssh_messages_ending_in_crlf_are_kept_whole() -> None:
    """ssh ends its lines with CRLF, which may arrive in two reads; they must not be mistaken for
    progress redraws (git's CR), or "Host key verification failed." would be lost."""

    class Chunks(io.RawIOBase):
        def __init__(self, parts: list[bytes]) -> None:
            self.parts = parts

        def read1(self, _size: int = -1) -> bytes:
            return self.parts.pop(0) if self.parts else b""

    lines: queue.Queue[tuple[str, bool] | None] = queue.Queue()
    gitproc._pump(Chunks([b"Counting: 50%\rCounting: 100%\r", b"\nHost key verification failed.\r",
                          b"\nfatal: Could not read from remote repository.\n"]), lines)  # type: ignore[arg-type]
    got = []
    while (item := lines.get()) is not None:
        got.append(item)
    assert got == [("Counting: 50%", False), ("Counting: 100%", True), ("Host key verification failed.", True),
                   ("fatal: Could not read from remote repository.", True)]
