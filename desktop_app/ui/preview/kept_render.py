"""The preview's last render, kept between runs so that a start shows the post at once.

A start reopens the post the writer left, and its first render is the slowest the preview makes:
it loads the Markdown engine, Pygments and each code block's lexer, on a worker that shares
Python with the GUI thread while QtWebEngine starts (about 0.1 s of both). When the window
closes, the last render is written to Postdesk's cache folder beside the library's index; the
next start shows it as soon as the page is ready, if it was made from the same text of the same
post with the same renderer, and renders for real right after, replacing it.

The file holds the cleaned HTML as JSON (it can make no object). It is shown only in the preview
page, where nothing runs and every request passes the page's guard, and for the moment the real
render takes; a site's configuration changed meanwhile (a shortcode, a data file) shows there
and then.

Beside it the window keeps a picture of the preview as it was last drawn (`save_picture`): the
page itself needs QtWebEngine, which starts only once the window is on the screen, and loads a
tenth of a second later. Until then the preview's place shows that picture, when it was taken of
the same render (the key) in the same place: the same size, scale, theme, stylesheets and image
setting (`picture_look`). It is a PNG whose text fields say what it shows; anything else (another
post, an edit elsewhere, a resized window, a changed stylesheet) shows no picture.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from desktop_app import __version__

if TYPE_CHECKING:  # loaded by `load`, on the preview's worker: the GUI thread only makes the key
    from PySide6.QtGui import QImage

    from desktop_app.core.render.pipeline import RenderedPost

FORMAT = 1


def kept_file(cache_dir: Path, root: Path) -> Path:
    """One file per repository."""
    return cache_dir / "preview" / (hashlib.sha256(str(root).encode()).hexdigest()[:24] + ".json")


def render_key(root: Path, path: str, flavor: str, mdx: bool, text: str) -> str:
    """What a render depends on besides the site's files: this version, the post and its text."""
    digest = hashlib.sha256()
    for part in (str(FORMAT), __version__, str(root), path, flavor, "mdx" if mdx else "md"):
        digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
    digest.update(text.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def save(file: Path, key: str, result: RenderedPost) -> None:
    """Keep `result` (the render of the text `key` names); a failure only loses the head start."""
    data = {"key": key, "header": result.header_html, "body": result.body_html, "words": result.words,
            "error": result.error, "blocks": [list(block) for block in result.blocks],
            "body_line": result.body_line, "line_count": result.line_count}
    text = json.dumps(data, ensure_ascii=False)
    _replace(file, lambda temporary: temporary.write_text(text, encoding="utf-8") >= 0)


def _replace(file: Path, write: Callable[[Path], bool]) -> None:
    """Give `file` what `write` puts in a temporary file beside it, whole or not at all (a full
    disk or a read-only cache only loses the head start, and leaves no temporary file)."""
    temporary = file.with_name(f".{file.name}.{os.getpid()}")
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        if write(temporary):
            os.replace(temporary, file)
    except OSError:
        pass
    try:
        temporary.unlink(missing_ok=True)
    except OSError:
        pass


def load(file: Path, key: str) -> RenderedPost | None:
    """The kept render when it was made from the text `key` names, else None (also when the file
    is missing, unreadable or not what `save` writes)."""
    from desktop_app.core.render.pipeline import RenderedPost

    try:
        data = json.loads(file.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or data.get("key") != key:
            return None
        blocks = tuple((str(kind), int(line)) for kind, line in data["blocks"])
        result = RenderedPost(str(data["header"]), str(data["body"]), int(data["words"]), str(data["error"]),
                              blocks, int(data["body_line"]), int(data["line_count"]))
    except (OSError, UnicodeDecodeError, ValueError, TypeError, KeyError):
        return None
    return result


def picture_file(file: Path) -> Path:
    """Where the picture of the kept render's preview is kept (beside `kept_file`)."""
    return file.with_suffix(".png")


def sheets_state(stylesheets: list[Path]) -> str:
    """Each stylesheet's path, size and time: a picture is of the sheets as the page loaded them."""
    parts = []
    for sheet in stylesheets:
        try:
            status = sheet.stat()
            parts.append(f"{sheet}:{status.st_size}:{status.st_mtime_ns}")
        except OSError:
            parts.append(f"{sheet}:missing")
    return "\n".join(parts)


def picture_look(width: int, height: int, scale: float, dark: bool, remote_images: bool, sheets: str) -> str:
    """Everything besides the render that the picture of a preview depends on: its size in
    pixels, the theme, whether remote images load, and the stylesheets (`sheets_state`)."""
    parts = [f"{width}x{height}@{scale:g}", "dark" if dark else "light", "remote" if remote_images else "local", sheets]
    return hashlib.sha256("\n".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def save_picture(file: Path, key: str, look: str, image: QImage) -> None:
    """Keep `image`, the preview showing the render `key` names, drawn as `look` says."""
    from PySide6.QtGui import QImageWriter

    image.setText("postdesk-key", key)
    image.setText("postdesk-look", look)
    _replace(file, lambda temporary: QImageWriter(str(temporary), b"png").write(image))


def load_picture(file: Path, key: str, look: str) -> QImage | None:
    """The kept picture when it shows the render `key` names drawn as `look` says, else None
    (read on the GUI thread as the post opens, 4-5 ms for a preview of 0.35 million pixels:
    only its text fields are read when it is not the one)."""
    from PySide6.QtGui import QImageReader

    if not file.is_file():
        return None
    reader = QImageReader(str(file), b"png")
    if reader.text("postdesk-key") != key or reader.text("postdesk-look") != look:
        return None
    image = reader.read()
    return None if image.isNull() else image
