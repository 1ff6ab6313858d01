"""Validation of front-matter values against a collection's schema: what the form and
`postdesk check` tell a writer about a post."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from desktop_app.core.frontmatter import fields as f
from desktop_app.core.frontmatter.fields import FieldSpec, Option, Relation
from desktop_app.core.frontmatter.validate import Problem, check_field, validate


def keys(problems: list[Problem]) -> list[str]:
    return [problem.key for problem in problems]


def messages(problems: list[Problem]) -> dict[str, str]:
    return {problem.key: problem.message for problem in problems}


# --- required ---------------------------------------------------------------------------------

@pytest.mark.parametrize("values", [{}, {"title": None}, {"title": ""}], ids=["missing", "null", "empty"])
def test_a_required_field_without_a_value_is_reported(values: dict[str, Any]) -> None:
    schema = (FieldSpec("title", f.TEXT, required=True),)
    assert validate(values, schema) == [Problem("title", "Required.")]


@pytest.mark.parametrize("kind, empty", [(f.TAGS, []), (f.OBJECT, {}), (f.LIST, [])])
def test_an_empty_list_or_group_does_not_fill_a_required_field(kind: str, empty: Any) -> None:
    assert keys(validate({"x": empty}, (FieldSpec("x", kind, required=True),))) == ["x"]


def test_optional_fields_may_be_left_empty() -> None:
    schema = (FieldSpec("title", f.TEXT), FieldSpec("date", f.DATE), FieldSpec("rating", f.NUMBER, minimum=1),
              FieldSpec("layout", f.SELECT, options=(Option("post", "Post"),)))
    assert validate({"title": "", "date": None}, schema) == []


def test_filled_required_fields_are_fine() -> None:
    schema = (FieldSpec("title", f.TEXT, required=True), FieldSpec("rating", f.NUMBER, required=True))
    # 0 is a value, not an empty field.
    assert validate({"title": "Hello", "rating": 0}, schema) == []


@pytest.mark.parametrize("values", [{}, {"draft": None}, {"draft": False}])
def test_a_boolean_is_never_required(values: dict[str, Any]) -> None:
    """A switch that is off (or absent, which the site reads as off) is an answer."""
    assert validate(values, (FieldSpec("draft", f.BOOLEAN, required=True),)) == []


@pytest.mark.parametrize("kind", [f.HIDDEN, f.BODY, f.READONLY])
def test_hidden_body_and_readonly_fields_are_not_checked(kind: str) -> None:
    schema = (FieldSpec("x", kind, required=True, pattern=r"^\d+$"),)
    assert validate({}, schema) == []
    assert validate({"x": "not digits"}, schema) == []


def test_problems_come_in_schema_order_not_file_order() -> None:
    schema = (FieldSpec("title", f.TEXT, required=True), FieldSpec("date", f.DATE, required=True),
              FieldSpec("weight", f.NUMBER))
    values = {"weight": "heavy", "date": "soon"}
    assert keys(validate(values, schema)) == ["title", "date", "weight"]


def test_keys_the_schema_does_not_name_are_left_alone() -> None:
    assert validate({"whatever": ["a", {"b": 1}], "x": 1}, (FieldSpec("title", f.TEXT),)) == []


# --- types ------------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", [f.TEXT, f.MULTILINE, f.MARKDOWN, f.IMAGE, f.FILE])
def test_text_fields_refuse_lists_and_maps(kind: str) -> None:
    spec = FieldSpec("title", kind)
    assert check_field(spec, ["a", "b"]) == [Problem("title", "Expected text, found a list.")]
    assert check_field(spec, {"a": 1}) == [Problem("title", "Expected text, found fields.")]
    assert check_field(spec, "plain") == []


@pytest.mark.parametrize("value", [
    dt.date(2024, 1, 31), dt.datetime(2024, 1, 31, 9, 30), "2024-01-31", "2024-01-31T09:30:00",
    "2024-01-31 09:30:00 +0530", "2024-01-31T09:30:00Z",
])
def test_dates_written_the_ways_generators_accept_are_fine(value: Any) -> None:
    assert check_field(FieldSpec("date", f.DATE), value) == []
    assert check_field(FieldSpec("date", f.DATETIME), value) == []


@pytest.mark.parametrize("value, shown", [("TBD", "'TBD'"), ("2024-02-30", "'2024-02-30'"), (20240131, "20240131"),
                                          (True, "true")])
def test_a_date_field_with_something_else_says_how_to_write_one(value: Any, shown: str) -> None:
    [problem] = check_field(FieldSpec("date", f.DATE), value)
    assert problem.key == "date"
    assert problem.message == f"Not a date: {shown} (write it like 2025-01-31)."
    [problem] = check_field(FieldSpec("when", f.DATETIME), value)
    assert problem.message == f"Not a date: {shown} (write it like 2025-01-31T09:30:00)."


@pytest.mark.parametrize("value, shown", [("yes", "'yes'"), (1, "1"), ("true", "'true'")])
def test_a_boolean_field_wants_true_or_false(value: Any, shown: str) -> None:
    assert check_field(FieldSpec("draft", f.BOOLEAN), value) == [
        Problem("draft", f"Expected true or false, found {shown}.")]
    assert check_field(FieldSpec("draft", f.BOOLEAN), False) == []


@pytest.mark.parametrize("value, shown", [("5", "'5'"), (True, "true"), ([1], "a list"), ({"a": 1}, "a group of fields")])
def test_a_number_field_wants_a_number(value: Any, shown: str) -> None:
    assert check_field(FieldSpec("weight", f.NUMBER), value) == [
        Problem("weight", f"Expected a number, found {shown}.")]


def test_tags_may_be_a_list_or_a_comma_separated_string_but_not_a_number() -> None:
    spec = FieldSpec("tags", f.TAGS)
    assert check_field(spec, ["a", "b"]) == []
    assert check_field(spec, "a, b") == []
    assert check_field(spec, 3) == [Problem("tags", "Expected a list, found 3.")]


def test_groups_and_lists_of_entries_must_have_their_shape() -> None:
    seo = FieldSpec("seo", f.OBJECT, fields=(FieldSpec("description", f.TEXT),))
    authors = FieldSpec("authors", f.LIST, fields=(FieldSpec("name", f.TEXT),))
    assert check_field(seo, "just text") == [Problem("seo", "Expected a group of fields.")]
    assert check_field(authors, ["Ann", "Bob"]) == [Problem("authors", "Expected a list of entries with fields.")]
    assert check_field(authors, {"name": "Ann"}) == [Problem("authors", "Expected a list of entries with fields.")]
    # A plain list (no item fields) takes any list.
    assert check_field(FieldSpec("links", f.LIST), ["a", {"b": 1}]) == []


# --- pattern ----------------------------------------------------------------------------------

def test_a_pattern_with_its_own_message() -> None:
    spec = FieldSpec("slug", f.TEXT, pattern=r"^[a-z0-9-]+$", pattern_message="Use lower-case letters and hyphens.")
    assert check_field(spec, "Hello World") == [Problem("slug", "Use lower-case letters and hyphens.")]
    assert check_field(spec, "hello-world") == []


def test_a_pattern_without_a_message_names_the_pattern() -> None:
    spec = FieldSpec("code", f.TEXT, pattern=r"^\d{3}$")
    assert check_field(spec, "12") == [Problem("code", r"Must match the pattern ^\d{3}$.")]


def test_a_pattern_is_searched_like_decap_does_not_matched_whole() -> None:
    spec = FieldSpec("email", f.TEXT, pattern="@")
    assert check_field(spec, "ann@example.org") == []
    assert keys(check_field(spec, "ann at example.org")) == ["email"]


def test_a_pattern_applies_to_numbers_as_written() -> None:
    spec = FieldSpec("year", f.NUMBER, pattern=r"^\d{4}$")
    assert check_field(spec, 2024) == []
    assert keys(check_field(spec, 99)) == ["year"]


def test_a_pattern_python_cannot_read_does_not_fail_every_post() -> None:
    assert check_field(FieldSpec("x", f.TEXT, pattern="([unclosed"), "anything") == []


# --- numbers ----------------------------------------------------------------------------------

def test_number_range() -> None:
    spec = FieldSpec("rating", f.NUMBER, minimum=1, maximum=5)
    assert check_field(spec, 0) == [Problem("rating", "Must be at least 1.")]
    assert check_field(spec, 6) == [Problem("rating", "Must be at most 5.")]
    assert check_field(spec, 1) == [] and check_field(spec, 5) == [] and check_field(spec, 2.5) == []


def test_a_fractional_bound_is_shown_as_written() -> None:
    assert check_field(FieldSpec("ratio", f.NUMBER, minimum=0.5), 0.25) == [Problem("ratio", "Must be at least 0.5.")]


def test_whole_numbers_only() -> None:
    spec = FieldSpec("weight", f.NUMBER, integer=True)
    assert check_field(spec, 2.5) == [Problem("weight", "Expected a whole number, found 2.5.")]
    assert check_field(spec, 3) == []
    assert check_field(spec, 3.0) == []  # YAML `3.0` is still a whole number


# --- select and relation ----------------------------------------------------------------------

LAYOUTS = (Option("post", "Blog post"), Option("page", "Page"))


def test_a_select_value_must_be_one_of_the_options() -> None:
    spec = FieldSpec("layout", f.SELECT, options=LAYOUTS)
    assert check_field(spec, "post") == []
    assert check_field(spec, "blog") == [Problem("layout", "'blog' is not one of the choices (Blog post, Page).")]


def test_select_options_with_numbers() -> None:
    spec = FieldSpec("level", f.SELECT, options=(Option(1, "Easy"), Option(2, "Hard")))
    assert check_field(spec, 2) == []
    assert "3 is not one of the choices (Easy, Hard)" in check_field(spec, 3)[0].message


def test_a_multiple_select_wants_a_list_and_checks_each_item() -> None:
    spec = FieldSpec("layouts", f.SELECT, multiple=True, options=LAYOUTS)
    assert check_field(spec, ["post", "page"]) == []
    assert check_field(spec, "post") == [Problem("layouts", "Expected a list of values, found 'post'.")]
    assert check_field(spec, ["post", "wiki", "blog"]) == [
        Problem("layouts", "'wiki' is not one of the choices (Blog post, Page).")]


AUTHOR = FieldSpec("author", f.RELATION, relation=Relation("authors"))


def test_a_relation_value_must_be_an_entry_of_the_other_collection() -> None:
    allowed = {"author": {"ann", "bob"}}
    assert validate({"author": "ann"}, (AUTHOR,), allowed) == []
    assert validate({"author": "zed"}, (AUTHOR,), allowed) == [Problem("author", "'zed' is not an entry of authors.")]


def test_relations_are_not_checked_without_the_allowed_values() -> None:
    assert validate({"author": "zed"}, (AUTHOR,)) == []


def test_a_multiple_relation() -> None:
    spec = FieldSpec("authors", f.RELATION, multiple=True, relation=Relation("people"))
    allowed = {"authors": {"ann", "bob"}}
    assert validate({"authors": ["ann", "bob"]}, (spec,), allowed) == []
    assert validate({"authors": ["ann", "eve"]}, (spec,), allowed) == [
        Problem("authors", "'eve' is not an entry of people.")]
    assert keys(validate({"authors": "ann"}, (spec,), allowed)) == ["authors"]


# --- nested fields ----------------------------------------------------------------------------

SEO = FieldSpec("seo", f.OBJECT, fields=(
    FieldSpec("description", f.TEXT, required=True),
    FieldSpec("image", f.IMAGE),
    FieldSpec("token", f.HIDDEN, required=True),
))
AUTHORS = FieldSpec("authors", f.LIST, fields=(
    FieldSpec("name", f.TEXT, required=True),
    FieldSpec("email", f.TEXT, pattern="@", pattern_message="Not an email address."),
))


def test_a_group_of_fields_reports_its_inner_field_by_path() -> None:
    assert validate({"seo": {"description": "", "image": ["a"]}}, (SEO,)) == [
        Problem("seo.description", "Required."), Problem("seo.image", "Expected text, found a list.")]
    assert validate({"seo": {"description": "Fine"}}, (SEO,)) == []  # the hidden token is not asked for


def test_a_list_of_entries_reports_the_entry_by_its_position_counted_from_one() -> None:
    values = {"authors": [{"name": "Ann", "email": "ann@example.org"},
                          {"name": "Bob", "email": "bob"},
                          {"email": "cy@example.org"}]}
    assert validate(values, (AUTHORS,)) == [
        Problem("authors[2].email", "Not an email address."), Problem("authors[3].name", "Required.")]


def test_deeply_nested_paths() -> None:
    spec = FieldSpec("book", f.OBJECT, fields=(
        FieldSpec("chapters", f.LIST, fields=(
            FieldSpec("meta", f.OBJECT, fields=(FieldSpec("pages", f.NUMBER, minimum=1),)),)),))
    values = {"book": {"chapters": [{"meta": {"pages": 3}}, {"meta": {"pages": 0}}]}}
    assert validate(values, (spec,)) == [Problem("book.chapters[2].meta.pages", "Must be at least 1.")]


def test_a_relation_inside_a_list_of_entries() -> None:
    spec = FieldSpec("credits", f.LIST, fields=(FieldSpec("person", f.RELATION, relation=Relation("people")),))
    values = {"credits": [{"person": "ann"}, {"person": "eve"}]}
    assert validate(values, (spec,), {"person": {"ann"}}) == [
        Problem("credits[2].person", "'eve' is not an entry of people.")]


# --- the problem itself -----------------------------------------------------------------------

def test_a_problem_reads_as_field_then_message() -> None:
    assert str(Problem("authors[2].name", "Required.")) == "authors[2].name: Required."
    assert str(Problem("", "The front matter is not a map.")) == "The front matter is not a map."


def test_check_field_reports_under_the_path_it_is_given() -> None:
    spec = FieldSpec("name", f.TEXT, required=True)
    assert check_field(spec, None, "authors[4].name") == [Problem("authors[4].name", "Required.")]
    assert check_field(spec, None) == [Problem("name", "Required.")]
