"""Which words of a post a spell checker should read, and where they are.

A writer's text is full of things that are not words of the language: code, URLs and paths,
front-matter keys, template syntax (`{{ .Title }}`, `{% include %}`, Hugo shortcodes), HTML tags
and entities, MDX components, math. Underlining those would bury the real typos, so a line is
first masked (each such span blanked out, offsets kept), then cut into words. Words with digits
or underscores, in capitals (API), or with a capital inside (GraphQL, iPhone) are names and
identifiers far more often than typos, and are left alone too.

Lines come with their kind (`core/document/line_kinds.py`): prose lines are read whole; in the
front matter only the values of prose fields (title, description, summary …) are, never keys,
dates, tags or paths; code, comments and math are not read at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop_app.core.document.line_kinds import COMMENT_END, FRONT_MATTER, PROSE

# Front-matter fields whose values are prose a reader sees.
PROSE_FIELDS = frozenset({
    "title", "subtitle", "description", "summary", "excerpt", "abstract", "lead", "teaser",
    "intro", "caption", "alt", "seo_title", "seotitle", "meta_description", "linktitle",
})

_CODE_SPAN = re.compile(r"(`+)(.+?)(?<!`)\1(?!`)")
_MASKS = re.compile("|".join((
    r"<!--.*?(?:-->|$)",  # an HTML comment (to the line's end when it goes on)
    r"\{\{.*?(?:\}\}|$)",  # Go / Hugo / Jinja / Nunjucks templates and Hugo shortcodes
    r"\{%.*?(?:%\}|$)",  # Liquid and Jinja tags
    r"\{#.*?(?:#\}|$)",  # Jinja comments
    r"\{[#.][\w:.-]*(?:[ \t][^}]*)?\}",  # heading attributes {#id .class}
    r"</?[A-Za-z][\w:.-]*(?:\s[^<>]*)?/?>",  # HTML tags and MDX components, with attributes
    r"<(?:https?|ftp|mailto):[^>]*>",  # autolinks
    r"&(?:[A-Za-z]+|#\d+|#x[0-9A-Fa-f]+);",  # entities
    r"\]\([^)\s]*",  # a link's or an image's target
    r"\]\[[^\]]*\]",  # a reference link's label
    r"\[\^[^\]]*\]",  # a footnote reference
    r"^ {0,3}\[[^\]]+\]:[ \t]*\S+",  # a reference definition's label and URL
    r"\b(?:https?|ftp|file)://\S+|\bwww\.\S+|\bmailto:\S+",  # bare URLs
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+",  # e-mail addresses
    r"(?<![\w$])\$(?=\S)[^$\n]*?(?<=\S)\$(?![\w$])",  # inline math $x^2$
    r"(?<![\w:]):[a-z0-9_+-]+:(?![\w:])",  # emoji shortcodes :tada:
)))
# A run of text between spaces: words and whatever clings to them.
_CHUNK = re.compile(r"[^\s\u2014\u2013]+")
_EDGE = "\"'“”‘’«»()[]{}<>*_~`.,;:!?…¡¿|"
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
# A chunk that is a path, an identifier, a number or a domain rather than words.
_NOT_PROSE = re.compile(r"[\d_/\\@#$%=^|+<>{}]|[^\W\d_]\.[^\W\d_]")
_YAML_KEY = re.compile(r"([ \t]*)([\w$-]+)[ \t]*:(?:[ \t]+|$)")
_TOML_KEY = re.compile(r"[ \t]*([\w-]+)[ \t]*=[ \t]*")
_JSON_KEY = re.compile(r"[ \t]*\"([\w-]+)\"[ \t]*:[ \t]*")
_YAML_COMMENT = re.compile(r"(?:^|[ \t])#.*$")
_BLOCK_SCALAR = re.compile(r"[|>][+-]?\d*[ \t]*(?:#.*)?$")


@dataclass(frozen=True)
class Word:
    """A word to check: its text and where it is in its line (Python string indices)."""

    start: int
    end: int
    text: str


def mask(line: str) -> str:
    """`line` with everything that is not prose blanked out (same length, same offsets)."""
    if "`" in line:
        line = _CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line)
    return _MASKS.sub(lambda m: " " * len(m.group(0)), line)


def is_name(word: str) -> bool:
    """Capitals (API, NASA) or a capital inside (GraphQL, iPhone, McKinsey): a name or an
    acronym, which dictionaries rarely know and writers rarely misspell."""
    if len(word) < 2:
        return True
    if word.isupper():
        return True
    return any(char.isupper() for char in word[1:])


def words_in(text: str, offset: int = 0) -> list[Word]:
    """The words of the prose `text` (already masked), at their offsets plus `offset`."""
    found: list[Word] = []
    for chunk in _CHUNK.finditer(text):
        start, end = chunk.start(), chunk.end()
        while start < end and text[start] in _EDGE:
            start += 1
        while end > start and text[end - 1] in _EDGE:
            end -= 1
        core = text[start:end]
        if not core or _NOT_PROSE.search(core):
            continue
        for m in _WORD.finditer(core):
            word = m.group(0)
            if not is_name(word):
                found.append(Word(offset + start + m.start(), offset + start + m.end(), word))
    return found


class FrontMatterReader:
    """Reads the front matter line by line, knowing which field each line belongs to: a block
    scalar (`description: >`) goes on over the indented lines after its key."""

    def __init__(self) -> None:
        self.block_field = ""  # the prose field whose block scalar the next lines continue
        self.block_indent = -1

    def words(self, line: str) -> list[Word]:
        """The words of `line` that belong to a prose field's value."""
        if not line.strip():
            return []
        indent = len(line) - len(line.lstrip(" \t"))
        if self.block_field:
            if indent > self.block_indent:
                return words_in(mask(line))
            self.block_field = ""
        m = _YAML_KEY.match(line) or _TOML_KEY.match(line) or _JSON_KEY.match(line)
        if m is None:
            return []
        key = m.group(m.lastindex or 1)
        if key.lower() not in PROSE_FIELDS:
            return []
        value = line[m.end():]
        if value[:1] not in ("'", '"'):
            value = _YAML_COMMENT.sub("", value)
        if _BLOCK_SCALAR.match(value):
            self.block_field, self.block_indent = key, indent
            return []
        return words_in(mask(" " * m.end() + value))


def line_words(line: str, kind: str, front_matter: FrontMatterReader | None = None) -> list[Word]:
    """The words to check in one `line` of kind `kind`; front-matter lines need the reader that
    has seen the lines above them."""
    if kind == PROSE:
        return words_in(mask(line))
    if kind == COMMENT_END:  # the comment opened above ends on this line: prose after it
        close = line.find("-->") + 3
        return words_in(mask(" " * close + line[close:]))
    if kind == FRONT_MATTER:
        return (front_matter or FrontMatterReader()).words(line)
    return []  # code, comments, math, delimiters


__all__ = ["PROSE_FIELDS", "FrontMatterReader", "Word", "is_name", "line_words", "mask", "words_in"]
