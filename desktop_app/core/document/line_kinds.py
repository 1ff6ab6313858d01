"""What each line of a post is to a reader: front matter, code, a comment, math, or prose.

The spell checker reads only prose (and the front matter's prose values); the outline finds
headings only among prose lines. Both need the same line-by-line view of the Markdown source
that a highlighter has, without Qt: a fence opened at the top makes every line after it code
until the fence that closes it, a `<!--` makes lines a comment until `-->`.

The rules follow what the editor colours and what site generators read: front matter only on
the first line (`---`, `+++`, or a JSON object), fences of three or more backticks or tildes
closed by a fence of the same character at least as long, `$$` math blocks, Liquid's
`{% highlight %}` / `{% raw %}` / `{% comment %}` and Hugo's `{{< highlight >}}` blocks, MDX's
`import` / `export` lines, and indented code (four spaces after a blank line, outside a list).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# Line kinds.
PROSE = "prose"
FRONT_MATTER = "front matter"  # a line inside the block, between its delimiters
FRONT_MATTER_EDGE = "front matter edge"  # the opening or closing delimiter
FENCE = "fence"  # a line opening or closing a fenced block (``` ~~~ $$ {% highlight %} …)
CODE = "code"  # inside a fenced or indented code block, or an MDX import/export
MATH = "math"
COMMENT = "comment"  # wholly inside an HTML comment, or a line that only closes one
COMMENT_END = "comment end"  # a line that closes a comment opened above, with prose after `-->`
BLANK = "blank"

_FENCE_OPEN = re.compile(r"[ \t]*(`{3,}|~{3,})[ \t]*([^`]*?)[ \t]*$")
_FENCE_CLOSE = re.compile(r"[ \t]*(`{3,}|~{3,})[ \t]*$")
_LIST_ITEM = re.compile(r"[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)")
_MDX = re.compile(r"(?:import[ \t].*[ \t]from[ \t]+['\"]|import[ \t]+['\"]|export[ \t]+(?:const|let|default|function)\b)")
# Template blocks whose content is code, not prose: opening pattern → closing pattern.
_TEMPLATE_BLOCKS = (
    (re.compile(r"[ \t]*\{%-?[ \t]*highlight\b"), re.compile(r".*\{%-?[ \t]*endhighlight[ \t]*-?%\}")),
    (re.compile(r"[ \t]*\{%-?[ \t]*raw[ \t]*-?%\}[ \t]*$"), re.compile(r".*\{%-?[ \t]*endraw[ \t]*-?%\}")),
    (re.compile(r"[ \t]*\{%-?[ \t]*comment[ \t]*-?%\}[ \t]*$"), re.compile(r".*\{%-?[ \t]*endcomment[ \t]*-?%\}")),
    (re.compile(r"[ \t]*\{\{<[ \t]*highlight\b"), re.compile(r"[ \t]*\{\{<[ \t]*/[ \t]*highlight[ \t]*>\}\}")),
)
_JSON_OPEN = re.compile(r'\{[ \t]*(?:$|")')


def _front_matter_end(lines: Sequence[str]) -> int:
    """The index of the line closing the front matter that opens `lines`; -1 when there is none.
    An unclosed block runs to the end (as the editor colours it): `len(lines)`."""
    if not lines:
        return -1
    first = lines[0].lstrip("\ufeff").rstrip()
    if first in ("---", "+++"):
        for index in range(1, len(lines)):
            if lines[index].rstrip() == first:
                return index
        return len(lines)
    if _JSON_OPEN.match(lines[0].lstrip("\ufeff")):
        for index in range(1, len(lines)):
            if lines[index].rstrip() == "}":
                return index
    return -1


def line_kinds(lines: Sequence[str]) -> list[str]:
    """The kind of each line of `lines` (a post split at its line breaks)."""
    kinds = [PROSE] * len(lines)
    start = 0
    end = _front_matter_end(lines)
    if end >= 0:
        kinds[0] = FRONT_MATTER_EDGE
        for index in range(1, min(end, len(lines))):
            kinds[index] = FRONT_MATTER
        if end < len(lines):
            kinds[end] = FRONT_MATTER_EDGE
        start = end + 1
    closing: re.Pattern[str] | None = None  # the pattern that ends the block we are in
    fence = ""  # the open fence's marker (``` or ~~~~ …), when in a fenced code block
    comment = False
    math = False
    in_list = False
    previous_blank = True
    for index in range(start, len(lines)):
        line = lines[index]
        if fence:
            m = _FENCE_CLOSE.match(line)
            if m is not None and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence):
                kinds[index], fence = FENCE, ""
            else:
                kinds[index] = CODE
            continue
        if closing is not None:
            if closing.match(line):
                kinds[index], closing = FENCE, None
            else:
                kinds[index] = CODE
            continue
        if math:
            kinds[index] = FENCE if line.strip() == "$$" else MATH
            math = kinds[index] == MATH
            continue
        if comment:
            close = line.find("-->")
            if close < 0:
                kinds[index] = COMMENT
                continue
            comment = False
            kinds[index] = COMMENT_END if line[close + 3:].strip() else COMMENT
            previous_blank = False
            if line.find("<!--", close) >= 0 and line.find("-->", line.rfind("<!--") + 4) < 0:
                comment = True  # and opens another
            continue
        stripped = line.strip()
        if not stripped:
            kinds[index] = BLANK
            previous_blank = True
            continue
        first = stripped[0]
        if first in "`~":
            m = _FENCE_OPEN.match(line)
            if m is not None and (m.group(1)[0] == "~" or "`" not in m.group(2)):
                kinds[index], fence = FENCE, m.group(1)
                previous_blank = False
                continue
        if first == "$" and stripped == "$$":
            kinds[index], math = FENCE, True
            continue
        if first == "{":
            for opening, ending in _TEMPLATE_BLOCKS:
                if opening.match(line):
                    kinds[index], closing = FENCE, ending
                    break
            if closing is not None:
                continue
        indent = len(line) - len(line.lstrip(" \t"))
        tabbed = line[:indent].count("\t") * 4 + line[:indent].count(" ")
        if _LIST_ITEM.match(line):
            in_list = True
        elif tabbed == 0 and previous_blank:
            in_list = False
        if tabbed >= 4 and not in_list and (previous_blank or (index > 0 and kinds[index - 1] == CODE)):
            kinds[index] = CODE
            previous_blank = False
            continue
        if tabbed == 0 and first in "ie" and _MDX.match(line):
            kinds[index] = CODE
            previous_blank = False
            continue
        previous_blank = False
        opened = line.rfind("<!--")
        if opened >= 0 and line.find("-->", opened + 4) < 0:
            comment = True  # the tokenizer masks this line's part from `<!--` on
    return kinds


__all__ = ["BLANK", "CODE", "COMMENT", "COMMENT_END", "FENCE", "FRONT_MATTER", "FRONT_MATTER_EDGE", "MATH", "PROSE",
           "line_kinds"]
