"""Crash recovery in the real window: the journal while typing, the offer after a killed run."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer

from desktop_app.core.document.recovery import RecoveryStore
from desktop_app.core.document.storage import TextForm
from desktop_app.core.paths import default_paths
from desktop_app.ui.recovery.dialog import RecoveryDialog
from tests.helpers.crash import killed_run_left
from tests.ui.git.test_changes_panel import open_desk

POST = "posts/caching-unsung-hero.md"
OTHER = "posts/cqrs-read-write-separation.md"


def store() -> RecoveryStore:
    return RecoveryStore(default_paths().recovery_dir)


def journalled(root: Path) -> dict[str, str]:
    return {entry.path: entry.text for entry in store().entries(str(root))}


def type_text(qtbot, desk, words: str) -> None:
    editor = desk.editor_pane.editor
    editor.setFocus()
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor, words)


def wait_dialog(qtbot, window) -> RecoveryDialog:
    qtbot.waitUntil(lambda: window.recovery.dialog is not None, timeout=15000)
    dialog = window.recovery.dialog
    assert isinstance(dialog, RecoveryDialog)
    return dialog


def reopened_after_a_crash(qtbot, sample_blog, post: str, addition: str):  # noqa: ANN201 - (window, saved)
    """A run killed with `addition` unsaved at the end of `post`, then the window opened again."""
    saved = (sample_blog.root / post).read_text(encoding="utf-8")
    killed_run_left(default_paths().recovery_dir, sample_blog.root, post, saved + addition, saved)
    return open_desk(qtbot, sample_blog.root), saved


def test_typing_is_journalled_after_a_pause_and_saving_clears_it(qtbot, desk) -> None:
    assert desk.controller.open_post(POST)
    with qtbot.waitSignal(desk.recovery.journal.written, timeout=10000):
        type_text(qtbot, desk, "Words I have not saved")
    root = desk.sample.root
    assert journalled(root)[POST].endswith("Words I have not saved")
    assert "Words I have not saved" not in (root / POST).read_text(encoding="utf-8")  # never the file
    with qtbot.waitSignal(desk.recovery.journal.cleared, timeout=10000):
        assert desk.controller.save()
    assert journalled(root) == {}


def test_typing_that_never_pauses_is_journalled_while_it_goes_on(qtbot, desk) -> None:
    """A writer who never stops for two seconds is journalled all the same (it took ten before)."""
    assert desk.controller.open_post(POST)
    editor = desk.editor_pane.editor
    editor.setFocus()
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    typed: list[str] = []
    typist = QTimer(interval=50)  # twenty keys a second, without a pause

    def key() -> None:
        letter = "abcdefghij"[len(typed) % 10]
        qtbot.keyClick(editor, letter)
        typed.append(letter)
    typist.timeout.connect(key)
    typist.start()
    try:
        with qtbot.waitSignal(desk.recovery.journal.written, timeout=8000):
            pass
        assert typist.isActive()  # still typing: the journal did not wait for a pause
    finally:
        typist.stop()
    saved = (desk.sample.root / POST).read_text(encoding="utf-8")
    kept = journalled(desk.sample.root)[POST]
    assert kept.startswith(saved) and kept != saved and "".join(typed).startswith(kept[len(saved):])
    # The keys typed after that write are journalled once typing stops, too.
    qtbot.waitUntil(lambda: journalled(desk.sample.root)[POST] == saved + "".join(typed), timeout=8000)


def test_discarding_the_edits_on_purpose_clears_the_journal(qtbot, desk) -> None:
    assert desk.controller.open_post(POST)
    with qtbot.waitSignal(desk.recovery.journal.written, timeout=10000):
        type_text(qtbot, desk, "Second thoughts")
    desk.context.notifier.answers = ["discard"]
    with qtbot.waitSignal(desk.recovery.journal.cleared, timeout=10000):
        assert desk.controller.open_post(OTHER)
    assert journalled(desk.sample.root) == {}


def test_what_a_killed_run_left_is_offered_restored_and_saved(qtbot, sample_blog) -> None:
    root = sample_blog.root
    window, saved = reopened_after_a_crash(qtbot, sample_blog, POST, "\nThe paragraph I wrote before the power went out.\n")
    recovered = saved + "\nThe paragraph I wrote before the power went out.\n"
    dialog = wait_dialog(qtbot, window)
    assert [offer.entry.path for offer in dialog.offers()] == [POST]
    assert "Caching" in dialog.list.item(0).text() and POST in dialog.list.item(0).text()
    qtbot.waitUntil(lambda: dialog.diff.comparison is not None, timeout=10000)
    assert "+The paragraph I wrote before the power went out." in dialog.diff.toPlainText()
    dialog.restore_button.click()
    assert window.controller.document.path == POST
    assert window.editor_pane.text() == recovered and window.controller.is_modified()
    assert (root / POST).read_text(encoding="utf-8") == saved  # nothing written until the writer saves
    assert journalled(root) == {POST: recovered}  # still safe if it crashes again now
    assert window.controller.save()
    assert (root / POST).read_text(encoding="utf-8") == recovered
    qtbot.waitUntil(lambda: journalled(root) == {}, timeout=10000)
    window.editor_pane.editor.undo()  # the restore itself is one undoable edit
    assert window.editor_pane.text() == saved
    window.context.notifier.answers[:] = ["discard"]
    window.close()


def test_discarding_recovered_text_asks_and_leaves_the_file(qtbot, sample_blog) -> None:
    root = sample_blog.root
    window, saved = reopened_after_a_crash(qtbot, sample_blog, POST, "Unwanted.\n")
    dialog = wait_dialog(qtbot, window)
    window.context.notifier.answers[:] = [False]  # "Throw away the unsaved text?" → no
    dialog.discard_button.click()
    assert len(dialog.offers()) == 1
    window.context.notifier.answers[:] = [True]
    dialog.discard_button.click()
    qtbot.waitUntil(lambda: journalled(root) == {}, timeout=10000)
    assert (root / POST).read_text(encoding="utf-8") == saved
    assert window.recovery.dialog is None  # nothing left to decide
    window.close()


def test_deciding_later_keeps_the_text_for_the_file_menu(qtbot, sample_blog) -> None:
    root = sample_blog.root
    window, saved = reopened_after_a_crash(qtbot, sample_blog, OTHER, "Later.\n")
    wait_dialog(qtbot, window).reject()
    qtbot.waitUntil(lambda: window.recovery.dialog is None, timeout=5000)
    assert journalled(root) == {OTHER: saved + "Later.\n"}
    window.recovery.action.trigger()  # File → Recover Unsaved Work…
    assert [offer.entry.path for offer in wait_dialog(qtbot, window).offers()] == [OTHER]
    window.close()


def test_a_new_post_that_was_never_saved_comes_back(qtbot, sample_blog) -> None:
    root = sample_blog.root
    path = "posts/notes-from-the-outage.md"
    text = "---\ntitle: Notes from the outage\ndraft: true\n---\n\nWritten, never saved.\n"
    killed_run_left(default_paths().recovery_dir, root, path, text, "", TextForm())
    window = open_desk(qtbot, root)
    dialog = wait_dialog(qtbot, window)
    assert "never saved" in dialog.list.item(0).text()
    dialog.restore_button.click()
    assert window.controller.document.path == path and window.editor_pane.text() == text
    assert not (root / path).exists()
    assert window.controller.save()
    assert (root / path).read_text(encoding="utf-8") == text
    window.close()


def test_a_journal_that_cannot_be_written_is_said_once(qtbot, desk) -> None:
    folder = desk.recovery.store.folder
    for entry in folder.iterdir():
        if entry.suffix == ".json":
            entry.unlink()
    folder.chmod(0o500)  # as root this does not stop writes: the store is pointed at a file instead
    desk.recovery.store.folder = desk.sample.root / "README.md" / "recovery"
    try:
        assert desk.controller.open_post(POST)
        for words in ("one", "two"):
            desk.recovery.journal._edited()
            type_text(qtbot, desk, words)
            desk.recovery.journal.flush()
            qtbot.waitUntil(lambda: not desk.recovery.journal.runner.busy, timeout=10000)
        said = [m for kind, m in desk.context.notifier.history if kind == "error"]
        assert said == ["Postdesk could not keep a recovery copy of your unsaved text. "
                        "Save the post to keep it safe; the recovery copy is tried again as you type."]
    finally:
        folder.chmod(0o700)


@pytest.mark.parametrize("answer", ["save", "discard"])
def test_closing_the_window_leaves_no_journal_behind(qtbot, sample_blog, answer: str) -> None:
    root = sample_blog.root
    window = open_desk(qtbot, root)
    with qtbot.waitSignal(window.recovery.journal.written, timeout=10000):
        window.controller.editor.replace_text(window.editor_pane.text() + "\nClosing now.\n")
    window.context.notifier.answers[:] = [answer]
    window.close()
    assert journalled(root) == {}
    assert not list(default_paths().recovery_dir.glob("session-*.lock"))


def test_the_list_shows_when_each_copy_was_made_in_full(qtbot, sample_blog) -> None:
    """A long title and path never cut off the time of the copy: each line wraps in the list."""
    window, saved = reopened_after_a_crash(qtbot, sample_blog, POST, "A last line.\n")
    dialog = wait_dialog(qtbot, window)
    qtbot.waitExposed(dialog)
    listing = dialog.list
    item = listing.item(0)
    lines = item.text().split("\n")
    when = next(line for line in lines if line.startswith("Unsaved since "))
    rect = listing.visualItemRect(item)
    assert rect.right() <= listing.viewport().width() and listing.horizontalScrollBar().maximum() == 0
    wrapped = listing.fontMetrics().boundingRect(rect.adjusted(0, 0, 0, 10_000), Qt.TextFlag.TextWordWrap,
                                                 item.text())
    assert wrapped.height() <= rect.height() + 2, "the item is shorter than its wrapped lines"
    assert listing.fontMetrics().horizontalAdvance(when) <= rect.width(), f"{when!r} does not fit {rect.width()} px"
    dialog.reject()
    window.close()
