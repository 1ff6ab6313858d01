"""The preview on the real QtWebEngine view: hostile posts fetch and run nothing (checked with a
real HTTP server that records what it is asked, and in the page's own DOM), the page needs no
network, and typing keeps the scroll position and the images in place."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator

import pytest
from PySide6.QtCore import QObject
from PySide6.QtWebEngineCore import QWebEngineUrlRequestInfo, QWebEngineUrlRequestInterceptor

from desktop_app.core.resources import resource_path
from desktop_app.core.sample import install_sample_blog
from desktop_app.core.site.config import FLAVORS
from tests.helpers.desk import SampleBlog, preview_text, wait_note
from tests.helpers.image_server import ImageServer
from tests.helpers.inert import HOSTILE_POSTS, active, active_in_page
from tests.helpers.inert import hostile_post as fixture_post
from tests.ui.preview.test_preview import CQRS, run_once, script_value, wait_idle, wait_title
from tests.ui.preview.test_preview_export import save_as  # noqa: F401 - a fixture


@pytest.fixture
def web() -> Iterator[ImageServer]:
    recorder = ImageServer()
    yield recorder
    recorder.close()


def hostile_post(base: str) -> str:
    return (
        "---\ntitle: Hostile\n---\n\nStart.\n\n"
        f'<img id="control" src="{base}/control.png">\n\n'  # a remote image: allowed, so the server works
        "<!--><img id=\"comment\" src=\"x\" onerror=\"document.title='pwned'\">-->\n\n"
        "<p><a id=\"tab\" href=\"java&#9;script:document.title='pwned'\">tab</a> "
        "<a id=\"newline\" href=\"java&#10;script:document.title='pwned'\">newline</a></p>\n\n"
        f'<p id="escaped" style="background-image:u\\72l({base}/css-escape.png)">escaped</p>\n\n'
        f"<p id=\"set\" style=\"background-image:image-set('{base}/image-set.png' 1x)\">set</p>\n\n"
        f'<p id="plain" style="background-image:url({base}/plain-url.png)">plain</p>\n\n'
        f'<p id="commented" style="background-image:u/**/rl({base}/commented.png)">commented</p>\n\n'
        f'<iframe src="{base}/frame"></iframe>\n\n<object data="{base}/object"></object>\n\n'
        f'<link rel="stylesheet" href="{base}/sheet.css">\n\n'
        f'<img src="x" onerror="document.title=\'pwned\'">\n\n'
        "End.\n")


def test_hostile_html_runs_nothing_and_fetches_no_css_image(qtbot, desk, web: ImageServer) -> None:
    relative = "posts/hostile-css.md"
    (desk.sample.root / relative).write_text(hostile_post(web.base), encoding="utf-8")
    assert desk.controller.open_post(relative)
    wait_title(qtbot, desk, "Hostile")
    # The control image arrives: remote images are on, the server answers, the page loads.
    loaded = script_value(qtbot, desk, "(function(){var i=document.getElementById('control');"
                                       "return i&&i.complete?i.naturalWidth:null;})()")
    qtbot.waitUntil(lambda: loaded() == 1, timeout=15000)
    # Every style that would fetch is gone from the DOM, so no background image is ever asked for.
    for name in ("escaped", "set", "plain", "commented"):
        assert run_once(qtbot, desk, f"getComputedStyle(document.getElementById('{name}')).backgroundImage") == \
            "none", name
    assert run_once(qtbot, desk, "document.querySelectorAll('#postdesk-body [onerror], iframe, object, "
                                 "#postdesk-body link').length") == 0
    for name in ("tab", "newline"):
        assert not run_once(qtbot, desk, f"document.getElementById('{name}').href || ''").startswith("javascript")
    # `<!-->` ends the comment for a browser, so the image after it is markup, and was cleaned as such.
    assert run_once(qtbot, desk, "document.getElementById('comment').attributes.length") == 2  # id, src
    # The iframe is a card now (issue 18) whose link is the writer's address for the browser, as
    # any web link in a post is: clicking it asks the desktop to open it, so it is not clicked here.
    assert run_once(qtbot, desk, "document.querySelectorAll('#postdesk-body .pd-embed a').length") == 1
    run_once(qtbot, desk, "document.querySelectorAll('#postdesk-body a:not(.pd-embed a)')"
                          ".forEach(function(a){a.click()}); 1")
    assert run_once(qtbot, desk, "document.title") == "Preview"
    assert web.asked == ["/control.png"]


@pytest.fixture
def sample_blog(tmp_path: Path, request: pytest.FixtureRequest) -> SampleBlog:
    """The sample blog; a test parametrized with a flavour (indirectly) previews it in that flavour."""
    blog = SampleBlog(install_sample_blog(resource_path("sample-blog"), tmp_path / "blog", tmp_path / "origin.git"),
                      tmp_path / "origin.git")
    flavor = getattr(request, "param", None)
    if flavor is not None:
        config = blog.root / ".postdesk.yml"
        config.write_text(config.read_text(encoding="utf-8").replace("preview:\n", f"preview:\n  flavor: {flavor}\n", 1),
                          encoding="utf-8")
        blog.git("commit", "--quiet", "--all", "--message", f"Preview in {flavor}")
    return blog


# The live DOM of the preview: the article as the page holds it, and what the whole page holds.
ARTICLE = "document.getElementById('postdesk-article').outerHTML"
PAGE_STATE = ("JSON.stringify([document.title, document.baseURI, "
              "document.querySelectorAll('base, script, meta[http-equiv=\"refresh\" i]').length, "
              "[].every.call(document.images, function (i) { return i.complete; })])")


@pytest.mark.parametrize("sample_blog", FLAVORS, indirect=True)
def test_hostile_posts_leave_nothing_live_in_the_preview_or_the_export(qtbot, desk, web: ImageServer,
                                                                        save_as) -> None:  # noqa: F811
    """Markup hidden from the cleaner (issue 13: behind `<xmp>`, `<noembed>` … in a quoted
    attribute), front-matter images and legacy URL attributes, read by Chromium itself: nothing
    in the page can run, navigate or fetch, and the server sees only the two real images (the
    control, and the one a browser reads out of the first `<xmp>` example, now without its
    `onerror`)."""
    page_url = None
    found: dict[str, list[str]] = {}
    for name in HOSTILE_POSTS:
        text = fixture_post(name, web.base).replace(
            "\n---\n", f'\n---\n\n<img id="control" src="{web.base}/control.png">\n', 1)
        relative = f"posts/hostile-{name}"
        (desk.sample.root / relative).write_text(text, encoding="utf-8")
        assert desk.controller.open_post(relative)
        wait_title(qtbot, desk, text.split("title: ", 1)[1].split("\n", 1)[0])
        loaded = script_value(qtbot, desk, "(function(){var i=document.getElementById('control');"
                                           "return i&&i.complete?i.naturalWidth:null;})()")
        qtbot.waitUntil(lambda: loaded() == 1, timeout=15000)
        state = script_value(qtbot, desk, PAGE_STATE)
        qtbot.waitUntil(lambda: (state() or "").endswith("true]"), timeout=15000)  # every image settled
        page_title, base_url, live, _ = json.loads(state())
        page_url = page_url or base_url
        found[name] = active(run_once(qtbot, desk, ARTICLE))
        if (page_title, base_url, live) != ("Preview", page_url, 0) or not base_url.startswith("file:"):
            found[name].append(f"the page: title {page_title!r}, base {base_url}, {live} base/script/refresh")
        target = save_as(name.replace(".md", ".html"))
        desk.actions.export_html.trigger()
        wait_note(qtbot, desk, f"Exported {target}")
        found[name] += [f"export: {item}" for item in active_in_page(target.read_text(encoding="utf-8"))]
    assert found == {name: [] for name in HOSTILE_POSTS}
    assert set(web.asked) <= {"/control.png", "/a.png"}


class _Offline(QWebEngineUrlRequestInterceptor):
    """The network switched off: every request that is not a file or inline data is refused (and
    noted), after the preview's own guard has had its say."""

    def __init__(self, guard: QWebEngineUrlRequestInterceptor, parent: QObject) -> None:
        super().__init__(parent)
        self.guard = guard
        self.requests: list[str] = []
        self.refused: list[str] = []

    def interceptRequest(self, info: QWebEngineUrlRequestInfo) -> None:  # noqa: N802 - Qt's API
        url = info.requestUrl()
        self.requests.append(url.toString())
        if url.scheme() not in ("file", "data"):
            self.refused.append(url.toString())
            info.block(True)
            return
        self.guard.interceptRequest(info)


def test_the_preview_works_with_the_network_off(qtbot, desk) -> None:
    wait_title(qtbot, desk, desk.form.widget("title").text())
    offline = _Offline(desk.preview.guard, desk.preview._profile)
    desk.preview._profile.setUrlRequestInterceptor(offline)
    try:
        desk.preview.reload_page()  # everything the page needs is asked for again, offline
        assert desk.controller.open_post(CQRS)
        wait_title(qtbot, desk, "CQRS: The Pattern That Separates How You Read and Write Data")
        images = script_value(qtbot, desk, "(function(){var l=document.querySelectorAll('img');"
                                           "return l.length&&[].every.call(l,function(i){return i.complete&&"
                                           "i.naturalWidth>0})?l.length:null;})()")
        qtbot.waitUntil(lambda: images() == 2, timeout=15000)  # the cover and the diagram
        # Postdesk's page CSS and the site's CSS both applied, from files.
        assert run_once(qtbot, desk, "getComputedStyle(document.getElementById('postdesk-notice')).display") == "none"
        assert run_once(qtbot, desk, "document.styleSheets.length") >= 2
        assert offline.refused == []
        resources = resource_path("preview").resolve().as_uri()
        root = desk.sample.root.resolve().as_uri()
        assert offline.requests and all(url.startswith((resources, root, "data:")) for url in offline.requests)
    finally:
        desk.preview._profile.setUrlRequestInterceptor(desk.preview.guard)


def test_typing_keeps_the_scroll_position_and_the_images_without_scroll_sync(qtbot, desk) -> None:
    """With sync scrolling off nothing brings the page back to the editor's place, so a page that
    reset its scroll position or rebuilt its images on an update would show here."""
    desk.actions.sync_scroll.trigger()
    assert not desk.actions.sync_scroll.isChecked()
    relative = "posts/long.md"
    text = ("---\ntitle: Long\n---\n\n![d](/images/cqrs-read-write.svg)\n\n" +
            "\n\n".join(f"## Section {n}\n\n" + "word " * 120 for n in range(80)) + "\n\nTail.\n")
    (desk.sample.root / relative).write_text(text, encoding="utf-8")
    assert desk.controller.open_post(relative)
    wait_title(qtbot, desk, "Long")
    sections = script_value(qtbot, desk, "document.querySelectorAll('#postdesk-body h2').length")
    qtbot.waitUntil(lambda: sections() == 80, timeout=15000)
    wait_idle(qtbot, desk)
    run_once(qtbot, desk, "document.querySelector('#postdesk-body img').postdeskMark = 7; window.scrollTo(0, 3000); 1")
    top = run_once(qtbot, desk, "window.scrollY")
    assert top == 3000
    editor = desk.editor_pane.editor
    editor.replace_text(editor.toPlainText().replace("Tail.", "Tail, edited.").replace("## Section 3\n", "## Third\n"))
    body = preview_text(qtbot, desk, "#postdesk-body")
    qtbot.waitUntil(lambda: "Tail, edited." in (body() or "") and "Third" in (body() or ""), timeout=10000)
    assert run_once(qtbot, desk, "window.scrollY") == top
    assert run_once(qtbot, desk, "document.querySelector('#postdesk-body img').postdeskMark === 7")
