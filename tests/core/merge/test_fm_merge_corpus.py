"""Real posts from the shared corpora, edited on two sides and merged field by field.

For every fourth post of each corpus (about 600 posts, every front-matter style the corpora
have): one side retitles it, the other adds a field and a paragraph; the merge keeps both without
a question, and equals the two edits applied one after the other. Then both sides retitle it
differently: a title conflict, and each side of its markers gives that side's post back byte
for byte.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.core.document.storage import read_text
from desktop_app.core.frontmatter import edit as fm_edit
from desktop_app.core.frontmatter import parse as fm
from desktop_app.core.merge.post_merge import merge_post
from tests.core.corpus import CORPORA, MISSING, NAMES, markdown_files
from tests.core.merge.merge_helpers import has_markers, take_side


def sample(name: str) -> list:
    if not (CORPORA / name).is_dir():
        return [pytest.param(None, marks=pytest.mark.skip(reason=MISSING), id=f"{name}-missing")]
    return [pytest.param(path, id=path.relative_to(CORPORA).as_posix())
            for path in markdown_files(name)[::4]]


CASES = [case for name in NAMES for case in sample(name)]


def _post(path: Path) -> tuple[str, fm.Document]:
    text = read_text(path).text
    parsed = fm.read_post(text)
    if parsed.error is not None or parsed.doc.format == fm.NONE:
        pytest.skip("no readable front matter: merged as plain text (tested elsewhere)")
    return text, parsed.doc


def _with(doc: fm.Document, key: str, value: object, body: str | None = None) -> str:
    edited = fm_edit.set_value(doc, key, value)
    if body is not None:
        edited = fm.Document(edited.format, edited.front, body, edited.newline, edited.bom,
                             edited.opening, edited.closing)
    return edited.join()


@pytest.mark.parametrize("path", CASES)
def test_real_post_merges_field_by_field(path: Path) -> None:
    base, doc = _post(path)
    title = str(fm.parse(doc).get("title") or "Untitled")
    paragraph = f"{doc.newline}A paragraph from the other writer.{doc.newline}"
    mine = _with(doc, "title", f"Mine: {title}")
    theirs = _with(doc, "reviewed_by", "Theirs", body=doc.body + paragraph)
    merged = merge_post(base, mine, theirs)
    assert not merged.needs_resolution, merged
    expected = _with(fm.split(mine), "reviewed_by", "Theirs", body=doc.body + paragraph)
    assert merged.text == expected

    clash = merge_post(base, mine, _with(doc, "title", f"Theirs: {title}"))
    assert [c.key for c in clash.field_conflicts] == ["title"] and has_markers(clash.text)
    assert take_side(clash.text, "mine") == mine
    assert take_side(clash.text, "theirs") == _with(doc, "title", f"Theirs: {title}")
