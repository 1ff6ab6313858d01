"""Three-way merge of plain text with `git merge-file`, the merge git itself uses.

Owns running `git merge-file` on strings: the three texts go to temporary files, the result comes
back with conflict markers labelled from the writer's point of view ("mine" / "theirs"), or
resolved in favour of one side. Line endings are kept as they are (git writes CRLF markers into
CRLF text).
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from desktop_app.core.gitproc import run_git

MINE, THEIRS = "mine", "theirs"
MARKER_SIZE = 7


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


def whole_conflict(mine: str, theirs: str, labels: tuple[str, str] = (MINE, THEIRS),
                   newline: str | None = None) -> str:
    """Both texts in full between conflict markers: nothing merged, nothing lost."""
    eol = newline or ("\r\n" if "\r\n" in mine + theirs else "\n")

    def ended(text: str) -> str:
        return text if not text or text.endswith("\n") else text + eol

    return (f"{'<' * MARKER_SIZE} {labels[0]}{eol}{ended(mine)}{'=' * MARKER_SIZE}{eol}"
            f"{ended(theirs)}{'>' * MARKER_SIZE} {labels[1]}{eol}")


def marker_lines(text: str) -> list[int]:
    """1-based numbers of the lines that are conflict markers: every `<<<<<<<` and `>>>>>>>`
    line, and `|||||||` / `=======` inside a conflict (outside one, `=======` underlines a
    Markdown heading)."""
    found: list[int] = []
    inside = False
    for number, line in enumerate(text.removeprefix("\ufeff").split("\n"), 1):
        kind = marker_kind(line.rstrip("\r"))
        if kind in ("|", "=") and not inside:
            continue
        if kind:
            inside = kind != ">"
            found.append(number)
    return found


def marker_kind(line: str) -> str:
    """"<", "|", "=" or ">" for a conflict-marker line, "" for any other line."""
    if len(line) < MARKER_SIZE:
        return ""
    char = line[0]
    if char not in "<|=>" or line[:MARKER_SIZE] != char * MARKER_SIZE:
        return ""
    rest = line[MARKER_SIZE:]
    if char == "=":
        return "=" if not rest.strip() else ""
    return char if not rest or rest[0] in " \t" else ""


def mine_side(text: str) -> str:
    """`text` with each conflict replaced by the writer's own side (between `<<<<<<<` and the
    base or `=======` line): what the post said before the pull, to name it while it waits."""
    kept: list[str] = []
    keep = True
    inside = False
    for line in text.split("\n"):
        kind = marker_kind(line.rstrip("\r"))
        if kind == "<" or (inside and kind in ("|", "=", ">")):
            inside = kind != ">"
            keep = kind in ("<", ">")
            continue
        if keep:
            kept.append(line)
    return "\n".join(kept)
