"""Make a post's rendered HTML inert: it may come from anyone, and the preview must not run it.

Markdown passes raw HTML through, so a contributed post can carry `<script>`, `onerror=`,
`javascript:` links, iframes or a `<meta http-equiv="refresh">`. The preview page already runs
no page scripts; this removes what could still act (frames, objects, forms, event handlers,
script URLs, remote CSS, link targets that open windows) so that what the writer sees is only
the post. Text is kept exactly.

The cleaner reads the HTML with Python's parser, which does not split markup exactly as a browser
does. Everything it writes out is therefore spelled so that a browser reads it the same way:
text never carries a raw `<`, a comment never ends early (`<!-->`, `--!>`), and a start tag is
copied byte for byte only when its attributes are plainly written; otherwise it is rebuilt from
the attributes that were checked.

`resolve` (optional) rewrites the `src` of every image, raw HTML ones included, so that paths
resolve as on the site (`render.site_resolver`).
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from typing import Callable

# Elements dropped together with everything inside them.
_DROP_WITH_CONTENT = frozenset({"script", "style", "iframe", "frame", "frameset", "object", "embed",
                                "applet", "noscript", "template", "svg", "fencedframe"})
# Elements dropped while their content stays (a form's text is still the writer's text).
_DROP_TAG_ONLY = frozenset({"form", "base", "link", "meta", "button", "select", "option", "textarea",
                            "portal", "audio", "video", "source", "track"})
_URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "poster", "cite", "background",
                             "xlink:href", "longdesc", "usemap", "lowsrc", "dynsrc", "data"})
# Attributes dropped whatever their value: they run, fetch, or open another window.
_DROPPED_ATTRIBUTES = frozenset({"srcset", "imagesrcset", "formaction", "ping", "http-equiv", "target"})
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):", re.I)
_VOID = frozenset({"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
                   "base", "param"})
# A start tag whose attributes a browser splits exactly as Python's parser does: names and values
# separated by white space, values quoted or plain. Anything else is rebuilt.
_PLAIN_TAG = re.compile(
    r"""<[A-Za-z][A-Za-z0-9-]*(?:\s+[^\s"'<>/=\x00]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*\s*/?>\Z""")
# CSS that fetches: url(), image-set(), image(), src(), cross-fade(), element(), old IE expressions,
# @import and bindings. Checked after CSS escapes and comments are undone.
_CSS_FETCH = re.compile(r"(?:url|image-set|image|src|cross-fade|element|expression)\s*\(|@import|binding|behavior",
                        re.I)
_CSS_ESCAPE = re.compile(r"\\(?:([0-9a-fA-F]{1,6})[ \t\n\r\f]?|\r\n|([\s\S]))")
_CSS_COMMENT = re.compile(r"/\*.*?(?:\*/|\Z)", re.S)
UrlResolver = Callable[[str], str]


def sanitize(fragment: str, resolve: UrlResolver | None = None) -> str:
    """`fragment` without anything that could run, navigate by itself or fetch from elsewhere;
    image sources go through `resolve` when given."""
    if "<" not in fragment:
        return fragment
    cleaner = _Cleaner(resolve)
    cleaner.feed(fragment)
    cleaner.close()
    return "".join(cleaner.out)


def url_scheme(value: str) -> str | None:
    """The scheme a browser reads in `value` (lower case), or None for a relative URL.

    Browsers drop tabs and newlines anywhere in a URL and control characters and spaces around
    it, so `java&#9;script:` is a `javascript:` URL."""
    cleaned = re.sub(r"[\t\n\r]", "", value).strip("".join(map(chr, range(0x21))))
    scheme = _SCHEME.match(cleaned)
    return scheme.group(1).lower() if scheme else None


def safe_url(value: str, attribute: str, tag: str) -> bool:
    """Links may be web, mail, file or in-page; images may also be `data:image/…`.

    `value` is the attribute as the browser sees it (entities already decoded); it is checked a
    second time decoded again, so a doubly escaped address is judged by its strictest reading."""
    return all(_safe_reading(reading, attribute, tag) for reading in {value, html.unescape(value)})


def _safe_reading(value: str, attribute: str, tag: str) -> bool:
    scheme = url_scheme(value.replace("\x00", ""))
    if scheme is None or scheme in ("http", "https", "mailto", "file"):
        return True  # relative: resolved against the post, inside the repository
    return scheme == "data" and tag == "img" and attribute == "src" and \
        re.sub(r"[\t\n\r]", "", value).strip().lower().startswith("data:image/")


def css_fetches(style: str) -> bool:
    """Whether an inline style could make the page fetch something (a remote image above all).
    CSS escapes (`u\\72l(`) and comments are undone first, in either order."""
    decoded = _decode_css(style)
    readings = (decoded, _decode_css(_CSS_COMMENT.sub("", style)), _CSS_COMMENT.sub("", decoded))
    return any(_CSS_FETCH.search(reading) for reading in readings)


def _decode_css(text: str) -> str:
    def char(match: re.Match[str]) -> str:
        if match.group(1):
            code = int(match.group(1), 16)
            return chr(code) if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "\ufffd"
        return match.group(2) or ""
    return _CSS_ESCAPE.sub(char, text)


def _comment(data: str) -> str:
    """A comment spelled so that a browser also ends it at its end: `<!-->` and `<!--->` close at
    once for a browser, and `--!>` closes one, while Python's parser reads on to the next `-->`."""
    if data.startswith((">", "->")):
        data = " " + data
    return "<!--" + data.replace("--!>", "-- !>") + "-->"


class _Cleaner(HTMLParser):
    def __init__(self, resolve: UrlResolver | None) -> None:
        super().__init__(convert_charrefs=False)
        self.resolve = resolve
        self.out: list[str] = []
        self._skipping: list[str] = []  # open elements whose content is dropped

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, self.get_starttag_text() or "", closed=False)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, self.get_starttag_text() or "", closed=True)

    def _start(self, tag: str, attrs: list[tuple[str, str | None]], raw: str, closed: bool) -> None:
        if self._skipping:
            if tag == self._skipping[-1] and not closed and tag not in _VOID:
                self._skipping.append(tag)
            return
        if tag in _DROP_WITH_CONTENT:
            if not closed and tag not in _VOID:
                self._skipping.append(tag)
            return
        if tag in _DROP_TAG_ONLY or (tag == "input" and dict(attrs).get("type", "").lower() != "checkbox"):
            return
        kept = [(name, self._value(tag, name, value)) for name, value in attrs if _keep_attribute(tag, name, value)]
        if kept == attrs and _PLAIN_TAG.match(raw):
            self.out.append(raw)  # untouched, byte for byte
            return
        text = "".join(f" {name}" if value is None else f' {name}="{html.escape(value, quote=True)}"'
                       for name, value in kept)
        self.out.append(f"<{tag}{text}{' /' if closed else ''}>")

    def _value(self, tag: str, name: str, value: str | None) -> str | None:
        if self.resolve is not None and tag == "img" and name == "src" and value is not None:
            resolved = self.resolve(value)
            return resolved if safe_url(resolved, name, tag) else value
        return value

    def handle_endtag(self, tag: str) -> None:
        if self._skipping:
            if tag == self._skipping[-1]:
                self._skipping.pop()
            return
        if tag in _DROP_WITH_CONTENT or tag in _DROP_TAG_ONLY:
            return
        self.out.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            # Text as Python's parser read it; a `<` in it could start a tag for a browser.
            self.out.append(data.replace("<", "&lt;"))

    def handle_entityref(self, name: str) -> None:
        if not self._skipping:
            self.out.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        if not self._skipping:
            self.out.append(f"&#{name};")

    def handle_comment(self, data: str) -> None:
        if not self._skipping:
            self.out.append(_comment(data))  # inert, invisible, and some sites' own notes

    def handle_decl(self, decl: str) -> None:
        return

    def handle_pi(self, data: str) -> None:
        return

    def unknown_decl(self, data: str) -> None:
        if not self._skipping and data.startswith("CDATA["):
            self.out.append(html.escape(data[6:]))


def _keep_attribute(tag: str, name: str, value: str | None) -> bool:
    name = name.lower()
    if name.startswith("on") or name in _DROPPED_ATTRIBUTES:
        return False
    if name == "style" and value is not None and css_fetches(value):
        return False
    if name in _URL_ATTRIBUTES and value is not None:
        return safe_url(value, name, tag)
    return True
