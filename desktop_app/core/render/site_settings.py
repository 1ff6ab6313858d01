"""Reading a site generator's own configuration into a `RenderProfile` (`core/render/profile.py`).

Each generator keeps its Markdown options in its own files: Hugo in `hugo.toml` / `config.*` /
`config/_default/` (`markup.goldmark`, `params`), Jekyll in `_config.yml` (`kramdown:`) and
`_data/`, Astro in `astro.config.*` (`markdown: {smartypants, remarkPlugins}`), Eleventy in
`.eleventy.js`, Zola in `config.toml` (`[markdown]`), MkDocs in `mkdocs.yml`, and Node sites name
their remark plugins in `package.json`. TOML, YAML and JSON are parsed; JavaScript configs are
only searched for the few words that matter, never run. A file that cannot be read leaves the
generator's defaults, and says so in the profile's notes.
"""

from __future__ import annotations

import dataclasses
import json
import re
import threading
import tomllib
from pathlib import Path
from typing import Any

import yaml

from desktop_app.core.render.profile import (
    GOLDMARK,
    KRAMDOWN,
    MARKDOWN_IT,
    PULLDOWN,
    SMARTY,
    SMARTYPANTS,
    RenderProfile,
    override,
)
from desktop_app.core.site.config import CONFIG_FILE, FLAVORS, GFM, PYTHON_MARKDOWN, SiteConfig

_HUGO_NAMES = tuple(f"{stem}.{kind}" for stem in ("hugo", "config") for kind in ("toml", "yaml", "yml", "json"))
_HUGO_PARTS = tuple(f"{stem}.{kind}" for stem in ("markup", "params") for kind in ("toml", "yaml", "yml", "json"))
_ASTRO_NAMES = tuple(f"astro.config.{kind}" for kind in ("mjs", "js", "ts", "mts", "cjs"))
_ELEVENTY_NAMES = (".eleventy.js", "eleventy.config.js", "eleventy.config.mjs", "eleventy.config.cjs")
_REMARK_GENERATORS = frozenset({"next", "gatsby", "node", "docusaurus"})
_MAX_DATA_BYTES = 2_000_000  # `_data/` files larger than this are not read into `site.*`


class _Reader:
    """Reads files under the site's root, remembering which ones (the cache watches them)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.sources: list[str] = []
        self.notes: list[str] = []

    def text(self, relative: str) -> str | None:
        path = self.root / relative
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return None
        self.sources.append(relative)
        return text

    def data(self, relative: str, mapping: bool = True) -> Any:
        """A TOML, YAML or JSON mapping (None if missing; {} with a note if unreadable); with
        `mapping=False`, whatever value the file holds (`_data/` files may be lists)."""
        text = self.text(relative)
        if text is None:
            return None
        try:
            if relative.endswith(".toml"):
                value: Any = tomllib.loads(text)
            elif relative.endswith(".json"):
                value = json.loads(text)
            else:
                value = yaml.safe_load(text)
        except (tomllib.TOMLDecodeError, ValueError, yaml.YAMLError) as error:
            self.notes.append(f"{relative} could not be read ({type(error).__name__}); its defaults apply")
            return {}
        return value if isinstance(value, dict) or not mapping else {}


def _lower(value: Any) -> Any:
    """Hugo's keys are case-insensitive: one spelling (lower case) for lookups."""
    if isinstance(value, dict):
        return {str(key).lower(): _lower(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_lower(item) for item in value]
    return value


def _get(data: Any, *path: str, default: Any = None) -> Any:
    for key in path:
        if not isinstance(data, dict) or key not in data:
            return default
        data = data[key]
    return data


def _merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in extra.items():
        merged[key] = _merge(merged[key], value) if isinstance(value, dict) and isinstance(merged.get(key), dict) \
            else value
    return merged


# -- Hugo --------------------------------------------------------------------------------------

def hugo_profile(reader: _Reader) -> RenderProfile:
    """goldmark as Hugo 0.111+ configures it: typographer, definition lists, footnotes and heading
    attributes on, raw HTML left out unless `markup.goldmark.renderer.unsafe`."""
    config: dict[str, Any] = {}
    for name in _HUGO_NAMES:
        found = reader.data(name)
        if found is not None:
            config = _merge(config, _lower(found))
            break
    for folder in ("config/_default",):
        for name in _HUGO_NAMES:
            found = reader.data(f"{folder}/{name}")
            if found is not None:
                config = _merge(config, _lower(found))
        for name in _HUGO_PARTS:
            found = reader.data(f"{folder}/{name}")
            if found is not None:
                config = _merge(config, {name.split(".")[0]: _lower(found)})
    goldmark = _get(config, "markup", "goldmark", default={})
    extensions = _get(goldmark, "extensions", default={})
    typographer = _get(extensions, "typographer", default=True)
    if isinstance(typographer, dict):  # Hugo 0.112+: a table with `disable` and the substitutions
        typographer = not typographer.get("disable", False)
    math: tuple[str, ...] = ()
    passthrough = _get(extensions, "passthrough", default={})
    if isinstance(passthrough, dict) and passthrough.get("enable"):
        delimiters = passthrough.get("delimiters") or {}
        pairs = [pair for kind in ("inline", "block") for pair in delimiters.get(kind) or [] if isinstance(pair, list)]
        math = tuple(dict.fromkeys(pair[0] for pair in pairs if pair and pair[0] in ("$", "$$", "\\(", "\\[")))
    params = _get(config, "params", default={})
    data = {"params": params if isinstance(params, dict) else {}, "baseurl": str(config.get("baseurl") or ""),
            "title": str(config.get("title") or "")}
    return RenderProfile(
        "hugo", "goldmark", GFM,
        typography=GOLDMARK if typographer else "",
        definition_lists=bool(_get(extensions, "definitionlist", default=True)),
        footnotes="goldmark" if _get(extensions, "footnote", default=True) else "gfm",
        heading_attributes=bool(_get(goldmark, "parser", "attribute", "title", default=True)),
        block_attributes=bool(_get(goldmark, "parser", "attribute", "block", default=False)),
        raw_html=bool(_get(goldmark, "renderer", "unsafe", default=False)),
        hard_wrap=bool(_get(goldmark, "renderer", "hardwraps", default=False)),
        math=math, shortcodes=True, data=data,
        notes=("theme and site shortcodes are placeholders; built-in ones render as Hugo renders them",),
    )


# -- Jekyll ------------------------------------------------------------------------------------

def jekyll_profile(reader: _Reader) -> RenderProfile:
    """kramdown as Jekyll configures it (`input: GFM`, smart quotes, typographic symbols, IAL,
    `$$` math) plus Liquid with `site.*` from `_config.yml` and `_data/`."""
    config = reader.data("_config.yml") or {}
    kramdown = config.get("kramdown") if isinstance(config.get("kramdown"), dict) else {}
    processor = str(config.get("markdown") or "kramdown").lower()
    smart = kramdown.get("smart_quotes", "lsquo,rsquo,ldquo,rdquo")
    site = dict(config)
    site["data"] = _jekyll_data(reader)
    if processor != "kramdown":
        reader.notes.append(f"markdown: {processor} is rendered as kramdown")
    return RenderProfile(
        "jekyll", "kramdown", GFM,
        typography=KRAMDOWN if smart else "",
        definition_lists=True, footnotes="kramdown", block_attributes=True,
        hard_wrap=bool(kramdown.get("hard_wrap", False)),
        math=("$$",) if str(kramdown.get("math_engine", "mathjax")).lower() not in ("", "none", "null") else (),
        liquid=True, data={"site": site},
        notes=("kramdown is emulated on CommonMark + GFM: its own block rules may differ",),
    )


def _jekyll_data(reader: _Reader) -> dict[str, Any]:
    """`site.data`: the YAML and JSON files of `_data/`, by file name (folders nest)."""
    folder = reader.root / "_data"
    data: dict[str, Any] = {}
    if not folder.is_dir():
        return data
    for path in sorted(folder.rglob("*")):
        if path.suffix.lower() not in (".yml", ".yaml", ".json") or not path.is_file():
            continue
        try:
            if path.stat().st_size > _MAX_DATA_BYTES:
                continue
        except OSError:
            continue
        value = reader.data(path.relative_to(reader.root).as_posix(), mapping=False)
        target = data
        for part in path.relative_to(folder).parent.parts:
            target = target.setdefault(part, {})
        target[path.stem] = value
    return data


# -- Node generators, Eleventy, Zola, MkDocs --------------------------------------------------

def astro_profile(reader: _Reader, package: str) -> RenderProfile:
    """Astro's default remark pipeline: GFM and smartypants unless `markdown:` turns them off."""
    text = next((found for name in _ASTRO_NAMES if (found := reader.text(name)) is not None), "")
    smartypants = not re.search(r"\bsmartypants\s*:\s*false\b", text)
    math = ("$", "$$") if re.search(r"remark-?math|remarkMath", text) else ()
    return RenderProfile("astro", "remark", GFM, typography=SMARTYPANTS if smartypants else "",
                         footnotes="remark", math=math, mdx=True,
                         notes=("MDX components are labelled boxes around their Markdown",))


def remark_profile(generator: str, package: str) -> RenderProfile:
    """Next.js, Gatsby, Docusaurus and other Node sites: the remark plugins `package.json` names."""
    smartypants = '"remark-smartypants"' in package or '"gatsby-remark-smartypants"' in package
    math = ("$", "$$") if '"remark-math"' in package else ()
    mdx = generator == "docusaurus" or any(name in package for name in ('"@mdx-js/', '"next-mdx-remote"',
                                                                          '"contentlayer', '"@next/mdx"'))
    return RenderProfile(generator, "remark", GFM, typography=SMARTYPANTS if smartypants else "",
                         footnotes="remark", math=math, mdx=mdx)


def eleventy_profile(reader: _Reader, package: str) -> RenderProfile:
    """markdown-it as Eleventy sets it up (raw HTML on), with the plugins the site loads."""
    text = next((found for name in _ELEVENTY_NAMES if (found := reader.text(name)) is not None), "")
    typographer = bool(re.search(r"\btypographer\s*:\s*true\b", text))
    return RenderProfile("eleventy", "markdown-it", GFM, typography=MARKDOWN_IT if typographer else "",
                         definition_lists='"markdown-it-deflist"' in package,
                         block_attributes='"markdown-it-attrs"' in package,
                         math=("$", "$$") if "markdown-it-texmath" in package or "markdown-it-katex" in package else ())


def zola_profile(reader: _Reader) -> RenderProfile:
    config = reader.data("config.toml") or {}
    markdown = config.get("markdown") if isinstance(config.get("markdown"), dict) else {}
    return RenderProfile("zola", "pulldown-cmark", GFM,
                         typography=PULLDOWN if markdown.get("smart_punctuation") else "",
                         heading_attributes=True,
                         notes=("Zola shortcodes are placeholders",))


def mkdocs_profile(reader: _Reader) -> RenderProfile:
    config = reader.data("mkdocs.yml") or {}
    names = {next(iter(item)) if isinstance(item, dict) and item else str(item)
             for item in config.get("markdown_extensions") or []}
    return RenderProfile("mkdocs", "python-markdown", PYTHON_MARKDOWN,
                         typography=SMARTY if {"smarty", "pymdownx.smartsymbols"} & names else "",
                         math=("\\(", "\\[") if "pymdownx.arithmatex" in names else ())


def _is_zola(reader: _Reader) -> bool:
    path = reader.root / "config.toml"
    try:
        head = path.read_text(encoding="utf-8", errors="replace")[:20000] if path.is_file() else ""
    except OSError:
        return False
    return bool(re.search(r"^\s*base_url\s*=", head, re.M))


def _postdesk_preview(reader: _Reader) -> dict[str, Any]:
    settings = reader.data(CONFIG_FILE) or {}
    preview = settings.get("preview")
    return preview if isinstance(preview, dict) else {}


def read_profile(site: SiteConfig) -> RenderProfile:
    """The profile of `site`, read from its configuration files now."""
    reader = _Reader(site.root)
    preview = _postdesk_preview(reader) if (site.root / CONFIG_FILE).is_file() else {}
    generator = str(preview.get("profile") or site.generator)
    package = (reader.text("package.json") or "") if generator in _REMARK_GENERATORS | {"astro", "eleventy"} else ""
    if generator == "hugo":
        profile = hugo_profile(reader)
    elif generator == "jekyll":
        profile = jekyll_profile(reader)
    elif generator == "astro":
        profile = astro_profile(reader, package)
    elif generator in _REMARK_GENERATORS:
        profile = remark_profile(generator, package)
    elif generator == "eleventy":
        profile = eleventy_profile(reader, package)
    elif generator == "mkdocs":
        profile = mkdocs_profile(reader)
    elif generator in ("zola", "unknown") and _is_zola(reader):
        profile = zola_profile(reader)
    elif generator == "github":
        profile = dataclasses.replace(RenderProfile.plain(GFM), generator="github", engine="cmark-gfm")
    else:
        profile = dataclasses.replace(RenderProfile.plain(site.flavor), generator=generator)
    flavor = preview.get("flavor")
    problems: list[str] = []
    if isinstance(flavor, str) and flavor in FLAVORS and flavor != profile.flavor:
        profile = dataclasses.replace(profile, flavor=flavor)
        problems.append(f"preview.flavor: {flavor} (a {profile.engine} site is rendered with {flavor})")
    profile = override(profile, preview, problems)
    return dataclasses.replace(profile, sources=tuple(dict.fromkeys(reader.sources)),
                               notes=profile.notes + tuple(reader.notes) + tuple(problems))


class _Cache:
    """Profiles by site, kept until a file they were read from changes, appears or goes."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entries: dict[tuple[str, str, str], tuple[tuple[Any, ...], RenderProfile]] = {}

    def get(self, site: SiteConfig) -> RenderProfile:
        key = (str(site.root), site.generator, site.flavor)
        with self._lock:
            entry = self._entries.get(key)
        if entry is not None and entry[0] == _stamp(site.root, entry[1].sources):
            return entry[1]
        profile = read_profile(site)
        with self._lock:
            self._entries[key] = (_stamp(site.root, profile.sources), profile)
        return profile


def _stamp(root: Path, sources: tuple[str, ...]) -> tuple[Any, ...]:
    """The state of the files a profile was read from, and of the ones that would change it."""
    stamps = []
    for name in (*sources, CONFIG_FILE, *_HUGO_NAMES, "_config.yml", *_ASTRO_NAMES, "package.json"):
        try:
            info = (root / name).stat()
            stamps.append((name, info.st_mtime_ns, info.st_size))
        except OSError:
            stamps.append((name, None))
    return tuple(stamps)


_cache = _Cache()


def site_profile(site: SiteConfig | None) -> RenderProfile:
    """The profile of `site`'s generator as its configuration sets it (cached until one of the
    files it was read from changes); outside a site, plain Python-Markdown."""
    if site is None:
        return RenderProfile.plain(PYTHON_MARKDOWN)
    return _cache.get(site)


def profile_lines(profile: dict[str, Any]) -> list[str]:
    """A profile (`RenderProfile.to_json()`) in words, for `postdesk site` without `--json`."""
    lines = [f"Preview: {profile['flavor']} ({profile['engine']})"]
    for name, value in profile["options"].items():
        lines.append(f"  {name}: {value if not isinstance(value, list) else ', '.join(value) or '-'}")
    if profile["sources"]:
        lines.append(f"  read from: {', '.join(profile['sources'])}")
    lines += [f"  note: {note}" for note in profile["notes"]]
    return lines


def site_json(site: SiteConfig) -> dict[str, Any]:
    """What `postdesk site --json` prints: the generator, the Markdown flavour and the rendering
    profile with its options. Other parts of the site (collections …) add their own keys."""
    profile = site_profile(site)
    return {"root": str(site.root), "generator": site.generator, "flavor": profile.flavor,
            "profile": profile.to_json()}
