"""Translations as one article: which language each post is in, and the library's one row per
article with every language it exists in.

A post's language comes from where the site keeps translations: a language's own content folder
(Hugo `content/it/…`, Docusaurus `i18n/it/…`), a language folder inside the collection (Decap
`multiple_folders`: `posts/it/x.md`), or a language code before the extension (`index.it.md`,
Hugo and Decap `multiple_files`). A code in a file name counts when the site declares that
language or the untranslated file is there too, so `react.js.md` stays a post of its own.
Files with no code are in the site's default language.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import Iterable

from desktop_app.core.site.config import Collection, SiteConfig
from desktop_app.core.site.library.summaries import PostSummary
from desktop_app.core.site.schemas.base import is_language

FALLBACK_LANGUAGE = "en"  # the language of untranslated files when a site names none


def group(site: SiteConfig, posts: Iterable[PostSummary]) -> list[PostSummary]:
    """`posts` with their language, translations folded into one row per article: the default
    language's post, whose `translations` lists every language (the default first)."""
    posts = list(posts)
    collections = {collection.name: collection for collection in site.collections}
    paths = {post.path for post in posts}
    coded = Counter(_coded_key(path) for path in paths)  # article key → how many files carry a code
    placed = [(post, *_place(site, collections.get(post.collection), post.path, paths, coded)) for post in posts]
    codes = {code for _post, code, _key in placed if code}
    if not codes:
        return posts
    default = site.default_language or FALLBACK_LANGUAGE
    order = [*site.languages] or [default]
    order += sorted(codes - set(order))
    articles: dict[tuple[str, str], list[tuple[PostSummary, str]]] = {}
    for post, code, key in placed:
        articles.setdefault((post.collection, key), []).append((post, code or default))
    out = []
    for members in articles.values():
        members.sort(key=lambda member: (order.index(member[1]) if member[1] in order else len(order), member[0].path))
        primary, language = members[0]
        translations = tuple((code, post.path) for post, code in members) if len(members) > 1 else ()
        state = primary.git_state or next((post.git_state for post, _ in members if post.git_state), "")
        out.append(replace(primary, language=language, translations=translations, git_state=state))
    return out


def languages_found(site: SiteConfig, posts: Iterable[PostSummary]) -> tuple[str, ...]:
    """The site's languages, then any other the posts are written in (for `postdesk site`)."""
    found = [code for post in posts for code, _path in (post.translations or ((post.language, post.path),)) if code]
    return tuple(dict.fromkeys([*site.languages, *found]))


def language_of(site: SiteConfig, post: PostSummary, path: str = "") -> str:
    """The language of `path` (one of the article `post`'s files; default: the post's own), for
    the form, the preview and spell checking: set by `group`, else the site's default."""
    if path and path != post.path:
        return next((code for code, other in post.translations if other == path), "") or site.default_language
    return post.language or site.default_language


def _place(site: SiteConfig, collection: Collection | None, path: str, paths: set[str],
           coded: Counter[str]) -> tuple[str, str]:
    """(language code or "", the article's key: its path with the language taken out)."""
    if collection is not None:
        for code, folder in collection.translation_folders:
            if path.startswith(folder.rstrip("/") + "/"):
                return code, collection.folder + path[len(folder.rstrip("/")):]
        if collection.i18n == "folders" and collection.folder:
            rest = path[len(collection.folder) + 1:] if path.startswith(collection.folder + "/") else ""
            head, _, tail = rest.partition("/")
            if tail and is_language(head) and (not site.languages or head in site.languages):
                return head, f"{collection.folder}/{tail}"
    code, base = _split_code(path)
    # Another file of the same article with a code (`x.en.md` beside `x.it.md`) counts too.
    if code and (code in site.languages or base in paths or coded[base] > 1):
        return code, base
    return "", path


def _coded_key(path: str) -> str:
    """`posts/x.it.md` → `posts/x.md` when the name carries a language-like code, else ""."""
    return _split_code(path)[1]


def _split_code(path: str) -> tuple[str, str]:
    """(code, the path without it) when the file name carries a language-like code before its
    extension (`posts/x.it.md` → ("it", "posts/x.md")), else ("", ""). With string operations:
    the library runs this twice for each of its posts."""
    folder, slash, name = path.rpartition("/")
    dot = name.rfind(".")
    stem, suffix = (name[:dot], name[dot:]) if dot > 0 else (name, "")
    stem, dot_before, code = stem.rpartition(".")
    if not dot_before or not stem or not is_language(code):
        return "", ""
    return code, f"{folder}{slash}{stem}{suffix}"
