"""The schemas a site already has: its CMS configuration, read as it is, never rewritten.

`load_cms(root)` tries, in order, Decap / Sveltia CMS (`admin/config.yml` and the usual
variants), Front Matter CMS (`frontmatter.json`) and Pages CMS (`.pages.yml`), and returns the
first that describes at least one folder of Markdown posts. A file that cannot be used becomes a
problem message and the next one is tried, so a broken config never stops a site from opening.
(`.postdesk.yml`, which comes before all of these, is read by `core/site/detect` with `postdesk_fields`.)

A reader's module is imported only when the repository has a file it reads (`CANDIDATES`): most
sites have no CMS, and every `postdesk list` and window start opens the site.
"""

from __future__ import annotations

import importlib
from dataclasses import replace
from pathlib import Path
from typing import Callable

from desktop_app.core.site.cms.base import CmsSite, ConfigError
from desktop_app.core.site.cms.postdesk_fields import postdesk_collections

__all__ = ["CANDIDATES", "CmsSite", "ConfigError", "load_cms", "postdesk_collections", "READERS"]

Finder = Callable[[Path], str | None]
Reader = Callable[[Path, str], CmsSite]
_DECAP_FOLDERS = ("admin", "static/admin", "public/admin", "src/admin", "site/static/admin")
# In the order DESIGN.md gives: the first usable one wins. Each reader's module, its finder and
# reader, and every path its finder may find (tests/core/site/cms keep these equal to the finders').
READERS: tuple[tuple[str, str, str], ...] = (
    ("decap", "find_config", "read_decap"),
    ("frontmatter_cms", "find_config", "read_frontmatter_cms"),
    ("pages_cms", "find_config", "read_pages_cms"),
)
CANDIDATES: dict[str, tuple[str, ...]] = {
    "decap": tuple(f"{folder}/{name}" for folder in _DECAP_FOLDERS for name in ("config.yml", "config.yaml")),
    "frontmatter_cms": ("frontmatter.json", ".frontmatter/config"),
    "pages_cms": (".pages.yml",),
}


def reader(module: str) -> tuple[Finder, Reader]:
    """The finder and reader of one CMS's module (imported on first use)."""
    name, find, read = next(entry for entry in READERS if entry[0] == module)
    loaded = importlib.import_module(f"{__name__}.{name}")
    return getattr(loaded, find), getattr(loaded, read)


def load_cms(root: Path) -> CmsSite | None:
    """The collections of the site's CMS configuration; None when it has none.

    When configuration files exist but none is usable, the result has no collections and says
    why in `problems` (the caller then finds the posts by looking at the folders).
    """
    problems: list[str] = []
    found = False
    for module, _find, _read in READERS:
        if not any((root / candidate).exists() for candidate in CANDIDATES[module]):
            continue
        find, read = reader(module)
        source = find(root)
        if source is None:
            continue
        found = True
        try:
            site = read(root, source)
        except ConfigError as error:
            problems.append(f"{error.message} Postdesk does not use this file.")
            continue
        if site.collections:
            return replace(site, problems=(*problems, *site.problems))
        problems.extend(site.problems)
        only = f" (only {', '.join(site.skipped)})" if site.skipped else ""
        problems.append(f"{source} describes no folder of Markdown posts{only}.")
    return CmsSite("", (), problems=tuple(problems)) if found else None
