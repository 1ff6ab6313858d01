"""The real app, killed mid-sentence: Postdesk runs as its own process in a real X window, is typed
into with real key presses, is killed with SIGKILL, and the next start gives the words back."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from desktop_app.core.document.recovery import RecoveryEntry, RecoveryStore
from desktop_app.core.paths import default_paths
from tests.helpers.desk import SampleBlog
from tests.helpers.xvfb import App, Display, wait_for

POST = "posts/caching-unsung-hero.md"
TITLE = "Caching: The Unsung Hero"


def journal_holds(repository: Path, words: str) -> RecoveryEntry:
    """Wait until the recovery journal holds `words` for the repository (Postdesk writes it after a
    pause in typing); its entry."""
    store = RecoveryStore(default_paths().recovery_dir)
    found: list[RecoveryEntry] = []

    def look() -> bool:
        found[:] = [entry for entry in store.entries(str(repository.resolve())) if words in entry.text]
        return bool(found)
    wait_for(look, f"the recovery journal to hold {words!r}")
    return found[0]


def restore_and_save(display: Display, apps: Callable[[Display, Path], App], target: Path,
                     saved: Callable[[], bool]) -> None:
    """Start Postdesk again: the recovery dialog offers the text; Enter restores it, Ctrl+S saves
    it, and `saved()` says it is on disk."""
    apps(display, target)
    dialog = display.window("^Recover unsaved work")
    display.key(dialog, "Return")  # Restore is the default button
    wait_for(lambda: not display.has("^Recover unsaved work"), "the recovery dialog to close")
    display.press_until(r"— Postdesk$", "ctrl+s", saved, "the recovered text to be saved")


def test_words_typed_before_a_kill_come_back_after_a_restart(display: Display, apps: Callable[[Display, Path], App],
                                                             sample_blog: SampleBlog) -> None:
    post = sample_blog.root / POST
    before = post.read_bytes()
    app = apps(display, post)
    window = display.window(TITLE)
    words = "Written seconds before the crash"
    display.type_into(window, words)
    journal_holds(sample_blog.root, words)
    app.kill()
    assert post.read_bytes() == before  # the file never saw the unsaved words

    restore_and_save(display, apps, post, lambda: words.encode() in post.read_bytes())
    # Typed where the caret opens: the first line of the body, never above the front matter.
    text = before.decode("utf-8")
    first_line = text.index("\n\n", text.index("\n---\n")) + 2
    assert post.read_bytes() == (text[:first_line] + words + text[first_line:]).encode("utf-8")
    wait_for(lambda: not any(default_paths().recovery_dir.glob("*.json")), "the journal to be cleared")


def test_a_new_post_that_was_never_saved_survives_a_kill(display: Display, apps: Callable[[Display, Path], App],
                                                         sample_blog: SampleBlog) -> None:
    app = apps(display, sample_blog.root / POST)
    ask = display.key_until(TITLE, "ctrl+n", "^New post")
    display.type_into(ask, "Notes from the outage")
    display.key(ask, "Return")
    window = display.window("^Notes from the outage")
    body = "First draft that nobody saved"
    display.type_into(window, body)
    entry = journal_holds(sample_blog.root, body)
    created = sample_blog.root / entry.path
    on_disk = created.read_bytes() if created.exists() else b""
    app.kill()
    assert body.encode() not in on_disk

    restore_and_save(display, apps, sample_blog.root / POST,
                     lambda: created.exists() and body.encode() in created.read_bytes())
    assert b"title: Notes from the outage" in created.read_bytes()
