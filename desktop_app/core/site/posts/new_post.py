"""What the New post sheet offers for a collection, and the post it asks for.

The sheet asks for a title, a collection, the file's slug, whether it is a draft, its tags and
its author. What each of those can be comes from the site: its schema says which fields exist
(a collection without a draft switch gets no check box), its posts say which tags and authors it
uses. The author is the one the site's posts name (the Preferences' author first, the git user
only when the posts name them too): a git identity such as `root` or a work account is rarely
the byline a blog prints.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Any, Iterable

from desktop_app.core.frontmatter import fields
from desktop_app.core.site.config import Collection, SiteConfig
from desktop_app.core.site.library.summaries import TAG_KEYS, PostSummary
from desktop_app.core.site.posts.files import plan_post

DRAFT_KEYS = ("draft", "published")  # `published: false` (Jekyll, Decap) is a draft too
AUTHOR_KEYS = ("author", "authors")
_LISTS = (fields.TAGS, fields.LIST)


@dataclass(frozen=True)
class NewPost:
    """What the writer asked for in the sheet."""

    title: str
    collection: str = ""  # a collection's name; "" = the site's first
    slug: str = ""  # "" = made from the title
    draft: bool = True
    tags: tuple[str, ...] = ()
    author: str = ""


@dataclass(frozen=True)
class SheetOptions:
    """For one collection: the front-matter keys the sheet's fields write ("" = not offered)
    and the values the site already uses."""

    draft_key: str
    tags_key: str
    author_key: str
    tags: tuple[str, ...] = ()  # most used first
    authors: tuple[str, ...] = ()  # most used first


def options_for(collection: Collection, posts: Iterable[PostSummary]) -> SheetOptions:
    """Which of draft, tags and author a new post of `collection` can have, and their choices."""
    own = [post for post in posts if post.collection == collection.name]
    schema = collection.fields
    if schema:
        draft_key = next((spec.key for spec in schema if spec.key in DRAFT_KEYS and spec.kind == fields.BOOLEAN), "")
        tags_key = next((spec.key for spec in schema if spec.key in TAG_KEYS and spec.kind in _LISTS), "")
        author_key = next((spec.key for spec in schema if _writable_author(spec)), "")
    else:
        draft_key = "draft" if _used(own, "draft") >= _used(own, "published") else "published"
        tags_key = max(TAG_KEYS, key=lambda key: (_used(own, key), key == "tags"))
        author_key = "authors" if _used(own, "authors") > _used(own, "author") else "author"
    return SheetOptions(draft_key, tags_key, author_key, tuple(_most_used(own, tags_key)) if tags_key else (),
                        tuple(site_authors(own)) if author_key else ())


def _writable_author(spec: fields.FieldSpec) -> bool:
    """An author the writer types: text (`author`) or a list of text (`authors`); a relation or a
    fixed choice is the form's to fill in."""
    if spec.key not in AUTHOR_KEYS or spec.relation is not None or spec.options:
        return False
    return spec.kind == fields.TEXT and spec.default is None if spec.key == "author" else spec.kind in _LISTS


def _used(posts: list[PostSummary], key: str) -> int:
    return sum(1 for post in posts if key in post.values)


def _most_used(posts: Iterable[PostSummary], key: str) -> list[str]:
    counts: Counter[str] = Counter()
    for post in posts:
        value = post.values.get(key)
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str) and item.strip():
                counts[item.strip()] += 1
    return [word for word, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0].lower()))]


def site_authors(posts: Iterable[PostSummary]) -> list[str]:
    """The names the posts give as `author` or `authors`, the most used first (then the latest)."""
    counts: Counter[str] = Counter()
    latest: dict[str, str] = {}
    for post in posts:
        for key in AUTHOR_KEYS:
            value = post.values.get(key)
            for name in value if isinstance(value, list) else [value]:
                if isinstance(name, str) and name.strip():
                    counts[name.strip()] += 1
                    latest[name.strip()] = max(latest.get(name.strip(), ""), post.sort_date)
    newest_first = sorted(counts, key=lambda name: latest[name], reverse=True)
    return sorted(newest_first, key=lambda name: -counts[name])


def default_author(preferred: str, authors: Iterable[str], git_name: str = "") -> str:
    """The author a new post gets: the Preferences' author; else the git user when the site's posts
    name them (a writer with many posts among several authors); else the site's most used author;
    else nobody (a blog whose posts name no author does not print one)."""
    if preferred.strip():
        return preferred.strip()
    authors = list(authors)
    folded = git_name.strip().casefold()
    mine = next((name for name in authors if folded and name.casefold() == folded), None)
    return mine or (authors[0] if authors else "")


def front_matter_values(request: NewPost, options: SheetOptions) -> dict[str, Any]:
    """The values the sheet sets over the collection's defaults."""
    values: dict[str, Any] = {}
    if options.draft_key:
        values[options.draft_key] = request.draft if options.draft_key == "draft" else not request.draft
    tags = [tag.strip() for tag in request.tags if tag.strip()]
    if options.tags_key and tags:
        values[options.tags_key] = tags
    if options.author_key == "authors" and request.author.strip():
        values["authors"] = [request.author.strip()]
    return values


def plan(site: SiteConfig, collection: Collection, request: NewPost, options: SheetOptions,
         date: dt.date | dt.datetime) -> tuple[str, str]:
    """The path and text `request` would create (see `posts.plan_post`)."""
    author = request.author.strip() if options.author_key == "author" else ""
    return plan_post(site, collection, request.title, date, author, request.slug,
                     front_matter_values(request, options))
