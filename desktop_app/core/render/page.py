"""The preview page: the site's CSS, code colours and an empty article that updates patch.

The page is loaded once per post folder; `resources/preview/patch.js` then swaps in only the
blocks that changed, so typing keeps the scroll position and never reloads images.
"""

from __future__ import annotations

import base64
import html
import importlib
import json
import mimetypes
import threading
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Sequence
from urllib.parse import unquote, urlparse

from desktop_app.core.confine import is_inside
from desktop_app.core.resources import resource_path
from desktop_app.core.site.config import SiteConfig

if TYPE_CHECKING:  # the source map's Markdown parser loads with the first render, not with the page
    from desktop_app.core.render.source_map import Block

SourceMap = tuple[Sequence["Block"], int, int]  # blocks, the body's first line, the file's line count

LIGHT_CODE_STYLE = "friendly"
DARK_CODE_STYLE = "github-dark"


_PYGMENTS_LOCK = threading.Lock()
_pygments_loaded = False


def load_pygments() -> None:
    """Import the parts of Pygments every highlighter uses, once, one thread at a time.

    Pygments loads its formatters, styles and lexers when first asked for them. Two workers
    doing that at the same moment (the preview's first render and the review's rendered diff)
    can meet in a cycle of import locks, which Python breaks by handing one of them a half-made
    module: "cannot import name 'HtmlFormatter'". Every path to Pygments calls this first."""
    global _pygments_loaded
    if _pygments_loaded:
        return
    with _PYGMENTS_LOCK:
        if not _pygments_loaded:
            for name in ("pygments", "pygments.util", "pygments.token", "pygments.lexer", "pygments.lexers",
                         "pygments.lexers.special", "pygments.formatter", "pygments.formatters",
                         "pygments.formatters.html", "pygments.styles"):
                importlib.import_module(name)
            from pygments.styles import get_style_by_name

            for style in (LIGHT_CODE_STYLE, DARK_CODE_STYLE):
                get_style_by_name(style)
            _pygments_loaded = True


def pygments_lexer(name: str) -> object | None:
    """Pygments' lexer for a fence's language (None when it knows none), looked up one thread at
    a time: a lexer's module is imported on first use (see `load_pygments`)."""
    load_pygments()
    from pygments.lexers import get_lexer_by_name
    from pygments.util import ClassNotFound

    with _PYGMENTS_LOCK:
        try:
            return get_lexer_by_name(name)
        except ClassNotFound:
            return None


@lru_cache(maxsize=4)
def pygments_css(dark: bool = False) -> str:
    style = DARK_CODE_STYLE if dark else LIGHT_CODE_STYLE
    load_pygments()
    from pygments.formatters.html import HtmlFormatter

    return HtmlFormatter(style=style).get_style_defs(".codehilite")


def stylesheets(site: SiteConfig | None) -> list[Path]:
    """The site's own CSS files, or Postdesk's clean default theme when it has none. A file whose
    real path leaves the repository (`../../etc/passwd`, a link to the writer's files) is never
    used: the preview would not load it, and an export would paste it into the page."""
    if site is not None:
        found = [site.root / name for name in site.css_files
                 if (site.root / name).is_file() and is_inside(site.root / name, site.root)]
        if found:
            return found
    return [resource_path("preview", "default.css")]


def page_html(site: SiteConfig | None, dark: bool = False) -> str:
    """A complete HTML page with no post content yet."""
    links = "\n".join(
        f'<link rel="stylesheet" href="{html.escape(path.resolve().as_uri())}">' for path in stylesheets(site)
    )
    base = resource_path("preview", "base.css").resolve().as_uri()
    template = resource_path("preview", "page.html").read_text(encoding="utf-8")
    return (template.replace("{{stylesheets}}", links)
            .replace("{{base_css}}", html.escape(base))
            .replace("{{code_css}}", pygments_css(dark))
            .replace("{{scheme}}", "dark" if dark else "light"))


@lru_cache(maxsize=1)
def patch_script() -> str:
    """Postdesk's own page scripts (patching, scroll sync); each defines itself once per page."""
    return "\n".join(resource_path("preview", name).read_text(encoding="utf-8") for name in ("patch.js", "scroll.js"))


def update_call(header_html: str, body_html: str, notice: str = "", source_map: SourceMap | None = None) -> str:
    """The JavaScript that patches the page to show a new render (and its source line map)."""
    call = (patch_script() + f"\nwindow.postdeskPatch({json.dumps(header_html)}, "
            f"{json.dumps(body_html)}, {json.dumps(notice)});")
    if source_map is not None:
        blocks, body_line, line_count = source_map
        call += f"\nwindow.postdeskScroll.setMap({json.dumps(blocks)}, {body_line}, {line_count});"
    return call


def standalone_page(site: SiteConfig | None, header_html: str, body_html: str, title: str,
                    dark: bool = False) -> str:
    """The post as one self-contained HTML file (export, `postdesk render --page`): the same page
    as the preview, with every stylesheet inlined and the post already in place (render it with
    an `embedding` resolver and its images travel inside it too)."""
    css = [resource_path("preview", "base.css"), *stylesheets(site)]
    inline = "\n".join(f"<style>\n{_read_css(path, site)}\n</style>" for path in css)
    template = resource_path("preview", "page.html").read_text(encoding="utf-8")
    page = (template.replace('<link rel="stylesheet" href="{{base_css}}">\n', "")
            .replace("{{stylesheets}}", inline)
            .replace("{{code_css}}", pygments_css(dark))
            .replace("{{scheme}}", "dark" if dark else "light")
            .replace("<title>Preview</title>", f"<title>{html.escape(title)}</title>")
            .replace('<header class="post-header" id="postdesk-header"></header>', header_html)
            .replace('<div class="post-body" id="postdesk-body"></div>',
                     f'<div class="post-body" id="postdesk-body">\n{body_html}</div>'))
    return page.replace("style-src file: 'unsafe-inline'", "style-src 'unsafe-inline'")


def _read_css(path: Path, site: SiteConfig | None) -> str:
    """A stylesheet's text, read only from the repository or Postdesk's resources (checked again
    as it is read: the file may have become a link since `stylesheets` looked)."""
    roots = (resource_path("preview"), *((site.root,) if site is not None else ()))
    if not is_inside(path, *roots):
        return ""
    return path.read_text(encoding="utf-8", errors="replace")


# Types `mimetypes` may not know on every system.
_IMAGE_TYPES = {".svg": "image/svg+xml", ".webp": "image/webp", ".avif": "image/avif", ".ico": "image/x-icon"}


def embedding(resolve: Callable[[str], str], root: Path) -> Callable[[str], str]:
    """`resolve` for a standalone page: an image file of the repository at `root` becomes a
    `data:` URL, so the page shows its pictures wherever it is opened. Files outside the
    repository, and files that are not images, are never read into the page."""
    root = root.resolve()

    def embed(url: str) -> str:
        resolved = resolve(url)
        return image_data_url(resolved, root) or resolved
    return embed


def image_data_url(url: str, root: Path) -> str | None:
    """The `data:` URL of the image file that the `file:` URL `url` names inside `root`, or None."""
    if not url.startswith("file:"):
        return None
    path = Path(unquote(urlparse(url).path))
    if not is_inside(path, root) or not path.is_file():
        return None
    kind = _IMAGE_TYPES.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0] or ""
    if not kind.startswith("image/"):
        return None
    try:
        data = path.read_bytes()
    except OSError:
        return None
    return f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}"
