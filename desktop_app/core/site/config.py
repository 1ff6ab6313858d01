"""What a content repository looks like, as plain data: its collections, media folders and site CSS.

`core/site/detect.py` reads it from the repository; the CMS readers (`core/site/cms/`) build the
`Collection`s defined here.
"""

from __future__ import annotations

import os
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from desktop_app.core.frontmatter.fields import FieldSpec

CONFIG_FILE = ".postdesk.yml"
# Markdown flavours the preview renders with: Python-Markdown (MkDocs, Pelican, and the default),
# or CommonMark + GitHub's extensions for sites built on remark, goldmark or markdown-it.
PYTHON_MARKDOWN, GFM = "python-markdown", "gfm"
FLAVORS = (PYTHON_MARKDOWN, GFM)
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdx")
SKIP_DIRS = {".git", "node_modules", ".next", "public", "static", "out", "dist", "build", ".venv"}


@dataclass(frozen=True)
class ContentType:
    """One of several shapes the posts of a folder may take (Front Matter CMS content types):
    a post names its own with `type`, the others take the collection's default fields."""

    name: str
    fields: tuple[FieldSpec, ...]


@dataclass(frozen=True)
class Collection:
    """A folder of posts sharing a file-name pattern and media folders."""

    name: str
    label: str
    folder: str  # repo-relative, POSIX
    extension: str = "md"  # "" = the one most of its posts use
    media_folder: str = ""  # repo-relative folder where images are stored
    public_folder: str = ""  # the URL prefix the site serves media_folder under
    fields: tuple[FieldSpec, ...] = ()  # the front-matter schema; empty: inferred from the posts
    slug: str = ""  # file-name pattern for new posts, e.g. `{{year}}-{{month}}-{{day}}-{{slug}}`
    path: str = ""  # Decap `path` (folder structure), e.g. `{{slug}}/index`
    format: str = ""  # front matter of new posts: yaml, toml or json ("" = yaml)
    create: bool = True  # whether writers may add posts here
    source: str = ""  # the configuration file this collection comes from
    # Which files below `folder` are entries: a glob relative to it (`**/*.mdx`, `*.md` for the
    # top level only, `**/[^_]*.{md,mdx}`); "" = every Markdown file.
    pattern: str = ""
    types: tuple[ContentType, ...] = ()  # other shapes a post may pick with its `type` key
    template: str = ""  # a file whose front matter starts every new post (a Hugo archetype)
    # How the site keeps translations: "" (none), "suffix" (`index.it.md`), "folders"
    # (`<folder>/<lang>/…`), "single_file" (every language in one file, under its code).
    i18n: str = ""
    # The same section in each other language's content folder (Hugo `content/<lang>/posts`).
    translation_folders: tuple[tuple[str, str], ...] = ()
    # Fields the generator knows without a schema (Jekyll `defaults`, data files' authors,
    # Docusaurus' blog fields): they refine the fields inferred from the posts.
    hints: tuple[FieldSpec, ...] = ()


@dataclass(frozen=True)
class SiteConfig:
    """Everything Postdesk needs to know about the site a repository builds."""

    root: Path
    collections: tuple[Collection, ...]
    css_files: tuple[str, ...] = ()
    static_folder: str = ""  # repo folder served at the site root ("/"), e.g. public/ or static/
    generator: str = "unknown"
    flavor: str = PYTHON_MARKDOWN  # the Markdown flavour the site's generator reads
    source: str = "inferred"  # where the configuration came from
    extra: dict[str, Any] = field(default_factory=dict)
    problems: tuple[str, ...] = ()  # parts of the site's configuration that could not be used
    # Collections left out because they lead outside the repository: name → the problem's sentence.
    refused: tuple[tuple[str, str], ...] = ()
    evidence: tuple[str, ...] = ()  # what decided the generator, one short phrase each
    languages: tuple[str, ...] = ()  # the site's languages, the default first ("" = one unnamed)
    taxonomies: tuple[str, ...] = ("tags", "categories")  # front-matter keys that classify posts
    # Terms the site keeps for its taxonomies apart from the posts (Front Matter CMS's taxonomy
    # database, Jekyll `_data`): completions offered before any post uses them.
    terms: tuple[tuple[str, tuple[str, ...]], ...] = ()
    config_files: tuple[str, ...] = ()  # the configuration files read, repo-relative

    @property
    def default_language(self) -> str:
        return self.languages[0] if self.languages else ""

    def collection_for(self, relative: str) -> Collection | None:
        """The collection whose folder holds the repo-relative path `relative`."""
        best: Collection | None = None
        for collection in self.collections:
            prefix = collection.folder.rstrip("/") + "/" if collection.folder not in ("", ".") else ""
            if relative.startswith(prefix) and (best is None or len(collection.folder) > len(best.folder)):
                best = collection
        return best

    def site_path_to_file(self, url_path: str) -> Path | None:
        """Map a site-absolute URL path (`/images/a.png`) to the repository file that serves it."""
        if not url_path.startswith("/"):
            return None
        for collection in self.collections:
            public = collection.public_folder.rstrip("/")
            if collection.media_folder and "{{" in public:
                candidate = _templated_file(self.root, collection, public, url_path)
                if candidate is not None:
                    return candidate
            elif collection.media_folder and public and url_path.startswith(public + "/"):
                candidate = self.root / collection.media_folder / url_path[len(public) + 1 :]
                if candidate.exists():
                    return candidate
        if self.static_folder:
            return self.root / self.static_folder / url_path.lstrip("/")
        return self.root / url_path.lstrip("/")




def _templated_file(root: Path, collection: Collection, public: str, url_path: str) -> Path | None:
    """A Decap public folder with per-post placeholders (`/images/{{filename}}`): the parts the
    URL gives fill in the same placeholders of the media folder."""
    pattern = re.sub(r"\\\{\\\{(\w+)\\\}\\\}", lambda m: f"(?P<{m.group(1)}>[^/]+)",
                     re.escape(re.sub(r"\{\{\s*(\w+)\s*\}\}", r"{{\1}}", public)))
    try:
        match = re.match(pattern + "/(?P<_rest>.+)$", url_path)
    except re.error:  # the same placeholder twice: not a folder Postdesk can map back
        return None
    if match is None:
        return None
    media = collection.media_folder
    if media.startswith("."):  # written from the collection's folder (Decap's entry-relative form)
        media = posixpath.normpath(posixpath.join(collection.folder or ".", media))
    folder = re.sub(r"\{\{\s*(\w+)\s*\}\}", lambda m: match.groupdict().get(m.group(1)) or m.group(0), media)
    candidate = root / folder / match.group("_rest")
    return candidate if "{{" not in folder and candidate.exists() else None


def markdown_files(folder: Path) -> Iterator[Path]:
    """Markdown files below `folder`, in name order, outside build output, dependencies and dot-folders."""
    for path, _link in markdown_entries(folder):
        yield path


def markdown_entries(folder: Path) -> Iterator[tuple[Path, bool]]:
    """`markdown_files` with, for each, whether it is a symbolic link (whose real path may be
    anywhere: `core/confine.py` decides). Linked folders are never entered, so a file that is not
    a link itself lies where `folder` really is."""
    for name, link in markdown_names(str(folder)):
        yield Path(name), link


def markdown_names(folder: str) -> Iterator[tuple[str, bool]]:
    """`markdown_entries` as path strings: the library's scan makes a `Path` only for the posts
    it reads again."""
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
    except OSError:
        return
    for entry in entries:
        name = entry.name
        if name.startswith("."):
            continue
        try:
            if entry.is_dir(follow_symlinks=False):
                if name not in SKIP_DIRS:
                    yield from markdown_names(entry.path)
            elif name[name.rfind("."):].lower() in MARKDOWN_SUFFIXES and entry.is_file():
                yield entry.path, entry.is_symlink()
        except OSError:
            continue
