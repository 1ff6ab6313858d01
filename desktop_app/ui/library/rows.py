"""The rows the library shows, worked out from a snapshot of the posts: filtered by status,
search words and filters, and collection, sorted, grouped under their collections' headers.

Plain Python (no Qt), so it runs on the library's worker thread (`ui/library/search.py`) as well
as on the GUI thread for small libraries. Search words are answered by a search function (the
library index's), filters (`tag:x`, `is:draft`) by `summaries.matches`, as `postdesk list --search` does.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass, field
from itertools import compress, repeat
from operator import attrgetter, countOf
from typing import Callable, Collection, Mapping, Sequence

from desktop_app.core.site.library.index import Found
from desktop_app.core.site.library.summaries import ORDERS, PostSummary, has_status, matches, sort_posts, split_query
from desktop_app.core.tasks import CancelToken

# The posts holding every word: the library index's `find`, or any set of paths.
SearchFunction = Callable[[Sequence[str], "CancelToken | None"], "Found | Collection[str]"]


@dataclass(frozen=True)
class GroupHeader:
    """The row above a collection's posts."""

    name: str
    label: str
    count: int


@dataclass(frozen=True)
class Request:
    """Everything the rows depend on, as a snapshot another thread can work from."""

    posts: tuple[PostSummary, ...]
    query: str = ""
    status: str = "all"
    order: str = "newest"
    collection: str = ""  # "" = every collection
    collections: tuple[tuple[str, str], ...] = ()  # (name, label) in the site's order


@dataclass(frozen=True)
class Arrangement:
    """The rows to show and what the count line says about them."""

    rows: tuple[PostSummary | GroupHeader, ...] = ()
    ids: list[int] = field(default_factory=list)  # id() of each row: C finds a post's row among 100,000
    headers: tuple[int, ...] = ()  # the rows that are collections' headers
    shown: int = 0
    total: int = 0
    drafts: int = 0


class SortedPosts:
    """The posts of one snapshot in each order, sorted once: every search then keeps that order."""

    def __init__(self) -> None:
        self._posts: tuple[PostSummary, ...] | None = None
        self._orders: dict[str, list[PostSummary]] = {}
        self.unfiltered: dict[object, Arrangement] = {}  # every post, by order and collections
        # Each order's posts as index row ids, and where the posts kept in several languages are,
        # for the index map they were read through (`found_in`).
        self._ids: dict[str, tuple[Mapping[str, int], array[int], list[int]]] = {}
        self.total = 0
        self.drafts = 0
        self.sections = False  # whether any post is a Hugo section's own page

    def get(self, posts: tuple[PostSummary, ...], order: str) -> list[PostSummary]:
        if posts is not self._posts:
            self._posts, self._orders, self.unfiltered, self._ids = posts, {}, {}, {}
            # a Hugo section's own page is listed but is not a post: the count line leaves it out
            self.total = sum(1 for post in posts if post.role != "section")
            self.drafts = sum(1 for post in posts if post.draft and post.role != "section")
            self.sections = self.total < len(posts)
        if order not in self._orders:
            key, descending = ORDERS.get(order, ORDERS["newest"])
            self._orders[order] = sort_posts(posts, key, descending)
        return self._orders[order]

    def prepare(self, order: str, search: SearchFunction | None) -> None:
        """Number `order`'s posts by index row id before the first search needs them (40 ms at
        100,000 posts, which the first key would wait for); `get` first."""
        if search is not None and order in self._orders:
            every = search((), None)  # no words: the index's map of ids, with every byte set
            if isinstance(every, Found) and every.ids is not None:
                self._numbered(order, every.ids)

    def _numbered(self, order: str, ids: Mapping[str, int]) -> tuple[Mapping[str, int], array[int], list[int]]:
        kept = self._ids.get(order)
        if kept is None or kept[0] is not ids:
            posts = self._orders[order]
            numbers = array("q", map(ids.get, map(_path, posts), repeat(0)))  # 0: no row
            kept = ids, numbers, list(compress(range(len(posts)), map(_translations, posts)))
            self._ids[order] = kept
        return kept

    def found_in(self, order: str, found: Found | Collection[str]) -> list[PostSummary]:
        """The posts of `order` (`get` first) that `found` holds, or that one of their article's
        translations holds, in that order. With the index's bytes, in C but for the posts kept
        in several languages: 5 ms for 100,000 posts."""
        posts = self._orders[order]
        if not isinstance(found, Found) or found.bits is None or found.ids is None:
            return [post for post in posts
                    if post.path in found or any(path in found for _code, path in post.translations)]
        kept = self._numbered(order, found.ids)
        chosen = bytearray(map(found.bits.__getitem__, kept[1]))  # every id of the map has its byte
        for number in kept[2]:
            chosen[number] = any(path in found for _code, path in posts[number].translations) or chosen[number]
        return list(compress(posts, chosen))


def arrange_rows(request: Request, search: SearchFunction | None = None, cancel: CancelToken | None = None,
                 sorted_posts: SortedPosts | None = None) -> Arrangement:
    """The rows `request` asks for: filtered by status, search words and filters, and collection,
    in the chosen order, with a header above each collection's posts when there are several.

    `search` finds the posts holding every word (the library index); without it, each post's own
    `search_text` is looked in."""
    sorted_posts = sorted_posts or SortedPosts()
    visible = sorted_posts.get(request.posts, request.order)
    words, filters = split_query(request.query)
    unfiltered = (request.order, request.collections) if not (words or filters or request.collection) \
        and request.status == "all" else None
    if unfiltered in sorted_posts.unfiltered:  # every post again (a search cleared): as before
        return sorted_posts.unfiltered[unfiltered]
    if words:
        if search is None:
            visible = [post for post in visible if all(word in post.search_text for word in words)]
        else:
            # an article kept in several languages is found by any of its files
            visible = sorted_posts.found_in(request.order, search(words, cancel))
    if request.status != "all":
        visible = [post for post in visible if has_status(post, request.status)]
    if filters:
        visible = [post for post in visible if matches(post, filters)]
    if request.collection:
        visible = [post for post in visible if post.collection == request.collection]
    rows = _grouped(visible, request)
    headers = tuple(number for number, row in enumerate(rows) if isinstance(row, GroupHeader)) \
        if len(rows) > len(visible) else ()
    shown = len(visible) - (countOf(map(_role, visible), "section") if sorted_posts.sections else 0)
    arrangement = Arrangement(tuple(rows), list(map(id, rows)), headers, shown, sorted_posts.total,
                              sorted_posts.drafts)
    if unfiltered:
        sorted_posts.unfiltered[unfiltered] = arrangement
    return arrangement


_role, _path, _translations = attrgetter("role"), attrgetter("path"), attrgetter("translations")


def _grouped(visible: list[PostSummary], request: Request) -> list[PostSummary | GroupHeader]:
    if len(request.collections) < 2 or request.collection:
        return list(visible)
    members: dict[str, list[PostSummary]] = {}
    for post in visible:
        members.setdefault(post.collection, []).append(post)
    labels = dict(request.collections)
    names = [name for name, _ in request.collections]
    names += sorted(set(members) - set(names))
    rows: list[PostSummary | GroupHeader] = []
    for name in names:
        if members.get(name):  # a Hugo section's own page is listed but is not one of its posts
            count = sum(1 for post in members[name] if post.role != "section")
            rows.append(GroupHeader(name, labels.get(name, name.title()), count))
            rows += members[name]
    return rows
