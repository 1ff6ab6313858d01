"""`postdesk render --pdf` as a real process: the PDF a reader gets, read back with QtPdf."""

from __future__ import annotations

import os
import pty
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtPdf import QPdfDocument

from tests.conftest import REPO_ROOT

POST = """---
title: Printing posts on paper
---
A reader can take this sentence home.

## Code travels too

```python
def greet(name):
    return f"Hello {name}"
```

![A red square](images/red.png)

![A file from elsewhere on this disk](../../../outside/blue.png)
"""
RED, BLUE = (220, 20, 20), (20, 20, 220)


def png(path: Path, rgb: tuple[int, int, int], width: int = 240, height: int = 160) -> None:
    """A solid-colour PNG, written by hand so the fixture needs no image library."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    rows = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
                     + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def write(root: Path, relative: str, text: str) -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def postdesk(*args: str | Path, env: dict[str, str] | None = None,
             stdout: int = subprocess.PIPE) -> subprocess.CompletedProcess[bytes]:
    """`python -m desktop_app ARGS` from the checkout; stdout stays bytes (it may be a PDF)."""
    return subprocess.run([sys.executable, "-m", "desktop_app", *map(str, args)], cwd=REPO_ROOT,
                          env=env or dict(os.environ), stdin=subprocess.DEVNULL, stdout=stdout,
                          stderr=subprocess.PIPE, timeout=120, check=False)


@pytest.fixture
def blog(tmp_path: Path) -> Path:
    """A git repository with a post that has a heading, a code block, an image of its own and an
    image from outside the repository; its CSS turns pages dark on a dark desktop."""
    root = tmp_path / "blog"
    subprocess.run(["git", "init", "--quiet", str(root)], check=True)
    write(root, "content/posts/printing.md", POST)
    png(root / "content/posts/images/red.png", RED)
    png(tmp_path / "outside/blue.png", BLUE)
    write(root, "styles/site.css", "@media (prefers-color-scheme: dark) { html, body { background: #000; } }\n")
    write(root, ".postdesk.yml", "preview:\n  css: [styles/site.css]\n")
    return root


def pdf_document(data: bytes, where: Path) -> QPdfDocument:
    assert data.startswith(b"%PDF"), data[:40]
    where.write_bytes(data)
    document = QPdfDocument()
    assert document.load(str(where)) == QPdfDocument.Error.None_
    return document


def all_text(document: QPdfDocument) -> str:
    return "\n".join(document.getAllText(page).text() for page in range(document.pageCount()))


def first_page_on_white(document: QPdfDocument) -> QImage:
    """Page 1 as a reader sees it on white paper (PDFium leaves unpainted areas transparent)."""
    size = document.pagePointSize(0).toSize()
    page = document.render(0, QSize(size.width() // 2, size.height() // 2))
    paper = QImage(page.size(), QImage.Format.Format_RGB32)
    paper.fill(QColor("white"))
    painter = QPainter(paper)
    painter.drawImage(0, 0, page)
    painter.end()
    return paper


def pixels_like(image: QImage, rgb: tuple[int, int, int]) -> int:
    data = bytes(image.constBits())  # Format_RGB32: B, G, R, 0xff per pixel
    return sum(1 for i in range(0, len(data), 4)
               if all(abs(data[i + 2 - c] - rgb[c]) < 40 for c in range(3)))


def test_pdf_of_a_post_has_its_text_code_and_image_in_the_light_theme(qapp, blog: Path, tmp_path: Path) -> None:
    # A server without a display where nobody set Qt up, and a desktop that asks for dark pages:
    # Postdesk itself must pick the offscreen platform (and, as root, Chromium without its sandbox).
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["QTWEBENGINE_CHROMIUM_FLAGS"] = "--blink-settings=preferredColorScheme=0"
    result = postdesk("render", "--pdf", blog / "content/posts/printing.md", env=env)
    assert result.returncode == 0, result.stderr.decode()
    assert result.stderr == b""  # no Qt chatter about missing GPUs for the writer to worry about

    document = pdf_document(result.stdout, tmp_path / "printing.pdf")
    text = all_text(document)
    assert "Printing posts on paper" in text
    assert "A reader can take this sentence home." in text
    assert "Code travels too" in text and 'return f"Hello {name}"' in text

    page = first_page_on_white(document)
    assert pixels_like(page, RED) > 2000  # the repository's image is printed …
    assert pixels_like(page, BLUE) == 0  # … one from elsewhere on the disk is not loaded at all
    assert page.pixelColor(2, 2) == QColor("white") and page.pixelColor(2, page.height() - 3) == QColor("white")


def test_pdf_of_several_posts_into_a_folder_in_one_run(qapp, blog: Path, tmp_path: Path) -> None:
    write(blog, "content/posts/trip/index.md", "---\ntitle: A trip\n---\nMountains, mostly.\n")
    out = tmp_path / "out"
    result = postdesk("render", "--pdf", blog / "content/posts/printing.md", blog / "content/posts/trip/index.md",
                      "-o", out)
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout.decode().split() == [str(out / "printing.pdf"), str(out / "trip.pdf")]
    assert "Mountains, mostly." in all_text(pdf_document((out / "trip.pdf").read_bytes(), tmp_path / "t.pdf"))
    assert "Code travels too" in all_text(pdf_document((out / "printing.pdf").read_bytes(), tmp_path / "p.pdf"))


def test_pdf_failures_are_named_and_the_other_posts_still_print(blog: Path, tmp_path: Path) -> None:
    write(blog, "content/posts/trip/index.md", "---\ntitle: A trip\n---\nMountains, mostly.\n")
    png(blog / "content/posts/photo.md", RED)  # not a post: an image named like one
    out = tmp_path / "out"
    (out / "printing.pdf").mkdir(parents=True)  # a folder where the PDF should go: it cannot be written
    result = postdesk("render", "--pdf", blog / "content/posts/photo.md", blog / "content/posts/printing.md",
                      blog / "content/posts/trip/index.md", "-o", out)
    errors = result.stderr.decode()
    assert result.returncode == 1
    assert "photo.md is a binary file, not text" in errors
    assert f"Could not save {out / 'printing.pdf'}" in errors
    assert "Traceback" not in errors
    assert result.stdout.decode().split() == [str(out / "trip.pdf")]
    assert (out / "trip.pdf").read_bytes().startswith(b"%PDF")


def test_pdf_is_not_poured_into_a_terminal(blog: Path) -> None:
    controller, terminal = pty.openpty()
    try:
        result = postdesk("render", "--pdf", blog / "content/posts/printing.md", stdout=terminal)
    finally:
        os.close(terminal)
    shown = _drain(controller)
    assert result.returncode == 1 and shown == b""
    assert b"would garble the terminal" in result.stderr and b"-o FOLDER" in result.stderr


def _drain(fd: int) -> bytes:
    """Everything written to a terminal whose other end has closed."""
    shown = b""
    try:
        while chunk := os.read(fd, 4096):
            shown += chunk
    except OSError:  # EIO: nothing is left
        pass
    finally:
        os.close(fd)
    return shown


def test_pdf_and_page_exclude_each_other(blog: Path) -> None:
    result = postdesk("render", "--pdf", "--page", blog / "content/posts/printing.md")
    assert result.returncode == 2 and b"not allowed with argument" in result.stderr
