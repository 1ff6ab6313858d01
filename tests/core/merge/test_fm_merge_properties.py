"""Property tests for the field-by-field merge: generated posts (YAML, TOML, JSON; CRLF; BOM;
comments; nested maps), edited on two sides as a writer would (the lossless editor), merged.

The expected values come from a small oracle written here: a key changed on one side takes that
side, on both sides to one value is agreed, on both sides differently is a conflict. Whatever the
merge decides, resolving its markers for one side must give exactly what favouring that side
gives, and nothing either side wrote may be missing from the side that wrote it.
"""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.core.frontmatter import edit as fm_edit
from desktop_app.core.frontmatter import parse as fm
from desktop_app.core.frontmatter.style import same
from desktop_app.core.merge.post_merge import ABSENT, merge_post
from tests.core.frontmatter.test_fm_properties import names, post_and_format, scalars, strictly_equal
from tests.core.merge.merge_helpers import has_markers, take_side

_ABSENT = ABSENT
# Each example runs git merge-file a few times: fewer examples than the editor's properties.
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def edits(draw: st.DrawFn, text: str, fmt: str) -> str:
    """One side's edit of a post: some fields set, removed or added; some body lines changed."""
    doc = fm.split(text)
    current = fm.parse(doc)
    keys = list(current)
    for key in draw(st.lists(st.sampled_from(keys), max_size=3, unique=True)) if keys else []:
        if draw(st.integers(0, 3)) == 0:
            doc = fm_edit.remove_key(doc, key)
        else:
            doc = fm_edit.set_value(doc, key, draw(_value(fmt)))
    for key in draw(st.lists(names, max_size=2, unique=True)):
        doc = fm_edit.set_value(doc, key, draw(_value(fmt)))
    lines = doc.body.split("\n")
    for _ in range(draw(st.integers(0, 2))):
        index = draw(st.integers(0, len(lines)))
        if index < len(lines) and draw(st.booleans()):
            lines[index] = draw(st.sampled_from(["changed line", "another change", ""]))
        else:
            lines.insert(index, draw(st.sampled_from(["inserted line", "more text"])))
    return fm.Document(doc.format, doc.front, "\n".join(lines), doc.newline, doc.bom, doc.opening,
                       doc.closing).join()


def _value(fmt: str) -> st.SearchStrategy[Any]:
    leaf = scalars(fmt).filter(lambda v: v is not None) if fmt == fm.TOML else scalars(fmt)
    tags = st.lists(st.sampled_from(["a", "b", "c", "d", "e"]), max_size=4, unique=True)
    return leaf | tags


@st.composite
def three_versions(draw: st.DrawFn) -> tuple[str, str, str]:
    base, fmt = draw(post_and_format())
    mine = draw(edits(base, fmt))
    theirs = draw(edits(base, fmt)) if draw(st.integers(0, 4)) else mine
    return base, mine, theirs


def _values(text: str) -> dict[str, Any]:
    return fm.parse(fm.split(text))


def _expected(base: dict[str, Any], mine: dict[str, Any], theirs: dict[str, Any]) -> tuple[dict, set[str]]:
    """(values where exactly one side changed a key, keys both sides changed differently)."""
    agreed, clashing = {}, set()
    for key in dict.fromkeys([*mine, *theirs, *base]):
        b, m, t = (side.get(key, _ABSENT) for side in (base, mine, theirs))
        if same(m, t) or same(b, t):
            value = m
        elif same(b, m):
            value = t
        else:
            clashing.add(key)
            continue
        if value is not _ABSENT:
            agreed[key] = value
    return agreed, clashing


def _check_side(merged_text: str, result: dict[str, Any], agreed: dict[str, Any], clashing: set[str],
                side_values: dict[str, Any]) -> None:
    for key, value in agreed.items():
        assert key in result and strictly_equal(result[key], value), (key, merged_text)
    for key in set(result) - set(agreed) - clashing:
        raise AssertionError(f"{key} appeared from nowhere")
    for key in clashing:
        if key not in side_values:
            continue  # removed on this side, or merged as a set / a nested map (checked below)
        if not isinstance(side_values[key], (list, dict)):
            assert key in result and strictly_equal(result[key], side_values[key]), (key, merged_text)


@SETTINGS
@given(three_versions())
def test_resolving_the_markers_for_a_side_is_favouring_that_side(case: tuple[str, str, str]) -> None:
    base, mine, theirs = case
    merged = merge_post(base, mine, theirs)
    assert has_markers(merged.text) == merged.needs_resolution
    for side in ("mine", "theirs"):
        favoured = merge_post(base, mine, theirs, favor=side)
        assert not has_markers(favoured.text)
        if merged.front_conflicted:
            continue  # merged line by line (a comment would not fit): sides are lines, not values
        resolved = take_side(merged.text, side)
        # A marker must start a line, so a side's last line without a newline gains one there.
        assert resolved in (favoured.text, favoured.text + "\n", favoured.text + "\r\n")
        assert [c.key for c in favoured.field_conflicts] == [c.key for c in merged.field_conflicts]


@SETTINGS
@given(three_versions())
def test_clean_changes_are_all_kept_and_conflicts_are_all_reported(case: tuple[str, str, str]) -> None:
    base, mine, theirs = case
    b, m, t = _values(base), _values(mine), _values(theirs)
    agreed, clashing = _expected(b, m, t)
    merged = merge_post(base, mine, theirs)
    reported = {c.key.split(".")[0] for c in merged.field_conflicts}
    # A key is reported only if both sides changed it; a scalar both changed is always reported.
    assert reported <= clashing
    for key in clashing - reported:
        assert all(isinstance(side.get(key), (list, dict)) for side in (m, t)), key
    for side, values in (("mine", m), ("theirs", t)):
        text = merge_post(base, mine, theirs, favor=side).text
        _check_side(text, _values(text), agreed, clashing, values)


@SETTINGS
@given(three_versions())
def test_the_merge_is_symmetric(case: tuple[str, str, str]) -> None:
    base, mine, theirs = case
    forward = merge_post(base, mine, theirs)
    backward = merge_post(base, theirs, mine)
    assert {c.key for c in forward.field_conflicts} == {c.key for c in backward.field_conflicts}
    assert forward.body_conflicted == backward.body_conflicted
    if not forward.needs_resolution and not backward.needs_resolution:
        assert strictly_equal(_values(forward.text), _values(backward.text))


@SETTINGS
@given(post_and_format().flatmap(lambda case: st.tuples(st.just(case[0]), edits(case[0], case[1]))))
def test_one_sided_changes_come_through_byte_for_byte(case: tuple[str, str]) -> None:
    base, edited = case
    assert merge_post(base, edited, base).text == edited
    assert merge_post(base, base, edited).text == edited
    assert merge_post(base, edited, edited).text == edited


@SETTINGS
@given(st.lists(st.sampled_from("abcdefgh"), unique=True, max_size=6),
       st.lists(st.sampled_from("abcdefgh"), unique=True, max_size=6),
       st.lists(st.sampled_from("abcdefgh"), unique=True, max_size=6))
def test_tags_merge_as_sets_or_clash(base: list[str], mine_edit: list[str], theirs_edit: list[str]) -> None:
    """Each side toggles some tags (removes those it had, appends the others)."""
    def toggled(tags: list[str], toggles: list[str]) -> list[str]:
        return [tag for tag in tags if tag not in toggles] + [tag for tag in toggles if tag not in tags]

    mine, theirs = toggled(base, mine_edit), toggled(base, theirs_edit)
    text = "---\ntitle: T\ntags: {}\n---\n"
    merged = merge_post(text.format(base), text.format(mine), text.format(theirs))
    tags = _values(merged.text)["tags"] if not merged.needs_resolution else None
    if mine == theirs or base in (mine, theirs):
        assert tags == (theirs if base == mine else mine)
        return
    assert tags is not None, "toggles keep the base order, so they always merge as sets"
    added = (set(mine) | set(theirs)) - set(base)
    removed = (set(base) - set(mine)) | (set(base) - set(theirs))
    assert set(tags) == (set(base) - removed) | added
    assert len(tags) == len(set(tags))
