"""The environment `postdesk render --pdf` gives QtWebEngine: enough to start on a server, and
never at the cost of what the user set themselves."""

from __future__ import annotations

import pytest

from desktop_app.ui import qt_environment
from desktop_app.ui.qt_environment import prepare_qt_environment
from tests.helpers.xvfb import Display


@pytest.fixture
def linux_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(qt_environment.sys, "platform", "linux")
    monkeypatch.setattr(qt_environment.os, "geteuid", lambda: 0, raising=False)


def test_a_server_without_a_display_gets_offscreen_qt_and_chromium_without_its_sandbox(linux_root: None) -> None:
    environ: dict[str, str] = {}
    prepare_qt_environment(["--log-level=3"], environ)
    assert environ["QT_QPA_PLATFORM"] == "offscreen"
    assert environ["QTWEBENGINE_CHROMIUM_FLAGS"].split() == ["--log-level=3", "--disable-gpu", "--no-sandbox"]


def test_what_the_user_set_is_kept_and_nothing_is_doubled(linux_root: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(qt_environment, "has_gpu", lambda: True)
    environ = {"WAYLAND_DISPLAY": "wayland-0", "QT_QPA_PLATFORM": "wayland",
               "QTWEBENGINE_CHROMIUM_FLAGS": "--no-sandbox --log-level=1 --lang=de", "QT_QUICK_BACKEND": "rhi"}
    prepare_qt_environment(["--log-level=3"], environ)
    prepare_qt_environment(["--log-level=3"], environ)  # a second printer in the same process
    assert environ["QT_QPA_PLATFORM"] == "wayland"
    assert environ["QTWEBENGINE_CHROMIUM_FLAGS"] == "--no-sandbox --log-level=1 --lang=de"
    assert environ["QT_QUICK_BACKEND"] == "rhi"  # the GPU scene graph, chosen by the user


def test_a_display_without_a_gpu_draws_without_opengl_unless_the_user_chose_otherwise(
        linux_root: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """Under Xvfb, in a VM or a remote desktop, OpenGL would be Mesa's software rasteriser: it
    would load LLVM into the process and compose the preview through it on every frame."""
    monkeypatch.setattr(qt_environment, "has_gpu", lambda: False)
    environ: dict[str, str] = {"DISPLAY": ":0"}
    prepare_qt_environment(environ=environ)
    assert "--disable-gpu" in environ["QTWEBENGINE_CHROMIUM_FLAGS"].split()
    assert environ["QT_XCB_GL_INTEGRATION"] == "none"
    chosen = {"DISPLAY": ":0", "QT_XCB_GL_INTEGRATION": "xcb_glx"}
    prepare_qt_environment(environ=chosen)
    assert chosen["QT_XCB_GL_INTEGRATION"] == "xcb_glx"
    monkeypatch.setattr(qt_environment, "has_gpu", lambda: True)
    with_gpu: dict[str, str] = {"DISPLAY": ":0"}
    prepare_qt_environment(environ=with_gpu)
    assert "--disable-gpu" not in with_gpu["QTWEBENGINE_CHROMIUM_FLAGS"] and "QT_XCB_GL_INTEGRATION" not in with_gpu


WINDOW_PROBE = """
import sys
from desktop_app.ui.qt_environment import prepare_qt_environment
prepare_qt_environment()  # as run_gui does, before the application
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QApplication, QMainWindow, QPlainTextEdit, QSplitter
app = QApplication(sys.argv)
window, splitter, view = QMainWindow(), QSplitter(), QWebEngineView()
splitter.addWidget(QPlainTextEdit("typed here"))
splitter.addWidget(view)
window.setCentralWidget(splitter)
window.show()
view.loadFinished.connect(lambda ok: (print("surface:", window.windowHandle().surfaceType().name), app.quit()))
view.setHtml("<p>the preview</p>")
app.exec()
"""


def test_on_a_real_display_a_window_with_the_preview_stays_a_raster_window(display: Display) -> None:
    """The window is not composed through OpenGL because it shows a web view: a keystroke
    repaints the editor's line, not the whole window (7-20 ms a key under Xvfb, where OpenGL is
    software), and the window is not recreated when the preview appears."""
    import os
    import subprocess
    import sys

    env = {key: value for key, value in os.environ.items()
           if key not in ("QT_QPA_PLATFORM", "QTWEBENGINE_CHROMIUM_FLAGS", "QT_QUICK_BACKEND")}
    env["DISPLAY"] = display.name
    done = subprocess.run([sys.executable, "-c", WINDOW_PROBE], env=env, capture_output=True, text=True, timeout=120,
                          check=False)
    assert "surface: RasterSurface" in done.stdout, done.stdout + done.stderr[-2000:]


def test_chromium_keeps_its_log_lines_out_of_the_terminal_unless_verbose(linux_root: None) -> None:
    quiet: dict[str, str] = {"DISPLAY": ":0"}
    prepare_qt_environment(environ=quiet)
    assert "--log-level=3" in quiet["QTWEBENGINE_CHROMIUM_FLAGS"].split()
    verbose: dict[str, str] = {"DISPLAY": ":0"}
    prepare_qt_environment(environ=verbose, verbose=True)
    assert "--log-level" not in verbose["QTWEBENGINE_CHROMIUM_FLAGS"]
    chosen = {"DISPLAY": ":0", "QTWEBENGINE_CHROMIUM_FLAGS": "--log-level=1"}
    prepare_qt_environment(environ=chosen)
    assert chosen["QTWEBENGINE_CHROMIUM_FLAGS"].split().count("--log-level=1") == 1
    assert "--log-level=3" not in chosen["QTWEBENGINE_CHROMIUM_FLAGS"]


PROBE = """
import sys
from PySide6.QtWidgets import QApplication
from PySide6.QtWebEngineCore import QWebEnginePage
from desktop_app.ui.qt_environment import prefer_color_scheme
app = QApplication(sys.argv)
prefer_color_scheme(sys.argv[1] == "dark")  # after the app, before the first page: as run_gui does
page = QWebEnginePage()
page.loadFinished.connect(lambda ok: page.runJavaScript(
    "matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light'", 0,
    lambda scheme: (print('scheme:', scheme), app.quit())))
page.setHtml("<p>probe</p>")
app.exec()
"""


@pytest.mark.parametrize("theme", ["dark", "light"])
def test_pages_see_the_apps_colour_scheme(theme: str) -> None:
    """A site's own `prefers-color-scheme: dark` CSS shows in the dark theme (asked of a real page)."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", PROBE, theme], capture_output=True, text=True, timeout=60)
    assert f"scheme: {theme}" in done.stdout, done.stderr[-2000:]


def test_a_blink_setting_the_user_chose_is_kept() -> None:
    environ = {"QTWEBENGINE_CHROMIUM_FLAGS": "--blink-settings=preferredColorScheme=1"}
    qt_environment.prefer_color_scheme(True, environ)
    assert environ["QTWEBENGINE_CHROMIUM_FLAGS"] == "--blink-settings=preferredColorScheme=1"
