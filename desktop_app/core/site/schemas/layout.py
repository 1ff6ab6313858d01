"""Where a collection's posts are kept when no configuration says: learned from the posts
already there, so + New puts a post beside its siblings.

Page bundles (`my-post/index.mdx`), year and month folders (`2024/06/…`), a date before the
slug (`2024-06-01-my-post.md`) and the extension most posts use are each taken when most of
the collection's posts follow them.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import PurePosixPath

from desktop_app.core.site import membership
from desktop_app.core.site.config import Collection, SiteConfig, markdown_entries

_YEAR = re.compile(r"^(19|20)\d\d$")
_MONTH = re.compile(r"^(0[1-9]|1[0-2])$")
_DATED = re.compile(r"^\d{4}-\d{2}-\d{2}-")


@dataclass(frozen=True)
class Layout:
    extension: str = "md"
    slug: str = ""  # e.g. `{{year}}-{{month}}-{{day}}-{{slug}}`
    path: str = ""  # e.g. `{{year}}/{{month}}/{{slug}}/index`


def learn(site: SiteConfig, collection: Collection) -> Layout:
    """The layout most of the collection's posts share (plain `<slug>.md` when there are none)."""
    folder = site.root / collection.folder if collection.folder else site.root
    files = [path.relative_to(folder) for path, _link in
             membership.entries(site, collection, folder, markdown_entries(folder))
             if not membership.is_section_page(path.name) and path.name.split(".")[0].upper() != "README"
             and path.stem.count(".") == 0]  # translations (`index.it.md`) follow their article
    if not files:
        return Layout(collection.extension or "md")
    extension = collection.extension or Counter(path.suffix.lstrip(".") for path in files).most_common(1)[0][0]
    half = len(files) / 2
    bundles = [path for path in files if path.stem.split(".")[0] == "index" and len(path.parts) > 1]
    is_bundle = len(bundles) > half
    samples = [PurePosixPath(path).parent.parent if is_bundle else PurePosixPath(path).parent for path in
               (bundles if is_bundle else files)]
    prefix = ""
    if sum(1 for parent in samples if len(parent.parts) >= 2 and _YEAR.match(parent.parts[-2])
           and _MONTH.match(parent.parts[-1])) > half:
        prefix = "{{year}}/{{month}}/"
    elif sum(1 for parent in samples if parent.parts and _YEAR.match(parent.parts[-1])) > half:
        prefix = "{{year}}/"
    names = [path.parent.name if is_bundle else path.name for path in (bundles if is_bundle else files)]
    dated = sum(1 for name in names if _DATED.match(name)) > half
    slug = "{{year}}-{{month}}-{{day}}-{{slug}}" if dated else ""
    if is_bundle:
        return Layout(extension, slug, f"{prefix}{{{{slug}}}}/index")
    return Layout(extension, slug, f"{prefix}{{{{slug}}}}" if prefix else "")

