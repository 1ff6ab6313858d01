"""A start shows the post's last render at once, then renders it for real (ui/preview/kept_render.py)."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Callable

from PySide6.QtGui import QColor, QImage

from desktop_app.core.paths import default_paths
from desktop_app.core.render.pipeline import RenderedPost
from desktop_app.core.workspace import Workspace
from desktop_app.ui.preview import kept_render
from desktop_app.ui.window.mainwindow import MainWindow
from tests.helpers import budget
from tests.helpers.desk import preview_text


def rendered(body: str) -> RenderedPost:
    return RenderedPost("<h1>Title</h1>", body, 2, "", (("paragraph", 4),), 3, 9)


def test_a_kept_render_comes_back_only_for_the_same_text(tmp_path: Path) -> None:
    file = tmp_path / "cache" / "preview" / "blog.json"
    key = kept_render.render_key(tmp_path, "posts/a.md", "gfm", False, "Hello world")
    kept_render.save(file, key, rendered("<p>Hello world</p>"))
    assert kept_render.load(file, key) == rendered("<p>Hello world</p>")
    for other in (kept_render.render_key(tmp_path, "posts/a.md", "gfm", False, "Hello world!"),
                  kept_render.render_key(tmp_path, "posts/b.md", "gfm", False, "Hello world"),
                  kept_render.render_key(tmp_path, "posts/a.md", "goldmark", False, "Hello world")):
        assert kept_render.load(file, other) is None


def test_a_damaged_kept_render_is_not_used(tmp_path: Path) -> None:
    file = tmp_path / "kept.json"
    key = kept_render.render_key(tmp_path, "posts/a.md", "gfm", False, "text")
    for damaged in ("{", "[]", '{"key": "%s", "header": 1}' % key, '{"key": "%s", "blocks": 3}' % key, "\udcff"):
        file.write_text(damaged, encoding="utf-8", errors="surrogateescape")
        assert kept_render.load(file, key) is None
    assert kept_render.load(tmp_path / "missing.json", key) is None


def picture(colour: str = "#336699") -> QImage:
    image = QImage(40, 30, QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    return image


def test_a_kept_picture_comes_back_only_for_the_same_render_drawn_the_same_way(qtbot, tmp_path: Path) -> None:
    file = tmp_path / "cache" / "preview" / "blog.png"
    sheet = tmp_path / "site.css"
    sheet.write_text("body { color: black }", encoding="utf-8")
    key = kept_render.render_key(tmp_path, "posts/a.md", "gfm", False, "Hello world")
    look = kept_render.picture_look(400, 700, 1.0, False, False, kept_render.sheets_state([sheet]))
    kept_render.save_picture(file, key, look, picture())
    back = kept_render.load_picture(file, key, look)
    assert back is not None and back.size() == picture().size() and back.pixelColor(5, 5) == QColor("#336699")

    other_text = kept_render.render_key(tmp_path, "posts/a.md", "gfm", False, "Hello world!")
    assert kept_render.load_picture(file, other_text, look) is None
    for other_look in (kept_render.picture_look(401, 700, 1.0, False, False, kept_render.sheets_state([sheet])),
                       kept_render.picture_look(400, 700, 2.0, False, False, kept_render.sheets_state([sheet])),
                       kept_render.picture_look(400, 700, 1.0, True, False, kept_render.sheets_state([sheet])),
                       kept_render.picture_look(400, 700, 1.0, False, True, kept_render.sheets_state([sheet]))):
        assert kept_render.load_picture(file, key, other_look) is None
    sheet.write_text("body { color: navy }", encoding="utf-8")  # the site's stylesheet changed
    assert kept_render.load_picture(file, key, kept_render.picture_look(400, 700, 1.0, False, False, kept_render.sheets_state([sheet]))) is None


def test_a_damaged_kept_picture_is_not_used(qtbot, tmp_path: Path) -> None:
    file = tmp_path / "kept.png"
    key = kept_render.render_key(tmp_path, "posts/a.md", "gfm", False, "text")
    look = kept_render.picture_look(40, 30, 1.0, False, False, "")
    kept_render.save_picture(file, key, look, picture())
    file.write_bytes(file.read_bytes()[:-200])  # cut short
    assert kept_render.load_picture(file, key, look) is None
    file.write_bytes(b"not a picture")
    assert kept_render.load_picture(file, key, look) is None
    assert kept_render.load_picture(tmp_path / "missing.png", key, look) is None


def test_a_kept_render_or_picture_that_cannot_be_written_leaves_nothing_behind(qtbot, tmp_path: Path) -> None:
    folder = tmp_path / "preview"
    folder.mkdir()
    key = kept_render.render_key(tmp_path, "posts/a.md", "gfm", False, "text")
    look = kept_render.picture_look(40, 30, 1.0, False, False, "")
    (folder / "kept.json").mkdir()  # a name that cannot be replaced, as a file system can refuse
    (folder / "kept.png").mkdir()
    kept_render.save(folder / "kept.json", key, rendered("<p>text</p>"))
    kept_render.save_picture(folder / "kept.png", key, look, picture())
    assert sorted(path.name for path in folder.iterdir()) == ["kept.json", "kept.png"]  # no temporary file left
    assert kept_render.load(folder / "kept.json", key) is None and kept_render.load_picture(folder / "kept.png", key, look) is None


def open_window(qtbot, root: Path, before_show: Callable[[MainWindow], None] = lambda _window: None) -> MainWindow:
    from desktop_app.ui.context import UiContext
    from desktop_app.ui.notify import Notifier
    from desktop_app.ui.workers import TaskRunner

    notifier = Notifier(interactive=False)
    window = MainWindow(UiContext(Workspace.open(root, default_paths()), TaskRunner(), notifier))
    qtbot.addWidget(window)
    before_show(window)
    window.show()
    qtbot.waitUntil(lambda: window.controller.document is not None, timeout=budget.ms(10_000))
    return window


def test_a_start_shows_the_kept_render_before_the_engines_load(qtbot, sample_blog, monkeypatch) -> None:
    from desktop_app.core.render import pipeline

    first = open_window(qtbot, sample_blog.root)
    title = preview_text(qtbot, first, ".post-title")
    qtbot.waitUntil(lambda: bool(title()), timeout=budget.ms(15_000))
    shown = title()
    first.close()  # the last render is kept

    renders: list[str] = []
    release = threading.Event()
    real = pipeline.thread_renderer

    def held_renderer(flavor: str):  # noqa: ANN202 - the engines are slow to load on this start
        renders.append(flavor)
        release.wait(budget.ms(30_000) / 1000)
        return real(flavor)
    monkeypatch.setattr(pipeline, "thread_renderer", held_renderer)
    second = open_window(qtbot, sample_blog.root)
    try:
        title = preview_text(qtbot, second, ".post-title")
        qtbot.waitUntil(lambda: title() == shown, timeout=budget.ms(15_000))
        assert second.preview.last is not None and second.preview._last_source is None  # the kept render
        qtbot.waitUntil(lambda: renders != [], timeout=budget.ms(10_000))  # then the real one starts
    finally:
        release.set()
    qtbot.waitUntil(lambda: second.preview._last_source is not None, timeout=budget.ms(15_000))
    assert title() == shown
    second.context.notifier.answers[:] = ["discard"] * 3
    second.close()


def settle(qtbot, window: MainWindow) -> None:
    """Until the page shows the post's real render (not the kept one)."""
    preview = window.preview
    qtbot.waitUntil(lambda: preview._last_source is not None and preview._drawn is preview._last_script,
                    timeout=budget.ms(15_000))


def test_a_start_shows_the_picture_of_the_last_preview_with_the_post_until_the_page_shows_it(
        qtbot, sample_blog) -> None:
    first = open_window(qtbot, sample_blog.root)
    title = preview_text(qtbot, first, ".post-title")
    qtbot.waitUntil(lambda: bool(title()), timeout=budget.ms(15_000))
    settle(qtbot, first)
    size = first.preview.size()
    first.close()  # the preview is pictured as it is, beside the kept render
    pictures = list(Path(default_paths().cache_dir, "preview").glob("*.png"))
    assert len(pictures) == 1
    image = QImage(str(pictures[0]))
    colours = {image.pixel(x, y) for x in range(0, image.width(), 9) for y in range(0, image.height(), 9)}
    assert len(colours) > 10, "a picture of the page with the post on it, not of a blank page"

    seen: list[bool] = []

    def watch(window: MainWindow) -> None:
        window.controller.post_opened.connect(lambda _path: seen.append(window.preview.picture_shown()))
    second = open_window(qtbot, sample_blog.root, watch)
    assert seen[0], "the picture is there as the post opens, before QtWebEngine has started"
    assert second.preview.size() == size
    shown = second.preview._stand_in.pixmap()
    assert shown is not None and shown.size() == size * second.preview.devicePixelRatioF()
    qtbot.waitUntil(lambda: not second.preview.picture_shown(), timeout=budget.ms(15_000))
    title = preview_text(qtbot, second, ".post-title")  # gone once the page shows the post
    qtbot.waitUntil(lambda: bool(title()), timeout=budget.ms(5_000))
    second.close()


def test_an_edit_or_another_size_shows_no_stale_picture(qtbot, sample_blog) -> None:
    first = open_window(qtbot, sample_blog.root)
    settle(qtbot, first)
    first.close()

    resized = open_window(qtbot, sample_blog.root)
    assert resized.preview.picture_shown()
    preview_size = resized.preview.size()
    resized.resize(resized.width(), resized.height() - 80)  # drawn for another size: not shown stretched
    qtbot.waitUntil(lambda: resized.preview.size() != preview_size, timeout=budget.ms(5_000))
    assert not resized.preview.picture_shown()
    resized.context.notifier.answers[:] = ["discard"] * 3
    resized.close()

    typed = open_window(qtbot, sample_blog.root)
    settle(qtbot, typed)
    typed.close()  # pictured at the new size: the next start at that size shows it
    again = open_window(qtbot, sample_blog.root)
    assert again.preview.picture_shown()
    again.controller.editor.textCursor().insertText("A new first line. ")
    assert not again.preview.picture_shown()  # it showed the text as it was
    again.context.notifier.answers[:] = ["discard"] * 3
    again.close()


def test_a_window_maximised_after_it_was_shown_still_gets_its_picture(qtbot, sample_blog, monkeypatch) -> None:
    """A window manager maximises a window after it is mapped: the post opens at the window's
    normal size, and the preview comes to the size it was pictured at only then."""
    from desktop_app.ui.preview import preview as preview_module

    first = open_window(qtbot, sample_blog.root)
    normal = first.size()
    first.resize(normal.width() + 160, normal.height() + 60)  # "maximised"
    qtbot.waitUntil(lambda: first.size() != normal, timeout=budget.ms(5_000))
    settle(qtbot, first)
    pictured = first.preview.size()
    first.close()

    monkeypatch.setattr(preview_module, "PICTURE_LINGER_MS", 60_000)  # the page has not drawn the post yet
    second = open_window(qtbot, sample_blog.root, lambda window: window.resize(normal))
    preview = second.preview
    assert preview.size() != pictured and not preview.picture_shown()  # not the size it was pictured at
    second.resize(normal.width() + 160, normal.height() + 60)
    qtbot.waitUntil(lambda: preview.size() == pictured, timeout=budget.ms(5_000))
    assert preview.picture_shown()
    shown = preview._stand_in.pixmap()
    assert shown is not None and shown.size() == pictured * preview.devicePixelRatioF()

    qtbot.waitUntil(lambda: preview._last_script != "" and preview.view is not None, timeout=budget.ms(15_000))
    preview._on_drawn(preview._last_script)  # the page shows the post: a later resize brings no picture back
    assert not preview.picture_shown()
    second.resize(normal)
    second.resize(normal.width() + 160, normal.height() + 60)
    qtbot.waitUntil(lambda: preview.size() == pictured, timeout=budget.ms(5_000))
    assert not preview.picture_shown()
    second.context.notifier.answers[:] = ["discard"] * 3
    second.close()


def test_no_picture_stands_for_a_page_that_did_not_show_the_post(qtbot, sample_blog, monkeypatch) -> None:
    from desktop_app.ui.preview import preview as preview_module

    first = open_window(qtbot, sample_blog.root)
    settle(qtbot, first)
    first.close()
    for drop in (lambda window: window.preview._on_loaded(False),  # the page failed to load
                 lambda window: window.preview.set_dark(not window.preview._dark)):  # the other theme's page
        window = open_window(qtbot, sample_blog.root)
        assert window.preview.picture_shown()
        drop(window)
        assert not window.preview.picture_shown()
        window.context.notifier.answers[:] = ["discard"] * 3
        window.close()

    # Closed the moment another post's render reached the page, before the page drew it: the
    # picture would show the page as it was, under the new post's name.
    monkeypatch.setattr(preview_module, "PICTURE_LINGER_MS", 60_000)
    window = open_window(qtbot, sample_blog.root)
    opened = window.controller.document.path
    other = next(post.path for post in window.controller._posts if post.path != opened)
    window.controller.open_post(other)
    preview = window.preview
    qtbot.waitUntil(lambda: preview._last_source is not None and preview._last_source[0] == other
                    and preview._pending is None and preview._page_ready, timeout=budget.ms(15_000))
    window.close()
    again = open_window(qtbot, sample_blog.root)
    assert again.controller.document.path == other and not again.preview.picture_shown()
    again.close()


def test_a_stylesheet_changed_while_the_window_was_open_shows_no_picture_of_the_old_look(qtbot, sample_blog) -> None:
    from desktop_app.core.render.page import stylesheets

    first = open_window(qtbot, sample_blog.root)
    settle(qtbot, first)
    sheet = stylesheets(first.context.workspace.site)[0]
    assert sheet.is_relative_to(sample_blog.root)  # the site's own, a copy made for this test
    sheet.write_text(sheet.read_text(encoding="utf-8") + "\nbody { background: #fdd; }\n", encoding="utf-8")
    first.close()  # pictured with the sheet the page loaded, not the one on disk now
    second = open_window(qtbot, sample_blog.root)
    assert not second.preview.picture_shown()
    settle(qtbot, second)
    second.close()
    third = open_window(qtbot, sample_blog.root)
    assert third.preview.picture_shown()  # pictured again with the new sheet
    third.close()
