"""Images by paste and drop, links to other posts by `](`, and writing hints, in the real window
on the sample blog, driven by real key events; the file's bytes are checked at the end."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QGuiApplication,
    QImage,
)
from PySide6.QtWidgets import QApplication, QLineEdit

from desktop_app.ui.editor.image_drop import SCALE_MESSAGE
from tests.helpers.desk import errors, notes

POST = "posts/caching-unsung-hero.md"
LONG_TITLE_POST = "posts/india-blocked-supabase.md"


def picture(width: int, height: int, colour: str = "#c0392b") -> QImage:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    return image


@pytest.fixture
def desk(desk, qtbot):  # noqa: ANN001, ANN201 - the sample-blog window, activated for its shortcuts
    desk.activateWindow()
    qtbot.waitActive(desk)
    return desk


def caret_to_end(qtbot, editor) -> None:
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClick(editor, Qt.Key.Key_Return)


def drop(qtbot, editor, urls: list[Path]) -> None:
    """Drop files on the editor as a file manager would: enter, move, drop at the end of the text."""
    source = QMimeData()
    source.setUrls([QUrl.fromLocalFile(str(url)) for url in urls])
    viewport = editor.viewport()
    point = editor.cursorRect(editor.textCursor()).center()
    actions = Qt.DropAction.CopyAction
    buttons, modifiers = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(point, actions, source, buttons, modifiers)
    QApplication.sendEvent(viewport, enter)
    assert enter.isAccepted(), "the editor refused the drag"
    QApplication.sendEvent(viewport, QDragMoveEvent(point, actions, source, buttons, modifiers))
    QApplication.sendEvent(viewport, QDropEvent(QPointF(point), actions, source, buttons, modifiers))


def test_a_pasted_picture_lands_in_the_media_folder_with_its_markdown(qtbot, desk) -> None:
    assert desk.controller.open_post(POST)
    editor = desk.editor_pane.editor
    caret_to_end(qtbot, editor)
    QGuiApplication.clipboard().setImage(picture(40, 30))
    qtbot.keyClick(editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)

    saved = desk.sample.root / "public/images/caching-unsung-hero.png"
    assert saved.is_file() and saved.read_bytes().startswith(b"\x89PNG")
    assert QImage(str(saved)).size().width() == 40
    qtbot.keyClicks(editor, "A red square")  # the caret waits in the alt text
    qtbot.keyClick(editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert (desk.sample.root / POST).read_bytes().endswith(b"\n\n![A red square](/images/caching-unsung-hero.png)")
    assert SCALE_MESSAGE not in desk.editor_pane.messages.keys()  # small: nothing to offer
    assert errors(desk) == []


def test_a_picture_never_lands_in_the_front_matter(qtbot, desk) -> None:
    assert desk.controller.open_post(POST)
    editor = desk.editor_pane.editor
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    QGuiApplication.clipboard().setImage(picture(20, 20, "#2471a3"))
    qtbot.keyClick(editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    text = desk.editor_pane.text()
    assert text.startswith("---\ntitle:") and "\n---\n![](/images/caching-unsung-hero.png)" in text
    assert desk.form.widget("title").text().startswith("Caching")  # the front matter still reads


def test_a_large_dropped_photo_is_copied_under_the_posts_name_and_scaled_on_request(qtbot, desk, tmp_path) -> None:
    photo = tmp_path / "Downloads" / "IMG 2034.jpg"
    photo.parent.mkdir()
    assert picture(2400, 1200, "#1e8449").save(str(photo), "JPG")
    assert desk.controller.open_post(POST)
    editor = desk.editor_pane.editor
    caret_to_end(qtbot, editor)
    drop(qtbot, editor, [photo])

    copy = desk.sample.root / "public/images/caching-unsung-hero-img-2034.jpg"
    assert copy.is_file() and photo.is_file()  # copied, never moved
    assert desk.editor_pane.text().endswith("![](/images/caching-unsung-hero-img-2034.jpg)")
    messages = desk.editor_pane.messages
    assert SCALE_MESSAGE in messages.keys()
    assert messages.text(SCALE_MESSAGE).startswith("caching-unsung-hero-img-2034.jpg is 2,400 × 1,200 pixels")
    messages.trigger(SCALE_MESSAGE, "Scale Down")
    assert QImage(str(copy)).size().width() == 1600 and QImage(str(photo)).size().width() == 2400
    assert any(note.startswith("Scaled caching-unsung-hero-img-2034.jpg down to 1,600 × 800") for note in notes(desk))


def test_a_picture_already_in_the_repository_is_linked_where_it_is(qtbot, desk) -> None:
    assert desk.controller.open_post(POST)
    editor = desk.editor_pane.editor
    caret_to_end(qtbot, editor)
    before = sorted(p.name for p in (desk.sample.root / "public/images").iterdir())
    drop(qtbot, editor, [desk.sample.root / "public/images/cqrs-read-write.svg"])
    assert desk.editor_pane.text().endswith("![](/images/cqrs-read-write.svg)")
    assert sorted(p.name for p in (desk.sample.root / "public/images").iterdir()) == before


def test_a_dropped_markdown_file_opens_instead_of_going_into_the_text(qtbot, desk, tmp_path) -> None:
    assert desk.controller.open_post(POST)
    editor = desk.editor_pane.editor
    before = desk.editor_pane.text()
    drop(qtbot, editor, [desk.sample.root / "posts/cqrs-read-write-separation.md"])
    assert desk.controller.document.path == "posts/cqrs-read-write-separation.md"
    assert desk.controller.open_post(POST) and desk.editor_pane.text() == before
    elsewhere = tmp_path / "notes.md"
    elsewhere.write_text("# Notes\n", encoding="utf-8")
    drop(qtbot, editor, [elsewhere])
    assert desk.controller.document.path == POST and desk.editor_pane.text() == before
    assert any(note.startswith("notes.md is not in this repository") for note in notes(desk))


def test_typing_a_link_offers_the_posts_and_writes_the_sites_link(qtbot, desk) -> None:
    assert desk.controller.open_post(POST)
    editor = desk.editor_pane.editor
    picker = desk.aids.picker
    caret_to_end(qtbot, editor)
    qtbot.keyClicks(editor, "Read [the CQRS post](")
    assert picker.open and len(picker.shown()) == 8  # every other post, the open one left out
    qtbot.keyClicks(editor, "read write")
    assert picker.shown() == ["CQRS: The Pattern That Separates How You Read and Write Data"]
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert not picker.open
    qtbot.keyClicks(editor, " next.")
    assert desk.editor_pane.text().endswith("Read [the CQRS post](/blog/cqrs-read-write-separation) next.")

    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClicks(editor, "[](")
    qtbot.keyClicks(editor, "auth")
    qtbot.keyClick(editor, Qt.Key.Key_Tab)  # an empty link text gets the post's title
    assert desk.editor_pane.text().endswith(
        "\n[Authentication: The Backbone of Modern System Design](/blog/authentication-backbone)")

    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClicks(editor, "[docs](https://example.com")  # a web address: the list goes away
    assert picker.shown() == []
    qtbot.keyClicks(editor, ")")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # Enter is a new line again
    qtbot.keyClicks(editor, "[x](")
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    qtbot.keyClicks(editor, "y)")
    qtbot.keyClick(editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert (desk.sample.root / POST).read_bytes().endswith(
        b"Read [the CQRS post](/blog/cqrs-read-write-separation) next.\n"
        b"[Authentication: The Backbone of Modern System Design](/blog/authentication-backbone)\n"
        b"[docs](https://example.com)\n[x](y)")


def test_link_to_post_wraps_the_selected_words(qtbot, desk) -> None:
    assert desk.controller.open_post(POST)
    editor = desk.editor_pane.editor
    caret_to_end(qtbot, editor)
    qtbot.keyClicks(editor, "See event streaming")
    for _ in range(len("event streaming")):
        qtbot.keyClick(editor, Qt.Key.Key_Left, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(editor, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    picker = desk.aids.picker
    assert picker.open
    qtbot.keyClicks(editor, "real-time")
    qtbot.keyClick(editor, Qt.Key.Key_Down)
    qtbot.keyClick(editor, Qt.Key.Key_Up)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert desk.editor_pane.text().endswith("See [event streaming](/blog/real-time-event-streaming)")
    qtbot.keyClicks(editor, " and more")
    for _ in range(4):
        qtbot.keyClick(editor, Qt.Key.Key_Left, Qt.KeyboardModifier.ShiftModifier)
    desk.aids.link_to_post.trigger()
    qtbot.keyClicks(editor, "zzz")
    qtbot.keyClick(editor, Qt.Key.Key_Escape)  # nothing chosen: the words are as they were
    assert desk.editor_pane.text().endswith("(/blog/real-time-event-streaming) and more")
    assert editor.textCursor().position() == len(desk.editor_pane.text())


def test_writing_hints_show_below_the_fields_and_lead_to_their_place(qtbot, desk) -> None:
    panel = desk.aids.panel
    assert desk.controller.open_post(LONG_TITLE_POST)
    # In write mode the drawer is closed: its one-line header says there are hints.
    qtbot.waitUntil(lambda: desk.form_header.hints.isVisible() and bool(panel.hints()), timeout=10000)
    assert desk.form_header.hints.text() == f"{len(panel.hints())} hints"
    desk.modes.set_details(True)  # the post's fields, opened under their one-line header: the hints are below
    qtbot.waitUntil(lambda: panel.isVisible() and bool(panel.hints()), timeout=10000)
    assert panel.texts()[0] == "The title is 81 characters; search engines show about 60."
    assert panel.heading.text().startswith("Before publishing")
    panel.activate(0)
    assert desk.focusWidget() is desk.form.widget("title")  # the window's focus, active or not (offscreen)

    editor = desk.editor_pane.editor
    caret_to_end(qtbot, editor)
    for line in ("##### Too deep", "", "![](/images/x.png)", "", "[Gone](/blog/no-such-post"):
        qtbot.keyClicks(editor, line)
        qtbot.keyClick(editor, Qt.Key.Key_Escape if line.startswith("[Gone") else Qt.Key.Key_Return)
    qtbot.keyClicks(editor, ")")  # Escape: the list of posts goes, the address stays as typed
    line = desk.editor_pane.text().count("\n") + 1
    qtbot.waitUntil(lambda: len(panel.hints()) == 5, timeout=10000)
    assert panel.texts()[2:] == [
        f"Line {line - 4}: The heading “Too deep” is level 5 right after level 3: make it level 4 (####), "
        "so outlines and screen readers follow.",
        f"Line {line - 2}: An image has no alt text (/images/x.png): describe it for readers who cannot see it.",
        f"Line {line}: The link /blog/no-such-post leads to no post of this site.",
    ]
    panel.activate(2)
    assert editor.textCursor().blockNumber() == line - 5
    qtbot.keyClick(editor, Qt.Key.Key_Home)
    qtbot.keyClick(editor, Qt.Key.Key_Delete)  # the writer fixes the heading where the hint led: it goes
    qtbot.waitUntil(lambda: len(panel.hints()) == 4, timeout=10000)
    assert "Too deep" not in " ".join(panel.texts())


def test_turning_hints_off_in_preferences_hides_them_at_once(qtbot, desk) -> None:
    panel = desk.aids.panel
    assert desk.controller.open_post(LONG_TITLE_POST)
    desk.modes.set_details(True)
    qtbot.waitUntil(lambda: panel.isVisible(), timeout=10000)
    desk.change_settings(replace(desk.context.workspace.settings, writing_hints=False))
    assert not panel.isVisible() and isinstance(desk.form.widget("title"), QLineEdit)
    desk.change_settings(replace(desk.context.workspace.settings, writing_hints=True))
    qtbot.waitUntil(lambda: panel.isVisible(), timeout=10000)
