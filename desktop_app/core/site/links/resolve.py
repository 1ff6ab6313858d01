"""Where a link in a post leads, when it is not a web address: to another post of the repository.

The preview shows links as the site writes them: relative to the post (`../other/`,
`other.md`), site-absolute (`/posts/other`, `/2024/01/02/other.html`), or what a Hugo `ref` or a
Liquid `link` / `post_url` names (`core/render/placeholders.py` turns those into paths). A clicked link
arrives as the local path the page resolved it to; this finds the post it means the way a reader
of the site would land on it: the file itself, the file with a Markdown suffix, a page bundle's
`index.md`, and else a post whose file name (without a Jekyll date) or `slug` / `permalink` is the
link's last part. Nothing here opens anything: the UI decides what to do with the answer.

A clicked link is looked up on the disk. The writing hints check every link of a post each time
typing pauses, so they look links up in a `PostIndex` instead: the repository's Markdown files and
the start of each post, read once per library scan (`core/site/links/style.py` builds it).
"""

from __future__ import annotations

import os
import re
from pathlib import Path, PurePosixPath
from typing import Callable, Iterable, Iterator, Mapping, Protocol

from desktop_app.core.confine import is_inside
from desktop_app.core.site.config import MARKDOWN_SUFFIXES, SiteConfig, markdown_names

_INDEX_NAMES = ("index", "_index", "README")
_DATE_PREFIX = re.compile(r"^\d{4}-\d{2}-\d{2}-")
_FRONT_KEY = re.compile(r"^(slug|permalink|url)\s*[:=]\s*[\"']?([^\"'\n]+?)[\"']?\s*$", re.M)
HEAD = 4096  # characters of a post read for its `slug`, `permalink` or `url`


def is_template_link(target: str) -> bool:
    """Whether the link's address is template text the site fills in (`{{ site.repository }}/x`)."""
    return "{{" in target or "{%" in target


class Files(Protocol):
    """Where `linked_post` looks: the disk, or a `PostIndex` read earlier."""

    root: Path  # resolved

    def is_file(self, normal: str) -> bool: ...  # an absolute path, already normalised
    def named(self) -> Mapping[str, Path]: ...
    def declared(self) -> list[tuple[str, str, Path]]: ...
    def relative(self, path: Path) -> str | None: ...


def _named(posts: list[Path]) -> dict[str, Path]:
    """Each slug a post's name gives (the first post with it wins, in scan order)."""
    named: dict[str, Path] = {}
    for post in posts:
        named.setdefault(bare_slug(post_name(post)), post)
    return named


def _declared(posts: list[Path], head: Callable[[Path], str]) -> list[tuple[str, str, Path]]:
    """Every `slug`, `permalink` and `url` the posts declare, with the post."""
    return [(key, value.strip(), post) for post in posts for key, value in _FRONT_KEY.findall(head(post))]


class PostIndex:
    """The repository's Markdown files (repo-relative, POSIX), the posts a link may name by slug
    (the collections', then Hugo's `content/`), and the first `HEAD` characters of each post."""

    def __init__(self, root: Path, files: Iterable[str], posts: Iterable[str], heads: Mapping[str, str]) -> None:
        self.root = root.resolve()
        self.files = frozenset(files)
        same = {name: name for name in self.files}  # a post's path once, not once per list of the index
        self.post_paths = tuple(same.get(post, post) for post in posts)
        self.heads = {same.get(post, post): head for post, head in heads.items()}
        self._named: dict[str, Path] | None = None  # built on first use, then kept
        self._declared: list[tuple[str, str, Path]] | None = None
        self._prefix = str(self.root).rstrip(os.sep) + os.sep

    def is_file(self, normal: str) -> bool:
        return normal.startswith(self._prefix) and normal[len(self._prefix):].replace(os.sep, "/") in self.files

    def named(self) -> Mapping[str, Path]:
        """As `_named` finds them, from the path strings: a `Path` for each of 10,000 posts, kept,
        took 4 MB (and every part of every path interned for good)."""
        if self._named is None:
            named: dict[str, str] = {}
            for post in self.post_paths:
                named.setdefault(bare_slug(_name_in(post)), post)
            self._named = _UnderRoot(self.root, named)
        return self._named

    def declared(self) -> list[tuple[str, str, Path]]:
        if self._declared is None:
            self._declared = [(key, value.strip(), self.root / post) for post in self.post_paths
                              for key, value in _FRONT_KEY.findall(self.heads.get(post, ""))]
        return self._declared

    def relative(self, path: Path) -> str | None:
        """`path` (absolute) as a repo-relative POSIX path, read as written: no link is followed."""
        normal = os.path.normpath(path)
        if not normal.startswith(self._prefix):
            return None
        return normal[len(self._prefix):].replace(os.sep, "/")


class _UnderRoot(Mapping[str, Path]):
    """Repo-relative paths by name, handed out as paths under the repository's root."""

    def __init__(self, root: Path, paths: dict[str, str]) -> None:
        self.root, self.paths = root, paths

    def __getitem__(self, name: str) -> Path:
        return self.root / self.paths[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self.paths)

    def __len__(self) -> int:
        return len(self.paths)


def _name_in(path: str) -> str:
    """`post_name(PurePosixPath(path))` of a repo-relative path, cut from the string."""
    folder, _, name = path.rpartition("/")
    dot = name.rfind(".")
    stem = name[:dot] if 0 < dot < len(name) - 1 else name
    parent = folder.rpartition("/")[2]
    return parent if stem in _INDEX_NAMES and parent else stem


class _Disk:
    """The repository as it is on the disk now, its real paths followed (`core/confine.py`)."""

    def __init__(self, site: SiteConfig) -> None:
        self.site = site
        self.root = site.root.resolve()

    def is_file(self, normal: str) -> bool:
        return os.path.isfile(normal)

    def named(self) -> Mapping[str, Path]:
        return _named(self._posts())

    def declared(self) -> list[tuple[str, str, Path]]:
        return _declared(self._posts(), self._head)

    def _posts(self) -> list[Path]:
        return [self.root / post for post in post_files(self.site)]

    @staticmethod
    def _head(path: Path) -> str:
        with path.open(encoding="utf-8", errors="replace") as file:
            return file.read(HEAD)

    def relative(self, path: Path) -> str | None:
        try:
            return path.resolve().relative_to(self.root).as_posix()
        except ValueError:
            return None


def linked_post(site: SiteConfig, target: str, index: PostIndex | None = None) -> str | None:
    """The repository-relative path of the post that the clicked local path `target` points to.

    `target` is the page's reading of the link: inside the repository for a relative link, or
    elsewhere on the disk for a site-absolute one (`/posts/x` becomes `/posts/x`). With `index`,
    the files it lists are looked up instead of the disk."""
    if is_template_link(target):
        return None
    files: Files = index if index is not None else _Disk(site)
    root = files.root
    inside = files.relative(Path(target))
    if inside is not None:
        found = _as_post(os.path.join(root, inside), files)
        bases: list[Path] = []
        url_path = PurePosixPath("/" + inside)
    else:
        found = None
        url_path = PurePosixPath("/" + Path(target).as_posix().lstrip("/"))
        bases = _bases(site, root)
    for base in bases:
        if found is not None:
            break
        found = _as_post(os.path.join(base, url_path.as_posix().lstrip("/")), files)
    if found is None:
        found = _by_slug(files, url_path)
    if found is None or (index is None and not is_inside(found, root)):
        return None
    return files.relative(found)


def _bases(site: SiteConfig, root: Path) -> list[Path]:
    """Folders a site-absolute path may be read from: the repository, Hugo's `content/`, each
    collection's folder and the folder above it (a Jekyll source in `docs/`)."""
    bases = [root, root / "content"]
    for collection in site.collections:
        folder = root / collection.folder
        bases += [folder, folder.parent]
    return list(dict.fromkeys(bases))


def _as_post(path: str, files: Files) -> Path | None:
    """`path` as a post: itself, with a Markdown suffix, without `.html`, or its folder's index.
    Strings, not `Path`s: the hints resolve every link of a long post this way as typing pauses."""
    text = os.path.normpath(path.rstrip("/")) if path.rstrip("/") else ""
    name = os.path.basename(text)
    if not text or name in ("", ".", ".."):
        return None
    stem, dot, suffix = name.rpartition(".")
    suffix = "." + suffix.lower() if dot and stem else ""
    if suffix in (".html", ".htm"):
        text = os.path.dirname(text) if stem == "index" else text[:-len(suffix)]
        suffix = ""
    candidates = [text] if suffix in MARKDOWN_SUFFIXES else []
    candidates += [text + ending for ending in MARKDOWN_SUFFIXES]
    candidates += [os.path.join(text, name + ending) for name in _INDEX_NAMES for ending in MARKDOWN_SUFFIXES]
    found = next((candidate for candidate in candidates if files.is_file(candidate)), None)
    return Path(found) if found is not None else None


def bare_slug(name: str) -> str:
    """A file or folder name as a slug: without a Jekyll date, lower-cased."""
    return _DATE_PREFIX.sub("", name).lower()


def post_name(path: PurePosixPath | Path) -> str:
    """The name a post goes by in its path: the file's, or its folder's for a bundle's index."""
    return path.parent.name if path.stem in _INDEX_NAMES and path.parent.name else path.stem


def front_keys(head: str) -> dict[str, str]:
    """The `slug`, `permalink` and `url` the start of a post declares."""
    return {key: value.strip() for key, value in _FRONT_KEY.findall(head)}


def front_key_lines(head: str) -> list[str]:
    """The lines of `head` `front_keys` reads, as they are: `front_keys` reads the same in them."""
    return [match.group(0) for match in _FRONT_KEY.finditer(head)]


def _by_slug(files: Files, url_path: PurePosixPath) -> Path | None:
    """The post whose file name (or folder, for a bundle) or front-matter slug is the link's last
    part, or whose `permalink` / `url` is the link's path."""
    last = url_path.name
    if not last:
        return None
    wanted = bare_slug(re.sub(r"\.(html?|md|markdown|mdx)$", "", last, flags=re.I))
    link = "/" + str(url_path).strip("/")
    found = files.named().get(wanted)
    if found is not None:
        return found
    for key, value, post in files.declared():
        if (key == "slug" and bare_slug(value) == wanted) or (key != "slug" and "/" + value.strip("/") == link):
            return post
    return None


def post_files(site: SiteConfig) -> list[str]:
    """The collections' posts, then the other pages of Hugo's `content/` folder (repo-relative):
    those inside the repository (`core/confine.py`), as their front matter is read."""
    root = site.root.resolve()
    found: dict[str, None] = {}
    for folder in [root / collection.folder for collection in site.collections] + [root / "content"]:
        if folder.is_dir() and is_inside(folder, root):
            found.update(dict.fromkeys(markdown_inside(folder, root)))
    return list(found)


def markdown_inside(folder: Path, root: Path) -> Iterator[str]:
    """The Markdown files under `folder` (inside `root`, resolved) whose real path is inside
    `root`, repo-relative: cut from the path strings (a `Path` per file interns every part of
    every path, which the window keeps for good)."""
    prefix = os.path.join(str(root), "")
    for name, link in markdown_names(str(folder)):
        if not link or is_inside(Path(name), root):
            yield name[len(prefix):].replace(os.sep, "/") if name.startswith(prefix) else \
                Path(name).relative_to(root).as_posix()
