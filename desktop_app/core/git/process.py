"""Running the git command for `core/git/repo.py`: environment, write locks, progress and errors.

This module owns how a git subprocess is started (non-interactive, parseable C-locale output,
never attached to a terminal), the one write lock per repository, the parsing of git's
`--progress` lines into `Progress` reports, cancellation, and the translation of git's output
into the typed errors of `core.errors`, with any credentials in URLs redacted first.
"""

from __future__ import annotations

import os
import queue
import re
import signal
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from desktop_app.core.errors import (
    AuthenticationFailed,
    Cancelled,
    GitError,
    NoAuthorIdentity,
    PushRejected,
    RemoteMissing,
    RemoteUnreachable,
    RepositoryLocked,
)
from desktop_app.core.git.remote_errors import (
    ConnectionLost,
    HostKeyChanged,
    HostKeyNotTrusted,
    RemoteNotFound,
    SignInCancelled,
    SignInNeeded,
    SshKeyRefused,
)
from desktop_app.core.tasks import CancelToken, Progress, ProgressCallback

GIT = "git"

# Variables that point git at another repository or index; a parent git process (a hook running
# the test suite, say) exports them, and they would silently redirect every command we run.
_LOCAL_REPO_ENV = (
    "GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_COMMON_DIR",
    "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_PREFIX", "GIT_NAMESPACE", "GIT_CONFIG_PARAMETERS",
    "GIT_GRAFT_FILE", "GIT_IMPLICIT_WORK_TREE", "GIT_INTERNAL_SUPER_PREFIX", "GIT_SHALLOW_FILE",
)

_URL_CREDENTIALS = re.compile(r"(?P<scheme>[A-Za-z][A-Za-z0-9+.\-]*://)[^/@\s'\"]+@")


def redact(text: str) -> str:
    """Hide the user-info part of every URL: `https://user:token@host` → `https://***@host`."""
    return _URL_CREDENTIALS.sub(r"\g<scheme>***@", text)


# What the askpass program (desktop_app/askpass.py) writes to stderr, which git and ssh pass on:
# the user closed the dialog, or answered No to an unknown host key.
ASKPASS_CANCELLED = "postdesk-askpass: cancelled"
ASKPASS_DECLINED = "postdesk-askpass: declined"


def git_env(extra: dict[str, str] | None = None, askpass: str | None = None) -> dict[str, str]:
    """The environment for one git call: no terminal prompts, no pager, no editor, C locale.

    With `askpass` (the UI's credential dialog, `core/git/askpass_channel.py`) git and ssh ask it for
    passwords, tokens, key passphrases and unknown host keys. Without it nothing can ask: git
    fails with "could not read Username", ssh runs in batch mode, and any askpass the desktop
    or the user's config would start is switched off.
    """
    env = {k: v for k, v in os.environ.items() if k not in _LOCAL_REPO_ENV}
    env.update(
        GIT_TERMINAL_PROMPT="0",
        GIT_PAGER="cat",
        PAGER="cat",
        GIT_EDITOR=":",  # git treats ":" as "accept the prepared message", never a terminal
        GIT_SEQUENCE_EDITOR=":",
        LC_ALL="C",
        LANGUAGE="C",
    )
    user_ssh = env.get("GIT_SSH_COMMAND") or env.get("GIT_SSH")
    if askpass:
        # git asks GIT_ASKPASS after the credential helpers; ssh asks SSH_ASKPASS, "force" even
        # without a terminal or DISPLAY. ssh's own settings (StrictHostKeyChecking, default
        # "ask") decide whether an unknown host key is asked about.
        env["GIT_ASKPASS"] = env["SSH_ASKPASS"] = askpass
        env["SSH_ASKPASS_REQUIRE"] = "force"
    else:
        env["GIT_ASKPASS"] = ""  # empty beats core.askPass and SSH_ASKPASS: git asks no one
        env.pop("SSH_ASKPASS", None)
        env["SSH_ASKPASS_REQUIRE"] = "never"
        if not user_ssh:
            env["GIT_SSH_COMMAND"] = "ssh -o BatchMode=yes"
    if extra:
        env.update(extra)
    return env


_locks: dict[str, threading.Lock] = {}
_locks_guard = threading.Lock()


def write_lock(root: Path) -> threading.Lock:
    """The lock serialising writing git commands in `root`, shared by every GitRepo on it."""
    key = os.path.normcase(str(root.resolve()))
    with _locks_guard:
        return _locks.setdefault(key, threading.Lock())


@dataclass(frozen=True)
class GitResult:
    """One finished git command: its arguments, exit status and output."""

    args: tuple[str, ...]
    returncode: int
    stdout: bytes
    stderr: str

    @property
    def out(self) -> str:
        return self.stdout.decode("utf-8", "surrogateescape")

    @property
    def ok(self) -> bool:
        return self.returncode == 0

    def details(self) -> str:
        """The command and everything it printed, redacted, for an error's details."""
        text = f"$ git {' '.join(self.args)}\n{self.stderr.strip()}"
        extra = self.stdout.decode("utf-8", "replace").strip()
        if extra:
            text += f"\n{extra}"
        return redact(text.strip())


def _popen_args() -> dict[str, object]:
    # A new session keeps ssh & co. off our terminal and lets cancellation kill the whole group.
    if sys.platform == "win32":
        return {"creationflags": subprocess.CREATE_NO_WINDOW | subprocess.CREATE_NEW_PROCESS_GROUP}
    return {"start_new_session": True}


def run_git(
    root: Path,
    args: list[str],
    *,
    check: bool = True,
    env: dict[str, str] | None = None,
    input: bytes | None = None,
    remote: str | None = None,
) -> GitResult:
    """Run `git args` in `root` and wait; raise the mapped error when `check` and it fails."""
    try:
        proc = subprocess.run(
            [GIT, *args],
            cwd=root,
            env=env if env is not None else git_env(),
            input=input,
            stdin=None if input is not None else subprocess.DEVNULL,
            capture_output=True,
            **_popen_args(),  # type: ignore[arg-type]
        )
    except FileNotFoundError as exc:
        raise GitError("Git is not installed or not on the PATH.", details=str(exc)) from exc
    result = GitResult(tuple(args), proc.returncode, proc.stdout, proc.stderr.decode("utf-8", "replace"))
    if check and not result.ok:
        raise map_failure(result, remote)
    return result


_PROGRESS = re.compile(
    r"^(?:remote:\s*)?(?P<label>[A-Z][A-Za-z]*(?: [a-z]+)*):\s+"
    r"(?:(?P<pct>\d{1,3})%(?:\s+\((?P<done>\d+)/(?P<total>\d+)\))?|\d+)"
)


def parse_progress(line: str) -> Progress | None:
    """A git progress line as a report, e.g. "Writing objects: 45% (9/20)" → fraction 0.45."""
    text = line.strip()
    match = _PROGRESS.match(text)
    if not match:
        return None
    if text.startswith("remote:"):
        text = text[len("remote:"):].strip()
    pct = match.group("pct")
    fraction = min(int(pct), 100) / 100 if pct is not None else None
    return Progress(redact(text), fraction)


_LINE_END = re.compile(rb"\r\n|\r|\n")


def _pump(stream: IO[bytes], lines: queue.Queue[tuple[str, bool] | None]) -> None:
    """Split a stream into lines; git redraws progress with CR, so each redraw is a line that is
    not kept. ssh ends its messages with CRLF: those are whole lines ("Host key verification
    failed."), also when the CR and the LF arrive in two reads."""
    buffer = b""
    while chunk := stream.read1(8192):  # type: ignore[attr-defined]
        buffer += chunk
        while (end := _LINE_END.search(buffer)) is not None:
            if end.group() == b"\r" and end.end() == len(buffer):
                break  # maybe the first half of a CRLF: wait for the next read
            lines.put((buffer[:end.start()].decode("utf-8", "replace"), end.group() != b"\r"))
            buffer = buffer[end.end():]
    if buffer.strip(b"\r"):
        lines.put((buffer.strip(b"\r").decode("utf-8", "replace"), True))
    lines.put(None)


def _kill(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        try:
            if sys.platform == "win32":
                proc.terminate()
            else:
                os.killpg(proc.pid, signal.SIGTERM)
        except (ProcessLookupError, PermissionError):
            pass
    try:
        proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def run_git_progress(
    root: Path,
    args: list[str],
    *,
    env: dict[str, str],
    progress: ProgressCallback | None,
    cancel: CancelToken | None,
    remote: str | None = None,
) -> GitResult:
    """Run a long git command (with `--progress` in `args`), reporting and honouring cancel.

    stderr is read on a helper thread and handed over through a queue, so `progress` is called
    on the caller's thread and the cancel token is checked at least every 50 ms.
    """
    if cancel is not None:
        cancel.raise_if_cancelled()
    try:
        proc = subprocess.Popen(
            [GIT, *args], cwd=root, env=env, stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, **_popen_args(),  # type: ignore[call-overload]
        )
    except FileNotFoundError as exc:
        raise GitError("Git is not installed or not on the PATH.", details=str(exc)) from exc
    lines: queue.Queue[tuple[str, bool] | None] = queue.Queue()
    stdout_parts: list[bytes] = []
    readers = [
        threading.Thread(target=_pump, args=(proc.stderr, lines), daemon=True),
        threading.Thread(target=lambda: stdout_parts.append(proc.stdout.read()), daemon=True),  # type: ignore[union-attr]
    ]
    for reader in readers:
        reader.start()
    kept: list[str] = []
    last: Progress | None = None
    try:
        while True:
            if cancel is not None and cancel.cancelled:
                raise Cancelled()
            try:
                item = lines.get(timeout=0.05)
            except queue.Empty:
                continue
            if item is None:
                break
            text, complete = item
            if complete and text.strip():
                kept.append(text)
            report = parse_progress(text)
            if report is not None and report != last and progress is not None:
                last = report
                progress(report)
        proc.wait()
    except BaseException:
        _kill(proc)
        raise
    finally:
        for reader in readers:
            reader.join(timeout=5)
        for stream in (proc.stdout, proc.stderr):
            if stream is not None:
                stream.close()
    result = GitResult(tuple(args), proc.returncode, b"".join(stdout_parts), "\n".join(kept))
    if not result.ok:
        raise map_failure(result, remote)
    return result


_IDENTITY = ("please tell me who you are", "empty ident", "unable to auto-detect email")
# "fatal: Unable to create '/repo/.git/index.lock': File exists." (any of git's lock files)
_LOCKED = re.compile(r"unable to create '(?P<lock>[^']+\.lock)': file exists", re.IGNORECASE)
_REJECTED = ("[rejected]", "non-fast-forward", "fetch first")
_NO_PROMPT = ("could not read username", "could not read password", "terminal prompts disabled")
_AUTH = ("authentication failed", "invalid username or password", "http basic: access denied",
         "the requested url returned error: 401", "the requested url returned error: 403")
_NOT_FOUND = re.compile(
    r"repository '(?P<url>[^']+)' not found|remote: repository not found"
    r"|'(?P<path>[^']+)' does not appear to be a git repository|(?:not exported|no such repository): (?P<exported>[^\s,]+?)\.?(?:\s|$)"
    r"|the requested url returned error: 404", re.IGNORECASE)
_NEVER_CONNECTED = ("could not resolve host", "connection refused", "connection timed out",
                    "network is unreachable", "failed to connect", "no route to host",
                    "could not resolve hostname", "name or service not known", "unable to connect")
_UNREACHABLE = (*_NEVER_CONNECTED, "unable to access", "could not read from remote repository")
# A connection that broke off half-way; checked after the "never connected" causes above.
_LOST = ("the remote end hung up unexpectedly", "unexpected disconnect", "rpc failed",
         "empty reply from server", "connection reset", "broken pipe", "early eof",
         "connection closed by", "transfer closed", "recv failure")
_SSH_HOST = re.compile(
    r"(?:authenticity of host|host key for|connect to host|is known for) '?\[?(?P<host>[A-Za-z0-9_.\-]+)"
    r"|@\[?(?P<login>[A-Za-z0-9_.\-]+)\]?: permission denied", re.IGNORECASE)


def map_failure(result: GitResult, remote: str | None = None) -> GitError:
    """The typed error for a failed command, from git's (C-locale) output.

    The order matters: a cancelled sign-in or a refused host key also prints "could not read
    from remote repository", and a connection lost half-way often ends with "unable to access".
    """
    details = result.details()
    raw = f"{result.stderr}\n{result.out}"
    text = raw.lower()
    if any(s in text for s in _IDENTITY):
        return NoAuthorIdentity()
    locked = _LOCKED.search(raw)
    if locked:
        return RepositoryLocked(locked.group("lock"), details)
    if ASKPASS_CANCELLED in text:
        return SignInCancelled()
    if "no such remote" in text or (
        remote and f"'{remote.lower()}' does not appear to be a git repository" in text
        and not re.search(r"[/\\:]", remote)
    ):
        return RemoteMissing(remote or "origin")
    if any(s in text for s in _REJECTED):
        return PushRejected(details)
    host = _ssh_host(raw)
    if "remote host identification has changed" in text:
        return HostKeyChanged(details, host)
    if "host key verification failed" in text:
        return HostKeyNotTrusted(details, host, declined=ASKPASS_DECLINED in text)
    if "permission denied (publickey" in text:
        return SshKeyRefused(details, host, password_tried="permission denied, please try again" in text)
    if any(s in text for s in _NO_PROMPT):
        return SignInNeeded(details)
    if any(s in text for s in _AUTH):
        return AuthenticationFailed(details)
    found = _NOT_FOUND.search(raw)
    if found:
        where = found.group("url") or found.group("path") or found.group("exported") or ""
        return RemoteNotFound(details, redact(where).rstrip("/"))
    if any(s in text for s in _NEVER_CONNECTED):
        return RemoteUnreachable(details)
    if any(s in text for s in _LOST):
        verb = _verb(result.args)
        return ConnectionLost(details, "pull" if verb in ("fetch", "pull") else verb)
    if any(s in text for s in _UNREACHABLE):
        return RemoteUnreachable(details)
    return GitError(f"git {_verb(result.args)} failed: {_headline(result)}", details=details)


def _ssh_host(text: str) -> str:
    """The server ssh names in its complaint (host key, connection), for the message."""
    found = _SSH_HOST.search(text)
    return (found.group("host") or found.group("login")) if found else ""


def _verb(args: tuple[str, ...]) -> str:
    """The subcommand, skipping global options such as `-c key=value`."""
    skip = False
    for arg in args:
        if skip or arg.startswith("-"):
            skip = arg in ("-c", "-C")
            continue
        return arg
    return ""


def _headline(result: GitResult) -> str:
    """git's most telling line (the first fatal/error), as the end of one sentence."""
    lines = [line.strip() for line in (result.stderr + "\n" + result.out).splitlines() if line.strip()]
    for line in lines:
        for prefix in ("fatal:", "error:"):
            if line.lower().startswith(prefix):
                line = line[len(prefix):].strip()
                return redact(line if line.endswith(".") else line + ".")
    if lines:
        return redact(lines[0] if lines[0].endswith(".") else lines[0] + ".")
    return f"exit status {result.returncode}."
