"""Which repository files a post shows as images: its cover and other image fields, and the
images of its body, resolved the way the site serves them.

Staging a post stages these with it, and the changes panel lists them under it. A value
starting with `/` is a site path (the collection's public folder, else the static folder); any
other is relative to the post's folder, as `render.site_resolver` resolves them for the preview.
"""

from __future__ import annotations

import os
import re
from pathlib import PurePosixPath
from urllib.parse import unquote

from desktop_app.core.frontmatter import parse as fm
from desktop_app.core.site.config import SiteConfig

IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".avif", ".bmp",
                            ".ico", ".tif", ".tiff", ".heic"})
_MARKDOWN_IMAGE = re.compile(r"!\[(?:[^\]\\]|\\.)*\]\(\s*(?:<([^>\n]+)>|([^)\s]+))")
_REFERENCE = re.compile(r"^\s{0,3}\[[^\]\n]+\]:\s*<?([^\s>]+)>?", re.MULTILINE)
_ATTRIBUTE = re.compile(r"""\b(?:src|image|cover|poster)\s*=\s*(?:"([^"\n]+)"|'([^'\n]+)')""", re.IGNORECASE)
_SUFFIXES = "|".join(sorted(suffix[1:] for suffix in IMAGE_SUFFIXES))
# A front-matter value (after `key:`, `key =`, `"key":` or a list's `-`), quoted or not.
_FRONT_VALUE = re.compile(r"""(?:[:=\-\[,]|^)[ \t]*["']?([^\s"',\[\]{}#]+?)["']?[ \t]*(?=[,\]}#]|$)""", re.MULTILINE)
_IMAGE_SUFFIX = re.compile(rf"\.(?:{_SUFFIXES})\b", re.IGNORECASE)
_NAME_STOPS = frozenset("/\\ \t\r\n\"'()<>[]=:")
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)


def is_image(path: str) -> bool:
    dot = path.rfind(".")
    return dot > path.rfind("/") and path[dot:].lower() in IMAGE_SUFFIXES


def image_references(text: str) -> list[str]:
    """Every image URL a post names, in order: front-matter values that are image paths (YAML,
    TOML or JSON alike), then Markdown images, reference definitions and `src="…"` of HTML and
    shortcodes in the body. Read with patterns, not a parser: this runs over every changed post
    on each refresh."""
    try:
        doc = fm.split(text)
        front, body = doc.front, doc.body
    except fm.FrontMatterError:
        front, body = "", text
    found = [match.group(1) for match in _FRONT_VALUE.finditer(front) if is_image(_bare(match.group(1)))]
    for match in _MARKDOWN_IMAGE.finditer(body):
        found.append(match.group(1) or match.group(2))
    for match in _REFERENCE.finditer(body):
        if is_image(_bare(match.group(1))):
            found.append(match.group(1))
    for match in _ATTRIBUTE.finditer(body):
        found.append(match.group(1) or match.group(2))
    return list(dict.fromkeys(found))


def mentioned_names(text: str) -> frozenset[str]:
    """The file names of every image-looking path in `text` ("cover.png" for
    `/images/cover.png`): one scan for image suffixes, a few steps back from each."""
    found = set()
    for match in _IMAGE_SUFFIX.finditer(text):
        start = match.start()
        while start > 0 and text[start - 1] not in _NAME_STOPS:
            start -= 1
        found.add(unquote(text[start:match.end()]))
    return frozenset(found)


def resolve(site: SiteConfig, post: str, url: str) -> str | None:
    """The repo-relative file `url` (written in the post at repo-relative `post`) points to, or
    None for remote URLs, anchors and paths outside the repository. The file need not exist."""
    url = url.strip()
    if not url or url.startswith(("#", "//")) or _SCHEME.match(url):
        return None
    path = _bare(url)
    root = os.path.normpath(site.root)
    if path.startswith("/"):
        target = site.site_path_to_file(path)
        if target is None:
            return None
        if not target.exists():  # deleted, say: the collection's public folder still says where
            target = next((site.root / c.media_folder / path[len(c.public_folder.rstrip("/")) + 1:]
                           for c in site.collections if c.media_folder and c.public_folder
                           and path.startswith(c.public_folder.rstrip("/") + "/")), target)
        absolute = os.path.normpath(target)
    else:
        absolute = os.path.normpath(os.path.join(root, os.path.dirname(post), path))
    if not absolute.startswith(root + os.sep):
        return None
    return PurePosixPath(*os.path.relpath(absolute, root).split(os.sep)).as_posix()


def post_images(site: SiteConfig, post: str, text: str) -> list[str]:
    """The repo-relative image files `text` (the post at `post`) refers to."""
    files = (resolve(site, post, url) for url in image_references(text))
    return list(dict.fromkeys(file for file in files if file is not None and is_image(file)))


def _bare(url: str) -> str:
    """A URL without its query and fragment, %-decoded (`a%20b.png?v=2` → `a b.png`)."""
    return unquote(url.split("#", 1)[0].split("?", 1)[0])
