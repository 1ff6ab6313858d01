"""Merge two versions of a post field by field: the front matter key by key, the body as text.

When two writers change different fields of one post, a line-based merge (git's) often fails
because the fields sit on neighbouring lines. Here the front matter is merged by value: a key
changed on one side takes that side; changed on both sides to the same value is agreed; changed
on both sides differently is a field conflict ("title: yours «A» / theirs «B»"). Lists of plain
items (tags) merge as sets when both sides only added or removed items and kept the order of the
rest. Nested maps merge key by key. The result is written with the lossless editors
(`fm_edit`), starting from "mine", so untouched bytes stay as they were. The body merges with
`git merge-file`.

Nothing is dropped silently: a field conflict leaves markers around the conflicting lines (both
values written out), and whenever the field-wise result cannot be verified by reading it back,
or would lose a comment a side added, the front matter is merged line by line instead.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
from dataclasses import dataclass, field, replace
from typing import Any

from desktop_app.core.document.markers import MARKER_SIZE, MINE, THEIRS, whole_conflict
from desktop_app.core.errors import FrontMatterError, PostdeskError
from desktop_app.core.frontmatter import parse as fm
from desktop_app.core.frontmatter.edit import remove_key, set_value
from desktop_app.core.frontmatter.style import MISSING, same, split_comment
from desktop_app.core.merge.text_merge import merge_text

ABSENT: Any = MISSING  # a key one version does not have
_SHOWN_CHARS = 60


@dataclass(frozen=True)
class FieldConflict:
    """A field both sides changed, to different values (ABSENT: the side removed it)."""

    key: str  # dotted for a key inside a map: "params.author"
    base: Any
    mine: Any
    theirs: Any

    def describe(self) -> str:
        """One line for the writer: `title: yours «A» / theirs «B»`."""
        return f"{self.key}: yours {show(self.mine)} / theirs {show(self.theirs)}"

    def to_json(self) -> dict[str, Any]:
        return {"key": self.key, "base": show(self.base), "mine": show(self.mine),
                "theirs": show(self.theirs), "text": self.describe()}


@dataclass(frozen=True)
class PostMerge:
    """The merged text of a post and what still needs a person.

    With `favor` set, conflicts were settled for that side and the text holds no markers; the
    conflicts are still listed, so the writer can be told what was decided."""

    text: str
    field_conflicts: tuple[FieldConflict, ...] = ()
    body_conflicted: bool = False  # both sides changed the same lines of the text
    front_conflicted: bool = False  # the front matter was merged line by line, and lines clashed
    favor: str | None = None
    notes: tuple[str, ...] = field(default=())  # merges worth knowing about (tags joined, fallbacks)
    merged_fields: tuple[str, ...] = ()  # fields one side changed, taken without a question: "date (theirs)"

    @property
    def needs_resolution(self) -> bool:
        """True when the text holds conflict markers a person must resolve."""
        return self.favor is None and (bool(self.field_conflicts) or self.body_conflicted
                                       or self.front_conflicted)


def show(value: Any) -> str:
    """A value as the conflict list shows it: «text», «a, b» for a list, (removed)."""
    if value is ABSENT:
        return "(removed)"
    if value is None:
        return "(empty)"
    text = _plain(value)
    if len(text) > _SHOWN_CHARS:
        text = text[: _SHOWN_CHARS - 1] + "…"
    return f"«{text}»"


def _plain(value: Any) -> str:
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, (dt.date, dt.datetime)):
        text = value.isoformat()
    elif isinstance(value, list) and all(not isinstance(item, (list, dict)) for item in value):
        text = ", ".join(_plain(item) for item in value)
    elif isinstance(value, (list, dict)):
        text = json.dumps(value, ensure_ascii=False, default=str)
    else:
        text = str(value)
    return " ".join(text.split())


# --- values ------------------------------------------------------------------------------------


@dataclass
class _Plan:
    """Merged values: `merged` settles conflicts for mine (or `favor`), `alternative` for theirs."""

    merged: dict[str, Any]
    alternative: dict[str, Any]
    conflicts: list[FieldConflict]
    notes: list[str]
    taken: list[str]  # fields merged without a question: "date (theirs)"


def merge_values(base: dict[str, Any], mine: dict[str, Any], theirs: dict[str, Any],
                 favor: str | None = None) -> _Plan:
    """Key-by-key merge of three front matters' values (see the module docstring)."""
    plan = _Plan({}, {}, [], [], [])
    _merge_map(base, mine, theirs, (), plan.merged, plan.alternative, plan, favor)
    return plan


def _merge_map(base: dict[str, Any], mine: dict[str, Any], theirs: dict[str, Any], path: tuple[str, ...],
               merged: dict[str, Any], alternative: dict[str, Any], plan: _Plan, favor: str | None) -> None:
    keys = list(dict.fromkeys([*mine, *theirs, *base]))  # mine's order, then theirs' new keys
    for key in keys:
        b, m, t = base.get(key, ABSENT), mine.get(key, ABSENT), theirs.get(key, ABSENT)
        name = ".".join((*path, str(key)))
        if same(m, t) or same(b, t):
            first = second = m
            if not same(b, m):
                plan.taken.append(f"{name} ({'both' if same(m, t) else 'yours'})")
        elif same(b, m):
            first = second = t
            plan.taken.append(f"{name} (theirs)")
        elif isinstance(m, dict) and isinstance(t, dict) and (isinstance(b, dict) or b is ABSENT):
            first, second = {}, {}
            _merge_map(b if isinstance(b, dict) else {}, m, t, (*path, str(key)), first, second, plan, favor)
        else:
            joined = _merge_lists(b, m, t)
            if joined is not None:
                first = second = joined
                plan.notes.append(f"{name}: kept both sides' changes ({_list_change(b, m, t)}).")
            else:
                plan.conflicts.append(FieldConflict(name, b, m, t))
                first, second = (t, t) if favor == THEIRS else (m, t)
                if favor == MINE:
                    second = m
        if first is not ABSENT:
            merged[key] = first
        if second is not ABSENT:
            alternative[key] = second


def _item_key(item: Any) -> tuple[str, str]:
    """Identity of a list item for set merging: `1`, `True` and `"1"` are three different tags."""
    if isinstance(item, dt.datetime):
        return type(item).__name__, f"{item.isoformat()}|{item.utcoffset()}"
    return type(item).__name__, repr(item)


def _plain_list(value: Any) -> list[tuple[str, str]] | None:
    """The items' keys when `value` is a list of distinct scalars; None otherwise."""
    if not isinstance(value, list):
        return None
    if any(isinstance(item, (list, dict)) for item in value):
        return None
    keys = [_item_key(item) for item in value]
    return keys if len(set(keys)) == len(keys) else None


def _keeps_order(base: list[tuple[str, str]], side: list[tuple[str, str]]) -> bool:
    """True when `side` is `base` with items removed and others added, kept ones in base's order."""
    kept = set(side)
    in_base = set(base)
    return [k for k in base if k in kept] == [k for k in side if k in in_base]


def _merge_lists(base: Any, mine: Any, theirs: Any) -> list[Any] | None:
    """Both sides' additions and removals, when both only added or removed; None otherwise."""
    if base is ABSENT:
        base = []
    b, m, t = _plain_list(base), _plain_list(mine), _plain_list(theirs)
    if b is None or m is None or t is None or not (_keeps_order(b, m) and _keeps_order(b, t)):
        return None
    removed = set(b) - set(t)
    mine_keys = set(m)
    result = [item for item, key in zip(mine, m) if key not in removed]
    result += [item for item, key in zip(theirs, t) if key not in mine_keys and key not in set(b)]
    return result


def _list_change(base: Any, mine: Any, theirs: Any) -> str:
    base_keys = {_item_key(item) for item in (base if isinstance(base, list) else [])}
    parts = []
    for label, side in (("yours", mine), ("theirs", theirs)):
        keys = {_item_key(item) for item in side}
        added = [_plain(item) for item in side if _item_key(item) not in base_keys]
        removed = [_plain(item) for item in (base if isinstance(base, list) else [])
                   if _item_key(item) not in keys]
        change = ", ".join([*(f"+{item}" for item in added), *(f"−{item}" for item in removed)])
        if change:
            parts.append(f"{label}: {change}")
    return "; ".join(parts)


# --- text --------------------------------------------------------------------------------------


def merge_post(base: str, mine: str, theirs: str, favor: str | None = None,
               labels: tuple[str, str] = (MINE, THEIRS)) -> PostMerge:
    """Merge one post's three versions (`base` is "" when both sides added the file).

    `favor` ("mine" / "theirs") settles every conflict for that side, keeping all the changes
    that merged cleanly: what Keep mine / Take theirs do."""
    try:
        docs = [fm.split(text) for text in (base, mine, theirs)]
        values = [fm.parse(doc) for doc in docs]
        problems = [fm.duplicate_keys(doc) for doc in docs]
    except FrontMatterError as error:
        where = f" (line {error.line})" if error.line is not None else ""
        return _whole(base, mine, theirs, favor, labels, f"The front matter of a version cannot be read"
                      f"{where}: {error.reason}. The post was merged line by line.")
    b, m, t = docs
    if any(problems) or m.format != t.format or b.format not in (m.format, fm.NONE):
        why = "a key is written twice" if any(problems) else "the versions use different front-matter formats"
        return _whole(base, mine, theirs, favor, labels, f"In a version of this post {why}, so it was "
                      "merged line by line.")
    body = merge_text(b.body, m.body, t.body, favor, labels)
    plan = merge_values(*values, favor=favor)
    front, front_conflicted, note = _merge_front(b, m, t, plan, favor, labels)
    notes = tuple(plan.notes) + ((note,) if note else ())
    text = replace(m, front=front, body=body.text).join()
    return PostMerge(text, tuple(plan.conflicts), body.conflicted, front_conflicted, favor, notes,
                     tuple(plan.taken))


def _whole(base: str, mine: str, theirs: str, favor: str | None, labels: tuple[str, str],
           note: str) -> PostMerge:
    merged = merge_text(base, mine, theirs, favor, labels)
    return PostMerge(merged.text, (), merged.conflicted, False, favor, (note,))


def _merge_front(b: fm.Document, m: fm.Document, t: fm.Document, plan: _Plan, favor: str | None,
                 labels: tuple[str, str]) -> tuple[str, bool, str]:
    """(front text, whether it holds line conflicts, a note on a fallback)."""
    if m.front == t.front or b.front == t.front:
        return m.front, False, ""
    if b.front == m.front:
        return t.front, False, ""
    # Changes far apart: git's line merge keeps both sides' bytes, comments and all.
    lines = merge_text(b.front, m.front, t.front, None, labels)
    if not lines.conflicted and not plan.conflicts and _reads_as(m, lines.text, plan.merged):
        return lines.text, False, ""
    settled = _edited(m, plan.merged)
    if favor is not None:
        # The writer chose a side for the conflicts: the values decide, not the lines.
        if settled is not None:
            lost = _lost_comments(b, m, t, settled)
            return settled, False, (f"Comments that did not fit in the result: {', '.join(sorted(lost))}."
                                    if lost else "")
        favoured = merge_text(b.front, m.front, t.front, favor, labels)
        if _reads_as(m, favoured.text, plan.merged):
            return favoured.text, False, ""
        return (m.front if favor == MINE else t.front), False, (
            "The front matter could not be merged field by field, so the chosen side's was kept whole.")
    other = _edited(m, plan.alternative) if plan.conflicts else settled
    if settled is not None and other is not None and not _lost_comments(b, m, t, settled + other):
        if not plan.conflicts:
            return settled, False, ""
        return _mark(settled, other, m.newline, labels), False, ""
    note = ("The front matter could not be merged field by field (a comment or its layout changed "
            "as well), so it was merged line by line.")
    if lines.conflicted or _reads_as(m, lines.text, plan.merged):
        return lines.text, lines.conflicted, note
    return whole_conflict(m.front, t.front, labels, m.newline), True, note


def _reads_as(doc: fm.Document, front: str, values: dict[str, Any]) -> bool:
    try:
        candidate = replace(doc, front=front)
        return same(fm.parse(candidate), values) and not fm.duplicate_keys(candidate)
    except FrontMatterError:
        return False


def _edited(doc: fm.Document, values: dict[str, Any]) -> str | None:
    """`doc`'s front matter with each top-level value set as in `values`, written losslessly;
    None when the written text does not read back as `values` (then the caller merges lines)."""
    current = fm.parse(doc)
    edited = doc
    try:
        for key in current:
            if key not in values:
                edited = remove_key(edited, key)
        for key, value in values.items():
            if key not in current or not same(current[key], value):
                edited = set_value(edited, key, value)
    except (PostdeskError, ValueError, TypeError):  # a value this format cannot hold
        return None
    return edited.front if _reads_as(doc, edited.front, values) else None


def _comments(front: str) -> set[str]:
    """The comments of a YAML or TOML block: whole `#` lines and the ` # …` ends of values."""
    found = set()
    for line in fm.file_lines(front):
        if "#" not in line:
            continue
        stripped = line.strip()
        if stripped.startswith("#"):
            found.add(stripped)
            continue
        head, colon, rest = stripped.partition(":")
        if not colon or "=" in head:
            head, _eq, rest = stripped.partition("=")
        comment = split_comment(rest)[1].strip()
        if comment:
            found.add(comment)
    return found


def _lost_comments(b: fm.Document, m: fm.Document, t: fm.Document, settled: str) -> set[str]:
    """Comments that either side added and the result would not have (JSON has none).

    A false alarm only costs a line merge, never text."""
    if m.format == fm.JSON:
        return set()
    return ((_comments(m.front) | _comments(t.front)) - _comments(b.front)) - _comments(settled)


def _mark(mine: str, theirs: str, newline: str, labels: tuple[str, str]) -> str:
    """`mine` with each run of lines that differs from `theirs` put between conflict markers."""
    a, b = fm.file_lines(mine), fm.file_lines(theirs)
    if a and not a[-1].endswith("\n"):
        a[-1] += newline
    if b and not b[-1].endswith("\n"):
        b[-1] += newline
    out: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out += a[i1:i2]
            continue
        out.append(f"{'<' * MARKER_SIZE} {labels[0]}{newline}")
        out += a[i1:i2]
        out.append(f"{'=' * MARKER_SIZE}{newline}")
        out += b[j1:j2]
        out.append(f"{'>' * MARKER_SIZE} {labels[1]}{newline}")
    return "".join(out)
