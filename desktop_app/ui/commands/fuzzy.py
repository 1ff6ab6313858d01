"""Fuzzy matching for quick open and the command palette: `cuh` finds “Caching: the Unsung Hero”.

Plain Python (no Qt). A query is split into words that must all match, each as a subsequence of
the text, case- and accent-blind; a word found whole, at word starts or as a run scores higher
than one scattered through the text. Candidates are filtered with a regular expression (C
speed) before the Python scoring runs, so a library of thousands of posts answers per keystroke.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Iterable, Sequence, TypeVar

T = TypeVar("T")

_WHOLE_WORD = 60  # the query word is in the text as it is, starting a word
_WHOLE = 35  # … as it is, inside a word
_AT_START = 12  # a matched letter starts a word
_IN_RUN = 8  # a matched letter follows the previous one
_FIRST = 10  # the text's very first letter is matched
_GAP = 1  # per letter skipped between two matched ones (at most _MAX_GAP counted)
_MAX_GAP = 12
_LATER_TEXT = 20  # a match in an item's second text (a post's path) counts this much less


@dataclass(frozen=True)
class Match:
    """How well a query matched a text, and which letters (indexes into the text) it matched."""

    score: int
    positions: tuple[int, ...]


def fold(text: str) -> str:
    """Lower case without accents, one character per character of `text` (so positions carry over).
    ASCII text is only lowered (in C: a keystroke folds every post's title again rather than
    keeping thousands of folded copies); other text is folded a character at a time, and kept."""
    return text.lower() if text.isascii() else _fold_other(text)


@lru_cache(maxsize=4096)
def _fold_other(text: str) -> str:
    return "".join(_fold_char(char) for char in text)


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    lowered = char.lower()
    if len(lowered) != 1:
        lowered = char
    base = unicodedata.normalize("NFKD", lowered)[:1]
    return base if base and base.isascii() and base.isalnum() else lowered


_WORD_START = re.compile(r"(?<![^\W_])[^\W_]|(?<=[a-z])[A-Z]")


def _word_starts(text: str) -> frozenset[int]:
    """Indexes where a word begins: after a non-letter, or an upper-case letter after a lower-case one."""
    return frozenset(match.start() for match in _WORD_START.finditer(text))


def warm(texts: Iterable[str]) -> None:
    """Fold the texts that are not ASCII ahead of the first query (on a worker, once the library
    is scanned): only those are slow to fold, and few. Nothing else is kept for a text: a
    library of 10,000 posts kept 8 MB of folded texts and word starts for quick open."""
    for text in texts:
        if not text.isascii():
            _fold_other(text)


class Query:
    """A query prepared once and matched against many texts."""

    def __init__(self, text: str) -> None:
        self.words = [fold(word) for word in text.split()]
        self._filters = [re.compile(".*?".join(re.escape(char) for char in word)) for word in self.words]

    def __bool__(self) -> bool:
        return bool(self.words)

    def match(self, text: str) -> Match | None:
        """None unless every word of the query is found in `text` (its letters in order)."""
        folded = fold(text)
        for pattern in self._filters:
            if pattern.search(folded) is None:
                return None
        starts = _word_starts(text)  # only for the texts that pass the filter
        score, positions = 0, set()
        for word in self.words:
            found = _best(word, folded, starts)
            if found is None:
                return None
            score += found[0]
            positions.update(found[1])
        return Match(score - len(text) // 16, tuple(sorted(positions)))


def _best(word: str, text: str, starts: frozenset[int]) -> tuple[int, tuple[int, ...]] | None:
    """The best-scoring way `word` sits in `text`: whole, by initials, or scattered. Letters strewn
    through the middles of words (`cach` in “Microservices: Making the Architecture”) are no match."""
    whole = _whole(word, text, starts)
    if whole is not None:
        return whole
    options = [found for found in (_greedy(word, text, starts, prefer_starts=True),
                                   _greedy(word, text, starts, prefer_starts=False))
               if found is not None and _stray_runs(found, starts) <= max(1, len(word) // 4)]
    if not options:
        return None
    return max((_score(positions, starts), positions) for positions in options)


def _stray_runs(positions: Sequence[int], starts: frozenset[int]) -> int:
    """How many runs of consecutive matched letters begin inside a word."""
    runs, previous = 0, -2
    for position in positions:
        if position != previous + 1 and position not in starts:
            runs += 1
        previous = position
    return runs


def _whole(word: str, text: str, starts: frozenset[int]) -> tuple[int, tuple[int, ...]] | None:
    first = text.find(word)
    if first < 0:
        return None
    best, at = first, first
    while at >= 0:  # an occurrence starting a word is worth more than the first one
        if at in starts:
            best = at
            break
        at = text.find(word, at + 1)
    bonus = _WHOLE_WORD if best in starts else _WHOLE
    positions = tuple(range(best, best + len(word)))
    return bonus + _score(positions, starts), positions


def _greedy(word: str, text: str, starts: frozenset[int], prefer_starts: bool) -> tuple[int, ...] | None:
    """Each letter at its next occurrence (a word start first, when `prefer_starts`)."""
    positions: list[int] = []
    at = 0
    for char in word:
        found = -1
        if prefer_starts:
            probe = text.find(char, at)
            while probe >= 0 and probe not in starts:
                probe = text.find(char, probe + 1)
            found = probe
        if found < 0:
            found = text.find(char, at)
        if found < 0:
            return None
        positions.append(found)
        at = found + 1
    return tuple(positions)


def _score(positions: Sequence[int], starts: frozenset[int]) -> int:
    score = 0
    previous = -2
    for position in positions:
        if position in starts:
            score += _AT_START
        if position == previous + 1:
            score += _IN_RUN
        elif previous >= 0:
            score -= min(position - previous - 1, _MAX_GAP) * _GAP
        previous = position
    if positions and positions[0] == 0:
        score += _FIRST
    return score


def rank(query: str, items: Iterable[T], texts: Callable[[T], Sequence[str]],
         limit: int | None = None) -> list[tuple[T, Match, int]]:
    """`items` that match `query`, best first (ties keep the items' order), with the match and the
    index of the text it was found in. `texts(item)` gives the texts to try, the first worth most;
    a later one is only tried when the earlier ones do not match (a title that matches is what
    the writer meant, whatever the file is called)."""
    prepared = Query(query)
    found: list[tuple[int, int, T, Match, int]] = []
    for order, item in enumerate(items):
        if not prepared:
            found.append((0, order, item, Match(0, ()), 0))
            continue
        for which, text in enumerate(texts(item)):
            matched = prepared.match(text)
            if matched is not None:
                found.append((which * _LATER_TEXT - matched.score, order, item, matched, which))
                break
    found.sort(key=lambda entry: (entry[0], entry[1]))
    chosen = found if limit is None else found[:limit]
    return [(item, matched, which) for _, _, item, matched, which in chosen]
