"""Every field of every real post: read as PyYAML reads it, set with only its lines changed, and
opened and saved without a byte changed.

Which lines belong to a field is taken from PyYAML's own node positions, not from the editor's
line finder, so the two are checked against each other.
"""

from __future__ import annotations

import datetime as dt
import difflib
from typing import Any

import pytest
import yaml

from desktop_app.core.document.storage import decode, encode
from desktop_app.core.frontmatter import edit as fm_edit
from desktop_app.core.frontmatter import parse as fm
from tests.core.corpus import NAMES, markdown_files

SCALARS = (str, int, float, bool, dt.date, type(None))  # dt.datetime is a dt.date


def field_lines(text: str, path: tuple[str, ...] = ()) -> dict[str, tuple[int, int]]:
    """Key → range of file lines (0-based, end exclusive) the key and its value occupy, for the
    keys of the mapping at `path` (the top level by default)."""
    doc = fm.split(text)
    offset = doc.opening.count("\n")
    node = yaml.compose(doc.front, Loader=yaml.CSafeLoader)
    for step in path:
        node = next(value for key, value in reversed(node.value) if key.value == step)
    spans: dict[str, tuple[int, int]] = {}
    for key, value in node.value if node is not None else []:
        start, end = key.start_mark.line, value.end_mark.line
        end += value.end_mark.column > 0 or end == start  # a block value ends at a line start
        spans[str(key.value)] = (start + offset, end + offset)  # a duplicate: the last one counts
    return spans


def changed_value(value: Any) -> Any:
    """A different value of the same kind; an empty field gets text, as a form would fill it."""
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return value + 1
    if isinstance(value, float):
        return value + 1.5
    if isinstance(value, dt.datetime):
        return value + dt.timedelta(days=1, hours=1, minutes=1)
    if isinstance(value, dt.date):
        return value + dt.timedelta(days=1)
    if value is None:
        return "Filled in"
    if isinstance(value, list):
        return [*value, "added, with a comma"]
    return "New text: it's a \"changed\" value #2"


def changes_outside(old: str, new: str, key: str, path: tuple[str, ...] = ()) -> list[str]:
    """Line changes (per difflib) that fall outside `key`'s old lines and its new lines."""
    old_lines, new_lines = old.splitlines(keepends=True), new.splitlines(keepends=True)
    (old_start, old_end), (new_start, new_end) = field_lines(old, path)[key], field_lines(new, path)[key]
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    return [f"{tag} old {i1}:{i2} new {j1}:{j2}" for tag, i1, i2, j1, j2 in matcher.get_opcodes()
            if tag != "equal" and not (old_start <= i1 <= i2 <= old_end and new_start <= j1 <= j2 <= new_end)]


@pytest.mark.parametrize("corpus", NAMES)
def test_setting_each_scalar_field_changes_only_its_lines(corpus: str) -> None:
    problems: list[str] = []
    edits = 0
    for path in markdown_files(corpus):
        text = path.read_bytes().decode("utf-8")
        doc = fm.split(text)
        before = fm.parse(doc)
        for key, value in before.items():
            if not isinstance(value, SCALARS):
                continue
            edits += 1
            new = changed_value(value)
            edited = fm_edit.set_value(doc, key, new).join()
            try:
                after = fm.parse(fm.split(edited))
            except fm.FrontMatterError as error:
                problems.append(f"{path} {key}: no longer parses: {error}")
                continue
            if after != {**before, key: new} or type(after[key]) is not type(new):
                problems.append(f"{path} {key}: read back {after.get(key)!r}, other fields changed: "
                                f"{sorted(k for k in before if k != key and after.get(k) != before[k])}")
            if outside := changes_outside(text, edited, key):
                problems.append(f"{path} {key}: lines changed outside the field: {outside}")
    assert edits > 1000 if corpus != "jekyll-posts" else edits > 400
    assert not problems, f"{len(problems)} of {edits} edits went wrong:\n" + "\n".join(problems[:20])


def nested_scalars(value: dict[Any, Any], path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Paths to the scalars and lists of strings inside nested mappings, at any depth."""
    found: list[tuple[str, ...]] = []
    for key, item in value.items():
        if isinstance(key, str) and isinstance(item, dict):
            found += nested_scalars(item, (*path, key))
        elif isinstance(key, str) and (isinstance(item, SCALARS) or (
                isinstance(item, list) and all(isinstance(v, str) for v in item))):
            found.append((*path, key))
    return found


def replaced(value: dict[Any, Any], path: tuple[str, ...], new: Any) -> dict[Any, Any]:
    copy = dict(value)
    copy[path[0]] = new if len(path) == 1 else replaced(copy[path[0]], path[1:], new)
    return copy


@pytest.mark.parametrize("corpus", NAMES)
def test_setting_one_nested_field_changes_only_its_lines(corpus: str) -> None:
    """What the form does with `params:` or `menu:` blocks: one nested value changes."""
    problems: list[str] = []
    edits = 0
    for path in markdown_files(corpus):
        text = path.read_bytes().decode("utf-8")
        doc = fm.split(text)
        before = fm.parse(doc)
        for key, value in before.items():
            for inner in nested_scalars(value) if isinstance(value, dict) else []:
                edits += 1
                old = value
                for step in inner:
                    old = old[step]
                new = replaced(value, inner, changed_value(old))
                edited = fm_edit.set_value(doc, key, new).join()
                after = fm.parse(fm.split(edited))
                where = ".".join((key, *inner))
                if after != {**before, key: new}:
                    problems.append(f"{path} {where}: read back {after.get(key)!r}")
                elif outside := changes_outside(text, edited, inner[-1], (key, *inner[:-1])):
                    problems.append(f"{path} {where}: lines changed outside the field: {outside}")
    if corpus == "hugo-docs":
        assert edits > 900  # `params:` blocks of the function and method pages
    assert not problems, f"{len(problems)} of {edits} edits went wrong:\n" + "\n".join(problems[:20])


def same_as_pyyaml(ours: Any, theirs: Any) -> bool:
    """Equal, except that a Jekyll time PyYAML leaves as text is our aware date-time."""
    if isinstance(theirs, str) and isinstance(ours, dt.datetime):
        return fm.parse_datetime(theirs) == ours and ours.utcoffset() is not None
    if isinstance(theirs, dict) and isinstance(ours, dict):
        return theirs.keys() == ours.keys() and all(same_as_pyyaml(ours[k], theirs[k]) for k in theirs)
    if isinstance(theirs, list) and isinstance(ours, list):
        return len(theirs) == len(ours) and all(same_as_pyyaml(a, b) for a, b in zip(ours, theirs))
    return type(ours) is type(theirs) and ours == theirs


@pytest.mark.parametrize("corpus", NAMES)
def test_values_are_what_plain_pyyaml_reads(corpus: str) -> None:
    differences: list[str] = []
    jekyll_times = 0
    for path in markdown_files(corpus):
        text = path.read_bytes().decode("utf-8")
        doc = fm.split(text)
        theirs = yaml.load(doc.front, Loader=yaml.SafeLoader) or {}  # noqa: S506 - a safe loader
        post = fm.read_post(text)
        assert post.values == fm.parse(doc)
        if set(post.values) != {str(key) for key in theirs}:
            differences.append(f"{path}: keys {sorted(post.values)} != {sorted(map(str, theirs))}")
        for key, value in theirs.items():
            ours = post.values.get(str(key))
            jekyll_times += isinstance(value, str) and isinstance(ours, dt.datetime)
            if not same_as_pyyaml(ours, value):
                differences.append(f"{path} {key}: {ours!r} != {value!r}")
    if corpus == "jekyll-posts":
        assert jekyll_times > 50  # the difference the sweep allows is really exercised
    assert not differences, "\n".join(differences[:20])


@pytest.mark.parametrize("corpus", NAMES)
def test_open_and_save_unchanged_gives_identical_bytes(corpus: str) -> None:
    """What the app does on open + save unchanged: decode (LF text), split, join, encode."""
    changed = []
    for path in markdown_files(corpus):
        data = path.read_bytes()
        loaded = decode(data, path.name)
        assert "\r\n" not in loaded.text
        if encode(fm.split(loaded.text).join(), loaded.form) != data:
            changed.append(str(path))
    assert not changed, "\n".join(changed[:20])
