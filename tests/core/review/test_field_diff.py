"""Front matter compared field by field, as a reviewer reads it: "title: A → B", "tags: +x −y"."""

from __future__ import annotations

from desktop_app.core.review.field_diff import diff_fields


def lines(old: str | None, new: str | None) -> list[str]:
    diff = diff_fields(old, new)
    assert diff.problem == ""
    return diff.lines()


def test_changed_scalars_read_as_old_arrow_new() -> None:
    old = "---\ntitle: A\ndraft: true\ndate: 2025-01-01\nweight: 3\n---\nBody\n"
    new = "---\ntitle: B\ndraft: false\ndate: 2025-02-03\nweight: 4\n---\nBody\n"
    assert lines(old, new) == ["title: A → B", "draft: true → false", "date: 2025-01-01 → 2025-02-03",
                               "weight: 3 → 4"]


def test_tag_lists_show_added_and_removed_items_whatever_the_list_style() -> None:
    old = "---\ntags: [web, redis, design]\n---\n"
    new = "---\ntags:\n  - web\n  - design\n  - caching\n---\n"
    assert lines(old, new) == ["tags: +caching −redis"]


def test_a_list_in_another_order_is_a_change_with_both_orders() -> None:
    assert lines("---\ntags: [a, b]\n---\n", "---\ntags: [b, a]\n---\n") == ["tags: [a, b] → [b, a]"]


def test_added_and_removed_keys_are_named_in_file_order() -> None:
    old = "---\ntitle: T\nsubtitle: S\ndate: 2025-01-01\n---\n"
    new = "---\ntitle: T\ndate: 2025-01-01\ncover: /images/c.png\n---\n"
    assert lines(old, new) == ["− subtitle: S", "+ cover: /images/c.png"]


def test_nested_keys_are_dotted_and_lists_of_maps_are_indexed() -> None:
    old = ("---\nparams:\n  author: Ann\n  social:\n    x: ann\nauthors:\n  - name: Ann\n    role: writer\n"
           "  - name: Bo\n---\n")
    new = ("---\nparams:\n  author: Bob\n  social:\n    x: ann\n    mastodon: '@ann'\nauthors:\n"
           "  - name: Ann\n    role: editor\n---\n")
    assert lines(old, new) == ["params.author: Ann → Bob", "+ params.social.mastodon: @ann",
                               "authors[0].role: writer → editor", "− authors[1]: {name: Bo}"]


def test_formatting_the_site_would_not_notice_is_no_change() -> None:
    old = "---\ntitle: 'Hello'\ntags: [a, b]  # two\n---\nText\n"
    new = '---\ntitle: "Hello"\ntags:\n  - a\n  - b\n---\nOther text\n'
    assert lines(old, new) == []


def test_toml_and_json_front_matter_are_compared_by_value() -> None:
    toml_old = '+++\ntitle = "A"\ntags = ["x"]\n[params]\nauthor = "Ann"\n+++\n'
    toml_new = '+++\ntitle = "B"\ntags = ["x", "y"]\n[params]\nauthor = "Cy"\n+++\n'
    assert lines(toml_old, toml_new) == ["title: A → B", "tags: +y", "params.author: Ann → Cy"]
    json_old = '{\n  "title": "A",\n  "draft": true\n}\nBody\n'
    json_new = '{\n  "title": "A",\n  "draft": false,\n  "series": {"name": "Go"}\n}\nBody\n'
    assert lines(json_old, json_new) == ["draft: true → false", "+ series: {name: Go}"]


def test_a_change_of_format_is_noted_and_values_still_compared() -> None:
    diff = diff_fields('+++\ntitle = "A"\n+++\n', "---\ntitle: B\n---\n")
    assert diff.lines() == ["title: A → B"]
    assert diff.notes == ("The front matter changed from TOML to YAML.",)


def test_same_text_of_another_type_shows_the_types() -> None:
    assert lines("---\ndate: 2025-01-01\n---\n", "---\ndate: '2025-01-01'\n---\n") == \
        ['date: 2025-01-01 (date) → "2025-01-01"']


def test_a_new_post_has_every_field_added_and_a_deleted_one_every_field_removed() -> None:
    text = "---\ntitle: Fresh\ntags: [a]\n---\nBody\n"
    assert lines(None, text) == ["+ title: Fresh", "+ tags: [a]"]
    assert lines(text, None) == ["− title: Fresh", "− tags: [a]"]


def test_broken_front_matter_on_one_side_is_named_and_points_to_the_text_diff() -> None:
    good = "---\ntitle: A\n---\nBody\n"
    broken = "---\ntitle: [unclosed\n---\nBody\n"
    diff = diff_fields(good, broken)
    assert diff.changes == ()
    assert diff.problem.startswith("In the new version, the front matter cannot be read (line 3")
    assert diff.problem.endswith("The Text tab shows what changed.")
    assert diff_fields(broken, good).problem.startswith("In the old version,")
    unclosed = diff_fields("---\ntitle: A\nBody\n", good)
    assert "never closed" in unclosed.problem
