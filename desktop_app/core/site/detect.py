"""Reading a repository's site configuration: which generator builds it, its collections and CSS.

Collections come from the repository's own `.postdesk.yml` when it declares them, else from the
generator's own configuration (`core/site/schemas/`) together with the CMS configuration the
site already has (`core/site/cms/`: Decap / Sveltia, Front Matter CMS, Pages CMS), else from
the usual folders of a blog.
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
from desktop_app.core.site.config import (
    CONFIG_FILE,
    FLAVORS,
    GFM,
    PYTHON_MARKDOWN,
    Collection,
    SiteConfig,
    markdown_files,
)
from desktop_app.core.site.schemas import read_generator
from desktop_app.core.site.schemas.combine import combine
from desktop_app.core.site.schemas.evidence import detect, readable

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

    The generator is decided by evidence (`schemas/evidence.py`). Collections come from the
    site's own `.postdesk.yml` when it declares them; else from the generator's configuration
    (Astro and Contentlayer schemas, Hugo sections, Jekyll collections …) combined with its CMS
    configuration (Decap / Sveltia, Front Matter CMS, Pages CMS: read as they are, never
    rewritten); else from the usual folders. A file that cannot be used only adds to `problems`.
    """
    detection = detect(root)
    generator, static = detection.generator, detection.static_folder
    settings: dict[str, Any] = {}
    problems: list[str] = []
    collections: tuple[Collection, ...] = ()
    config_files: list[str] = []
    source = "inferred"
    if _readable(root, CONFIG_FILE):
        settings = _read_postdesk_yml(root / CONFIG_FILE)
        collections = cms.postdesk_collections(settings.get("collections"), problems)
        source = CONFIG_FILE
        config_files.append(CONFIG_FILE)
    elif (root / CONFIG_FILE).is_file():
        problems.append(f"{CONFIG_FILE} leads outside the repository, so Postdesk does not read it.")
    site_schema = read_generator(root, generator)
    problems.extend(site_schema.problems)
    config_files.extend(site_schema.config_files)
    found = cms.load_cms(root)
    if found is not None:
        problems.extend(found.problems)
        config_files.extend(name for name in found.files or (found.source,) if name)
    if not collections:
        cms_collections = found.collections if found is not None else ()
        collections = combine(site_schema.collections, cms_collections, site_schema.declared)
        from_cms = found.source if found is not None and found.collections else ""
        # The generator's configuration is a source of the schema only when it declares fields
        # (Astro, Contentlayer); Hugo's or Jekyll's folders alone leave the fields inferred.
        own = site_schema.config_files[0] if site_schema.declared and site_schema.collections else ""
        sources = [name for name in (from_cms, own) if name]
        source = " + ".join(sources) if collections and sources else source
        if found is not None and found.generator and generator == "unknown":
            generator = found.generator
            detection = replace(detection, evidence=(f"{found.source} names {found.generator}",))
    if site_schema.static_folder is not None:
        static = site_schema.static_folder
    preview = settings.get("preview") or {}
    if not isinstance(preview, dict):
        raise PostdeskError(f"{CONFIG_FILE}: 'preview' must be a mapping, e.g. preview: {{css: [site.css]}}.")
    css = preview.get("css") or ()
    css = (css,) if isinstance(css, str) else css  # `css: site.css` names one file, not its letters
    if not isinstance(css, (list, tuple)):
        raise PostdeskError(f"{CONFIG_FILE}: preview.css must be a file or a list of files, e.g. css: [site.css].")
    evidence = detection.evidence
    if "generator" in settings:
        generator, evidence = str(settings["generator"]), (f"{CONFIG_FILE} says generator: {settings['generator']}",)
    flavor = str(preview.get("flavor") or (GFM if generator in _GFM_GENERATORS else PYTHON_MARKDOWN))
    if flavor not in FLAVORS:
        raise PostdeskError(f"{CONFIG_FILE}: preview.flavor must be one of {', '.join(FLAVORS)}, not '{flavor}'.")
    css_files = tuple(str(item) for item in css) or tuple(_infer_css(root, problems))
    languages = _languages(settings, site_schema.languages, found.languages if found is not None else ())
    taxonomies = site_schema.taxonomies or (found.taxonomies if found is not None and found.taxonomies else ()) \
        or ("tags", "categories")
    terms = tuple(site_schema.terms) + (found.terms if found is not None else ())
    site = confine_site(SiteConfig(
        root, collections, css_files, str(settings.get("static_folder", static)), generator, flavor,
        source=source, extra={k: plain(v) for k, v in settings.items() if k not in ("collections", "preview")},
        problems=tuple(dict.fromkeys(problems)), evidence=evidence, languages=languages, taxonomies=taxonomies,
        terms=terms, config_files=tuple(dict.fromkeys(config_files)),
    ))
    if site.collections:
        return site
    # No configured collection is usable (none, or all lead outside): the generator's usual folders.
    problems = list(site.problems)
    inferred = _infer_collections(root, problems)
    return replace(site, collections=tuple(inferred), source="inferred", problems=tuple(problems))


def _languages(settings: dict[str, Any], generator: tuple[str, ...], cms: tuple[str, ...]) -> tuple[str, ...]:
    """`.postdesk.yml` `languages:` (the default first), else the generator's, else the CMS's."""
    raw = settings.get("languages")
    if isinstance(raw, list) and all(isinstance(code, str) for code in raw):
        return tuple(raw)
    return generator or cms


def _readable(root: Path, name: str) -> bool:
    """A configuration file of the repository that may be read: there, and not a link leading out."""
    return readable(root, name)


def _read_postdesk_yml(path: Path) -> dict[str, Any]:
    """The settings in `.postdesk.yml`: our own file, so a broken one is an error to fix, not
    something to open the site without."""
    from desktop_app.core.site.cms.reading import parse_yaml  # most sites have no .postdesk.yml

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
