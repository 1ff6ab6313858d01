"""Which fields a post's form offers: a configured schema, or one inferred from the collection's posts."""

from __future__ import annotations

import datetime as dt
from typing import Any

from desktop_app.core.frontmatter import fields as f
from desktop_app.core.frontmatter.fields import FieldSpec
from desktop_app.core.site.config import Collection
from desktop_app.core.site.library.schema import CORE_FIELDS, collection_schema, form_fields, infer_fields
from desktop_app.core.site.library.summaries import summarize


def kinds(specs: Any) -> dict[str, str]:
    return {spec.key: spec.kind for spec in specs}


def order(specs: Any) -> list[str]:
    return [spec.key for spec in specs]


def post(title: str, **values: Any) -> dict[str, Any]:
    return {"title": title, **values}


# --- inference --------------------------------------------------------------------------------

def test_common_keys_come_first_in_the_order_posts_usually_write_them() -> None:
    samples = [
        {"title": "A", "date": dt.date(2024, 1, 1), "weight": 1, "series": "x"},
        {"title": "B", "date": dt.date(2024, 1, 2), "weight": 2, "series": "x"},
        {"title": "C", "date": dt.date(2024, 1, 3), "weight": 3, "series": "y"},
        # One post writes its keys in another order; the usual order still wins.
        {"series": "y", "weight": 4, "date": dt.date(2024, 1, 4), "title": "D"},
    ]
    specs = infer_fields(samples)
    assert order(specs)[:4] == ["title", "date", "weight", "series"]


def test_the_core_blog_fields_follow_in_their_own_order_without_repeats() -> None:
    samples = [{"title": "A", "weight": 1}, {"title": "B", "weight": 2}]
    assert order(infer_fields(samples)) == ["title", "weight", *[key for key in CORE_FIELDS if key != "title"]]
    keys = order(infer_fields([{"title": "A", "date": dt.date(2024, 1, 1), "tags": ["x"]}] * 3))
    assert len(keys) == len(set(keys))
    assert set(CORE_FIELDS) <= set(keys)


def test_a_key_only_one_post_uses_is_not_offered_to_every_post() -> None:
    samples = [post(f"Post {n}", weight=n) for n in range(10)]
    samples[3] = {**samples[3], "one_off_experiment": True}
    assert "one_off_experiment" not in order(infer_fields(samples))
    assert "weight" in order(infer_fields(samples))


def test_a_key_half_the_posts_use_is_offered() -> None:
    samples = [post(f"Post {n}", **({"series": "Rust"} if n % 2 else {})) for n in range(10)]
    assert "series" in order(infer_fields(samples))


def test_kinds_follow_the_values_most_posts_have() -> None:
    samples = [
        {"title": "A", "date": dt.date(2024, 1, 1), "weight": 1, "updated": dt.datetime(2024, 1, 1, 9, 0),
         "tags": ["a"], "draft": False, "summary": "One line"},
        {"title": "B", "date": dt.date(2024, 1, 2), "weight": 2, "updated": dt.datetime(2024, 1, 2, 9, 0),
         "tags": ["b", "c"], "draft": True, "summary": "Also one"},
        # The odd one out does not decide the widget for everyone.
        {"title": "C", "date": "TBD", "weight": "heavy", "updated": "soon", "tags": "a, b", "draft": "no",
         "summary": "Text"},
    ]
    found = kinds(infer_fields(samples))
    assert found["title"] == f.TEXT
    assert found["date"] == f.DATE
    assert found["updated"] == f.DATETIME
    assert found["weight"] == f.NUMBER
    assert found["tags"] == f.TAGS
    assert found["draft"] == f.BOOLEAN
    assert found["summary"] == f.MULTILINE


def test_structures_no_widget_describes_are_left_to_the_text_editor() -> None:
    samples = [{"title": "A", "params": {"author": "Ann"}, "menu": [{"name": "Main", "weight": 1}],
                "aliases": ["/old/a"]}] * 3
    found = kinds(infer_fields(samples))
    assert found["params"] == f.READONLY
    assert found["menu"] == f.READONLY
    assert found["aliases"] == f.TAGS


def test_empty_values_do_not_vote_and_names_decide_the_widget() -> None:
    samples = [{"title": "A", "cover": None, "mood": None, "notes": "line one\nline two"},
               {"title": "B", "cover": None, "mood": None, "notes": "a\nb"}]
    found = kinds(infer_fields(samples))
    assert found["cover"] == f.IMAGE
    assert found["mood"] == f.TEXT
    assert found["notes"] == f.MULTILINE


def test_an_image_path_under_a_cover_key_gets_the_image_widget() -> None:
    samples = [{"title": "A", "featured_image": "/img/a.png"}, {"title": "B", "featured_image": "/img/b.png"}]
    assert kinds(infer_fields(samples))["featured_image"] == f.IMAGE


def test_title_is_required_when_every_post_has_one() -> None:
    samples = [post("A"), post("B"), post("C")]
    [title] = [spec for spec in infer_fields(samples) if spec.key == "title"]
    assert title.required


def test_title_is_not_required_when_some_posts_have_none() -> None:
    """Hugo's headless `_common` snippets have no title; they must not all be reported."""
    samples = [post("A"), post("B"), post("C"), {"weight": 1}]
    [title] = [spec for spec in infer_fields(samples) if spec.key == "title"]
    assert not title.required


def test_only_the_title_is_ever_inferred_as_required() -> None:
    samples = [post("A", date=dt.date(2024, 1, 1), weight=1)] * 4
    assert [spec.key for spec in infer_fields(samples) if spec.required] == ["title"]


def test_a_collection_without_posts_offers_the_core_fields() -> None:
    specs = infer_fields([])
    assert order(specs) == list(CORE_FIELDS)
    assert not any(spec.required for spec in specs)
    found = kinds(specs)
    assert (found["date"], found["tags"], found["cover"], found["draft"]) == (f.DATE, f.TAGS, f.IMAGE, f.BOOLEAN)


def test_labels_are_readable() -> None:
    samples = [{"title": "A", "cover": "/a.png", "last_mod": "x", "reading-time": 3, "canonicalUrl": "u"}] * 2
    labels = {spec.key: spec.title for spec in infer_fields(samples)}
    assert labels["canonicalUrl"] == "Canonical url"  # camelCase keys of JavaScript sites
    assert labels["cover"] == "Cover image"
    assert labels["last_mod"] == "Last mod"
    assert labels["reading-time"] == "Reading time"


# --- the form's fields for one post -----------------------------------------------------------

def test_without_a_schema_the_form_offers_the_core_fields_then_the_posts_own_keys() -> None:
    values = {"title": "x", "mood": "happy", "published": dt.datetime(2024, 1, 1, 10, 0), "rating": 4}
    specs = form_fields(values)
    assert order(specs) == [*CORE_FIELDS, "mood", "published", "rating"]
    found = kinds(specs)
    assert (found["mood"], found["published"], found["rating"]) == (f.TEXT, f.DATETIME, f.NUMBER)


CONFIGURED = (
    FieldSpec("title", f.TEXT, "Title", required=True),
    FieldSpec("layout", f.HIDDEN, default="post"),
    FieldSpec("date", f.DATE, "Publish date"),
    FieldSpec("body", f.BODY),
    FieldSpec("rating", f.NUMBER),
)


def test_a_configured_schema_is_shown_as_configured() -> None:
    values = {"title": "x", "layout": "post", "date": dt.datetime(2024, 1, 1, 10, 0), "body": "b",
              "rating": "five", "mood": "ok"}
    specs = form_fields(values, CONFIGURED, configured=True)
    # Hidden and body fields are never shown; a key the schema does not know comes last.
    assert order(specs) == ["title", "date", "rating", "mood"]
    # The site's word stands even when this post's value does not fit (validation says so).
    assert specs[1] == CONFIGURED[2]
    assert specs[2] == CONFIGURED[4]


def test_an_inferred_widget_follows_a_value_it_cannot_show() -> None:
    inferred = (FieldSpec("title", f.TEXT, "Title", required=True), FieldSpec("date", f.DATE, "Date"),
                FieldSpec("cover", f.IMAGE, "Cover image"), FieldSpec("summary", f.MULTILINE, "Summary"))
    values = {"title": "x", "date": dt.datetime(2024, 1, 1, 10, 0), "cover": "/a.png", "summary": "short"}
    specs = form_fields(values, inferred)
    found = kinds(specs)
    assert found["date"] == f.DATETIME
    # Text in an image or multi-line field is what those widgets show: they stay.
    assert (found["cover"], found["summary"]) == (f.IMAGE, f.MULTILINE)
    [title] = [spec for spec in specs if spec.key == "title"]
    assert title.required and title.title == "Title"


def test_unknown_keys_of_the_post_are_not_shown_twice() -> None:
    values = {"title": "x", "rating": 3, "extra": [1, 2]}
    specs = form_fields(values, CONFIGURED, configured=True)
    assert order(specs).count("rating") == 1 and order(specs).count("title") == 1
    assert kinds(specs)["extra"] == f.TAGS


def test_a_hidden_field_the_post_writes_is_still_not_shown() -> None:
    """Hidden fields are never shown, so the form never writes them."""
    specs = form_fields({"title": "x", "layout": "page"}, CONFIGURED, configured=True)
    assert "layout" not in order(specs)


# --- the collection's schema ------------------------------------------------------------------

def summaries() -> list:
    return [
        summarize("content/posts/a.md", "posts", "---\ntitle: A\nseries: one\nweight: 1\n---\n"),
        summarize("content/posts/b.md", "posts", "---\ntitle: B\nseries: two\nweight: 2\n---\n"),
        summarize("content/authors/ann.md", "authors", "---\nname: Ann\nemail: a@x\n---\n"),
        summarize("content/authors/bob.md", "authors", "---\nname: Bob\nemail: b@x\n---\n"),
    ]


def test_a_configured_collection_uses_its_schema() -> None:
    collection = Collection("posts", "Posts", "content/posts", fields=CONFIGURED)
    assert collection_schema(collection, summaries()) == (CONFIGURED, True)


def test_an_unconfigured_collection_infers_from_its_own_posts_only() -> None:
    specs, configured = collection_schema(Collection("posts", "Posts", "content/posts"), summaries())
    assert not configured
    assert {"series", "weight"} <= set(order(specs))
    assert "email" not in order(specs) and "name" not in order(specs)
    authors, _ = collection_schema(Collection("authors", "Authors", "content/authors"), summaries())
    assert order(authors)[:2] == ["name", "email"]


def test_without_a_collection_every_post_counts() -> None:
    specs, configured = collection_schema(None, summaries())
    assert not configured
    assert {"series", "weight", "name", "email"} <= set(order(specs))


def test_inferred_numbers_are_whole_unless_a_post_writes_a_fraction() -> None:
    whole = infer_fields([{"weight": 1}, {"weight": 2}, {"rating": 4.5, "weight": 3}, {"rating": 3}])
    by_key = {spec.key: spec for spec in whole}
    assert by_key["weight"].integer and not by_key["rating"].integer
