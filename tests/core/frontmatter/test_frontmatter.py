"""Front matter: lossless split/join on real posts, and values read the way the site reads them."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop_app.core.errors import FrontMatterError
from desktop_app.core.frontmatter import parse as fm
from tests.core.corpus import EXPECTED_FILES, NAMES, corpus_file, markdown_files

IST = dt.timezone(dt.timedelta(hours=5, minutes=30))


# --- the real corpora ----------------------------------------------------------------------------


@pytest.mark.parametrize("corpus", NAMES)
def test_every_corpus_file_splits_joins_and_parses(corpus: str) -> None:
    files = markdown_files(corpus)
    assert len(files) == EXPECTED_FILES[corpus]
    problems = []
    for path in files:
        data = path.read_bytes()
        text = data.decode("utf-8")
        doc = fm.split(text)
        if doc.join().encode("utf-8") != data:
            problems.append(f"{path}: join changed the bytes")
        if doc.format != fm.YAML:  # the README: every corpus file has YAML front matter
            problems.append(f"{path}: read as {doc.format}")
        try:
            fm.parse(doc)
        except FrontMatterError as error:
            problems.append(f"{path}: {error}")
    assert not problems, "\n".join(problems[:20])


def test_crlf_corpus_file_keeps_crlf_and_reads_values() -> None:
    path = corpus_file("github-explore/topics/adventurex2025/index.md")
    text = path.read_bytes().decode("utf-8")
    assert "\r\n" in text
    doc = fm.split(text)
    assert doc.newline == "\r\n"
    assert doc.opening == "---\r\n"
    assert doc.join() == text
    values = fm.parse(doc)
    assert values["topic"] == "adventurex2025"
    assert all(isinstance(key, str) and "\r" not in key for key in values)


@pytest.mark.parametrize("relative", [
    "hugo-docs/content/en/content-management/formats.md",
    "hugo-docs/content/en/content-management/archetypes.md",
    "jekyll-posts/docs/_posts/2022-10-20-jekyll-4-3-0-released.markdown",
])
def test_corpus_body_lines_equal_to_the_delimiter_stay_in_the_body(relative: str) -> None:
    text = corpus_file(relative).read_text(encoding="utf-8")
    doc = fm.split(text)
    values = fm.parse(doc)
    assert values.get("title")
    assert "\n---\n" in doc.body or doc.body.startswith("---\n")
    # The front matter is only the first block: it holds no Markdown heading or prose.
    assert "title:" in doc.front and "\n#" not in doc.front
    assert doc.join() == text


def test_comment_only_front_matter_reads_as_no_fields() -> None:
    text = corpus_file("hugo-docs/content/en/_common/store-methods.md").read_text(encoding="utf-8")
    doc = fm.split(text)
    assert doc.format == fm.YAML
    assert "# Do not remove front matter." in doc.front
    assert fm.parse(doc) == {}


def test_duplicate_key_reads_the_last_value_like_the_site_does() -> None:
    text = corpus_file("github-explore/topics/qiskit/index.md").read_text(encoding="utf-8")
    assert fm.parse(fm.split(text))["released"] == "March 2017"


def test_corpus_duplicate_key_is_reported_with_both_lines() -> None:
    text = corpus_file("github-explore/topics/qiskit/index.md").read_text(encoding="utf-8")
    assert text.splitlines()[5] == "released: February 4, 2021"  # file line 6
    assert text.splitlines()[12] == "released: March 2017"  # file line 13
    post = fm.read_post(text)
    assert post.values["released"] == "March 2017"
    assert post.values["topic"] == "qiskit"
    assert post.error is not None
    assert (post.error.line, post.error.column) == (13, 1)
    assert post.error.reason == "duplicate key 'released' (also on line 6)"


def test_jekyll_corpus_dates_read_as_aware_datetimes() -> None:
    text = corpus_file("jekyll-posts/docs/_posts/2020-05-27-jekyll-4-1-0-released.markdown").read_text("utf-8")
    date = fm.parse(fm.split(text))["date"]
    assert isinstance(date, dt.datetime)
    assert date.utcoffset() is not None


# --- formats -------------------------------------------------------------------------------------


def test_yaml_front_matter() -> None:
    text = "---\ntitle: Hello\ntags: [a, b]\ndraft: false\n---\n\nBody text.\n"
    doc = fm.split(text)
    assert (doc.format, doc.opening, doc.closing) == (fm.YAML, "---\n", "---\n")
    assert doc.body == "\nBody text.\n"
    assert fm.parse(doc) == {"title": "Hello", "tags": ["a", "b"], "draft": False}
    assert doc.join() == text
    assert doc.body_line_offset == 5


def test_toml_front_matter() -> None:
    text = '+++\ntitle = "Hello"\ndate = 2024-01-02\ntags = ["a"]\n[params]\nx = 1\n+++\nBody\n'
    doc = fm.split(text)
    assert doc.format == fm.TOML
    assert fm.parse(doc) == {"title": "Hello", "date": dt.date(2024, 1, 2), "tags": ["a"], "params": {"x": 1}}
    assert doc.body == "Body\n"
    assert doc.join() == text


def test_json_front_matter() -> None:
    text = '{\n  "title": "Hello",\n  "tags": ["a", "b"]\n}\n\nBody with {braces}.\n'
    doc = fm.split(text)
    assert doc.format == fm.JSON
    assert fm.parse(doc) == {"title": "Hello", "tags": ["a", "b"]}
    assert doc.body == "\nBody with {braces}.\n"
    assert doc.join() == text


@pytest.mark.parametrize("text", [
    "# Just a heading\n\nAnd text.\n",
    "",
    "No newline at all",
    "{not json} but a body\n",
    "{{< figure src=\"a.png\" >}}\n\nText\n",  # a Hugo shortcode opens the body
    "{% raw %}\n{{ page.title }}\n{% endraw %}\n",  # Liquid
    "{: .lead}\nKramdown attribute list\n",
    "---",  # a lone thematic break without a newline is not a front-matter block
])
def test_text_without_front_matter_is_all_body(text: str) -> None:
    doc = fm.split(text)
    assert doc.format == fm.NONE
    assert doc.body == text
    assert fm.parse(doc) == {}
    assert doc.join() == text
    assert fm.read_post(text).error is None


def test_crlf_front_matter() -> None:
    text = "---\r\ntitle: Windows\r\ntags:\r\n  - a\r\n---\r\nLine one\r\nLine two\r\n"
    doc = fm.split(text)
    assert doc.newline == "\r\n"
    assert doc.closing == "---\r\n"
    assert fm.parse(doc) == {"title": "Windows", "tags": ["a"]}
    assert doc.body == "Line one\r\nLine two\r\n"
    assert doc.join() == text


def test_bom_is_kept_and_front_matter_still_found() -> None:
    text = "\ufeff---\ntitle: With BOM\n---\nBody\n"
    doc = fm.split(text)
    assert doc.bom is True
    assert doc.format == fm.YAML
    assert fm.parse(doc) == {"title": "With BOM"}
    assert doc.join() == text


def test_bom_with_crlf_and_toml() -> None:
    text = '\ufeff+++\r\ntitle = "T"\r\n+++\r\nBody\r\n'
    doc = fm.split(text)
    assert (doc.bom, doc.format, doc.newline) == (True, fm.TOML, "\r\n")
    assert fm.parse(doc) == {"title": "T"}
    assert doc.join() == text


def test_delimiter_inside_the_body_stays_body() -> None:
    text = "---\ntitle: Rules\n---\nAbove the rule\n\n---\n\nBelow the rule\n---\n"
    doc = fm.split(text)
    assert doc.front == "title: Rules\n"
    assert doc.body == "Above the rule\n\n---\n\nBelow the rule\n---\n"
    assert fm.parse(doc) == {"title": "Rules"}


def test_front_matter_only_without_final_newline() -> None:
    text = "---\ntitle: Section\n---"
    doc = fm.split(text)
    assert (doc.closing, doc.body) == ("---", "")
    assert fm.parse(doc) == {"title": "Section"}
    assert doc.join() == text


def test_empty_front_matter_block() -> None:
    doc = fm.split("---\n---\nBody\n")
    assert doc.format == fm.YAML
    assert fm.parse(doc) == {}
    assert doc.body == "Body\n"


# --- errors --------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "---\ntitle: Never closed\n\nSome body text\n",
    "+++\ntitle = 'Never closed'\n",
    "---\n",
])
def test_unterminated_block_is_an_error_on_line_one(text: str) -> None:
    with pytest.raises(FrontMatterError) as caught:
        fm.split(text)
    assert caught.value.line == 1
    assert "never closed" in caught.value.message
    assert "line 1" in caught.value.message


def test_unterminated_block_leaves_the_post_editable_as_text() -> None:
    text = "---\ntitle: Never closed\nBody\n"
    post = fm.read_post(text)
    assert post.error is not None and post.error.line == 1
    assert post.doc.join() == text
    assert post.values == {}


def test_invalid_yaml_reports_the_file_line_and_column() -> None:
    text = "---\ntitle: Fine\ndescription: a: b\n---\nbody\n"
    with pytest.raises(FrontMatterError) as caught:
        fm.parse(fm.split(text))
    error = caught.value
    assert (error.line, error.column) == (3, 15)  # the second ':' on the description line
    assert "line 3, column 15" in error.message


def test_invalid_yaml_position_counts_lines_after_a_bom_and_crlf() -> None:
    text = "\ufeff---\r\ntitle: Fine\r\ntags: [a, b\r\ndraft: true\r\n---\r\n"
    with pytest.raises(FrontMatterError) as caught:
        fm.parse(fm.split(text))
    assert caught.value.line == 4
    assert caught.value.column is not None


def test_invalid_toml_reports_the_file_line() -> None:
    with pytest.raises(FrontMatterError) as caught:
        fm.parse(fm.split('+++\ntitle = "x"\ndraft = \n+++\n'))
    assert caught.value.line == 3
    assert "line 3" in caught.value.message


def test_front_matter_that_is_not_a_mapping_is_an_error() -> None:
    with pytest.raises(FrontMatterError) as caught:
        fm.parse(fm.split("---\n- a\n- b\n---\n"))
    assert caught.value.line == 2


def test_read_post_keeps_the_body_when_the_front_matter_is_invalid() -> None:
    post = fm.read_post("---\ntitle: [unclosed\n---\nThe body.\n")
    assert post.error is not None
    assert post.doc.body == "The body.\n"
    assert post.values == {}


@pytest.mark.parametrize("text, line, column", [
    ('{\n  "title": "Trailing comma",\n}\n\nBody\n', 3, 1),
    ('{\n  "title": "Never closed"\n\nBody text\n', 4, 1),
    ('{"title": \'single quotes\'}\nBody\n', 1, 11),
    ('\ufeff{  \r\n  "draft": True\r\n}\r\nBody\r\n', 2, 12),  # BOM, CRLF, `{` and spaces
    ("{\n", 2, 1),
])
def test_broken_json_front_matter_is_an_error_and_nothing_is_lost(text: str, line: int, column: int) -> None:
    post = fm.read_post(text)
    assert post.error is not None
    assert (post.error.line, post.error.column) == (line, column)
    assert "JSON" in post.error.message
    assert post.doc.format == fm.NONE and post.doc.body == text  # shown as text, saved unchanged
    assert post.doc.join() == text
    assert post.values == {}


# --- duplicate keys ------------------------------------------------------------------------------


def test_duplicate_yaml_key_is_reported_and_the_last_value_is_read() -> None:
    post = fm.read_post("---\ntitle: First\ndraft: true\ntitle: Second\n---\nBody\n")
    assert post.values == {"title": "Second", "draft": True}
    assert post.error is not None
    assert (post.error.line, post.error.column) == (4, 1)
    assert post.error.reason == "duplicate key 'title' (also on line 2)"
    assert "line 4" in post.error.message


def test_duplicate_key_lines_count_the_bom_crlf_and_quoted_spellings() -> None:
    text = "\ufeff---\r\n'title': A\r\ntags:\r\n  - x\r\n\"title\": B\r\n---\r\nBody\r\n"
    post = fm.read_post(text)
    assert post.values["title"] == "B"
    assert post.error is not None and (post.error.line, post.error.column) == (5, 1)
    assert fm.duplicate_keys(post.doc) == [fm.DuplicateKey(("title",), 5, 1, 2)]


def test_nested_duplicates_are_reported_with_their_path() -> None:
    text = "---\nparams:\n  author: a\n  author: b\nauthors:\n  - name: x\n    name: y\n---\n"
    doc = fm.split(text)
    assert fm.parse(doc) == {"params": {"author": "b"}, "authors": [{"name": "y"}]}
    assert fm.duplicate_keys(doc) == [
        fm.DuplicateKey(("params", "author"), 4, 3, 3),
        fm.DuplicateKey(("authors", "0", "name"), 7, 5, 6),
    ]
    error = fm.read_post(text).error
    assert error is not None and error.reason == "duplicate key 'params.author' (also on line 3)"


def test_merge_keys_and_aliases_are_not_duplicates() -> None:
    text = "---\nbase: &base {a: 1, b: 2}\nfirst:\n  <<: *base\n  a: 3\nsecond: *base\n---\n"
    post = fm.read_post(text)
    assert post.error is None
    assert post.values["first"] == {"a": 3, "b": 2}
    assert fm.duplicate_keys(post.doc) == []


def test_keys_that_only_look_alike_are_not_duplicates() -> None:
    assert fm.read_post("---\n1: int\n'1': str\nTitle: a\ntitle: b\n---\n").error is None


def test_duplicate_json_keys_are_reported_with_their_position() -> None:
    text = '{\n  "title": "A",\n  "params": {"x": 1, "x": 2},\n  "title": "B"\n}\nBody\n'
    post = fm.read_post(text)
    assert post.values == {"title": "B", "params": {"x": 2}}
    assert post.error is not None
    assert post.error.reason == "duplicate key 'params.x' (also on line 3)"
    assert (post.error.line, post.error.column) == (3, 22)
    assert [(d.path, d.line, d.column, d.first_line) for d in fm.duplicate_keys(post.doc)] == [
        (("params", "x"), 3, 22, 3), (("title",), 4, 3, 2)]


@pytest.mark.parametrize("text, reason, line", [
    ('+++\ntitle = "A"\ndraft = true\ntitle = "B"\n+++\n', "duplicate key 'title' (also on line 2)", 4),
    ('+++\n[params]\nx = 1\n\n[params]\ny = 2\n+++\n', "duplicate key 'params' (also on line 2)", 5),
    ('+++\n[params]\nx = 1\nx = 2\n+++\n', "duplicate key 'params.x' (also on line 3)", 4),
    ("+++\r\na = '''\r\na = 1\r\n'''\r\na = 2\r\n+++\r\n", "duplicate key 'a' (also on line 2)", 5),
])
def test_duplicate_toml_keys_are_errors_that_say_where(text: str, reason: str, line: int) -> None:
    post = fm.read_post(text)
    assert post.values == {}  # TOML forbids them: Hugo refuses the file too
    assert post.error is not None
    assert (post.error.reason, post.error.line, post.error.column) == (reason, line, 1)
    assert fm.duplicate_keys(post.doc)[0].line == line


def test_toml_array_of_tables_repeats_names_without_duplicates() -> None:
    text = "+++\n[[res]]\nsrc = 'a'\n[res.params]\nx = 1\n[[res]]\nsrc = 'b'\n[res.params]\nx = 2\n+++\n"
    post = fm.read_post(text)
    assert post.error is None
    assert post.values["res"][1] == {"src": "b", "params": {"x": 2}}
    assert fm.duplicate_keys(post.doc) == []


# --- values --------------------------------------------------------------------------------------


def test_jekyll_style_time_is_an_aware_datetime() -> None:
    values = fm.parse(fm.split("---\ndate: 2025-01-29 18:15:32 +0530\n---\n"))
    assert values["date"] == dt.datetime(2025, 1, 29, 18, 15, 32, tzinfo=IST)
    assert values["date"].utcoffset() == dt.timedelta(hours=5, minutes=30)


def test_jekyll_style_time_with_negative_offset_and_no_seconds() -> None:
    values = fm.parse(fm.split("---\ndate: 2013-09-06 22:02 -0400\n---\n"))
    assert values["date"] == dt.datetime(2013, 9, 6, 22, 2, tzinfo=dt.timezone(-dt.timedelta(hours=4)))


def test_yaml_timestamps_read_as_dates_and_datetimes() -> None:
    values = fm.parse(fm.split("---\na: 2024-01-02\nb: 2024-01-02T10:00:00Z\nc: 2024-05-26T09:10:33-07:00\n---\n"))
    assert values["a"] == dt.date(2024, 1, 2)
    assert values["b"] == dt.datetime(2024, 1, 2, 10, tzinfo=dt.timezone.utc)
    assert values["c"].utcoffset() == -dt.timedelta(hours=7)


@pytest.mark.parametrize("line, expected", [
    ("date: '2024-01-02'", "2024-01-02"),
    ('date: "2024-01-02"', "2024-01-02"),
    ('date: "2025-01-29 18:15:32 +0530"', "2025-01-29 18:15:32 +0530"),
    ("date: '2024-01-02 10:00:00'", "2024-01-02 10:00:00"),
    ("title: '2024-01-02 10:00'", "2024-01-02 10:00"),
])
def test_quoted_dates_stay_strings(line: str, expected: str) -> None:
    values = fm.parse(fm.split(f"---\n{line}\n---\n"))
    assert list(values.values()) == [expected]


def test_quoted_corpus_date_stays_a_string() -> None:
    text = corpus_file("jekyll-posts/docs/_posts/2013-05-08-jekyll-1-0-1-released.markdown").read_text("utf-8")
    assert 'date: "2013-05-08 23:46:11 +0200"' in text
    assert fm.parse(fm.split(text))["date"] == "2013-05-08 23:46:11 +0200"


def test_parse_datetime_reads_the_forms_generators_write() -> None:
    assert fm.parse_datetime("2024-01-02") == dt.date(2024, 1, 2)
    assert fm.parse_datetime("2025-01-29 18:15:32 +0530") == dt.datetime(2025, 1, 29, 18, 15, 32, tzinfo=IST)
    assert fm.parse_datetime("2024-01-02T10:00:00Z") == dt.datetime(2024, 1, 2, 10, tzinfo=dt.timezone.utc)
    assert fm.parse_datetime("2024-01-02 9:05") == dt.datetime(2024, 1, 2, 9, 5)
    assert fm.parse_datetime("next Tuesday") is None
    assert fm.parse_datetime("2024-13-40") is None


def test_an_impossible_date_is_a_front_matter_error_not_a_crash() -> None:
    parsed = fm.read_post("---\ntitle: Leap\ndate: 2024-02-30\n---\nBody\n")
    assert parsed.error is not None and "day is out of range" in parsed.error.message
    assert parsed.doc.body == "Body\n"


@pytest.mark.parametrize("text", [
    '{"title": "Deep", "deep": ' + '{"a": ' * 1000 + "1" + "}" * 1000 + "}\nBody\n",
    '+++\ntitle = "Deep"\ndeep = ' + "{a = " * 1000 + "1" + "}" * 1000 + "\n+++\nBody\n",
    "---\ntitle: Deep\ndeep: " + "[" * 1000 + "]" * 1000 + "\n---\nBody\n",
], ids=["json", "toml", "yaml"])
def test_values_nested_a_thousand_levels_deep_are_an_error_not_a_crash(text: str) -> None:
    """Python's JSON and TOML readers recurse per level (libyaml has a limit of its own)."""
    parsed = fm.read_post(text)
    assert parsed.error is not None and "nest" in parsed.error.message and parsed.values == {}
    assert parsed.doc.join() == text  # the post is still all there, to fix as text
    with pytest.raises(FrontMatterError):
        fm.parse(fm.split(text)) if not text.startswith("{") else fm.split(text)
