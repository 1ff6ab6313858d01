"""Read post files into editor text and write them back atomically in their original form.

The editor always holds LF text without a BOM; `TextForm` remembers what the file had (encoding,
BOM, newline style) so a save writes the same form back, and an unedited buffer saves to
identical bytes. Files that are not UTF-8 are read in the encoding they are in (UTF-16/32 by
their BOM or their zero bytes, else a legacy 8-bit code page) and say so; a binary file is refused.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from dataclasses import dataclass, replace
from pathlib import Path

from desktop_app.core.confine import require_inside
from desktop_app.core.errors import BinaryFile, SaveFailed

BOM_BYTES = b"\xef\xbb\xbf"
# Longest first: the UTF-32-LE mark starts with the UTF-16-LE one.
BOMS = (("utf-32-le", b"\xff\xfe\x00\x00"), ("utf-32-be", b"\x00\x00\xfe\xff"), ("utf-8", BOM_BYTES),
        ("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"))
UNICODE = {"utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"}
# Tried in order for bytes that are not UTF-8; latin-1 reads any byte, so something always fits.
LEGACY = ("cp1252", "latin-1")
ENCODING_NAMES = {"utf-8": "UTF-8", "utf-16-le": "UTF-16", "utf-16-be": "UTF-16 (big-endian)",
                  "utf-32-le": "UTF-32", "utf-32-be": "UTF-32 (big-endian)", "cp1252": "Windows-1252",
                  "latin-1": "Latin-1 (ISO-8859-1)"}
SNIFF = 8000  # bytes looked at to tell text from binary, as git does
# Control characters a text file does not contain (tab, newlines and form feed are text).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")


def encoding_name(encoding: str) -> str:
    return ENCODING_NAMES.get(encoding, encoding)


@dataclass(frozen=True)
class TextForm:
    """How a file spells its text on disk."""

    encoding: str = "utf-8"
    bom: bool = False
    newline: str = "\n"

    @property
    def legacy(self) -> bool:
        """Not a Unicode encoding: characters outside its code page cannot be saved."""
        return self.encoding not in UNICODE


@dataclass(frozen=True)
class LoadedText:
    text: str  # LF newlines, no BOM
    form: TextForm
    warning: str = ""  # something odd about the file the writer should know before editing it


def plain_text(data: bytes) -> str | None:
    """The text of a file in the form most posts have (UTF-8 without a BOM, LF newlines, no zero
    byte, no control character among its first characters), which `decode` reads with the
    default `TextForm` and no warning; None for any other file. Its checks are one C pass over
    the head: a library scan reads thousands of files."""
    head = data[:4 * SNIFF]
    if len(head.translate(None, _NOT_PLAIN_BYTES)) != len(head) or data.startswith(BOM_BYTES) or (
            len(data) > len(head) and (b"\0" in data or b"\r" in data)):
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


_PLAIN_FORM = TextForm()


def decode(data: bytes, name: str = "file") -> LoadedText:
    """Bytes of a post → editor text and its form. BinaryFile for data that is not text."""
    text = plain_text(data)
    if text is not None:
        return LoadedText(text, _PLAIN_FORM)
    encoding, bom = _sniff_encoding(data)
    body = data[len(dict(BOMS)[encoding]):] if bom else data
    warning = ""
    if encoding == "utf-8":
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError as error:
            if b"\0" in body[:SNIFF]:
                raise BinaryFile(name, f"byte {error.start} is not UTF-8 and the file holds zero bytes") from error
            encoding = next(code for code in LEGACY if _decodes(body, code))
            text = body.decode(encoding)
            warning = (f"{name} is not UTF-8: it was read as {encoding_name(encoding)} (byte {error.start} "
                       f"is {body[error.start]:#04x}).")
    else:
        try:
            text = body.decode(encoding)
        except UnicodeDecodeError as error:
            raise BinaryFile(name, f"byte {error.start} is not {encoding_name(encoding)}") from error
    if (encoding != "utf-8" or _has_control_bytes(body)) and _looks_binary(text):
        raise BinaryFile(name, "most of its first characters are control characters")
    if not warning and "\0" in text:
        line = text.count("\n", 0, text.index("\0")) + 1
        warning = (f"{name} contains zero (NUL) bytes, first on line {line}. Postdesk keeps them, "
                   "but most tools treat such a file as binary.")
    crlf = text.count("\r\n") if "\r" in text else 0
    newline = "\r\n" if crlf and crlf == text.count("\n") else "\n"
    if newline == "\r\n":
        text = text.replace("\r\n", "\n")
    return LoadedText(text, TextForm(encoding, bom, newline), warning)


def _sniff_encoding(data: bytes) -> tuple[str, bool]:
    """The encoding by its byte-order mark, or UTF-16 by its pattern of zero bytes, else UTF-8."""
    for encoding, mark in BOMS:
        if data.startswith(mark):
            return encoding, True
    head = data[:SNIFF - SNIFF % 4]
    if b"\0" not in head:  # the common case, found at C speed: no zero byte, so not UTF-16
        return "utf-8", False
    if len(head) >= 4 and len(head) % 2 == 0:
        even, odd = head[0::2], head[1::2]
        # ASCII-heavy UTF-16 text: one byte of every pair is zero, the other almost never.
        if odd.count(0) > 0.9 * len(odd) and even.count(0) < 0.1 * len(even) and _decodes(data, "utf-16-le"):
            return "utf-16-le", False
        if even.count(0) > 0.9 * len(even) and odd.count(0) < 0.1 * len(odd) and _decodes(data, "utf-16-be"):
            return "utf-16-be", False
    return "utf-8", False


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


_CONTROL_BYTES = bytes(code for code in range(0x20) if chr(code) not in "\t\n\x0c\r")
_NOT_PLAIN_BYTES = _CONTROL_BYTES + b"\r"  # zero bytes are among the control bytes


def _has_control_bytes(data: bytes) -> bool:
    """Whether UTF-8 `data` may have a control character among its first SNIFF characters (they
    are single bytes in UTF-8, and SNIFF characters take at most 4 × SNIFF bytes): a quick C pass
    that spares most files the character count of `_looks_binary`."""
    head = data[:4 * SNIFF]
    return len(head.translate(None, _CONTROL_BYTES)) != len(head)


def _looks_binary(text: str) -> bool:
    head = text[:SNIFF]
    return len(head) >= 16 and len(_CONTROL.findall(head)) > 0.3 * len(head)


def encode(text: str, form: TextForm) -> bytes:
    """Editor text → the file's bytes; UnicodeEncodeError when a character has no place in a legacy
    encoding (write_text turns it into a SaveFailed naming the character)."""
    if form.newline != "\n":
        text = text.replace("\n", form.newline)
    mark = dict(BOMS)[form.encoding] if form.bom else b""
    return mark + text.encode(form.encoding)


def read_sized(name: str, size: int) -> bytes:
    """The bytes of the file at `name`, which a `stat` just said holds `size`: one `open`, one
    `read` and one `close` (Python's `open` and `read` add an `fstat`, an `ioctl`, an `lseek`
    and a last empty `read`: a library scan reads thousands of files). A read shorter than asked
    is the end of a regular file; a file that grew since its `stat` is read to its end. OSError
    as `open(name, "rb").read()` raises it."""
    try:
        descriptor = os.open(name, _READ_FLAGS)
    except OSError:
        return _read_plainly(name)
    try:
        data = os.read(descriptor, size + 1)
        if len(data) > size:  # larger than its `stat` said: the rest, to the end
            parts = [data]
            while part := os.read(descriptor, 1 << 20):
                parts.append(part)
            data = b"".join(parts)
    except OSError:
        data = None  # a directory, a device …: the error `open` and `read` give, with the name
    finally:
        os.close(descriptor)
    return _read_plainly(name) if data is None else data


def _read_plainly(name: str) -> bytes:
    with open(name, "rb") as file:
        return file.read()


_READ_FLAGS = os.O_RDONLY | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)


def read_text(path: Path, inside: Path | None = None) -> LoadedText:
    """A post's text; with `inside` (its repository), OutsideRepository when the file's real
    path leaves it, as a link to the writer's other files would."""
    if inside is not None:
        require_inside(path, inside, "open")
    return decode(path.read_bytes(), path.name)


def editor_hazard(text: str) -> str:
    """What a text editor widget would rewrite in `text` even if the writer changes nothing: a
    carriage return it turns into a line break (mixed or old Mac line endings) or a paragraph
    separator (U+2029). "" when it keeps every character."""
    for char, what in (("\r", "mixed line endings (some lines end in CR LF, others in LF or CR)"),
                       ("\u2029", "a paragraph separator character (U+2029)")):
        index = text.find(char)
        if index >= 0:
            return f"{what}, first on line {text.count(chr(10), 0, index) + 1}"
    return ""


def editor_form(text: str, form: TextForm) -> TextForm:
    """The form a save uses once the editor has made `text`'s odd line breaks plain: the line
    ending most of its lines had."""
    if "\r" not in text:
        return form
    crlf = text.count("\r\n")
    others = text.count("\n") - crlf + text.count("\r") - crlf
    return replace(form, newline="\r\n" if crlf > others else "\n")


def editor_safe(text: str) -> str:
    """`text` with what `editor_hazard` names made plain line breaks (what the editor will show)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2029", "\n")


def write_atomic(path: Path, data: bytes, mode: int | None = None, inside: Path | None = None) -> None:
    """Replace `path` with `data` via a temp file in the same folder; the old file survives errors.

    A file without write permission is refused: the rename would replace it all the same (the
    folder is writable), which would defeat the point of making it read-only. `mode` sets the
    permissions of the result (default: the file's own, or the umask's for a new file). With
    `inside` (the repository), a path whose real path leaves it is refused (OutsideRepository).
    """
    if inside is not None:
        require_inside(path, inside, "save")
    if path.is_symlink():
        path = path.resolve()  # write the link's target (inside the repository); replacing the link would cut it
    folder = path.parent
    try:
        existing = path.stat() if path.exists() else None
        if existing is not None and not existing.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
            raise OSError(errno.EACCES, "read-only file")
        if existing is not None and not os.access(path, os.W_OK):
            raise OSError(errno.EACCES, "no write permission")
        # mkstemp makes 0600 files; a new post gets the mode any editor would give it (umask).
        if mode is None:
            mode = stat.S_IMODE(existing.st_mode) if existing is not None else _new_file_mode()
        import tempfile  # on first save: reading posts (a `postdesk list`) needs none of it

        handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise SaveFailed(str(path), failure_reason(error)) from error
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
        raise SaveFailed(str(path), failure_reason(error)) from error


def _new_file_mode() -> int:
    umask = os.umask(0o022)  # reading the umask means setting it; put it straight back
    os.umask(umask)
    return 0o666 & ~umask


def write_text(path: Path, text: str, form: TextForm, inside: Path | None = None) -> None:
    """Write a post in its form; `inside` as for `write_atomic`."""
    try:
        data = encode(text, form)
    except UnicodeEncodeError as error:
        char = error.object[error.start]
        line = error.object.count(form.newline, 0, error.start) + 1
        raise SaveFailed(str(path), f"“{char}” (U+{ord(char):04X}, line {line}) cannot be written in "
                         f"{encoding_name(form.encoding)}, the file's encoding") from error
    write_atomic(path, data, inside=inside)


def failure_reason(error: OSError) -> str:
    """Why a write failed, in words a writer understands."""
    if error.errno == errno.ENOSPC:
        return "the disk is full"
    if error.errno == errno.EROFS:
        return "the disk is read-only"
    if error.errno in (errno.EACCES, errno.EPERM):
        return "the file or its folder is read-only"
    if error.errno == errno.ENOENT:
        return "its folder no longer exists"
    return error.strerror or str(error)
