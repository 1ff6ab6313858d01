"""The New post sheet, filled in with real key events: the file it will create is shown before it
is created, and the file holds exactly what was asked for."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QPoint, Qt

from tests.helpers import budget
from tests.ui.commands.test_quick_open import focus_editor


def open_sheet(qtbot, desk):  # noqa: ANN001, ANN201
    focus_editor(qtbot, desk)
    qtbot.keyClick(desk.editor_pane.editor, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: desk.library.sheet is not None and desk.library.sheet.isVisible(), timeout=budget.ms(3000))
    return desk.library.sheet


def test_the_sheet_shows_the_file_it_will_create_and_creates_exactly_that(qtbot, desk) -> None:
    sheet = open_sheet(qtbot, desk)
    qtbot.waitUntil(sheet.title.hasFocus, timeout=budget.ms(3000))  # type the title at once
    assert sheet.draft.isChecked()
    assert sheet.author.currentText() == "Marcus Chen"  # the site's byline, not the git user (Test Writer)
    qtbot.keyClicks(sheet.title, "Why I Keep: Drafts")
    assert sheet.slug.text() == "why-i-keep-drafts"
    qtbot.waitUntil(lambda: sheet.path.text() == "Creates posts/why-i-keep-drafts.md", timeout=budget.ms(3000))
    sheet.slug.setFocus()
    sheet.slug.selectAll()
    qtbot.keyClicks(sheet.slug, "Keeping Drafts")  # the writer's own slug, made a slug
    qtbot.waitUntil(lambda: sheet.path.text() == "Creates posts/keeping-drafts.md", timeout=budget.ms(3000))
    qtbot.keyClicks(sheet.title, "!")  # the slug no longer follows the title
    assert sheet.slug.text() == "Keeping Drafts"
    sheet.tags.input.setFocus()
    qtbot.keyClicks(sheet.tags.input, "writing")
    qtbot.keyClick(sheet.tags.input, Qt.Key.Key_Return)  # Enter in the tag field adds the tag…
    assert sheet.isVisible() and sheet.tags.tags() == ["writing"]
    qtbot.keyClicks(sheet.tags.input, "habits")  # …and one typed but not entered still counts
    qtbot.keyClick(sheet.title, Qt.Key.Key_Return)  # Enter elsewhere creates
    path = desk.sample.root / "posts/keeping-drafts.md"
    qtbot.waitUntil(lambda: desk.controller.document is not None
                    and desk.controller.document.path == "posts/keeping-drafts.md", timeout=budget.ms(10_000))
    today = dt.date.today().isoformat()
    assert path.read_text(encoding="utf-8").startswith(
        f'---\ntitle: "Why I Keep: Drafts!"\ndescription: ""\ndate: {today}\ntags: [writing, habits]\n'
        "draft: true\nauthor: Marcus Chen\n---\n")
    assert desk.library.current_path() == "posts/keeping-drafts.md"


def test_a_taken_file_name_is_said_before_create_and_cannot_be_created(qtbot, desk) -> None:
    sheet = open_sheet(qtbot, desk)
    qtbot.keyClicks(sheet.title, "Caching Unsung Hero")
    qtbot.waitUntil(lambda: "already exists" in sheet.path.text(), timeout=budget.ms(3000))
    assert "posts/caching-unsung-hero.md" in sheet.path.text() and not sheet.create_button.isEnabled()
    before = (desk.sample.root / "posts/caching-unsung-hero.md").read_bytes()
    qtbot.keyClick(sheet.title, Qt.Key.Key_Return)
    assert sheet.isVisible()  # nothing happens but the message
    qtbot.keyClicks(sheet.title, " Again")
    qtbot.waitUntil(sheet.create_button.isEnabled, timeout=budget.ms(3000))
    qtbot.keyClick(sheet.title, Qt.Key.Key_Escape)
    assert (desk.sample.root / "posts/caching-unsung-hero.md").read_bytes() == before
    assert not (desk.sample.root / "posts/caching-unsung-hero-again.md").exists()


def test_an_untitled_post_cannot_be_created(qtbot, desk) -> None:
    sheet = open_sheet(qtbot, desk)
    assert not sheet.create_button.isEnabled() and "Type a title" in sheet.path.text()
    qtbot.keyClicks(sheet.title, "   ")
    assert not sheet.create_button.isEnabled()


def test_a_published_post_from_the_sheet(qtbot, desk) -> None:
    sheet = open_sheet(qtbot, desk)
    qtbot.keyClicks(sheet.title, "Out Now")
    qtbot.mouseClick(sheet.draft, Qt.MouseButton.LeftButton, pos=QPoint(8, sheet.draft.height() // 2))
    assert not sheet.draft.isChecked()
    sheet.author.setCurrentText("Priya Nair")
    qtbot.mouseClick(sheet.create_button, Qt.MouseButton.LeftButton)
    path = desk.sample.root / "posts/out-now.md"
    qtbot.waitUntil(path.exists, timeout=budget.ms(10_000))
    text = path.read_text(encoding="utf-8")
    assert "draft: false\n" in text and "author: Priya Nair\n" in text
