"""Markdown → the HTML a post shows on its site: a header from the front matter and the body.

One pipeline for the live preview and `postdesk render`. A `Renderer` owns a Python-Markdown
instance (not thread-safe), so each worker thread keeps its own.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import secrets
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable
from urllib.parse import quote, unquote

from desktop_app.core.confine import is_inside
from desktop_app.core.frontmatter import parse as fm
from desktop_app.core.render import code_blocks, embeds
from desktop_app.core.render.counts import count_words, reading_minutes
from desktop_app.core.render.placeholders import mark_placeholders
from desktop_app.core.render.profile import SMARTY, RenderProfile
from desktop_app.core.render.site_settings import site_profile
from desktop_app.core.render.sanitize import image_source, sanitize
from desktop_app.core.site.config import GFM, PYTHON_MARKDOWN, SiteConfig
from desktop_app.core.site.library.summaries import COVER_KEYS, DESCRIPTION_KEYS, TAG_KEYS, as_list
from desktop_app.core.wording import format_date

if TYPE_CHECKING:  # the Markdown engines load with the first render: the window's start needs none
    import markdown

    from desktop_app.core.render.source_map import Block

_ENGINE_BUILD = threading.Lock()  # see `Renderer.engine`
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


class SiteResolver:
    """Resolves image URLs as the site would: `/x` from the static folder, `x` from the post's folder.

    A file outside the site's repository counts as missing: the preview may not load it anyway,
    and a visible placeholder says more than a broken image. It also carries the post's place (its
    site and file), so that a render given this resolver follows the site's own Markdown profile."""

    def __init__(self, site: SiteConfig | None, post_path: Path | None) -> None:
        self.site = site
        self.post_path = post_path
        self.root = site.root if site is not None else None

    @property
    def post_context(self) -> SiteResolver:
        return self

    @property
    def profile(self) -> RenderProfile | None:
        """The site's rendering profile (None outside a site: the renderer's flavour applies)."""
        return site_profile(self.site) if self.site is not None else None

    def __call__(self, url: str) -> str:
        if _external_or_anchor(url) or not (url.startswith("/") and self.site is not None) and self.post_path is None:
            return url
        target = self.local_file(url)
        return target.as_uri() if target is not None else missing_image(url)

    def local_file(self, url: str) -> Path | None:
        """The repository file `url` names, if it is one (None for remote or missing files)."""
        if _external_or_anchor(url):
            return None
        path = unquote(url.split("#", 1)[0].split("?", 1)[0])  # as_uri() encodes it again
        if url.startswith("/") and self.site is not None:
            target = self.site.site_path_to_file(path)
        elif self.post_path is not None:
            target = (self.post_path.parent / path).resolve()
        else:
            return None
        if target is None or not target.is_file() or (self.root is not None and not is_inside(target, self.root)):
            return None
        return target


def _external_or_anchor(url: str) -> bool:
    return not url or bool(re.match(r"^[a-z][a-z0-9+.-]*:", url, re.I)) or url.startswith("#")


def site_resolver(site: SiteConfig | None, post_path: Path | None) -> UrlResolver:
    """Resolve image URLs as the site would (see `SiteResolver`)."""
    return SiteResolver(site, post_path)


def protect(text: str) -> str:
    """The writer's text without the private characters the renderer marks formulas and media
    with, so that only its own markers are ever replaced."""
    if any(mark in text for mark in _MARKS):
        return text.translate(dict.fromkeys(map(ord, _MARKS)))
    return text


_MARKS = "\ue000\ue001\ue002\ue003\ue004\ue005"


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


def python_markdown(smarty: bool = False) -> markdown.Markdown:
    """Python-Markdown with the extensions a blog needs: `extra` (tables, fenced code, footnotes,
    attribute lists, abbreviations, definition lists, Markdown in HTML), `codehilite` (Pygments;
    an unknown language stays plain code), `sane_lists`, `toc` (heading ids), and from
    pymdown-extensions `tilde` (`~~strikethrough~~`; a single `~` stays text) and `tasklist`
    (`- [ ] item` with a disabled checkbox). The extensions are passed as objects, not loaded by
    name, so the packaged app finds them. Imported here: a GFM site, `postdesk render --flavor gfm`
    and the library never need Python-Markdown (with pymdown-extensions it took 0.1-0.2 s to import)."""
    import markdown
    from pymdownx.tasklist import TasklistExtension

    from desktop_app.core.render.page import load_pygments

    load_pygments()  # codehilite loads its lexers as it meets them: Pygments' own parts first
    from pymdownx.tilde import DeleteSubExtension

    extensions: list[Any] = ["extra", "codehilite", "sane_lists", "toc", DeleteSubExtension(subscript=False),
                             TasklistExtension(custom_checkbox=False)]
    if smarty:  # MkDocs and Pelican sites that list it: Python-Markdown's own smart punctuation
        from markdown.extensions.smarty import SmartyExtension

        extensions.append(SmartyExtension())
    return markdown.Markdown(
        extensions=extensions,
        extension_configs={
            "codehilite": {"css_class": "codehilite", "guess_lang": False},
            "toc": {"permalink": False},
        },
        output_format="html",
    )


class Renderer:
    """The site's Markdown as its generator renders it, with Pygments highlighting.

    `flavor` is the engine used when no profile applies: Python-Markdown with the extensions a
    blog needs (the default), or CommonMark + GFM (`core/render/gfm.py`). A render given a site's
    resolver (`site_resolver`) follows that site's `RenderProfile` (`core/render/profile.py`):
    its generator's typography, definition lists, shortcodes, Liquid, math … One engine is kept
    per profile, made on first use."""

    def __init__(self, flavor: str = PYTHON_MARKDOWN) -> None:
        self.flavor = flavor
        self.resolve: UrlResolver = lambda url: url
        self._engines: dict[RenderProfile, Any] = {}

    def engine(self, profile: RenderProfile) -> Any:
        """The Markdown engine of `profile` (a GfmEngine, or a Python-Markdown instance)."""
        engine = self._engines.get(profile)
        if engine is None:
            # One engine is built at a time in the process: building one imports its libraries,
            # and two workers importing the same modules at once (the preview's render and the
            # review's rendered diff) can meet in a cycle of import locks, which Python breaks by
            # handing one of them a half-made module.
            with _ENGINE_BUILD:
                if profile.flavor == GFM:
                    from desktop_app.core.render.gfm import FILTERED_TAGS, GfmEngine  # only for sites that need it

                    # GitHub escapes a few raw tags; a generator passes them on (the cleaner still
                    # drops what could act), and an iframe becomes a card either way (`embeds.py`).
                    kept = tuple(tag for tag in FILTERED_TAGS if tag != "iframe") if profile.is_plain else ()
                    engine = GfmEngine(profile=profile, filtered=kept)
                else:
                    engine = python_markdown(smarty=profile.typography == SMARTY)
            self._engines[profile] = engine
        return engine

    def profile_for(self, resolve: UrlResolver | None) -> RenderProfile:
        """The profile a render with `resolve` follows: its site's, else this renderer's flavour."""
        context = getattr(resolve, "post_context", None)
        profile = context.profile if context is not None else None
        return profile or RenderProfile.plain(self.flavor)

    def body(self, markdown_text: str, profile: RenderProfile | None = None,
             env: dict[str, Any] | None = None) -> str:
        profile = profile or RenderProfile.plain(self.flavor)
        engine = self.engine(profile)
        if profile.flavor != GFM:  # a Python-Markdown instance (`engine`)
            engine.reset()
            return engine.convert(markdown_text)
        return engine.body(markdown_text, env)

    def render(self, text: str, resolve: UrlResolver | None = None, mdx: bool = False,
               source_map: bool = False, profile: RenderProfile | None = None) -> RenderedPost:
        """The header and body of the post whose full file text is `text`.

        The body follows `profile` (default: the site's, from `resolve`). Template syntax the
        site fills in (shortcodes, Liquid, MDX) is rendered where Postdesk can render it as the
        generator does and otherwise becomes a labelled placeholder, and the body is made inert
        (`core/render/sanitize.py`): a post may come from anyone. With `source_map`, the result
        also says on which file line each top-level block starts."""
        self.resolve = resolve or (lambda url: url)
        profile = profile or self.profile_for(resolve)
        parsed = fm.read_post(text)
        body = parsed.doc.body
        words = count_words(body)
        header = render_header(parsed.values, words, self.resolve)
        error = parsed.error.message if parsed.error else ""
        if profile.is_plain and not mdx:
            # Images resolve in the sanitizer's pass, which sees raw HTML `<img>` as well as Markdown's.
            # Highlighted code is stashed while the rest is cleaned (`code_blocks.py`).
            env = code_blocks.ask({})
            markup = embeds.extract(self.body(mark_placeholders(protect(body)), profile, env), self.resolve, env)
            html_body = embeds.restore(code_blocks.restore(sanitize(markup, self.resolve), env), env)
        else:
            html_body = self._site_body(body, profile, mdx, parsed.values)
        if not source_map:
            return RenderedPost(header, html_body, words, error)
        from desktop_app.core.render.source_map import block_lines

        offset = parsed.doc.body_line_offset
        return RenderedPost(header, html_body, words, error, tuple(block_lines(body, offset)), offset,
                            text.count("\n") + 1)

    def _site_body(self, body: str, profile: RenderProfile, mdx: bool, values: dict[str, Any]) -> str:
        """The body as the site's generator renders it: its template syntax first (Liquid before
        Markdown, as Jekyll runs it; Hugo's shortcodes around it), then its Markdown."""
        from desktop_app.core.render import math
        from desktop_app.core.render.templates import hugo, liquid
        from desktop_app.core.render.templates import mdx as mdx_syntax

        env: dict[str, Any] = {}
        context = getattr(self.resolve, "post_context", None)
        source = protect(body)
        expanded = liquid.render(source, profile, values, context) if profile.liquid else None
        shortcodes = None
        if expanded is not None:
            source = expanded  # Jekyll's output: what is left of `{{` is the writer's text
        else:
            if profile.shortcodes:
                source, shortcodes = hugo.prepare(source, profile, values, lambda text: self.inline(text, profile))
            if mdx:
                shortcodes = shortcodes or hugo.Shortcodes(secrets.token_hex(4))
                source = mdx_syntax.prepare(source, shortcodes)
            source = mark_placeholders(source)
        if shortcodes is None or not shortcodes.outputs:
            # Code is stashed from the cleaner (`code_blocks.py`) unless shortcodes' outputs are
            # yet to be put in (`hugo.finish`), code blocks included: they must be cleaned.
            code_blocks.ask(env)
        markup = self.body(source, profile, env)
        if shortcodes is not None:
            markup = hugo.finish(markup, shortcodes)
        cleaned = sanitize(embeds.extract(markup, self.resolve, env), self.resolve)
        return embeds.restore(math.restore(code_blocks.restore(cleaned, env), env), env)

    def inline(self, text: str, profile: RenderProfile) -> str:
        """Markdown of one paragraph as inline HTML (Hugo's `markdownify`)."""
        if not text:
            return ""
        rendered = self.body(text, profile).strip()
        if rendered.startswith("<p>") and rendered.endswith("</p>") and rendered.count("<p>") == 1:
            return rendered[3:-4]
        return rendered


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


_local = threading.local()


def thread_renderer(flavor: str = PYTHON_MARKDOWN) -> Renderer:
    """This thread's own Renderer per flavour (Markdown engines must not be shared across threads)."""
    renderers = _local.__dict__.setdefault("renderers", {})
    if flavor not in renderers:
        renderers[flavor] = Renderer(flavor)
    return renderers[flavor]
