"""MDX read as MDX reads it, before the Markdown engine sees the post.

- `import` and `export` statements (several lines too) render nothing;
- a JSX element on lines of its own is a block (a "flow" element), whatever follows it: a `---`
  after `<YouTube id="x" />` is a rule, not a heading underline. A component (`<Chart>`,
  `<Tabs.Item>`) becomes a labelled box (`pd-component`) around its Markdown children; an HTML
  element (`<div>`) stays that element, its children still Markdown;
- a component inside a paragraph is a labelled inline box;
- `{expressions}`: a comment renders nothing, a constant its value, anything else a placeholder.

Code (fenced blocks, code spans) is left exactly as written. A line of flow elements is put back
after Markdown, as Hugo puts shortcodes back (`hugo.Shortcodes`).
"""

from __future__ import annotations

import html
import re

from desktop_app.core.render.templates.hugo import Shortcodes

_FENCE = re.compile(r"^(?:[ \t]*>)*[ \t]*(`{3,}|~{3,})")  # also inside block quotes and list items
_STATEMENT = re.compile(r"^(import|export)\b")
# A JSX tag: `<Name attr="x" {...spread} />`, `</Name>`, `<>`; attribute values may hold `>` in quotes
# or braces (one level).
_JSX_TAG = re.compile(r"""<(/?)([A-Za-z][\w.:-]*)?((?:\s+(?:[^\s"'{}<>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|\{(?:[^{}]|\{[^{}]*\})*\}))?|\{(?:[^{}]|\{[^{}]*\})*\}))*)\s*(/?)>""")
_FLOW_LINE = re.compile(r"^(\s*)((?:%s\s*)+)$" % _JSX_TAG.pattern)
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
_EXPRESSION = re.compile(r"\{((?:[^{}]|\{(?:[^{}]|\{[^{}]*\})*\})*)\}")
_CONSTANT = re.compile(r"""^\s*(?:"([^"]*)"|'([^']*)'|`([^`$]*)`|(-?\d+(?:\.\d+)?))\s*$""")


def prepare(body: str, codes: Shortcodes) -> str:
    """`body` with MDX's statements removed and its elements as HTML boxes: a line of flow
    elements becomes a placeholder word in a paragraph of its own, whose HTML `hugo.finish` puts
    back (the tags of one line then stay together, with nothing between them)."""
    lines = body.split("\n")
    out: list[str] = []
    fence = ""
    index = 0
    while index < len(lines):
        line = lines[index]
        index += 1
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
        if _STATEMENT.match(line):
            index = _statement_end(lines, index - 1) + 1
            continue
        joined, last = _whole_tag(lines, index - 1)
        flow = _FLOW_LINE.match(joined)
        if flow:
            indent, tags = flow.group(1), ""
            while flow:  # lines of tags one after the other are one piece: nothing between them
                index = last + 1
                tags += "".join(_box(tag) for tag in _JSX_TAG.finditer(flow.group(2)))
                if index >= len(lines) or not lines[index].strip():
                    break
                joined, last = _whole_tag(lines, index)
                flow = _FLOW_LINE.match(joined)
            if tags:
                out.extend(["", indent + codes.word(tags), ""])
            continue
        out.append(_inline(line))
    return "\n".join(out)


def _statement_end(lines: list[str], start: int) -> int:
    """The last line of the import/export statement starting at `lines[start]`."""
    depth = 0
    for index in range(start, len(lines)):
        depth += lines[index].count("{") + lines[index].count("(") + lines[index].count("[")
        depth -= lines[index].count("}") + lines[index].count(")") + lines[index].count("]")
        if depth <= 0 and (index + 1 >= len(lines) or not lines[index + 1].startswith((" ", "\t", "}", ")", "]"))
                           or lines[index].rstrip().endswith(";")):
            return index
    return len(lines) - 1


def _whole_tag(lines: list[str], start: int) -> tuple[str, int]:
    """The line at `start`, joined with the next ones while a tag opened on it is not closed."""
    line = lines[start]
    if not line.lstrip().startswith("<"):
        return line, start
    joined, last = line, start
    while last + 1 < len(lines) and last - start < 40 and _open_tag(joined):
        last += 1
        joined += " " + lines[last].strip()
    return joined, last


def _open_tag(text: str) -> bool:
    """Whether `text` ends inside a tag (a `<` not yet closed by `>` outside quotes and braces)."""
    inside, quote, depth = False, "", 0
    for char in text:
        if quote:
            quote = "" if char == quote else quote
        elif depth:
            depth += {"{": 1, "}": -1}.get(char, 0)
        elif inside and char in "\"'":
            quote = char
        elif inside and char == "{":
            depth = 1
        elif char == "<":
            inside = True
        elif char == ">":
            inside = False
    return inside


def _box(tag: re.Match[str], block: bool = True) -> str:
    closing, name, attributes, self_closing = tag.group(1), tag.group(2) or "", tag.group(3) or "", tag.group(4)
    if not name:  # <>…</>: a fragment renders its children
        return ""
    if name[0].islower() and "." not in name:  # an HTML element: itself (the cleaner has the last word)
        return tag.group(0)
    element = "div" if block else "span"
    if closing:
        return f"</{element}>"
    label = html.escape(f"{name}{' ' + ' '.join(attributes.split()) if attributes.strip() else ''}")
    chip = (f'<span class="pd-placeholder" title="MDX component: filled in by the site" '
            f'data-kind="MDX component">{label}</span>')
    opened = f'<{element} class="pd-component" data-component="{html.escape(name)}">{chip}'
    return opened + (f"</{element}>" if self_closing else "")


def _inline(line: str) -> str:
    """Components and expressions inside a line of text (code spans left alone)."""
    if "<" not in line and "{" not in line:
        return line
    parts, position = [], 0
    for span in _CODE_SPAN.finditer(line):
        parts.append(_text(line[position:span.start()]))
        parts.append(span.group(0))
        position = span.end()
    parts.append(_text(line[position:]))
    return "".join(parts)


def _text(text: str) -> str:
    if "{" in text:
        text = _EXPRESSION.sub(_expression, text)
    if "<" in text:
        text = _JSX_TAG.sub(lambda m: _box(m, block=False) if m.group(2) and (m.group(2)[0].isupper() or "." in
                                                                              m.group(2)) else m.group(0), text)
    return text


def _expression(match: re.Match[str]) -> str:
    code = match.group(1).strip()
    if not code or re.fullmatch(r"/\*.*\*/", code, re.S):
        return ""
    constant = _CONSTANT.match(code)
    if constant:
        return html.escape(next(group for group in constant.groups() if group is not None))
    return (f'<span class="pd-placeholder" title="MDX expression: filled in by the site" '
            f'data-kind="MDX expression">{html.escape(code)}</span>')
