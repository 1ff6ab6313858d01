"""Sites configured for Decap, Sveltia, Front Matter CMS and Pages CMS open with their collections
and their forms, unchanged (tests/fixtures/sites)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDoubleSpinBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
)

from desktop_app.core.frontmatter import fields as f
from desktop_app.ui.form.image_field import ImageField
from desktop_app.ui.form.nested_fields import EntryListField, ObjectField
from desktop_app.ui.form.tag_edit import TagEdit
from desktop_app.ui.library.model import HeaderRole
from tests.helpers.git_repos import git

# Which widget a writer gets for each kind of field.
WIDGETS: dict[str, type] = {
    f.TEXT: QLineEdit, f.MULTILINE: QPlainTextEdit, f.MARKDOWN: QPlainTextEdit, f.DATE: QDateEdit,
    f.DATETIME: QDateTimeEdit, f.BOOLEAN: QCheckBox, f.NUMBER: QDoubleSpinBox, f.TAGS: TagEdit,
    f.IMAGE: ImageField, f.FILE: ImageField, f.READONLY: QLabel, f.OBJECT: ObjectField, f.LIST: EntryListField,
}


def widget_class(spec: f.FieldSpec) -> type:
    if spec.kind in (f.SELECT, f.RELATION):
        return TagEdit if spec.multiple else QComboBox
    if spec.kind in (f.OBJECT, f.LIST) and not spec.fields:
        return QLabel
    return WIDGETS[spec.kind]




@pytest.mark.parametrize("name, groups", [
    ("hugo-decap", ["Posts", "Authors", "Pages"]),
    ("astro-sveltia", ["Blog", "Notes"]),
    ("hugo-frontmatter", ["Posts", "Notes", "Authors", "Docs"]),
    ("next-pages", ["Posts", "Authors"]),
])
def test_configured_site_opens_with_its_collections_and_forms(qtbot, open_site, name: str, groups: list[str]) -> None:
    window = open_site(name)
    model = window.library.model
    headers = [model.index(row).data() for row in range(model.rowCount()) if model.index(row).data(HeaderRole)]
    assert headers == groups
    site = window.context.workspace.site
    opened = 0
    for post in model.visible_posts:
        opened += 1
        assert window.controller.open_post(post.path)
        collection = site.collection_for(post.path)
        assert collection is not None and collection.fields, post.path
        shown = [spec for spec in collection.fields if spec.shown]
        form = window.form
        qtbot.waitUntil(lambda: all(form.widget(spec.key) is not None for spec in shown), timeout=3000)
        for spec in shown:
            assert isinstance(form.widget(spec.key), widget_class(spec)), (post.path, spec.key, spec.kind)
        for spec in collection.fields:
            if not spec.shown:
                assert form.widget(spec.key) is None, (post.path, spec.key)
        assert collection.source in form.source_label.text()
    assert opened == len(list(model.visible_posts)) >= len(groups)
    assert not window.controller.is_modified()
    assert git(window.root, "status", "--porcelain") == ""  # opening and browsing wrote nothing


def test_a_broken_cms_config_is_explained_and_the_site_opens_anyway(open_site) -> None:
    window = open_site("jekyll-broken-decap")
    notes = [message for kind, message in window.notifier.history if kind == "note"]
    assert any("admin/config.yml line 11" in note for note in notes)
    assert window.library.model.visible_posts
    assert window.form.widget("title") is not None
