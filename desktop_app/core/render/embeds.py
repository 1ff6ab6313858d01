"""Embedded media in a post, shown safely: a remote frame becomes a card, a local video plays.

Posts embed YouTube, Vimeo or a map with `<iframe>`, and screencasts with `<video src="./x.mp4">`.
The preview runs no remote frames, and the cleaner drops frames and media elements whole, so the
reader saw escaped tag text (GitHub's tag filter) or nothing at all. Here, before the post is
cleaned:

- a remote `<iframe>` becomes a card naming the provider and the address, a link that opens in
  the browser (the frame itself is never loaded);
- a `<video>` or `<audio>` whose source is a file of the repository (resolved as images are,
  never outside it) plays in the preview: the element is written by Postdesk, with the file's
  address, after the cleaner has run (`restore`), so the cleaner's own rules stay as strict;
- any other media element becomes a card for its address, and its fallback text stays.

The HTML is first read by the cleaner's parser (nh3, as a browser reads it), so markup hidden in an
attribute or in raw text is never taken for a frame.
"""

from __future__ import annotations

import html
import re
import threading
from typing import Any, Callable
from urllib.parse import urlparse

import nh3

from desktop_app.core.render import sanitize

MARK_OPEN, MARK_CLOSE = "\ue002", "\ue003"
_MARKER = re.compile(f"{MARK_OPEN}(\\d+){MARK_CLOSE}")
ENV_KEY = "pd_media"
_HAS_MEDIA = re.compile(r"<(?:iframe|video|audio)\b", re.I)
_FRAME = re.compile(r"<iframe\b([^>]*)>.*?</iframe>", re.S)
_MEDIA = re.compile(r"<(video|audio)\b([^>]*)>(.*?)</\1>", re.S)
_SOURCE = re.compile(r"<source\b([^>]*)>(?:</source>)?")
_SRC = re.compile(r'\bsrc="([^"]*)"')
_PROVIDERS = (
    (r"(?:^|\.)(?:youtube\.com|youtube-nocookie\.com|youtu\.be)$", "YouTube"),
    (r"(?:^|\.)vimeo\.com$", "Vimeo"),
    (r"(?:^|\.)google\.[a-z.]+$", "Google Maps"),
    (r"(?:^|\.)openstreetmap\.org$", "OpenStreetMap"),
    (r"(?:^|\.)codepen\.io$", "CodePen"),
    (r"(?:^|\.)(?:twitter\.com|x\.com)$", "X"),
    (r"(?:^|\.)spotify\.com$", "Spotify"),
    (r"(?:^|\.)soundcloud\.com$", "SoundCloud"),
    (r"(?:^|\.)github\.com$", "GitHub"),
    (r"(?:^|\.)loom\.com$", "Loom"),
    (r"(?:^|\.)figma\.com$", "Figma"),
)
_local = threading.local()


def _reader() -> nh3.Cleaner:
    """The cleaner's rules, plus frames and media elements with their sources (for reading only:
    the result is cleaned again by the full rules)."""
    cleaner = getattr(_local, "reader", None)
    if cleaner is None:
        attributes = {"*": set(sanitize._GLOBAL_ATTRIBUTES),
                      **{tag: set(names) for tag, names in sanitize._ATTRIBUTES.items()},
                      "iframe": {"src", "title"}, "video": {"src", "title"}, "audio": {"src", "title"},
                      "source": {"src", "type"}}
        cleaner = nh3.Cleaner(tags=set(sanitize._TAGS) | {"iframe", "video", "audio", "source"},
                              clean_content_tags=set(sanitize._DROP_WITH_CONTENT) - {"iframe"},
                              attributes=attributes, generic_attribute_prefixes=set(sanitize._GENERIC_PREFIXES),
                              url_schemes=set(sanitize._SAFE_SCHEMES) | {"data"}, strip_comments=False, link_rel=None)
        _local.reader = cleaner
    return cleaner


def extract(fragment: str, resolve: Callable[[str], str], env: dict[str, Any]) -> str:
    """`fragment` with frames as cards and the repository's media as markers (`restore`)."""
    if not _HAS_MEDIA.search(fragment):
        return fragment
    read = _reader().clean(fragment)
    read = _FRAME.sub(lambda m: _frame_card(_attribute(m.group(1))), read)
    return _MEDIA.sub(lambda m: _media(m, resolve, env), read)


def restore(cleaned: str, env: dict[str, Any]) -> str:
    """`cleaned` (the cleaner's output) with each media marker replaced by its element."""
    media = env.get(ENV_KEY)
    if not media:
        return cleaned
    return _MARKER.sub(lambda m: media[int(m.group(1))] if int(m.group(1)) < len(media) else "", cleaned)


def _attribute(attributes: str) -> str:
    found = _SRC.search(attributes)
    return html.unescape(found.group(1)) if found else ""


def provider(url: str) -> str:
    """Who serves an embedded address: YouTube, Vimeo, Google Maps … or its host name."""
    host = (urlparse(url).hostname or "").lower()
    for pattern, name in _PROVIDERS:
        if re.search(pattern, host):
            return name
    return host.removeprefix("www.") or "Embedded page"


def card(kind: str, url: str, what: str = "embedded content") -> str:
    """A card naming what the site shows here; its link opens the address in the browser."""
    label = html.escape(url if len(url) <= 90 else url[:89] + "…")
    link = (f'<a href="{html.escape(url)}">{label}</a>' if sanitize.url_scheme(url) in ("http", "https")
            else f"<code>{label}</code>")
    return (f'<span class="pd-embed" data-kind="{html.escape(kind)}" title="{html.escape(what)}: opens in the '
            f'browser"><strong>{html.escape(kind)}</strong> {link}</span>')


def _frame_card(url: str) -> str:
    if not url or sanitize.url_scheme(url) not in ("http", "https"):
        return ""
    return card(provider(url), url, f"{provider(url)} frame")


def _media(match: re.Match[str], resolve: Callable[[str], str], env: dict[str, Any]) -> str:
    kind, attributes, inner = match.group(1), match.group(2), match.group(3)
    sources = [url for url in [_attribute(attributes)] + [_attribute(s) for s in _SOURCE.findall(inner)] if url]
    local_file = getattr(getattr(resolve, "post_context", None), "local_file", None)
    for url in sources:
        path = local_file(url) if local_file is not None else None
        if path is not None:
            media: list[str] = env.setdefault(ENV_KEY, [])
            media.append(f'<{kind} controls preload="metadata" src="{html.escape(path.as_uri())}"></{kind}>')
            return f"{MARK_OPEN}{len(media) - 1}{MARK_CLOSE}"
    fallback = _SOURCE.sub("", inner)
    name = "Video" if kind == "video" else "Audio"
    return (card(name, sources[0], f"{name.lower()} not in the repository") if sources else "") + fallback
