"""Front-matter values typed and read on a command line (`postdesk get` / `postdesk set`)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from desktop_app.core.errors import PostdeskError
from desktop_app.core.frontmatter.field_text import lookup, parse_value, show_value, top_level_edit

IST = dt.timezone(dt.timedelta(hours=5, minutes=30))


# --- parse_value ------------------------------------------------------------------------------

@pytest.mark.parametrize("raw, value", [
    ("hello world", "hello world"),
    ("42", 42),
    ("-3", -3),
    ("4.5", 4.5),
    ("true", True),
    ("false", False),
    ("null", None),
    ("", None),
    ("2025-01-31", dt.date(2025, 1, 31)),
    ("2025-01-31T09:30:00", dt.datetime(2025, 1, 31, 9, 30)),
    ("[a, b, 3]", ["a", "b", 3]),
    ("[]", []),
    ("{name: Ann, age: 3}", {"name": "Ann", "age": 3}),
    ("Café ☕", "Café ☕"),
])
def test_values_are_read_as_yaml(raw: str, value: Any) -> None:
    parsed = parse_value(raw)
    assert parsed == value
    assert type(parsed) is type(value)


@pytest.mark.parametrize("raw", ["2025-01-29 18:15:32 +0530", "2025-01-29 18:15:32 +05:30", "2025-01-29T18:15:32+05:30"])
def test_jekyll_times_are_times_as_the_site_reads_them(raw: str) -> None:
    assert parse_value(raw) == dt.datetime(2025, 1, 29, 18, 15, 32, tzinfo=IST)


@pytest.mark.parametrize("raw, text", [
    ('"2025"', "2025"),
    ("'2025-01-31'", "2025-01-31"),
    ('"true"', "true"),
    ("'A: B'", "A: B"),
    ('"2025-01-29 18:15:32 +0530"', "2025-01-29 18:15:32 +0530"),
    ("'it''s'", "it's"),
    ('"tab\\there"', "tab\there"),
])
def test_quoted_values_stay_text(raw: str, text: str) -> None:
    assert parse_value(raw) == text
    assert isinstance(parse_value(raw), str)


def test_plain_text_with_a_colon_is_taken_as_text() -> None:
    """`title="Hello: again"` reaches us without the shell's quotes: it is meant as text."""
    assert parse_value("Hello: again") == "Hello: again"


@pytest.mark.parametrize("raw", ["[unclosed", "@handle", "2025-02-30", "{a: 1", "x\ny: z: w"])
def test_text_that_is_not_a_yaml_value_is_an_error_with_a_hint(raw: str) -> None:
    with pytest.raises(PostdeskError) as caught:
        parse_value(raw)
    assert f"'{raw}' is not a YAML value" in caught.value.message
    assert "Quote" in caught.value.hint


def test_a_value_cannot_smuggle_in_another_field() -> None:
    """`title=$'x\\ndraft: true'` must not quietly set a second key."""
    with pytest.raises(PostdeskError):
        parse_value("x\ndraft: true")


def test_lines_of_plain_text_fold_as_yaml_folds_them() -> None:
    assert parse_value("first\nsecond") == "first second"
    assert parse_value("|\n  kept\n  lines") == "kept\nlines\n"
    assert parse_value("|-\n  kept\n  lines") == "kept\nlines"


# --- show_value -------------------------------------------------------------------------------

@pytest.mark.parametrize("value, text", [
    ("plain text", "plain text"),
    ("", ""),
    (None, ""),
    (3, "3"),
    (2.5, "2.5"),
    (True, "true"),
    (False, "false"),
    (dt.date(2024, 1, 2), "2024-01-02"),
    (dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=IST), "2024-01-02T03:04:05+05:30"),
])
def test_scalars_are_shown_as_plain_text(value: Any, text: str) -> None:
    assert show_value(value) == text


def test_lists_and_maps_are_shown_as_json() -> None:
    shown = show_value({"name": "Zoë", "tags": ["a", 1], "when": dt.date(2024, 1, 2), "on": True})
    assert json.loads(shown) == {"name": "Zoë", "tags": ["a", 1], "when": "2024-01-02", "on": True}
    assert "Zoë" in shown  # readable, not \\u escapes
    assert json.loads(show_value(["x", dt.datetime(2024, 1, 2, 3, 4)])) == ["x", "2024-01-02T03:04:00"]


@pytest.mark.parametrize("value, loaded", [
    ("2025", "2025"), (2025, 2025), (None, None), (True, True), (dt.date(2024, 1, 2), "2024-01-02"),
    (["a"], ["a"]),
])
def test_as_json_every_value_is_json(value: Any, loaded: Any) -> None:
    """So a script can tell the text "2025" from the number 2025, and null from empty text."""
    assert json.loads(show_value(value, as_json=True)) == loaded


def test_as_json_text_and_numbers_differ() -> None:
    assert show_value("2025", as_json=True) != show_value(2025, as_json=True)
    assert show_value(None, as_json=True) != show_value("", as_json=True)


# --- lookup -----------------------------------------------------------------------------------

VALUES = {
    "title": "Hello",
    "params": {"author": {"name": "Ann"}, "toc": False},
    "a.b": "literal dotted key",
    "tags": ["x", "y"],
    "empty": None,
}


@pytest.mark.parametrize("key, value", [
    ("title", "Hello"),
    ("params", VALUES["params"]),
    ("params.toc", False),
    ("params.author.name", "Ann"),
    ("a.b", "literal dotted key"),
    ("empty", None),
])
def test_lookup(key: str, value: Any) -> None:
    assert lookup(VALUES, key) == value


@pytest.mark.parametrize("key", ["missing", "params.missing", "title.length", "tags.0", "params.author.name.first",
                                 "Title"])
def test_lookup_of_an_absent_field_is_a_key_error(key: str) -> None:
    with pytest.raises(KeyError):
        lookup(VALUES, key)


# --- top_level_edit ---------------------------------------------------------------------------

def test_a_plain_key_is_set_as_it_is() -> None:
    assert top_level_edit(VALUES, "title", "New") == ("title", "New")
    assert top_level_edit(VALUES, "brand_new", 3) == ("brand_new", 3)


def test_a_dotted_key_changes_its_map_and_keeps_the_maps_other_keys() -> None:
    assert top_level_edit(VALUES, "params.author.name", "Bob") == (
        "params", {"author": {"name": "Bob"}, "toc": False})
    assert top_level_edit(VALUES, "params.toc", True) == ("params", {"author": {"name": "Ann"}, "toc": True})
    assert top_level_edit(VALUES, "params.weight", 2) == (
        "params", {"author": {"name": "Ann"}, "toc": False, "weight": 2})


def test_editing_does_not_change_the_values_it_was_given() -> None:
    before = json.dumps(VALUES, sort_keys=True)
    top_level_edit(VALUES, "params.author.name", "Bob")
    assert json.dumps(VALUES, sort_keys=True) == before


def test_a_dotted_key_into_a_missing_map_makes_the_map() -> None:
    assert top_level_edit(VALUES, "seo.description", "Short") == ("seo", {"description": "Short"})
    assert top_level_edit({}, "a.b.c", 1) == ("a", {"b": {"c": 1}})


def test_a_top_level_key_with_a_dot_in_it_is_taken_as_written() -> None:
    assert top_level_edit(VALUES, "a.b", "changed") == ("a.b", "changed")


def test_a_dotted_key_into_a_value_that_is_not_a_map_is_refused() -> None:
    with pytest.raises(PostdeskError, match="'title' is not a group of fields, so 'title.sub' cannot be set"):
        top_level_edit(VALUES, "title.sub", "x")
    with pytest.raises(PostdeskError, match="'tags' is not a group of fields"):
        top_level_edit(VALUES, "tags.first", "x")


@pytest.mark.parametrize("raw", ["#python", "C# is #1", "text # with a comment"])
def test_a_hash_that_would_start_a_comment_is_refused_rather_than_cutting_the_text(raw: str) -> None:
    with pytest.raises(PostdeskError) as caught:
        parse_value(raw)
    assert "comment" in caught.value.message and "Quote" in caught.value.hint


def test_a_quoted_hash_and_a_hash_inside_a_word_are_text() -> None:
    assert parse_value('"C# is #1"') == "C# is #1"
    assert parse_value("C#") == "C#"
