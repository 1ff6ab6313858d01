"""The app theme: light, dark or the system's, on the window, the editor, the changes panel and the preview."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from typing import Any, Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette

from desktop_app.core.paths import default_paths
from desktop_app.ui import style
from tests.helpers import budget
from tests.helpers.desk import page_probe

CACHING = "posts/caching-unsung-hero.md"  # opens with a heading line and holds code blocks


def script_value(desk: Any, script: str) -> Callable[[], Any]:
    """The latest value of `script` run in the preview (for waitUntil; empty until the page answers)."""
    return page_probe(desk.preview, script)


def css_lightness(value: str | None) -> int:
    """The HSL lightness (0–255) of a computed CSS colour such as `rgb(13, 17, 23)`; -1 if none."""
    numbers = re.findall(r"[\d.]+", value or "")
    if len(numbers) < 3 or (len(numbers) == 4 and float(numbers[3]) == 0):
        return -1  # transparent: no colour of its own
    return QColor(*(int(float(n)) for n in numbers[:3])).lightness()


def window_lightness(desk: Any) -> int:
    return desk.palette().color(QPalette.ColorRole.Window).lightness()


def heading_colour(desk: Any) -> QColor:
    """The colour the highlighter gives the first heading of the open post."""
    document = desk.editor_pane.editor.document()
    block = document.begin()
    while block.isValid() and not block.text().startswith("#"):
        block = block.next()
    assert block.isValid(), "the post has a heading"
    # The ranges own their formats: copy the colour out while the list is alive.
    colours = [QColor(r.format.foreground().color()) for r in block.layout().formats() if r.start <= 3 < r.start + r.length]
    assert colours, "the heading is highlighted"
    return colours[-1]


def set_theme(desk: Any, theme: str) -> None:
    desk.change_settings(replace(desk.context.workspace.settings, theme=theme))


def wait_scheme(qtbot: Any, desk: Any, scheme: str) -> None:
    probe = script_value(desk, "document.documentElement.dataset.colorScheme")
    qtbot.waitUntil(lambda: probe() == scheme, timeout=budget.ms(15_000))


def test_dark_and_light_restyle_the_window_editor_and_preview_at_once(qtbot, desk) -> None:
    assert desk.controller.open_post(CACHING)
    qtbot.waitUntil(lambda: desk.preview.last is not None, timeout=budget.ms(15_000))
    light_heading = heading_colour(desk)
    assert window_lightness(desk) > 200

    set_theme(desk, "dark")
    assert window_lightness(desk) < 60
    assert desk.editor_pane.editor.palette().color(QPalette.ColorRole.Base).lightness() < 60
    dark_heading = heading_colour(desk)
    assert dark_heading.lightness() > 150 > light_heading.lightness()  # readable on each background
    wait_scheme(qtbot, desk, "dark")
    # The site's own CSS gives code a light background; Pygments' dark colours keep their dark one.
    code = script_value(desk, "(function(){var c=document.querySelector('#postdesk-body .codehilite');"
                              "return c?getComputedStyle(c).backgroundColor:null;})()")
    qtbot.waitUntil(lambda: 0 <= css_lightness(code()) < 60, timeout=budget.ms(15_000))
    token = script_value(desk, "(function(){var c=document.querySelector('#postdesk-body .codehilite code');"
                               "return c?getComputedStyle(c).color:null;})()")
    qtbot.waitUntil(lambda: css_lightness(token()) > 150, timeout=budget.ms(10_000))

    set_theme(desk, "light")
    assert window_lightness(desk) > 200
    assert heading_colour(desk) == light_heading
    wait_scheme(qtbot, desk, "light")
    qtbot.waitUntil(lambda: css_lightness(code()) > 200, timeout=budget.ms(15_000))


def test_changed_posts_and_the_diff_stay_readable_in_dark(qtbot, desk) -> None:
    post = desk.sample.root / CACHING
    post.write_text(post.read_text(encoding="utf-8") + "\nA new closing line.\n", encoding="utf-8")
    desk.changes.refresh()
    qtbot.waitUntil(lambda: desk.changes.files.count() == 1, timeout=budget.ms(10_000))
    item = desk.changes.files.item(0)
    light = item.foreground().color()
    set_theme(desk, "dark")
    assert item.foreground().color().lightness() > light.lightness()
    assert item.foreground().color().lightness() > 110  # the state's colour reads on the dark list
    desk.changes.diff.show_diff("@@ -1 +1 @@\n-old line\n+new line\n")
    backgrounds = [QColor(r.format.background().color())
                   for r in desk.changes.diff.document().findBlockByNumber(2).layout().formats()]
    assert backgrounds and backgrounds[0].lightness() < 80  # an added line is no pale band on dark


def test_the_sites_own_dark_css_follows_a_theme_chosen_while_running(qtbot, desk) -> None:
    """Chromium answers `prefers-color-scheme` from a setting read at start-up: switching to dark
    must not leave the site's CSS light around Postdesk's dark code blocks ("half dark")."""
    assert desk.controller.open_post(CACHING)
    page = script_value(desk, "getComputedStyle(document.body).backgroundColor")
    title = script_value(desk, "(function(){var t=document.querySelector('.post-title');"
                               "return t?getComputedStyle(t).color:null;})()")
    qtbot.waitUntil(lambda: css_lightness(page()) > 200, timeout=budget.ms(15_000))
    set_theme(desk, "dark")
    wait_scheme(qtbot, desk, "dark")
    qtbot.waitUntil(lambda: 0 <= css_lightness(page()) < 60 and css_lightness(title()) > 180, timeout=budget.ms(15_000))
    set_theme(desk, "light")
    wait_scheme(qtbot, desk, "light")
    qtbot.waitUntil(lambda: css_lightness(page()) > 200 and 0 <= css_lightness(title()) < 100, timeout=budget.ms(15_000))


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_library_scroll_bar_paints_no_black_band(qtbot, desk, theme: str) -> None:
    set_theme(desk, theme)
    desk.resize(1000, 500)  # fewer rows than posts: the library scrolls
    bar = desk.library.list.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.isVisible() and bar.maximum() > 0, timeout=budget.ms(5000))
    bar.setValue(bar.maximum())
    image = bar.grab().toImage()
    pixels = [image.pixelColor(x, y) for x in range(image.width()) for y in range(image.height())]
    black = sum(1 for colour in pixels if colour.lightness() < 12)
    assert black < 0.05 * len(pixels), f"{black} of {len(pixels)} pixels of the scroll bar are black in {theme}"


@pytest.fixture
def plain_blog(sample_blog):  # noqa: ANN001, ANN201 - the sample blog without its own stylesheet
    """Postdesk's default preview theme is used when the site has no CSS to find."""
    (sample_blog.root / "styles" / "globals.css").unlink()
    return sample_blog


def test_the_default_preview_theme_turns_dark_with_the_app(qtbot, plain_blog, desk) -> None:
    set_theme(desk, "dark")
    wait_scheme(qtbot, desk, "dark")
    page = script_value(desk, "getComputedStyle(document.documentElement).backgroundColor")
    text = script_value(desk, "(function(){var t=document.querySelector('.post-title');"
                              "return t?getComputedStyle(t).color:null;})()")
    qtbot.waitUntil(lambda: 0 <= css_lightness(page()) < 60 and css_lightness(text()) > 180, timeout=budget.ms(15_000))


@pytest.fixture
def saved_theme(request: pytest.FixtureRequest) -> str:
    """A settings file written before the window opens, as a previous run (or a hand edit) left it."""
    paths = default_paths()
    paths.ensure()
    paths.settings_file.write_text(json.dumps({"theme": request.param}), encoding="utf-8")
    return request.param


@pytest.mark.parametrize("saved_theme", ["dark"], indirect=True)
def test_the_saved_theme_applies_at_start_up(qtbot, saved_theme: str, desk) -> None:
    assert window_lightness(desk) < 60
    wait_scheme(qtbot, desk, "dark")


@pytest.mark.parametrize("saved_theme", ["purple"], indirect=True)
def test_an_unknown_saved_theme_follows_the_system(qtbot, saved_theme: str, desk, monkeypatch) -> None:
    assert desk.context.workspace.settings.theme == "system"
    assert window_lightness(desk) > 200  # offscreen Qt reports no colour scheme: light
    monkeypatch.setattr(style, "system_is_dark", lambda: True)
    QGuiApplication.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert window_lightness(desk) < 60


def test_following_the_system_changes_live_but_a_chosen_theme_stays(qtbot, desk, monkeypatch) -> None:
    monkeypatch.setattr(style, "system_is_dark", lambda: True)
    set_theme(desk, "light")
    QGuiApplication.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert window_lightness(desk) > 200  # the writer chose light: the system's change is ignored
    set_theme(desk, "system")
    assert window_lightness(desk) < 60
    monkeypatch.setattr(style, "system_is_dark", lambda: False)
    QGuiApplication.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Light)
    assert window_lightness(desk) > 200


def test_an_unknown_system_scheme_counts_as_light(qapp) -> None:
    hints = QGuiApplication.styleHints()
    assert hints.colorScheme() != Qt.ColorScheme.Dark  # offscreen: nothing to read
    assert style.resolve_dark("system") is False
    assert style.resolve_dark("dark") is True and style.resolve_dark("light") is False
