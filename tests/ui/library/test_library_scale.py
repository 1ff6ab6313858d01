"""The library with more posts than it arranges at once: searches, filters and orders answered off
the GUI thread find what `postdesk list --search` finds; rows stream in while a scan runs; the
keyboard skips collection headers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from desktop_app.core.site.library import index as index_module
from desktop_app.core.site.library import summaries as library
from desktop_app.core.site.detect import load_site
from desktop_app.core.site.library.index import LibraryIndex
from desktop_app.ui.library.model import ARRANGE_NOW, PathRole
from desktop_app.ui.library.view import LibraryView
from desktop_app.ui.notify import Notifier
from tests.helpers.git_repos import make_repo, write

WORDS = ("cache", "queue", "replica", "shard", "lease", "quorum", "tracing", "rollout")
TAGS = ("go", "rust", "ops")


def post_text(number: int) -> str:
    day = dt.date(2020, 1, 1) + dt.timedelta(days=number % 1500)
    words = " ".join(WORDS[(number * k) % len(WORDS)] for k in (1, 3, 5))
    draft = "draft: true\n" if number % 9 == 0 else ""
    return (f"---\ntitle: Note {number} on {WORDS[number % len(WORDS)]}\ndate: {day}\n"
            f"tags: [{TAGS[number % 3]}]\n{draft}---\n\nAbout {words}, number {number}.\n")


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("many")
    for number in range(ARRANGE_NOW + 300):
        write(root, f"posts/note-{number:05d}.md", post_text(number))
    return root


@pytest.fixture
def library_view(qtbot, many: Path, tmp_path: Path):  # noqa: ANN201 - (LibraryView, posts as read in full)
    site = load_site(many)
    index = LibraryIndex(tmp_path / "index.sqlite3")
    view = LibraryView(Notifier(interactive=False))
    qtbot.addWidget(view)
    view.set_index(index)
    view.set_posts(library.sort_posts(index.scan(site)))
    qtbot.waitUntil(lambda: view.model.settled, timeout=10_000)
    yield view, library.scan(site)
    view.model.shutdown()
    index.close()


def shown(view: LibraryView) -> list[str]:
    return [view.model.index(row).data(PathRole) for row in range(view.model.rowCount())]


def settle(qtbot, view: LibraryView) -> None:
    qtbot.waitUntil(lambda: view.model.settled, timeout=10_000)


@pytest.mark.parametrize("query", ["queue", "ca", "lease shard", "tag:rust", "is:draft quorum", "note 12", "zzz"])
def test_searches_of_a_large_library_find_what_postdesk_list_finds(qtbot, library_view, query: str) -> None:
    view, plain = library_view
    qtbot.keyClicks(view.search, query)
    settle(qtbot, view)
    expected = [post.path for post in library.arrange(plain, query)]
    assert shown(view) == expected
    assert view.count_label.text() == f"{len(expected)} of {len(plain)} posts"


def test_clearing_the_search_lists_every_post_again(qtbot, library_view) -> None:
    view, plain = library_view
    qtbot.keyClicks(view.search, "rollout")
    settle(qtbot, view)
    assert 0 < len(shown(view)) < len(plain)
    view.search.clear()
    settle(qtbot, view)
    assert shown(view) == [post.path for post in library.sort_posts(plain)]
    drafts = sum(1 for post in plain if post.draft)
    assert view.count_label.text() == f"{len(plain)} posts · {drafts} drafts"


def test_filters_and_orders_of_a_large_library(qtbot, library_view) -> None:
    view, plain = library_view
    view.status_filter.setCurrentIndex(view.status_filter.findData("drafts"))
    view.order.setCurrentIndex(view.order.findData("oldest"))
    settle(qtbot, view)
    assert shown(view) == [post.path for post in library.arrange(plain, "", "drafts", "oldest")]


def test_the_open_post_stays_selected_through_searches(qtbot, library_view) -> None:
    view, _plain = library_view
    path = "posts/note-00042.md"
    view.select(path)
    qtbot.keyClicks(view.search, "quorum")
    settle(qtbot, view)
    assert view.current_path() == (path if path in shown(view) else None)
    view.search.clear()
    settle(qtbot, view)
    assert view.current_path() == path


def test_rows_stream_in_while_the_window_scans(qtbot, tmp_path: Path, monkeypatch) -> None:
    from desktop_app.core.paths import default_paths
    from desktop_app.core.workspace import Workspace
    from desktop_app.ui.context import UiContext
    from desktop_app.ui.window.mainwindow import MainWindow
    from desktop_app.ui.workers import TaskRunner

    monkeypatch.setattr(index_module, "BATCH_SECONDS", 0.0)  # hand over the rows after every post
    root = make_repo(tmp_path / "blog", {f"posts/p{number:02d}.md": post_text(number) for number in range(40)})
    notifier = Notifier(interactive=False)
    window = MainWindow(UiContext(Workspace.open(root, default_paths()), TaskRunner(), notifier))
    qtbot.addWidget(window)
    counts: list[int] = []
    window.library.model.arranged.connect(lambda: counts.append(window.library.model.rowCount()))
    window.show()
    qtbot.waitUntil(lambda: window.controller.document is not None, timeout=20_000)
    assert counts[-1] == 40
    assert any(0 < count < 40 for count in counts)  # listed before the scan ended
    notifier.answers[:] = ["discard"] * 3
    window.close()


def test_the_keyboard_skips_collection_headers(qtbot, tmp_path: Path) -> None:
    root = tmp_path / "site"
    write(root, ".postdesk.yml", "collections:\n  - {name: posts, label: Posts, folder: posts}\n"
                                 "  - {name: pages, label: Pages, folder: pages}\n")
    write(root, "posts/a.md", "---\ntitle: A\ndate: 2024-01-02\n---\n")
    write(root, "pages/b.md", "---\ntitle: B\ndate: 2024-01-01\n---\n")
    site = load_site(root)
    view = LibraryView(Notifier(interactive=False))
    qtbot.addWidget(view)
    view.set_collections([(c.name, c.label, True) for c in site.collections])
    view.set_posts(library.sort_posts(library.scan(site)))
    view.show()
    assert [view.model.index(row).data() for row in range(view.model.rowCount())] == ["Posts", "A", "Pages", "B"]
    assert view.list.rowHeight(0) < view.list.rowHeight(1)  # a header row is one line high
    view.select("posts/a.md")
    view.list.setFocus()
    qtbot.keyClick(view.list, Qt.Key.Key_Down)
    assert view.current_path() == "pages/b.md"
    qtbot.keyClick(view.list, Qt.Key.Key_Up)
    assert view.current_path() == "posts/a.md"
