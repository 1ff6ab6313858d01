"""Odd and hostile files in the real window: each gets a clear message, nothing is mangled, and
Postdesk keeps working. Every test checks the exact bytes on disk afterwards."""

from __future__ import annotations

from pathlib import Path

from tests.helpers.desk import errors, notes
from tests.ui.git.test_changes_panel import commit_through_panel

CP1252 = "posts/old-windows-post.md"
MIXED = "posts/mixed-endings.md"


def put(desk, relative: str, data: bytes) -> Path:
    path = desk.sample.root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def type_at_end(qtbot, desk, words: str) -> None:
    """Key presses for ASCII; other characters as an input method would insert them (QTest has
    no keys for them)."""
    editor = desk.editor_pane.editor
    editor.setFocus()
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    for char in words:
        if char.isascii():
            qtbot.keyClick(editor, char)
        else:
            editor.textCursor().insertText(char)


def test_a_windows_1252_post_opens_read_only_and_edits_in_its_own_encoding(qtbot, desk) -> None:
    data = "---\ntitle: Café – “quoted”\n---\nNaïve text.\n".encode("cp1252")
    path = put(desk, CP1252, data)
    assert desk.controller.open_post(CP1252)
    bar, editor = desk.editor_pane.messages, desk.editor_pane.editor
    assert "Café – “quoted”" in editor.text()  # read right, not as mojibake
    assert "not UTF-8" in bar.text("locked") and "Windows-1252" in bar.text("locked")
    assert editor.isReadOnly() and not desk.form.isEnabled() and not desk.controller.is_modified()
    desk.controller.apply_field("title", "Changed through the form")  # as a form edit would
    assert "Changed through" not in editor.text()
    assert not desk.controller.save() and path.read_bytes() == data
    bar.trigger("locked", "Edit as Windows-1252")
    assert not editor.isReadOnly() and desk.form.isEnabled()
    type_at_end(qtbot, desk, "Más.")
    assert desk.controller.save()
    assert path.read_bytes() == data + "Más.".encode("cp1252")


def test_converting_a_legacy_post_to_utf8_is_an_unsaved_change_until_saved(qtbot, desk) -> None:
    data = "---\ntitle: Café\n---\nBody\n".encode("cp1252")
    path = put(desk, CP1252, data)
    assert desk.controller.open_post(CP1252)
    desk.editor_pane.messages.trigger("locked", "Convert to UTF-8")
    assert desk.controller.is_modified() and path.read_bytes() == data
    assert desk.controller.save()
    assert path.read_bytes() == "---\ntitle: Café\n---\nBody\n".encode("utf-8")


def test_mixed_line_endings_stay_untouched_until_the_writer_edits(qtbot, desk) -> None:
    data = b"---\r\ntitle: Mixed\r\n---\r\nWindows line\r\nUnix line\nWindows again\r\n"
    path = put(desk, MIXED, data)
    assert desk.controller.open_post(MIXED)
    bar = desk.editor_pane.messages
    assert "mixed line endings" in bar.text("locked") and "CR LF" in bar.text("locked")
    assert desk.editor_pane.editor.isReadOnly() and not desk.controller.is_modified()
    desk.controller.open_post("posts/caching-unsung-hero.md")  # leaving asks nothing and writes nothing
    assert not [kind for kind, _m in desk.context.notifier.history if kind == "unsaved"]
    assert path.read_bytes() == data
    assert desk.controller.open_post(MIXED)
    bar.trigger("locked", "Edit anyway")
    type_at_end(qtbot, desk, "Added")
    assert desk.controller.save()
    assert path.read_bytes() == b"---\r\ntitle: Mixed\r\n---\r\nWindows line\r\nUnix line\r\nWindows again\r\nAdded"


def test_a_binary_file_named_like_a_post_is_refused_and_the_open_post_stays(qtbot, desk) -> None:
    before = desk.controller.document.path
    put(desk, "posts/cover.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00")
    assert not desk.controller.open_post("posts/cover.md")
    assert errors(desk)[-1].startswith("posts/cover.md is a binary file, not text")
    assert desk.controller.document.path == before and not desk.editor_pane.editor.isReadOnly()
    desk.controller.refresh_library()
    qtbot.waitUntil(lambda: desk.library.post("posts/cover.md") is not None, timeout=10000)
    assert "binary file" in desk.library.post("posts/cover.md").error


def test_nul_bytes_are_said_and_kept_byte_for_byte(qtbot, desk) -> None:
    data = b"---\ntitle: Stray byte\n---\nBefore\x00after.\n"
    path = put(desk, "posts/nul.md", data)
    assert desk.controller.open_post("posts/nul.md")
    assert "NUL" in desk.editor_pane.messages.text("warning")
    assert not desk.controller.is_modified() and not desk.editor_pane.editor.isReadOnly()
    type_at_end(qtbot, desk, "More.")
    assert desk.controller.save()
    assert path.read_bytes() == data + b"More."


def test_a_10_mb_post_opens_without_highlighting_and_saves_exactly(qtbot, desk) -> None:
    paragraph = "Caching keeps **hot data** close to where it is read, `cache.get(key)` first.\n\n"
    text = "---\ntitle: The whole archive\n---\n" + paragraph * (10_000_000 // len(paragraph))
    path = put(desk, "posts/archive.md", text.encode())
    assert desk.controller.open_post("posts/archive.md")
    editor = desk.editor_pane.editor
    assert "This post is large (10.0 million characters)" in desk.editor_pane.messages.text("large")
    assert not editor.highlighting
    assert desk.form.widget("title") is not None  # the form still reads its front matter
    type_at_end(qtbot, desk, "The end.")
    assert desk.controller.save()
    assert path.read_bytes() == text.encode() + b"The end."
    assert desk.controller.open_post("posts/caching-unsung-hero.md")
    assert editor.highlighting and "large" not in desk.editor_pane.messages.keys()


def test_a_very_long_line_is_named_and_typing_still_works(qtbot, desk) -> None:
    image = "![diagram](data:image/png;base64," + "iVBORw0KGgo" * 20_000 + ")"
    text = f"---\ntitle: Inline image\n---\n\nIntro.\n\n{image}\n\nOutro.\n"
    path = put(desk, "posts/inline-image.md", text.encode())
    assert desk.controller.open_post("posts/inline-image.md")
    assert desk.editor_pane.messages.text("long line").startswith(f"Line 7 has {len(image):,} characters")
    type_at_end(qtbot, desk, "Done.")
    assert desk.controller.save()
    assert path.read_bytes() == (text + "Done.").encode()


def test_file_names_with_spaces_and_accents_work_from_library_to_commit(qtbot, desk) -> None:
    relative = "posts/Café notes – été 2026.md"
    path = put(desk, relative, "---\ntitle: Café notes\ndate: 2026-07-01\n---\nBody.\n".encode())
    desk.controller.refresh_library()
    qtbot.waitUntil(lambda: desk.library.post(relative) is not None, timeout=10000)
    assert desk.library.post(relative).title == "Café notes"
    assert desk.controller.open_post(relative)
    type_at_end(qtbot, desk, "More.")
    assert desk.controller.save()
    assert path.read_text(encoding="utf-8").endswith("Body.\nMore.")
    qtbot.waitUntil(lambda: desk.library.post(relative) is not None
                    and desk.library.post(relative).git_state == "new", timeout=10000)
    desk.changes.refresh()
    qtbot.waitUntil(lambda: desk.changes.files.count() == 1, timeout=10000)
    commit_through_panel(qtbot, desk, "Add the café notes")  # nothing staged: stage all and commit
    assert desk.sample.git("-c", "core.quotepath=off", "log", "-1", "--name-only", "--format=").strip() == relative
    assert not any(kind == "crash" for kind, _m in desk.context.notifier.history)


def test_saving_after_the_repository_was_moved_away_keeps_the_text(qtbot, desk, tmp_path) -> None:
    assert desk.controller.open_post("posts/caching-unsung-hero.md")
    type_at_end(qtbot, desk, "Written while the folder moved.")
    root = desk.sample.root
    moved = tmp_path / "moved-blog"
    root.rename(moved)
    try:
        assert not desk.controller.save()
        assert errors(desk)[-1].startswith("Could not save posts/caching-unsung-hero.md") or \
            "no longer exists" in errors(desk)[-1]
        assert desk.editor_pane.text().endswith("Written while the folder moved.")
        assert desk.controller.is_modified()
        assert "Written while" not in (moved / "posts/caching-unsung-hero.md").read_text(encoding="utf-8")
    finally:
        moved.rename(root)
    assert desk.controller.save()
    assert (root / "posts/caching-unsung-hero.md").read_text(encoding="utf-8").endswith(
        "Written while the folder moved.")
    assert notes(desk)
