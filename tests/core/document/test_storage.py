"""Reading and saving post files: the bytes on disk keep their form, and a failed save loses nothing."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from desktop_app.core.document import storage
from desktop_app.core.document.storage import (
    TextForm,
    decode,
    editor_form,
    editor_hazard,
    editor_safe,
    encode,
    read_text,
    write_atomic,
    write_text,
)
from desktop_app.core.errors import BinaryFile, OutsideRepository, SaveFailed
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


@pytest.mark.parametrize("data, encoding, name", [
    ("---\ntitle: Café – naïve\n---\n“Quotes”\n".encode("cp1252"), "cp1252", "Windows-1252"),
    ("---\ntitle: Straße\n---\n\x81 and ÿ\n".encode("latin-1"), "latin-1", "Latin-1"),
])
def test_legacy_encodings_are_read_as_themselves_said_and_saved_byte_for_byte(
        data: bytes, encoding: str, name: str) -> None:
    loaded = decode(data, "old-post.md")
    assert loaded.form.encoding == encoding and loaded.form.legacy
    assert "old-post.md is not UTF-8" in loaded.warning and name in loaded.warning
    assert encode(loaded.text, loaded.form) == data
    assert "title: " in loaded.text and "\ufffd" not in loaded.text


@pytest.mark.parametrize("text, encoding, bom", [
    ("---\ntitle: Ünïcode\n---\nBody\r\n", "utf-16-le", True),
    ("---\ntitle: Ünïcode\n---\nBody\n", "utf-16-be", True),
    ("---\ntitle: Ünïcode\n---\nBody\n", "utf-32-le", True),
    ("---\ntitle: Ünïcode\n---\nBody\n", "utf-16-le", False),
])
def test_utf16_and_utf32_posts_open_and_save_in_their_encoding(text: str, encoding: str, bom: bool) -> None:
    marks = {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff", "utf-32-le": b"\xff\xfe\x00\x00"}
    data = (marks[encoding] if bom else b"") + text.encode(encoding)
    loaded = decode(data)
    assert (loaded.form.encoding, loaded.form.bom) == (encoding, bom)
    assert loaded.text.startswith("---\ntitle: Ünïcode") and not loaded.warning
    assert encode(loaded.text + "More\n", loaded.form) == data + "More\n".encode(encoding)


@pytest.mark.parametrize("data", [
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",  # an image named like a post
    bytes(range(256)) * 4,
    b"\x00" * 64,
])
def test_binary_files_are_refused_with_a_reason(data: bytes) -> None:
    with pytest.raises(BinaryFile) as caught:
        decode(data, "cover.md")
    assert caught.value.message == "cover.md is a binary file, not text, so Postdesk does not open it."
    assert caught.value.details


def test_nul_bytes_in_a_text_post_are_kept_and_pointed_out() -> None:
    data = b"---\ntitle: Odd\n---\nA stray \x00 byte.\n"
    loaded = decode(data, "odd.md")
    assert "NUL" in loaded.warning and "line 4" in loaded.warning
    assert encode(loaded.text, loaded.form) == data


def test_read_text_names_the_file_in_the_encoding_warning(tmp_path: Path) -> None:
    path = tmp_path / "latin.md"
    path.write_bytes("---\ntitle: Café\n---\n".encode("latin-1"))
    assert read_text(path).warning.startswith("latin.md is not UTF-8")


def test_a_character_the_legacy_encoding_lacks_fails_the_save_and_keeps_the_file(tmp_path: Path) -> None:
    path = tmp_path / "old.md"
    data = "---\ntitle: Café\n---\nBody\n".encode("cp1252")
    path.write_bytes(data)
    loaded = read_text(path)
    with pytest.raises(SaveFailed) as caught:
        write_text(path, loaded.text + "Now with 漢字\n", loaded.form)
    assert "“漢” (U+6F22, line 5) cannot be written in Windows-1252" in caught.value.message
    assert path.read_bytes() == data


@pytest.mark.parametrize("text, hazard, newline", [
    ("a\r\nb\nc\r\nd\r\n", "mixed line endings", "\r\n"),
    ("a\rb\rc\n", "mixed line endings", "\n"),
    ("a\nb\u2029c\n", "paragraph separator", "\n"),
])
def test_what_an_editor_widget_would_rewrite_is_named_with_its_line(text: str, hazard: str, newline: str) -> None:
    assert hazard in editor_hazard(text)
    assert editor_form(text, TextForm()).newline == newline
    assert "\r" not in editor_safe(text) and "\u2029" not in editor_safe(text)
    assert editor_hazard("plain\ntext\n") == ""


def test_a_read_only_file_is_not_replaced_even_though_its_folder_is_writable(tmp_path: Path) -> None:
    path = tmp_path / "locked.md"
    path.write_bytes(b"the old text\n")
    path.chmod(0o444)
    with pytest.raises(SaveFailed, match="read-only"):
        write_atomic(path, b"new\n")
    assert path.read_bytes() == b"the old text\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["locked.md"]


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
    write_text(link, "new\n", TextForm(), inside=tmp_path)  # a link within the repository
    assert link.is_symlink()
    assert target.read_bytes() == b"new\n"


def test_a_link_leading_outside_the_repository_is_neither_read_nor_written(tmp_path: Path) -> None:
    (tmp_path / "repo").mkdir()
    victim = tmp_path / "victim.md"
    victim.write_bytes(b"---\ntitle: Victim\n---\n")
    link = tmp_path / "repo/link.md"
    link.symlink_to(victim)
    with pytest.raises(OutsideRepository, match="link.md leads outside the repository .* does not open it"):
        read_text(link, inside=tmp_path / "repo")
    with pytest.raises(OutsideRepository, match="does not save it"):
        write_text(link, "---\ntitle: X\n---\n", TextForm(), inside=tmp_path / "repo")
    with pytest.raises(OutsideRepository):
        write_atomic(tmp_path / "repo/../elsewhere.md", b"x", inside=tmp_path / "repo")
    assert victim.read_bytes() == b"---\ntitle: Victim\n---\n" and link.is_symlink()
    assert not (tmp_path / "elsewhere.md").exists()
