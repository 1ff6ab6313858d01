"""Postdesk's side: each post's body HTML exactly as the preview renders it, many posts per process.

`postdesk render FILE` prints the post header and the body together, so this adapter calls the
same pipeline through its Python API (`Renderer.render(...).body_html`, as `cli.py` does) in this
process. The modules are being moved into feature packages (`desktop_app.core.render.pipeline`,
`desktop_app.core.site.detect` …): both the old and the new import paths are tried, and this file
is the one place to update if they move again.
"""

from __future__ import annotations

import dataclasses
import importlib
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

# Postdesk marks what the site fills in (shortcodes, Liquid, MDX) with this class.
PLACEHOLDER_CLASS = "pd-placeholder"
GFM, PYTHON_MARKDOWN = "gfm", "python-markdown"
# The flavour Postdesk gives a site of each generator when it has no `.postdesk.yml`
# (`desktop_app/core/site.py`: generators built on remark, goldmark or markdown-it get GFM).
DEFAULT_FLAVOR = {"hugo": GFM, "astro": GFM, "jekyll": PYTHON_MARKDOWN}


def _module(*names: str) -> ModuleType:
    for name in names:
        try:
            return importlib.import_module(name)
        except ModuleNotFoundError as error:
            if error.name is None or not name.startswith(error.name):
                raise
    raise ModuleNotFoundError(f"none of {', '.join(names)} (is the Postdesk worktree on PYTHONPATH?)")


@dataclass(frozen=True)
class Rendered:
    html: str
    error: str = ""  # front matter Postdesk could not read (the body is still rendered)


@dataclass
class PostdeskRun:
    bodies: dict[Path, Rendered]
    seconds: float
    flavor: str


def site_flavor(root: Path, generator: str) -> str:
    """The flavour Postdesk picks for the site at `root`: its own detection when it recognises the
    site, else what it would pick for a site of `generator` (a corpus has no configuration)."""
    profile = site_profile(root, generator)
    if profile is not None:
        return profile.flavor
    site = _load_site(root)
    if site is not None and site.generator != "unknown":
        return site.flavor
    return DEFAULT_FLAVOR.get(generator, PYTHON_MARKDOWN)


def site_profile(root: Path, generator: str):  # -> RenderProfile | None (older Postdesk: None)
    """The rendering profile Postdesk gives the site at `root`, read from its configuration as
    the generator reads it; a corpus without one gets `generator`'s defaults."""
    try:
        profile_module = importlib.import_module("desktop_app.core.render.site_settings")
    except ModuleNotFoundError:
        return None
    site = _load_site(root)
    if site is None:
        return None
    if site.generator != generator:
        site = dataclasses.replace(site, generator=generator)
    return profile_module.site_profile(site)


def render_bodies(files: Iterable[Path], root: Path, flavor: str, generator: str = "") -> PostdeskRun:
    """Render each file's body as the preview does (placeholders, sanitizer, image resolution),
    with the site's rendering profile unless `flavor` was chosen instead."""
    pipeline = _module("desktop_app.core.render.pipeline", "desktop_app.core.render")
    storage = _module("desktop_app.core.document.storage", "desktop_app.core.storage")
    site = _load_site(root)
    profile = site_profile(root, generator) if generator else None
    if profile is not None and profile.flavor != flavor:
        profile = dataclasses.replace(profile, flavor=flavor)
    renderer = pipeline.Renderer(flavor)
    bodies: dict[Path, Rendered] = {}
    start = time.perf_counter()
    for path in files:
        text = storage.read_text(path).text
        options = {"profile": profile} if profile is not None else {}
        rendered = renderer.render(text, pipeline.site_resolver(site, path), mdx=path.suffix == ".mdx", **options)
        bodies[path] = Rendered(rendered.body_html, rendered.error)
    return PostdeskRun(bodies, time.perf_counter() - start, flavor)


def _load_site(root: Path):  # -> SiteConfig | None (its module moves)
    detect = _module("desktop_app.core.site.detect", "desktop_app.core.site")
    errors = _module("desktop_app.core.errors")
    try:
        return detect.load_site(root)
    except errors.PostdeskError:
        return None
