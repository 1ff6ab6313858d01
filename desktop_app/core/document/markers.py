"""Conflict markers in a post's text: where they are, what each line is, and the writer's side.

A post that a pull left conflicted holds git's `<<<<<<<` / `=======` / `>>>>>>>` lines; the library,
the editor's highlighter and the conflicts panel read them, so the rules live here, apart from
running any merge (`core/merge/text_merge.py`).
"""

from __future__ import annotations

MINE, THEIRS = "mine", "theirs"
MARKER_SIZE = 7


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
