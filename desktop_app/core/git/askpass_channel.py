"""The private channel between the askpass program that git and ssh start and the running
Postdesk, which answers from its credential dialog.

git and ssh accept one askpass *executable*; they run it with the prompt as its argument and read
the answer from its stdout. `AskpassServer` writes that executable (a two-line shell script that
runs `desktop_app/askpass.py`) into a fresh 0700 folder under Postdesk's cache, next to a Unix
socket it listens on. The script carries the socket's path and a random token: a process that
does not know the token gets no question asked (another user cannot even reach the folder).

Each prompt is one connection: the program sends one JSON line (token, prompt, ssh's hint, its
parent's pid) and reads one JSON line back (an answer, or cancelled). The server calls its
`responder` with a `PendingPrompt`, which is answered from any thread (the UI answers from the
GUI thread once the dialog closes). A program that goes away first (git was cancelled) marks the
prompt abandoned, so the dialog can close. Once the user cancels, further prompts from the same
git or ssh process are cancelled without asking again (ssh would otherwise ask three times).

Qt-free; POSIX only (`supported()`): on Windows, Git Credential Manager asks for credentials.
"""

from __future__ import annotations

import hmac
import json
import os
import secrets
import select
import shlex
import shutil
import socket
import stat
import sys
import tempfile
import threading
import weakref
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from desktop_app.core.git.credential_prompts import Prompt, parse_prompt

ADDRESS_VAR = "POSTDESK_ASKPASS_ADDRESS"
TOKEN_VAR = "POSTDESK_ASKPASS_TOKEN"
PROGRAM = Path(__file__).resolve().parents[2] / "askpass.py"
_MAX_REQUEST = 64 * 1024
_SOCKET_PATH_LIMIT = 100  # sun_path holds 104–108 bytes


def supported() -> bool:
    """Whether this Postdesk can run the askpass program (POSIX; from Python, or the packaged app's
    `askpass` subcommand)."""
    return hasattr(socket, "AF_UNIX") and sys.platform != "win32" and (frozen() or PROGRAM.is_file())


def frozen() -> bool:
    return bool(getattr(sys, "frozen", False))


def program_command(python: str | None = None) -> str:
    """The shell words that run the askpass program: the packaged app's subcommand, or
    `askpass.py` in isolated mode (standard library only, so no site packages or PYTHON*
    variables change what it does)."""
    if frozen() and python is None:
        return f"{shlex.quote(sys.executable)} askpass"
    return f"{shlex.quote(python or sys.executable)} -I -S {shlex.quote(str(PROGRAM))}"


@dataclass
class Reply:
    """What goes back to the askpass program: an answer, or nothing (cancelled)."""

    answer: str | None
    declined: bool = False  # a "no" to an unknown host key: the error then says so


@dataclass(eq=False)
class PendingPrompt:
    """One question waiting for the user; answer it once, from any thread."""

    prompt: Prompt
    parent: int  # the pid of the git or ssh process that asked
    _done: threading.Event = field(default_factory=threading.Event)
    _reply: Reply | None = None
    abandoned: threading.Event = field(default_factory=threading.Event)
    _on_abandoned: list[Callable[[], None]] = field(default_factory=list)
    _guard: threading.Lock = field(default_factory=threading.Lock)

    def answer(self, text: str) -> None:
        self._settle(Reply(text))

    def cancel(self) -> None:
        self._settle(Reply(None))

    def decline(self, text: str = "no") -> None:
        """Answer a yes/no question with no (ssh then refuses the host and says so)."""
        self._settle(Reply(text, declined=True))

    def on_abandoned(self, callback: Callable[[], None]) -> None:
        """Call `callback` (on the server's thread) if the asking program goes away first."""
        with self._guard:
            if not self.abandoned.is_set():
                self._on_abandoned.append(callback)
                return
        callback()

    @property
    def settled(self) -> bool:
        return self._done.is_set()

    def _settle(self, reply: Reply) -> None:
        with self._guard:
            if self._done.is_set():
                return
            self._reply = reply
            self._done.set()

    def _abandon(self) -> None:
        with self._guard:
            if self._done.is_set() or self.abandoned.is_set():
                return
            self.abandoned.set()
            callbacks, self._on_abandoned = self._on_abandoned, []
        for callback in callbacks:
            callback()


Responder = Callable[[PendingPrompt], None]


def _runtime_folder(parent: Path | None) -> Path:
    """A new 0700 folder for the socket and the program, under `parent` when the socket's path
    fits there, else in the system's temporary folder."""
    if parent is not None:
        parent.mkdir(parents=True, exist_ok=True)
        folder = Path(tempfile.mkdtemp(prefix="askpass-", dir=parent))
        if len(str(folder / "socket")) <= _SOCKET_PATH_LIMIT:
            return folder
        folder.rmdir()
    return Path(tempfile.mkdtemp(prefix="postdesk-askpass-"))


def write_program(folder: Path, address: str, token: str, python: str | None = None) -> Path:
    """The executable git and ssh run: the address and token, then the askpass program."""
    path = folder / "postdesk-askpass"
    script = (
        "#!/bin/sh\n"
        "# Postdesk's askpass: asks the running Postdesk for a password, token or host key answer.\n"
        f"{ADDRESS_VAR}={shlex.quote(address)} {TOKEN_VAR}={shlex.quote(token)} "
        f"exec {program_command(python)} \"$@\"\n"
    )
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o700)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(script)
    return path


class AskpassServer:
    """Listens for the askpass program; `program` is what to give GitRepo(askpass=…)."""

    def __init__(self, responder: Responder, runtime_parent: Path | None = None) -> None:
        self._responder = responder
        self.folder = _runtime_folder(runtime_parent)
        os.chmod(self.folder, stat.S_IRWXU)
        self.address = str(self.folder / "socket")
        self._token = secrets.token_urlsafe(32)
        self._listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self._listener.bind(self.address)
        os.chmod(self.address, stat.S_IRUSR | stat.S_IWUSR)
        self._listener.listen(8)
        self.program = str(write_program(self.folder, self.address, self._token))
        self._closed = threading.Event()
        self._cancelled_parents: deque[int] = deque(maxlen=32)
        self._pending: set[PendingPrompt] = set()
        self._guard = threading.Lock()
        self._finalizer = weakref.finalize(self, shutil.rmtree, str(self.folder), True)
        self._thread = threading.Thread(target=self._accept_loop, name="askpass-server", daemon=True)
        self._thread.start()

    @property
    def closed(self) -> bool:
        return self._closed.is_set()

    def close(self) -> None:
        """Stop listening, cancel whatever is still waiting and remove the folder."""
        if self._closed.is_set():
            return
        self._closed.set()
        try:
            self._listener.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self._listener.close()
        with self._guard:
            pending = list(self._pending)
        for item in pending:
            item.cancel()
        self._thread.join(timeout=2)
        self._finalizer()

    # --- serving ---------------------------------------------------------------------------------

    def _accept_loop(self) -> None:
        while not self._closed.is_set():
            try:
                connection, _ = self._listener.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(connection,), name="askpass-prompt", daemon=True).start()

    def _serve(self, connection: socket.socket) -> None:
        with connection:
            request = self._read_request(connection)
            if request is None:
                return  # not our program (no or a wrong token): nothing is asked
            prompt = parse_prompt(str(request.get("prompt", "")), str(request.get("hint", "")))
            parent = request.get("parent")
            parent = parent if isinstance(parent, int) else 0
            pending = PendingPrompt(prompt, parent)
            if parent and parent in self._cancelled_parents:
                pending.cancel()
            else:
                with self._guard:
                    self._pending.add(pending)
                try:
                    self._responder(pending)
                    self._wait(connection, pending)
                finally:
                    with self._guard:
                        self._pending.discard(pending)
            reply = pending._reply or Reply(None)
            if (reply.answer is None or reply.declined) and parent:
                self._cancelled_parents.append(parent)
            if pending.abandoned.is_set():
                return
            message = {"answer": reply.answer} if reply.answer is not None else {"cancelled": True}
            if reply.declined:
                message["declined"] = True
            try:
                connection.sendall(json.dumps(message).encode("utf-8") + b"\n")
            except OSError:
                pass

    def _read_request(self, connection: socket.socket) -> dict[str, object] | None:
        connection.settimeout(5)
        data = b""
        try:
            while b"\n" not in data and len(data) < _MAX_REQUEST:
                chunk = connection.recv(4096)
                if not chunk:
                    break
                data += chunk
        except OSError:
            return None
        try:
            request = json.loads(data.split(b"\n", 1)[0].decode("utf-8"))
        except (ValueError, UnicodeDecodeError):
            return None
        if not isinstance(request, dict) or not hmac.compare_digest(
                str(request.get("token", "")).encode("utf-8"), self._token.encode("utf-8")):
            return None
        return request

    def _wait(self, connection: socket.socket, pending: PendingPrompt) -> None:
        """Wait for the answer; notice when the program (or the server) goes away meanwhile."""
        while not pending._done.wait(0.1):
            if self._closed.is_set():
                pending.cancel()
                return
            readable, _, _ = select.select([connection], [], [], 0)
            if readable:
                try:
                    gone = connection.recv(1, socket.MSG_PEEK) == b""
                except OSError:
                    gone = True
                if gone:
                    pending._abandon()
                    return
