"""The form of a site with a Decap CMS configuration: its widgets, validation, nesting and groups."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QDateTimeEdit, QDoubleSpinBox, QLineEdit, QPlainTextEdit

from desktop_app.core.frontmatter import parse as fm
from desktop_app.core.paths import default_paths
from desktop_app.core.workspace import Workspace
from desktop_app.ui.form.image_field import ImageField
from desktop_app.ui.form.nested_fields import EntryListField, ObjectField
from desktop_app.ui.form.tag_edit import TagEdit
from desktop_app.ui.library.model import HeaderRole, PathRole
from tests.helpers.git_repos import make_repo

CONFIG = """\
backend:
  name: git-gateway
media_folder: static/images/uploads
public_folder: /images/uploads
collections:
  - name: blog
    label: Blog
    folder: content/blog
    create: true
    slug: "{{year}}-{{month}}-{{day}}-{{slug}}"
    fields:
      - {label: Title, name: title, widget: string}
      - {label: Publish date, name: date, widget: datetime}
      - {label: Summary, name: summary, widget: text, required: false, hint: One or two sentences.}
      - {label: Draft, name: draft, widget: boolean, default: true}
      - label: Category
        name: category
        widget: select
        options: [engineering, culture, {label: Release notes, value: releases}]
      - {label: Tags, name: tags, widget: list, required: false}
      - {label: Reading level, name: level, widget: number, value_type: int, min: 1, max: 5, required: false}
      - {label: Slug, name: slug, widget: string, pattern: ['^[a-z0-9-]+$', 'Lower-case letters, digits and hyphens'],
         required: false}
      - {label: Cover, name: cover, widget: image, required: false}
      - label: Author
        name: author
        widget: relation
        collection: authors
        value_field: "{{slug}}"
        search_fields: [name]
        display_fields: [name]
      - label: SEO
        name: seo
        widget: object
        required: false
        fields:
          - {label: Meta title, name: title, widget: string}
          - {label: No index, name: noindex, widget: boolean, required: false}
      - label: Links
        name: links
        widget: list
        required: false
        fields:
          - {label: Text, name: text, widget: string}
          - {label: URL, name: url, widget: string}
      - {label: Layout, name: layout, widget: hidden, default: post}
      - {label: Body, name: body, widget: markdown}
  - name: authors
    label: Authors
    folder: content/authors
    fields:
      - {label: Name, name: name, widget: string}
      - {label: Body, name: body, widget: markdown}
"""

POST = """\
---
# Written by hand; the comment stays.
title: Shipping the search index
date: 2025-03-04T09:30:00Z
draft: false
category: engineering
tags: [search, performance]
level: 3
slug: shipping-search
author: ada
seo:
  title: Search index, shipped
links:
  - text: Design doc
    url: https://example.com/design
layout: post
custom_key: kept as it is
---

How we shipped it.
"""


def decap_window(qtbot, tmp_path: Path):  # noqa: ANN201 - a MainWindow
    """The window on a Decap site, its blog post opened once the library lists it."""
    from desktop_app.ui.context import UiContext
    from desktop_app.ui.notify import Notifier
    from desktop_app.ui.window.mainwindow import MainWindow
    from desktop_app.ui.workers import TaskRunner

    root = make_repo(tmp_path / "site", {
        "static/admin/config.yml": CONFIG,
        "content/blog/2025-03-04-shipping-search.md": POST,
        "content/authors/ada.md": "---\nname: Ada Lovelace\n---\n",
        "content/authors/grace.md": "---\nname: Grace Hopper\n---\n",
        "config.toml": 'title = "Site"\n',
    }, commits=1)
    window = MainWindow(UiContext(Workspace.open(root, default_paths()), TaskRunner(), Notifier(interactive=False)))
    qtbot.addWidget(window)
    window.show()
    window.root = root
    qtbot.waitUntil(lambda: window.library.model.visible_posts != [], timeout=10000)
    assert window.controller.open_post("content/blog/2025-03-04-shipping-search.md")
    return window


@pytest.fixture
def decap_desk(qtbot, tmp_path: Path):  # noqa: ANN201 - yields a MainWindow
    window = decap_window(qtbot, tmp_path)
    notifier = window.context.notifier
    qtbot.waitUntil(lambda: window.form.widget("title") is not None, timeout=5000)
    yield window
    notifier.answers[:] = ["discard"] * 3
    window.close()


def text_of(desk) -> str:  # noqa: ANN001
    return desk.editor_pane.text()


def values_of(desk) -> dict:  # noqa: ANN001
    return fm.read_post(text_of(desk)).values


def test_every_configured_field_gets_its_widget(decap_desk) -> None:
    form = decap_desk.form
    assert isinstance(form.widget("title"), QLineEdit)
    assert isinstance(form.widget("date"), QDateTimeEdit)
    assert isinstance(form.widget("summary"), QPlainTextEdit)
    assert isinstance(form.widget("draft"), QCheckBox) and not form.widget("draft").isChecked()
    category = form.widget("category")
    assert isinstance(category, QComboBox) and category.currentText() == "engineering"
    assert [category.itemText(i) for i in range(category.count())] == ["engineering", "culture", "Release notes"]
    assert isinstance(form.widget("tags"), TagEdit) and form.widget("tags").tags() == ["search", "performance"]
    assert isinstance(form.widget("level"), QDoubleSpinBox) and form.widget("level").value() == 3
    assert isinstance(form.widget("cover"), ImageField)
    author = form.widget("author")
    assert isinstance(author, QComboBox) and author.currentText() == "Ada Lovelace"
    assert isinstance(form.widget("seo"), ObjectField)
    assert isinstance(form.widget("links"), EntryListField)
    # Hidden fields and the body are not form fields; unknown keys are shown and kept.
    assert form.widget("layout") is None and form.widget("body") is None
    assert form.widget("custom_key") is not None
    assert "config.yml" in form.source_label.text()


def test_required_fields_are_marked_and_validated_as_you_type(qtbot, decap_desk) -> None:
    form = decap_desk.form
    title = form.widget("title")
    assert form.message("title") == ""
    title.setFocus()
    title.selectAll()
    qtbot.keyClick(title, Qt.Key.Key_Backspace)
    qtbot.waitUntil(lambda: form.message("title") == "Required.", timeout=3000)
    qtbot.keyClicks(title, "Back again")
    qtbot.waitUntil(lambda: form.message("title") == "", timeout=3000)


def test_pattern_and_number_range_messages(qtbot, decap_desk) -> None:
    form = decap_desk.form
    slug = form.widget("slug")
    slug.setFocus()
    qtbot.keyClicks(slug, " Bad Slug")
    qtbot.waitUntil(lambda: form.message("slug") == "Lower-case letters, digits and hyphens", timeout=3000)
    level = form.widget("level")
    level.setValue(9)
    qtbot.waitUntil(lambda: form.message("level") == "Must be at most 5.", timeout=3000)
    assert values_of(decap_desk)["level"] == 9  # the writer's value is kept; the message explains


def test_select_writes_the_option_value_not_its_label(qtbot, decap_desk) -> None:
    before = text_of(decap_desk)
    category = decap_desk.form.widget("category")
    category.setCurrentIndex(category.findText("Release notes"))
    category.activated.emit(category.currentIndex())
    after = text_of(decap_desk)
    assert values_of(decap_desk)["category"] == "releases"
    changed = [(a, b) for a, b in zip(before.splitlines(), after.splitlines()) if a != b]
    assert changed == [("category: engineering", "category: releases")]


def test_relation_lists_the_other_collection(decap_desk) -> None:
    author = decap_desk.form.widget("author")
    labels = [author.itemText(i) for i in range(author.count())]
    assert "Ada Lovelace" in labels and "Grace Hopper" in labels
    author.setCurrentIndex(author.findText("Grace Hopper"))
    author.activated.emit(author.currentIndex())
    assert values_of(decap_desk)["author"] == "grace"


def test_nested_object_edit_changes_only_its_line(qtbot, decap_desk) -> None:
    before = text_of(decap_desk)
    seo: ObjectField = decap_desk.form.widget("seo")
    meta = seo.group.widget("title")
    meta.setFocus()
    meta.selectAll()
    qtbot.keyClicks(meta, "New meta title")
    qtbot.waitUntil(lambda: values_of(decap_desk)["seo"]["title"] == "New meta title", timeout=3000)
    after = text_of(decap_desk)
    changed = [(a, b) for a, b in zip(before.splitlines(), after.splitlines()) if a != b]
    assert changed == [("  title: Search index, shipped", "  title: New meta title")]
    assert values_of(decap_desk)["title"] == "Shipping the search index"


def test_list_entries_can_be_added_and_removed(qtbot, decap_desk) -> None:
    links: EntryListField = decap_desk.form.widget("links")
    assert len(links.groups) == 1
    links.add_entry()
    qtbot.waitUntil(lambda: len(values_of(decap_desk)["links"]) == 2, timeout=3000)
    qtbot.waitUntil(lambda: len(links.groups) == 2, timeout=3000)
    links.remove_entry(0)
    qtbot.waitUntil(lambda: len(values_of(decap_desk)["links"]) == 1, timeout=3000)
    text = text_of(decap_desk)
    assert "# Written by hand; the comment stays." in text and "custom_key: kept as it is" in text
    assert "layout: post" in text


def test_an_invalid_value_from_the_text_shows_beside_its_field(qtbot, decap_desk) -> None:
    editor = decap_desk.editor_pane
    editor.editor.replace_text(text_of(decap_desk).replace("category: engineering", "category: gossip"))
    qtbot.waitUntil(lambda: "not one of the choices" in decap_desk.form.message("category"), timeout=3000)
    assert decap_desk.form.widget("category").currentText() == "gossip (not a choice)"


def test_library_groups_posts_by_collection(decap_desk) -> None:
    model = decap_desk.library.model
    rows = [model.index(row) for row in range(model.rowCount())]
    assert [index.data() for index in rows if index.data(HeaderRole)] == ["Blog", "Authors"]
    assert [index.data(PathRole) for index in rows] == [
        None, "content/blog/2025-03-04-shipping-search.md", None, "content/authors/ada.md", "content/authors/grace.md"]
    assert decap_desk.library.collection_filter.isVisible()
    decap_desk.library.collection_filter.setCurrentIndex(decap_desk.library.collection_filter.findText("Authors"))
    assert [post.path for post in model.visible_posts] == ["content/authors/ada.md", "content/authors/grace.md"]
    assert model.rowCount() == 2  # no headers within one collection


def test_new_entry_follows_the_collection_pattern_and_defaults(qtbot, decap_desk) -> None:
    before = dt.date.today()
    decap_desk.library.create_requested.emit("Hello Schemas", "blog")
    qtbot.waitUntil(lambda: decap_desk.controller.document.path.endswith("hello-schemas.md"), timeout=5000)
    path = decap_desk.controller.document.path
    assert path in {f"content/blog/{day:%Y-%m-%d}-hello-schemas.md" for day in (before, dt.date.today())}
    values = fm.read_post((decap_desk.root / path).read_text(encoding="utf-8")).values
    assert values["title"] == "Hello Schemas" and values["draft"] is True and values["layout"] == "post"
    assert isinstance(values["date"], dt.datetime)


def test_tags_complete_from_the_words_used_across_the_repository(decap_desk) -> None:
    tags: TagEdit = decap_desk.form.widget("tags")
    completer = tags.input.completer()
    assert completer.model().stringList() == ["performance", "search"]
    completer.setCompletionPrefix("PERF")
    assert completer.currentCompletion() == "performance"


def test_scrolling_over_a_menu_number_or_date_changes_nothing(qtbot, decap_desk) -> None:
    from PySide6.QtCore import QPoint, QPointF
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    before = text_of(decap_desk)
    decap_desk.form.widget("title").setFocus()
    for key in ("category", "level", "date", "author"):
        widget = decap_desk.form.widget(key)
        centre = QPointF(widget.rect().center())
        event = QWheelEvent(centre, QPointF(widget.mapToGlobal(centre.toPoint())), QPoint(0, 0), QPoint(0, -120),
                            Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
        QApplication.sendEvent(widget, event)
    qtbot.wait(50)
    assert text_of(decap_desk) == before


def test_typing_a_relation_value_writes_the_entry_or_the_text(qtbot, decap_desk) -> None:
    author = decap_desk.form.widget("author")
    author.lineEdit().setFocus()
    author.lineEdit().selectAll()
    qtbot.keyClicks(author.lineEdit(), "Grace Hopper")
    qtbot.keyClick(author.lineEdit(), Qt.Key.Key_Return)
    assert values_of(decap_desk)["author"] == "grace"  # the label names an entry: its value is written
    author.lineEdit().selectAll()
    qtbot.keyClicks(author.lineEdit(), "someone-new")
    qtbot.keyClick(author.lineEdit(), Qt.Key.Key_Return)
    assert values_of(decap_desk)["author"] == "someone-new"  # never null


def test_two_quick_edits_in_one_list_entry_both_stay(qtbot, decap_desk) -> None:
    links: EntryListField = decap_desk.form.widget("links")
    text, url = links.groups[0].widget("text"), links.groups[0].widget("url")
    text.setFocus()
    text.end(False)
    qtbot.keyClicks(text, "!")
    url.setFocus()
    url.end(False)
    qtbot.keyClicks(url, "/v2")  # before the form refreshes from the text
    assert values_of(decap_desk)["links"] == [{"text": "Design doc!", "url": "https://example.com/design/v2"}]


def test_a_value_the_widget_cannot_hold_is_left_to_the_text_editor(qtbot, decap_desk) -> None:
    editor = decap_desk.editor_pane.editor
    editor.replace_text(text_of(decap_desk).replace("slug: shipping-search", "slug: [a, b]")
                        .replace("tags: [search, performance]", "tags: [2024, performance]"))
    qtbot.waitUntil(lambda: not decap_desk.form.widget("slug").isEnabled(), timeout=3000)
    assert decap_desk.form.message("slug") == "Expected text, found a list."
    tags: TagEdit = decap_desk.form.widget("tags")
    tags.add_tag("web")
    assert values_of(decap_desk)["tags"] == [2024, "performance", "web"]  # 2024 stays a number


def test_a_whole_number_field_writes_integers(qtbot, decap_desk) -> None:
    before = text_of(decap_desk)
    level: QDoubleSpinBox = decap_desk.form.widget("level")
    assert level.decimals() == 0  # value_type: int
    level.setValue(4)
    changed = [(a, b) for a, b in zip(before.splitlines(), text_of(decap_desk).splitlines()) if a != b]
    assert changed == [("level: 3", "level: 4")]


def test_a_post_opened_while_the_library_settles_offers_every_related_post(qtbot, tmp_path: Path,
                                                                          monkeypatch) -> None:
    """At 10,000 posts the form's completions take half a second after every row is listed: a post
    opened from the list then already offers the authors its relation field points to."""
    import threading

    from desktop_app.ui.window import post_controller

    settle = threading.Event()
    completions = post_controller.choices.completions

    def slow_completions(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        settle.wait(30)
        return completions(*args, **kwargs)
    monkeypatch.setattr(post_controller.choices, "completions", slow_completions)
    try:
        window = decap_window(qtbot, tmp_path)
        qtbot.waitUntil(lambda: window.form.widget("author") is not None, timeout=5000)
        author = window.form.widget("author")
        assert "Grace Hopper" in [author.itemText(i) for i in range(author.count())]
    finally:
        settle.set()
    window.context.notifier.answers[:] = ["discard"] * 3
    window.close()
