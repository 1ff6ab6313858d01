"""Counts as a writer reads them: the body's words, characters and reading time."""

from __future__ import annotations

from desktop_app.core.render.counts import body_counts, count


def test_the_front_matter_is_not_counted_and_line_breaks_are_not_characters() -> None:
    counts = body_counts("---\ntitle: Five words in a title\n---\nTwo words.\nAnd three more.\n")
    assert (counts.words, counts.characters, counts.characters_without_spaces) == (5, 25, 22)
    assert counts.minutes == 1


def test_empty_and_broken_front_matter() -> None:
    assert count("").words == 0 and count("").minutes == 0
    assert body_counts("---\ntitle: never closed\nwords here").words == 6  # all of it is the body then
