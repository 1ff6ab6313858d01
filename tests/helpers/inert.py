"""The hostile posts of `tests/fixtures/hostile/`, and a judge of rendered HTML that reads it as a
browser does: html5lib follows the WHATWG parsing rules Chromium follows, so it is an oracle
independent of the cleaner's own parser.

`active(html)` lists whatever in a post's HTML could run a script, load something by itself or
navigate: elements such as `<script>`, `<iframe>`, `<base>`, `<meta>`, `<style>` or `<form>`;
event handlers; script, `data:` (except images) or other unknown-scheme URLs; `srcset`, legacy
URL attributes (`background`, `lowsrc`, `poster` …); inline CSS that fetches."""

from __future__ import annotations

import re
from pathlib import Path

import html5lib

HOSTILE = Path(__file__).resolve().parent.parent / "fixtures" / "hostile"
HOSTILE_POSTS = tuple(sorted(path.name for path in HOSTILE.glob("*.md")))
# The address the fixtures use for "a server of the attacker's"; tests that run one put its own in.
FIXTURE_SERVER = "http://127.0.0.1:8765"

# Elements that run, load, navigate, submit or change how the rest of the page is read.
ACTIVE_ELEMENTS = frozenset({
    "script", "noscript", "template", "style", "link", "meta", "base", "iframe", "frame", "frameset",
    "object", "embed", "applet", "param", "portal", "fencedframe", "form", "button", "select", "textarea",
    "audio", "video", "source", "track", "svg", "image", "isindex", "xmp", "plaintext", "noembed",
    "noframes", "title",
})
# Attributes that load, navigate, submit or open a window whatever their value.
ACTIVE_ATTRIBUTES = frozenset({
    "srcset", "imagesrcset", "action", "formaction", "ping", "target", "http-equiv", "background", "lowsrc",
    "dynsrc", "longdesc", "poster", "data", "codebase", "archive", "xlink:href", "manifest", "download",
    "attributionsrc",
})
URL_ATTRIBUTES = frozenset({"href", "src", "cite", "usemap"})
SAFE_SCHEMES = ("http:", "https:", "mailto:", "file:")
_CSS_FETCH = re.compile(r"url\(|image-set\(|image\(|src\(|cross-fade\(|element\(|expression\(|@import|binding|behavior")


def hostile_post(name: str, server: str = FIXTURE_SERVER) -> str:
    """The text of the hostile post `name`, its attacker's server at `server`."""
    return (HOSTILE / name).read_text(encoding="utf-8").replace(FIXTURE_SERVER, server)


def active(fragment: str) -> list[str]:
    """What in the HTML fragment `fragment` could run, load or navigate, as a browser reads it."""
    document = html5lib.parse(fragment, namespaceHTMLElements=False)
    return [finding for element in document.iter() for finding in _findings(element)]


def active_in_page(page: str) -> list[str]:
    """`active` for a standalone page (an export): the post's article, and anywhere on the page a
    script, a base address, a refresh or a stylesheet link that Postdesk's own template lacks."""
    document = html5lib.parse(page, namespaceHTMLElements=False)
    found: list[str] = []
    for element in document.iter():
        tag = _tag(element)
        if tag in ("script", "base", "link", "iframe", "frame", "object", "embed", "form") or \
                (tag == "meta" and "http-equiv" in element.attrib and
                 element.attrib["http-equiv"].lower() != "content-security-policy"):
            found.append(f"<{tag}> in the page")
        if tag == "style" and not _inside_head(document, element):
            found.append("<style> outside the head")
    article = [element for element in document.iter() if element.attrib.get("id") == "postdesk-article"]
    assert len(article) == 1, "the page has no article"
    return found + [finding for element in article[0].iter() for finding in _findings(element)]


def _inside_head(document: object, element: object) -> bool:
    head = next(e for e in document.iter() if _tag(e) == "head")  # type: ignore[attr-defined]
    return any(child is element for child in head.iter())  # type: ignore[attr-defined]


def _tag(element: object) -> str:
    tag = str(getattr(element, "tag", "")).lower()
    return tag.rsplit("}", 1)[-1]  # a foreign element's namespace, if any


def _findings(element: object) -> list[str]:
    tag = _tag(element)
    found = [f"<{tag}>"] if tag in ACTIVE_ELEMENTS else []
    if tag == "input" and "disabled" not in element.attrib:  # type: ignore[attr-defined]
        found.append("<input> not disabled")
    for name, value in element.attrib.items():  # type: ignore[attr-defined]
        name = str(name).lower().rsplit("}", 1)[-1] if not isinstance(name, tuple) else str(name[1]).lower()
        if name.startswith("on") or name in ACTIVE_ATTRIBUTES:
            found.append(f"{tag}[{name}]")
        elif name in URL_ATTRIBUTES and not _safe_url(value, tag, name):
            found.append(f"{tag}[{name}={value!r}]")
        elif name == "style" and _CSS_FETCH.search(re.sub(r"\\|/\*.*?\*/|\s", "", value.lower())):
            found.append(f"{tag}[style={value!r}]")
    return found


def _safe_url(value: str, tag: str, name: str) -> bool:
    """Relative, web, mail or file addresses; `data:image/` only as an image's source."""
    url = re.sub(r"[\x00-\x20]", "", value).lower()
    if not re.match(r"^[a-z][a-z0-9+.-]*:", url):
        return True
    return url.startswith(SAFE_SCHEMES) or (tag == "img" and name == "src" and url.startswith("data:image/"))
