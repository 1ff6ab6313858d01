"""The recovery journal: unsaved text kept outside the repository and offered after a crash."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from desktop_app.core.document.recovery import RecoveryStore, text_digest
from desktop_app.core.document.storage import TextForm
from desktop_app.core.errors import SaveFailed
from tests.helpers.crash import killed_run_left, live_run

POST = "posts/hello.md"
SAVED = "---\ntitle: Hello\n---\nThe file's text.\n"
UNSAVED = SAVED + "A paragraph nobody saved.\n"


def _disk(repo: Path):  # noqa: ANN202 - the read_disk callable offers() takes
    def read(path: str) -> str | None:
        file = repo / path
        return file.read_text(encoding="utf-8") if file.exists() else None
    return read


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "blog"
    (root / "posts").mkdir(parents=True)
    (root / POST).write_text(SAVED, encoding="utf-8")
    return root


def _dead_session_entry(folder: Path, repo: Path, path: str, text: str, base_text: str) -> None:
    killed_run_left(folder, repo, path, text, base_text, TextForm("utf-8", True, "\r\n"))


def test_unsaved_text_is_journalled_privately_outside_the_repository(tmp_path: Path, repo: Path) -> None:
    folder = tmp_path / "data" / "recovery"
    store = RecoveryStore(folder)
    store.open_session()
    entry = store.write(str(repo), POST, UNSAVED, text_digest(SAVED), TextForm("utf-8", False, "\n"))
    assert store.read(str(repo), POST) == entry
    assert store.entries(str(repo)) == [entry]
    files = list(folder.glob("*.json"))
    assert len(files) == 1 and stat.S_IMODE(files[0].stat().st_mode) == 0o600
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert (repo / POST).read_text(encoding="utf-8") == SAVED  # the post itself is never touched
    assert sorted(p.name for p in repo.rglob("*")) == ["hello.md", "posts"]
    store.clear(str(repo), POST)
    assert store.entries(str(repo)) == []


def test_a_killed_run_leaves_its_text_to_be_offered_with_the_file_to_compare(tmp_path: Path, repo: Path) -> None:
    folder = tmp_path / "recovery"
    _dead_session_entry(folder, repo, POST, UNSAVED, SAVED)
    store = RecoveryStore(folder)
    store.open_session()
    offers = store.offers(str(repo), _disk(repo))
    assert len(offers) == 1
    offer = offers[0]
    assert offer.entry.text == UNSAVED and offer.on_disk == SAVED
    assert offer.entry.form == TextForm("utf-8", True, "\r\n")
    assert not offer.changed_on_disk and not offer.gone and not offer.entry.new_post
    assert not list(folder.glob("session-*.lock")) or all(
        p.name == f"session-{store.session}.lock" for p in folder.glob("session-*.lock"))


def test_a_running_windows_text_is_not_offered_to_another(tmp_path: Path, repo: Path) -> None:
    folder = tmp_path / "recovery"
    live = RecoveryStore(folder)
    live.open_session()
    live.write(str(repo), POST, UNSAVED, text_digest(SAVED), TextForm())
    other = RecoveryStore(folder)
    other.open_session()
    assert other.offers(str(repo), _disk(repo)) == []
    assert live.offers(str(repo), _disk(repo)) == []  # nor to itself: it is being edited
    live.close_session()
    assert [offer.entry.text for offer in other.offers(str(repo), _disk(repo))] == [UNSAVED]


def test_text_the_file_already_holds_is_cleared_instead_of_offered(tmp_path: Path, repo: Path) -> None:
    folder = tmp_path / "recovery"
    _dead_session_entry(folder, repo, POST, SAVED, SAVED)  # saved, but killed before clearing
    store = RecoveryStore(folder)
    assert store.offers(str(repo), _disk(repo)) == []
    assert store.entries(str(repo)) == []


def test_a_file_changed_or_deleted_since_is_said(tmp_path: Path, repo: Path) -> None:
    folder = tmp_path / "recovery"
    _dead_session_entry(folder, repo, POST, UNSAVED, SAVED)
    (repo / POST).write_text(SAVED.replace("Hello", "Pulled"), encoding="utf-8")
    store = RecoveryStore(folder)
    assert store.offers(str(repo), _disk(repo))[0].changed_on_disk
    (repo / POST).unlink()
    offer = store.offers(str(repo), _disk(repo))[0]
    assert offer.gone and offer.on_disk is None and offer.entry.text == UNSAVED


def test_a_never_saved_post_is_offered_as_new(tmp_path: Path, repo: Path) -> None:
    folder = tmp_path / "recovery"
    _dead_session_entry(folder, repo, "posts/draft-never-saved.md", "---\ntitle: New\n---\nFresh.\n", "")
    offer = RecoveryStore(folder).offers(str(repo), _disk(repo))[0]
    assert offer.entry.new_post and offer.gone and offer.entry.path == "posts/draft-never-saved.md"


def test_entries_belong_to_their_repository(tmp_path: Path, repo: Path) -> None:
    folder = tmp_path / "recovery"
    _dead_session_entry(folder, repo, POST, UNSAVED, SAVED)
    assert RecoveryStore(folder).offers(str(tmp_path / "another-blog"), _disk(repo)) == []


def test_a_damaged_entry_is_skipped_and_left_alone(tmp_path: Path, repo: Path) -> None:
    folder = tmp_path / "recovery"
    folder.mkdir()
    (folder / "0123456789abcdef01234567.json").write_bytes(b'{"version": 1, "text": "half a wri')
    _dead_session_entry(folder, repo, POST, UNSAVED, SAVED)
    store = RecoveryStore(folder)
    assert [offer.entry.text for offer in store.offers(str(repo), _disk(repo))] == [UNSAVED]
    assert (folder / "0123456789abcdef01234567.json").exists()


def test_a_journal_that_cannot_be_written_says_why(tmp_path: Path, repo: Path) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the journal folder should be")
    with pytest.raises(SaveFailed):
        RecoveryStore(blocked / "recovery").write(str(repo), POST, UNSAVED, "", TextForm())


def test_the_session_files_of_killed_runs_are_removed_at_the_next_start_and_live_ones_kept(tmp_path: Path,
                                                                                           repo: Path) -> None:
    folder = tmp_path / "recovery"
    with live_run(folder) as live:
        with live_run(folder) as quiet:  # killed (on leaving the block) before it journalled anything
            _dead_session_entry(folder, repo, POST, UNSAVED, SAVED)  # killed with text unsaved
        assert len(list(folder.glob("session-*.lock"))) == 3  # SIGKILL cleans nothing up
        store = RecoveryStore(folder)
        store.open_session()
        assert sorted(p.name for p in folder.glob("session-*.lock")) == sorted(
            [f"session-{live}.lock", f"session-{store.session}.lock"])  # the live lock is never removed
        assert store.session_alive(live) and not store.session_alive(quiet)
        assert [offer.entry.text for offer in store.offers(str(repo), _disk(repo))] == [UNSAVED]
        store.close_session()
        assert [p.name for p in folder.glob("session-*.lock")] == [f"session-{live}.lock"]
    assert RecoveryStore(folder).remove_ended_sessions() == 1  # its run ended after all
    assert not list(folder.glob("session-*.lock"))
