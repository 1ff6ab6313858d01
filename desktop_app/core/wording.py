"""Counts said in English: "1 post", "2 posts". One rule, so no message says "1 posts"."""

from __future__ import annotations


def plural(count: int, word: str, many: str | None = None) -> str:
    """`count` and `word`, in the plural (`many`, or `word` + "s") unless count is 1."""
    return f"{count} {word if count == 1 else many or word + 's'}"
