"""Checking a post's lines off the typing path: what is found, where, and what is read again."""

from __future__ import annotations

import threading

from desktop_app.core.spelling.checker import Hit, SpellChecker
from desktop_app.core.spelling.dictionaries import SpellingUnavailable
from tests.helpers.spelling import require_dictionary

POST = "---\ntitle: A titel\ntags: [teh]\n---\nIntro with teh typo.\n\n```\nteh code\n```\nAnother lien.\n"


class Dictionary:
    """A stand-in for Enchant's: knows a few words, counts what it was asked."""

    def __init__(self, wrong: set[str]) -> None:
        self.wrong = set(wrong)
        self.checked: list[str] = []
        self.added: list[str] = []

    def check(self, word: str) -> bool:
        self.checked.append(word)
        return word not in self.wrong

    def suggest(self, word: str) -> list[str]:
        return [word.replace("teh", "the")] + ["x"] * 9

    def add(self, word: str) -> None:
        self.added.append(word)


def checker_with(dictionary: Dictionary, **kwargs: str) -> tuple[SpellChecker, list[str]]:
    opened: list[str] = []

    def opener(tag: str) -> Dictionary:
        opened.append(tag)
        return dictionary
    return SpellChecker(opener=opener, preferred="en_US", **kwargs), opened


def test_misspellings_of_the_asked_lines_with_their_places_in_prose_and_prose_fields_only() -> None:
    checker, opened = checker_with(Dictionary({"titel", "teh", "lien"}))
    result = checker.check(POST, 0, 100)
    assert result.language == "en_US" and opened == ["en_US"] and result.problem is None
    assert result.hits == (Hit(1, 9, 14, "titel"), Hit(4, 11, 14, "teh"), Hit(9, 8, 12, "lien"))
    assert (result.first, result.last) == (0, 10)
    assert [hit.line for hit in checker.check(POST, 4, 5).hits] == [4]


def test_a_line_read_once_is_not_read_again_and_each_word_is_looked_up_once() -> None:
    dictionary = Dictionary({"teh", "Tpyo"})
    checker, _ = checker_with(dictionary)
    checker.check(POST, 0, 100)
    looked_up = list(dictionary.checked)
    assert len(looked_up) == len(set(looked_up))
    dictionary.checked.clear()
    # One line typed into: only its new word goes to the dictionary.
    result = checker.check(POST.replace("Another lien.", "Another lien. Tpyo"), 0, 100)
    assert dictionary.checked == ["Tpyo"]
    assert [hit.word for hit in result.hits] == ["teh", "Tpyo"]


def test_offsets_count_utf16_units_as_qt_does() -> None:
    checker, _ = checker_with(Dictionary({"teh"}))
    (hit,) = checker.check("😀 teh", 0, 0).hits
    assert (hit.start, hit.end) == (3, 6)  # the emoji is two units wide


def test_a_missing_language_is_a_problem_reported_with_the_result_not_raised() -> None:
    def opener(tag: str) -> Dictionary:
        raise SpellingUnavailable(f"No spelling dictionary for {tag} is installed.")
    result = SpellChecker(opener=opener).check("---\nlang: xx\n---\nteh", 0, 10)
    assert result.language == "xx" and result.hits == ()
    assert result.problem is not None and "xx" in result.problem.message


def test_added_and_ignored_words_are_no_longer_found() -> None:
    dictionary = Dictionary({"teh", "lien"})
    checker, _ = checker_with(dictionary)
    checker.check(POST, 0, 100)
    checker.add("en_US", "teh")
    checker.ignore("lien")
    assert dictionary.added == ["teh"]
    assert checker.check(POST, 0, 100).hits == ()
    assert checker.suggest("en_US", "tehm") == ("them", "x", "x", "x", "x")


def test_the_menu_and_the_worker_take_turns_with_the_dictionary() -> None:
    inside = threading.Event()
    release = threading.Event()

    class Slow(Dictionary):
        def check(self, word: str) -> bool:
            inside.set()
            release.wait(5)
            return super().check(word)
    checker, _ = checker_with(Slow({"teh"}))
    worker = threading.Thread(target=lambda: checker.check("teh", 0, 0))
    worker.start()
    assert inside.wait(5)
    suggested: list[tuple[str, ...]] = []
    menu = threading.Thread(target=lambda: suggested.append(checker.suggest("en_US", "teh")))
    menu.start()
    menu.join(0.2)
    assert not suggested  # waits for the worker's check
    release.set()
    worker.join(5)
    menu.join(5)
    assert suggested == [("the", "x", "x", "x", "x")]


def test_real_words_in_a_real_dictionary() -> None:
    require_dictionary("en_US")
    checker = SpellChecker(preferred="en_US")
    result = checker.check("---\ntitle: Recieve\n---\nI don’t recieve teh `codez` at https://x.y/teh.\n", 0, 10)
    assert [(hit.line, hit.word) for hit in result.hits] == [(1, "Recieve"), (3, "recieve"), (3, "teh")]
    assert checker.suggest("en_US", "recieve")[0] == "receive"
