"""Reading a repository's site configuration: which generator builds it, its collections and CSS.

Collections come from the repository's own `.postdesk.yml` when it declares them, else from the
CMS configuration the site already has (`core/site/cms/`: Decap / Sveltia, Front Matter CMS,
Pages CMS), else from the usual layouts of Next.js, Hugo, Jekyll, Astro and Eleventy sites.
"""

from __future__ import annotations

from dataclasses import replace
from itertools import islice
from pathlib import Path
from typing import Any

from desktop_app.core import confine
from desktop_app.core.errors import PostdeskError
from desktop_app.core.site import cms
from desktop_app.core.site.boundaries import confine_site
from desktop_app.core.site.cms.base import ConfigError, plain
from desktop_app.core.site.cms.reading import parse_yaml
from desktop_app.core.site.config import (
    CONFIG_FILE,
    FLAVORS,
    GFM,
    PYTHON_MARKDOWN,
    Collection,
    SiteConfig,
    markdown_files,
)

_GFM_GENERATORS = frozenset({"next", "astro", "gatsby", "eleventy", "docusaurus", "node", "hugo"})
# Folders that hold posts in the site generators our users run, most specific first.
_KNOWN_FOLDERS = (
    "posts", "_posts", "content/posts", "content/blog", "src/content/blog", "src/content/posts",
    "src/posts", "blog", "docs/_posts", "content",
)
_CSS_CANDIDATES = (
    "styles/globals.css", "src/styles/globals.css", "app/globals.css", "src/app/globals.css",
    "assets/css/main.css", "css/style.css", "static/css/style.css", "src/styles/global.css",
)


def load_site(root: Path) -> SiteConfig:
    """The site configuration of the repository at `root`.

    Collections come from the first of: the site's own `.postdesk.yml`, its CMS configuration
    (Decap / Sveltia, Front Matter CMS, Pages CMS: read as they are, never rewritten), or the
    usual folders of its generator. A CMS file that cannot be used only adds to `problems`.
    """
    generator, static = _detect_generator(root)
    settings: dict[str, Any] = {}
    problems: list[str] = []
    collections: tuple[Collection, ...] = ()
    source = "inferred"
    if _readable(root, CONFIG_FILE):
        settings = _read_postdesk_yml(root / CONFIG_FILE)
        collections = cms.postdesk_collections(settings.get("collections"), problems)
        source = CONFIG_FILE
    elif (root / CONFIG_FILE).is_file():
        problems.append(f"{CONFIG_FILE} leads outside the repository, so Postdesk does not read it.")
    if not collections:
        found = cms.load_cms(root)
        if found is not None:
            problems.extend(found.problems)
            if found.collections:
                collections, source = found.collections, found.source
                generator = generator if generator != "unknown" or not found.generator else found.generator
    preview = settings.get("preview") or {}
    if not isinstance(preview, dict):
        raise PostdeskError(f"{CONFIG_FILE}: 'preview' must be a mapping, e.g. preview: {{css: [site.css]}}.")
    css = preview.get("css") or ()
    css = (css,) if isinstance(css, str) else css  # `css: site.css` names one file, not its letters
    if not isinstance(css, (list, tuple)):
        raise PostdeskError(f"{CONFIG_FILE}: preview.css must be a file or a list of files, e.g. css: [site.css].")
    generator = str(settings.get("generator", generator))
    flavor = str(preview.get("flavor") or (GFM if generator in _GFM_GENERATORS else PYTHON_MARKDOWN))
    if flavor not in FLAVORS:
        raise PostdeskError(f"{CONFIG_FILE}: preview.flavor must be one of {', '.join(FLAVORS)}, not '{flavor}'.")
    css_files = tuple(str(item) for item in css) or tuple(_infer_css(root, problems))
    site = confine_site(SiteConfig(
        root, collections, css_files, str(settings.get("static_folder", static)), generator, flavor,
        source=source, extra={k: plain(v) for k, v in settings.items() if k not in ("collections", "preview")},
        problems=tuple(problems),
    ))
    if site.collections:
        return site
    # No configured collection is usable (none, or all lead outside): the generator's usual folders.
    problems = list(site.problems)
    inferred = _infer_collections(root, problems)
    return replace(site, collections=tuple(inferred), source="inferred", problems=tuple(problems))


def _readable(root: Path, name: str) -> bool:
    """A configuration file of the repository that may be read: there, and not a link leading out."""
    path = root / name
    return path.is_file() and confine.is_inside(path, root)


def _detect_generator(root: Path) -> tuple[str, str]:
    if _readable(root, "package.json"):
        text = (root / "package.json").read_text(encoding="utf-8", errors="replace")
        for name in ("next", "astro", "gatsby", "@11ty/eleventy", "@docusaurus/core"):
            if f'"{name}"' in text:
                return name.split("/")[-1].replace("core", "docusaurus"), "public"
        return "node", "public"
    if _is_hugo(root):
        return "hugo", "static"
    if _readable(root, "_config.yml"):
        return "jekyll", ""
    if _readable(root, "mkdocs.yml"):
        return "mkdocs", "docs"
    return "unknown", ""


_CONFIG_FORMATS = ("toml", "yaml", "yml", "json")


def _is_hugo(root: Path) -> bool:
    """Hugo reads `hugo.toml|yaml|json`, or in older sites `config.*`, at the root or in
    `config/_default/`. `config.*` is a common name outside Hugo too, so at the root it counts
    only beside a Hugo `content/` folder or with Hugo's `baseURL` setting."""
    names = [f"{stem}.{kind}" for stem in ("hugo", "config") for kind in _CONFIG_FORMATS]
    if any(_readable(root, name) for name in names[:len(_CONFIG_FORMATS)]):
        return True
    if any(_readable(root, f"config/_default/{name}") for name in names):
        return True
    for name in names[len(_CONFIG_FORMATS):]:
        path = root / name
        if _readable(root, name) and ((root / "content").is_dir() or
                               "baseurl" in path.read_text(encoding="utf-8", errors="replace")[:20000].lower()):
            return True
    return False


def _read_postdesk_yml(path: Path) -> dict[str, Any]:
    """The settings in `.postdesk.yml`: our own file, so a broken one is an error to fix, not
    something to open the site without."""
    try:
        data = parse_yaml(path.read_text(encoding="utf-8"), CONFIG_FILE) or {}
    except UnicodeDecodeError as error:
        raise PostdeskError(f"{CONFIG_FILE} cannot be read.", details=str(error)) from error
    except ConfigError as error:
        raise PostdeskError(f"{CONFIG_FILE} cannot be read.", details=error.message) from error
    if not isinstance(data, dict):
        raise PostdeskError(f"{CONFIG_FILE} must be a mapping of settings.")
    return data


def _infer_collections(root: Path, problems: list[str]) -> list[Collection]:
    for folder in _KNOWN_FOLDERS:
        path = root / folder
        if not path.is_dir():
            continue
        if not confine.is_inside(path, root):
            problems.append(f"The folder {folder} leads outside the repository, so Postdesk does not read its posts.")
            continue
        first = list(islice(markdown_files(path), 200))  # the library's scan lists them all, once
        if first:
            name = Path(folder).name.lstrip("_") or "posts"
            return [Collection(name, name.title(), folder, _common_extension(first))]
    return [Collection("pages", "Pages", "")]


def _common_extension(files: list[Path]) -> str:
    """The extension most of `files` (a folder's first posts) have."""
    suffixes = [path.suffix for path in files]
    return max(set(suffixes), key=suffixes.count).lstrip(".") if suffixes else "md"


def _infer_css(root: Path, problems: list[str]) -> list[str]:
    """The first usual stylesheet of the site's generator; one leading out is named and skipped."""
    for candidate in _CSS_CANDIDATES:
        if (root / candidate).is_file():
            if confine.is_inside(root / candidate, root):
                return [candidate]
            problems.append(f"The stylesheet {candidate} leads outside the repository, so the preview does not use it.")
    return []
