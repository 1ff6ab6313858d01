"""Hugo: sections as collections, archetypes for new posts, taxonomies and languages.

The configuration is `hugo.*` or `config.*` at the root, or `config/_default/` (one file per
top-level key beside `hugo.*`), in TOML, YAML or JSON. Each folder directly under the content
folder is a section and a collection (its `_index.md` is the section's own page: listed and
editable, never a post); Markdown files directly in the content folder are the site's pages.
`archetypes/<section>.md` (or `archetypes/<section>/index.md`, a page bundle), else
`archetypes/default.md`, is the template of a new post. Languages come from `languages` with
`defaultContentLanguage` first; a language with its own `contentDir` keeps its translations
there, the others translate by file name (`index.it.md`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from desktop_app.core.site.cms.reading import ConfigError
from desktop_app.core.site.config import SKIP_DIRS, Collection
from desktop_app.core.site.schemas.base import (
    GeneratorSite,
    config_folder,
    has_markdown,
    is_language,
    ordered_languages,
    title_of,
)
from desktop_app.core.site.schemas.config_files import lower_keys, read_data
from desktop_app.core.site.schemas.evidence import HUGO_CONFIGS, OLD_HUGO_CONFIGS

_BLOG_SECTIONS = ("posts", "post", "blog", "articles", "news", "notes")
_DEFAULT_TAXONOMIES = {"tag": "tags", "category": "categories"}
_TOP_PAGES = "*.{md,markdown,mdx}"


def read_hugo(root: Path) -> GeneratorSite | None:
    problems: list[str] = []
    config, files = _config(root, problems)
    content_dirs, languages = _content_dirs(root, config)
    default_language = languages[0] if languages else ""
    main = content_dirs.get(default_language) or content_dirs.get("") or "content"
    archetypes = config_folder(config.get("archetypedir") or "archetypes")
    themes = config.get("theme")
    themes = [themes] if isinstance(themes, str) else [t for t in themes if isinstance(t, str)] \
        if isinstance(themes, list) else []
    others = {code: folder for code, folder in content_dirs.items() if code and code != default_language}
    collections = []
    folder = root / main
    # The blog's section first (+ New's default), headless ones (`_common`) last.
    sections = sorted((entry.name for entry in _dirs(folder)), key=lambda name: (
        name.startswith("_"), _BLOG_SECTIONS.index(name) if name in _BLOG_SECTIONS else len(_BLOG_SECTIONS), name))
    multilingual = len(languages) > 1
    for section in sections:
        if not has_markdown(folder / section):
            continue
        template, path = _archetype(root, archetypes, themes, section)
        translations = tuple((code, f"{other}/{section}") for code, other in others.items()
                             if (root / other / section).is_dir())
        collections.append(Collection(
            name=section, label=title_of(section), folder=f"{main}/{section}", extension="", path=path, template=template,
            source=files[0] if files else "", translation_folders=translations,
            i18n="folders" if translations else ("suffix" if multilingual else "")))
    if any(path.suffix.lower() in (".md", ".markdown", ".mdx") for path in _files(folder)):
        template, _ = _archetype(root, archetypes, themes, "pages")
        collections.append(Collection(
            name="pages" if "pages" not in sections else "site-pages", label="Pages", folder=main, extension="",
            pattern=_TOP_PAGES, template=template, source=files[0] if files else "",
            translation_folders=tuple((code, other) for code, other in others.items())))
    static = _static(config)
    return GeneratorSite(tuple(collections), languages=languages, taxonomies=_taxonomies(config),
                         static_folder=static, problems=tuple(problems), config_files=tuple(files))


def _config(root: Path, problems: list[str]) -> tuple[dict[str, Any], list[str]]:
    """The merged configuration: the main file, then `config/_default/<key>.*` files."""
    config: dict[str, Any] = {}
    files: list[str] = []
    main = next((name for name in (*HUGO_CONFIGS, *OLD_HUGO_CONFIGS) if (root / name).is_file()), None)
    default = root / "config" / "_default"
    if main is None and default.is_dir():
        main = next((f"config/_default/{name}" for name in (*HUGO_CONFIGS, *OLD_HUGO_CONFIGS)
                     if (default / name).is_file()), None)
    if main is not None:
        config.update(_read(root, main, problems))
        files.append(main)
    if default.is_dir():
        for path in sorted(default.iterdir()):
            name = f"config/_default/{path.name}"
            if not path.is_file() or name == main or path.suffix.lower() not in (".toml", ".yaml", ".yml", ".json"):
                continue
            key = path.stem.lower()
            data = _read(root, name, problems)
            files.append(name)
            if key in ("hugo", "config"):
                config.update(data)
            elif "." not in key:  # menus.en.toml and other per-language files add nothing Postdesk uses
                config[key] = data
    return config, files


def _read(root: Path, name: str, problems: list[str]) -> dict[str, Any]:
    try:
        return lower_keys(read_data(root, name))
    except ConfigError as error:
        problems.append(f"{error.message} Postdesk uses the rest of the site's configuration.")
        return {}


def _content_dirs(root: Path, config: dict[str, Any]) -> tuple[dict[str, str], tuple[str, ...]]:
    """Language → content folder ("" for the one folder of a site in one language), and the
    languages, the default first."""
    default = str(config.get("defaultcontentlanguage") or "")
    raw = config.get("languages") if isinstance(config.get("languages"), dict) else {}
    entries = sorted(((str(code), lower_keys(value)) for code, value in raw.items()),
                     key=lambda item: (_weight(item[1]), item[0]))
    entries = [(code, value) for code, value in entries if not value.get("disabled")]
    content = config_folder(config.get("contentdir") or "content")
    mounts = _content_mounts(config)
    if mounts:
        content = mounts.get("", content)
    dirs: dict[str, str] = {"": content}
    for code, value in entries:
        own = value.get("contentdir")
        if isinstance(own, str) and own.strip():
            dirs[code] = config_folder(own)
        elif code in mounts:
            dirs[code] = mounts[code]
    languages = ordered_languages(default or (entries[0][0] if entries else ""), [code for code, _ in entries])
    if not entries:
        # No languages configured: `content/en/`, `content/fr/` … with nothing else is one site per language.
        codes = [entry.name for entry in _dirs(root / content)]
        if codes and all(is_language(code) for code in codes) and not any(_files(root / content)):
            languages = ordered_languages(default or ("en" if "en" in codes else codes[0]), sorted(codes))
            dirs = {code: f"{content}/{code}" for code in languages}
    if languages and languages[0] not in dirs:
        dirs[languages[0]] = dirs[""]
    return dirs, languages


def _weight(value: dict[str, Any]) -> float:
    weight = value.get("weight")
    return float(weight) if isinstance(weight, (int, float)) and not isinstance(weight, bool) else 1e9


def _content_mounts(config: dict[str, Any]) -> dict[str, str]:
    """`module.mounts` whose target is `content`: language → source folder."""
    module = lower_keys(config.get("module"))
    mounts = module.get("mounts")
    out: dict[str, str] = {}
    if isinstance(mounts, list):
        for mount in mounts:
            mount = lower_keys(mount)
            if str(mount.get("target", "")).strip("/") == "content" and isinstance(mount.get("source"), str):
                out.setdefault(str(mount.get("lang") or ""), config_folder(mount["source"]))
    return out


def _static(config: dict[str, Any]) -> str | None:
    static = config.get("staticdir")
    if isinstance(static, list):
        static = next((item for item in static if isinstance(item, str)), None)
    module = lower_keys(config.get("module"))
    for mount in module.get("mounts") or [] if isinstance(module.get("mounts"), list) else []:
        mount = lower_keys(mount)
        if str(mount.get("target", "")).strip("/") == "static" and isinstance(mount.get("source"), str):
            return config_folder(mount["source"])
    return config_folder(static) if isinstance(static, str) and static.strip() else None


def _taxonomies(config: dict[str, Any]) -> tuple[str, ...]:
    raw = config.get("taxonomies")
    mapping = raw if isinstance(raw, dict) else _DEFAULT_TAXONOMIES
    disabled = {str(kind).lower() for kind in config.get("disablekinds") or []} \
        if isinstance(config.get("disablekinds"), list) else set()
    if {"taxonomy", "term"} <= disabled:
        return ()
    return tuple(str(plural) for plural in mapping.values() if isinstance(plural, str) and plural)


def _archetype(root: Path, archetypes: str, themes: list[str], section: str) -> tuple[str, str]:
    """(template file, new-post path pattern) for a section: its own archetype, a bundle
    archetype (`archetypes/<section>/index.md` makes every new post a page bundle), the
    default one, or a theme's."""
    for folder in (archetypes, *(f"themes/{theme}/archetypes" for theme in themes)):
        for name in (section, "default"):
            for extension in ("md", "markdown"):
                if (root / folder / f"{name}.{extension}").is_file():
                    return f"{folder}/{name}.{extension}", ""
                if (root / folder / name / f"index.{extension}").is_file():
                    return f"{folder}/{name}/index.{extension}", "{{slug}}/index"
    return "", ""


def _dirs(folder: Path) -> list[Path]:
    try:
        return sorted(entry for entry in folder.iterdir() if entry.is_dir() and not entry.name.startswith(".")
                      and entry.name not in SKIP_DIRS)
    except OSError:
        return []


def _files(folder: Path) -> list[Path]:
    try:
        return [entry for entry in folder.iterdir() if entry.is_file()]
    except OSError:
        return []
