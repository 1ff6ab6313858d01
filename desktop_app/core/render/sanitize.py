"""Make a post's rendered HTML inert: it may come from anyone, and the preview must not run it.

Markdown passes raw HTML through, so a contributed post can carry `<script>`, `onerror=`,
`javascript:` links, iframes or a `<meta http-equiv="refresh">`. The preview page already runs
no page scripts; this removes what could still act (frames, objects, forms, event handlers,
script URLs, remote CSS, link targets that open windows) so that what the writer sees is only
the post.

The HTML is read as a browser reads it: nh3 (the Python binding of the Rust sanitizer ammonia)
parses it with html5ever, which follows the WHATWG parsing rules Chromium follows, so raw-text
elements (`<xmp>`, `<noembed>`, `<textarea>`, `<title>`, `<style>` …) end where a browser ends
them and markup hidden in a quoted attribute cannot slip past (issue 13). The cleaned tree is then
written out again, so what reaches the page is what the cleaner checked. Only the elements and
attributes listed here survive, and every URL attribute and inline style is checked by the rules
below, which `render_header` uses for front-matter images too. The words stay the writer's: an
element that is not kept is unwrapped and its text stays, except where a browser would not show
that text either (scripts, styles, frames, `<svg>`, `<title>` …), which goes with it.

`resolve` (optional) rewrites the `src` of every image, raw HTML ones included, so that paths
resolve as on the site (`render.pipeline.site_resolver`).
"""

from __future__ import annotations

import html
import re
import threading
from typing import Callable

import nh3

UrlResolver = Callable[[str], str]

# Elements kept (with the attributes below); any other element is dropped and its content kept.
_TAGS = frozenset({
    "a", "abbr", "acronym", "address", "area", "article", "aside", "b", "bdi", "bdo", "big", "blockquote",
    "br", "caption", "center", "cite", "code", "col", "colgroup", "data", "dd", "del", "details", "dfn", "div",
    "dl", "dt", "em", "fieldset", "figcaption", "figure", "font", "footer", "h1", "h2", "h3", "h4", "h5",
    "h6", "header", "hgroup", "hr", "i", "img", "input", "ins", "kbd", "label", "legend", "li", "main",
    "map", "mark", "menu", "meter", "nav", "nobr", "ol", "p", "picture", "pre", "progress", "q", "rb",
    "rp", "rt", "rtc", "ruby", "s", "samp", "search", "section", "small", "span", "strike", "strong", "sub",
    "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "tt", "u", "ul", "var",
    "wbr",
})
# Elements dropped together with everything inside them: they run, load or embed something, or a
# browser never shows their content as text anyway (`<title>`, `<noembed>`, `<noframes>`).
_DROP_WITH_CONTENT = frozenset({
    "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "noscript", "template",
    "svg", "math", "fencedframe", "portal", "noembed", "noframes", "title",
})
# Attributes any kept element may carry, and those of particular elements. Event handlers,
# `srcset`, `target`, `formaction`, `ping` and legacy URL attributes (`background`, `lowsrc`,
# `dynsrc`, `longdesc`, `poster`) are in neither list, so they never survive.
_GLOBAL_ATTRIBUTES = frozenset({"id", "class", "title", "lang", "dir", "style", "hidden", "role", "align",
                                "translate"})
_GENERIC_PREFIXES = frozenset({"data-", "aria-"})
_ATTRIBUTES: dict[str, frozenset[str]] = {
    "a": frozenset({"href", "name", "rel", "rev", "hreflang", "type"}),
    "area": frozenset({"href", "alt", "shape", "coords"}),
    "blockquote": frozenset({"cite"}), "q": frozenset({"cite"}),
    "del": frozenset({"cite", "datetime"}), "ins": frozenset({"cite", "datetime"}),
    "col": frozenset({"span", "width", "valign"}), "colgroup": frozenset({"span", "width", "valign"}),
    "data": frozenset({"value"}), "details": frozenset({"open"}), "time": frozenset({"datetime"}),
    "font": frozenset({"color", "face", "size"}), "hr": frozenset({"size", "width", "noshade", "color"}),
    "img": frozenset({"src", "alt", "width", "height", "loading", "decoding", "border", "hspace", "vspace",
                      "usemap"}),
    "input": frozenset({"checked", "value", "placeholder"}), "label": frozenset({"for"}), "map": frozenset({"name"}),
    "li": frozenset({"value", "type"}), "ol": frozenset({"start", "type", "reversed"}), "ul": frozenset({"type"}),
    "meter": frozenset({"value", "min", "max", "low", "high", "optimum"}),
    "progress": frozenset({"value", "max"}),
    "table": frozenset({"border", "cellpadding", "cellspacing", "width", "height", "summary", "bgcolor", "frame",
                        "rules"}),
    "td": frozenset({"colspan", "rowspan", "headers", "scope", "abbr", "width", "height", "valign", "nowrap",
                     "bgcolor"}),
    "th": frozenset({"colspan", "rowspan", "headers", "scope", "abbr", "width", "height", "valign", "nowrap",
                     "bgcolor"}),
    "tr": frozenset({"valign", "bgcolor"}), "thead": frozenset({"valign"}), "tbody": frozenset({"valign"}),
    "tfoot": frozenset({"valign"}),
}
# An `<input>` (a task list's checkbox, a documented form) is always disabled: nothing in the
# preview can be filled in, ticked or sent. Its type stays unless it would load an image. (One
# attribute is set: ammonia writes several in no fixed order, and a post must render the same.)
_INPUT_TYPES = {"input": {"type": {"checkbox", "radio", "text", "search", "email", "url", "tel", "number", "range",
                                   "date", "time", "datetime-local", "month", "week", "color", "password",
                                   "submit", "reset", "button", "hidden"}}}
_SET_ATTRIBUTES = {"input": {"disabled": ""}}
_URL_ATTRIBUTES = frozenset({"href", "src", "cite", "usemap"})
_SAFE_SCHEMES = frozenset({"http", "https", "mailto", "file"})
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):", re.I)
_URL_EDGE = "".join(map(chr, range(0x21)))  # control characters and the space, stripped off a URL's ends
# A URL that reads the same after those are dropped and after entities are decoded again: most
# links. Its scheme is read from it as it is (`safe_url` gives the same answer, slower).
_PLAIN_URL = re.compile(r"[^\x00-\x20&][^\x00\t\n\r&]*\Z")
# CSS that fetches: url(), image-set(), image(), src(), cross-fade(), element(), old IE expressions,
# @import and bindings. Checked after CSS escapes and comments are undone.
_CSS_FETCH = re.compile(r"(?:url|image-set|image|src|cross-fade|element|expression)\s*\(|@import|binding|behavior",
                        re.I)
_CSS_ESCAPE = re.compile(r"\\(?:([0-9a-fA-F]{1,6})[ \t\n\r\f]?|\r\n|([\s\S]))")
_CSS_COMMENT = re.compile(r"/\*.*?(?:\*/|\Z)", re.S)
# In the cleaner's output a tag ends at its first `>` (attribute values spell it `&gt;`), and a
# comment at its first `-->`.
_PRE_NEWLINE = re.compile(r"(<pre(?:\s[^>]*)?>)\n")
_COMMENT = re.compile(r"(<!--.*?-->)", re.S)


def sanitize(fragment: str, resolve: UrlResolver | None = None) -> str:
    """`fragment` without anything that could run, navigate by itself or fetch from elsewhere;
    image sources go through `resolve` when given."""
    if "<" not in fragment:
        return fragment  # text only: nothing to parse, and the writer's spelling stays as it is
    _state.resolve = resolve
    try:
        cleaned = _state.cleaner.clean(fragment)
    finally:
        _state.resolve = None
    return _keep_pre_newlines(cleaned) if "<pre" in cleaned else cleaned


def _keep_pre_newlines(cleaned: str) -> str:
    """A browser drops one newline right after `<pre>`, and the cleaner's parse already did: a
    newline still there is the writer's own, and is doubled so that the page shows it too.
    (Comments, which may quote a `<pre>`, are left as they are.)"""
    parts = _COMMENT.split(cleaned)
    parts[::2] = [_PRE_NEWLINE.sub("\\1\n\n", part) for part in parts[::2]]
    return "".join(parts)


def url_scheme(value: str) -> str | None:
    """The scheme a browser reads in `value` (lower case), or None for a relative URL.

    Browsers drop tabs and newlines anywhere in a URL and control characters and spaces around
    it, so `java&#9;script:` is a `javascript:` URL."""
    cleaned = re.sub(r"[\t\n\r]", "", value).strip(_URL_EDGE)
    scheme = _SCHEME.match(cleaned)
    return scheme.group(1).lower() if scheme else None


def safe_url(value: str, attribute: str, tag: str) -> bool:
    """Links may be web, mail, file or in-page; images may also be `data:image/…`.

    `value` is the attribute as the browser sees it (entities already decoded); it is checked a
    second time decoded again, so a doubly escaped address is judged by its strictest reading."""
    return all(_safe_reading(reading, attribute, tag) for reading in {value, html.unescape(value)})


def image_source(value: str, resolve: UrlResolver | None) -> str | None:
    """The `src` an image written as `value` gets: resolved as on the site when that gives a safe
    address, else `value` itself when safe, else None (no image). Body images and front-matter
    images (`render_header`) alike."""
    if resolve is not None:
        resolved = resolve(value)
        if safe_url(resolved, "src", "img"):
            return resolved
    return value if safe_url(value, "src", "img") else None


def _safe_reading(value: str, attribute: str, tag: str) -> bool:
    scheme = url_scheme(value.replace("\x00", ""))
    if scheme is None or scheme in _SAFE_SCHEMES:
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


class _ThreadState(threading.local):
    """Each thread's own cleaner (renders run on worker threads), and the `resolve` of the call
    it is in: the cleaner's attribute check is made once, and reads the resolver from here."""

    def __init__(self) -> None:
        self.resolve: UrlResolver | None = None
        self.cleaner = nh3.Cleaner(
            tags=set(_TAGS),
            clean_content_tags=set(_DROP_WITH_CONTENT),
            attributes={"*": set(_GLOBAL_ATTRIBUTES), **{tag: set(names) for tag, names in _ATTRIBUTES.items()}},
            generic_attribute_prefixes=set(_GENERIC_PREFIXES),
            tag_attribute_values=_INPUT_TYPES,
            set_tag_attribute_values=_SET_ATTRIBUTES,
            attribute_filter=self._attribute,
            url_schemes=_SAFE_SCHEMES | {"data"},  # data: for images only, which `_attribute` checks
            strip_comments=False,  # inert, invisible, and some sites' own notes (`<!-- more -->`)
            link_rel=None,  # links keep the writer's own `rel`; none of them opens a window
        )

    def _attribute(self, tag: str, name: str, value: str) -> str | None:
        """A kept attribute's value as checked (None: dropped). ammonia has already dropped
        attributes off the lists and `href`/`src` with schemes off its list."""
        if name == "style":
            return None if css_fetches(value) else value
        if name not in _URL_ATTRIBUTES:
            return value
        if tag == "img" and name == "src":
            return image_source(value, self.resolve)
        if _PLAIN_URL.match(value):
            scheme = _SCHEME.match(value)
            return value if scheme is None or scheme.group(1).lower() in _SAFE_SCHEMES else None
        return value if safe_url(value, name, tag) else None


_state = _ThreadState()


# MathML the renderer itself made from a post's TeX (`core/render/math.py`): only presentation
# elements, with attributes that change how a formula is drawn and no URL (latex2mathml turns
# `\href` into an `href`, and copies `\text{…}` as it is: both are dropped or cleaned here).
# This allowlist is used for those formulas only; raw `<math>` in a post is still dropped whole.
_MATH_TAGS = frozenset({
    "math", "mrow", "mi", "mn", "mo", "ms", "mtext", "mspace", "msup", "msub", "msubsup", "mfrac", "msqrt",
    "mroot", "mover", "munder", "munderover", "mtable", "mtr", "mtd", "mstyle", "mpadded", "mphantom",
    "menclose", "merror", "semantics", "annotation", "mmultiscripts", "mprescripts", "none", "mfenced",
})
_MATH_ATTRIBUTES = frozenset({
    "display", "mathvariant", "mathsize", "stretchy", "fence", "separator", "lspace", "rspace", "accent",
    "accentunder", "movablelimits", "largeop", "symmetric", "minsize", "maxsize", "linethickness",
    "columnalign", "rowalign", "columnspacing", "rowspacing", "columnlines", "rowlines", "frame",
    "displaystyle", "scriptlevel", "width", "height", "depth", "notation", "open", "close", "separators",
    "encoding", "form",
})
_math_local = threading.local()


def sanitize_math(mathml: str) -> str:
    """MathML made by the renderer, cleaned by MathML-only rules (no links, scripts or styles)."""
    cleaner = getattr(_math_local, "cleaner", None)
    if cleaner is None:
        cleaner = nh3.Cleaner(tags=set(_MATH_TAGS) | {"code"}, clean_content_tags=set(_DROP_WITH_CONTENT - {"math"}),
                              attributes={"*": set(_MATH_ATTRIBUTES) | {"class"}}, url_schemes=set(),
                              strip_comments=True, link_rel=None)
        _math_local.cleaner = cleaner
    return cleaner.clean(mathml)
