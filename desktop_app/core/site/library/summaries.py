"""The post library: scan a site's collections into summaries, then sort, filter and search them.

Scanning uses the fast front-matter reader (libyaml); the lossless editor is only for the post
being edited. Filtering is a pure function so the sidebar, the CLI and tests share it.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from dataclasses import dataclass, field, fields, replace
from operator import attrgetter
from pathlib import Path, PurePosixPath
from typing import Any, Iterable, Iterator, Mapping

from desktop_app.core import confine
from desktop_app.core.document.markers import marker_lines, mine_side
from desktop_app.core.document.storage import decode, plain_text, read_sized
from desktop_app.core.errors import EncodingError, OutsideRepository
from desktop_app.core.frontmatter import parse as fm
from desktop_app.core.site import membership
from desktop_app.core.site.config import Collection, SiteConfig, markdown_names
from desktop_app.core.tasks import CancelToken, Progress, ProgressCallback

_HEADING = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.MULTILINE)
TAG_KEYS = ("tags", "categories", "keywords")  # the words the preview's header shows
# Front-matter keys that classify posts when the site names none (Hugo's and Jekyll's defaults).
TAXONOMIES = ("tags", "categories")
# What a post is said to be about, and the picture it shows: the preview's header and the form's widgets.
DESCRIPTION_KEYS = ("description", "summary", "excerpt", "subtitle")
COVER_KEYS = ("cover", "image", "cover_image", "featured_image", "thumbnail", "hero")
# What a post is called: authors and topics have a name (Decap author collections, GitHub
# topics' `display_name`) rather than a title.
TITLE_KEYS = ("title", "name", "display_name", "linkTitle")


@dataclass(frozen=True, slots=True)
class PostSummary:
    """One row of the library: what the sidebar and `postdesk list` show. Slots, not a `__dict__`:
    a library of 10,000 posts keeps 3.5 MB less."""

    path: str  # repo-relative, POSIX
    collection: str
    title: str
    date: dt.date | dt.datetime | None
    draft: bool
    tags: tuple[str, ...]
    format: str
    words: int = 0
    git_state: str = ""  # "", new, modified, deleted, renamed, conflicted
    error: str = ""  # why the post could not be read fully
    search_text: str = ""  # lower-cased title, tags and body
    # The site's other taxonomies (categories, series …) by name: the post's terms in each.
    taxonomies: tuple[tuple[str, tuple[str, ...]], ...] = ()
    language: str = ""  # the post's language code ("" on a site in one unnamed language)
    # Every language of the article this post is one translation of: (code, path), the default first.
    translations: tuple[tuple[str, str], ...] = ()
    role: str = ""  # "" for a post, "section" for a Hugo section's own page (`_index.md`)
    # The front matter's values: for schema inference, completions and relation choices.
    values: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def slug(self) -> str:
        """The post's slug as CMSs use it: the file name, or the folder of a page bundle. Cut
        from the string (a `PurePosixPath` interns every part of every post's path, for good)."""
        folder, _, name = self.path.rpartition("/")
        stem = _stem(name)
        parent = folder.rpartition("/")[2]
        return parent if stem in ("index", "_index") and parent else stem

    @property
    def sort_date(self) -> str:
        """A string that sorts dates, date-times and missing dates together (missing last)."""
        if self.date is None:
            return ""
        if isinstance(self.date, dt.datetime):
            return self.date.isoformat()
        return self.date.isoformat() + "T00:00:00"

    def to_json(self) -> dict[str, Any]:
        # `postdesk list --json` calls this for every post: most have no other taxonomy and no
        # translation, and skip the comprehensions.
        taxonomies, translations = self.taxonomies, self.translations
        return {
            "path": self.path,
            "collection": self.collection,
            "title": self.title,
            "date": self.date.isoformat() if self.date else None,
            "draft": self.draft,
            "tags": list(self.tags),
            "taxonomies": {name: list(terms) for name, terms in taxonomies} if taxonomies else {},
            "language": self.language or None,
            "translations": [{"language": code, "path": path} for code, path in translations
                             if path != self.path] if translations else [],
            "role": self.role or "post",
            "format": self.format,
            "words": self.words,
            "git_status": self.git_state or "unchanged",
            "error": self.error or None,
        }


def _stem(name: str) -> str:
    """`PurePosixPath(name).stem` of a file's name: without its last suffix, unless that is all of it."""
    dot = name.rfind(".")
    return name[:dot] if 0 < dot < len(name) - 1 else name


_set_fields = tuple(getattr(PostSummary, field.name).__set__ for field in fields(PostSummary))


def made(*values: Any) -> PostSummary:
    """A summary of every field's value, in the fields' order, without `__init__` (a frozen
    dataclass's sets each field through `object.__setattr__`): the library's index makes one for
    every post at a start."""
    summary = _new(PostSummary)
    for set_field, value in zip(_set_fields, values, strict=True):  # every field, or an error
        set_field(summary, value)
    return summary


field_values = attrgetter(*(field.name for field in fields(PostSummary)))  # every field's value, in order
_new = object.__new__


def json_line(post: PostSummary) -> str:
    """`post.to_json()` as `json.JSONEncoder(ensure_ascii=False).encode` writes it: `postdesk list
    --json` writes one per post, and for a post without other taxonomies or translations (most)
    this joins the strings itself, which takes 3 µs instead of 5 (keep in step with `to_json`)."""
    if post.taxonomies or post.translations:
        return _ENCODE(post.to_json())
    date = post.date
    return ('{"path": ' + _string(post.path) + ', "collection": ' + _string(post.collection)
            + ', "title": ' + _string(post.title) + ', "date": ' + ('"' + date.isoformat() + '"' if date else "null")
            + ', "draft": ' + ("true" if post.draft else "false") + ', "tags": [' + ", ".join(map(_string, post.tags))
            + '], "taxonomies": {}, "language": ' + (_string(post.language) if post.language else "null")
            + ', "translations": [], "role": ' + _string(post.role or "post") + ', "format": ' + _string(post.format)
            + ', "words": ' + str(post.words) + ', "git_status": ' + _string(post.git_state or "unchanged")
            + ', "error": ' + (_string(post.error) if post.error else "null") + "}")


_ENCODE = json.JSONEncoder(ensure_ascii=False).encode
_string = json.encoder.encode_basestring  # a JSON string, as the encoder above writes it


CONFLICTED = "Waiting in a pull: resolve its conflicts in the Conflicts panel"


def problem_label(error: str) -> str:
    """The few words the library shows for a post's `error`."""
    if error == CONFLICTED:
        return "Conflict to resolve"
    if "is not UTF-8" in error:
        return "Not UTF-8"
    if "is a binary file" in error:
        return "Binary file"
    if "leads outside the repository" in error:
        return "Outside the repository"
    return "Front matter error"


def summarize(path: str, collection: str, text: str, taxonomies: tuple[str, ...] = TAXONOMIES) -> PostSummary:
    """A summary from a post's text; bad front matter gives a summary with `error` set. A post
    waiting in a stopped pull is summarised from the writer's side of its conflicts."""
    parsed = fm.read_post(text)
    conflict = bool(parsed.error) and bool(marker_lines(text))
    if conflict:
        parsed = fm.read_post(mine_side(text))
    values = parsed.values
    body = parsed.doc.body
    get = values.get
    title = ""
    for key in TITLE_KEYS:  # the first that says something (`_text`)
        value = get(key)
        if value not in (None, ""):
            title = str(value).strip()
            if title:
                break
    title = title or _first_heading(body) or _title_from_name(path)
    tags = tuple(str(tag) for tag in as_list(get("tags")))
    others = tuple((key, tuple(str(term) for term in as_list(get(key))))
                   for key in taxonomies if key != "tags" and get(key) not in (None, "", []))
    date = get("date") or get("pubDate") or get("publishDate")
    if isinstance(date, str):
        date = fm.parse_datetime(date)
    if not isinstance(date, (dt.date, dt.datetime)):
        date = _date_from_name(path.rpartition("/")[2])
    keywords = get("keywords")
    # Jekyll keeps unpublished posts in `_drafts/`, whatever their front matter says.
    draft = get("draft") is True or get("published") is False or "/_drafts/" in "/" + path
    search_text = " ".join((title, " ".join(tags), *(" ".join(terms) for _, terms in others),
                            " ".join(str(word) for word in as_list(keywords)) if keywords is not None else "",
                            body)).lower()
    return made(  # a scan makes one for every post it reads: without the frozen `__init__`
        path, collection, title, date, draft, tags, parsed.doc.format,
        len(body.split()),  # words: the \S+ runs (str.isspace is re's \s)
        "", CONFLICTED if conflict else parsed.error.message if parsed.error else "", search_text,
        others, "", (), "section" if _SECTION in path and membership.is_section_page(path) else "", values)


_SECTION = membership.SECTION_STEM  # in every section page's path: most paths need no closer look


def scan(site: SiteConfig, cancel: CancelToken | None = None,
         progress: ProgressCallback | None = None) -> list[PostSummary]:
    """Every post of every collection, unsorted. A post whose real path leaves the repository
    (a link to the writer's other files) is listed with the reason and never read.

    Reads every file; `core/site/library/index.py` answers from its cache and reads only changed files."""
    files = list(post_entries(site))
    posts = []
    for index, (collection, path, outside) in enumerate(files):
        if cancel is not None:
            cancel.raise_if_cancelled()
        posts.append(read_entry(site, collection, path, outside))
        if progress is not None and index % 200 == 0:
            progress(Progress(f"Reading posts ({index}/{len(files)})", index / max(len(files), 1)))
    return posts


def read_entry(site: SiteConfig, collection: str, path: Path | str,
               outside: OutsideRepository | None, size: int | None = None,
               relative: str | None = None) -> PostSummary:
    """The summary of one file `post_entries` (or `entry_names`) found: read, or listed with why
    it was not. `size`: the file's, as a `stat` just gave it (fewer system calls to read it);
    `relative`: its repository-relative path, when the caller has it already."""
    if relative is None:
        relative = _relative(site.root, path)
    if outside is not None:
        return _unread(relative, collection, outside.message)
    try:
        if size is not None:
            data = read_sized(str(path), size)
        else:
            with open(path, "rb") as file:  # `storage.read_text`, without a Path per post
                data = file.read()
        text = plain_text(data)  # most posts: no `LoadedText` and `TextForm` to make
        name = os.path.basename(path)
        if text is None:
            loaded = decode(data, name)
    except (EncodingError, OSError) as error:
        message = error.message if isinstance(error, EncodingError) else str(error)
        return _unread(relative, collection, message)
    if text is not None:
        return summarize(relative, collection, text, site.taxonomies)
    summary = summarize(relative, collection, loaded.text, site.taxonomies)
    if loaded.form.legacy and not summary.error:
        # Readable, but the site's generator will read it as UTF-8 and show mojibake.
        summary = replace(summary, error=loaded.warning.replace(name, relative, 1))
    return summary


def _relative(root: Path, path: Path | str) -> str:
    """`path.relative_to(root).as_posix()`, by cutting the string (a scan does it for every post)."""
    cached = _PREFIX[0]  # one tuple, read once: another thread's scan may replace it meanwhile
    if cached[0] is not root:
        cached = _PREFIX[0] = (root, os.path.join(str(root), ""))  # not joined again for every post
    prefix = cached[1]
    name = str(path)
    if name.startswith(prefix):
        return name[len(prefix):].replace(os.sep, "/")
    return Path(path).relative_to(root).as_posix()


_PREFIX: list[tuple[Path | None, str]] = [(None, "")]  # the last root and its prefix


def _unread(relative: str, collection: str, error: str) -> PostSummary:
    """The row of a post that could not be read: its file name, and why."""
    name = PurePosixPath(relative).name
    return PostSummary(relative, collection, PurePosixPath(name).stem, _date_from_name(name), False, (), fm.NONE,
                       error=error)


def post_files(site: SiteConfig) -> Iterable[tuple[str, Path]]:
    """(collection name, file) for every post that may be read: inside the repository."""
    for collection, path, outside in post_entries(site):
        if outside is None:
            yield collection, path


def post_entries(site: SiteConfig) -> Iterable[tuple[str, Path, OutsideRepository | None]]:
    """(collection name, file, why it may not be read) for every post; a file in nested
    collections belongs to the first. Only links are resolved (one call each), so a scan of
    thousands of posts stays a directory walk; a collection folder whose real path leaves the
    repository is not walked at all."""
    for collection, name, outside in entry_names(site):
        yield collection, Path(name), outside


def entry_names(site: SiteConfig) -> Iterator[tuple[str, str, OutsideRepository | None]]:
    """`post_entries` with each file as its path string: a warm scan takes most posts from the
    index and needs no `Path` for them (making 10,000 cost more than walking the folders)."""
    seen: set[str] = set()
    root = str(site.root)
    for collection, folder in _collection_folders(site):
        at_root = folder == site.root
        found: Iterable[tuple[str, bool]] = markdown_names(str(folder))
        if collection.pattern or site.generator == "hugo":  # patterns and page bundles: membership's own rules
            found = [(str(path), link) for path, link in membership.entries(
                site, collection, folder, ((Path(name), link) for name, link in found))]
        for name, link in found:
            if name in seen or (at_root and os.path.dirname(name) == root and _is_repo_doc(name)):
                continue
            seen.add(name)
            outside = None
            if link:
                try:
                    confine.require_inside(Path(name), site.root, "open")
                except OutsideRepository as error:
                    outside = error
            yield collection.name, name, outside


def _is_repo_doc(name: str) -> bool:
    base = os.path.basename(name)
    dot = base.rfind(".")
    return (base[:dot] if dot > 0 else base).upper() in _REPO_DOCS  # `PurePath.stem`


def _collection_folders(site: SiteConfig) -> Iterable[tuple[Collection, Path]]:
    """Each collection's folders (its own, then its translations'), walkable and inside the repository."""
    for collection in site.collections:
        for name in membership.folders_of(collection):
            folder = site.root / name if name else site.root
            if folder.is_dir() and confine.is_inside(folder, site.root):
                yield collection, folder


_REPO_DOCS = {"README", "CHANGELOG", "LICENSE", "CONTRIBUTING", "CODE_OF_CONDUCT", "SECURITY"}


def with_git_states(posts: list[PostSummary], states: dict[str, str]) -> list[PostSummary]:
    """Each post's git state (any other post is unchanged); an article's row shows its first
    changed translation's. Only the posts whose state differs are copied: most of a large
    library has none."""
    return [replace(post, git_state=states.get(post.path, "") or next(
        (states[path] for _code, path in post.translations if path in states), ""))
        if post.git_state or post.path in states or post.translations else post for post in posts]


def sort_posts(posts: Iterable[PostSummary], key: str = "date", descending: bool = True) -> list[PostSummary]:
    """Newest first by default; undated posts go last whatever the direction."""
    posts = list(posts)
    if key == "title":
        return sorted(posts, key=lambda p: p.title.lower(), reverse=descending)
    dated = sorted((p for p in posts if p.date), key=lambda p: (p.sort_date, p.title), reverse=descending)
    return dated + sorted((p for p in posts if not p.date), key=lambda p: p.title.lower())


def matches(post: PostSummary, query: str) -> bool:
    """Every word of `query` appears in the title, tags or text; `tag:x` looks at tags only."""
    for term in query.lower().split():
        if term.startswith("tag:"):
            wanted = term[4:]
            terms = (*post.tags, *(term for _, words in post.taxonomies for term in words))
            if not any(wanted == tag.lower() for tag in terms):
                return False
        elif term == "is:draft":
            if not post.draft:
                return False
        elif term in ("is:changed", "is:modified"):
            if not post.git_state:
                return False
        elif term not in post.search_text:
            return False
    return True


def is_word(term: str) -> bool:
    """A lower-cased search term `matches` looks for in a post's text, not a filter such as
    `tag:x` or `is:draft` (keep in step with `matches`)."""
    return not term.startswith("tag:") and term not in ("is:draft", "is:changed", "is:modified")


def split_query(query: str) -> tuple[list[str], str]:
    """`query`'s words (looked for in the text: the index answers them) and the rest, its
    filters, as a query `matches` checks without the text."""
    terms = query.lower().split()
    return [term for term in terms if is_word(term)], " ".join(term for term in terms if not is_word(term))


STATUSES = ("all", "drafts", "published", "changed")
ORDERS = {"newest": ("date", True), "oldest": ("date", False), "title": ("title", False)}


def has_status(post: PostSummary, status: str) -> bool:
    """The library's status filter: all, drafts, published, or changed in git."""
    if status == "drafts":
        return post.draft
    if status == "published":
        return not post.draft
    if status == "changed":
        return bool(post.git_state)
    return True


def arrange(posts: Iterable[PostSummary], query: str = "", status: str = "all",
            order: str = "newest") -> list[PostSummary]:
    """What the sidebar shows: filtered by status and search words, then sorted."""
    key, descending = ORDERS.get(order, ORDERS["newest"])
    chosen = [post for post in posts if has_status(post, status) and matches(post, query)]
    return sort_posts(chosen, key, descending)


def filter_posts(posts: Iterable[PostSummary], query: str) -> list[PostSummary]:
    return [post for post in posts if matches(post, query)]


def _text(value: Any) -> str:
    return str(value).strip() if value not in (None, "") else ""


def as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, list):
        return [v for v in value if v is not None]
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    return [value]


def _first_heading(body: str) -> str:
    match = _HEADING.search(body)
    return match.group(1) if match else ""


def _title_from_name(path: str) -> str:
    """`_posts/2024-01-02-my-post.md` → `my post`; a bundle's `my-post/index.md` → `my post`."""
    relative = Path(path)
    stem = relative.stem
    if stem.lower() in ("index", "_index") and relative.parent.name:
        stem = relative.parent.name
    if _date_from_name(stem) and stem[10:11] == "-":
        stem = stem[11:] or stem
    return stem.replace("-", " ").replace("_", " ").strip() or stem


def _date_from_name(name: str) -> dt.date | None:
    """Jekyll's `_posts/2024-01-02-title.md` carries the date in the file name."""
    if len(name) >= 10 and name[0].isdigit():  # an ISO date starts with its year: most names raise no error
        try:
            return dt.date.fromisoformat(name[:10])
        except ValueError:
            return None
    return None
