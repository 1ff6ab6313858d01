"""Quick open (Ctrl+P): type a few letters of a post's title, Enter opens it.

Titles match fuzzily (`cuh` finds “Caching: the Unsung Hero”), the file's name too (its slug, a
Jekyll post's date), worth a little less. With nothing typed the posts opened last come first, so Ctrl+P,
Enter goes back to the previous post; then the library's order (newest first).
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtWidgets import QWidget

from desktop_app.core.wording import format_date
from desktop_app.core.site.library.summaries import PostSummary
from desktop_app.ui.commands.fuzzy import rank
from desktop_app.ui.commands.picker import Picker, Row

MAX_ROWS = 200  # more than anyone scrolls through; typing narrows it
RECENT = 20


def recent_rows(posts: list[PostSummary], recent: list[str], current: str | None) -> list[Row]:
    """Nothing typed: the posts opened last (the open one at the very end), then the library's order."""
    by_path = {post.path: post for post in posts}
    first = [by_path[path] for path in recent if path in by_path and path != current]
    seen = {post.path for post in first}
    rest = [post for post in posts if post.path not in seen and post.path != current]
    ordered = first + rest + ([by_path[current]] if current in by_path else [])
    return [_row(post) for post in ordered[:MAX_ROWS]]


def _same(one: list[PostSummary], other: list[PostSummary]) -> bool:
    """The same posts (the library was not rescanned in between)."""
    return len(one) == len(other) and all(a is b for a, b in zip(one, other))


def _texts(post: PostSummary) -> tuple[str, str]:
    """A post is found by its title, else by its slug (the file's name, or a bundle's folder): not
    by the folders every post of the collection shares, which would match any letter."""
    return post.title, post.slug


def _row(post: PostSummary, positions: tuple[int, ...] = ()) -> Row:
    details = [format_date(post.date)] if post.date else []
    if post.draft:
        details.append("Draft")
    details.append(post.path)
    return Row(post.title or post.path, " · ".join(details), positions=positions, payload=post.path)


class PostMatcher:
    """The rows for each query as it is typed (no Qt): typing on narrows the matches of what was
    typed before, so only those are matched again; remembers the posts opened last."""

    def __init__(self) -> None:
        self.recent: list[str] = []  # paths, the post opened last first
        self._narrowed: tuple[str, list[PostSummary], list[PostSummary]] | None = None  # query, posts, matches
        self._posts: list[PostSummary] = []  # the posts `_texts` was made for
        self._texts: dict[int, tuple[str, str]] = {}  # the texts each post is found by, made once per scan

    def visited(self, path: str) -> None:
        """A post was opened (by any means): it goes to the front of the recent ones."""
        self.recent = [path] + [p for p in self.recent if p != path][: RECENT - 1]

    def rows(self, query: str, posts: list[PostSummary], current: str | None) -> list[Row]:
        query = query.strip()
        same = _same(self._posts, posts)
        if not same:  # a new scan: made when the picker opens, before the first letter is typed
            self._posts, self._texts = posts, {id(post): _texts(post) for post in posts}
        if not query:
            self._narrowed = None
            return recent_rows(posts, self.recent, current)
        last = self._narrowed
        pool = last[2] if last is not None and same and query.startswith(last[0]) else posts
        texts = self._texts
        found = rank(query, pool, lambda post: texts[id(post)])
        matched = {id(post) for post, _, _ in found}
        self._narrowed = (query, posts, [post for post in pool if id(post) in matched])
        return [_row(post, match.positions if which == 0 else ()) for post, match, which in found[:MAX_ROWS]]


class QuickOpen(Picker):
    """The picker over the library's posts; `chosen` carries a Row whose payload is the post's path."""

    def __init__(self, host: QWidget, posts: Callable[[], list[PostSummary]],
                 current: Callable[[], str | None]) -> None:
        self._posts, self._current = posts, current
        self.matcher = PostMatcher()
        super().__init__(host, "quickOpen", "Open a post by its title…", self._rows_for, two_lines=True)
        self.empty_text = "No post matches"

    def visited(self, path: str) -> None:
        self.matcher.visited(path)

    def _rows_for(self, query: str) -> list[Row]:
        return self.matcher.rows(query, list(self._posts()), self._current())
