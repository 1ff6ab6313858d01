"""One canonical form for a post body's HTML, applied the same way to the generator's and Postdesk's.

Only what a reader cannot see, or what only the highlighter or the engine's markup style decides,
is levelled out; typography and structure still count:

- attributes are dropped (class, id, style, href, src …), except `checked` (a ticked task box)
  and `start` (the first number of an ordered list): both are visible;
- syntax highlighting: every `<span>` inside `<pre>` is unwrapped (its text kept), and a `<div>`
  that only wraps one highlighted `<pre>` (Chroma's `div.highlight`, Rouge's
  `div.highlighter-rouge`, Jekyll's `figure.highlight`, Pygments' `div.codehilite`) is unwrapped; trailing white space at the
  end of a code block is dropped (Shiki and Chroma differ there from remark and Python-Markdown);
- white space: runs collapse to one space outside `<pre>`, and white space next to a block
  element's start or end is dropped (the browser does not draw it);
- entities and Unicode: html5lib decodes `&#8217;` and `’` alike, text is NFC, and the
  emoji/text presentation selectors U+FE0E/U+FE0F are dropped (goldmark writes `↩︎`);
- HTML comments are dropped (invisible);
- what the site fills in (a theme's shortcode, an MDX component, Liquid a theme defines) becomes
  one empty `<placeholder>` element on both sides (see `PLACEHOLDER_TOKEN` and
  `postdesk.PLACEHOLDER_CLASS`).

`fold_typography` additionally maps curly quotes, dashes and ellipses to one spelling each, for
the "identical if typography is ignored" figure.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from xml.etree import ElementTree as ET

import html5lib

# The generators' stubs for a site's own shortcode/tag/component write this token (Hugo, Jekyll)
# or the <pd-component> element (MDX); both become <placeholder>.
PLACEHOLDER_TOKEN = "PDPLACEHOLDER"
COMPONENT_TAG = "pd-component"
POSTDESK_COMPONENT = "pd-component"  # the class of Postdesk's labelled box around an MDX component
PLACEHOLDER = "placeholder"
KEPT_ATTRIBUTES = ("checked", "start")
BLOCK_TAGS = frozenset("""address article aside blockquote body caption dd details dialog div dl dt
fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr iframe li main nav ol p pre section
summary table tbody td tfoot th thead tr ul video audio style script math center""".split())
VOID_TAGS = frozenset("area base br col embed hr img input link meta source track wbr".split())
_HIGHLIGHT_CLASS = re.compile(r"\b(highlight|highlighter-rouge|codehilite|chroma|astro-code|shiki)\b")
_WS = re.compile(r"[ \t\n\r\f]+")
_SELECTORS = dict.fromkeys(map(ord, "\ufe0e\ufe0f"))
_NS = "{http://www.w3.org/1999/xhtml}"


@dataclass(frozen=True)
class Token:
    """One piece of the canonical form: a start tag `<p>`, an end tag `</p>`, or a text run."""
    kind: str  # "start", "end", "text"
    value: str
    path: tuple[str, ...]  # the open elements around it, outermost first

    def html(self) -> str:
        return self.value if self.kind != "text" else _escape(self.value)


def canonical(markup: str, placeholder_class: str = "") -> list[Token]:
    """The canonical token stream of an HTML fragment. `placeholder_class`: elements with this
    class (Postdesk's chips) stand for what the site fills in."""
    fragment = html5lib.parseFragment(markup, treebuilder="etree", namespaceHTMLElements=True)
    root = ET.Element("root")
    root.text = fragment.text
    root.extend(list(fragment))
    _strip_namespaces(root)
    _clean(root, placeholder_class)
    tokens: list[Token] = []
    _tokens(root, (), tokens)
    return _tidy_text(tokens)


def serialise(tokens: list[Token]) -> str:
    """The canonical form as HTML, one block element per line (for reports and diffs)."""
    out = []
    for token in tokens:
        tag = token.value.strip("</>").split(" ")[0] if token.kind != "text" else ""
        if token.kind == "start" and tag in BLOCK_TAGS and out and not out[-1].endswith("\n"):
            out.append("\n")
        out.append(token.html())
        if token.kind == "end" and tag in BLOCK_TAGS or token.kind == "start" and tag in ("hr", "br"):
            out.append("\n")
    return "".join(out).strip() + "\n"


_TYPOGRAPHY = [
    (re.compile("[\u2018\u2019\u201a\u2032]"), "'"),
    (re.compile("[\u201c\u201d\u201e\u2033]"), '"'),
    (re.compile("\u2026|\\.\\.\\."), "\u2026"),
    (re.compile("[\u2013\u2014]|-{2,3}"), "\u2014"),
    (re.compile("\u00ab|<<"), "\u00ab"),
    (re.compile("\u00bb|>>"), "\u00bb"),
]


def fold_typography(text: str) -> str:
    """`text` with typographer output and its ASCII source spelled alike: ’ and ' → ', “ ” → ",
    – — -- --- → —, … ... → …, « << → «."""
    for pattern, replacement in _TYPOGRAPHY:
        text = pattern.sub(replacement, text)
    return text


def fold_tokens(tokens: list[Token]) -> list[Token]:
    return _tidy_text([Token(t.kind, fold_typography(t.value), t.path) if t.kind == "text" else t
                       for t in tokens])


def _strip_namespaces(element: ET.Element) -> None:
    for node in element.iter():
        if isinstance(node.tag, str) and node.tag.startswith(_NS):
            node.tag = node.tag[len(_NS):]
        elif isinstance(node.tag, str) and node.tag.startswith("{"):
            node.tag = node.tag.split("}", 1)[1]  # MathML, SVG


def _clean(element: ET.Element, placeholder_class: str) -> None:
    """Comments out, highlighter markup unwrapped, placeholders made alike, attributes dropped."""
    index = 0
    while index < len(element):
        child = element[index]
        if not isinstance(child.tag, str):  # a comment or processing instruction
            _remove(element, index)
            continue
        classes = child.get("class", "")
        if placeholder_class and placeholder_class in classes.split():  # Postdesk's chip
            if child.text and child.text.strip().startswith("/"):  # the closing chip of a pair
                _remove(element, index)
                continue
            _replace_with_placeholder(child)
        elif child.tag == COMPONENT_TAG:
            _unwrap(element, index, placeholder=True)
            continue
        elif POSTDESK_COMPONENT in classes.split():  # Postdesk's box: its chip, then the children
            _unwrap(element, index)
            continue
        elif (child.tag in ("div", "figure") and _HIGHLIGHT_CLASS.search(classes) and _only_code(child)
              or child.tag == "span" and _inside_pre(element)):  # a highlighter's markup
            _unwrap(element, index)
            continue
        kept = {name: child.get(name, "") for name in KEPT_ATTRIBUTES if name in child.attrib}
        if child.tag == "input" and "checked" in kept:
            kept["checked"] = ""
        child.attrib.clear()
        child.attrib.update(kept)
        if _inside_pre(element) or child.tag == "pre":
            child.set("__pre", "1")
        _clean(child, placeholder_class)
        index += 1


def _inside_pre(element: ET.Element) -> bool:
    return element.tag == "pre" or element.get("__pre") == "1"


def _only_code(div: ET.Element) -> bool:
    """A highlighter's wrapper: nothing but one <pre> (or one more wrapper) inside."""
    children = [child for child in div if isinstance(child.tag, str)]
    text = (div.text or "") + "".join(child.tail or "" for child in children)
    return len(children) == 1 and not text.strip() and children[0].tag in ("pre", "div", "table")


def _replace_with_placeholder(child: ET.Element) -> None:
    tail = child.tail
    child.clear()
    child.tag = PLACEHOLDER
    child.tail = tail


def _remove(parent: ET.Element, index: int) -> None:
    child = parent[index]
    _append_text(parent, index - 1, child.tail or "")
    del parent[index]


def _append_text(parent: ET.Element, before: int, text: str) -> None:
    if not text:
        return
    if before < 0:
        parent.text = (parent.text or "") + text
    else:
        parent[before].tail = (parent[before].tail or "") + text


def _unwrap(parent: ET.Element, index: int, placeholder: bool = False) -> None:
    """Replace parent[index] by its content (preceded by a <placeholder> if asked)."""
    child = parent[index]
    inner = list(child)
    text, tail = child.text or "", child.tail or ""
    del parent[index]
    if placeholder:
        marker = ET.Element(PLACEHOLDER)
        parent.insert(index, marker)
        index += 1
        marker.tail = text
    else:
        _append_text(parent, index - 1, text)
    for offset, node in enumerate(inner):
        parent.insert(index + offset, node)
    last = index + len(inner) - 1
    _append_text(parent, last, tail)


def _tokens(element: ET.Element, path: tuple[str, ...], out: list[Token]) -> None:
    inside = path + (element.tag,) if element.tag != "root" else path
    pre = "pre" in inside
    _text(element.text, inside, pre, out)
    for child in element:
        attrs = "".join(f' {name}="{_escape(value)}"' if value else f" {name}"
                        for name, value in sorted(child.attrib.items()) if name != "__pre")
        out.append(Token("start", f"<{child.tag}{attrs}>", inside + (child.tag,)))
        _tokens(child, inside, out)
        if child.tag not in VOID_TAGS:
            out.append(Token("end", f"</{child.tag}>", inside + (child.tag,)))
        _text(child.tail, inside, pre, out)


def _text(text: str | None, path: tuple[str, ...], pre: bool, out: list[Token]) -> None:
    if not text:
        return
    text = unicodedata.normalize("NFC", text).translate(_SELECTORS)
    if not pre:
        text = _WS.sub(" ", text)
    parts = text.split(PLACEHOLDER_TOKEN) if PLACEHOLDER_TOKEN in text else [text]
    for number, part in enumerate(parts):
        if number:
            out.append(Token("start", f"<{PLACEHOLDER}>", path + (PLACEHOLDER,)))
            out.append(Token("end", f"</{PLACEHOLDER}>", path + (PLACEHOLDER,)))
        if part:
            out.append(Token("text", part, path))


def _tidy_text(tokens: list[Token]) -> list[Token]:
    """Merge adjacent text runs, drop white space at block boundaries and trailing white space in
    a code block."""
    merged: list[Token] = []
    for token in tokens:
        if token.kind == "text" and merged and merged[-1].kind == "text":
            merged[-1] = Token("text", merged[-1].value + token.value, merged[-1].path)
        else:
            merged.append(token)
    out: list[Token] = []
    for index, token in enumerate(merged):
        if token.kind != "text":
            out.append(token)
            continue
        value = token.value
        if "pre" in token.path:
            following = merged[index + 1] if index + 1 < len(merged) else None
            if following is not None and following.kind == "end" and following.value in ("</code>", "</pre>"):
                value = value.rstrip()
        else:
            if index == 0 or _block_edge(merged[index - 1]):
                value = value.lstrip(" ")
            if index + 1 == len(merged) or _block_edge(merged[index + 1]):
                value = value.rstrip(" ")
        if value:
            out.append(Token("text", value, token.path))
    return out


def _block_edge(token: Token) -> bool:
    tag = token.value.strip("</>").split(" ")[0]
    return token.kind != "text" and (tag in BLOCK_TAGS or tag == "br")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
