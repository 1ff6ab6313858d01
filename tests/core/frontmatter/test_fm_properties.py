"""Property tests: for generated posts (YAML, TOML, JSON; LF or CRLF; BOM or not; with or
without a final newline; comments; every quoting and list style), splitting and joining gives
the text back, and setting or removing one field changes that field and nothing else.

The posts are written by independent writers: PyYAML's own dumper (with random styles, widths
and indentation), `json.dumps`, and a small TOML writer below, so the editor is not checked
against itself.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.core.frontmatter import edit as fm_edit
from desktop_app.core.frontmatter import parse as fm

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# --- values --------------------------------------------------------------------------------------

ZONES = [None, dt.timezone.utc, dt.timezone(dt.timedelta(hours=5, minutes=30)),
         dt.timezone(-dt.timedelta(hours=7))]
names = st.from_regex(r"[a-z][a-z0-9_]{0,7}", fullmatch=True)
odd_names = names | st.sampled_from(["with space", "odd: key", "true", "1", "ünï", "#hash", "-dash",
                                     "it's", 'say "hi"', "a.b"])
text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=24)
dates = st.dates(dt.date(1000, 1, 1), dt.date(9999, 12, 31))
datetimes = st.builds(lambda moment, zone: moment.replace(tzinfo=zone),
                      st.datetimes(dt.datetime(1000, 1, 2), dt.datetime(9999, 12, 30)),
                      st.sampled_from(ZONES))
numbers = st.integers(-(2**63), 2**63 - 1) | st.floats(allow_nan=False, width=64)


def scalars(fmt: str) -> st.SearchStrategy[Any]:
    common = text | st.booleans() | numbers
    if fmt == fm.JSON:
        return common | st.none()
    if fmt == fm.TOML:
        return common | dates | datetimes
    return common | dates | datetimes | st.none()


def values(fmt: str) -> st.SearchStrategy[Any]:
    """Scalars, lists, mappings and lists of mappings, two levels deep at most."""
    leaf = scalars(fmt)
    inner = leaf | st.lists(leaf, max_size=3) | st.dictionaries(names, leaf, max_size=3)
    return (leaf | st.lists(leaf, max_size=4) | st.dictionaries(names, inner, max_size=4)
            | st.lists(st.dictionaries(names, inner, min_size=1, max_size=3), min_size=1, max_size=3))


def strictly_equal(a: Any, b: Any) -> bool:
    """== that also tells 1 from True, a date from a date-time and +05:30 from UTC."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(strictly_equal(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(strictly_equal(x, y) for x, y in zip(a, b))
    if isinstance(a, dt.datetime):
        return a == b and a.utcoffset() == b.utcoffset()
    return bool(a == b)


# --- writers -------------------------------------------------------------------------------------


@st.composite
def yaml_fields(draw: st.DrawFn, key: str, value: Any) -> str:
    style = draw(st.sampled_from([None, None, "'", '"', "|", ">"])) if isinstance(value, str) else None
    if style in ("|", ">") and any(mark in value for mark in "\x85\u2028\u2029"):
        # PyYAML writes these line breaks inside a block scalar as they are, so a "..." after one
        # reads as the document's end: a flaw of its writer, not a spelling a writer would use.
        style = None
    options = {"allow_unicode": True, "sort_keys": False, "default_style": style,
               "width": draw(st.sampled_from([12, 40, 200])), "indent": draw(st.sampled_from([2, 4]))}
    # None: collections of scalars in flow style, `[a, b]`; but the field itself stays `key: ...`
    dumped = yaml.safe_dump({key: value}, default_flow_style=draw(st.sampled_from([False, None])), **options)
    if dumped.startswith("{"):
        dumped = yaml.safe_dump({key: value}, default_flow_style=False, **options)
    if "\n" not in dumped[:-1] and draw(st.booleans()) and not dumped.startswith(("'", '"')):
        dumped = dumped[:-1] + "  # a comment\n"
    return dumped


def toml_key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else json.dumps(key, ensure_ascii=False)


def toml_text(value: Any, draw: st.DrawFn) -> str:
    """A TOML value in one of its spellings (strings: basic, literal, and the multi-line kinds)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value in (float("inf"), float("-inf")):
        return "inf" if value > 0 else "-inf"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, list):
        items = [toml_text(item, draw) for item in value]
        return "[" + ", ".join(items) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{toml_key(k)} = {toml_text(v, draw)}" for k, v in value.items()) + " }"
    basic = json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")
    plain = not re.search("[\x00-\x08\x0a-\x1f\x7f']", value)
    options = [basic] + ([f"'{value}'"] if plain else [])
    if plain and "'''" not in value and not value.endswith("'"):
        options.append("'''\n" + value + "'''")
    return draw(st.sampled_from(options))


@st.composite
def toml_fields(draw: st.DrawFn, key: str, value: Any) -> str:
    if isinstance(value, list) and value and draw(st.booleans()):  # a multi-line array
        items = "".join(f"  {toml_text(item, draw)},  # item\n" for item in value)
        return f"{toml_key(key)} = [\n{items}]\n"
    comment = "  # a comment" if draw(st.booleans()) else ""
    return f"{toml_key(key)} = {toml_text(value, draw)}{comment}\n"


@st.composite
def posts(draw: st.DrawFn, fmt: str) -> str:
    """A whole post: front matter in `fmt`, then a body that tries to look like a delimiter."""
    fields = draw(st.dictionaries(names, values(fmt), max_size=6))
    if draw(st.booleans()):  # real front matter often has a nested block (params:, menu:)
        fields[draw(names)] = draw(st.dictionaries(names, values(fmt), min_size=1, max_size=4))
    if fmt == fm.TOML:
        fields = {k: v for k, v in fields.items() if not _has_none(v)}
    body = draw(st.lists(st.sampled_from(["---", "+++", "\tindented with a tab", "{{< shortcode >}}",
                                          "# Heading", "", "text: like a key", "}"]) | text.map(
        lambda t: t.replace("\r", "")), max_size=5))
    body_text = "\n".join(body)
    if fmt == fm.JSON:
        front = json.dumps(fields, ensure_ascii=False, indent=draw(st.sampled_from([None, 2, 4])))
        text_ = front + "\n" + body_text
    else:
        parts = []
        tables = []
        for key, value in fields.items():
            if draw(st.integers(0, 4)) == 0:
                parts.append("# a comment line\n")
            if fmt == fm.YAML:
                parts.append(draw(yaml_fields(key, value)))
            elif isinstance(value, dict) and value and draw(st.booleans()):
                tables.append(f"\n[{toml_key(key)}]\n" + "".join(draw(toml_fields(k, v)) for k, v in value.items()))
            else:
                parts.append(draw(toml_fields(key, value)))
        delimiter = "---" if fmt == fm.YAML else "+++"
        text_ = f"{delimiter}\n{''.join(parts)}{''.join(tables)}{delimiter}\n{body_text}"
    if draw(st.booleans()) and not text_.endswith("\n"):
        text_ += "\n"
    if draw(st.booleans()):
        text_ = text_.replace("\n", "\r\n")
    if draw(st.booleans()):
        text_ = "\ufeff" + text_
    return text_


def _has_none(value: Any) -> bool:
    if isinstance(value, dict):
        return any(_has_none(v) for v in value.values())
    if isinstance(value, list):
        return any(_has_none(v) for v in value)
    return value is None


formats = st.sampled_from([fm.YAML, fm.TOML, fm.JSON])


@st.composite
def post_and_format(draw: st.DrawFn) -> tuple[str, str]:
    fmt = draw(formats)
    return draw(posts(fmt)), fmt


# --- properties ----------------------------------------------------------------------------------


@SETTINGS
@given(post_and_format())
def test_split_then_join_gives_the_text_back(case: tuple[str, str]) -> None:
    text_, fmt = case
    doc = fm.split(text_)
    assert doc.join() == text_
    assert doc.format == fmt
    fm.parse(doc)  # the writers above write valid front matter
    assert fm.read_post(text_).doc.join() == text_


def _check_only(doc: fm.Document, edited: fm.Document, expected: dict[str, Any]) -> None:
    assert (edited.body, edited.opening, edited.closing, edited.bom) == (doc.body, doc.opening, doc.closing, doc.bom)
    after = fm.parse(edited)
    assert after.keys() == expected.keys()
    for key in expected:
        assert strictly_equal(after[key], expected[key]), (key, after[key], expected[key], edited.front)
    if doc.newline == "\r\n" and doc.front.count("\n") == doc.front.count("\r\n"):
        assert edited.front.count("\n") == edited.front.count("\r\n"), "a bare LF in a CRLF file"


@st.composite
def edits(draw: st.DrawFn) -> tuple[str, str, Any]:
    text_, fmt = draw(post_and_format())
    existing = sorted(fm.parse(fm.split(text_)))
    before = fm.parse(fm.split(text_))
    nested = [key for key in existing if isinstance(before[key], (dict, list)) and before[key]]
    if nested and draw(st.integers(0, 2)):  # mostly a form edit: one nested key or item changes
        key = draw(st.sampled_from(nested))
        return text_, key, draw(tweaked(before[key], fmt))
    key = draw(st.sampled_from(existing) | odd_names) if existing else draw(odd_names)
    value = draw(values(fmt))
    if fmt == fm.TOML and _has_none(value):
        value = None if not isinstance(value, (list, dict)) else draw(scalars(fmt))
    return text_, key, value


@st.composite
def tweaked(draw: st.DrawFn, old: Any, fmt: str) -> Any:
    """`old` with one nested key changed, added or removed (or one list item), recursively."""
    if isinstance(old, dict):
        new = dict(old)
        key = draw(st.sampled_from(sorted(new)) | names) if new else draw(names)
        if key in new and draw(st.integers(0, 3)) == 0:
            del new[key]
        elif isinstance(new.get(key), (dict, list)) and new[key] and draw(st.booleans()):
            new[key] = draw(tweaked(new[key], fmt))
        else:
            new[key] = draw(scalars(fmt))
        return new
    new_list = list(old)
    index = draw(st.integers(0, len(new_list) - 1))
    item = new_list[index]
    new_list[index] = draw(tweaked(item, fmt)) if isinstance(item, (dict, list)) and item else draw(scalars(fmt))
    return new_list


@SETTINGS
@given(edits())
def test_set_value_changes_that_field_and_nothing_else(case: tuple[str, str, Any]) -> None:
    text_, key, value = case
    doc = fm.split(text_)
    before = fm.parse(doc)
    edited = fm_edit.set_value(doc, key, value)
    expected = {**before, key: value}
    if value is None and doc.format == fm.TOML:  # TOML has no null: None removes the key
        del expected[key]
    _check_only(doc, edited, expected)
    if key in before and strictly_equal(before[key], value):
        assert edited.join() == text_
    assert fm_edit.set_value(edited, key, value).join() == edited.join()  # setting twice is a no-op


@SETTINGS
@given(post_and_format(), st.data())
def test_remove_key_removes_only_that_key(case: tuple[str, str], data: st.DataObject) -> None:
    text_, _ = case
    doc = fm.split(text_)
    before = fm.parse(doc)
    key = data.draw(st.sampled_from(sorted(before)) if before else odd_names)
    expected = {k: v for k, v in before.items() if k != key}
    _check_only(doc, fm_edit.remove_key(doc, key), expected)
