"""Fuzzy matching: what a writer types finds the post or command they mean, best first."""

from __future__ import annotations

import pytest

from desktop_app.ui.commands.fuzzy import Query, rank

TITLES = [
    "Microservices vs Monolith: Making the Right Architecture Choice",
    "Caching: The Unsung Hero of Fast, Scalable Systems",
    "CQRS: The Pattern That Separates Reads",
    "Café culture in Lisbon",
    "REST API vs GraphQL vs Message Queues",
]


def best(query: str) -> list[str]:
    return [title for title, _match, _which in rank(query, TITLES, lambda title: (title,))]


@pytest.mark.parametrize(("query", "first"), [
    ("cach", "Caching: The Unsung Hero of Fast, Scalable Systems"),  # a word's beginning
    ("cuh", "Caching: The Unsung Hero of Fast, Scalable Systems"),  # initials
    ("unsung hero", "Caching: The Unsung Hero of Fast, Scalable Systems"),  # words in any order…
    ("hero unsung", "Caching: The Unsung Hero of Fast, Scalable Systems"),
    ("CAFE", "Café culture in Lisbon"),  # case and accents do not matter
    ("gql", "REST API vs GraphQL vs Message Queues"),  # GraphQL's capitals start words
    ("qrs", "CQRS: The Pattern That Separates Reads"),  # inside a word, as typed
])
def test_the_meant_title_comes_first(query: str, first: str) -> None:
    assert best(query)[0] == first


def test_every_word_must_match() -> None:
    assert best("caching lisbon") == []
    assert best("xyz") == []


def test_letters_strewn_through_other_words_are_no_match() -> None:
    """`cach` is not in “Microservices vs Monolith: Making the Right Architecture Choice”, however
    its letters can be picked out of `miCroservices mAking arCHitecture`."""
    assert best("cach") == ["Caching: The Unsung Hero of Fast, Scalable Systems"]


def test_the_matched_letters_are_reported_for_highlighting() -> None:
    found = Query("cuh").match("Caching: The Unsung Hero")
    assert found is not None and found.positions == (0, 13, 20)
    assert Query("é").match("Café") is not None and Query("fe").match("Café").positions == (2, 3)


def test_an_empty_query_keeps_every_item_in_its_order() -> None:
    assert best("  ") == TITLES


def test_a_second_text_is_tried_only_when_the_first_does_not_match() -> None:
    items = [("Hello", "posts/caching.md"), ("Caching", "posts/other.md")]
    found = rank("caching", items, lambda item: item)
    assert [(item[0], which) for item, _match, which in found] == [("Caching", 0), ("Hello", 1)]
