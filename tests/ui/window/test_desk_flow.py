"""The whole desk on the sample blog: form edit → preview → save → commit → push to origin."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from tests.helpers.desk import preview_text

POST = "posts/caching-unsung-hero.md"
OLD_TITLE = "Caching: The Unsung Hero of Fast, Scalable Systems"
NEW_TITLE = "Caching, Explained for Busy Teams"


def test_title_edit_reaches_preview_file_commit_and_origin(qtbot, desk) -> None:
    controller = desk.controller
    original = (desk.sample.root / POST).read_bytes()
    assert controller.open_post(POST)
    title_field = desk.form.widget("title")
    assert isinstance(title_field, QLineEdit) and title_field.text() == OLD_TITLE

    title_field.setFocus()
    title_field.selectAll()
    qtbot.keyClicks(title_field, NEW_TITLE)

    # The editor's text follows the form, changing only the title line.
    assert f'title: "{NEW_TITLE}"' in desk.editor_pane.text() or f"title: {NEW_TITLE}" in desk.editor_pane.text()
    probe = preview_text(qtbot, desk, ".post-title")
    qtbot.waitUntil(lambda: probe() == NEW_TITLE, timeout=10000)
    assert controller.is_modified() and "Unsaved" in desk.status.saved.text()

    desk.actions.save.trigger()
    saved = (desk.sample.root / POST).read_bytes()
    changed = [(a, b) for a, b in zip(original.splitlines(), saved.splitlines()) if a != b]
    assert len(original.splitlines()) == len(saved.splitlines())
    assert len(changed) == 1 and changed[0][0].startswith(b"title:") and NEW_TITLE.encode() in changed[0][1]
    assert not controller.is_modified()

    panel = desk.changes
    qtbot.waitUntil(lambda: panel.files.count() == 1, timeout=10000)
    assert NEW_TITLE in panel.files.item(0).text()
    panel.message.setPlainText("Retitle the caching post")
    qtbot.mouseClick(panel.commit_button, Qt.MouseButton.LeftButton)
    notes = desk.context.notifier.history
    qtbot.waitUntil(lambda: any(m.startswith("Committed") for _k, m in notes), timeout=10000)
    qtbot.waitUntil(lambda: panel.files.count() == 0 and panel.push_button.isEnabled(), timeout=10000)

    qtbot.mouseClick(panel.push_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: any(m.startswith("Pushed") for _k, m in notes), timeout=20000)
    assert not [m for kind, m in notes if kind == "error"]

    # The bare origin, read with the git command line, has the commit and the new title.
    assert desk.sample.git("log", "-1", "--format=%s", "main", bare=True).strip() == "Retitle the caching post"
    assert NEW_TITLE in desk.sample.git("show", f"main:{POST}", bare=True)


def test_unedited_save_keeps_bytes(qtbot, desk) -> None:
    path = desk.sample.root / POST
    before = path.read_bytes()
    assert desk.controller.open_post(POST)
    desk.actions.save.trigger()
    assert path.read_bytes() == before


def test_raw_front_matter_edit_flows_back_into_form(qtbot, desk) -> None:
    assert desk.controller.open_post(POST)
    editor = desk.editor_pane.editor
    text = editor.toPlainText()
    editor.replace_text(text.replace("author: Ana Ruiz", "author: Grace Hopper"))
    qtbot.waitUntil(lambda: desk.form.widget("author").text() == "Grace Hopper", timeout=5000)
    editor.replace_text(editor.toPlainText().replace("draft: false", "draft: true"))
    qtbot.waitUntil(lambda: desk.form.widget("draft").isChecked(), timeout=5000)


def test_preview_never_shows_front_matter_as_text(qtbot, desk) -> None:
    assert desk.controller.open_post(POST)
    body = preview_text(qtbot, desk, "#postdesk-body")
    qtbot.waitUntil(lambda: bool(body()) and "Caches are everywhere" in body(), timeout=10000)
    assert "draft:" not in body() and "cover:" not in body()
    cover = preview_text(qtbot, desk, ".post-cover img")
    qtbot.waitUntil(lambda: cover() is not None, timeout=5000)
    code = preview_text(qtbot, desk, ".codehilite")
    qtbot.waitUntil(lambda: code() is not None, timeout=5000)


def test_status_bar_counts_words_and_reading_time(qtbot, desk) -> None:
    assert desk.controller.open_post(POST)
    counts = desk.writing.counts_widget.button  # in the status bar, where the word count was
    assert counts.isVisible() and not desk.status.words.isVisible()
    qtbot.waitUntil(lambda: "words" in counts.text(), timeout=5000)
    before = int(counts.text().split()[0].replace(",", ""))
    desk.editor_pane.editor.moveCursor(desk.editor_pane.editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(desk.editor_pane.editor, " one two three")
    qtbot.waitUntil(lambda: counts.text().startswith(f"{before + 3:,} words"), timeout=5000)
    assert "min read" in counts.text()
