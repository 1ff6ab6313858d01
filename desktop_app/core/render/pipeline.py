"""Markdown → the HTML a post shows on its site: a header from the front matter and the body.

One pipeline for the live preview and `postdesk render`. A `Renderer` owns a Python-Markdown
instance (not thread-safe), so each worker thread keeps its own.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable
from urllib.parse import quote, unquote

import markdown
from pymdownx.tasklist import TasklistExtension
from pymdownx.tilde import DeleteSubExtension

from desktop_app.core.frontmatter import parse as fm
from desktop_app.core.render.placeholders import mark_placeholders
from desktop_app.core.render.sanitize import image_source, sanitize
from desktop_app.core.render.source_map import Block, block_lines
from desktop_app.core.site.config import GFM, PYTHON_MARKDOWN, SiteConfig
from desktop_app.core.site.library import COVER_KEYS, DESCRIPTION_KEYS, TAG_KEYS, as_list

WORDS_PER_MINUTE = 220  # the sample site's own formula (lib/posts.ts)
_WORD = re.compile(r"\S+")
UrlResolver = Callable[[str], str]


@dataclass(frozen=True)
class RenderedPost:
    header_html: str
    body_html: str
    words: int
    error: str = ""  # front matter that could not be read (the body is still rendered)
    blocks: tuple[Block, ...] = ()  # (kind, file line) of each top-level block, for scroll sync
    body_line: int = 0  # the file line the body starts on
    line_count: int = 0  # lines in the file

    @property
    def reading_minutes(self) -> int:
        return reading_minutes(self.words)

    def fragment(self) -> str:
        """The article as the site shows it, without the page around it."""
        return (f'<article class="post">\n{self.header_html}\n'
                f'<div class="post-body">\n{self.body_html}\n</div>\n</article>\n')


def reading_minutes(words: int) -> int:
    return max(1, round(words / WORDS_PER_MINUTE)) if words else 0


def count_words(text: str) -> int:
    return len(_WORD.findall(text))


def site_resolver(site: SiteConfig | None, post_path: Path | None) -> UrlResolver:
    """Resolve image URLs as the site would: `/x` from the static folder, `x` from the post's folder.

    A file outside the site's repository counts as missing: the preview may not load it anyway,
    and a visible placeholder says more than a broken image."""
    root = site.root.resolve() if site is not None else None

    def resolve(url: str) -> str:
        if not url or re.match(r"^[a-z][a-z0-9+.-]*:", url, re.I) or url.startswith("#"):
            return url
        path = unquote(url.split("#", 1)[0].split("?", 1)[0])  # as_uri() encodes it again
        if url.startswith("/") and site is not None:
            target = site.site_path_to_file(path)
        elif post_path is not None:
            target = (post_path.parent / path).resolve()
        else:
            return url
        if target is None or not target.is_file() or (root is not None and not _inside(target.resolve(), root)):
            return missing_image(url)
        return target.as_uri()
    return resolve


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def missing_image(url: str) -> str:
    """A visible stand-in for an image that is not in the repository, naming the path it wanted
    (a broken-image icon says nothing, and an empty box can pass unnoticed)."""
    url = unquote(url)  # as the writer wrote it: `{{ site.x }}/a.png`, not `%7B%7B…`
    label = html.escape(url if len(url) <= 70 else "…" + url[-69:])
    svg = ('<svg xmlns="http://www.w3.org/2000/svg" width="640" height="96" viewBox="0 0 640 96">'
           '<rect x="1" y="1" width="638" height="94" rx="8" fill="#fff8f0" stroke="#d4a373" '
           'stroke-dasharray="6 4" stroke-width="2"/>'
           '<text x="320" y="42" text-anchor="middle" font-family="sans-serif" font-size="16" '
           'fill="#9a6700">Image not found</text>'
           f'<text x="320" y="68" text-anchor="middle" font-family="monospace" font-size="14" '
           f'fill="#57606a">{label}</text></svg>')
    return "data:image/svg+xml;charset=utf-8," + quote(svg)


def python_markdown() -> markdown.Markdown:
    """Python-Markdown with the extensions a blog needs: `extra` (tables, fenced code, footnotes,
    attribute lists, abbreviations, definition lists, Markdown in HTML), `codehilite` (Pygments;
    an unknown language stays plain code), `sane_lists`, `toc` (heading ids), and from
    pymdown-extensions `tilde` (`~~strikethrough~~`; a single `~` stays text) and `tasklist`
    (`- [ ] item` with a disabled checkbox). The extensions are passed as objects, not loaded by
    name, so the packaged app finds them."""
    return markdown.Markdown(
        extensions=["extra", "codehilite", "sane_lists", "toc", DeleteSubExtension(subscript=False),
                    TasklistExtension(custom_checkbox=False)],
        extension_configs={
            "codehilite": {"css_class": "codehilite", "guess_lang": False},
            "toc": {"permalink": False},
        },
        output_format="html",
    )


class Renderer:
    """The site's Markdown flavour with Pygments highlighting: Python-Markdown with the extensions
    a blog needs (the default), or CommonMark + GFM (`core/render/gfm.py`) for sites built on
    remark, goldmark or markdown-it."""

    def __init__(self, flavor: str = PYTHON_MARKDOWN) -> None:
        self.flavor = flavor
        self.resolve: UrlResolver = lambda url: url
        self._gfm = None
        if flavor == GFM:
            from desktop_app.core.render.gfm import GfmEngine  # loaded only by sites that need it

            self._gfm = GfmEngine()
        self._md = python_markdown()

    def body(self, markdown_text: str) -> str:
        if self._gfm is not None:
            return self._gfm.body(markdown_text)
        self._md.reset()
        return self._md.convert(markdown_text)

    def render(self, text: str, resolve: UrlResolver | None = None, mdx: bool = False,
               source_map: bool = False) -> RenderedPost:
        """The header and body of the post whose full file text is `text`.

        Shortcodes, Liquid and (in `.mdx` posts) MDX syntax become labelled placeholders, and the
        body is made inert (`core/render/sanitize.py`): a post may come from anyone. With `source_map`,
        the result also says on which file line each top-level block starts."""
        self.resolve = resolve or (lambda url: url)
        parsed = fm.read_post(text)
        body = parsed.doc.body
        words = count_words(body)
        header = render_header(parsed.values, words, self.resolve)
        error = parsed.error.message if parsed.error else ""
        # Images resolve in the sanitizer's pass, which sees raw HTML `<img>` as well as Markdown's.
        html_body = sanitize(self.body(mark_placeholders(body, mdx)), self.resolve)
        if not source_map:
            return RenderedPost(header, html_body, words, error)
        offset = parsed.doc.body_line_offset
        return RenderedPost(header, html_body, words, error, tuple(block_lines(body, offset)), offset,
                            text.count("\n") + 1)


def render_header(values: dict[str, Any], words: int, resolve: UrlResolver) -> str:
    """The post header the site template draws: meta line, title, description, tags, cover."""
    esc = html.escape
    parts = ['<header class="post-header">']
    meta = []
    date = values.get("date")
    if isinstance(date, str):  # a quoted date is a string in YAML; the site still shows a date
        date = fm.parse_datetime(date)
    if isinstance(date, (dt.date, dt.datetime)):
        meta.append(f'<time class="post-date" datetime="{esc(date.isoformat())}">{format_date(date)}</time>')
    if values.get("author"):
        meta.append(f'<span class="post-author">{esc(str(values["author"]))}</span>')
    if words:
        meta.append(f'<span class="post-reading-time">{reading_minutes(words)} min read</span>')
    if values.get("draft") is True:
        # A line of its own: inside the meta line the site's separators (`· `) would come before it,
        # and a narrow preview would start a line with the separator.
        parts.append('<p class="post-status"><span class="post-draft">Draft</span></p>')
    if meta:
        parts.append(f'<p class="post-meta">{"".join(meta)}</p>')
    if values.get("title"):
        parts.append(f'<h1 class="post-title">{esc(str(values["title"]))}</h1>')
    description = next((values[key] for key in DESCRIPTION_KEYS if values.get(key)), None)
    if isinstance(description, str):
        parts.append(f'<p class="post-description">{esc(description.strip())}</p>')
    tags = [str(tag) for key in TAG_KEYS for tag in as_list(values.get(key))]
    if tags:
        items = "".join(f'<li class="post-tag">{esc(tag)}</li>' for tag in tags)
        parts.append(f'<ul class="post-tags">{items}</ul>')
    cover = next((values[key] for key in COVER_KEYS if isinstance(values.get(key), str) and values[key]), None)
    # The cover goes by the rules of the body's images: resolved as on the site, and never a
    # `javascript:` or other unsafe address (then there is no cover).
    source = image_source(cover, resolve) if cover else None
    if source is not None:
        parts.append(f'<figure class="post-cover"><img src="{esc(source)}" alt=""></figure>')
    parts.append("</header>")
    return "\n".join(parts)


def format_date(value: dt.date | dt.datetime) -> str:
    return f"{value.strftime('%B')} {value.day}, {value.year}"


_local = threading.local()


def thread_renderer(flavor: str = PYTHON_MARKDOWN) -> Renderer:
    """This thread's own Renderer per flavour (Markdown engines must not be shared across threads)."""
    renderers = _local.__dict__.setdefault("renderers", {})
    if flavor not in renderers:
        renderers[flavor] = Renderer(flavor)
    return renderers[flavor]
