"""Read post files into editor text and write them back atomically in their original form.

The editor always holds LF text without a BOM; `TextForm` remembers what the file had (encoding,
BOM, newline style) so a save writes the same form back, and an unedited buffer saves to
identical bytes.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

from desktop_app.core.errors import EncodingError, SaveFailed

BOM_BYTES = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class TextForm:
    """How a file spells its text on disk."""

    encoding: str = "utf-8"
    bom: bool = False
    newline: str = "\n"


@dataclass(frozen=True)
class LoadedText:
    text: str  # LF newlines, no BOM
    form: TextForm


def decode(data: bytes, name: str = "file") -> LoadedText:
    """Bytes of a post → editor text and its form; EncodingError for non-UTF-8 bytes."""
    bom = data.startswith(BOM_BYTES)
    if bom:
        data = data[len(BOM_BYTES):]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise EncodingError(name, f"byte {error.start}: {error.reason}") from error
    crlf = text.count("\r\n")
    newline = "\r\n" if crlf and crlf == text.count("\n") else "\n"
    if newline == "\r\n":
        text = text.replace("\r\n", "\n")
    return LoadedText(text, TextForm("utf-8", bom, newline))


def encode(text: str, form: TextForm) -> bytes:
    if form.newline != "\n":
        text = text.replace("\n", form.newline)
    return (BOM_BYTES if form.bom else b"") + text.encode(form.encoding)


def read_text(path: Path) -> LoadedText:
    return decode(path.read_bytes(), path.name)


def write_atomic(path: Path, data: bytes) -> None:
    """Replace `path` with `data` via a temp file in the same folder; the old file survives errors."""
    if path.is_symlink():
        path = path.resolve()  # write the link's target; replacing the link would cut it
    folder = path.parent
    try:
        # mkstemp makes 0600 files; a new post gets the mode any editor would give it (umask).
        mode = stat.S_IMODE(path.stat().st_mode) if path.exists() else _new_file_mode()
        handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise SaveFailed(str(path), _reason(error)) from error
    try:
        with os.fdopen(handle, "wb") as temp:
            temp.write(data)
            temp.flush()
            os.fsync(temp.fileno())
        os.chmod(temp_name, mode)
        os.replace(temp_name, path)
    except OSError as error:
        try:
            os.unlink(temp_name)
        except OSError:
            pass
        raise SaveFailed(str(path), _reason(error)) from error


def _new_file_mode() -> int:
    umask = os.umask(0o022)  # reading the umask means setting it; put it straight back
    os.umask(umask)
    return 0o666 & ~umask


def write_text(path: Path, text: str, form: TextForm) -> None:
    write_atomic(path, encode(text, form))


def _reason(error: OSError) -> str:
    if error.errno == errno.ENOSPC:
        return "the disk is full"
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "permission denied (the file or folder is read-only)"
    if error.errno == errno.ENOENT:
        return "its folder no longer exists"
    return error.strerror or str(error)
