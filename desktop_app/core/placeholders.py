"""Template syntax the site generator expands, shown in the preview as labelled placeholders.

Hugo shortcodes (`{{< youtube id >}}`, `{{% note %}}`), Liquid tags (`{% include x.html %}`,
`{{ page.title }}`) and MDX (`import` lines, `<Chart data={x} />` components) mean nothing to a
Markdown engine: left alone they show as stray braces or vanish as unknown HTML. Each becomes a
small chip naming what the site will put there. Code (fenced blocks and inline code spans) is
left exactly as written, since that is where writers show such syntax on purpose.
"""

from __future__ import annotations

import html
import re

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
_HUGO = re.compile(r"\{\{[<%]\s*(?P<inner>.*?)\s*[>%]\}\}")
_LIQUID_TAG = re.compile(r"\{%-?\s*(?P<inner>.*?)\s*-?%\}")
_LIQUID_OUTPUT = re.compile(r"\{\{-?\s*(?P<inner>[^{}<>%]*?)\s*-?\}\}")
_OPEN_SHORTCODE = re.compile(r"\{\{[<%](?!.*[>%]\}\})")  # opened and not closed on this line
_CLOSE_SHORTCODE = re.compile(r"[>%]\}\}")
_MAX_SHORTCODE_LINES = 40
_MDX_STATEMENT = re.compile(r"^(import|export)\s.+$")
_MDX_COMPONENT = re.compile(r"<(?P<name>[A-Z][\w.]*)(?P<rest>(?:\s[^<>]*?)?)\s*/?>|</(?P<close>[A-Z][\w.]*)\s*>")


def mark_placeholders(body: str, mdx: bool = False) -> str:
    """`body` with template syntax outside code replaced by placeholder chips (inline HTML)."""
    out: list[str] = []
    fence = ""
    lines = body.split("\n")
    index = 0
    while index < len(lines):
        line = lines[index]
        index += 1
        if not fence and _OPEN_SHORTCODE.search(line):
            # A shortcode whose arguments run over several lines is one placeholder.
            end = next((i for i in range(index, min(index + _MAX_SHORTCODE_LINES, len(lines)))
                        if _CLOSE_SHORTCODE.search(lines[i])), None)
            if end is not None:
                line = " ".join([line, *(text.strip() for text in lines[index:end + 1])])
                index = end + 1
        match = _FENCE.match(line)
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
        out.append(_outside_code_spans(line, mdx))
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
        text = _HUGO.sub(lambda m: _chip("Hugo shortcode", m.group("inner")), text)
        text = _LIQUID_TAG.sub(lambda m: _chip("Liquid", m.group("inner")), text)
        text = _LIQUID_OUTPUT.sub(lambda m: _chip("Liquid", m.group("inner")), text)
    if mdx and "<" in text:
        text = _MDX_COMPONENT.sub(lambda m: _chip("MDX component", _component(m)), text)
    return text


def _component(match: re.Match[str]) -> str:
    if match.group("close"):
        return "/" + match.group("close")
    return (match.group("name") + (match.group("rest") or "")).strip()


def _chip(kind: str, inner: str) -> str:
    return (f'<span class="pd-placeholder" title="{html.escape(kind)}: filled in by the site" '
            f'data-kind="{html.escape(kind)}">{html.escape(inner)}</span>')
