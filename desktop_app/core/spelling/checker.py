"""Spell checking a post's lines: the misspelled words of a range of lines, and what to do with one.

`SpellChecker.check` is called from a worker thread with the whole text and the lines the
editor shows: it works out each line's kind and the post's language, reads only the requested
lines, and remembers what it found in them until the next check (a line typed into is read
again; the other lines of the screen come from memory), so a check after a keystroke reads one
line. What each word is (right or wrong) is remembered for the session, so a line read again
costs no dictionary look-up; memory stays bounded by the screen and the writer's vocabulary. Its dictionaries
(one per language, opened on first use) are used under a lock, one thread at a time: the
worker checks, and the editor's menu asks for suggestions, adds a word to the writer's personal
dictionary or ignores it for the session.

Offsets in the results are in UTF-16 code units within the line, as Qt counts text positions.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from desktop_app.core.document.line_kinds import FRONT_MATTER, line_kinds
from desktop_app.core.site.config import SiteConfig
from desktop_app.core.spelling.dictionaries import SUGGESTIONS, SpellingUnavailable, open_dictionary
from desktop_app.core.spelling.language import post_language
from desktop_app.core.spelling.tokens import FrontMatterReader, Word, line_words

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_MAX_WORDS = 100_000  # words remembered per language before starting afresh


@dataclass(frozen=True)
class Hit:
    """A misspelled word: its line (0-based) and its span in that line, in UTF-16 units."""

    line: int
    start: int
    end: int
    word: str


@dataclass(frozen=True)
class CheckResult:
    language: str
    first: int  # the lines that were checked, inclusive
    last: int
    hits: tuple[Hit, ...]
    problem: SpellingUnavailable | None = None  # no checking in this language (or at all)


def _utf16(line: str, words: Sequence[Word]) -> list[tuple[int, int, str]]:
    if line.isascii() or _ASTRAL.search(line) is None:
        return [(w.start, w.end, w.text) for w in words]

    def unit(index: int) -> int:
        return index + len(_ASTRAL.findall(line, 0, index))

    return [(unit(w.start), unit(w.end), w.text) for w in words]


class SpellChecker:
    """The dictionaries and what they said, shared by the worker that checks and the editor's menu."""

    def __init__(self, site: SiteConfig | None = None, site_default: str = "", preferred: str = "",
                 opener: Callable[[str], Any] = open_dictionary) -> None:
        self.site = site
        self.site_default = site_default
        self.preferred = preferred
        self._open = opener
        self._lock = threading.Lock()
        self._dictionaries: dict[str, Any] = {}
        self._problems: dict[str, SpellingUnavailable] = {}
        self._known: dict[str, dict[str, bool]] = {}  # language → word → correct
        self._lines: dict[str, dict[tuple[str, str], tuple[tuple[int, int, str], ...]]] = {}
        self._suggestions: dict[tuple[str, str], tuple[str, ...]] = {}
        self._ignored: set[str] = set()
        self._last_lines: list[str] = []
        self._last_kinds: list[str] = []

    # --- checking (the worker) -------------------------------------------------------------------

    def language_of(self, lines: Sequence[str], kinds: Sequence[str], path: str) -> str:
        return post_language(lines, kinds, path, self.site_default, self.preferred, self.site)

    def check(self, text: str, first: int, last: int, path: str = "") -> CheckResult:
        """The misspelled words of lines `first` to `last` (inclusive) of `text`."""
        lines = text.split("\n")
        with self._lock:
            kinds = self._kinds(lines)
            language = self.language_of(lines, kinds, path)
            first, last = max(0, first), min(len(lines) - 1, last)
            dictionary = self._dictionary(language)
            if dictionary is None:
                return CheckResult(language, first, last, (), self._problems[language])
            hits = self._check_lines(dictionary, language, lines, kinds, first, last)
        return CheckResult(language, first, last, tuple(hits))

    def _kinds(self, lines: list[str]) -> list[str]:
        if lines != self._last_lines:
            self._last_kinds = line_kinds(lines)
            self._last_lines = lines
        return self._last_kinds

    def _dictionary(self, language: str) -> Any | None:
        if language in self._problems:
            return None
        if language not in self._dictionaries:
            try:
                self._dictionaries[language] = self._open(language)
            except SpellingUnavailable as problem:
                self._problems[language] = problem
                return None
        return self._dictionaries[language]

    def _check_lines(self, dictionary: Any, language: str, lines: list[str], kinds: list[str],
                     first: int, last: int) -> list[Hit]:
        known = self._known.setdefault(language, {})
        remembered = self._lines.get(language, {})  # the lines of the last check
        current: dict[tuple[str, str], tuple[tuple[int, int, str], ...]] = {}
        self._lines[language] = current
        if len(known) > _MAX_WORDS:
            known.clear()
        front_matter = self._front_matter_reader(lines, kinds, first)
        hits: list[Hit] = []
        for index in range(first, last + 1):
            kind, line = kinds[index], lines[index]
            if kind == FRONT_MATTER:  # a value's words depend on the lines above: not remembered
                found = self._misspelled(dictionary, known, line, line_words(line, kind, front_matter))
            else:
                key = (kind, line)
                found = remembered.get(key, current.get(key))  # type: ignore[arg-type]
                if found is None:
                    found = self._misspelled(dictionary, known, line, line_words(line, kind))
                current[key] = found
            hits.extend(Hit(index, start, end, word) for start, end, word in found if word not in self._ignored)
        return hits

    @staticmethod
    def _front_matter_reader(lines: list[str], kinds: list[str], first: int) -> FrontMatterReader:
        """A reader that has seen the front-matter lines above line `first`."""
        reader = FrontMatterReader()
        for index in range(min(first, len(lines))):
            if kinds[index] == FRONT_MATTER:
                reader.words(lines[index])
            elif index > 0:
                break
        return reader

    @staticmethod
    def _misspelled(dictionary: Any, known: dict[str, bool], line: str,
                    words: list[Word]) -> tuple[tuple[int, int, str], ...]:
        wrong: list[Word] = []
        for word in words:
            text = word.text
            correct = known.get(text)
            if correct is None:
                correct = known[text] = bool(dictionary.check(text))
            if not correct:
                wrong.append(word)
        return tuple(_utf16(line, wrong)) if wrong else ()

    # --- the menu (the GUI thread) ---------------------------------------------------------------

    def suggest(self, language: str, word: str) -> tuple[str, ...]:
        """The dictionary's best replacements for `word` (remembered: Hunspell takes 30–100 ms)."""
        key = (language, word)
        if key not in self._suggestions:
            with self._lock:
                dictionary = self._dictionary(language)
                found = tuple(dictionary.suggest(word)[:SUGGESTIONS]) if dictionary is not None else ()
            self._suggestions[key] = found
        return self._suggestions[key]

    def add(self, language: str, word: str) -> None:
        """Add `word` to the writer's personal dictionary for `language` (kept across runs)."""
        with self._lock:
            dictionary = self._dictionary(language)
            if dictionary is not None:
                dictionary.add(word)
            self._accept(word)

    def ignore(self, word: str) -> None:
        """Leave `word` unmarked in every post until Postdesk quits."""
        with self._lock:
            self._ignored.add(word)
            self._accept(word)

    def _accept(self, word: str) -> None:
        for known in self._known.values():
            known[word] = True
        self._lines.clear()


__all__ = ["CheckResult", "Hit", "SpellChecker"]
