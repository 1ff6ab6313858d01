"""Editing one front-matter field rewrites only that field's lines, in the style it had."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest

from desktop_app.core.frontmatter import edit as fm_edit
from desktop_app.core.frontmatter import parse as fm
from tests.core.corpus import NAMES, corpus_file, file_params, markdown_files

IST = dt.timezone(dt.timedelta(hours=5, minutes=30))


def read(path: Path) -> str:
    return path.read_bytes().decode("utf-8")  # not read_text: that would turn CRLF into LF


def edit(text: str, key: str, value: Any) -> str:
    return fm_edit.set_value(fm.split(text), key, value).join()


def values(text: str) -> dict[str, Any]:
    return fm.parse(fm.split(text))


def _open_quote(text: str) -> str:
    """The quote a value starting in `text` leaves open at its end ('' when closed or unquoted)."""
    text = text.strip()
    if text[:1] not in ("'", '"'):
        return ""
    rest = text[1:].replace("''", "") if text[0] == "'" else re.sub(r"\\.", "", text[1:])
    return "" if text[0] in rest else text[0]


def key_span(lines: list[str], key: str) -> tuple[int, int]:
    """The lines a reader sees as top-level `key` (last occurrence): its line, continuation lines
    (indented, `- ` items) and, for a quoted value or flow list left open, up to its close."""
    pattern = re.compile(rf"""^['"]?{re.escape(key)}['"]?[ \t]*:(\s|$)""")
    start = [i for i, line in enumerate(lines) if pattern.match(line)][-1]
    value = lines[start].split(":", 1)[1]
    depth = value.count("[") - value.count("]")
    quote = _open_quote(value)
    end = start + 1
    while end < len(lines):
        line = lines[end]
        if quote:
            value += line
            quote = _open_quote(value)
        elif depth > 0:
            depth += line.count("[") - line.count("]")
        elif not (line.strip() and (line[0] in " \t" or line.startswith("-"))):
            break
        end += 1
    return start, end


def assert_only_key_lines_changed(old_front: str, new_front: str, key: str) -> None:
    old = old_front.splitlines(keepends=True)
    new = new_front.splitlines(keepends=True)
    start, end = key_span(old, key)
    tail = len(old) - end
    assert new[:start] == old[:start], f"lines before {key!r} changed"
    assert len(new) - tail > start, f"{key!r} lost its line"
    assert new[len(new) - tail:] == old[end:], f"lines after {key!r} changed"


def new_value(value: Any) -> Any:
    """A different value of the same type, or None for types the sweep leaves alone."""
    if isinstance(value, bool):
        return not value
    if isinstance(value, dt.datetime):
        return value + dt.timedelta(days=1, hours=1, minutes=1)
    if isinstance(value, dt.date):
        return value + dt.timedelta(days=1)
    if isinstance(value, str):
        return "Edited: it's a \"new\" value #1"
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return [*value, "added, with a comma", "plain"]
    return None


# --- the jekyll corpus: titles ------------------------------------------------------------------


@pytest.mark.parametrize("path", file_params("jekyll-posts"))
def test_new_title_changes_only_the_title_lines(path: Path) -> None:
    text = read(path)
    doc = fm.split(text)
    before = fm.parse(doc)
    title = f"Renamed: {before['title']} — it's 'new'"
    edited = fm_edit.set_value(doc, "title", title)

    assert fm.parse(edited) == {**before, "title": title}
    assert (edited.opening, edited.closing, edited.body) == (doc.opening, doc.closing, doc.body)
    old_lines = text.splitlines(keepends=True)
    new_lines = edited.join().splitlines(keepends=True)
    start, end = key_span(doc.front.splitlines(keepends=True), "title")
    if end - start == 1:
        assert len(new_lines) == len(old_lines)
        differing = [i for i, (a, b) in enumerate(zip(old_lines, new_lines)) if a != b]
        assert differing == [start + 1]  # +1: the opening delimiter line
        assert new_lines[start + 1].startswith("title:")
    else:
        assert_only_key_lines_changed(doc.front, edited.front, "title")


@pytest.mark.parametrize("path", file_params("jekyll-posts"))
def test_setting_the_same_title_returns_identical_text(path: Path) -> None:
    text = read(path)
    doc = fm.split(text)
    assert fm_edit.set_value(doc, "title", fm.parse(doc)["title"]).join() == text


# --- every corpus: sweeps ------------------------------------------------------------------------


@pytest.mark.parametrize("corpus", NAMES)
def test_setting_every_field_to_its_own_value_changes_no_byte(corpus: str) -> None:
    changed = []
    for path in markdown_files(corpus):
        text = read(path)
        doc = fm.split(text)
        for key, value in fm.parse(doc).items():
            if fm_edit.set_value(doc, key, value).join() != text:
                changed.append(f"{path}: {key}")
    assert not changed, "\n".join(changed[:20])


@pytest.mark.parametrize("corpus", NAMES)
def test_editing_any_field_leaves_every_other_field_alone(corpus: str) -> None:
    problems: list[str] = []
    edits = 0
    files = markdown_files(corpus)
    for path in files:
        text = read(path)
        doc = fm.split(text)
        before = fm.parse(doc)
        for key, value in before.items():
            value = new_value(value)
            if value is None:
                continue
            edits += 1
            edited = fm_edit.set_value(doc, key, value)
            try:
                after = fm.parse(edited)
            except fm.FrontMatterError as error:
                problems.append(f"{path} {key}: no longer parses: {error}")
                continue
            wrong = {k for k in set(before) | set(after) if after.get(k) != {**before, key: value}.get(k)}
            if wrong:
                problems.append(f"{path} {key}: changed {sorted(wrong)}")
            if edited.body != doc.body or edited.opening != doc.opening or edited.closing != doc.closing:
                problems.append(f"{path} {key}: touched bytes outside the front matter")
            try:
                assert_only_key_lines_changed(doc.front, edited.front, key)
            except AssertionError as error:
                problems.append(f"{path} {key}: {error}")
    assert edits >= len(files)  # at least one field edited per post
    assert not problems, f"{len(problems)} of {edits} edits went wrong:\n" + "\n".join(problems[:20])


# --- style is kept -------------------------------------------------------------------------------


@pytest.mark.parametrize("old, new, expected", [
    ("title: 'Old'", "It's new", "title: 'It''s new'"),
    ('title: "Old"', 'Say "hi"', 'title: "Say \\"hi\\""'),
    ("title: Old", "New words", "title: New words"),
    ("title: Old", "Colon: inside", 'title: "Colon: inside"'),
    ("title: Old", "yes", 'title: "yes"'),  # plain `yes` would read back as true
    ("title: Old", "42", 'title: "42"'),
    ("title: Old", "ünïcode ✓", "title: ünïcode ✓"),
    ("title:   Old", "Aligned", "title:   Aligned"),
    ("title : Old", "Spaced", "title : Spaced"),
    ("draft: false", True, "draft: true"),
    ("draft: False", True, "draft: True"),
    ("weight: 10", 20, "weight: 20"),
])
def test_quoting_and_spacing_style_is_kept(old: str, new: Any, expected: str) -> None:
    text = f"---\nbefore: 1\n{old}\nafter: 2\n---\nBody\n"
    result = edit(text, re.split(r"\s*:", old)[0], new)
    assert result == f"---\nbefore: 1\n{expected}\nafter: 2\n---\nBody\n"
    assert values(result)[re.split(r"\s*:", old)[0]] == new


def test_trailing_comment_is_kept() -> None:
    text = '---\ntitle: "Old"  # keep me\ndate: 2024-01-02 # and me\n---\n'
    result = edit(edit(text, "title", "New"), "date", dt.date(2025, 3, 4))
    assert result == '---\ntitle: "New"  # keep me\ndate: 2025-03-04 # and me\n---\n'


def test_hash_inside_quotes_is_not_a_comment() -> None:
    text = "---\ntitle: 'C# tips' # comment\n---\n"
    assert edit(text, "title", "F# tips") == "---\ntitle: 'F# tips' # comment\n---\n"


def test_corpus_comment_after_quoted_date_is_kept() -> None:
    text = read(corpus_file("hugo-docs/content/en/methods/page/Sites.md"))
    result = edit(text, "expiryDate", "2029-01-01")
    assert "expiryDate: '2029-01-01' # deprecated 2026-02-18 in v0.156.0\n" in result
    assert values(result) == {**values(text), "expiryDate": "2029-01-01"}


def test_corpus_comment_after_unquoted_date_is_kept() -> None:
    text = read(corpus_file("hugo-docs/content/en/methods/page/IsNode.md"))
    result = edit(text, "expiryDate", dt.date(2029, 1, 1))
    assert "expiryDate: 2029-01-01 # deprecated 2026-06-06 in v0.163.0\n" in result
    assert values(result)["expiryDate"] == dt.date(2029, 1, 1)


def test_flow_list_stays_flow() -> None:
    text = "---\ntags: [a, b]\nnext: 1\n---\n"
    assert edit(text, "tags", ["x", "y", "z"]) == "---\ntags: [x, y, z]\nnext: 1\n---\n"


def test_spaced_flow_list_keeps_its_spacing_and_quotes() -> None:
    text = "---\ntags: [ 'a', 'b' ]\n---\n"
    assert edit(text, "tags", ["c", "d"]) == "---\ntags: [ 'c', 'd' ]\n---\n"


def test_flow_list_items_with_commas_or_brackets_stay_one_item() -> None:
    text = "---\ntags: [a, b]\n---\n"
    items = ["Hello, world", "[draft]", "x{y}", "plain"]
    result = edit(text, "tags", items)
    assert values(result)["tags"] == items
    assert result.count("\n") == text.count("\n")


def test_block_list_stays_block_with_its_indentation() -> None:
    text = "---\ntags:\n  - a\n  - b\nnext: 1\n---\n"
    assert edit(text, "tags", ["x", "y, z"]) == "---\ntags:\n  - x\n  - y, z\nnext: 1\n---\n"
    assert values(edit(text, "tags", ["x", "y, z"]))["tags"] == ["x", "y, z"]


def test_indentless_block_list_after_a_blank_line() -> None:
    path = corpus_file("jekyll-posts/docs/_posts/2020-05-27-jekyll-4-1-0-released.markdown")
    text = read(path)
    result = edit(text, "filters_linked_to", ["where expression", "sort"])
    assert "\n\nfilters_linked_to:\n- where expression\n- sort\n---\n" in result
    assert values(result) == {**values(text), "filters_linked_to": ["where expression", "sort"]}


def test_multi_line_flow_list_with_trailing_comma_is_replaced_whole() -> None:
    text = read(corpus_file("hugo-docs/content/en/templates/types.md"))
    result = edit(text, "aliases", ["/templates/base/"])
    assert values(result) == {**values(text), "aliases": ["/templates/base/"]}
    assert "'/templates/term/'" not in fm.split(result).front
    assert fm.split(result).body == fm.split(text).body


def test_wrapped_plain_scalar_is_replaced_with_all_its_lines() -> None:
    text = read(corpus_file("github-explore/topics/algorithm/index.md"))
    result = edit(text, "short_description", "Step-by-step procedures.")
    assert "short_description: Step-by-step procedures.\ntopic: algorithm\n" in result
    assert "of tasks." not in result.split("---")[1]
    assert values(result) == {**values(text), "short_description": "Step-by-step procedures."}


def test_empty_value_can_be_filled() -> None:
    text = read(corpus_file("github-explore/topics/openbsd/index.md"))
    result = edit(text, "aliases", "bsd")
    assert result.startswith("---\naliases: bsd\ncreated_by: Theo de Raadt\n")
    assert values(result) == {**values(text), "aliases": "bsd"}


def test_crlf_is_kept_when_editing_adding_and_removing() -> None:
    text = "---\r\ntitle: Old\r\ntags:\r\n  - a\r\n---\r\nBody\r\n"
    for result in (edit(text, "title", "New"), edit(text, "tags", ["x", "y"]), edit(text, "draft", True),
                   fm_edit.remove_key(fm.split(text), "tags").join()):
        assert result.count("\n") == result.count("\r\n")
        assert result.endswith("---\r\nBody\r\n")


def test_crlf_corpus_file_stays_crlf() -> None:
    path = corpus_file("github-explore/topics/altv/index.md")
    text = read(path)
    result = edit(text, "display_name", "alt:V multiplayer")
    assert result.count("\n") == result.count("\r\n")
    assert values(result)["display_name"] == "alt:V multiplayer"
    assert sum(a != b for a, b in zip(text.splitlines(True), result.splitlines(True))) == 1


@pytest.mark.parametrize("old, new, expected", [
    ("date: 2025-01-29 18:15:32 +0530", dt.datetime(2025, 2, 1, 9, 0, 0, tzinfo=IST),
     "date: 2025-02-01 09:00:00 +0530"),
    ("date: 2024-01-02T10:00:00Z", dt.datetime(2024, 3, 4, 5, 6, 7, tzinfo=dt.timezone.utc),
     "date: 2024-03-04T05:06:07Z"),
    ("date: 2024-01-02 10:00:00", dt.datetime(2024, 3, 4, 5, 6, 7), "date: 2024-03-04 05:06:07"),
    ("date: 2024-05-26T09:10:33-07:00", dt.datetime(2024, 6, 1, 8, 0, tzinfo=dt.timezone(-dt.timedelta(hours=7))),
     "date: 2024-06-01T08:00:00-07:00"),
    ("date: 2024-01-02", dt.date(2024, 12, 31), "date: 2024-12-31"),
    ("date: '2024-01-02'", "2024-12-31", "date: '2024-12-31'"),
])
def test_date_format_is_kept(old: str, new: Any, expected: str) -> None:
    result = edit(f"---\n{old}\n---\n", "date", new)
    assert result == f"---\n{expected}\n---\n"
    assert values(result)["date"] == new


def test_multi_line_string_becomes_a_literal_block() -> None:
    text = "---\ndescription: one line\nnext: 1\n---\n"
    result = edit(text, "description", "first line\nsecond line\n")
    assert values(result) == {"description": "first line\nsecond line\n", "next": 1}
    assert result.endswith("next: 1\n---\n")


# --- adding and removing keys --------------------------------------------------------------------


def test_new_key_is_appended_before_the_closing_delimiter() -> None:
    text = "---\ntitle: Post\ndate: 2024-01-02\n---\nBody\n"
    result = edit(text, "draft", True)
    assert result == "---\ntitle: Post\ndate: 2024-01-02\ndraft: true\n---\nBody\n"


def test_new_key_after_a_trailing_comment_and_new_list_key() -> None:
    text = "---\ntitle: Post\n# a comment\n---\n"
    result = edit(text, "tags", ["a", "b"])
    assert result.startswith("---\ntitle: Post\n# a comment\n")
    assert result.endswith("---\n")
    assert values(result) == {"title": "Post", "tags": ["a", "b"]}


def test_new_key_whose_name_needs_quotes() -> None:
    result = edit("---\ntitle: Post\n---\n", "odd: key", "v")
    assert values(result) == {"title": "Post", "odd: key": "v"}


def test_adding_a_field_to_a_post_without_front_matter_creates_a_block() -> None:
    result = edit("Just text.\n", "title", "New")
    assert result == "---\ntitle: New\n---\nJust text.\n"


def test_adding_to_comment_only_front_matter() -> None:
    text = read(corpus_file("hugo-docs/content/en/_common/store-methods.md"))
    result = edit(text, "title", "Store methods")
    assert "# Do not remove front matter.\ntitle: Store methods\n---\n" in result
    assert values(result) == {"title": "Store methods"}


def test_removing_a_key_removes_only_its_lines() -> None:
    text = ("---\ntitle: Post\ntags:\n  - a\n  - b\nparams:\n  nested: 1\n  deeper:\n    x: y\n"
            "draft: true\n---\nBody\n")
    doc = fm.split(text)
    assert fm_edit.remove_key(doc, "tags").join() == (
        "---\ntitle: Post\nparams:\n  nested: 1\n  deeper:\n    x: y\ndraft: true\n---\nBody\n")
    assert fm_edit.remove_key(doc, "params").join() == (
        "---\ntitle: Post\ntags:\n  - a\n  - b\ndraft: true\n---\nBody\n")
    assert fm_edit.remove_key(doc, "draft").join() == text.replace("draft: true\n", "")
    assert fm_edit.remove_key(doc, "missing").join() == text


def test_removing_a_wrapped_scalar_from_a_corpus_file() -> None:
    text = read(corpus_file("github-explore/topics/algorithm/index.md"))
    result = fm_edit.remove_key(fm.split(text), "short_description").join()
    expected = dict(values(text))
    del expected["short_description"]
    assert values(result) == expected
    assert len(text.splitlines()) - len(result.splitlines()) == 2


def test_duplicate_keys_edit_the_last_occurrence() -> None:
    text = read(corpus_file("github-explore/topics/qiskit/index.md"))
    result = edit(text, "released", "April 2017")
    assert "released: February 4, 2021\n" in result  # the first, ignored occurrence is left alone
    assert "released: April 2017\n" in result
    assert values(result)["released"] == "April 2017"


def test_duplicate_keys_hand_made() -> None:
    assert edit("---\ntitle: A\ntitle: B\n---\n", "title", "C") == "---\ntitle: A\ntitle: C\n---\n"


def test_nested_key_with_the_same_name_is_not_edited() -> None:
    text = "---\nparams:\n  title: inner\ntitle: outer\n---\n"
    assert edit(text, "title", "new") == "---\nparams:\n  title: inner\ntitle: new\n---\n"


# --- TOML and JSON -------------------------------------------------------------------------------


TOML_POST = '+++\ntitle = "Old"  \ndraft = false\nweight = 3\ntags = ["a"]\n\n[params]\nx = 1\n[menu.main]\nweight = 10\n+++\nBody\n'


def test_toml_edit_changes_one_line() -> None:
    result = edit(TOML_POST, "title", 'New "quoted"')
    assert result == TOML_POST.replace('"Old"', '"New \\"quoted\\""')  # trailing spaces kept
    assert values(result)["title"] == 'New "quoted"'


def test_toml_edits_keep_other_values() -> None:
    result = edit(edit(TOML_POST, "draft", True), "tags", ["x", "y"])
    assert values(result) == {**values(TOML_POST), "draft": True, "tags": ["x", "y"]}
    assert result.endswith("\n[params]\nx = 1\n[menu.main]\nweight = 10\n+++\nBody\n")


def test_toml_keys_inside_tables_are_not_the_top_level_key() -> None:
    result = edit(TOML_POST, "weight", 4)
    assert result == TOML_POST.replace("weight = 3\n", "weight = 4\n")
    assert values(result)["menu"] == {"main": {"weight": 10}}
    removed = fm_edit.remove_key(fm.split(TOML_POST), "weight").join()
    assert removed == TOML_POST.replace("weight = 3\n", "")
    untouched = "+++\ntitle = 'T'\n[params]\nweight = 5\n+++\n"
    assert fm_edit.remove_key(fm.split(untouched), "weight").join() == untouched


def test_toml_new_key_goes_before_the_first_table() -> None:
    result = edit(TOML_POST, "date", dt.date(2024, 5, 6))
    assert result == TOML_POST.replace('tags = ["a"]\n', 'tags = ["a"]\ndate = 2024-05-06\n')
    assert values(result)["date"] == dt.date(2024, 5, 6)
    assert values(edit(TOML_POST, "odd key", 1))["odd key"] == 1


def test_toml_literal_strings_comments_and_spacing_are_kept() -> None:
    # What `hugo new content` writes: single-quoted literal strings.
    text = "+++\ndate = '2024-01-02T10:00:00+01:00'\ntitle   =   'My first post'  # working title\n+++\n"
    result = edit(text, "title", "Hello, Hugo")
    assert result == text.replace("'My first post'", "'Hello, Hugo'")
    assert values(edit(text, "title", "It's"))["title"] == "It's"  # a literal cannot hold '


def test_toml_datetime_keeps_its_form() -> None:
    text = "+++\ndate = 2024-01-02T10:00:00Z\n+++\n"
    new = dt.datetime(2024, 2, 3, 4, 5, 6, tzinfo=dt.timezone.utc)
    assert edit(text, "date", new) == "+++\ndate = 2024-02-03T04:05:06Z\n+++\n"


def test_toml_multi_line_array_is_replaced_whole() -> None:
    text = "+++\ntags = [\n  'a',\n  'b',\n]\nz = 1\n+++\n"
    result = edit(text, "tags", ["c"])
    assert result == "+++\ntags = ['c']\nz = 1\n+++\n"


def test_toml_remove_key() -> None:
    result = fm_edit.remove_key(fm.split(TOML_POST), "draft").join()
    assert result == TOML_POST.replace("draft = false\n", "")


JSON_POST = '{\n    "title": "Old",\n    "draft": false,\n    "tags": ["a"],\n    "params": {"x": 1}\n}\n\nBody\n'


def test_json_edit_changes_only_the_value() -> None:
    result = edit(JSON_POST, "title", 'New "quoted" ☕')
    assert result == JSON_POST.replace('"Old"', '"New \\"quoted\\" ☕"')
    assert values(result)["title"] == 'New "quoted" ☕'
    listed = edit(JSON_POST, "tags", ["x", "y"])
    assert listed == JSON_POST.replace('["a"]', '["x", "y"]')


def test_json_new_key_is_appended_with_the_same_indentation() -> None:
    added = edit(JSON_POST, "date", dt.date(2024, 1, 2))
    assert added == JSON_POST.replace('{"x": 1}\n}', '{"x": 1},\n    "date": "2024-01-02"\n}')
    assert values(added)["date"] == "2024-01-02"
    one_line = edit('{"title": "x"}\nBody\n', "draft", True)
    assert one_line == '{"title": "x", "draft": true}\nBody\n'


def test_json_remove_key_removes_only_its_line() -> None:
    for key in ("title", "draft", "params"):
        removed = fm_edit.remove_key(fm.split(JSON_POST), key).join()
        expected = dict(values(JSON_POST))
        del expected[key]
        assert values(removed) == expected
        assert len(removed.splitlines()) == len(JSON_POST.splitlines()) - 1
        assert removed.endswith("}\n\nBody\n")


def test_json_crlf_is_kept() -> None:
    text = '{\r\n  "a": 1\r\n}\r\nBody\r\n'
    result = edit(text, "draft", True)
    assert result == '{\r\n  "a": 1,\r\n  "draft": true\r\n}\r\nBody\r\n'


def test_json_same_value_is_unchanged() -> None:
    assert edit(JSON_POST, "tags", ["a"]) == JSON_POST


# --- TOML: multi-line strings, inline tables, tables -------------------------------------------


TOML_LONG = (
    "+++\n"
    "title = 'Post'\n"
    'description = """\n'
    "First line\n"
    "[not a table] # not a comment\n"
    'tags = ["not", "a key"]\n'
    '"""\n'
    "notes = '''\n"
    "C:\\path\\ ''\n"
    "'''  # literal\n"
    "author = { name = 'Ann', url = 'https://a.example' }\n"
    "resources = [\n"
    "  { src = 'a.jpg', title = 'A' },\n"
    "  { src = 'b.jpg', title = 'B' },\n"
    "]\n"
    "draft = false\n"
    "\n"
    "[params]\n"
    "x = 1  # keep\n"
    "+++\n"
    "Body\n"
)


@pytest.mark.parametrize("key", ["description", "notes", "author", "resources"])
def test_toml_removing_a_multi_line_or_inline_value_removes_exactly_its_lines(key: str) -> None:
    doc = fm.split(TOML_LONG)
    removed = fm_edit.remove_key(doc, key)
    expected = fm.parse(doc)
    del expected[key]
    assert fm.parse(removed) == expected
    old_lines, new_lines = doc.front.splitlines(True), removed.front.splitlines(True)
    start = next(i for i, line in enumerate(old_lines) if line.startswith(key))
    gone = len(old_lines) - len(new_lines)
    assert old_lines[:start] + old_lines[start + gone:] == new_lines


def test_toml_multi_line_strings_keep_their_quotes() -> None:
    doc = fm.split(TOML_LONG)
    edited = fm_edit.set_value(fm_edit.set_value(doc, "description", 'New\n"""quoted"""\nend\n'),
                               "notes", "D:\\other\n")
    values = fm.parse(edited)
    assert values["description"] == 'New\n"""quoted"""\nend\n'
    assert values["notes"] == "D:\\other\n"
    assert "notes = '''\nD:\\other\n'''  # literal\nauthor = " in edited.front
    assert 'description = """\nNew\n' in edited.front
    assert edited.front.endswith("draft = false\n\n[params]\nx = 1  # keep\n")


def test_toml_multi_line_string_in_a_crlf_file_keeps_crlf() -> None:
    text = TOML_LONG.replace("\n", "\r\n")
    result = edit(text, "description", "a\nb")
    assert result.count("\n") == result.count("\r\n")
    assert values(result)["description"] == "a\nb"


def test_toml_literal_string_falls_back_to_basic_when_it_cannot_hold_the_text() -> None:
    result = edit(TOML_LONG, "notes", "has ''' three quotes\n")
    assert values(result)["notes"] == "has ''' three quotes\n"


def test_toml_inline_table_is_edited_on_its_line() -> None:
    result = edit(TOML_LONG, "author", {"name": "Bo", "url": "https://b.example", "mail": "b@x"})
    assert "author = { name = 'Bo', url = 'https://b.example', mail = 'b@x' }\n" in result
    assert values(result) == {**values(TOML_LONG), "author": {"name": "Bo", "url": "https://b.example",
                                                                "mail": "b@x"}}


def test_toml_array_of_inline_tables_stays_one_table_per_line() -> None:
    new = [{"src": "c.jpg", "title": "C"}]
    result = edit(TOML_LONG, "resources", new)
    assert "resources = [\n  { src = 'c.jpg', title = 'C' },\n]\ndraft = false\n" in result
    assert values(result)["resources"] == new


def test_toml_dict_for_a_new_key_is_an_inline_table() -> None:
    result = edit("+++\ntitle = 'T'\n+++\n", "menu", {"main": {"weight": 2}})
    assert result == "+++\ntitle = 'T'\nmenu = { main = { weight = 2 } }\n+++\n"


TOML_TABLES = (
    "+++\ntitle = 'T'\n\n[params]\nauthor = 'Ann'  # who\ncolor = 'red'\n\n[params.social]\n"
    "x = 'ann'\n\n[[cascade]]\nbuild = 'never'\n+++\nBody\n"
)


def test_toml_table_is_edited_key_by_key() -> None:
    new = {"author": "Bo", "color": "red", "social": {"x": "bo", "gh": "bo"}, "size": 3}
    result = edit(TOML_TABLES, "params", new)
    assert result == (
        "+++\ntitle = 'T'\n\n[params]\nauthor = 'Bo'  # who\ncolor = 'red'\nsize = 3\n\n[params.social]\n"
        "x = 'bo'\ngh = \"bo\"\n\n[[cascade]]\nbuild = 'never'\n+++\nBody\n")
    assert values(result)["params"] == new


def test_toml_table_keys_and_sub_tables_can_be_removed() -> None:
    result = edit(TOML_TABLES, "params", {"color": "blue"})
    assert values(result)["params"] == {"color": "blue"}
    assert "[params.social]" not in result and "# who" not in result
    assert values(result)["cascade"] == [{"build": "never"}]


def test_toml_array_of_tables_is_written_anew_in_place() -> None:
    new = [{"build": "always"}, {"target": {"path": "/blog/**"}}]
    result = edit(TOML_TABLES, "cascade", new)
    assert values(result) == {**values(TOML_TABLES), "cascade": new}
    assert result.endswith('[[cascade]]\nbuild = "always"\n\n[[cascade]]\ntarget = { path = "/blog/**" }\n+++\nBody\n')


def test_toml_removing_a_table_removes_its_sub_tables() -> None:
    result = fm_edit.remove_key(fm.split(TOML_TABLES), "params").join()
    assert result == "+++\ntitle = 'T'\n\n[[cascade]]\nbuild = 'never'\n+++\nBody\n"


def test_toml_none_removes_the_key() -> None:
    assert edit(TOML_POST, "draft", None) == TOML_POST.replace("draft = false\n", "")


def test_toml_dotted_keys_are_replaced_by_one_inline_table() -> None:
    text = "+++\ntitle = 'T'\nparams.a = 1\nparams.b = 2\ndraft = true\n+++\n"
    result = edit(text, "params", {"a": 5})
    assert result == "+++\ntitle = 'T'\nparams = { a = 5 }\ndraft = true\n+++\n"


# --- YAML: nested values ------------------------------------------------------------------------


NESTED = """---
title: Nested
params:
    author: Ann  # the writer
    # colours follow the theme
    color: red
    social:
        x: ann
        gh: ann
menu:
  main:
    weight: 10
authors:
  - name: Ann
    url: https://a.example
  - name: Bo
    url: https://b.example
draft: false
---
Body
"""


def test_nested_mapping_edit_changes_only_the_changed_nested_lines() -> None:
    new = {"author": "Bo", "color": "red", "social": {"x": "bo", "gh": "ann"}}
    result = edit(NESTED, "params", new)
    assert result == NESTED.replace("author: Ann  #", "author: Bo  #").replace("x: ann", "x: bo")
    assert values(result) == {**values(NESTED), "params": new}


def test_nested_keys_are_added_after_the_last_and_removed_with_their_lines() -> None:
    new = {"author": "Ann", "social": {"x": "ann", "gh": "ann", "web": "a.example"}, "size": 3}
    result = edit(NESTED, "params", new)
    assert "    social:\n        x: ann\n        gh: ann\n        web: a.example\n    size: 3\nmenu:" in result
    assert "color" not in result and "# colours follow the theme" in result
    assert values(result) == {**values(NESTED), "params": new}


def test_new_nested_mapping_uses_the_files_indentation() -> None:
    result = edit(NESTED, "seo", {"title": "T", "robots": {"index": False}})
    assert result.endswith("draft: false\nseo:\n    title: T\n    robots:\n        index: false\n---\nBody\n")


def test_dict_over_a_flow_mapping_or_a_scalar_is_written_in_block_style() -> None:
    text = "---\nparams: {author: Ann}\nnext: 1\n---\n"
    result = edit(text, "params", {"author": "Bo", "tags": ["a, b", "c"], "note": "two\nlines\n"})
    assert result == '---\nparams:\n  author: Bo\n  tags:\n  - a, b\n  - c\n  note: |\n    two\n    lines\nnext: 1\n---\n'
    assert values(result)["params"] == {"author": "Bo", "tags": ["a, b", "c"], "note": "two\nlines\n"}


def test_list_of_dicts_keeps_unchanged_items_and_their_indentation() -> None:
    new = [{"name": "Ann", "url": "https://a.example"}, {"name": "Cy"}, {"name": "Di", "links": ["x"]}]
    result = edit(NESTED, "authors", new)
    assert "authors:\n  - name: Ann\n    url: https://a.example\n  - name: Cy\n  - name: Di\n    links:\n" in result
    assert values(result) == {**values(NESTED), "authors": new}


def test_list_of_dicts_for_a_new_key_is_a_block_list() -> None:
    result = edit("---\ntitle: T\n---\n", "authors", [{"name": "a", "url": "b"}, {"name": "c"}])
    assert result == "---\ntitle: T\nauthors:\n  - name: a\n    url: b\n  - name: c\n---\n"


def test_nested_values_that_need_quotes_read_back_exactly() -> None:
    new = {"yes": "no", "1": 1, "when": dt.date(2024, 1, 2), "text": "2024-01-02", "empty": "",
           "none": None, "colon": "a: b", "list": [], "map": {}, "deep": [{"a": [{"b": "#c"}]}]}
    result = edit(NESTED, "params", new)
    assert values(result)["params"] == new
    assert values(result)["menu"] == {"main": {"weight": 10}}


def test_nested_edit_in_a_crlf_file_keeps_crlf() -> None:
    text = NESTED.replace("\n", "\r\n")
    result = edit(text, "params", {"author": "Bo", "added": {"k": "v"}})
    assert result.count("\n") == result.count("\r\n")
    assert values(result)["params"] == {"author": "Bo", "added": {"k": "v"}}


# --- JSON: nested values ------------------------------------------------------------------------


def test_json_nested_value_uses_the_files_indentation() -> None:
    result = edit(JSON_POST, "author", {"name": "Ann", "links": ["x"]})
    assert result.endswith('"params": {"x": 1},\n    "author": {\n        "name": "Ann",\n'
                           '        "links": [\n            "x"\n        ]\n    }\n}\n\nBody\n')
    assert values(result)["author"] == {"name": "Ann", "links": ["x"]}


def test_json_one_line_object_stays_on_one_line() -> None:
    result = edit(JSON_POST, "params", {"x": 2, "when": dt.date(2024, 1, 2)})
    assert result == JSON_POST.replace('{"x": 1}', '{"x": 2, "when": "2024-01-02"}')


def test_a_boolean_over_a_capitalised_string_is_written_in_lower_case() -> None:
    doc = fm.split("---\ntitle: Yes please\ndraft: False\n---\n")
    assert "title: true\n" in fm_edit.set_value(doc, "title", True).front
    assert "draft: True\n" in fm_edit.set_value(doc, "draft", True).front  # a capitalised boolean stays so
