"""The shared real-post corpora (`../shared/corpora`): where they are, and a clear skip without them."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import SHARED

CORPORA = SHARED / "corpora"
# File counts from corpora/README.md: a glob that missed `.markdown` files would show up here.
EXPECTED_FILES = {"hugo-docs": 992, "jekyll-posts": 102, "github-explore": 1366}
NAMES = tuple(EXPECTED_FILES)
MISSING = f"the shared Markdown corpora are not at {CORPORA} (see DESIGN.md, Testing)"


def corpus_dir(name: str) -> Path:
    """The corpus folder; skips the calling test when the corpora are not checked out."""
    folder = CORPORA / name
    if not folder.is_dir():
        pytest.skip(MISSING)
    return folder


def markdown_files(name: str) -> list[Path]:
    folder = corpus_dir(name)
    return sorted(p for p in folder.rglob("*") if p.suffix.lower() in (".md", ".markdown") and p.is_file())


def corpus_file(relative: str) -> Path:
    """One named file, e.g. `hugo-docs/content/en/methods/page/Sites.md`."""
    name, _, rest = relative.partition("/")
    path = corpus_dir(name) / rest
    assert path.is_file(), f"{relative} is missing from the corpora"
    return path


def file_params(name: str) -> list:
    """One pytest param per file of a corpus (id: its path), or one skipped param without it."""
    folder = CORPORA / name
    if not folder.is_dir():
        return [pytest.param(None, marks=pytest.mark.skip(reason=MISSING), id=f"{name}-missing")]
    return [pytest.param(path, id=path.relative_to(folder).as_posix()) for path in markdown_files(name)]
