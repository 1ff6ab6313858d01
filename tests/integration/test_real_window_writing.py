"""Pasting a picture and linking a post in the real window (Xvfb), typed with xdotool: the X
clipboard is another process's, as a screenshot tool's would be, and the file's bytes and the
picture's copy are checked on disk."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Callable

from tests.helpers.desk import SampleBlog
from tests.helpers.xvfb import App, Display, wait_for

POST = "posts/caching-unsung-hero.md"
TITLE = "Caching: The Unsung Hero"
# Owns the X clipboard with a 64 × 48 picture until its stdin closes (a screenshot tool would).
CLIPBOARD_OWNER = """
import sys
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication
from PySide6.QtCore import QSocketNotifier
app = QApplication(sys.argv)
image = QImage(64, 48, QImage.Format.Format_RGB32)
image.fill(QColor("#2e86c1"))
app.clipboard().setImage(image)
print("ready", flush=True)
notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)
notifier.activated.connect(app.quit)
app.exec()
"""


def test_a_pasted_picture_and_a_typed_link_reach_the_file(display: Display, apps: Callable[[Display, Path], App],
                                                          sample_blog: SampleBlog) -> None:
    post = sample_blog.root / POST
    before = post.read_bytes()
    app = apps(display, post)
    window = display.window(TITLE)
    owner = subprocess.Popen([sys.executable, "-c", CLIPBOARD_OWNER], env={**os.environ, "DISPLAY": display.name,
                                                                           "QT_QPA_PLATFORM": "xcb"},
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert owner.stdout is not None and owner.stdout.readline().strip() == "ready"
        display.key(window, "ctrl+End", "Return", "Return")
        display.key(window, "ctrl+v")
        picture = sample_blog.root / "public/images/caching-unsung-hero.png"
        wait_for(picture.is_file, "the pasted picture in the media folder")
        display.type_into(window, "A blue block")
        display.key(window, "ctrl+End", "Return", "Return")
        display.type_into(window, "Next: [the CQRS post](read write")
        display.key(window, "Return")
        display.type_into(window, ".")
        display.key(window, "ctrl+s")
        wait_for(lambda: post.read_bytes() != before, "the post saved")
    finally:
        if owner.stdin is not None:
            owner.stdin.close()
        owner.wait(timeout=30)
    assert app.process.poll() is None, app.output()
    assert post.read_bytes() == before + (b"\n\n![A blue block](/images/caching-unsung-hero.png)\n\n"
                                          b"Next: [the CQRS post](/blog/cqrs-read-write-separation).")
    assert picture.read_bytes().startswith(b"\x89PNG")
    display.key(display.window(TITLE), "ctrl+q")
    assert app.process.wait(timeout=30) == 0, app.output()
