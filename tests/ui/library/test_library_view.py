"""The library sidebar on the sample blog: listing, search, new / rename / delete, git states."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from desktop_app.ui.library.model import PathRole, PostRole

# The nine sample posts, newest first (by their `date:`), and the two drafts among them.
NEWEST_FIRST = [
    "posts/microservices-vs-monolith.md",
    "posts/claude-code-ollama-local.md",
    "posts/real-time-event-streaming.md",
    "posts/rest-graphql-message-queue.md",
    "posts/india-blocked-supabase.md",
    "posts/cqrs-read-write-separation.md",
    "posts/caching-unsung-hero.md",
    "posts/authentication-backbone.md",
    "posts/ai-backend-engineering-2026.md",
]
DRAFTS = {"posts/ai-backend-engineering-2026.md", "posts/claude-code-ollama-local.md"}
CACHING = "posts/caching-unsung-hero.md"
CQRS = "posts/cqrs-read-write-separation.md"


def visible_paths(desk) -> list[str]:
    model = desk.library.model
    return [model.index(row).data(PathRole) for row in range(model.rowCount())]


def search(qtbot, desk, text: str, clear: bool = True) -> None:
    """Type `text` into the search box and wait for the rows it finds (searches run off the GUI thread)."""
    if clear:
        desk.library.search.clear()
    qtbot.keyClicks(desk.library.search, text)
    qtbot.waitUntil(lambda: desk.library.model.settled, timeout=10000)


def cleared(qtbot, desk) -> None:
    desk.library.search.clear()
    qtbot.waitUntil(lambda: desk.library.model.settled, timeout=10000)


def summary(desk, path: str):
    post = desk.library.post(path)
    assert post is not None, f"{path} is not in the library"
    return post


def test_lists_all_posts_newest_first_with_drafts_marked(qtbot, desk) -> None:
    model = desk.library.model
    assert visible_paths(desk) == NEWEST_FIRST
    posts = [model.index(row).data(PostRole) for row in range(model.rowCount())]
    assert {post.path for post in posts if post.draft} == DRAFTS
    dates = [post.date for post in posts]
    assert dates == sorted(dates, reverse=True)
    assert desk.library.count_label.text() == "9 posts · 2 drafts"
    # Each row shows the post's title, not its file name.
    assert model.index(NEWEST_FIRST.index(CACHING)).data(Qt.ItemDataRole.DisplayRole) == (
        "Caching: The Unsung Hero of Fast, Scalable Systems")


def test_search_filters_by_title_tag_and_body_and_clearing_restores(qtbot, desk) -> None:
    search(qtbot, desk, "unsung hero")
    assert visible_paths(desk) == [CACHING]
    assert desk.library.count_label.text() == "1 of 9 posts"

    search(qtbot, desk, "tag:caching")
    assert visible_paths(desk) == [CACHING]

    search(qtbot, desk, "tag:architecture")
    assert set(visible_paths(desk)) == {
        "posts/microservices-vs-monolith.md", "posts/real-time-event-streaming.md", CQRS}

    search(qtbot, desk, "kleppmann")  # only in the body of the streaming post
    assert visible_paths(desk) == ["posts/real-time-event-streaming.md"]

    cleared(qtbot, desk)
    assert visible_paths(desk) == NEWEST_FIRST
    assert desk.library.count_label.text() == "9 posts · 2 drafts"


def test_search_does_not_switch_the_open_post(qtbot, desk) -> None:
    assert desk.controller.open_post(CACHING)
    search(qtbot, desk, "scalable")  # the open post stays among the results
    assert CACHING in visible_paths(desk) and len(visible_paths(desk)) < 9
    assert desk.library.current_path() == CACHING
    search(qtbot, desk, " kleppmann", clear=False)  # now it is filtered out
    assert CACHING not in visible_paths(desk)
    assert desk.controller.document.path == CACHING
    cleared(qtbot, desk)
    assert desk.controller.document.path == CACHING


def test_clearing_search_highlights_the_open_post_again(qtbot, desk) -> None:
    assert desk.controller.open_post(CACHING)
    search(qtbot, desk, "kleppmann")
    assert CACHING not in visible_paths(desk)
    cleared(qtbot, desk)
    assert desk.library.current_path() == CACHING


def test_new_post_is_created_opened_and_listed_as_new(qtbot, desk) -> None:
    path = "posts/my-first-post-hello.md"
    desk.library.create_requested.emit("My First Post: Hello!", "")
    qtbot.waitUntil(lambda: desk.controller.document is not None and desk.controller.document.path == path,
                    timeout=10000)
    file = desk.sample.root / path
    assert file.is_file()
    text = file.read_text(encoding="utf-8")
    assert "draft: true" in text.splitlines()
    assert f"date: {dt.date.today().isoformat()}" in text.splitlines()
    assert 'title: "My First Post: Hello!"' in text.splitlines()
    assert desk.editor_pane.text() == text
    assert desk.form.widget("title").text() == "My First Post: Hello!"
    assert desk.form.widget("draft").isChecked()

    qtbot.waitUntil(lambda: desk.library.post(path) is not None, timeout=10000)
    post = summary(desk, path)
    assert post.git_state == "new" and post.draft
    assert desk.library.current_path() == path
    assert desk.library.count_label.text() == "10 posts · 3 drafts"
    assert ("note", f"Created {path}") in desk.context.notifier.history


def test_new_post_with_a_taken_title_reports_and_keeps_the_file(qtbot, desk) -> None:
    original = (desk.sample.root / CACHING).read_bytes()
    desk.library.create_requested.emit("Caching Unsung Hero", "")
    errors = [m for k, m in desk.context.notifier.history if k == "error"]
    assert errors and "already exists" in errors[0]
    assert (desk.sample.root / CACHING).read_bytes() == original


def test_rename_moves_the_file_and_keeps_it_open(qtbot, desk) -> None:
    assert desk.controller.open_post(CACHING)
    text = desk.editor_pane.text()
    new_path = "posts/caching-explained.md"
    desk.library.rename_requested.emit(CACHING, "caching-explained")
    assert not (desk.sample.root / CACHING).exists()
    assert (desk.sample.root / new_path).read_text(encoding="utf-8") == text
    assert desk.controller.document.path == new_path
    assert desk.editor_pane.text() == text and not desk.controller.is_modified()
    qtbot.waitUntil(lambda: desk.library.post(new_path) is not None, timeout=10000)
    assert desk.library.post(CACHING) is None
    assert desk.library.current_path() == new_path
    assert desk.controller.document.path == new_path  # the refresh did not switch to another post
    assert len(desk.library.model.all_posts) == 9


def test_rename_of_the_open_post_saves_its_edits_first(qtbot, desk) -> None:
    assert desk.controller.open_post(CACHING)
    editor = desk.editor_pane.editor
    editor.replace_text(editor.toPlainText().replace("author: Ana Ruiz", "author: Ada"))
    desk.library.rename_requested.emit(CACHING, "caching-explained")
    saved = (desk.sample.root / "posts/caching-explained.md").read_text(encoding="utf-8")
    assert "author: Ada" in saved
    assert not desk.controller.is_modified()


def test_delete_confirmed_removes_the_file(qtbot, desk) -> None:
    notifier = desk.context.notifier
    notifier.answers = [True]
    desk.library.ask_delete(CQRS)
    assert not (desk.sample.root / CQRS).exists()
    assert notifier.history[-2][0] == "confirm" and "CQRS" in notifier.history[-2][1]
    qtbot.waitUntil(lambda: desk.library.post(CQRS) is None, timeout=10000)
    assert len(desk.library.model.all_posts) == 8
    assert desk.library.count_label.text() == "8 posts · 2 drafts"


def test_delete_declined_keeps_the_file(qtbot, desk) -> None:
    notifier = desk.context.notifier
    before = (desk.sample.root / CQRS).read_bytes()
    notifier.answers = [False]
    desk.library.ask_delete(CQRS)
    assert (desk.sample.root / CQRS).read_bytes() == before
    assert notifier.history[-1][0] == "confirm"
    assert desk.library.post(CQRS) is not None


def test_delete_of_the_open_post_clears_the_editor(qtbot, desk) -> None:
    assert desk.controller.open_post(CQRS)
    desk.context.notifier.answers = [True]
    desk.library.ask_delete(CQRS)
    assert not (desk.sample.root / CQRS).exists()
    assert desk.controller.document is None
    assert desk.editor_pane.text() == ""
    qtbot.waitUntil(lambda: desk.library.post(CQRS) is None, timeout=10000)


def test_post_edited_on_disk_shows_modified_after_refresh(qtbot, desk) -> None:
    assert summary(desk, CQRS).git_state == ""
    file = desk.sample.root / CQRS
    file.write_text(file.read_text(encoding="utf-8") + "\nOne more paragraph.\n", encoding="utf-8")
    desk.actions.refresh.trigger()
    qtbot.waitUntil(lambda: summary(desk, CQRS).git_state == "modified", timeout=10000)
    assert all(summary(desk, path).git_state == "" for path in NEWEST_FIRST if path != CQRS)
    desk.library.search.setText("is:changed")
    assert visible_paths(desk) == [CQRS]


def test_status_filter_and_order_controls_rearrange_the_library(qtbot, desk) -> None:
    library = desk.library
    qtbot.waitUntil(lambda: library.model.rowCount() == 9, timeout=5000)
    titles = lambda: [library.model.index(row).data() for row in range(library.model.rowCount())]  # noqa: E731
    newest_first = titles()
    library.order.setCurrentIndex(library.order.findData("oldest"))
    assert titles() == newest_first[::-1]
    library.order.setCurrentIndex(library.order.findData("title"))
    assert titles() == sorted(newest_first, key=str.lower)
    library.status_filter.setCurrentIndex(library.status_filter.findData("drafts"))
    assert len(titles()) == 2 and all(library.post(library.model.index(r).data(PathRole)).draft
                                       for r in range(2))
    assert library.count_label.text() == "2 of 9 posts"
    library.status_filter.setCurrentIndex(library.status_filter.findData("changed"))
    assert titles() == []
    library.status_filter.setCurrentIndex(library.status_filter.findData("all"))
    assert len(titles()) == 9
