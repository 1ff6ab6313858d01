"""The live preview: follows the open post, resolves images to files, runs no post script, coalesces."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import Qt, QUrl
from PySide6.QtWebEngineCore import QWebEngineScript, QWebEngineSettings

from tests.helpers.desk import preview_text

CACHING = "posts/caching-unsung-hero.md"
CQRS = "posts/cqrs-read-write-separation.md"
CQRS_TITLE = "CQRS: The Pattern That Separates How You Read and Write Data"


def script_value(qtbot, desk, script: str) -> Callable[[], Any]:
    """A probe returning the latest value of `script` run in Postdesk's world (for waitUntil).

    Before the page is ready the callback receives an empty value, so wait for a truthy one.
    """
    box: dict[str, Any] = {"value": None}

    def probe() -> Any:
        desk.preview.run_script(script, lambda value: box.__setitem__("value", value))
        return box["value"]
    return probe


def run_once(qtbot, desk, script: str, world: QWebEngineScript.ScriptWorldId | None = None) -> Any:
    """Run `script` once and wait for its result."""
    box: dict[str, Any] = {}
    # The page is made once the window has shown the post (QtWebEngine starts after that paint).
    qtbot.waitUntil(lambda: desk.preview.view is not None, timeout=10000)
    page = desk.preview.view.page()
    callback = lambda value: box.__setitem__("value", value)  # noqa: E731
    if world is None:
        desk.preview.run_script(script, callback)
    else:
        page.runJavaScript(script, world, callback)
    qtbot.waitUntil(lambda: "value" in box, timeout=10000)
    return box["value"]


def wait_title(qtbot, desk, title: str) -> None:
    probe = preview_text(qtbot, desk, ".post-title")
    qtbot.waitUntil(lambda: probe() == title, timeout=15000)


def wait_idle(qtbot, desk) -> None:
    qtbot.waitUntil(lambda: not desk.preview.runner.busy and not desk.preview.timer.isActive(), timeout=10000)


def image_file(src: str) -> Path:
    url = QUrl(src)
    assert url.isLocalFile(), f"{src} is not a file URL"
    return Path(url.toLocalFile())


def test_switching_posts_shows_the_new_title(qtbot, desk) -> None:
    assert desk.controller.open_post(CACHING)
    wait_title(qtbot, desk, "Caching: The Unsung Hero of Fast, Scalable Systems")
    assert desk.controller.open_post(CQRS)
    wait_title(qtbot, desk, CQRS_TITLE)
    body = preview_text(qtbot, desk, "#postdesk-body")
    qtbot.waitUntil(lambda: bool(body()) and "Command Query Responsibility Segregation" in body(), timeout=10000)
    assert "Caches are everywhere" not in body()


def test_selecting_a_post_in_the_library_updates_the_preview(qtbot, desk) -> None:
    desk.library.select(CQRS)
    wait_title(qtbot, desk, CQRS_TITLE)


def test_relative_body_image_resolves_to_an_existing_file(qtbot, desk) -> None:
    assert desk.controller.open_post(CACHING)  # ![…](../public/images/cache-layers.svg)
    probe = script_value(qtbot, desk, "(function(){var i=document.querySelector('#postdesk-body img');"
                                      "return i?i.src:null;})()")
    qtbot.waitUntil(lambda: bool(probe()), timeout=15000)
    file = image_file(probe())
    assert file.is_file() and file.name == "cache-layers.svg"
    assert file.resolve() == (desk.sample.root / "public/images/cache-layers.svg").resolve()


def test_site_absolute_images_resolve_to_existing_files(qtbot, desk) -> None:
    assert desk.controller.open_post(CQRS)  # ![…](/images/cqrs-read-write.svg) and the cover
    probe = script_value(qtbot, desk, "(function(){var i=document.querySelector('#postdesk-body img');"
                                      "return i?i.src:null;})()")
    qtbot.waitUntil(lambda: bool(probe()), timeout=15000)
    assert image_file(probe()).resolve() == (desk.sample.root / "public/images/cqrs-read-write.svg").resolve()
    cover = script_value(qtbot, desk, "(function(){var i=document.querySelector('.post-cover img');"
                                      "return i?i.src:null;})()")
    qtbot.waitUntil(lambda: bool(cover()), timeout=10000)
    cover_file = image_file(cover())
    assert cover_file.is_file() and cover_file.name == "cqrs-read-write-separation.svg"
    # The image really loaded (a broken image has no natural size).
    loaded = script_value(qtbot, desk, "(function(){var i=document.querySelector('#postdesk-body img');"
                                       "return i&&i.complete?i.naturalWidth:null;})()")
    qtbot.waitUntil(lambda: (loaded() or 0) > 0, timeout=10000)


def test_a_missing_image_shows_a_visible_placeholder(qtbot, desk) -> None:
    relative = "posts/missing-image.md"
    (desk.sample.root / relative).write_text("---\ntitle: Missing\n---\n\n![gone](/images/not-there.png)\n",
                                             encoding="utf-8")
    assert desk.controller.open_post(relative)
    probe = script_value(qtbot, desk, "(function(){var i=document.querySelector('#postdesk-body img');"
                                      "return i&&i.complete&&i.naturalWidth?i.src:null;})()")
    qtbot.waitUntil(lambda: bool(probe()), timeout=15000)
    assert probe().startswith("data:image/svg+xml") and "not-there.png" in probe()  # drawn, naming the path


def test_script_in_a_post_never_runs(qtbot, desk) -> None:
    relative = "posts/hostile.md"
    (desk.sample.root / relative).write_text(
        "---\ntitle: Hostile\n---\n\nA harmless marker paragraph.\n\n"
        "<script>document.title='pwned'</script>\n\n"
        "<p><img src=\"missing.png\" onerror=\"document.title='pwned'\"></p>\n\n"
        "<svg onload=\"document.title='pwned'\"><circle r=\"4\"/></svg>\n\n"
        "<p><a id=\"js-link\" href=\"javascript:document.title='pwned'\">a script link</a> and "
        "[a Markdown one](javascript:document.title='pwned')</p>\n\n"
        "<meta http-equiv=\"refresh\" content=\"0; url=javascript:document.title='pwned'\">\n\n"
        "<object data=\"javascript:document.title='pwned'\"></object>\n\n"
        "<p><input type=\"image\" src=\"x\" onfocus=\"document.title='pwned'\" autofocus></p>\n\n"
        "Last paragraph.\n", encoding="utf-8")
    titles: list[str] = []
    qtbot.waitUntil(lambda: desk.preview.view is not None, timeout=10000)
    desk.preview.view.titleChanged.connect(titles.append)
    assert desk.controller.open_post(relative)
    wait_title(qtbot, desk, "Hostile")
    body = preview_text(qtbot, desk, "#postdesk-body")
    qtbot.waitUntil(lambda: bool(body()) and "Last paragraph." in body(), timeout=10000)
    # The post's HTML reached the page (so the check means something), made inert: no script
    # element (GFM's tag filter shows it as text; the sanitizer drops it) and no event handler.
    assert run_once(qtbot, desk, "document.querySelectorAll('#postdesk-body script').length") == 0
    assert run_once(qtbot, desk, "document.querySelectorAll('#postdesk-body img').length") == 1
    assert run_once(qtbot, desk, "document.querySelectorAll('#postdesk-body [onerror]').length") == 0
    # Clicking the links goes nowhere and runs nothing.
    run_once(qtbot, desk, "document.querySelectorAll('#postdesk-body a').forEach(function(a){a.click()}); 1")
    # Another edit patches the page again: still nothing runs.
    editor = desk.editor_pane.editor
    with qtbot.waitSignal(desk.preview.updated, timeout=10000):
        editor.replace_text(editor.toPlainText().replace("Last paragraph.", "Edited last paragraph."))
    qtbot.waitUntil(lambda: "Edited last paragraph." in (body() or ""), timeout=10000)
    assert run_once(qtbot, desk, "document.title") == "Preview"
    assert desk.preview.view.title() != "pwned"
    assert "pwned" not in titles


def test_javascript_is_disabled_in_the_main_world(qtbot, desk) -> None:
    wait_title(qtbot, desk, desk.form.widget("title").text())
    page = desk.preview.view.page()
    assert not page.settings().testAttribute(QWebEngineSettings.WebAttribute.JavascriptEnabled)
    main = run_once(qtbot, desk, "document.title='from the page'; 42", QWebEngineScript.ScriptWorldId.MainWorld)
    assert main != 42
    assert run_once(qtbot, desk, "document.title") == "Preview"
    assert run_once(qtbot, desk, "6 * 7") == 42  # Postdesk's own world still works


def test_quick_edits_coalesce_into_one_render_of_the_last_text(qtbot, desk) -> None:
    assert desk.controller.open_post(CACHING)
    wait_title(qtbot, desk, "Caching: The Unsung Hero of Fast, Scalable Systems")
    wait_idle(qtbot, desk)
    renders: list[Any] = []
    desk.preview.rendered.connect(renders.append)
    editor = desk.editor_pane.editor
    with qtbot.waitSignal(desk.preview.updated, timeout=10000):
        for number in range(1, 6):
            editor.replace_text(editor.toPlainText() + f"\nQuick edit number {number}.\n")
    body = preview_text(qtbot, desk, "#postdesk-body")
    qtbot.waitUntil(lambda: "Quick edit number 5." in (body() or ""), timeout=10000)
    wait_idle(qtbot, desk)
    assert len(renders) == 1, "five edits in a row should lead to a single render"
    assert "Quick edit number 5." in renders[-1].body_html
    assert all(f"Quick edit number {n}." in body() for n in range(1, 6))


def test_typing_updates_the_preview(qtbot, desk) -> None:
    assert desk.controller.open_post(CQRS)
    wait_title(qtbot, desk, CQRS_TITLE)
    wait_idle(qtbot, desk)
    renders: list[Any] = []
    desk.preview.rendered.connect(renders.append)
    editor = desk.editor_pane.editor
    editor.setFocus()
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    with qtbot.waitSignal(desk.preview.updated, timeout=10000):
        qtbot.keyClick(editor, Qt.Key.Key_Return)
        qtbot.keyClicks(editor, "Typed by hand, letter by letter.")
    body = preview_text(qtbot, desk, "#postdesk-body")
    qtbot.waitUntil(lambda: "Typed by hand, letter by letter." in (body() or ""), timeout=10000)
    wait_idle(qtbot, desk)
    assert 1 <= len(renders) <= 2  # one per pause in typing, not one per key


def test_nothing_renders_while_hidden_and_showing_catches_up(qtbot, desk) -> None:
    assert desk.controller.open_post(CQRS)
    wait_title(qtbot, desk, CQRS_TITLE)
    wait_idle(qtbot, desk)
    renders: list[Any] = []
    desk.preview.rendered.connect(renders.append)
    desk.preview.hide()  # as the splitter does when the writer drags the preview shut
    editor = desk.editor_pane.editor
    with qtbot.waitSignal(desk.preview.timer.timeout, timeout=5000):  # the debounce ran out
        editor.replace_text(editor.toPlainText().replace(CQRS_TITLE, "CQRS in Short", 1))
    assert not desk.preview.runner.busy
    assert renders == []
    desk.preview.show()
    wait_title(qtbot, desk, "CQRS in Short")
    assert len(renders) == 1


def test_a_post_cannot_load_files_outside_the_repository_or_call_the_network(qtbot, desk, tmp_path: Path) -> None:
    from PySide6.QtGui import QColor, QImage

    secret = tmp_path / "outside" / "secret.png"
    secret.parent.mkdir()
    picture = QImage(8, 8, QImage.Format.Format_RGB32)
    picture.fill(QColor("red"))
    assert picture.save(str(secret))
    inside = desk.sample.root / "public/images/inside.png"
    assert picture.save(str(inside))
    relative = "posts/probe.md"
    (desk.sample.root / relative).write_text(
        "---\ntitle: Probe\n---\n\n"
        f'<img id="inside" src="{inside.as_uri()}">\n\n'
        f'<img id="secret" src="{secret.as_uri()}">\n\n'
        '<img id="passwd" src="file:///etc/passwd">\n\n'
        '<p id="styled" style="background-image: url(http://127.0.0.1:9/track.png)">Styled</p>\n\n'
        '<iframe src="http://127.0.0.1:9/frame"></iframe>\n\nDone.\n', encoding="utf-8")
    assert desk.controller.open_post(relative)
    width = "(function(){var i=document.getElementById('%s');return i&&i.complete?i.naturalWidth:-1;})()"
    inside_width = script_value(qtbot, desk, width % "inside")
    qtbot.waitUntil(lambda: (inside_width() or 0) > 0, timeout=15000)  # the control loads: the probe works
    assert run_once(qtbot, desk, width % "secret") == 0  # the page could not read the outside file
    assert run_once(qtbot, desk, width % "passwd") == 0
    blocked = desk.preview.guard.blocked
    assert secret.as_uri() in blocked and "file:///etc/passwd" in blocked
    # Remote CSS is checked against a real server that records requests: test_preview_safety.py.
    assert run_once(qtbot, desk, "getComputedStyle(document.getElementById('styled')).backgroundImage") == "none"
    assert run_once(qtbot, desk, "document.querySelectorAll('iframe').length") == 0


def test_export_as_html_and_pdf(qtbot, desk, tmp_path: Path) -> None:
    qtbot.waitUntil(lambda: desk.preview.last is not None, timeout=15000)
    page = tmp_path / "post.html"
    desk.preview.export_html(page, "Caching")
    text = page.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and "<title>Caching</title>" in text
    assert desk.preview.last.body_html.strip()[:60] in text and 'rel="stylesheet"' not in text
    pdf = tmp_path / "post.pdf"
    with qtbot.waitSignal(desk.preview.pdf_exported, timeout=30000) as finished:
        desk.preview.export_pdf(pdf, "Caching")
    assert finished.args == [str(pdf), True]
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 2000


def test_a_window_deleted_without_closing_frees_its_pages_before_their_profile(qtbot, sample_blog) -> None:
    """Closing with unsaved edits can be refused, and the window then deleted all the same (a test
    tearing down, the end of the application): the preview's page must go before its profile, or
    QtWebEngine warns and may crash ("Release of profile requested but WebEnginePage still not
    deleted"; any Qt warning fails this test)."""
    from PySide6.QtCore import QCoreApplication, QEvent

    from desktop_app.core.paths import default_paths
    from desktop_app.core.workspace import Workspace
    from desktop_app.ui.context import UiContext
    from desktop_app.ui.notify import Notifier
    from desktop_app.ui.window.mainwindow import MainWindow
    from desktop_app.ui.workers import TaskRunner

    notifier = Notifier(interactive=False)
    window = MainWindow(UiContext(Workspace.open(sample_blog.root, default_paths()), TaskRunner(), notifier))
    window.show()  # not given to qtbot, which would close it again after it is gone
    qtbot.waitUntil(lambda: window.preview.view is not None and window.preview.last is not None, timeout=10000)
    editor = window.editor_pane.editor
    editor.replace_text(editor.text() + "\nUnsaved.\n")
    notifier.answers[:] = ["cancel"]
    window.close()  # refused: the writer cancels
    assert window.isVisible()
    qtbot.waitUntil(lambda: not window.context.runner.busy and not window.preview.runner.busy, timeout=10000)
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
