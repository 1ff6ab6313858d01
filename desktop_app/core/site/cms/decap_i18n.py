"""Decap / Sveltia CMS placeholders in media folders, and localized collections (`i18n`).

`{{media_folder}}` and `{{public_folder}}` in a collection's folders are the site-wide ones and
are filled in when the configuration is read; the per-entry ones (`{{filename}}`, `{{dirname}}`,
`{{slug}}`, `{{year}}` …) are filled in for each post (`core/site/posts/media.py`).

An `i18n` collection keeps each language as Decap does: `multiple_folders` (`posts/<locale>/x.md`),
`multiple_files` (`posts/x.<locale>.md`) or `single_file` (one file, each language's fields
under its code: the form shows one group per language). New posts start in the default locale.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from desktop_app.core.frontmatter import fields as f
from desktop_app.core.frontmatter.fields import FieldSpec
from desktop_app.core.site.cms.base import where
from desktop_app.core.site.cms.reading import line_of
from desktop_app.core.site.config import Collection

STRUCTURES = {"multiple_folders": "folders", "multiple_files": "suffix", "single_file": "single_file"}
_SITE_FOLDER = re.compile(r"\{\{\s*(media_folder|public_folder)\s*\}\}")


@dataclass(frozen=True)
class I18n:
    structure: str  # multiple_folders, multiple_files or single_file
    locales: tuple[str, ...]
    default: str


def site_folders(text: str, media: str, public: str) -> str:
    """`{{media_folder}}` / `{{public_folder}}` replaced by the site-wide folders."""
    return _SITE_FOLDER.sub(lambda match: media if match.group(1) == "media_folder" else public.rstrip("/"), text)


def read_i18n(raw: Any, source: str, problems: list[str], base: I18n | None = None) -> I18n | None:
    """The `i18n` settings (a collection's override on the site's `base`), or None."""
    if raw is None or raw is False:
        return None
    if raw is True:
        return base
    if not isinstance(raw, dict):
        problems.append(f"{where(source, line_of(raw))}: 'i18n' must be a mapping (structure, locales); ignored.")
        return base
    structure = str(raw.get("structure") or (base.structure if base else "multiple_folders"))
    if structure not in STRUCTURES:
        problems.append(f"{where(source, line_of(raw))}: i18n structure '{structure}' is not one Decap knows; "
                        "the posts are read as unlocalised.")
        return base
    locales = raw.get("locales")
    codes = tuple(str(code) for code in locales) if isinstance(locales, list) else (base.locales if base else ())
    if not codes:
        problems.append(f"{where(source, line_of(raw))}: i18n has no locales; the posts are read as unlocalised.")
        return None
    default = str(raw.get("default_locale") or (base.default if base and base.default in codes else codes[0]))
    return I18n(structure, codes, default if default in codes else codes[0])


def localized(collection: Collection, entry: dict[str, Any], site: I18n | None) -> Collection:
    """The collection with its languages, when it (and the site) is localized."""
    settings = read_i18n(entry.get("i18n"), collection.source, [], site) if "i18n" in entry else None
    if settings is None:
        return collection
    kind = STRUCTURES[settings.structure]
    default = settings.default
    if kind == "folders":
        path = f"{default}/{collection.path or '{{slug}}'}"
        return replace(collection, i18n=kind, path=path)
    if kind == "suffix":
        if collection.path:
            return replace(collection, i18n=kind, path=f"{collection.path}.{default}")
        return replace(collection, i18n=kind, slug=f"{collection.slug or '{{slug}}'}.{default}")
    fields = _single_file_fields(collection.fields, settings, entry)
    return replace(collection, i18n=kind, fields=fields)


def _single_file_fields(specs: tuple[FieldSpec, ...], settings: I18n, entry: dict[str, Any]) -> tuple[FieldSpec, ...]:
    """One group of fields per language: the default language has them all, the others the
    fields marked `i18n: true` (or `translate` / `duplicate`)."""
    raw_fields = {str(item.get("name")): item for item in entry.get("fields") or [] if isinstance(item, dict)}
    translated = {key for key, item in raw_fields.items() if item.get("i18n") in (True, "translate", "duplicate")}
    inner = tuple(replace(spec, kind=f.MARKDOWN) if spec.kind == f.BODY else spec for spec in specs)
    groups = []
    for code in (settings.default, *(code for code in settings.locales if code != settings.default)):
        chosen = inner if code == settings.default else tuple(spec for spec in inner if spec.key in translated)
        groups.append(FieldSpec(code, f.OBJECT, label=code.upper(), required=code == settings.default, fields=chosen))
    return tuple(groups)
