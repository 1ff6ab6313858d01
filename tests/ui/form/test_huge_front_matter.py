"""Posts with enormous front matter open, and the form shows what a person can use of them: the
first fields, how many more there are, and the text editor for the rest. (How fast: bench/.)"""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QPlainTextEdit

from desktop_app.core.frontmatter import fields as f
from desktop_app.core.frontmatter import parse as fm
from desktop_app.core.frontmatter.fields import FieldSpec
from desktop_app.core.site.library import schema
from desktop_app.ui.form.field_editors import LONG_TEXT, FormEnv
from desktop_app.ui.form.field_group import FIELD_LIMIT, FieldGroup
from desktop_app.ui.form.nested_fields import ENTRY_LIMIT, EntryListField
from desktop_app.ui.form.tag_edit import CHIP_LIMIT, TagChip, TagEdit

KEYS = 20_000  # a few seconds and a gigabyte of widgets before; the form shows FIELD_LIMIT of them


def open_text(qtbot, desk, name: str, text: str) -> str:
    """Write `text` as a post, open it and wait until the form has read its front matter."""
    (desk.sample.root / "posts" / name).write_text(text, encoding="utf-8")
    assert desk.controller.open_post(f"posts/{name}")
    if desk.controller.form_feed.reading:  # read on a worker: the window is usable meanwhile
        assert desk.form.reading_label.isVisibleTo(desk.form) and desk.editor_pane.text() == text
    qtbot.waitUntil(lambda: not desk.controller.form_feed.reading and bool(desk.form.fields.specs), timeout=60000)
    assert not desk.form.reading_label.isVisibleTo(desk.form)
    return desk.editor_pane.text()


def changed_lines(before: str, after: str) -> list[tuple[str, str]]:
    old, new = before.splitlines(), after.splitlines()
    assert len(old) == len(new), "an edit of one field added or removed lines"
    return [(a, b) for a, b in zip(old, new) if a != b]


def test_a_post_with_thousands_of_keys_shows_the_first_fields_and_counts_the_rest(qtbot, desk) -> None:
    text = "---\ntitle: Many keys\n" + "".join(f"key{i}: value {i}\n" for i in range(KEYS)) + "---\nBody.\n"
    before = open_text(qtbot, desk, "many-keys.md", text)
    form = desk.form
    assert before == text  # the whole post is in the editor
    every = schema.form_fields(fm.read_post(text).values, *desk.controller.schema())  # what it would show
    assert len(every) > KEYS and len(form.fields.specs) == FIELD_LIMIT
    assert form.fields.specs == every[:FIELD_LIMIT] and form.hidden() == len(every) - FIELD_LIMIT
    assert form.fields.more_label is not None and form.fields.more_label.isVisibleTo(form)
    assert f"{form.hidden():,} more fields are not shown here: edit them in the text." == form.fields.more_label.text()
    assert isinstance(form.widget("key0"), QLineEdit) and form.widget("key0").text() == "value 0"
    assert form.widget(f"key{KEYS - 1}") is None  # past the limit: in the text only

    title = form.widget("title")
    title.setFocus()
    title.end(False)
    qtbot.keyClicks(title, "!")
    assert changed_lines(before, desk.editor_pane.text()) == [("title: Many keys", "title: Many keys!")]
    qtbot.waitUntil(lambda: "Many keys!" in desk.windowTitle(), timeout=60000)  # read again, on a worker

    desk.context.notifier.answers[:] = ["discard"]
    assert desk.controller.open_post("posts/caching-unsung-hero.md")  # a usual post: every field, no count
    assert form.hidden() == 0 and form.fields.more_label is None and form.widget("title").text().startswith("Caching")


def test_a_value_too_long_for_a_form_field_is_left_to_the_text_editor(qtbot, desk) -> None:
    """A QLineEdit keeps only 32,767 characters: editing there would have cut the value."""
    title, summary = "T" * 40_000, ("word " * 1_000_000).rstrip()
    text = f"---\ntitle: {title}\ndescription: {summary}\nauthor: Ana Ruiz\n---\nBody.\n"
    before = open_text(qtbot, desk, "long-values.md", text)
    form = desk.form
    for key, value in (("title", title), ("description", summary)):
        widget = form.widget(key)
        assert isinstance(widget, (QLineEdit, QPlainTextEdit)) and not widget.isEnabled()
        shown = widget.text() if isinstance(widget, QLineEdit) else widget.toPlainText()
        assert shown.startswith(value[:100]) and len(shown) < LONG_TEXT
        assert f"({len(value):,} characters: edit them in the text)" in shown
    author = form.widget("author")
    assert author.isEnabled()  # the other fields still edit as usual
    author.setFocus()
    author.selectAll()
    qtbot.keyClicks(author, "Grace Hopper")
    assert changed_lines(before, desk.editor_pane.text()) == [("author: Ana Ruiz", "author: Grace Hopper")]


def test_thousands_of_tags_show_the_first_chips_and_removing_one_keeps_the_rest(qtbot, desk) -> None:
    count = 3_000
    text = "---\ntitle: Many tags\ntags:\n" + "".join(f"  - tag{i}\n" for i in range(count)) + "---\nBody.\n"
    before = open_text(qtbot, desk, "many-tags.md", text)
    tags = desk.form.widget("tags")
    assert isinstance(tags, TagEdit) and len(tags.tags()) == count
    chips = tags.findChildren(TagChip)
    assert [chip.tag for chip in chips] == [f"tag{i}" for i in range(CHIP_LIMIT)]
    assert tags.more_label.isVisibleTo(tags) and tags.more_label.text() == f"and {count - CHIP_LIMIT:,} more (edit them in the text)"
    chips[1].click()
    after = desk.editor_pane.text()
    assert after == before.replace("  - tag1\n", "", 1)  # that one line, and nothing else


def test_objects_nested_a_thousand_levels_deep_are_said_not_read(qtbot, desk) -> None:
    """Python's JSON reader gives up near a thousand levels: the post opens and says why."""
    text = '{"title": "Deep", "deep": ' + '{"a": ' * 1000 + "1" + "}" * 1000 + "}\nBody.\n"
    (desk.sample.root / "posts" / "deep.md").write_text(text, encoding="utf-8")
    assert desk.controller.open_post("posts/deep.md")
    qtbot.waitUntil(lambda: desk.form.error_label.isVisibleTo(desk.form), timeout=60000)
    assert "nested too deeply" in desk.form.error_label.text()
    assert desk.editor_pane.text() == text


def test_a_readable_deep_object_is_shown_in_brief(qtbot, desk) -> None:
    levels = 900  # libyaml reads this deep; Python's own repr of it would fail
    text = "---\ntitle: Deep\n" + "".join("  " * i + f"l{i}:\n" for i in range(levels)) + "  " * levels + "x: 1\n---\nB\n"
    open_text(qtbot, desk, "deep-yaml.md", text)
    shown = desk.form.widget("l0")
    assert shown is not None and shown.text().startswith("l1: {'l2': {'l3': {")
    assert len(shown.text()) < 200


def test_a_list_of_many_entries_shows_the_first_and_edits_keep_the_rest(qtbot) -> None:
    group = FieldGroup(FormEnv())
    qtbot.addWidget(group)
    spec = FieldSpec("links", f.LIST, "Links", fields=(FieldSpec("url", f.TEXT, "URL"),))
    entries = [{"url": f"https://example.test/{i}"} for i in range(ENTRY_LIMIT + 250)]
    group.show_values({"links": entries}, [spec])
    links = group.widget("links")
    assert isinstance(links, EntryListField) and len(links.groups) == ENTRY_LIMIT
    assert links.more_label.isVisibleTo(links) and links.more_label.text().startswith("250 more entries")
    with qtbot.waitSignal(group.field_edited) as edited:
        links.remove_entry(0)
    assert edited.args[1] == entries[1:]  # the entries not shown are kept
