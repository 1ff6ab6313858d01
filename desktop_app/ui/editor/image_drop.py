"""Images pasted or dropped on the editor, and Markdown files dropped on it.

A picture on the clipboard (a screenshot) or an image file dropped from elsewhere is copied into
the collection's media folder under a name from the post's slug (`core/site/posts/media.py`, as the
cover field copies), and `![](/images/the-post.png)` goes in where the caret is (or where it was
dropped), the caret left between the brackets for the alt text. An image already in the
repository is linked where it is; one on the web is linked by its address. A picture wider than
the Preferences' limit can be scaled down: the message bar offers it, and only for copies made
here (a file the repository already had is never rewritten). A Markdown file dropped on the
editor opens instead of going into the text.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMimeData, Qt, QUrl
from PySide6.QtGui import QImage, QImageReader

from desktop_app.core.confine import is_inside
from desktop_app.core.document.storage import write_atomic
from desktop_app.core.errors import PostdeskError
from desktop_app.core.frontmatter import parse as fm
from desktop_app.core.site.config import MARKDOWN_SUFFIXES, SiteConfig
from desktop_app.core.site.posts.media import (
    image_file,
    image_name,
    image_value,
    pasted_image,
)
from desktop_app.core.site.posts.post_media import is_image
from desktop_app.ui.editor.editor import MarkdownEditor
from desktop_app.ui.editor.message_bar import MessageBar

SCALE_MESSAGE = "image-size"
_RAW_FORMATS = (("image/png", ".png"), ("image/jpeg", ".jpg"), ("image/gif", ".gif"), ("image/webp", ".webp"))
_SCALABLE = (".png", ".jpg", ".jpeg", ".webp", ".bmp")


@dataclass
class ImageHost:
    """What the window lends the editor for images: the open post (its site and file, or None
    when nothing is open), opening a dropped Markdown file, errors, and the width limit."""

    post: Callable[[], tuple[SiteConfig, Path] | None]
    open_markdown: Callable[[Path], None]
    error: Callable[[PostdeskError], None]
    note: Callable[[str], None]
    max_width: Callable[[], int]


class ImageDrop:
    """The editor's handler for pasted and dropped images and Markdown files (`mime_handlers`)."""

    def __init__(self, editor: MarkdownEditor, messages: MessageBar, host: ImageHost) -> None:
        self.editor = editor
        self.messages = messages
        self.host = host
        editor.mime_handlers.append(self)

    # --- what the editor asks -------------------------------------------------------------------

    def accepts(self, source: QMimeData) -> bool:
        if _has_picture(source):
            return True
        return any(self._kind(url, source) for url in source.urls()) if source.hasUrls() else False

    def insert(self, source: QMimeData) -> bool:
        """Local image files first (as they are), then a picture's bytes (a screenshot, an image
        copied in a browser: kept here, not left on someone's server), then an image dragged out
        of a web page, linked by its address; a Markdown file alone opens."""
        kinds = [(url, self._kind(url, source)) for url in (source.urls() if source.hasUrls() else [])]
        files = [Path(url.toLocalFile()) for url, kind in kinds if kind == "image"]
        markdown = [Path(url.toLocalFile()) for url, kind in kinds if kind == "markdown"]
        web = [url.toString() for url, kind in kinds if kind == "web image"]
        if markdown and not files and not _has_picture(source):
            self.host.open_markdown(markdown[0])
            return True
        opened = self.host.post()
        if opened is None:
            return False
        site, post = opened
        values: list[str] = []
        copies: list[Path] = []
        try:
            if files:
                for chosen in files:
                    value = image_value(site, post, chosen, name=image_name(post, chosen.suffix, chosen.name))
                    values.append(value)
                    copied = _copy_of(site, post, chosen, value)
                    if copied is not None:
                        copies.append(copied)
            elif (picture := _picture(source)) is not None:
                data, suffix = picture
                saved = pasted_image(site, post, data, suffix)
                values.append(image_value(site, post, saved))
                copies.append(saved)
            elif web:
                values = web
            else:
                return False
        except PostdeskError as error:
            self.host.error(error)
            return True  # said why; the file's name or address does not go into the text instead
        self.put(values)
        self.offer_scaling(copies)
        return True

    # --- the text ------------------------------------------------------------------------------

    def put(self, values: list[str]) -> None:
        """`![](value)` for each image at the caret (never inside the front matter: at the top
        of the body then), as one undo step, with the caret in the first one's alt text."""
        cursor = self.editor.textCursor()
        body = _body_start(self.editor.text())
        if cursor.position() < body:
            cursor.setPosition(body)
        start = cursor.selectionStart()
        cursor.beginEditBlock()
        cursor.insertText("\n\n".join(f"![]({_address(value)})" for value in values))
        cursor.endEditBlock()
        cursor.setPosition(start + 2)
        self.editor.setTextCursor(cursor)
        self.editor.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- scaling down --------------------------------------------------------------------------

    def offer_scaling(self, copies: list[Path]) -> None:
        """Offer to scale down the copies wider than the limit (the message bar, not a dialog)."""
        limit = self.host.max_width()
        wide = [(path, size) for path in copies if path.suffix.lower() in _SCALABLE
                and (size := QImageReader(str(path)).size()).width() > limit > 0]
        if not wide:
            return
        if len(wide) == 1:
            path, size = wide[0]
            text = (f"{path.name} is {size.width():,} × {size.height():,} pixels ({_megabytes(path)}). "
                    f"Scale it down to {limit:,} pixels wide?")
        else:
            text = f"{len(wide)} pictures are wider than {limit:,} pixels. Scale them down?"
        self.messages.show_message(SCALE_MESSAGE, text, [("Scale Down", lambda: self.scale([p for p, _ in wide])),
                                                         ("Keep", lambda: None)], kind="info")

    def scale(self, paths: list[Path]) -> None:
        """Scale each picture down to the limit's width in place (its name and format stay)."""
        limit = self.host.max_width()
        for path in paths:
            image = QImage(str(path))
            if image.isNull() or image.width() <= limit:
                continue
            smaller = image.scaledToWidth(limit, Qt.TransformationMode.SmoothTransformation)
            data = QByteArray()
            buffer = QBuffer(data)
            buffer.open(QIODevice.OpenModeFlag.WriteOnly)
            suffix = path.suffix.lower().lstrip(".")
            smaller.save(buffer, "JPG" if suffix == "jpeg" else suffix.upper(), 88 if suffix in ("jpg", "jpeg") else -1)
            try:
                write_atomic(path, bytes(data.data()))
            except OSError as error:
                self.host.error(PostdeskError(f"Could not scale {path.name}: {error.strerror}."))
                return
            self.host.note(f"Scaled {path.name} down to {smaller.width():,} × {smaller.height():,} pixels "
                           f"({_megabytes(path)}).")

    # --- reading what came -----------------------------------------------------------------------

    @staticmethod
    def _kind(url: QUrl, source: QMimeData) -> str:
        """`image`, `markdown`, `web image` or "" for a dropped or pasted address. A web address
        is an image only when it comes with the page's `<img>` (dragged out of a page): a copied
        address of a picture, pasted as a link's address, stays text."""
        if url.isLocalFile():
            path = Path(url.toLocalFile())
            if not path.is_file():
                return ""
            if path.suffix.lower() in MARKDOWN_SUFFIXES:
                return "markdown"
            return "image" if is_image(path.name) else ""
        if url.scheme() in ("http", "https") and is_image(url.path()) and source.hasHtml() \
                and "<img" in source.html().lower():
            return "web image"
        return ""


def _has_picture(source: QMimeData) -> bool:
    return source.hasImage() or any(source.hasFormat(kind) for kind, _suffix in _RAW_FORMATS)


def _picture(source: QMimeData) -> tuple[bytes, str] | None:
    """The pasted picture's bytes as the clipboard holds them (a PNG stays that PNG), else as PNG."""
    for kind, suffix in _RAW_FORMATS:
        if source.hasFormat(kind):
            data = bytes(source.data(kind).data())
            if data:
                return data, suffix
    if not source.hasImage():
        return None
    image = source.imageData()
    if not isinstance(image, QImage) or image.isNull():
        return None
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data()), ".png"


def _copy_of(site: SiteConfig, post: Path, chosen: Path, value: str) -> Path | None:
    """The copy just made of `chosen` (outside the repository), found from its value; None when
    `chosen` was already in the repository (never rewritten)."""
    if is_inside(chosen, site.root):
        return None
    return image_file(site, post, value)


def _body_start(text: str) -> int:
    """Where the body begins: after the front matter, which an image must not land in."""
    try:
        doc = fm.split(text)
    except fm.FrontMatterError:
        return 0
    return len(text) - len(doc.body) if doc.front or doc.opening else 0


def _address(value: str) -> str:
    """An image address as Markdown needs it: `<…>` around one with spaces or parentheses."""
    return f"<{value}>" if any(char in value for char in " ()") else value


def _megabytes(path: Path) -> str:
    size = path.stat().st_size
    return f"{size / 1_000_000:.1f} MB" if size >= 100_000 else f"{max(size // 1000, 1)} KB"
