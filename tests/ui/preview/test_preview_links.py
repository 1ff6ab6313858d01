"""Links clicked in the preview: web links go to the system browser, links to another post of the
repository open that post in Postdesk, in-page anchors scroll, and anything else says why not."""

from __future__ import annotations

from typing import Iterator

import pytest
from PySide6.QtCore import QObject, QPoint, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices

from tests.helpers.desk import notes
from tests.ui.preview.test_preview import CQRS, run_once, wait_title

CACHING = "posts/caching-unsung-hero.md"
LINKS = "posts/links.md"
POST = """---
title: Links
---

Read [the web](https://example.com/page?a=1), [mail us](mailto:ed@example.com),
[a sibling post](cqrs-read-write-separation.md), [a site path](/posts/caching-unsung-hero),
[a missing post](/posts/never-written), [a template link](%7B%7B%20site.repository%20%7D%7D/issues/1)
and a footnote[^1].

""" + "Filler paragraph.\n\n" * 120 + "[^1]: The note at the end.\n"


class _Browser(QObject):
    """Stands in for the system browser: records what QDesktopServices.openUrl was given."""

    def __init__(self) -> None:
        super().__init__()
        self.opened: list[str] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.opened.append(url.toString())


@pytest.fixture
def browser() -> Iterator[_Browser]:
    receiver = _Browser()
    for scheme in ("http", "https", "mailto"):
        QDesktopServices.setUrlHandler(scheme, receiver, "open")
    yield receiver
    for scheme in ("http", "https", "mailto"):
        QDesktopServices.unsetUrlHandler(scheme)


def open_links_post(qtbot, desk) -> None:
    (desk.sample.root / LINKS).write_text(POST, encoding="utf-8")
    assert desk.controller.open_post(LINKS)
    wait_title(qtbot, desk, "Links")


def click(qtbot, desk, text: str) -> None:
    """Click the preview link whose text is `text` with the mouse, as the user would (on its first
    line box: a link that wraps has its middle between the lines)."""
    script = ("(function(){var a=[].find.call(document.querySelectorAll('#postdesk-body a'),"
              f"function(a){{return a.textContent==={text!r};}});if(!a)return null;a.scrollIntoView();"
              "var r=a.getClientRects()[0];return Math.round(r.left+r.width/2)+','+Math.round(r.top+r.height/2);})()")
    where = run_once(qtbot, desk, script)
    assert where, f"no link {text!r} in the preview"
    x, y = (int(number) for number in where.split(","))
    view = desk.preview.view
    target = view.focusProxy() or view
    qtbot.mouseClick(target, Qt.MouseButton.LeftButton, pos=QPoint(x, y))


def test_web_and_mail_links_open_in_the_system_browser(qtbot, desk, browser: _Browser) -> None:
    open_links_post(qtbot, desk)
    click(qtbot, desk, "the web")
    qtbot.waitUntil(lambda: browser.opened == ["https://example.com/page?a=1"], timeout=10000)
    click(qtbot, desk, "mail us")
    qtbot.waitUntil(lambda: browser.opened[-1:] == ["mailto:ed@example.com"], timeout=10000)
    assert desk.controller.document.path == LINKS  # the preview itself went nowhere
    assert run_once(qtbot, desk, "document.querySelector('.post-title').textContent") == "Links"
    # The page the link was refused from still takes updates (a refused navigation reports a
    # failed load, which once left the preview waiting for a page that never came).
    editor = desk.editor_pane.editor
    editor.replace_text(editor.toPlainText().replace("title: Links", "title: Links, edited"))
    wait_title(qtbot, desk, "Links, edited")


def test_a_link_to_another_post_opens_it_in_postdesk(qtbot, desk, browser: _Browser) -> None:
    open_links_post(qtbot, desk)
    click(qtbot, desk, "a sibling post")
    qtbot.waitUntil(lambda: desk.controller.document.path == CQRS, timeout=10000)
    wait_title(qtbot, desk, "CQRS: The Pattern That Separates How You Read and Write Data")
    assert desk.controller.open_post(LINKS)
    wait_title(qtbot, desk, "Links")
    click(qtbot, desk, "a site path")
    qtbot.waitUntil(lambda: desk.controller.document.path == CACHING, timeout=10000)
    assert browser.opened == []


def test_a_link_that_leads_to_no_post_says_why(qtbot, desk, browser: _Browser) -> None:
    open_links_post(qtbot, desk)
    click(qtbot, desk, "a missing post")
    qtbot.waitUntil(lambda: "Not a post of this repository: /posts/never-written" in notes(desk), timeout=10000)
    click(qtbot, desk, "a template link")
    qtbot.waitUntil(lambda: "This link is filled in by the site: {{ site.repository }}/issues/1" in notes(desk),
                    timeout=10000)
    assert desk.controller.document.path == LINKS and browser.opened == []


def test_in_page_anchors_scroll_the_preview(qtbot, desk, browser: _Browser) -> None:
    open_links_post(qtbot, desk)
    assert run_once(qtbot, desk, "window.scrollY") == 0
    run_once(qtbot, desk, "document.querySelector('#postdesk-body sup a').click(); 1")
    qtbot.waitUntil(lambda: (run_once(qtbot, desk, "window.scrollY") or 0) > 1000, timeout=10000)
    assert desk.controller.document.path == LINKS and browser.opened == []
