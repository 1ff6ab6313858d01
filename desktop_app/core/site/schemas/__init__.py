"""Schemas where the site keeps them: the generator's own configuration, read without running
any of it (Astro content collections, Contentlayer, Hugo, Jekyll, Docusaurus, Eleventy).

`read_generator(root, generator)` returns the collections the generator declares; `combine`
merges them with a CMS's collections for the same folders. A configuration that cannot be read
becomes a problem naming its file and line, and the site opens with what could be read.

Only the reader of the generator the evidence names is imported: every `postdesk list` and window
start opens the site, and the others' parsers (TypeScript, Zod, TOML …) would go unused.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Callable

from desktop_app.core.site.schemas.base import GeneratorSite

Reader = Callable[[Path], GeneratorSite | None]
# generator → its readers, each as (module of this package, function)
_READERS: dict[str, tuple[tuple[str, str], ...]] = {
    "astro": (("astro", "read_astro"),),
    "next": (("contentlayer", "read_contentlayer"),),
    "hugo": (("hugo", "read_hugo"),),
    "jekyll": (("jekyll", "read_jekyll"),),
    "docusaurus": (("docusaurus", "read_docusaurus"),),
    "eleventy": (("eleventy", "read_eleventy"),),
    "node": (("contentlayer", "read_contentlayer"),),
}


def readers(generator: str) -> tuple[Reader, ...]:
    """The readers of `generator`'s configuration, their modules imported on first use."""
    return tuple(getattr(importlib.import_module(f"{__name__}.{module}"), name)
                 for module, name in _READERS.get(generator, ()))


def read_generator(root: Path, generator: str) -> GeneratorSite:
    """What the generator's configuration declares; empty when it declares nothing readable."""
    problems: list[str] = []
    for read in readers(generator):
        found = read(root)
        if found is None:
            continue
        if found.collections:
            return found
        problems += found.problems
    return GeneratorSite(problems=tuple(problems))
