"""The schemas a site already has: its CMS configuration, read as it is, never rewritten.

`load_cms(root)` tries, in order, Decap / Sveltia CMS (`admin/config.yml` and the usual
variants), Front Matter CMS (`frontmatter.json`) and Pages CMS (`.pages.yml`), and returns the
first that describes at least one folder of Markdown posts. A file that cannot be used becomes a
problem message and the next one is tried, so a broken config never stops a site from opening.
(`.postdesk.yml`, which comes before all of these, is read by `core/site/detect` with `postdesk_fields`.)
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Callable

from desktop_app.core.site.cms import decap, frontmatter_cms, pages_cms
from desktop_app.core.site.cms.base import CmsSite, ConfigError
from desktop_app.core.site.cms.postdesk_fields import postdesk_collections

__all__ = ["CmsSite", "ConfigError", "load_cms", "postdesk_collections", "READERS"]

Finder = Callable[[Path], str | None]
Reader = Callable[[Path, str], CmsSite]
# In the order DESIGN.md gives: the first usable one wins.
READERS: tuple[tuple[Finder, Reader], ...] = (
    (decap.find_config, decap.read_decap),
    (frontmatter_cms.find_config, frontmatter_cms.read_frontmatter_cms),
    (pages_cms.find_config, pages_cms.read_pages_cms),
)


def load_cms(root: Path) -> CmsSite | None:
    """The collections of the site's CMS configuration; None when it has none.

    When configuration files exist but none is usable, the result has no collections and says
    why in `problems` (the caller then finds the posts by looking at the folders).
    """
    problems: list[str] = []
    found = False
    for find, read in READERS:
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
