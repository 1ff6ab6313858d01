"""Values offered to a writer: the tags the blog already uses, and a relation field's entries."""

from __future__ import annotations

from desktop_app.core.frontmatter import fields as f
from desktop_app.core.frontmatter.fields import FieldSpec, Option, Relation
from desktop_app.core.site.library.choices import completions, relation_options
from desktop_app.core.site.library.summaries import PostSummary, summarize


def post(path: str, front: str, collection: str = "posts", body: str = "") -> PostSummary:
    return summarize(path, collection, f"---\n{front}---\n{body}")


# --- completions ------------------------------------------------------------------------------

def test_tags_are_offered_most_used_first() -> None:
    posts = [
        post("posts/a.md", "tags: [python, testing]\n"),
        post("posts/b.md", "tags: [rust, python]\n"),
        post("posts/c.md", "tags:\n  - python\n  - rust\n  - go\n"),
    ]
    assert completions(posts)["tags"] == ["python", "rust", "go", "testing"]


def test_words_used_equally_often_are_in_alphabetical_order_ignoring_case() -> None:
    posts = [post("posts/a.md", "tags: [Zebra, apple, Mango]\n")]
    assert completions(posts)["tags"] == ["apple", "Mango", "Zebra"]


def test_each_list_key_has_its_own_words() -> None:
    posts = [
        post("posts/a.md", "tags: [python]\ncategories: [dev]\n"),
        post("posts/b.md", "categories: [dev, life]\nkeywords: [snake]\n"),
    ]
    found = completions(posts)
    assert found["tags"] == ["python"]
    assert found["categories"] == ["dev", "life"]
    assert found["keywords"] == ["snake"]


def test_any_key_holding_a_list_of_words_gets_completions() -> None:
    posts = [post("posts/a.md", "aliases: [/old/a, /older/a]\nseries: [Rust 101]\n")]
    found = completions(posts)
    assert found["aliases"] == ["/old/a", "/older/a"]
    assert found["series"] == ["Rust 101"]


def test_numbers_are_offered_as_text_and_structures_and_booleans_are_not_words() -> None:
    posts = [post("posts/a.md", "tags: [2024, true, {a: 1}, [x], python, null]\n"),
             post("posts/b.md", "tags: [2024]\n")]
    assert completions(posts)["tags"] == ["2024", "python"]


def test_keys_with_single_values_offer_no_completions() -> None:
    posts = [post("posts/a.md", "title: Hello\nauthor: Ann\ndraft: true\n")]
    assert completions(posts) == {}


def test_no_posts_no_completions() -> None:
    assert completions([]) == {}


def test_differently_spelled_tags_stay_apart() -> None:
    """Offering both spellings lets the writer see the blog already has two."""
    posts = [post("posts/a.md", "tags: [JavaScript]\n"), post("posts/b.md", "tags: [javascript, javascript]\n")]
    assert completions(posts)["tags"] == ["javascript", "JavaScript"]


# --- relations --------------------------------------------------------------------------------

AUTHORS = [
    post("content/authors/ann-lee.md", "name: Ann Lee\nfirst: Ann\nlast: Lee\nemail: ann@example.org\n"
                                       "social: {handle: annl}\n", "authors"),
    post("content/authors/bob/index.md", "name: bob stone\nfirst: Bob\nlast: Stone\nemail: bob@example.org\n",
         "authors"),
    post("content/authors/cy.md", "slug: cyrus\ntitle: Cyrus\n", "authors"),
]
OTHERS = [post("content/posts/hello.md", "title: Hello\nemail: not-an-author@example.org\n", "posts")]


def relation(value_field: str = "{{slug}}", *display: str, collection: str = "authors") -> FieldSpec:
    return FieldSpec("author", f.RELATION, relation=Relation(collection, value_field, tuple(display)))


def test_slug_values_are_file_names_bundle_folders_or_the_slug_field() -> None:
    options = relation_options(relation(), AUTHORS + OTHERS)
    assert sorted(option.value for option in options) == ["ann-lee", "bob", "cyrus"]


def test_only_entries_of_the_related_collection_are_offered() -> None:
    options = relation_options(relation("email"), AUTHORS + OTHERS)
    assert [option.value for option in options] == ["ann@example.org", "bob@example.org"]


def test_entries_without_the_value_field_are_left_out() -> None:
    values = [option.value for option in relation_options(relation("email"), AUTHORS)]
    assert "" not in values and len(values) == 2


def test_labels_come_from_the_display_fields_joined_by_spaces() -> None:
    options = relation_options(relation("{{slug}}", "first", "last"), AUTHORS)
    assert {option.value: option.label for option in options}["ann-lee"] == "Ann Lee"
    assert {option.value: option.label for option in options}["bob"] == "Bob Stone"


def test_without_display_fields_the_label_is_the_entrys_title() -> None:
    options = relation_options(relation("{{slug}}"), AUTHORS)
    assert {option.value: option.label for option in options}["cyrus"] == "Cyrus"


def test_an_entry_lacking_the_display_fields_falls_back_to_its_title() -> None:
    options = relation_options(relation("{{slug}}", "name"), AUTHORS)
    assert {option.value: option.label for option in options} == {
        "ann-lee": "Ann Lee", "bob": "bob stone", "cyrus": "Cyrus"}


def test_options_are_sorted_by_label_ignoring_case() -> None:
    options = relation_options(relation("{{slug}}", "name"), AUTHORS)
    assert [option.label for option in options] == ["Ann Lee", "bob stone", "Cyrus"]


def test_a_template_value_field() -> None:
    options = relation_options(relation("{{first}}-{{fields.last}}"), AUTHORS[:2])
    assert [option.value for option in options] == ["Ann-Lee", "Bob-Stone"]
    options = relation_options(relation("{{ slug }}@{{email}}"), AUTHORS[:1])
    assert [option.value for option in options] == ["ann-lee@ann@example.org"]


def test_a_template_that_comes_out_empty_is_no_entry() -> None:
    options = relation_options(relation("{{first}} {{last}}"), AUTHORS)
    assert [option.value for option in options] == ["Ann Lee", "Bob Stone"]


def test_a_dotted_value_field_reaches_into_a_map() -> None:
    options = relation_options(relation("social.handle"), AUTHORS)
    assert [option.value for option in options] == ["annl"]


def test_the_title_value_field_uses_the_title_the_library_shows() -> None:
    people = [post("people/dee.md", "role: editor\n", "people", body="# Dee Dee\n"),
              post("people/eve.md", "title: Eve\n", "people")]
    options = relation_options(relation("title", collection="people"), people)
    assert [option.value for option in options] == ["Dee Dee", "Eve"]


def test_the_same_value_twice_is_one_option() -> None:
    twins = [post("authors/a.md", "email: same@example.org\nname: First\n", "authors"),
             post("authors/b.md", "email: same@example.org\nname: Second\n", "authors")]
    assert relation_options(relation("email", "name"), twins) == [Option("same@example.org", "First")]


def test_a_field_that_is_not_a_relation_has_no_options() -> None:
    assert relation_options(FieldSpec("author", f.TEXT), AUTHORS) == []
    assert relation_options(relation(collection="nobody"), AUTHORS) == []
