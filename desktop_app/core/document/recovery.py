"""The recovery journal: unsaved edits kept outside the working tree until the post is saved.

While a writer types, the open post's text is written every few idle seconds to one JSON file
per post in the user's data folder (`AppPaths.recovery_dir`), never next to or over the post.
Saving the post (or discarding its edits on purpose) clears its entry. After a crash or a
`kill -9`, the entries left behind are offered on the next start, each with the file on disk to
compare against.

A running Postdesk holds a lock on its session file; entries whose session is still locked
belong to a live window (another Postdesk on the same repository) and are not offered. The
session files of runs that were killed are removed at the next start; a lock someone holds is
never touched.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
import uuid
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Callable

from desktop_app.core.document.storage import TextForm, failure_reason, write_atomic
from desktop_app.core.errors import PostdeskError, SaveFailed

try:  # POSIX; on Windows the session check falls back to "is the writing process alive"
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

FORMAT_VERSION = 1
ENTRY_SUFFIX = ".json"
SESSION_PREFIX = "session-"


def text_digest(text: str | None) -> str:
    """A short fingerprint of a text, to tell whether the file changed since the edit began."""
    if text is None:
        return ""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]


@dataclass(frozen=True)
class RecoveryEntry:
    """The unsaved text of one post, as last journalled."""

    repository: str  # absolute path of the repository's root
    path: str  # the post, relative to the repository (POSIX)
    text: str  # the editor's text (LF, no BOM)
    base: str  # text_digest of the file's text the edits started from
    written_at: float  # seconds since the epoch
    session: str  # the Postdesk run that wrote it
    new_post: bool = False  # no file held the post when this was written (never saved, or deleted)
    encoding: str = "utf-8"
    bom: bool = False
    newline: str = "\n"

    @property
    def form(self) -> TextForm:
        return TextForm(self.encoding, self.bom, self.newline)

    def to_json(self) -> dict[str, Any]:
        return {"version": FORMAT_VERSION, **asdict(self)}

    @classmethod
    def from_json(cls, data: Any) -> "RecoveryEntry":
        if not isinstance(data, dict) or data.get("version") != FORMAT_VERSION:
            raise ValueError("not a recovery entry of this version")
        fields = {name: data[name] for name in cls.__dataclass_fields__ if name in data}
        if not all(isinstance(fields.get(name), str) for name in ("repository", "path", "text", "base", "session")):
            raise ValueError("a text field is not text")
        return cls(**fields)


@dataclass(frozen=True)
class RecoveryOffer:
    """An entry left behind by a run that ended without saving, and the file as it is now."""

    entry: RecoveryEntry
    on_disk: str | None  # None: the file is gone (deleted, moved, or never saved)
    unreadable: str = ""  # why the file on disk could not be read, if it could not

    @property
    def changed_on_disk(self) -> bool:
        """The file changed after the edits began (a pull, another editor)."""
        return self.on_disk is not None and text_digest(self.on_disk) != self.entry.base

    @property
    def gone(self) -> bool:
        """No file holds the post now: never saved, or deleted since."""
        return self.on_disk is None and not self.unreadable


def entry_name(repository: str, path: str) -> str:
    key = hashlib.sha256(f"{repository}\0{path}".encode("utf-8", "surrogatepass")).hexdigest()[:24]
    return key + ENTRY_SUFFIX


class RecoveryStore:
    """The journal folder. Writes are atomic; unreadable entries are left where they are."""

    def __init__(self, folder: Path, session: str | None = None) -> None:
        self.folder = folder
        self.session = session or uuid.uuid4().hex
        self._lock_handle: int | None = None

    # --- this run's session ----------------------------------------------------------------------

    def open_session(self) -> None:
        """Mark this run as alive (a lock held until the process ends, however it ends), and
        remove the session files that killed runs left behind."""
        self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        lock = self._session_file(self.session)
        while True:
            handle = os.open(lock, os.O_RDWR | os.O_CREAT, 0o600)
            if fcntl is None:  # pragma: no cover - Windows
                break
            # Waits only while another start's sweep holds it for a moment (nobody else knows the
            # name). That sweep may have removed the file between its creation and this lock: a
            # lock on a file no longer in the folder would tell nobody this run is alive.
            fcntl.flock(handle, fcntl.LOCK_EX)
            if _same_file(handle, lock):
                break
            os.close(handle)
        os.write(handle, str(os.getpid()).encode())
        self._lock_handle = handle
        self.remove_ended_sessions()

    def remove_ended_sessions(self) -> int:
        """Delete the session files of runs that ended without closing (killed, crashed, power
        lost): whoever can take a file's lock knows its run is over. How many were removed."""
        if fcntl is None:  # pragma: no cover - Windows: no lock to prove a run is over
            return 0
        removed = 0
        for lock in self.folder.glob(f"{SESSION_PREFIX}*.lock"):
            if lock.name == self._session_file(self.session).name:
                continue
            try:
                handle = os.open(lock, os.O_RDWR)
            except OSError:
                continue  # gone already (another start swept it)
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                os.close(handle)
                continue  # held: a live run
            try:
                if _same_file(handle, lock):  # still the file we locked, not a new one of that name
                    lock.unlink()
                    removed += 1
            except OSError:
                pass
            finally:
                os.close(handle)
        return removed

    def close_session(self) -> None:
        """A normal exit: release the lock and remove the session file."""
        if self._lock_handle is None:
            return
        try:
            os.close(self._lock_handle)
            self._session_file(self.session).unlink(missing_ok=True)
        except OSError:
            pass
        self._lock_handle = None

    def _session_file(self, session: str) -> Path:
        return self.folder / f"{SESSION_PREFIX}{session}.lock"

    def session_alive(self, session: str) -> bool:
        """Whether the run that wrote an entry is still running (its lock is held)."""
        if session == self.session:
            return True
        lock = self._session_file(session)
        try:
            handle = os.open(lock, os.O_RDWR)
        except OSError:
            return False  # no session file: that run ended
        try:
            if fcntl is None:  # pragma: no cover - Windows
                return _pid_alive(os.read(handle, 32))
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                return True  # someone holds it
            lock.unlink(missing_ok=True)  # a dead run's file: tidy it away
            return False
        finally:
            os.close(handle)

    # --- entries ---------------------------------------------------------------------------------

    def write(self, repository: str, path: str, text: str, base: str, form: TextForm) -> RecoveryEntry:
        """Journal `text` for the post; SaveFailed (a full disk, say) for the caller to report."""
        new_post = not (Path(repository) / path).exists()
        entry = RecoveryEntry(repository, path, text, base, time.time(), self.session, new_post,
                              form.encoding, form.bom, form.newline)
        data = json.dumps(entry.to_json(), ensure_ascii=False).encode("utf-8", "surrogatepass")
        try:
            self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        except OSError as error:
            raise SaveFailed(str(self.folder), failure_reason(error)) from error
        write_atomic(self.folder / entry_name(repository, path), data, mode=0o600)
        return entry

    def clear(self, repository: str, path: str) -> None:
        """Forget the post's unsaved text: it was saved, or the writer discarded it."""
        try:
            (self.folder / entry_name(repository, path)).unlink(missing_ok=True)
        except OSError:
            pass  # a stale entry is offered again and matches the saved file: harmless

    def read(self, repository: str, path: str) -> RecoveryEntry | None:
        return _read_entry(self.folder / entry_name(repository, path))

    def entries(self, repository: str) -> list[RecoveryEntry]:
        """This repository's entries, oldest first (any session)."""
        if not self.folder.is_dir():
            return []
        found = []
        for file in self.folder.glob(f"*{ENTRY_SUFFIX}"):
            entry = _read_entry(file)
            if entry is not None and entry.repository == repository:
                found.append(entry)
        return sorted(found, key=lambda entry: entry.written_at)

    def offers(self, repository: str, read_disk: Callable[[str], str | None]) -> list[RecoveryOffer]:
        """Entries of ended runs that hold text the file does not; entries the file already holds
        (saved, but the run ended before clearing) are cleared here."""
        offers = []
        for entry in self.entries(repository):
            if self.session_alive(entry.session):
                continue  # this window's or another live window's post, being edited right now
            try:
                on_disk, unreadable = read_disk(entry.path), ""
            except (OSError, ValueError, PostdeskError) as error:
                on_disk, unreadable = None, str(error)
            if on_disk is not None and on_disk == entry.text:
                self.clear(repository, entry.path)
                continue
            offers.append(RecoveryOffer(entry, on_disk, unreadable))
        return offers


def _read_entry(file: Path) -> RecoveryEntry | None:
    try:
        return RecoveryEntry.from_json(json.loads(file.read_bytes().decode("utf-8", "surrogatepass")))
    except (OSError, ValueError, KeyError, TypeError):
        return None  # half-written by a crash of an old version, or not ours: leave it alone


def _same_file(handle: int, path: Path) -> bool:
    """Whether the open file `handle` is the one `path` names now."""
    try:
        opened, named = os.fstat(handle), path.stat()
    except OSError:
        return False
    return (opened.st_dev, opened.st_ino) == (named.st_dev, named.st_ino)


def _pid_alive(data: bytes) -> bool:  # pragma: no cover - Windows only
    try:
        pid = int(data.decode().strip())
        os.kill(pid, 0)
    except (ValueError, OSError):
        return False
    return True
