"""Which language a post is written in, for its spell checking.

In order: the post's own front matter (`lang`, `language`, `locale`, Hugo's `languageCode`), the
language in its file name for a Hugo site (`post.de.md`), the site's default (`.postdesk.yml`'s
`language`; Hugo's `defaultContentLanguage` or `languageCode`; Jekyll's `lang` or `locale`;
MkDocs' `theme.language`; the `language` or `locale` of a JavaScript site's metadata file, or
Astro's `defaultLocale`), the writer's choice in Preferences, and last the system's locale.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from desktop_app.core import confine
from desktop_app.core.document.line_kinds import FRONT_MATTER, FRONT_MATTER_EDGE
from desktop_app.core.site.config import SiteConfig
from desktop_app.core.spelling.dictionaries import normalise_tag, system_language

_TAG = r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})?"
_FRONT_MATTER_KEY = re.compile(
    r"[ \t]*\"?(?:lang|language|locale|languageCode)\"?[ \t]*[:=][ \t]*[\"']?(" + _TAG + r")[\"']?[ \t,]*(?:#.*)?$",
    re.IGNORECASE)
_HUGO_KEYS = re.compile(
    r"^[ \t]*\"?(defaultContentLanguage|languageCode)\"?[ \t]*[:=][ \t]*[\"']?(" + _TAG + r")[\"']?", re.MULTILINE)
_YAML_KEYS = re.compile(r"^(lang|locale|language)[ \t]*:[ \t]*[\"']?(" + _TAG + r")[\"']?[ \t]*(?:#.*)?$",
                        re.MULTILINE)
_MKDOCS = re.compile(r"^[ \t]+language[ \t]*:[ \t]*[\"']?(" + _TAG + r")[\"']?", re.MULTILINE)
_SCRIPT_KEYS = re.compile(r"\b(language|locale|defaultLocale|lang)[\"']?[ \t]*:[ \t]*[\"'](" + _TAG + r")[\"']")
_HUGO_FILE = re.compile(r"\.(" + _TAG + r")\.(?:md|markdown|mdx)$")
_HUGO_CONFIGS = tuple(f"{folder}{stem}.{kind}" for folder in ("", "config/_default/")
                      for stem in ("hugo", "config") for kind in ("toml", "yaml", "yml", "json"))
_SCRIPT_CONFIGS = ("data/siteMetadata.js", "data/siteMetadata.ts", "src/config.mjs", "src/config.ts",
                   "src/config.js", "src/site.config.ts", "src/site.config.mjs", "site.config.ts",
                   "site.config.js", "src/consts.ts", "astro.config.mjs", "astro.config.ts")
_READ_LIMIT = 200_000  # characters of a configuration file looked at


def front_matter_language(lines: Sequence[str], kinds: Sequence[str]) -> str:
    """The language the post's front matter names at its top level, normalised; "" when none."""
    for line, kind in zip(lines, kinds):
        if kind == FRONT_MATTER and line[:1] not in (" ", "\t"):
            m = _FRONT_MATTER_KEY.match(line)
            if m is not None:
                return normalise_tag(m.group(1))
        elif kind != FRONT_MATTER and kind != FRONT_MATTER_EDGE:
            break
    return ""


def file_language(path: str, site: SiteConfig | None) -> str:
    """Hugo's translation by file name: `about.de.md` is the German page."""
    if site is None or site.generator != "hugo":
        return ""
    m = _HUGO_FILE.search(path)
    return normalise_tag(m.group(1)) if m else ""


def _read(root: Path, name: str) -> str:
    path = root / name
    if not path.is_file() or not confine.is_inside(path, root):
        return ""
    try:
        return path.read_text(encoding="utf-8", errors="replace")[:_READ_LIMIT]
    except OSError:
        return ""


def site_language(site: SiteConfig) -> str:
    """The language the site's configuration names as its default; "" when it names none."""
    own = site.extra.get("language") or site.extra.get("lang")
    if isinstance(own, str) and re.fullmatch(_TAG, own.strip()):
        return normalise_tag(own)
    root = site.root
    if site.generator == "hugo":
        for name in _HUGO_CONFIGS:
            found = dict(_HUGO_KEYS.findall(_read(root, name)))
            if found:  # languageCode (en-us) says more than defaultContentLanguage (en)
                return normalise_tag(found.get("languageCode") or found["defaultContentLanguage"])
    for name, pattern in (("_config.yml", _YAML_KEYS), ("mkdocs.yml", _MKDOCS)):
        m = pattern.search(_read(root, name))
        if m is not None:
            return normalise_tag(m.group(m.lastindex or 1))
    for name in _SCRIPT_CONFIGS:
        found = dict(_SCRIPT_KEYS.findall(_read(root, name)))
        for key in ("locale", "language", "defaultLocale", "lang"):
            if key in found:
                return normalise_tag(found[key])
    return ""


def post_language(lines: Sequence[str], kinds: Sequence[str], path: str, site_default: str,
                  preferred: str = "", site: SiteConfig | None = None) -> str:
    """The language to check the post in: its own, its site's, the writer's, or the system's."""
    return (front_matter_language(lines, kinds) or file_language(path, site) or site_default
            or normalise_tag(preferred) or system_language())


__all__ = ["file_language", "front_matter_language", "post_language", "site_language"]
