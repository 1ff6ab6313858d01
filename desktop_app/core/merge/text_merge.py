"""Three-way merge of plain text with `git merge-file`, the merge git itself uses.

Owns running `git merge-file` on strings: the three texts go to temporary files, the result comes
back with conflict markers labelled from the writer's point of view ("mine" / "theirs"), or
resolved in favour of one side (the markers themselves are `core/document/markers.py`). Line endings are kept as they are (git writes CRLF markers into
CRLF text).
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from desktop_app.core.document.markers import MINE, THEIRS, whole_conflict
from desktop_app.core.git.process import run_git


@dataclass(frozen=True)
class TextMerge:
    """A merged text and whether it holds conflict markers."""

    text: str
    conflicted: bool


def merge_text(base: str, mine: str, theirs: str, favor: str | None = None,
               labels: tuple[str, str] = (MINE, THEIRS)) -> TextMerge:
    """`mine` and `theirs` merged over `base`; where both changed the same lines, markers (or,
    with `favor` "mine" / "theirs", that side's lines)."""
    if mine == theirs or base == theirs:
        return TextMerge(mine, False)
    if base == mine:
        return TextMerge(theirs, False)
    with tempfile.TemporaryDirectory(prefix="postdesk-merge-") as folder:
        root = Path(folder)
        for name, text in (("mine", mine), ("base", base), ("theirs", theirs)):
            (root / name).write_bytes(text.encode("utf-8", "surrogateescape"))
        args = ["merge-file", "-p", "-L", labels[0], "-L", "base", "-L", labels[1]]
        if favor is not None:
            args.append("--ours" if favor == MINE else "--theirs")
        result = run_git(root, [*args, "mine", "base", "theirs"], check=False)
    if 0 <= result.returncode < 128:
        return TextMerge(result.stdout.decode("utf-8", "surrogateescape"), result.returncode > 0)
    # git could not merge (it takes text with NUL bytes for binary): both sides whole, marked.
    if favor is not None:
        return TextMerge(mine if favor == MINE else theirs, False)
    return TextMerge(whole_conflict(mine, theirs, labels), True)
