"""Saves that fail: a full disk (a real, small tmpfs), a read-only file, a vanished folder, an I/O
error half-way. Each is said in one sentence, and afterwards the file holds exactly its old bytes
and the editor exactly the writer's text, still unsaved, still journalled."""

from __future__ import annotations

import errno
import subprocess
from pathlib import Path
from typing import Iterator

import pytest

from desktop_app.core.document import storage
from desktop_app.core.document.recovery import RecoveryStore
from desktop_app.core.paths import default_paths
from tests.helpers.desk import errors
from tests.ui.git.test_changes_panel import open_desk

POST = "posts/hello.md"
ORIGINAL = b"---\ntitle: Hello\ndate: 2026-01-05\n---\n\nThe first words.\n"


def small_blog(root: Path) -> Path:
    (root / "posts").mkdir(parents=True)
    (root / POST).write_bytes(ORIGINAL)
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "Start"]):
        subprocess.run(["git", "-C", str(root), *args], check=True)
    return root


@pytest.fixture
def full_disk(tmp_path: Path) -> Iterator[Path]:
    """A blog on a 2 MB tmpfs; the test fills it. Skipped where mounting is not allowed."""
    mount = tmp_path / "small-disk"
    mount.mkdir()
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)], capture_output=True)
    if result.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {result.stderr.decode().strip()}")
    try:
        yield small_blog(mount / "blog")
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def fill(disk: Path) -> Path:
    """Take every free byte of the filesystem `disk` is on."""
    filler = disk / "filler.bin"
    with open(filler, "wb") as out:
        try:
            while True:
                out.write(b"\0" * 65536)
                out.flush()
        except OSError as error:
            assert error.errno == errno.ENOSPC
    return filler


def editing(qtbot, root: Path, words: str = "Mine.\n"):  # noqa: ANN201 - a MainWindow
    """The window on `root` with `words` added to the post, unsaved."""
    window = open_desk(qtbot, root)
    assert window.controller.open_post(POST)
    type_paragraph(window, words)
    return window


def type_paragraph(window, words: str) -> None:
    editor = window.editor_pane.editor
    editor.replace_text(editor.text() + words)


def assert_intact(window, path: Path, typed: str) -> None:
    """The file: its old bytes, no temp file beside it. The editor: the writer's text, unsaved."""
    assert path.read_bytes() == ORIGINAL
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]
    assert window.editor_pane.text() == ORIGINAL.decode() + typed
    assert window.controller.is_modified()


def test_a_full_disk_fails_the_save_and_keeps_file_buffer_and_journal(qtbot, full_disk: Path) -> None:
    window = open_desk(qtbot, full_disk)
    assert window.controller.open_post(POST)
    typed = "A long paragraph. " * 2000
    with qtbot.waitSignal(window.recovery.journal.written, timeout=10000):
        type_paragraph(window, typed)
    filler = fill(full_disk)
    assert not window.controller.save()
    assert errors(window)[-1] == (f"Could not save {full_disk / POST}: the disk is full. "
                                  "Your text is still in the editor and the file on disk is unchanged.")
    assert_intact(window, full_disk / POST, typed)
    journal = RecoveryStore(default_paths().recovery_dir).read(str(full_disk), POST)
    assert journal is not None and journal.text == ORIGINAL.decode() + typed  # kept elsewhere too
    filler.unlink()
    assert window.controller.save()
    assert (full_disk / POST).read_bytes() == ORIGINAL + typed.encode()
    window.close()


def test_a_read_only_file_is_refused_and_nothing_changes(qtbot, tmp_path: Path) -> None:
    root = small_blog(tmp_path / "blog")
    window = editing(qtbot, root)
    path = root / POST
    path.chmod(0o444)
    assert not window.controller.save()
    assert "read-only" in errors(window)[-1]
    assert_intact(window, path, "Mine.\n")
    path.chmod(0o644)
    assert window.controller.save()
    assert path.read_bytes() == ORIGINAL + b"Mine.\n"
    window.close()


def test_a_folder_deleted_under_the_post_is_said_and_the_text_kept(qtbot, tmp_path: Path) -> None:
    root = small_blog(tmp_path / "blog")
    window = editing(qtbot, root)
    (root / POST).unlink()
    (root / "posts").rmdir()
    qtbot.waitUntil(lambda: "deleted or moved" in window.editor_pane.messages.text("disk"), timeout=10000)
    window.context.notifier.answers = [True]  # "Save your text there again?"
    assert not window.controller.save()
    assert "its folder no longer exists" in errors(window)[-1]
    assert window.editor_pane.text() == ORIGINAL.decode() + "Mine.\n" and window.controller.is_modified()
    assert not (root / "posts").exists()  # nothing recreated behind the writer's back
    window.context.notifier.answers[:] = ["discard"]
    window.close()


def test_an_io_error_half_way_through_the_write_leaves_the_old_file(qtbot, tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    root = small_blog(tmp_path / "blog")
    window = editing(qtbot, root)

    def failing_fsync(fd: int) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(storage.os, "fsync", failing_fsync)
    assert not window.controller.save()
    assert errors(window)[-1].startswith(f"Could not save {root / POST}: Input/output error.")
    assert_intact(window, root / POST, "Mine.\n")
    monkeypatch.undo()
    assert window.controller.save()
    window.close()
