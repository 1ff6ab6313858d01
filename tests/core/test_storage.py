"""Reading and saving post files: the bytes on disk keep their form, and a failed save loses nothing."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from desktop_app.core import storage
from desktop_app.core.errors import EncodingError, SaveFailed
from desktop_app.core.storage import TextForm, decode, encode, read_text, write_atomic, write_text
from tests.core.corpus import NAMES, markdown_files


@pytest.mark.parametrize("data, form", [
    (b"---\ntitle: LF\n---\nBody\n", TextForm("utf-8", False, "\n")),
    (b"---\r\ntitle: CRLF\r\n---\r\nBody\r\n", TextForm("utf-8", False, "\r\n")),
    (b"\xef\xbb\xbf---\ntitle: BOM\n---\nBody\n", TextForm("utf-8", True, "\n")),
    (b"\xef\xbb\xbf---\r\ntitle: BOM + CRLF \xc3\xa9\r\n---\r\nNo final newline", TextForm("utf-8", True, "\r\n")),
    (b"mixed\r\nline\nendings\r\n", TextForm("utf-8", False, "\n")),
    (b"", TextForm("utf-8", False, "\n")),
])
def test_decode_encode_gives_identical_bytes(data: bytes, form: TextForm) -> None:
    loaded = decode(data)
    assert loaded.form == form
    assert not loaded.text.startswith("\ufeff")
    if form.newline == "\r\n":
        assert "\r" not in loaded.text  # the editor sees plain LF text
    assert encode(loaded.text, loaded.form) == data


def test_edited_text_is_saved_in_the_files_form(tmp_path: Path) -> None:
    path = tmp_path / "post.md"
    path.write_bytes(b"\xef\xbb\xbf---\r\ntitle: Old\r\n---\r\nBody\r\n")
    loaded = read_text(path)
    write_text(path, loaded.text.replace("Old", "New") + "More\n", loaded.form)
    assert path.read_bytes() == b"\xef\xbb\xbf---\r\ntitle: New\r\n---\r\nBody\r\nMore\r\n"


@pytest.mark.parametrize("corpus", NAMES)
def test_every_corpus_file_decodes_and_encodes_to_identical_bytes(corpus: str) -> None:
    changed = []
    for path in markdown_files(corpus):
        data = path.read_bytes()
        loaded = decode(data, path.name)
        if encode(loaded.text, loaded.form) != data:
            changed.append(str(path))
    assert not changed, "\n".join(changed[:20])


@pytest.mark.parametrize("data", [b"caf\xe9 latin-1\n", b"\xff\xfe-\x00-\x00-\x00", b"ok\n\x80bad"])
def test_non_utf8_bytes_raise_encoding_error(data: bytes) -> None:
    with pytest.raises(EncodingError) as caught:
        decode(data, "old-post.md")
    assert "old-post.md" in caught.value.message
    assert "UTF-8" in caught.value.message
    assert caught.value.details  # which byte, for the details pane


def test_read_text_names_the_file_in_the_encoding_error(tmp_path: Path) -> None:
    path = tmp_path / "latin.md"
    path.write_bytes("---\ntitle: Café\n---\n".encode("latin-1"))
    with pytest.raises(EncodingError, match="latin.md"):
        read_text(path)


def test_atomic_write_replaces_content_and_keeps_permissions(tmp_path: Path) -> None:
    path = tmp_path / "post.md"
    path.write_bytes(b"old\n")
    path.chmod(0o640)
    write_atomic(path, b"new\n")
    assert path.read_bytes() == b"new\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["post.md"]  # no temp file left behind


def test_atomic_write_keeps_the_executable_bit(tmp_path: Path) -> None:
    path = tmp_path / "script.md"
    path.write_bytes(b"old\n")
    path.chmod(0o755)
    write_atomic(path, b"new\n")
    assert stat.S_IMODE(path.stat().st_mode) == 0o755


def test_new_file_gets_the_umask_mode_like_any_editor(tmp_path: Path) -> None:
    old_umask = os.umask(0o022)
    try:
        write_atomic(tmp_path / "new.md", b"text\n")
        os.umask(0o027)
        write_atomic(tmp_path / "private.md", b"text\n")
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE((tmp_path / "new.md").stat().st_mode) == 0o644
    assert stat.S_IMODE((tmp_path / "private.md").stat().st_mode) == 0o640


def test_failed_replace_keeps_the_old_file_and_says_the_disk_is_full(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "post.md"
    path.write_bytes(b"the old, precious text\n")

    def full_disk(src: str, dst: str) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(storage.os, "replace", full_disk)
    with pytest.raises(SaveFailed) as caught:
        write_text(path, "the new text\n", TextForm())
    assert path.read_bytes() == b"the old, precious text\n"
    assert "disk is full" in caught.value.message
    assert str(path) in caught.value.message
    assert "unchanged" in str(caught.value)  # the hint: nothing was lost
    assert sorted(p.name for p in tmp_path.iterdir()) == ["post.md"]  # the temp file is cleaned up


def test_failed_write_of_a_new_file_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full_disk(src: str, dst: str) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(storage.os, "replace", full_disk)
    with pytest.raises(SaveFailed):
        write_atomic(tmp_path / "new.md", b"x")
    assert list(tmp_path.iterdir()) == []


def test_saving_into_a_missing_folder_fails_clearly(tmp_path: Path) -> None:
    with pytest.raises(SaveFailed) as caught:
        write_atomic(tmp_path / "gone" / "post.md", b"x")
    assert "folder no longer exists" in caught.value.message


def test_permission_error_is_explained(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "post.md"
    path.write_bytes(b"old\n")

    def read_only(src: str, dst: str) -> None:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(storage.os, "replace", read_only)
    with pytest.raises(SaveFailed, match="read-only"):
        write_atomic(path, b"new\n")
    assert path.read_bytes() == b"old\n"


def test_saving_through_a_symlink_writes_the_target_and_keeps_the_link(tmp_path: Path) -> None:
    target = tmp_path / "real.md"
    target.write_bytes(b"old\n")
    link = tmp_path / "link.md"
    link.symlink_to(target)
    write_text(link, "new\n", TextForm())
    assert link.is_symlink()
    assert target.read_bytes() == b"new\n"
