"""What the editor's Markdown keys do to the text, on plain strings (markdown_text has no Qt)."""

from __future__ import annotations

import pytest

from desktop_app.ui.editor import markdown_text as md


def after_enter(text: str, before: list[str] | None = None) -> str:
    """The line after Enter at the end of `text`, with `|` where the caret lands."""
    change = md.enter(before or [], text, len(text))
    assert change is not None
    return change.text[:change.caret] + "|" + change.text[change.caret:]


@pytest.mark.parametrize("line, continued", [
    ("- milk", "- milk\n- |"),
    ("* milk", "* milk\n* |"),
    ("+ milk", "+ milk\n+ |"),
    ("4. four", "4. four\n5. |"),
    ("9) nine", "9) nine\n10) |"),
    ("- [x] done", "- [x] done\n- [ ] |"),
    ("1. [ ] task", "1. [ ] task\n2. [ ] |"),
    ("  - indented", "  - indented\n  - |"),
    ("> quoted", "> quoted\n> |"),
    ("> - in a quote", "> - in a quote\n> - |"),
    ("1.  wide", "1.  wide\n2.  |"),
])
def test_enter_continues_every_kind_of_list(line: str, continued: str) -> None:
    assert after_enter(line) == continued


@pytest.mark.parametrize("line", ["4. ", "- ", "* ", "+ ", "7) ", "- [ ] ", "1. [x] "])
def test_enter_on_an_empty_item_ends_the_list_with_a_blank_line(line: str) -> None:
    # The bug: an empty `4. ` was compared with the next number and became `5. `.
    assert after_enter(line, ["1. one", "2. two", "3. three"]) == "\n|"


def test_a_quote_ends_one_level_at_a_time() -> None:
    assert after_enter("> - ", ["> - item"]) == ">\n> |"
    assert after_enter("> ") == "\n|"


@pytest.mark.parametrize("before, line, outdented", [
    (["- a", "    - b"], "    - ", "- |"),
    (["1. a", "    - b"], "    - ", "2. |"),
    (["1. a", "    1. b", "        - c"], "        - ", "    2. |"),
    (["- a", "  - b"], "  - ", "- |"),
])
def test_enter_on_an_empty_nested_item_outdents_it_first(before: list[str], line: str, outdented: str) -> None:
    assert after_enter(line, before) == outdented


def test_enter_inside_an_item_splits_it() -> None:
    change = md.enter([], "- milk and eggs", len("- milk"))
    assert change is not None and change.text == "- milk\n- and eggs" and change.text[change.caret:] == "and eggs"


@pytest.mark.parametrize("line", ["plain text", "---", "***", "# Heading", "-not a list", "1.5 litres"])
def test_enter_elsewhere_is_a_plain_new_line(line: str) -> None:
    assert md.enter([], line, len(line)) is None


def test_enter_before_the_marker_is_a_plain_new_line() -> None:
    assert md.enter([], "- item", 0) is None


def test_tab_and_shift_tab_move_an_item_a_level_and_renumber_it() -> None:
    assert md.indent_item(["1. a", "2. b"], "3. c") == "    1. c"
    assert md.indent_item(["1. a", "    1. b"], "2. c") == "    2. c"
    assert md.outdent_item(["1. a", "    1. b"], "    2. c") == "2. c"
    assert md.indent_item([], "- [ ] task") == "    - [ ] task"
    assert md.outdent_item([], "- top") is None
    assert md.indent_item([], "plain") is None
    assert md.outdent_line("      code") == "  code" and md.outdent_line("\tx") == "x"


@pytest.mark.parametrize("text, start, end, marker, result", [
    ("a word here", 2, 6, "**", "a **word** here"),
    ("a **word** here", 4, 8, "**", "a word here"),  # off again
    ("a **word** here", 2, 10, "**", "a word here"),  # the selection holds the stars
    ("a **word** here", 4, 8, "*", "a ***word*** here"),  # italic inside bold
    ("a ***word*** here", 5, 9, "*", "a **word** here"),  # italic off, bold stays
    ("a ***word*** here", 5, 9, "**", "a *word* here"),
    ("a *word* here", 3, 7, "**", "a ***word*** here"),
    ("end ", 4, 4, "**", "end ****"),
    ("end ****", 6, 6, "**", "end "),  # an empty pair goes
])
def test_bold_and_italic_toggle(text: str, start: int, end: int, marker: str, result: str) -> None:
    wrapped = md.toggle_emphasis(text, start, end, marker)
    assert text[:wrapped.start] + wrapped.replacement + text[wrapped.end:] == result


def test_code_wraps_a_span_or_fences_lines_and_unwraps() -> None:
    wrapped = md.toggle_code("run ls now", 4, 6)
    assert wrapped.replacement == "`ls`"
    assert md.toggle_code("run `ls` now", 5, 7).replacement == "ls"
    assert md.toggle_code("a `tick", 2, 7).replacement == "`` `tick ``"
    fenced = md.toggle_code("one\ntwo", 0, 7)
    assert fenced.replacement == "```\none\ntwo\n```"
    assert fenced.replacement[fenced.select_start:fenced.select_end] == "one\ntwo"
    assert md.toggle_code("```\none\n```", 0, 11).replacement == "one"


@pytest.mark.parametrize("text, start, end, clipboard, result, caret_before", [
    ("see docs", 4, 8, "https://example.org/x", "see [docs](https://example.org/x)", "see [docs](https://example.org/x)"),
    ("see docs", 4, 8, "not a url", "see [docs]()", "see [docs]("),
    ("see ", 4, 4, "https://example.org", "see [](https://example.org)", "see ["),
    ("see https://example.org", 4, 23, "", "see [](https://example.org)", "see ["),
    ("a [docs](https://x.org) b", 5, 5, "", "a docs b", "a "),  # Ctrl+K in a link takes it away
    ("mail me", 5, 7, "mailto:me@example.org", "mail [me](mailto:me@example.org)", "mail [me](mailto:me@example.org)"),
])
def test_link_uses_the_clipboards_url(text: str, start: int, end: int, clipboard: str, result: str,
                                      caret_before: str) -> None:
    wrapped = md.make_link(text, start, end, clipboard)
    new = text[:wrapped.start] + wrapped.replacement + text[wrapped.end:]
    assert new == result
    assert new[:wrapped.start + wrapped.select_start] == caret_before


@pytest.mark.parametrize("char, before, after, closer", [
    ("(", "see ", "", ")"), ("[", "", " more", "]"), ('"', "say ", "", '"'), ("`", "run ", "", "`"),
    ("(", "", "word", None),  # before a word: no pair
    ('"', "word", "", None), ("`", "``", "", None),  # a third backtick opens a fence
    ("'", "don", "", None), ("'", " ", "", None),  # apostrophes never pair
    ("*", " ", "", None), ("_", "", "", None),
])
def test_pairs_only_where_they_help(char: str, before: str, after: str, closer: str | None) -> None:
    assert md.pair_for(char, before, after) == closer


def test_a_table_lines_up_with_its_alignment_and_wide_characters() -> None:
    rows = ["Name|Qty|Note", ":--|--:|:-:", "apple|3|fresh", "梨|12|x"]
    assert md.align_table(rows) == [
        "| Name  | Qty | Note  |",
        "| :---- | --: | :---: |",
        "| apple |   3 | fresh |",
        "| 梨    |  12 |   x   |",
    ]


def test_a_table_keeps_escaped_pipes_and_extra_cells() -> None:
    assert md.align_table(["| a | b |", "|---|---|", "| x \\| y | z | extra |"]) == [
        "| a      | b   |", "| ------ | --- |", "| x \\| y | z   | extra |"]


def test_table_extent_needs_a_delimiter_row() -> None:
    lines = ["text", "a | b", "--|--", "1 | 2", "", "x | y"]
    assert md.table_extent(lines, 3) == (1, 4) and md.table_extent(lines, 1) == (1, 4)
    assert md.table_extent(lines, 5) is None and md.table_extent(lines, 0) is None
    assert md.table_extent(["a | b", "not a delimiter"], 0) is None
