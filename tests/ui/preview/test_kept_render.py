"""A start shows the post's last render at once, then renders it for real (ui/preview/kept_render.py)."""

from __future__ import annotations

import threading
from pathlib import Path

from desktop_app.core.paths import default_paths
from desktop_app.core.render.pipeline import RenderedPost
from desktop_app.core.workspace import Workspace
from desktop_app.ui.preview import kept_render
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


def test_a_start_shows_the_kept_render_before_the_engines_load(qtbot, sample_blog, monkeypatch) -> None:
    from desktop_app.core.render import pipeline
    from desktop_app.ui.context import UiContext
    from desktop_app.ui.notify import Notifier
    from desktop_app.ui.window.mainwindow import MainWindow
    from desktop_app.ui.workers import TaskRunner

    def open_window() -> MainWindow:
        notifier = Notifier(interactive=False)
        window = MainWindow(UiContext(Workspace.open(sample_blog.root, default_paths()), TaskRunner(), notifier))
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(lambda: window.controller.document is not None, timeout=budget.ms(10_000))
        return window

    first = open_window()
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
    second = open_window()
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
