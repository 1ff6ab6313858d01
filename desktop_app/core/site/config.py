"""What a content repository looks like, as plain data: its collections, media folders and site CSS.

`core/site/detect.py` reads it from the repository; the CMS readers (`core/site/cms/`) build the
`Collection`s defined here.
"""

from __future__ import annotations

import os
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
class Collection:
    """A folder of posts sharing a file-name pattern and media folders."""

    name: str
    label: str
    folder: str  # repo-relative, POSIX
    extension: str = "md"
    media_folder: str = ""  # repo-relative folder where images are stored
    public_folder: str = ""  # the URL prefix the site serves media_folder under
    fields: tuple[FieldSpec, ...] = ()  # the front-matter schema; empty: inferred from the posts
    slug: str = ""  # file-name pattern for new posts, e.g. `{{year}}-{{month}}-{{day}}-{{slug}}`
    path: str = ""  # Decap `path` (folder structure), e.g. `{{slug}}/index`
    format: str = ""  # front matter of new posts: yaml, toml or json ("" = yaml)
    create: bool = True  # whether writers may add posts here
    source: str = ""  # the configuration file this collection comes from


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
            if collection.media_folder and public and url_path.startswith(public + "/"):
                candidate = self.root / collection.media_folder / url_path[len(public) + 1 :]
                if candidate.exists():
                    return candidate
        if self.static_folder:
            return self.root / self.static_folder / url_path.lstrip("/")
        return self.root / url_path.lstrip("/")


def markdown_files(folder: Path) -> Iterator[Path]:
    """Markdown files below `folder`, in name order, outside build output, dependencies and dot-folders."""
    for path, _link in markdown_entries(folder):
        yield path


def markdown_entries(folder: Path) -> Iterator[tuple[Path, bool]]:
    """`markdown_files` with, for each, whether it is a symbolic link (whose real path may be
    anywhere: `core/confine.py` decides). Linked folders are never entered, so a file that is not
    a link itself lies where `folder` really is."""
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError:
        return
    for entry in entries:
        name = entry.name
        if name.startswith("."):
            continue
        try:
            if entry.is_dir(follow_symlinks=False):
                if name not in SKIP_DIRS:
                    yield from markdown_entries(folder / name)
            elif name[name.rfind("."):].lower() in MARKDOWN_SUFFIXES and entry.is_file():  # the Path only for posts
                yield folder / name, entry.is_symlink()
        except OSError:
            continue
