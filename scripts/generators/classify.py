"""Name the kind of a difference between a generator's body and Postdesk's, in a few words.

The categories are the ones the fixes are organised by (issue 18): smart punctuation, Hugo
shortcodes, Liquid, heading attributes / kramdown IALs, footnotes, raw HTML, MDX, math, front
matter, and plain Markdown constructs (code block, list, table, link …) for the rest.
"""

from __future__ import annotations

import re

from generators.normalize import PLACEHOLDER, Token

MARKDOWN_TAGS = frozenset("""p h1 h2 h3 h4 h5 h6 em strong code pre a img ul ol li blockquote hr br table
thead tbody tr th td del input sup section div dl dt dd placeholder""".split())
_HEADING = re.compile(r"^h[1-6]$")
_ATTRIBUTE_LIST = re.compile(r"\{:?\s*[#.][\w-][^{}]*\}|\{:[^{}]*\}")
_HUGO = re.compile(r"\{\{[<%]")
_LIQUID = re.compile(r"\{%|\{\{\s*[\w.]+\s*(\|[^}]*)?\}\}")
_MATH = re.compile(r"\$\$|\\\(|\\\[")
_ESCAPED_TAG = re.compile(r"<\/?[a-zA-Z][\w-]*(\s|>|/>)")
_INLINE_ITEM = re.compile(r"(^|\s)([-*+]|\d+[.)])\s")
_EMOJI = re.compile(r":[a-z0-9_+-]+:")


def tags(tokens: list[Token]) -> set[str]:
    return {token.value.strip("</>").split(" ")[0] for token in tokens if token.kind != "text"}


def text(tokens: list[Token]) -> str:
    return " ".join(token.value for token in tokens if token.kind == "text")


def classify(generator: str, ours: list[Token], theirs: list[Token], around: tuple[str, ...],
             source: str, our_context: list[Token] = (), their_context: list[Token] = ()) -> list[str]:
    """The categories of one difference (usually one): `theirs` is the generator's side of the
    hunk, `ours` Postdesk's; `around` the elements open where it starts; `source` the post's
    Markdown body; the contexts: the tokens just before and after (a placeholder there explains a
    stray <p>)."""
    if generator == "astro":
        mdx = _mdx(ours, theirs, source, our_context, their_context)
        if mdx:
            return mdx
    return [_one(generator, ours, theirs, around, source, our_context, their_context)]


def _mdx(ours: list[Token], theirs: list[Token], source: str, our_context: list[Token],
         their_context: list[Token]) -> list[str]:
    """An import line is a placeholder only on Postdesk's side; a component is one on both (MDX
    makes a component on its own line a block, Postdesk an inline chip in a paragraph)."""
    ours_count = sum(t.value == f"<{PLACEHOLDER}>" for t in ours)
    theirs_count = sum(t.value == f"<{PLACEHOLDER}>" for t in theirs)
    found = []
    if ours_count > theirs_count and re.search(r"^(import|export)\s", source, re.M):
        found.append("MDX import/export line")
    if theirs_count or PLACEHOLDER in tags(list(their_context)) or (
            ours_count and not found) or (not found and PLACEHOLDER in tags(list(our_context))):
        found.append("MDX component")
    return found


def _one(generator: str, ours: list[Token], theirs: list[Token], around: tuple[str, ...], source: str,
         our_context: list[Token], their_context: list[Token]) -> str:
    both = ours + theirs
    names = tags(both) | set(around)
    words = text(both)
    our_tags, their_tags = tags(ours), tags(theirs)
    if PLACEHOLDER in our_tags | their_tags | tags(list(our_context)) | tags(list(their_context)):
        return "Hugo shortcode" if generator == "hugo" else "Liquid"
    if "a" in names and re.search(r"\]:\s*<?\{[{%]|\]\(\s*<?\{[{%]", source):
        return "template in a link address" if not (_HUGO.search(words) or _LIQUID.search(words)) else (
            "Hugo shortcode" if generator == "hugo" else "Liquid")
    if "pre" in names and _HUGO.search(words):
        return "Hugo shortcode in code ({{</* */>}} escape)"
    if _HUGO.search(words):
        return "Hugo shortcode"
    if generator == "jekyll" and _LIQUID.search(words):
        return "Liquid"
    if "pre" in names:
        return "code block"
    if any(_HEADING.match(name) for name in names) and _ATTRIBUTE_LIST.search(words):
        return "heading attribute {#id}"
    if _ATTRIBUTE_LIST.search(words):
        return "attribute list {: …} / {.class}"
    if "sup" in names or "section" in names or ("hr" in names and "ol" in names) or "[^" in words or "↩" in words or (
            "ol" in names and "div" in names and re.search(r"^\[\^[^\]]+\]:", source, re.M)):
        return "footnote"
    if "dl" in names:
        return "definition list"
    if _MATH.search(words):
        return "math"
    raw = (our_tags | their_tags) - MARKDOWN_TAGS
    if raw or _ESCAPED_TAG.search(words):
        return "raw HTML"
    if generator == "hugo" and not theirs and (our_tags - {"p"}):
        return "raw HTML (omitted by Hugo: unsafe = false)"
    if "div" in names:
        return "raw HTML"
    if _EMOJI.search(words):
        return "emoji shortcode"
    if ({"ul", "ol"} & their_tags and not {"ul", "ol"} & our_tags and _INLINE_ITEM.search(text(ours))) or (
            {"ul", "ol"} & our_tags and not {"ul", "ol"} & their_tags and _INLINE_ITEM.search(text(theirs))):
        return "list right after a paragraph line (no blank line)"
    for tag, name in (("table", "table"), ("dl", "definition list"), ("input", "task list"),
                      ("img", "image"), ("br", "line break"), ("a", "link / autolink"), ("del", "strikethrough"),
                      ("blockquote", "blockquote"), ("li", "list"), ("em", "emphasis"), ("strong", "emphasis"),
                      ("code", "code span"), ("hr", "thematic break")):
        if tag in names:
            return name
    if any(_HEADING.match(name) for name in names):
        return "heading"
    if "\\" in words:
        return "backslash escape"
    if "&" in words:
        return "entity / character reference"
    return "paragraph text"
