"""Counts and dates said in English: "1 post", "2 posts", "March 18, 2026". One rule each, so no
message says "1 posts" and every list shows a date the same way."""

from __future__ import annotations

import datetime as dt


def plural(count: int, word: str, many: str | None = None) -> str:
    """`count` and `word`, in the plural (`many`, or `word` + "s") unless count is 1."""
    return f"{count} {word if count == 1 else many or word + 's'}"


def format_date(value: dt.date | dt.datetime) -> str:
    """A post's date as the library, the form and the preview's header show it."""
    return f"{value.strftime('%B')} {value.day}, {value.year}"
