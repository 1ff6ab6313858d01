"""Schemas where the site keeps them: the generator's own configuration, read without running
any of it (Astro content collections, Contentlayer, Hugo, Jekyll, Docusaurus, Eleventy).

`read_generator(root, generator)` returns the collections the generator declares; `combine`
merges them with a CMS's collections for the same folders. A configuration that cannot be read
becomes a problem naming its file and line, and the site opens with what could be read.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from desktop_app.core.site.schemas import astro, contentlayer, docusaurus, eleventy, hugo, jekyll
from desktop_app.core.site.schemas.base import GeneratorSite

Reader = Callable[[Path], GeneratorSite | None]
_READERS: dict[str, tuple[Reader, ...]] = {
    "astro": (astro.read_astro,),
    "next": (contentlayer.read_contentlayer,),
    "hugo": (hugo.read_hugo,),
    "jekyll": (jekyll.read_jekyll,),
    "docusaurus": (docusaurus.read_docusaurus,),
    "eleventy": (eleventy.read_eleventy,),
    "node": (contentlayer.read_contentlayer,),
}


def read_generator(root: Path, generator: str) -> GeneratorSite:
    """What the generator's configuration declares; empty when it declares nothing readable."""
    problems: list[str] = []
    for read in _READERS.get(generator, ()):
        found = read(root)
        if found is None:
            continue
        if found.collections:
            return found
        problems += found.problems
    return GeneratorSite(problems=tuple(problems))
