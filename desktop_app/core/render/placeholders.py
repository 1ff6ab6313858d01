"""Template syntax the site generator expands, shown in the preview as labelled placeholders.

Hugo shortcodes (`{{< youtube id >}}`, `{{% note %}}`), Liquid tags (`{% include x.html %}`,
`{{ page.title }}`) and MDX (`import` lines, `<Chart data={x} />` components) mean nothing to a
Markdown engine: left alone they show as stray braces or vanish as unknown HTML. Each becomes a
small chip naming what the site will put there. Code (fenced blocks and inline code spans) is
left exactly as written, since that is where writers show such syntax on purpose.

Inside a link or image address (`[t]({{< ref "x" >}})`, `![a]({{ site.baseurl }}/a.png)`,
`<a href="{% link _posts/x.md %}">`) a chip would break the link, so the address gets what the
site would put there when Postdesk can tell (a path: the site's base URL is its root, `ref` and
`link` name the post they point to), and otherwise the template text itself, percent-encoded,
which the preview recognises when the link is clicked. Elsewhere inside an HTML tag the text is
kept, escaped.
"""

from __future__ import annotations

import html
import re
from urllib.parse import quote

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_FENCE_STARTS = (" ", "`", "~")  # what a fence line can start with: the regex is tried on those only
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
_TEMPLATE = re.compile(
    r"(?P<hugo>\{\{[<%]\s*(?P<hugo_inner>.*?)\s*[>%]\}\})"
    r"|(?P<tag>\{%-?\s*(?P<tag_inner>.*?)\s*-?%\})"
    r"|(?P<output>\{\{-?\s*(?P<output_inner>[^{}<>%]*?)\s*-?\}\})")
_KINDS = {"hugo": "Hugo shortcode", "tag": "Liquid", "output": "Liquid"}
# Where an address is being written: a Markdown link or image destination, a reference
# definition, or an HTML attribute that holds a URL.
_IN_URL = re.compile(r"\]\(\s*<?[^\s()<>]*\Z|^\s{0,3}\[[^\]]+\]:\s*<?[^\s<>]*\Z"
                     r"|<[A-Za-z][^<>]*?\s(?:href|src)\s*=\s*[\"']?[^\"'\s<>]*\Z", re.I)
_IN_TAG = re.compile(r"<[A-Za-z][^<>]*\Z")
# The site's own address: what the preview shows is the site's root.
_BASE_URL = re.compile(r"^(?:site\.(?:baseurl|base_url|url|github\.url)|base_?path|baseurl|\.Site\.BaseURL)$", re.I)
_URL_FILTER = re.compile(r"""^(["'])(?P<path>[^"']*)\1\s*\|\s*(?:relative_url|absolute_url|prepend:\s*site\.\w+)""")
_REF = re.compile(r"""^/?\*?\s*(?:rel)?ref\s+(?:path=)?(["']?)(?P<path>[^"'\s]+)\1""")
_LINK = re.compile(r"""^(?P<kind>link|post_url)\s+(["']?)(?P<path>[^"'\s]+)\2""")
_OPEN_SHORTCODE = re.compile(r"\{\{[<%](?!.*[>%]\}\})")  # opened and not closed on this line
_CLOSE_SHORTCODE = re.compile(r"[>%]\}\}")
_MAX_SHORTCODE_LINES = 40
_MDX_STATEMENT = re.compile(r"^(import|export)\s.+$")
_MDX_COMPONENT = re.compile(r"<(?P<name>[A-Z][\w.]*)(?P<rest>(?:\s[^<>]*?)?)\s*/?>|</(?P<close>[A-Z][\w.]*)\s*>")


def mark_placeholders(body: str, mdx: bool = False) -> str:
    """`body` with template syntax outside code replaced by placeholder chips (inline HTML)."""
    if not mdx and "{" not in body:
        return body  # every template opens with `{`: most posts have none, and no line to look at
    out: list[str] = []
    fence = ""
    lines = body.split("\n")
    index = 0
    while index < len(lines):
        line = lines[index]
        index += 1
        if not fence and "{" in line and _OPEN_SHORTCODE.search(line):
            # A shortcode whose arguments run over several lines is one placeholder.
            end = next((i for i in range(index, min(index + _MAX_SHORTCODE_LINES, len(lines)))
                        if _CLOSE_SHORTCODE.search(lines[i])), None)
            if end is not None:
                line = " ".join([line, *(text.strip() for text in lines[index:end + 1])])
                index = end + 1
        match = _FENCE.match(line) if line[:1] in _FENCE_STARTS else None
        if fence:
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence):
                fence = ""
            out.append(line)
            continue
        if match:
            fence = match.group(1)
            out.append(line)
            continue
        if mdx and _MDX_STATEMENT.match(line):
            out.append(_chip("MDX", line.strip()))
            continue
        out.append(_outside_code_spans(line, mdx) if mdx or "{" in line else line)  # templates open with {
    return "\n".join(out)


def _outside_code_spans(line: str, mdx: bool) -> str:
    parts, position = [], 0
    for span in _CODE_SPAN.finditer(line):
        parts.append(_replace(line[position:span.start()], mdx))
        parts.append(span.group(0))
        position = span.end()
    parts.append(_replace(line[position:], mdx))
    return "".join(parts)


def _replace(text: str, mdx: bool) -> str:
    if "{" in text:
        out: list[str] = []
        position = 0
        for match in _TEMPLATE.finditer(text):
            out.append(text[position:match.start()])
            before = "".join(out)
            if _IN_URL.search(before):
                out.append(url_value(match.group(0)))
            elif _IN_TAG.search(before):
                out.append(html.escape(match.group(0)))
            else:
                kind = match.lastgroup or "output"
                out.append(_chip(_KINDS[kind], match.group(kind + "_inner")))
            position = match.end()
        text = "".join(out) + text[position:]
    if mdx and "<" in text:
        text = _MDX_COMPONENT.sub(lambda m: _chip("MDX component", _component(m)), text)
    return text


def url_value(template: str) -> str:
    """What an address written as `template` becomes in the preview: the site's root for its base
    URL, the path a `"x" | relative_url` filter is given, the post a Hugo `ref` or a Liquid `link`
    / `post_url` names; else the template text, percent-encoded (no spaces, so the link holds)."""
    inner = re.sub(r"^\{[{%][<%-]?\s*|\s*[>%-]?[}%]\}$", "", template)
    if template.startswith("{{") and not template.startswith(("{{<", "{{%")):
        if _BASE_URL.match(inner):
            return ""
        if filtered := _URL_FILTER.match(inner):
            return filtered.group("path")
    elif template.startswith(("{{<", "{{%")):
        if not inner.startswith("/*") and (ref := _REF.match(inner)):
            return ref.group("path")
    elif link := _LINK.match(inner):
        return ("/" + link.group("path").lstrip("/")) if link.group("kind") == "link" else link.group("path")
    return quote(template, safe="/#?&=:")


def _component(match: re.Match[str]) -> str:
    if match.group("close"):
        return "/" + match.group("close")
    return (match.group("name") + (match.group("rest") or "")).strip()


def _chip(kind: str, inner: str) -> str:
    return (f'<span class="pd-placeholder" title="{html.escape(kind)}: filled in by the site" '
            f'data-kind="{html.escape(kind)}">{html.escape(inner)}</span>')
