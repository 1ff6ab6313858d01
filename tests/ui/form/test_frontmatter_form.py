"""The front-matter form: the right widget per field, and edits that touch only their own line."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QDateEdit, QDateTimeEdit, QLineEdit, QPlainTextEdit

from desktop_app.ui.form.image_field import ImageField
from desktop_app.ui.form.tag_edit import TagChip, TagEdit

CACHING = "posts/caching-unsung-hero.md"


def open_caching(desk) -> str:
    assert desk.controller.open_post(CACHING)
    return desk.editor_pane.text()


def changed_lines(before: str, after: str) -> list[tuple[str, str]]:
    """(old, new) pairs of the lines that differ; both texts must have the same number of lines."""
    old, new = before.splitlines(), after.splitlines()
    assert len(old) == len(new), "an edit of one field added or removed lines"
    return [(a, b) for a, b in zip(old, new) if a != b]


def chips(tags: TagEdit) -> list[str]:
    return [chip.tag for chip in tags.findChildren(TagChip) if chip.isVisibleTo(tags)]


def test_widget_kinds_for_a_sample_post(qtbot, desk) -> None:
    open_caching(desk)
    form = desk.form
    title = form.widget("title")
    assert isinstance(title, QLineEdit) and title.text() == "Caching: The Unsung Hero of Fast, Scalable Systems"
    description = form.widget("description")
    assert isinstance(description, QPlainTextEdit)
    assert description.toPlainText().startswith("Caching powers fast, scalable")
    date = form.widget("date")
    assert type(date) is QDateEdit and date.date().toString(Qt.DateFormat.ISODate) == "2026-02-10"
    tags = form.widget("tags")
    assert isinstance(tags, TagEdit) and tags.tags() == ["caching", "performance", "system-design"]
    qtbot.waitUntil(lambda: chips(tags) == ["caching", "performance", "system-design"], timeout=5000)
    cover = form.widget("cover")
    assert isinstance(cover, ImageField) and cover.value() == "/images/covers/caching-unsung-hero.svg"
    pixmap = cover.thumbnail.pixmap()
    assert pixmap is not None and not pixmap.isNull() and pixmap.width() > 0
    draft = form.widget("draft")
    assert isinstance(draft, QCheckBox) and not draft.isChecked()
    author = form.widget("author")
    assert isinstance(author, QLineEdit) and author.text() == "Ana Ruiz"
    assert not form.error_label.isVisible()


def test_missing_cover_shows_no_thumbnail(qtbot, desk) -> None:
    before = open_caching(desk)
    cover = desk.form.widget("cover")
    cover.path.setFocus()
    cover.path.selectAll()
    qtbot.keyClicks(cover.path, "/images/nope.png")
    assert "cover: /images/nope.png" in desk.editor_pane.text().splitlines()
    assert cover.thumbnail.pixmap().isNull() and cover.thumbnail.text() == "missing"
    assert len(changed_lines(before, desk.editor_pane.text())) == 1


def test_toggling_draft_changes_only_the_draft_line(qtbot, desk) -> None:
    before = open_caching(desk)
    draft = desk.form.widget("draft")
    draft.setFocus()
    qtbot.keyClick(draft, Qt.Key.Key_Space)
    after = desk.editor_pane.text()
    assert changed_lines(before, after) == [("draft: false", "draft: true")]
    assert desk.controller.is_modified()
    qtbot.keyClick(draft, Qt.Key.Key_Space)
    assert desk.editor_pane.text() == before


def test_adding_a_tag_appends_it_to_the_flow_list(qtbot, desk) -> None:
    before = open_caching(desk)
    tags = desk.form.widget("tags")
    tags.input.setFocus()
    qtbot.keyClicks(tags.input, "web")
    qtbot.keyClick(tags.input, Qt.Key.Key_Return)
    after = desk.editor_pane.text()
    assert changed_lines(before, after) == [
        ("tags: [caching, performance, system-design]", "tags: [caching, performance, system-design, web]")]
    assert tags.input.text() == ""
    assert tags.tags()[-1] == "web"
    qtbot.waitUntil(lambda: chips(tags) == ["caching", "performance", "system-design", "web"], timeout=5000)


def test_adding_a_tag_with_a_comma(qtbot, desk) -> None:
    open_caching(desk)
    tags = desk.form.widget("tags")
    tags.input.setFocus()
    qtbot.keyClicks(tags.input, "web,")
    assert "tags: [caching, performance, system-design, web]" in desk.editor_pane.text().splitlines()
    assert tags.input.text() == ""


def test_adding_a_tag_that_is_already_there_changes_nothing(qtbot, desk) -> None:
    before = open_caching(desk)
    tags = desk.form.widget("tags")
    tags.input.setFocus()
    qtbot.keyClicks(tags.input, "web")  # not a prefix of any tag, so no completion pops up
    qtbot.keyClick(tags.input, Qt.Key.Key_Return)
    middle = desk.editor_pane.text()
    qtbot.keyClicks(tags.input, "web")
    qtbot.keyClick(tags.input, Qt.Key.Key_Return)
    assert desk.editor_pane.text() == middle != before


def test_removing_a_chip_removes_the_tag(qtbot, desk) -> None:
    before = open_caching(desk)
    tags = desk.form.widget("tags")
    chip = next(c for c in tags.findChildren(TagChip) if c.tag == "performance")
    qtbot.mouseClick(chip, Qt.MouseButton.LeftButton)
    after = desk.editor_pane.text()
    assert changed_lines(before, after) == [
        ("tags: [caching, performance, system-design]", "tags: [caching, system-design]")]
    qtbot.waitUntil(lambda: chips(tags) == ["caching", "system-design"], timeout=5000)


def test_block_list_tags_stay_a_block_list(qtbot, desk) -> None:
    assert desk.controller.open_post("posts/claude-code-ollama-local.md")
    before = desk.editor_pane.text()
    tags = desk.form.widget("tags")
    assert tags.tags() == ["ai", "developer-tools", "local-llm"]
    chip = next(c for c in tags.findChildren(TagChip) if c.tag == "developer-tools")
    qtbot.mouseClick(chip, Qt.MouseButton.LeftButton)
    assert desk.editor_pane.text() == before.replace("  - developer-tools\n", "", 1)


def test_changing_the_date_writes_the_new_iso_date(qtbot, desk) -> None:
    before = open_caching(desk)
    date = desk.form.widget("date")
    date.setFocus()
    date.setCurrentSection(QDateTimeEdit.Section.DaySection)
    qtbot.keyClick(date, Qt.Key.Key_Up)
    assert date.date().toString(Qt.DateFormat.ISODate) == "2026-02-11"
    assert changed_lines(before, desk.editor_pane.text()) == [("date: 2026-02-10", "date: 2026-02-11")]


def test_editing_the_title_keeps_its_quotes(qtbot, desk) -> None:
    before = open_caching(desk)
    title = desk.form.widget("title")
    title.setFocus()
    title.end(False)
    qtbot.keyClicks(title, "!")
    assert changed_lines(before, desk.editor_pane.text()) == [
        ('title: "Caching: The Unsung Hero of Fast, Scalable Systems"',
         'title: "Caching: The Unsung Hero of Fast, Scalable Systems!"')]


def test_typing_words_into_an_unquoted_field_leaves_it_unquoted(qtbot, desk) -> None:
    before = open_caching(desk)
    author = desk.form.widget("author")
    author.setFocus()
    author.selectAll()
    qtbot.keyClicks(author, "Grace Hopper")  # "Grace " alone, with its trailing space, needs quotes
    assert changed_lines(before, desk.editor_pane.text()) == [("author: Ana Ruiz", "author: Grace Hopper")]


def test_invalid_yaml_shows_the_error_and_disables_fields_until_fixed(qtbot, desk) -> None:
    before = open_caching(desk)
    desk.modes.set_details(True)  # the post's fields, opened under their one-line header
    form, editor = desk.form, desk.editor_pane.editor
    editor.replace_text(before.replace("tags: [caching, performance, system-design]",
                                       "tags: [caching, performance, system-design", 1))
    qtbot.waitUntil(lambda: form.error_label.isVisible(), timeout=5000)
    assert "line" in form.error_label.text()
    assert not form.widget("title").isEnabled() and not form.widget("draft").isEnabled()
    # The post keeps its text; nothing is rewritten behind the writer's back.
    assert "system-design\n" in editor.toPlainText()

    editor.replace_text(before)
    qtbot.waitUntil(lambda: not form.error_label.isVisible(), timeout=5000)
    assert form.widget("title").isEnabled() and form.widget("draft").isEnabled()
    assert form.widget("tags").tags() == ["caching", "performance", "system-design"]


def test_jekyll_datetime_gets_a_datetime_edit_and_keeps_its_style(qtbot, desk) -> None:
    relative = "posts/jekyll-time.md"
    text = ("---\ntitle: Jekyll Time\ndate: 2025-01-29 18:15:32 +0530\ntags: [ops]\ndraft: false\n---\n\n"
            "Posted from Kolkata.\n")
    (desk.sample.root / relative).write_text(text, encoding="utf-8")
    assert desk.controller.open_post(relative)
    stamp = desk.form.widget("date")
    assert type(stamp) is QDateTimeEdit
    shown = stamp.dateTime()
    assert shown.toString("yyyy-MM-dd HH:mm:ss") == "2025-01-29 18:15:32"  # as written, not converted

    stamp.setFocus()
    stamp.setCurrentSection(QDateTimeEdit.Section.DaySection)
    qtbot.keyClick(stamp, Qt.Key.Key_Up)
    assert changed_lines(text, desk.editor_pane.text()) == [
        ("date: 2025-01-29 18:15:32 +0530", "date: 2025-01-30 18:15:32 +0530")]

    stamp.setCurrentSection(QDateTimeEdit.Section.HourSection)
    qtbot.keyClick(stamp, Qt.Key.Key_Up)
    assert "date: 2025-01-30 19:15:32 +0530" in desk.editor_pane.text().splitlines()


def test_form_follows_the_text_of_another_post(qtbot, desk) -> None:
    open_caching(desk)
    assert desk.controller.open_post("posts/ai-backend-engineering-2026.md")
    assert desk.form.widget("draft").isChecked()
    assert desk.form.widget("tags").tags() == ["ai", "backend", "observability"]
    assert desk.form.widget("date").date().toString(Qt.DateFormat.ISODate) == "2025-12-04"


def test_a_value_against_the_blogs_own_pattern_gets_the_same_message_as_postdesk_check(qtbot, desk) -> None:
    """Every other post has a date: the form says what `postdesk check` says about `date: TBD`."""
    before = open_caching(desk)
    desk.editor_pane.editor.replace_text(before.replace("date: 2026-02-10", "date: TBD"))
    qtbot.waitUntil(lambda: desk.form.message("date").startswith("Not a date: 'TBD'"), timeout=3000)
    assert isinstance(desk.form.widget("date"), QLineEdit)  # shown as the text it is
