"""Make a post's rendered HTML inert: it may come from anyone, and the preview must not run it.

Markdown passes raw HTML through, so a contributed post can carry `<script>`, `onerror=`,
`javascript:` links, iframes or a `<meta http-equiv="refresh">`. The preview page already runs
no page scripts; this removes what could still act (frames, objects, forms, event handlers,
script URLs, remote CSS) so that what the writer sees is only the post. Text is kept exactly.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

# Elements dropped together with everything inside them.
_DROP_WITH_CONTENT = frozenset({"script", "style", "iframe", "frame", "frameset", "object", "embed",
                                "applet", "noscript", "template", "svg"})
# Elements dropped while their content stays (a form's text is still the writer's text).
_DROP_TAG_ONLY = frozenset({"form", "base", "link", "meta", "button", "select", "option", "textarea",
                            "portal", "audio", "video", "source", "track"})
_URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "poster", "cite", "background",
                             "xlink:href", "longdesc", "usemap", "lowsrc", "dynsrc", "data"})
_SCHEME = re.compile(r"^\s*([a-z][a-z0-9+.-]*):", re.I)
_VOID = frozenset({"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
                   "base", "param"})


def sanitize(fragment: str) -> str:
    """`fragment` without anything that could run, navigate by itself or fetch from elsewhere."""
    if "<" not in fragment:
        return fragment
    cleaner = _Cleaner()
    cleaner.feed(fragment)
    cleaner.close()
    return "".join(cleaner.out)


def safe_url(value: str, attribute: str, tag: str) -> bool:
    """Links may be web, mail, file or in-page; images may also be `data:image/…`."""
    scheme = _SCHEME.match(html.unescape(value).replace("\x00", "").strip())
    if scheme is None:
        return True  # relative: resolved against the post, inside the repository
    name = scheme.group(1).lower()
    if name in ("http", "https", "mailto", "file"):
        return True
    return name == "data" and tag == "img" and attribute == "src" and \
        html.unescape(value).strip().lower().startswith("data:image/")


class _Cleaner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
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
        kept = [(name, value) for name, value in attrs if _keep_attribute(tag, name, value)]
        if len(kept) == len(attrs):
            self.out.append(raw)  # untouched, byte for byte
            return
        text = "".join(f" {name}" if value is None else f' {name}="{html.escape(value, quote=True)}"'
                       for name, value in kept)
        self.out.append(f"<{tag}{text}{' /' if closed else ''}>")

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
            self.out.append(data)

    def handle_entityref(self, name: str) -> None:
        if not self._skipping:
            self.out.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        if not self._skipping:
            self.out.append(f"&#{name};")

    def handle_comment(self, data: str) -> None:
        if not self._skipping:
            self.out.append(f"<!--{data}-->")  # inert, invisible, and some sites' own notes

    def handle_decl(self, decl: str) -> None:
        return

    def handle_pi(self, data: str) -> None:
        return

    def unknown_decl(self, data: str) -> None:
        if not self._skipping and data.startswith("CDATA["):
            self.out.append(html.escape(data[6:]))


def _keep_attribute(tag: str, name: str, value: str | None) -> bool:
    name = name.lower()
    if name.startswith("on") or name in ("srcset", "formaction", "ping", "http-equiv"):
        return False
    if name == "style" and value is not None and re.search(r"url\s*\(|expression\s*\(|@import", value, re.I):
        return False
    if name in _URL_ATTRIBUTES and value is not None:
        return safe_url(value, name, tag)
    return True
