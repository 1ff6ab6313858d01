"""The words a spell checker reads in a post: prose, not code, URLs, keys, templates or names."""

from __future__ import annotations

import pytest

from desktop_app.core.document.line_kinds import CODE, COMMENT_END, FRONT_MATTER, PROSE
from desktop_app.core.spelling.tokens import FrontMatterReader, line_words, mask, words_in


def texts(line: str) -> list[str]:
    return [word.text for word in words_in(mask(line))]


@pytest.mark.parametrize(("line", "expected"), [
    ("Teh `codde here` stays", ["Teh", "stays"]),
    ("See https://exmple.com/teh and www.exmple.org/x now", ["See", "and", "now"]),
    ("A [linkk text](/postz/teh \"Titel\") and ![alt textt](/imgs/x.png)",
     ["linkk", "text", "Titel", "and", "alt", "textt"]),
    ("{{< figur src=\"x\" >}} and {{ .Titel }} and {% includ foo.html %} end", ["and", "and", "end"]),
    ("<Callout typ=\"warnng\">Insidde</Callout> &nbsp; done", ["Insidde", "done"]),
    ("Mail me@exmple.com :tadaa: $x^2 + yy$ cost $5 and $10", ["Mail", "cost", "and"]),
    ("See [the docs][docz] and a note[^notte]", ["See", "the", "docs", "and", "note"]),
    ("## Heading {#custm-id .clss}", ["Heading"]),
    ("Text <!-- a commnt --> text", ["Text", "text"]),
])
def test_code_urls_link_targets_templates_tags_and_math_are_not_read(line: str, expected: list[str]) -> None:
    assert texts(line) == expected


def test_names_acronyms_identifiers_paths_and_numbers_are_left_alone() -> None:
    line = "NASA APIs GraphQL iPhone snake_case e.g. main.py src/app 3rd covid-19 #tag @someone"
    assert texts(line) == []


def test_apostrophes_hyphens_and_quotes_keep_words_whole_and_punctuation_out() -> None:
    assert texts("«Don’t» (well-known) writers' \"quoted,\" end—start…") == [
        "Don’t", "well-known", "writers", "quoted", "end", "start"]


def test_offsets_point_at_the_words_in_the_line() -> None:
    line = "Fix `x` teh [wrd](u)"
    assert [(w.start, w.end, line[w.start:w.end]) for w in words_in(mask(line))] == [
        (0, 3, "Fix"), (8, 11, "teh"), (13, 16, "wrd")]


def test_only_the_values_of_prose_fields_are_read_in_the_front_matter() -> None:
    reader = FrontMatterReader()
    lines = ['title: "Hello wrold"', "tags: [kubernets, devopz]", "slug: helo-wrold", "description: >-",
             "  A longg description", "  goes on", "date: 2020-01-01", "summary: plain textt # a commnt",
             "cover: /images/covr.png"]
    assert [[w.text for w in reader.words(line)] for line in lines] == [
        ["Hello", "wrold"], [], [], [], ["longg", "description"], ["goes", "on"], [], ["plain", "textt"], []]
    assert [w.text for w in line_words('title = "Helo"', FRONT_MATTER, FrontMatterReader())] == ["Helo"]


def test_line_kinds_choose_what_is_read() -> None:
    assert [w.text for w in line_words("teh prose", PROSE)] == ["teh", "prose"]
    assert line_words("teh = code()", CODE) == []
    assert [w.text for w in line_words("hidden --> shwn", COMMENT_END)] == ["shwn"]
