"""Reading a merged post the way a person resolves it: keep one side between the markers.

Written independently of `core/merge/text_merge.py`, so tests do not check the markers with the code
that writes them."""

from __future__ import annotations


def take_side(text: str, side: str) -> str:
    """`text` with each conflict replaced by the lines of `side` ("mine" = the first part)."""
    out: list[str] = []
    part = ""  # "" outside a conflict; "mine", "base" or "theirs" inside one
    lines = [line + "\n" for line in text.split("\n")]
    lines[-1] = lines[-1][:-1]
    for line in lines:
        bare = line.rstrip("\r\n").removeprefix("\ufeff")
        if bare.startswith("<<<<<<< ") or bare == "<<<<<<<":
            part = "mine"
        elif part and (bare.startswith("||||||| ") or bare == "|||||||"):
            part = "base"
        elif part and bare == "=======":
            part = "theirs"
        elif part and (bare.startswith(">>>>>>> ") or bare == ">>>>>>>"):
            part = ""
        elif not part or part == side:
            out.append(line)
            continue
        else:
            continue
        if line.startswith("\ufeff"):
            out.append("\ufeff")  # a BOM before the first marker belongs to the file
    return "".join(out)


def has_markers(text: str) -> bool:
    return any(line.removeprefix("\ufeff").startswith(("<<<<<<< ", ">>>>>>> ")) for line in text.split("\n"))
