"""Smart punctuation as each generator's engine does it, for the CommonMark engine (`gfm.py`).

The engines disagree, and readers see it: goldmark (Hugo) makes `--` an en dash, `---` an em dash
and `<<` a «; kramdown (Jekyll) does too but writes `<< x` with a no-break space and curls quotes
by RubyPants' rules; remark-smartypants 2 (Astro) makes `--` an em dash and leaves `---` alone,
deciding quotes from the words around them across the whole document. So each has its own rule:

- goldmark and kramdown decide while the inline text is parsed (code spans, autolinks and raw HTML
  are never touched), as their parsers do: `install(md, GOLDMARK)` adds an inline rule that sees
  the source characters around the mark;
- smartypants runs after parsing, over the text of the whole document, as the remark plugin
  does (inline code counts as a word, code blocks and HTML are left out);
- markdown-it's own typographer (Eleventy) is markdown-it's `replacements` + `smartquotes`.
"""

from __future__ import annotations

import bisect
import html
import re
import unicodedata
from typing import Callable

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

from desktop_app.core.render.profile import GOLDMARK, KRAMDOWN, MARKDOWN_IT, PULLDOWN, SMARTYPANTS

LSQUO, RSQUO, LDQUO, RDQUO = "\u2018", "\u2019", "\u201c", "\u201d"
NDASH, MDASH, HELLIP, LAQUO, RAQUO, NBSP = "\u2013", "\u2014", "\u2026", "\u00ab", "\u00bb", "\u00a0"
_TRIGGERS = "'\"-.<>"


def install(md: MarkdownIt, typography: str, quotes: str = "") -> None:
    """Add `typography`'s smart punctuation to `md` (a CommonMark MarkdownIt)."""
    if typography in (GOLDMARK, PULLDOWN):
        angle = typography == GOLDMARK
        _add_terminators(md)
        md.inline.ruler.push("pd_typography", lambda state, silent: _goldmark(state, silent, angle))
    elif typography == KRAMDOWN:
        _add_terminators(md)
        md.inline.ruler.push("pd_typography", _kramdown_rule(_kramdown_quotes(quotes)))
    elif typography == SMARTYPANTS:
        md.core.ruler.push("pd_smartypants", _smartypants)
    elif typography == MARKDOWN_IT:
        md.options["typographer"] = True
        md.enable(["replacements", "smartquotes"])


def _add_terminators(md: MarkdownIt) -> None:
    """The inline `text` rule must stop at the marks, so that the typography rule sees them."""
    if hasattr(md.inline, "add_terminator_char"):
        for char in _TRIGGERS:
            md.inline.add_terminator_char(char)
        return
    stops = re.compile(r"[\n!#$%&*+\-:<=>@\[\\\]^_`{}~'\".]")  # markdown-it-py < 4.3

    def text(state: StateInline, silent: bool) -> bool:
        found = stops.search(state.src, state.pos, state.posMax)
        end = found.start() if found else state.posMax
        if end == state.pos:
            return False
        if not silent:
            state.pending += state.src[state.pos:end]
        state.pos = end
        return True
    md.inline.ruler.at("text", text)


# -- character classes as Go's unicode package and goldmark's util see them -------------------

def _go_punct(char: str) -> bool:  # unicode.IsPunct
    return unicodedata.category(char).startswith("P")


def _punct_rune(char: str) -> bool:  # util.IsPunctRune: punctuation or symbol
    return unicodedata.category(char)[0] in "PS"


def _space_rune(char: str) -> bool:
    return char.isspace()


def _ascii_punct(char: str) -> bool:  # util.IsPunct (bytes)
    return len(char) == 1 and char in "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"


def _ascii_space(char: str) -> bool:  # util.IsSpace (bytes)
    return char in " \t\n\x0b\x0c\r"


def _push(state: StateInline, text: str, length: int) -> bool:
    token = state.push("text", "", 0)
    token.content = text
    state.pos += length
    return True


def _counter(state: StateInline) -> list[int]:
    """Unclosed single and double quotes in this block (goldmark resets them per block)."""
    counter = getattr(state, "_pd_quotes", None)
    if counter is None:
        counter = [0, 0]
        state._pd_quotes = counter  # type: ignore[attr-defined]
    return counter


# -- goldmark (Hugo) ---------------------------------------------------------------------------

def _goldmark(state: StateInline, silent: bool, angle: bool) -> bool:
    """goldmark's typographer: the same decisions, from the same characters (the line ahead and
    the source character before the mark)."""
    src, pos = state.src, state.pos
    char = src[pos]
    if char not in _TRIGGERS:
        return False
    end = src.find("\n", pos, state.posMax)
    line = src[pos:end + 1 if end >= 0 else state.posMax]
    if silent:
        return False  # a mark is plain text to a look-ahead (link labels, emphasis)
    if len(line) > 2:
        if char == "-" and line[1] == "-" and line[2] == "-":
            return _push(state, MDASH, 3)
        if char == ".":
            return _push(state, HELLIP, 3) if line[1] == "." and line[2] == "." else False
    if len(line) > 1:
        if char == "<":
            return _push(state, LAQUO, 2) if angle and line[1] == "<" else False
        if char == ">":
            return _push(state, RAQUO, 2) if angle and line[1] == ">" else False
        if char == "-" and line[1] == "-":
            return _push(state, NDASH, 2)
    if char not in "'\"":
        return False
    before = src[pos - 1] if pos > 0 else "\n"
    run = 1
    while run < len(line) and line[run] == char:
        run += 1
    after = line[run] if run < len(line) else "\n"
    can_open, can_close = _flanking(before, after)
    if not can_open and not can_close:
        return False
    counter = _counter(state)
    next1 = line[1] if len(line) > 1 else ""
    if char == "'":
        if can_open and not can_close and len(line) > 3 and line[1].isdigit() and line[2].isdigit() \
                and line[3] == "s":
            following = line[4] if len(line) > 4 else " "
            if _space_rune(following) or _punct_rune(following):
                return _push(state, RSQUO, 1)
        if len(line) > 1 and (_go_punct(before) or _space_rune(before)) and next1 in "teln":
            return _push(state, RSQUO, 1)
        if len(line) > 1 and (before.isdigit() or before.isalpha()) and next1.isalpha():
            return _push(state, RSQUO, 1)
        if can_open and not can_close:
            kind = LSQUO
            if next1 in "smtd" and next1 and (len(line) < 3 or _ascii_punct(line[2]) or _ascii_space(line[2])):
                kind = RSQUO
            if len(line) > 2 and line[1:3] in ("ve", "ll", "re") and \
                    (len(line) < 4 or _ascii_punct(line[3]) or _ascii_space(line[3])):
                kind = RSQUO
            if kind == LSQUO:
                counter[0] += 1
            return _push(state, kind, 1)
        # goldmark's own condition, precedence and all: `'` is punctuation, so this holds when
        # two more characters follow on the line and the next one is not a digit.
        if len(line) > 2 and not line[1].isdigit():
            return _push(state, RSQUO, 1)
        if counter[0] > 0 and _closes(can_open, can_close, line):
            counter[0] -= 1
            return _push(state, RSQUO, 1)
        return False
    if can_open and not can_close:
        counter[1] += 1
        return _push(state, LDQUO, 1)
    if counter[1] > 0 and _closes(can_open, can_close, line):
        if next1 == '"' and before.isdigit():
            return False
        counter[1] -= 1
        return _push(state, RDQUO, 1)
    return False


def _closes(can_open: bool, can_close: bool, line: str) -> bool:
    maybe = can_close and can_open and len(line) > 1 and _go_punct(line[1]) and (
        len(line) == 2 or _ascii_punct(line[2]) or _ascii_space(line[2]))
    return (can_close and not can_open) or maybe


def _flanking(before: str, after: str) -> tuple[bool, bool]:
    """CommonMark's left- and right-flanking delimiter run tests, as goldmark applies them."""
    before_punct, before_space = _punct_rune(before), _space_rune(before)
    after_punct, after_space = _punct_rune(after), _space_rune(after)
    left = not after_space and (not after_punct or before_space or before_punct)
    right = not before_space and (not before_punct or after_space or after_punct)
    return left, right


# -- kramdown (Jekyll) -------------------------------------------------------------------------

_SQ_PUNCT = r"""[!"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~]"""
_SQ_CLOSE = r"[^ \\\t\r\n\[{(-]"
# RubyPants' rules in kramdown's order: (pattern, what each group becomes). A number keeps that
# group's text; a name is a quote (`lquote1`: an opening quote of the kind group 1 holds).
_SQ_RULES: list[tuple[re.Pattern[str], tuple[object, ...]]] = [
    (re.compile(r"(\"|')(?=[_*]{1,2}\S)", re.A), ("lquote1",)),
    (re.compile(r"(\"|')(?=%s(?!\.\.)\B)" % _SQ_PUNCT, re.A), ("rquote1",)),
    (re.compile(r"(\s?)\"'(?=\w)", re.A), (1, "ldquo", "lsquo")),
    (re.compile(r"(\s?)'\"(?=\w)", re.A), (1, "lsquo", "ldquo")),
    (re.compile(r"(\s?)'(?=\d\ds)", re.A), (1, "rsquo")),
    (re.compile(r"(\s)('|\")(?=\w)", re.A), (1, "lquote2")),
    (re.compile(r"(%s)('|\")" % _SQ_CLOSE, re.A), (1, "rquote2")),
    (re.compile(r"(\"|')(?=\s|s\b|$)", re.A | re.M), ("rquote1",)),
    (re.compile(r"(.?)'", re.A | re.S), (1, "lsquo")),
    (re.compile(r"(.?)\"", re.A | re.S), (1, "ldquo")),
]


def _kramdown_quotes(setting: str) -> dict[str, str]:
    """kramdown's `smart_quotes` option: four entity names (lsquo,rsquo,ldquo,rdquo)."""
    names = [name.strip() for name in (setting or "lsquo,rsquo,ldquo,rdquo").split(",")]
    if len(names) != 4:
        names = ["lsquo", "rsquo", "ldquo", "rdquo"]
    chars = [html.unescape(f"&{name};") if not name.isdigit() else chr(int(name)) for name in names]
    return dict(zip(("lsquo", "rsquo", "ldquo", "rdquo"), chars))


def _kramdown_rule(quotes: dict[str, str]) -> Callable[[StateInline, bool], bool]:
    def rule(state: StateInline, silent: bool) -> bool:
        src, pos = state.src, state.pos
        char = src[pos]
        if char not in _TRIGGERS or silent:
            return False
        if char in "-.<>":
            return _kramdown_symbol(state, char)
        before = state.pending[-1:] if state.pending else ("\n" if pos > 0 and src[pos - 1] == "\n" else "")
        if before == "\\":
            before = ""
        text = before + src[pos:state.posMax]
        for pattern, substs in _SQ_RULES:
            match = pattern.match(text)
            if match is None:
                continue
            out = []
            for subst in substs:
                if isinstance(subst, int):
                    out.append(match.group(subst))
                    continue
                name = str(subst)
                if name[-1].isdigit():
                    mark = match.group(int(name[-1]))
                    name = ("l" if name.startswith("l") else "r") + ("dquo" if mark == '"' else "squo")
                out.append(quotes[name])
            result = "".join(out)
            if before == "\n":  # a line break before the mark: its own token, already written
                result = result[1:] if result.startswith("\n") else result
            elif before:  # the character before the mark is part of the match: it moves here
                state.pending = state.pending[:-1]
            consumed = match.end() - len(before)
            token = state.push("text", "", 0)
            token.content = result
            state.pos += consumed
            return True
        return False
    return rule


def _kramdown_symbol(state: StateInline, char: str) -> bool:
    src, pos = state.src, state.pos
    ahead = src[pos:pos + 3]
    if ahead == "---":
        return _push(state, MDASH, 3)
    if ahead.startswith("--"):
        return _push(state, NDASH, 2)
    if ahead == "...":
        return _push(state, HELLIP, 3)
    if ahead.startswith("<<"):
        if ahead == "<< ":
            return _push(state, LAQUO + NBSP, 3)
        return _push(state, LAQUO, 2)
    if ahead.startswith(">>"):
        if state.pending.endswith(" "):
            state.pending = state.pending[:-1]
            return _push(state, NBSP + RAQUO, 2)
        return _push(state, RAQUO, 2)
    return False


# -- remark-smartypants (Astro, Node sites) ----------------------------------------------------

_PUNCTUATION = set("!\"'(),-./:;?[\\]_{}")
_INNER_WORD = set("&'-.:=?@\u00ad\u00b7\u2010\u2011\u2019\u2027")
WORD, SPACE, PUNCT, SYMBOL, INNER = "word", "space", "punct", "symbol", "inner"


def _kind(char: str) -> str:
    if char.isspace():
        return SPACE
    if char in _PUNCTUATION or (ord(char) > 127 and unicodedata.category(char).startswith("P")):
        return PUNCT
    if char.isalnum() or unicodedata.category(char)[0] == "M" or char == "_" and False:
        return WORD
    return SYMBOL


_RUN = re.compile(r"\s+|[^\W_]+|([\W_])\1*")


def _tokens(line: str, offset: int) -> list[tuple[str, str, int]]:
    """A line as parse-latin splits it: words, white space, and runs of one punctuation mark or
    symbol (kind, text, start); a mark between two words joins them into one word."""
    runs = [(_kind(match.group(0)[0]), match.group(0), offset + match.start()) for match in _RUN.finditer(line)]
    merged: list[tuple[str, str, int]] = []
    index = 0
    while index < len(runs):
        kind, text, start = runs[index]
        if kind == WORD:
            # word (inner-mark word)*: one word; its inner marks are tokens of their own inside it
            while index + 2 < len(runs) and runs[index + 1][0] in (PUNCT, SYMBOL) and \
                    len(runs[index + 1][1]) == 1 and runs[index + 1][1] in _INNER_WORD and runs[index + 2][0] == WORD:
                merged.append((WORD, text, start))
                merged.append((INNER, runs[index + 1][1], runs[index + 1][2]))
                index += 2
                kind, text, start = runs[index]
        merged.append((kind, text, start))
        index += 1
    return merged


_TERMINAL = re.compile("^[!.?\u2026\u203d]+$")
_AFFIX = re.compile("^([!\"').?\u00bb\u2019\u201d\u2026\\]}])\\1*$")


def _sentences(tokens: list[tuple[str, str, int]]) -> list[list[tuple[str, str, int]]]:
    """A line's tokens split into sentences as parse-latin splits them: after a terminal mark
    (with the closing marks that follow it), unless the next sentence starts with a lower-case
    letter or a digit or has no word; white space at a sentence's edges belongs to neither."""
    sentences: list[list[tuple[str, str, int]]] = [[]]
    index = 0
    while index < len(tokens):
        token = tokens[index]
        sentences[-1].append(token)
        index += 1
        if token[0] == PUNCT and _TERMINAL.match(token[1]):
            while index < len(tokens) and tokens[index][0] in (PUNCT, SYMBOL) and _AFFIX.match(tokens[index][1]):
                sentences[-1].append(tokens[index])
                index += 1
            rest = tokens[index:]
            words = [t for t in rest if t[0] == WORD]
            first = next((t for t in rest if t[0] != SPACE), None)
            if not words or first is None or first[0] == WORD and (first[1][0].islower() or first[1][0].isdigit()):
                continue
            sentences.append([])
    return [_strip_spaces(sentence) for sentence in sentences if sentence]


def _strip_spaces(sentence: list[tuple[str, str, int]]) -> list[tuple[str, str, int]]:
    start, end = 0, len(sentence)
    while start < end and sentence[start][0] == SPACE:
        start += 1
    while end > start and sentence[end - 1][0] == SPACE:
        end -= 1
    return sentence[start:end]


def smart_quotes(text: str) -> dict[int, str]:
    """Where retext-smartypants puts curly quotes in `text`: {offset: quote}."""
    found: dict[int, str] = {}
    offset = 0
    for line in text.split("\n"):
        if "'" not in line and '"' not in line:
            offset += len(line) + 1
            continue
        line_tokens = _tokens(line, offset)
        offset += len(line) + 1
        for tokens in _sentences(line_tokens):
            for index, (kind, value, start) in enumerate(tokens):
                if value not in ("'", '"') or kind == WORD:
                    continue
                if kind == INNER:  # inside a word: an apostrophe
                    found[start] = RSQUO if value == "'" else RDQUO
                    continue
                if start not in found:
                    found[start] = _smartypants_quote(value, tokens, index, found)
    return found


def _smartypants_quote(value: str, tokens: list[tuple[str, str, int]], index: int, found: dict[int, str]) -> str:
    opening, closing = (LDQUO, RDQUO) if value == '"' else (LSQUO, RSQUO)
    previous = tokens[index - 1] if index > 0 else None
    following = tokens[index + 1] if index + 1 < len(tokens) else None
    after = tokens[index + 2] if index + 2 < len(tokens) else None
    if following and after and following[0] in (PUNCT, SYMBOL) and after[0] not in (WORD, INNER):
        return closing
    if following and after and following[1] in ('"', "'") and after[0] == WORD:
        found[following[2]] = LDQUO if following[1] == '"' else LSQUO
        return opening
    if following and re.fullmatch(r"\d\ds", following[1]):
        return closing
    if previous and following and previous[0] in (SPACE, PUNCT, SYMBOL) and following[0] == WORD:
        return opening
    if previous and previous[0] not in (SPACE, PUNCT, SYMBOL):
        return closing
    if not following or following[0] == SPACE or (value == "'" and following[1] == "s"):
        return closing
    return opening


_ELLIPSIS = re.compile(r"\.{3,}|\.+(?:[ \t]+\.+){2,}")
_DASH = re.compile(r"(?<!-)--(?!-)")
_BACKTICKS = re.compile(r"(?<!`)``(?!`)")
_TWO_QUOTES = re.compile(r"(?<!')''(?!')")


def _smartypants(state: StateCore) -> None:
    """remark-smartypants: quotes over the document's whole text, then ellipses, `--` (em dash)
    and ``` ``x'' ``` in each text run."""
    pieces: list[tuple[Token | None, int]] = []
    text: list[str] = []
    for block in state.tokens:
        if block.type != "inline" or not block.children:
            continue
        for token in block.children:
            if token.type == "text":
                pieces.append((token, len(token.content)))
                text.append(token.content)
            elif token.type == "code_inline":
                pieces.append((None, len(token.content)))
                text.append("A" * len(token.content))
            elif token.type == "softbreak":
                pieces.append((None, 1))
                text.append("\n")
    found = smart_quotes("".join(text))
    spots = sorted(found)
    start = 0
    for token, length in pieces:
        if token is not None:
            content = token.content
            first = bisect.bisect_left(spots, start)
            if first < len(spots) and spots[first] < start + length:
                chars = list(content)
                for spot in spots[first:bisect.bisect_left(spots, start + length)]:
                    chars[spot - start] = found[spot]
                content = "".join(chars)
            if "." in content:
                content = _ELLIPSIS.sub(HELLIP, content)
            if "--" in content:
                content = _DASH.sub(MDASH, content)
            if "``" in content or "''" in content:
                content = _TWO_QUOTES.sub(RDQUO, _BACKTICKS.sub(LDQUO, content))
            token.content = content
        start += length
