"""Sites whose schema lives in the generator's configuration, opened in the window: the forms
follow the schema, an article's translations are one row that opens in any of its languages,
and View → Site… says what Postdesk read (tests/fixtures/sites)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDateEdit, QLabel, QLineEdit

from desktop_app.ui.form.image_field import ImageField
from desktop_app.ui.form.nested_fields import ObjectField


def test_astro_schema_gives_the_form_its_widgets(qtbot, open_site) -> None:
    window = open_site("astro-content-layer")
    assert window.controller.open_post("src/data/blog/moon-notes.mdx")
    form = window.form
    qtbot.waitUntil(lambda: form.widget("heroImage") is not None, timeout=3000)
    assert isinstance(form.widget("title"), QLineEdit)
    assert isinstance(form.widget("pubDate"), QDateEdit)
    assert isinstance(form.widget("heroImage"), ImageField)  # image() in the zod schema
    assert isinstance(form.widget("series"), QComboBox)  # z.enum
    assert isinstance(form.widget("seo"), ObjectField)
    assert "src/content.config.ts" in form.source_label.text()


def test_an_article_in_two_languages_is_one_row_that_opens_either(qtbot, open_site) -> None:
    window = open_site("astro-content-layer")
    library = window.library
    titles = [post.title for post in library.model.visible_posts if post.collection == "blog"]
    assert titles == ["Moon notes", "First light"]  # not "Première lumière" as a post of its own
    article = next(post for post in library.model.visible_posts if post.title == "First light")
    assert [code for code, _ in article.translations] == ["en", "fr"]
    library._open_translation("src/data/blog/first-light/index.fr.md")  # the FR chip, or Open in FR
    qtbot.waitUntil(lambda: window.controller.document.path == "src/data/blog/first-light/index.fr.md", timeout=3000)
    assert library.current_path() == "src/data/blog/first-light/index.md"  # the article's row stays selected
    qtbot.waitUntil(lambda: window.form.widget("title") is not None
                    and window.form.widget("title").text() == "Première lumière", timeout=3000)


def test_inherited_fields_say_so_in_the_form(qtbot, open_site) -> None:
    window = open_site("jekyll-collections")
    assert window.controller.open_post("_posts/2024-03-04-soup.md")
    qtbot.waitUntil(lambda: window.form.widget("layout") is not None, timeout=3000)
    hints = [label.text() for label in window.form.findChildren(QLabel) if label.objectName() == "fieldHint"]
    assert "Inherited from the site when left empty: post" in hints
    assert isinstance(window.form.widget("author"), QComboBox)  # the authors of _data/authors.yml


def test_view_site_says_what_was_read(qtbot, open_site) -> None:
    window = open_site("hugo-npm")
    window.site_action.trigger()
    dialog = window.site_dialog
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=10000)
    text = dialog.page.toPlainText()
    assert "Generator: hugo" in text
    assert "config/_default/hugo.toml, package.json scripts run hugo" in text
    assert "content/posts/{{slug}}/index.md" in text  # where + New puts a post
    assert "static" in text and "Languages: EN · IT · ES" in text
    dialog.reject()
