"""The preview page: the site's CSS, code colours and an empty article that updates patch.

The page is loaded once per post folder; `resources/preview/patch.js` then swaps in only the
blocks that changed, so typing keeps the scroll position and never reloads images.
"""

from __future__ import annotations

import html
import json
from functools import lru_cache
from pathlib import Path
from typing import Sequence

from pygments.formatters import HtmlFormatter

from desktop_app.core.resources import resource_path
from desktop_app.core.site import SiteConfig
from desktop_app.core.source_map import Block

SourceMap = tuple[Sequence[Block], int, int]  # blocks, the body's first line, the file's line count

LIGHT_CODE_STYLE = "friendly"
DARK_CODE_STYLE = "github-dark"


@lru_cache(maxsize=4)
def pygments_css(dark: bool = False) -> str:
    style = DARK_CODE_STYLE if dark else LIGHT_CODE_STYLE
    return HtmlFormatter(style=style).get_style_defs(".codehilite")


def stylesheets(site: SiteConfig | None) -> list[Path]:
    """The site's own CSS files, or Postdesk's clean default theme when it has none."""
    if site is not None:
        found = [site.root / name for name in site.css_files if (site.root / name).is_file()]
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
    as the preview, with every stylesheet inlined and the post already in place."""
    css = [resource_path("preview", "base.css"), *stylesheets(site)]
    inline = "\n".join(f"<style>\n{path.read_text(encoding='utf-8', errors='replace')}\n</style>" for path in css)
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
