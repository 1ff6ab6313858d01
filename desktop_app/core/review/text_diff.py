"""Line diffs with the changed words marked: the review's "Text" form and its word alignment.

Writers change sentences, not lines: a one-word fix in a long paragraph line is easy to miss in a
plain unified diff. Each run of removed lines and the run of added lines that replaces it are
compared word by word (as `git diff --word-diff` does, across re-wrapped lines too), and the
character ranges of the changed words are kept per line for the view to highlight.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Iterator, Sequence

# A word (with inner apostrophes, dots or hyphens: "don't", "3.14", "well-known"), one other
# visible character, or a run of whitespace.
_TOKEN = re.compile(r"\w+(?:['’.\-]\w+)*|[^\w\s]|\s+")
# Below this share of unchanged words, two runs are a rewrite: marking every word is only noise.
MIN_SIMILARITY = 0.25
CONTEXT_LINES = 3

Span = tuple[int, int]  # [start, end) characters of a line


@dataclass(frozen=True)
class Token:
    text: str
    start: int  # offset in the text it was cut from

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    @property
    def is_space(self) -> bool:
        return self.text.isspace()


def tokens(text: str) -> list[Token]:
    """`text` cut into words, single punctuation characters and whitespace runs."""
    return [Token(m.group(), m.start()) for m in _TOKEN.finditer(text)]


def words(text: str) -> list[Token]:
    """The visible tokens of `text` (whitespace left out)."""
    return [token for token in tokens(text) if not token.is_space]


def similarity(old: Sequence[str], new: Sequence[str]) -> float:
    """The share of words the two sequences have in common, in order (0 … 1)."""
    if not old and not new:
        return 1.0
    return difflib.SequenceMatcher(None, old, new, autojunk=False).ratio()


def word_opcodes(old: Sequence[str], new: Sequence[str]) -> list[tuple[str, int, int, int, int]]:
    """difflib opcodes aligning two word sequences (no junk heuristic: posts are short)."""
    return difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes()


def word_segments(old: str, new: str) -> list[tuple[str, str]]:
    """`new` cut into ("=", text), ("+", inserted) and ("-", deleted old text) segments, for
    showing a changed value word by word. Whitespace between kept words stays "="."""
    old_words, new_words = words(old), words(new)
    segments: list[tuple[str, str]] = []
    position = 0  # how far `new` has been emitted
    for op, i1, i2, j1, j2 in word_opcodes([w.text for w in old_words], [w.text for w in new_words]):
        if op in ("delete", "replace"):
            start = new_words[j1].start if j1 < len(new_words) else len(new)
            if start > position:
                segments.append(("=", new[position:start]))
                position = start
            segments.append(("-", _deleted_run(old, old_words, i1, i2, pure=op == "delete")))
        if op in ("insert", "replace", "equal"):
            start, end = new_words[j1].start, new_words[j2 - 1].end
            if start > position:
                segments.append(("=", new[position:start]))
            segments.append(("=" if op == "equal" else "+", new[start:end]))
            position = end
    if position < len(new):
        segments.append(("=", new[position:]))
    return _merged(segments)


def _deleted_run(text: str, found: list[Token], i1: int, i2: int, pure: bool) -> str:
    """The deleted words; a pure deletion takes one neighbouring space along, so the struck
    words do not run into the kept ones ("The quick brown" → "The ~~quick~~ brown")."""
    if not pure:
        return text[found[i1].start:found[i2 - 1].end]
    if i2 < len(found):
        return text[found[i1].start:found[i2].start]
    return text[found[i1 - 1].end if i1 else found[i1].start:found[i2 - 1].end]


def _merged(segments: list[tuple[str, str]]) -> list[tuple[str, str]]:
    merged: list[tuple[str, str]] = []
    for kind, text in segments:
        if not text:
            continue
        if merged and merged[-1][0] == kind:
            merged[-1] = (kind, merged[-1][1] + text)
        else:
            merged.append((kind, text))
    return merged


def changed_spans(old: str, new: str) -> tuple[list[Span], list[Span]]:
    """Character ranges of the words that differ between `old` and `new` (on each side); none at
    all when the two are a rewrite rather than an edit."""
    old_words, new_words = words(old), words(new)
    old_text, new_text = [w.text for w in old_words], [w.text for w in new_words]
    if similarity(old_text, new_text) < MIN_SIMILARITY:
        return [], []
    old_spans: list[Span] = []
    new_spans: list[Span] = []
    for op, i1, i2, j1, j2 in word_opcodes(old_text, new_text):
        if op == "equal":
            continue
        if i2 > i1:
            old_spans.append((old_words[i1].start, old_words[i2 - 1].end))
        if j2 > j1:
            new_spans.append((new_words[j1].start, new_words[j2 - 1].end))
    return old_spans, new_spans


@dataclass(frozen=True)
class DiffLine:
    """One line of a unified diff. `kind`: " " kept, "-" removed, "+" added, "@" a hunk header,
    "\\" a no-newline note, "meta" a file header; `spans` are the changed words within `text`."""

    kind: str
    text: str
    spans: tuple[Span, ...] = ()

    def display(self) -> str:
        """The line as a unified diff prints it."""
        return self.text if self.kind in ("@", "\\", "meta") else self.kind + self.text


@dataclass(frozen=True)
class TextDiff:
    lines: tuple[DiffLine, ...]

    @property
    def empty(self) -> bool:
        return not any(line.kind in ("+", "-") for line in self.lines)

    def unified(self) -> str:
        return "\n".join(line.display() for line in self.lines)

    def counts(self) -> tuple[int, int]:
        """(added lines, removed lines)."""
        return (sum(line.kind == "+" for line in self.lines), sum(line.kind == "-" for line in self.lines))


def _lines(text: str | None) -> list[str]:
    """Lines with their "\\n" (the last may lack it), so a changed final newline is a change."""
    if not text:
        return []
    lines = [line + "\n" for line in text.split("\n")]
    lines[-1] = lines[-1][:-1]
    return lines if lines[-1] else lines[:-1]


def diff_text(old: str | None, new: str | None, context: int = CONTEXT_LINES) -> TextDiff:
    """The unified diff from `old` to `new` (None: the file does not exist on that side), with
    the changed words of each replaced run of lines marked."""
    a, b = _lines(old), _lines(new)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    out: list[DiffLine] = []
    for group in matcher.get_grouped_opcodes(context):
        first, last = group[0], group[-1]
        out.append(DiffLine("@", f"@@ -{_range(first[1], last[2])} +{_range(first[3], last[4])} @@"))
        for op, i1, i2, j1, j2 in group:
            if op == "equal":
                out.extend(_plain(" ", a[i1:i2]))
            elif op == "delete":
                out.extend(_plain("-", a[i1:i2]))
            elif op == "insert":
                out.extend(_plain("+", b[j1:j2]))
            else:
                out.extend(_paired(a[i1:i2], b[j1:j2]))
    return TextDiff(tuple(out))


def _range(start: int, end: int) -> str:
    count = end - start
    first = start + 1 if count else start
    return f"{first}" if count == 1 else f"{first},{count}"


def _plain(kind: str, lines: list[str], spans: list[list[Span]] | None = None) -> Iterator[DiffLine]:
    for index, line in enumerate(lines):
        yield DiffLine(kind, line.rstrip("\n").rstrip("\r"), tuple(spans[index]) if spans else ())
        if not line.endswith("\n"):
            yield DiffLine("\\", "\\ No newline at end of file")


def _paired(old: list[str], new: list[str]) -> Iterator[DiffLine]:
    """A replaced run: removed lines, then added lines, with the changed words marked."""
    old_spans, new_spans = run_spans([line.rstrip("\n") for line in old], [line.rstrip("\n") for line in new])
    yield from _plain("-", old, old_spans)
    yield from _plain("+", new, new_spans)


def run_spans(old: list[str], new: list[str]) -> tuple[list[list[Span]], list[list[Span]]]:
    """Per-line changed-word spans for a run of removed lines and the added run replacing it."""
    old_text, new_text = "\n".join(old), "\n".join(new)
    old_spans, new_spans = changed_spans(old_text, new_text)
    return _per_line(old_spans, old), _per_line(new_spans, new)


def _per_line(spans: list[Span], lines: list[str]) -> list[list[Span]]:
    """Spans over the joined run, cut at line ends and made relative to each line."""
    result: list[list[Span]] = [[] for _ in lines]
    starts = []
    offset = 0
    for line in lines:
        starts.append(offset)
        offset += len(line) + 1
    for start, end in spans:
        for index, line_start in enumerate(starts):
            line_end = line_start + len(lines[index])
            low, high = max(start, line_start), min(end, line_end)
            if low < high:
                result[index].append((low - line_start, high - line_start))
    return result


def parse_unified(diff: str) -> TextDiff:
    """A unified diff printed by git, as lines with kinds and the changed words marked."""
    out: list[DiffLine] = []
    in_hunk = False
    for raw in diff.splitlines():
        if raw.startswith("@@"):
            in_hunk = True
            out.append(DiffLine("@", raw))
        elif raw.startswith("diff ") or not in_hunk:
            in_hunk = False
            out.append(DiffLine("meta", raw))
        elif raw.startswith("\\"):
            out.append(DiffLine("\\", raw))
        elif raw[:1] in ("+", "-", " "):
            out.append(DiffLine(raw[0], raw[1:]))
        else:
            out.append(DiffLine(" ", raw))
    return TextDiff(tuple(_mark_runs(out)))


def _mark_runs(lines: list[DiffLine]) -> list[DiffLine]:
    """Give each "-" run followed by a "+" run its changed-word spans."""
    result = list(lines)
    index = 0
    while index < len(result):
        if result[index].kind != "-":
            index += 1
            continue
        minus_end = index
        while minus_end < len(result) and result[minus_end].kind in ("-", "\\"):
            minus_end += 1
        plus_end = minus_end
        while plus_end < len(result) and result[plus_end].kind in ("+", "\\"):
            plus_end += 1
        removed = [i for i in range(index, minus_end) if result[i].kind == "-"]
        added = [i for i in range(minus_end, plus_end) if result[i].kind == "+"]
        if added:
            old_spans, new_spans = run_spans([result[i].text for i in removed], [result[i].text for i in added])
            for i, spans in zip(removed, old_spans):
                result[i] = DiffLine("-", result[i].text, tuple(spans))
            for i, spans in zip(added, new_spans):
                result[i] = DiffLine("+", result[i].text, tuple(spans))
        index = max(plus_end, index + 1)
    return result
