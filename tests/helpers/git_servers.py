"""Real git servers on 127.0.0.1, started by the tests themselves: the four ways a blog's remote
is reached (a bare repository over file://, `git daemon`, smart HTTP with basic authentication,
and SSH).

Each server serves one seeded bare repository `blog.git` (three posts, two commits). A fixture
skips with the reason when its server program is missing on this machine; CI installs them
(packaging/debian-packages.txt). The SSH client is told about the server the way a user's
`~/.ssh/config` would, without touching it: an `ssh` shim first on the PATH runs the real ssh
with `-F` and a config in the test's tmp folder (key, known_hosts, no agent), so Postdesk's own
ssh options (`core/git/process.py`) still apply on top.
"""

from __future__ import annotations

import base64
import hmac
import os
import pwd
import secrets
import shutil
import signal
import socket
import subprocess
import threading
import time
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator

import pytest

from tests.helpers.git_repos import clone, git, make_bare, make_repo
from tests.helpers.required import unavailable

GIT_CORE = Path(os.environ.get("GIT_EXEC_PATH") or subprocess.run(
    ["git", "--exec-path"], capture_output=True, text=True).stdout.strip() or "/usr/lib/git-core")


# --- helpers ---------------------------------------------------------------------------------


def free_port() -> int:
    """A TCP port nothing listens on right now (the kernel's choice, released at once)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for_port(port: int, process: subprocess.Popen[bytes] | None = None, timeout: float = 10.0) -> None:
    """Return once something accepts connections on 127.0.0.1:`port`."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"the server exited with status {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.02)
    raise RuntimeError(f"nothing listens on 127.0.0.1:{port} after {timeout} s")


def descendants(pid: int) -> list[int]:
    """Every process below `pid` (Linux /proc), children first found first."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text(encoding="ascii", errors="replace").rsplit(")", 1)[1].split()
        except OSError:
            continue  # ended meanwhile
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found: list[int] = []
    todo = list(children.get(pid, []))
    while todo:
        child = todo.pop(0)
        found.append(child)
        todo.extend(children.get(child, []))
    return found


def stop_process(process: subprocess.Popen[bytes]) -> None:
    """End a server started in its own session, with the children it forked per connection.

    Open connections end at once, as when a server machine goes away: sshd's per-connection
    processes start sessions of their own, so killing the server's process group would not reach
    them; every process below the server is killed by its pid first."""
    if process.poll() is None:
        for pid in reversed(descendants(process.pid)):
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        try:
            os.killpg(process.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def find_program(name: str, *folders: str) -> str | None:
    """`name` on the PATH or in one of `folders` (sshd lives in /usr/sbin, often off the PATH)."""
    found = shutil.which(name)
    if found:
        return found
    for folder in folders:
        candidate = Path(folder) / name
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    return None


def seed_bare(root: Path, name: str = "blog.git") -> Path:
    """A bare repository under `root` holding the test blog (main, two commits)."""
    work = make_repo(root / f".seed-{name}")
    bare = make_bare(root / name)
    git(work, "push", "--quiet", str(bare), "main")
    shutil.rmtree(work)
    return bare


@dataclass
class Served:
    """One bare repository as a server offers it: its URL and where it lives on disk."""

    url: str
    bare: Path
    transport: str
    credentials: Path | None = None  # a `store` helper file the clones use (HTTP)

    def clone(self, path: Path) -> Path:
        """A writer's clone whose origin is the served URL (set up through the disk, so a test's
        set-up needs no credentials), with the credential helper a user would have configured."""
        clone(self.bare.as_uri(), path)
        git(path, "remote", "set-url", "origin", self.url)
        if self.credentials is not None:
            git(path, "config", "credential.helper", f"store --file={self.credentials}")
        git(path, "fetch", "--quiet", str(self.bare), "+refs/heads/*:refs/remotes/origin/*")
        return path

    def log(self, ref: str = "main") -> list[str]:
        """Subjects on the server's branch, newest first."""
        return git(self.bare, "log", "--format=%s", ref).splitlines()

    def head(self, ref: str = "main") -> str:
        return git(self.bare, "rev-parse", ref)


# --- file:// ---------------------------------------------------------------------------------


@pytest.fixture
def file_remote(tmp_path: Path) -> Served:
    bare = seed_bare(tmp_path / "file-server")
    return Served(bare.as_uri(), bare, "file")


# --- git daemon ------------------------------------------------------------------------------


@dataclass
class GitDaemon:
    root: Path
    port: int = 0
    process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        program = GIT_CORE / "git-daemon"
        for _attempt in range(3):  # the port may be taken between choosing and binding it
            self.port = self.port or free_port()
            self.process = subprocess.Popen(
                [str(program), "--reuseaddr", "--listen=127.0.0.1", f"--port={self.port}",
                 f"--base-path={self.root}", "--export-all", "--enable=receive-pack",
                 "--informative-errors", str(self.root)],
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                start_new_session=True)
            try:
                wait_for_port(self.port, self.process)
                return
            except RuntimeError:
                stop_process(self.process)
                self.port = 0
        raise RuntimeError("git daemon did not start")

    def stop(self) -> None:
        if self.process is not None:
            stop_process(self.process)
            self.process = None

    def url(self, name: str = "blog.git") -> str:
        return f"git://127.0.0.1:{self.port}/{name}"


@pytest.fixture
def git_daemon(tmp_path: Path) -> Iterator[GitDaemon]:
    if not (GIT_CORE / "git-daemon").exists():
        unavailable(f"git daemon is not installed ({GIT_CORE / 'git-daemon'} is missing)")
    root = tmp_path / "daemon-root"
    seed_bare(root)
    daemon = GitDaemon(root)
    daemon.start()
    yield daemon
    daemon.stop()


@pytest.fixture
def daemon_remote(git_daemon: GitDaemon) -> Served:
    return Served(git_daemon.url(), git_daemon.root / "blog.git", "daemon")


# --- smart HTTP with basic authentication ------------------------------------------------------


class _GitHttpHandler(BaseHTTPRequestHandler):
    """`git http-backend` as CGI behind basic authentication (user + token)."""

    server: "_Server"
    protocol_version = "HTTP/1.0"  # one request per connection: the response ends at close

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base's name
        self.server.owner.requests.append(f"{self.command} {self.path} → {args[1] if len(args) > 1 else ''}")

    def do_GET(self) -> None:
        self._serve()

    def do_POST(self) -> None:
        self._serve()

    def _authorised(self) -> str | None:
        owner = self.server.owner
        header = self.headers.get("Authorization", "")
        if not header.startswith("Basic "):
            return None
        try:
            user, _, token = base64.b64decode(header[6:]).decode("utf-8").partition(":")
        except (ValueError, UnicodeDecodeError):
            return None
        good = hmac.compare_digest(user, owner.user) & hmac.compare_digest(token, owner.token)
        return user if good else None

    def _serve(self) -> None:
        owner = self.server.owner
        user = self._authorised()
        if user is None:
            owner.refused += 1
            self.send_response(HTTPStatus.UNAUTHORIZED)
            self.send_header("WWW-Authenticate", 'Basic realm="Postdesk test server"')
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            self.wfile.write(b"Authentication required.\n")
            return
        owner.accepted += 1
        path, _, query = self.path.partition("?")
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "GIT_PROJECT_ROOT": str(owner.root),
            "GIT_HTTP_EXPORT_ALL": "1",
            "REMOTE_USER": user,
            "REMOTE_ADDR": self.client_address[0],
            "PATH_INFO": path,
            "QUERY_STRING": query,
            "REQUEST_METHOD": self.command,
            "CONTENT_TYPE": self.headers.get("Content-Type", ""),
            "GATEWAY_INTERFACE": "CGI/1.1",
            "SERVER_PROTOCOL": "HTTP/1.1",
        }
        for header, var in (("Content-Encoding", "HTTP_CONTENT_ENCODING"), ("Git-Protocol", "GIT_PROTOCOL")):
            if self.headers.get(header):
                env[var] = self.headers[header]
        length = self.headers.get("Content-Length")
        chunked = "chunked" in self.headers.get("Transfer-Encoding", "").lower()
        if length is not None:
            env["CONTENT_LENGTH"] = length
        cut = owner.cut_push_after if path.endswith("/git-receive-pack") and self.command == "POST" else None
        proc = subprocess.Popen([str(GIT_CORE / "git-http-backend")], env=env, stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        assert proc.stdin is not None and proc.stdout is not None
        feeder = threading.Thread(target=self._feed, args=(proc, length, chunked, cut), daemon=True)
        feeder.start()
        feeder.join()
        if self._cut:
            # The server "dies" in the middle of the push: no reply, the connection just closes.
            proc.kill()
            proc.wait()
            owner.cut_push_after = None
            owner.cuts += 1
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
            return
        self._relay(proc)

    _cut = False

    def _feed(self, proc: subprocess.Popen[bytes], length: str | None, chunked: bool, cut: int | None) -> None:
        """Stream the request body (plain or chunked) into http-backend's stdin."""
        assert proc.stdin is not None
        sent = 0
        try:
            for block in self._body(length, chunked):
                sent += len(block)
                if cut is not None and sent > cut:
                    self._cut = True
                    return
                proc.stdin.write(block)
        except BrokenPipeError:
            pass
        finally:
            try:
                proc.stdin.close()
            except BrokenPipeError:
                pass

    def _body(self, length: str | None, chunked: bool) -> Iterator[bytes]:
        if chunked:
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass  # trailers
                    return
                yield self.rfile.read(size)
                self.rfile.readline()
        elif length:
            left = int(length)
            while left > 0:
                block = self.rfile.read(min(left, 65536))
                if not block:
                    return
                left -= len(block)
                yield block

    def _relay(self, proc: subprocess.Popen[bytes]) -> None:
        """Turn the CGI reply (headers, blank line, body) into an HTTP response, streamed."""
        assert proc.stdout is not None
        status, headers = HTTPStatus.OK.value, []
        while True:
            line = proc.stdout.readline().decode("latin-1").rstrip("\r\n")
            if not line:
                break
            name, _, value = line.partition(":")
            if name.lower() == "status":
                status = int(value.strip().split()[0])
            else:
                headers.append((name.strip(), value.strip()))
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        while block := proc.stdout.read1(65536):  # type: ignore[attr-defined]
            self.wfile.write(block)
        proc.wait()


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    owner: "HttpGitServer"


@dataclass
class HttpGitServer:
    """Smart HTTP (`git http-backend`) behind a real HTTP server that wants user + token."""

    root: Path
    user: str = "ann"
    token: str = field(default_factory=lambda: "tok-" + secrets.token_hex(12))
    port: int = 0
    cut_push_after: int | None = None  # set: the next push's connection is dropped after N bytes
    requests: list[str] = field(default_factory=list)
    refused: int = 0
    accepted: int = 0
    cuts: int = 0
    _server: _Server | None = None
    _thread: threading.Thread | None = None

    def start(self) -> None:
        server = _Server(("127.0.0.1", self.port), _GitHttpHandler)
        server.owner = self
        self.port = server.server_address[1]
        self._server = server
        self._thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def url(self, name: str = "blog.git") -> str:
        return f"http://127.0.0.1:{self.port}/{name}"

    @property
    def origin(self) -> str:
        """The URL prefix git's credential helpers key credentials by."""
        return f"http://127.0.0.1:{self.port}"


@pytest.fixture
def http_server(tmp_path: Path) -> Iterator[HttpGitServer]:
    if not (GIT_CORE / "git-http-backend").exists():
        unavailable(f"git http-backend is not installed ({GIT_CORE / 'git-http-backend'} is missing)")
    root = tmp_path / "http-root"
    seed_bare(root)
    server = HttpGitServer(root)
    server.start()
    yield server
    server.stop()


def credentials_file(server: HttpGitServer, folder: Path, token: str | None = None) -> Path:
    """A file for git's `store` credential helper holding the server's user and `token`, as a
    user who set up HTTPS access would have it (outside any repository)."""
    folder.mkdir(parents=True, exist_ok=True)
    creds = folder / "git-credentials"
    creds.write_text(f"http://{server.user}:{token or server.token}@127.0.0.1:{server.port}\n", encoding="utf-8")
    creds.chmod(0o600)
    return creds


@pytest.fixture
def http_remote(http_server: HttpGitServer, tmp_path: Path) -> Served:
    """The blog over HTTP; clones made with `clone` have the right token in a store helper."""
    creds = credentials_file(http_server, tmp_path / "credentials")
    return Served(http_server.url(), http_server.root / "blog.git", "http", creds)


# --- SSH -------------------------------------------------------------------------------------


SSHD_CONFIG = """\
ListenAddress 127.0.0.1
Port {port}
HostKey {host_key}
PidFile none
AuthorizedKeysFile {authorized_keys}
AllowUsers {user}
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
UsePAM no
StrictModes no
UseDNS no
PrintMotd no
LogLevel VERBOSE
"""

SSH_CONFIG = """\
Host *
  IdentityFile {client_key}
  IdentitiesOnly yes
  IdentityAgent none
  UserKnownHostsFile {known_hosts}
  GlobalKnownHostsFile /dev/null
  PasswordAuthentication no
  KbdInteractiveAuthentication no
  ConnectTimeout 10
"""


@dataclass
class SshServer:
    """`sshd` on a free port with a generated host key, one generated client key allowed in, and
    a client set-up (`ssh` shim + config + known_hosts) in the test's tmp folder."""

    folder: Path
    sshd: str
    user: str = field(default_factory=lambda: pwd.getpwuid(os.geteuid()).pw_name)
    port: int = 0
    process: subprocess.Popen[bytes] | None = None

    @property
    def known_hosts(self) -> Path:
        return self.folder / "client" / "known_hosts"

    @property
    def host_public_key(self) -> str:
        return (self.folder / "host_ed25519.pub").read_text(encoding="ascii").split()[1]

    def host_fingerprint(self) -> str:
        out = subprocess.run(["ssh-keygen", "-l", "-E", "sha256", "-f", str(self.folder / "host_ed25519.pub")],
                             capture_output=True, text=True, check=True).stdout
        return out.split()[1]  # "256 SHA256:... comment (ED25519)"

    def prepare(self) -> None:
        client = self.folder / "client"
        (client / "bin").mkdir(parents=True, exist_ok=True)
        for key in (self.folder / "host_ed25519", client / "id_ed25519"):
            subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "postdesk-test", "-f", str(key)],
                           check=True, stdin=subprocess.DEVNULL)
        (self.folder / "authorized_keys").write_text((client / "id_ed25519.pub").read_text())
        self.known_hosts.write_text("")
        (client / "ssh_config").write_text(SSH_CONFIG.format(
            client_key=client / "id_ed25519", known_hosts=self.known_hosts))
        shim = client / "bin" / "ssh"
        real = find_program("ssh", "/usr/bin") or "ssh"
        shim.write_text(f"#!/bin/sh\nexec '{real}' -F '{client / 'ssh_config'}' \"$@\"\n")
        shim.chmod(0o755)
        if os.geteuid() == 0:
            # Debian's sshd (as root) wants its privilege-separation folder, which the ssh
            # service would create at boot.
            Path("/run/sshd").mkdir(mode=0o755, exist_ok=True)

    def protect_client_key(self, passphrase: str) -> None:
        """Give the client's key a passphrase (ssh then asks for it)."""
        key = self.folder / "client" / "id_ed25519"
        subprocess.run(["ssh-keygen", "-q", "-p", "-N", passphrase, "-P", "", "-f", str(key)], check=True,
                       stdin=subprocess.DEVNULL, capture_output=True)

    def refuse_client_key(self) -> None:
        """Let no key in any more (as when the key was never added to the account)."""
        (self.folder / "authorized_keys").write_text("")

    def trust_another_host_key(self) -> None:
        """known_hosts remembers a different key for this server (reinstalled, or an impostor)."""
        other = self.folder / "other_host_key"
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(other)], check=True,
                       stdin=subprocess.DEVNULL)
        key = (self.folder / "other_host_key.pub").read_text().split()[1]
        self.known_hosts.write_text(f"[127.0.0.1]:{self.port} ssh-ed25519 {key}\n")

    def trust_host(self) -> None:
        """Put the server's key into the client's known_hosts, as after a first confirmed visit."""
        self.known_hosts.write_text(f"[127.0.0.1]:{self.port} ssh-ed25519 {self.host_public_key}\n")

    def start(self) -> None:
        for _attempt in range(3):
            self.port = self.port or free_port()
            config = self.folder / "sshd_config"
            config.write_text(SSHD_CONFIG.format(
                port=self.port, host_key=self.folder / "host_ed25519",
                authorized_keys=self.folder / "authorized_keys", user=self.user))
            self.process = subprocess.Popen(
                [self.sshd, "-D", "-f", str(config), "-E", str(self.folder / "sshd.log")],
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                start_new_session=True)
            try:
                wait_for_port(self.port, self.process)
                return
            except RuntimeError:
                stop_process(self.process)
                self.port = 0
        log = (self.folder / "sshd.log").read_text(errors="replace") if (self.folder / "sshd.log").exists() else ""
        raise RuntimeError(f"sshd did not start:\n{log}")

    def stop(self) -> None:
        if self.process is not None:
            stop_process(self.process)
            self.process = None

    def url(self, bare: Path) -> str:
        return f"ssh://{self.user}@127.0.0.1:{self.port}{bare}"

    def log(self) -> str:
        path = self.folder / "sshd.log"
        return path.read_text(errors="replace") if path.exists() else ""


def _locked(user: str) -> bool:
    """Whether /etc/shadow marks `user` as locked (sshd with UsePAM no then lets no one in)."""
    try:
        for line in Path("/etc/shadow").read_text(encoding="utf-8").splitlines():
            name, _, rest = line.partition(":")
            if name == user:
                return rest.startswith("!")
    except OSError:
        pass
    return False


def _start_ssh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, trusted: bool) -> SshServer:
    sshd = find_program("sshd", "/usr/sbin", "/usr/local/sbin", "/sbin")
    if sshd is None or find_program("ssh", "/usr/bin") is None or shutil.which("ssh-keygen") is None:
        unavailable("sshd or the ssh client is not installed (Debian: openssh-server, openssh-client)")
    if os.geteuid() == 0 and _locked("root"):
        unavailable("root's account is locked ('!' in /etc/shadow) and sshd without PAM refuses locked "
                    "accounts; run the tests as another user")
    server = SshServer(tmp_path / "ssh-server", sshd)
    server.folder.mkdir()
    server.prepare()
    seed_bare(server.folder)
    server.start()
    if trusted:
        server.trust_host()
    monkeypatch.setenv("PATH", f"{server.folder / 'client' / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}")
    monkeypatch.delenv("SSH_AUTH_SOCK", raising=False)
    monkeypatch.delenv("GIT_SSH_COMMAND", raising=False)
    monkeypatch.delenv("GIT_SSH", raising=False)
    return server


@pytest.fixture
def ssh_server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[SshServer]:
    """sshd whose host key the client already knows (as after a first confirmed visit)."""
    server = _start_ssh(tmp_path, monkeypatch, trusted=True)
    yield server
    server.stop()


@pytest.fixture
def unknown_ssh_server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[SshServer]:
    """sshd the client has never seen: its known_hosts (in tmp) is empty."""
    server = _start_ssh(tmp_path, monkeypatch, trusted=False)
    yield server
    server.stop()


@pytest.fixture
def ssh_remote(ssh_server: SshServer) -> Served:
    bare = ssh_server.folder / "blog.git"
    return Served(ssh_server.url(bare), bare, "ssh")


@pytest.fixture(params=["file", "daemon", "http", "ssh"])
def served(request: pytest.FixtureRequest, tmp_path: Path) -> Served:
    """The seeded blog on each transport in turn (clones made with `served.clone` can push)."""
    return request.getfixturevalue(f"{request.param}_remote")
