"""The link to another post, written the way the site's own posts already link to each other.

A site links its posts in one way of its own: `/blog/slug` (a Next.js route), `/posts/x/`
(Hugo's sections), `/2016/05/18/x/` (a Jekyll permalink), `{{< ref "/posts/x.md" >}}`,
`{% post_url 2016-05-18-x %}`, or a relative `other.md` (MkDocs, a plain repository). The
posts' existing links that lead to a post (`core/site/links/resolve.py`) say which: the form most of
them share wins. A collection or a language whose own posts are linked in another form (`/fr/…`
for French posts, `/projects/x` beside `/blog/x`) keeps its own. A site whose posts do not link
to each other yet gets its generator's usual form (a Next.js or Astro site's `[slug]` route
names its prefix, a Hugo post's section and folders are its address). Each link written is read
back the way the preview reads links, and a form that would not lead to its post is not used.

`scan_links(site)` reads every post once (on a worker: the library scan is its moment) into a
`PostLinks`, which then writes links (`link`) and tells where one leads (`leads_to`), without
touching the disk again.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Mapping
from urllib.parse import unquote

from desktop_app.core.confine import is_inside
from desktop_app.core.site.config import MARKDOWN_SUFFIXES, SiteConfig
from desktop_app.core.site.links.resolve import (
    HEAD,
    PostIndex,
    bare_slug,
    front_key_lines,
    front_keys,
    linked_post,
    markdown_inside,
    post_files,
    post_name,
)
from desktop_app.core.tasks import CancelToken

PATH, FILE, REF, POST_URL, LIQUID_LINK = "path", "file", "ref", "post_url", "link"
# A Markdown link's address: template text (which may hold spaces), `<…>`, or up to a space or `)`.
_LINK = re.compile(r"\]\(\s*(\{\{[<%].*?[>%]\}\}|\{%.*?%\}|<[^>\n]+>|[^)\s]+)")
_TEMPLATE_REF = re.compile(r"""^\{\{[<%]\s*(rel)?ref\s+(?:path=)?["']?([^"'\s]+)["']?[^}]*[>%]\}\}$""")
_LIQUID = re.compile(r"""^\{%-?\s*(link|post_url)\s+["']?([^"'\s%]+)["']?\s*-?%\}$""")
_DATE = re.compile(r"^(?:date|pubDate|publishDate|published)\s*[:=]\s*[\"']?(\d{4})-(\d{2})-(\d{2})", re.M)
_FILE_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})-")
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)
_ROUTE_DIRS = ("app", "src/app", "pages", "src/pages")
_SLUG_ROUTE = re.compile(r"^\[{1,2}(?:\.\.\.)?slug\]{1,2}(?:\.\w+)?$")
_LEARN_FROM = 400  # links read to learn the site's form: plenty, and bounded on a huge site
_SLASHED = frozenset({"hugo", "eleventy", "jekyll"})


@dataclass(frozen=True)
class LinkStyle:
    """One way of writing a link to a post. For PATH: `prefix` + the post's part + `suffix`, the
    part being its `slug`, its `date` and slug (`2024/01/31/slug`), or its `path` in the
    repository with the first `drop` folders left out: a Hugo post keeps its section
    (`content/en/` left out of `content/en/posts/x.md`), a Contentlayer post the folders below
    the content folder (`data/` left out of `data/blog/x.mdx`). For LIQUID_LINK, `prefix` is the
    folder Jekyll builds from (`docs/`), left out of the path."""

    kind: str
    prefix: str = ""
    key: str = "slug"
    drop: int = 0
    suffix: str = ""
    learned: bool = False  # read from the posts' own links, rather than the generator's habit


@dataclass(frozen=True)
class PostLinks:
    """The repository's posts as links see them, and the form its links take: `style` for the
    site, `groups` for a (collection, language) or a ("", language) whose posts are linked
    otherwise (see `group_of`)."""

    site: SiteConfig
    index: PostIndex
    style: LinkStyle
    groups: Mapping[tuple[str, str], LinkStyle] = field(default_factory=dict)
    # Where each link read so far leads, by the folder it was written in: the index never changes.
    _read: dict[tuple[str, str], str | None] = field(default_factory=dict, compare=False, repr=False)

    def link(self, source: str, target: str) -> str:
        """The link to write in post `source` (repo-relative) that leads to post `target`."""
        declared = front_keys(self.index.heads.get(target, ""))
        fixed = declared.get("permalink") or declared.get("url")
        if fixed and fixed.startswith("/") and self.style.kind != FILE:
            return fixed
        for style in (*self.styles_for(target), LinkStyle(FILE)):
            written = self.write(style, source, target)
            if written and self.leads_to(source, written) == target:
                return written
        return self.write(LinkStyle(FILE), source, target) or target

    def styles_for(self, target: str) -> list[LinkStyle]:
        """The forms to try for a link to `target`, the likeliest first: its collection's in its
        language, its language's, the site's, then its generator's usual one."""
        collection, language = group_of(self.site, target)
        found = [self.groups.get((collection, language)), self.groups.get(("", language)),
                 self.style, default_style(self.site, target)]
        return list(dict.fromkeys(style for style in found if style is not None))

    def leads_to(self, source: str, url: str) -> str | None:
        """The post a link written in `source` leads to, read as the preview reads it."""
        key = (str(PurePosixPath(source).parent), url.strip())
        if key not in self._read:
            self._read[key] = self._leads_to(source, url.strip())
        return self._read[key]

    def _leads_to(self, source: str, url: str) -> str | None:
        if ref := _TEMPLATE_REF.match(url):
            path = ref.group(2)
            found = linked_post(self.site, str(self.index.root / PurePosixPath(source).parent / path), self.index) \
                if not path.startswith("/") else None
            return found or linked_post(self.site, "/" + path.lstrip("/"), self.index)
        if liquid := _LIQUID.match(url):
            if liquid.group(1) == "link":
                return linked_post(self.site, "/" + liquid.group(2).lstrip("/"), self.index)
            name = liquid.group(2).strip("/")
            return next((f for f in self.index.files if "/_posts/" in "/" + f and
                         f.rsplit(".", 1)[0].endswith("_posts/" + name)), None)
        if "{{" in url or "{%" in url or url.startswith(("#", "//")) or _SCHEME.match(url):
            return None
        path = unquote(url.split("#", 1)[0].split("?", 1)[0])
        if not path:
            return None
        if path.startswith("/"):
            return linked_post(self.site, path, self.index)
        return linked_post(self.site, str(self.index.root / PurePosixPath(source).parent / path), self.index)

    def write(self, style: LinkStyle, source: str, target: str) -> str | None:
        """`target` linked from `source` in `style`, or None when the style cannot name it."""
        path = PurePosixPath(target)
        if style.kind == FILE:
            return Path(os.path.relpath(target, str(PurePosixPath(source).parent) or ".")).as_posix()
        if style.kind == POST_URL:
            if "_posts" not in path.parts:
                return self.write(LinkStyle(LIQUID_LINK, _jekyll_source(target)), source, target)
            inside = path.parts[path.parts.index("_posts") + 1:]
            name = "/".join((*inside[:-1], PurePosixPath(inside[-1]).stem))
            return "{% post_url " + ("/" if len(inside) > 1 else "") + name + " %}"
        if style.kind == LIQUID_LINK:
            return "{% link " + target.removeprefix(style.prefix) + " %}"
        if style.kind == REF:
            content = target.removeprefix("content/")
            parts = PurePosixPath(content).parts[style.drop:] if len(PurePosixPath(content).parts) > style.drop else ()
            return '{{< ref "/' + "/".join(parts) + '" >}}' if parts else None
        part = self._part(style, target)
        return None if part is None else style.prefix + part + style.suffix

    def _part(self, style: LinkStyle, target: str) -> str | None:
        head = self.index.heads.get(target, "")
        slug = front_keys(head).get("slug") or bare_slug(post_name(PurePosixPath(target)))
        if style.key == "slug":
            return slug
        if style.key == "date":
            found = _FILE_DATE.match(PurePosixPath(target).name) or _DATE.search(head)
            return "/".join(found.groups()) + "/" + slug if found else None
        parts = _path_parts(target)[style.drop:]
        return "/".join(parts).lower() if parts else None  # Hugo and the others serve lower-case paths


def scan_links(site: SiteConfig, cancel: CancelToken | None = None,
               texts: Mapping[str, str] | None = None) -> PostLinks:
    """Read the repository's posts once: the index links are looked up in, and the form the
    site's own links take. `texts`: posts already read (repo-relative path → text), not read again."""
    root = site.root.resolve()
    files = list(markdown_inside(root, root))
    posts = post_files(site)
    heads: dict[str, str] = {}
    found: list[tuple[str, str]] = []
    for post in posts:
        if cancel is not None:
            cancel.raise_if_cancelled()
        text = texts.get(post) if texts is not None else None
        if text is None:
            try:  # no `Path` per post: it interns every part of the post's path
                with open(os.path.join(root, post), encoding="utf-8", errors="replace") as file:
                    text = file.read()
            except OSError:
                continue
        head = _read_in_head(text[:HEAD])
        if head:
            heads[post] = head
        if len(found) < _LEARN_FROM * 4:
            found += [(post, url) for url in (match.group(1).strip("<>") for match in _LINK.finditer(text))
                      if _may_be_post_link(url)]
    links = PostLinks(site, PostIndex(root, files, posts, heads), default_style(site))
    learned, groups = learn_styles(links, found[:_LEARN_FROM * 4])
    style = learned or links.style
    return PostLinks(site, links.index, style, {group: own for group, own in groups.items() if own != style},
                     links._read)


def _read_in_head(head: str) -> str:
    """Of a post's first `HEAD` characters, the lines the index reads there (`front_keys` and
    `_DATE`), which read the same on their own; most posts have none. The heads themselves took
    12 MB at 10,000 posts, for as long as the window was open."""
    lines = front_key_lines(head)
    date = _DATE.search(head)
    if date is not None:
        lines.append(date.group(0))
    return "\n".join(lines)


def learn_styles(links: PostLinks, found: list[tuple[str, str]]
                 ) -> tuple[LinkStyle | None, dict[tuple[str, str], LinkStyle]]:
    """The form most of the posts' links to other posts share (`found`: post, link), for the
    whole site, and by the group of the post linked to: (collection, language) and ("",
    language), "" being the default language. Only where enough of the links agree to say."""
    votes: dict[tuple[str, str] | None, Counter[LinkStyle]] = {}
    resolved: Counter[tuple[str, str] | None] = Counter()
    for source, url in found:
        target = links.leads_to(source, url)
        if target is None or target == source:
            continue
        declared = front_keys(links.index.heads.get(target, ""))
        if declared.get("permalink") or declared.get("url"):
            continue  # that post's own address, not the site's habit
        styles = set(_styles_of(links, source, url, target))
        collection, language = group_of(links.site, target)
        for group in (None, (collection, language), ("", language)):
            resolved[group] += 1
            votes.setdefault(group, Counter()).update(styles)
        if resolved[None] >= _LEARN_FROM:
            break
    learned: dict[tuple[str, str] | None, LinkStyle] = {}
    for group, counted in votes.items():
        if not counted:
            continue
        style, count = min(counted.items(), key=lambda item: (-item[1], _preference(item[0])))
        if count >= 2 and count * 3 >= resolved[group]:
            learned[group] = LinkStyle(style.kind, style.prefix, style.key, style.drop, style.suffix, learned=True)
    site = learned.pop(None, None)
    return site, {group: style for group, style in learned.items() if group is not None}


def _styles_of(links: PostLinks, source: str, url: str, target: str) -> list[LinkStyle]:
    """Every style in which `target`, linked from `source`, is written `url`."""
    if ref := _TEMPLATE_REF.match(url):
        content = PurePosixPath(target.removeprefix("content/")).parts
        named = PurePosixPath(ref.group(2).lstrip("/")).parts
        drop = len(content) - len(named)
        return [LinkStyle(REF, drop=drop)] if drop >= 0 and ref.group(2).startswith("/") else [LinkStyle(REF)]
    if liquid := _LIQUID.match(url):
        if liquid.group(1) == "post_url":
            return [LinkStyle(POST_URL)]
        named = liquid.group(2).lstrip("/")
        return [LinkStyle(LIQUID_LINK, target[:-len(named)])] if target.endswith(named) else []
    path = unquote(url.split("#", 1)[0].split("?", 1)[0])
    if not path.startswith("/"):
        return [LinkStyle(FILE)] if path.lower().endswith(MARKDOWN_SUFFIXES) else []
    styles = []
    for suffix in ("/", ".html", ""):
        if suffix and not path.endswith(suffix):
            continue
        stem = path[:len(path) - len(suffix)]
        candidates = [LinkStyle(PATH, key="slug", suffix=suffix), LinkStyle(PATH, key="date", suffix=suffix)]
        candidates += [LinkStyle(PATH, key="path", drop=drop, suffix=suffix)
                       for drop in range(len(_path_parts(target)))]
        for style in candidates:
            part = links._part(style, target)
            if part and stem.lower().endswith("/" + part):
                styles.append(LinkStyle(PATH, stem[:len(stem) - len(part)], style.key, style.drop, suffix))
        if styles:
            break
    return styles


def _preference(style: LinkStyle) -> tuple[int, int, int]:
    """Among styles that fit as many links: the post's folders (a nested post keeps them, as
    Hugo and Contentlayer do) before its slug alone, with fewer folders left out."""
    return ({PATH: 0, REF: 1, POST_URL: 2, LIQUID_LINK: 3, FILE: 4}[style.kind],
            {"path": 0, "slug": 1, "date": 2}[style.key], style.drop)


def default_style(site: SiteConfig, target: str = "") -> LinkStyle:
    """The form a site's generator links posts in when its posts do not say otherwise: for post
    `target` (repo-relative), or for the site's first collection."""
    generator = site.generator
    folders = [c.folder.rstrip("/") for c in site.collections]
    if generator == "jekyll" or any(folder.endswith("_posts") for folder in folders):
        return LinkStyle(POST_URL)
    suffix = "/" if generator in _SLASHED else ""
    if generator == "hugo":
        return _hugo_style(site, target or (folders[0] + "/x.md" if folders else "content/x.md"))
    if generator in ("mkdocs", "unknown") or not folders:
        return LinkStyle(FILE)
    route = route_prefix(site.root)
    if route is None:
        collection = site.collection_for(target) if target else None
        last = PurePosixPath(collection.folder if collection else folders[0]).name
        route = "/" + (last + "/" if last else "")
    return LinkStyle(PATH, route, key="slug", suffix=suffix)


def _hugo_style(site: SiteConfig, target: str) -> LinkStyle:
    """Hugo's address for a post: its path in its language's content folder (the section
    first), under `/<lang>/` for a language other than the default one."""
    content = _hugo_content_folder(site, target)
    _collection, language = group_of(site, target)
    prefix = "/" + (language + "/" if language and language != site.default_language else "")
    return LinkStyle(PATH, prefix, key="path", drop=len(PurePosixPath(content).parts), suffix="/")


def _hugo_content_folder(site: SiteConfig, target: str) -> str:
    """The content folder `target` lies in: the folder of the site's top-level pages or above a
    section (`content/en` above `content/en/posts`), the deepest that holds it."""
    candidates = {"content"}
    for collection in site.collections:
        top = bool(collection.pattern) and "/" not in collection.pattern  # a folder's own pages
        for folder in (collection.folder, *(other for _code, other in collection.translation_folders)):
            folder = folder.strip("/")
            parent = str(PurePosixPath(folder).parent)
            candidates.add(folder if top else "" if parent == "." else parent)
    holding = [folder for folder in candidates if folder and target.startswith(folder + "/")]
    return max(holding, key=len, default="")


def group_of(site: SiteConfig, target: str) -> tuple[str, str]:
    """(collection name, language) of post `target`: the language of the translation folder it
    lies in (Hugo `content/fr/…`, a collection's `fr/` folder), "" for the default language."""
    best: tuple[int, str, str] = (-1, "", "")
    for collection in site.collections:
        for code, folder in (("", collection.folder), *collection.translation_folders):
            folder = folder.strip("/")
            if (not folder or target.startswith(folder + "/")) and len(folder) > best[0]:
                best = (len(folder), collection.name, code)
    _length, name, code = best
    collection = next((c for c in site.collections if c.name == name), None)
    if not code and collection is not None and collection.i18n == "folders" and collection.folder:
        head, _, tail = target[len(collection.folder.strip("/")) + 1:].partition("/")
        if tail and head in site.languages:
            code = head
    return name, "" if code == site.default_language else code


def route_prefix(root: Path) -> str | None:
    """The URL prefix of a Next.js or Astro route that serves posts by slug (`app/blog/[slug]`
    → `/blog/`), route groups such as `(site)` left out; None without one."""
    for base in _ROUTE_DIRS:
        top = root / base
        if not top.is_dir() or not is_inside(top, root):
            continue
        for folder, dirs, names in sorted(os.walk(top)):
            depth = Path(folder).relative_to(top).parts
            dirs[:] = sorted(d for d in dirs if not d.startswith((".", "_")) and d != "node_modules") \
                if len(depth) < 4 else []
            if any(_SLUG_ROUTE.match(name) for name in (*dirs, *names)):
                parts = [part for part in depth if not (part.startswith("(") and part.endswith(")"))]
                return "/" + "".join(part + "/" for part in parts)
    return None


def _path_parts(target: str) -> tuple[str, ...]:
    """The post's folders and name in the repository, a bundle's `index` folded into its folder
    and the Markdown suffix left out (`content/posts/trip/index.md` → `content/posts/trip`)."""
    path = PurePosixPath(target)
    parts = (*path.parent.parts, post_name(path)) if path.stem not in ("index", "_index") else path.parent.parts
    return tuple(part for part in parts if part and part != ".")


def _jekyll_source(target: str) -> str:
    """The folder Jekyll builds from, as a prefix of `target` (`docs/` for `docs/_posts/x.md`)."""
    parts = PurePosixPath(target).parts
    for marker in ("_posts", "_drafts"):
        if marker in parts:
            return "/".join(parts[:parts.index(marker)]) + ("/" if parts.index(marker) else "")
    return ""


def _may_be_post_link(url: str) -> bool:
    return not (url.startswith(("#", "//")) or _SCHEME.match(url))
