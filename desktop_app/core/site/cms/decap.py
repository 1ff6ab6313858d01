"""Decap CMS and Sveltia CMS: `admin/config.yml` → collections of posts with their fields.

Only folder collections of Markdown files are posts; file collections (`files:`) and folders of
data files (`format: yml` …) are other kinds of content and are left to the CMS. Media folders
may use Decap's placeholders, and `i18n` collections keep their languages (`decap_i18n.py`).
Keys Postdesk has no use for (`backend`, `nested`, `filter`, `sortable_fields`, `view_filters` …)
are ignored, never rejected.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from desktop_app.core.site.cms.base import (
    DATA_FORMATS,
    FRONT_MATTER_FORMATS,
    MARKDOWN_EXTENSIONS,
    CmsSite,
    ConfigError,
    as_bool,
    entry_media_folder,
    markdown_extension,
    repo_folder,
    where,
)
from desktop_app.core.site.cms.decap_fields import decap_fields
from desktop_app.core.site.cms.decap_i18n import localized, read_i18n, site_folders
from desktop_app.core.site.cms.reading import line_of, read_yaml
from desktop_app.core.site.config import Collection

# Where the generators' templates put the CMS: Jekyll / plain sites, Hugo and Gatsby,
# Next.js and Astro, Eleventy, and Hugo sites kept in a `site/` folder (netlify-cms templates).
CONFIG_DIRS = ("admin", "static/admin", "public/admin", "src/admin", "site/static/admin")
CONFIG_NAMES = ("config.yml", "config.yaml")


def find_config(root: Path) -> str | None:
    """The repo-relative path of the Decap / Sveltia configuration, if the site has one."""
    for folder in CONFIG_DIRS:
        for name in CONFIG_NAMES:
            if (root / folder / name).is_file():
                return f"{folder}/{name}"
    return None


def read_decap(root: Path, source: str) -> CmsSite:
    """The collections of the Decap / Sveltia config at `source`; `ConfigError` if unusable."""
    data = read_yaml(root, source)
    if not isinstance(data, dict):
        raise ConfigError(f"{source}: expected the CMS settings (media_folder, collections …), "
                          "found something else.")
    collections = data.get("collections")
    if not isinstance(collections, list):
        raise ConfigError(f"{where(source, line_of(data))}: 'collections' must be a list of collections.")
    media = repo_folder(data.get("media_folder"))
    public = str(data["public_folder"]) if data.get("public_folder") is not None else (
        "/" + media if media else "")
    problems: list[str] = []
    skipped: list[str] = []
    out: list[Collection] = []
    site_i18n = read_i18n(data.get("i18n"), source, problems)
    for entry in collections:
        collection = _collection(entry, source, media, public, problems, skipped)
        if collection is not None:
            out.append(localized(collection, entry, site_i18n))
    languages = (site_i18n.default, *(code for code in site_i18n.locales if code != site_i18n.default)) \
        if site_i18n is not None else ()
    return CmsSite(source, tuple(out), media, public, problems=tuple(problems), skipped=tuple(skipped),
                   languages=languages)


def _collection(entry: Any, source: str, media: str, public: str, problems: list[str],
                skipped: list[str]) -> Collection | None:
    if not isinstance(entry, dict):
        problems.append(f"{where(source, line_of(entry))}: a collection must be a mapping; ignored.")
        return None
    name = str(entry.get("name") or "")
    if "files" in entry:
        skipped.append(f"{name or 'files'} (a file collection)")
        return None
    if entry.get("folder") is None:
        if not entry.get("divider"):  # Sveltia's sidebar dividers are not collections
            problems.append(f"{where(source, line_of(entry))}: collection '{name}' has neither "
                            "'folder' nor 'files'; ignored.")
        return None
    folder = repo_folder(entry["folder"])
    fmt = str(entry.get("format") or "").strip().lower()
    extension = markdown_extension(entry.get("extension")) or ("md" if fmt in ("", *FRONT_MATTER_FORMATS) else fmt)
    if fmt in DATA_FORMATS or extension not in MARKDOWN_EXTENSIONS:
        skipped.append(f"{name or folder} (data files, not Markdown posts)")
        return None
    name = name or Path(folder).name or "posts"
    if "media_folder" in entry:
        # `{{media_folder}}` and `{{public_folder}}` are the site-wide folders; `{{filename}}`,
        # `{{dirname}}`, `{{slug}}` … stay, filled in for each post (core/site/posts/media.py).
        raw_media = site_folders(str(entry.get("media_folder") or ""), media, public)
        media_folder = entry_media_folder(raw_media)
        raw = entry.get("public_folder", raw_media if entry.get("media_folder") is not None else None)
        public_folder = site_folders(str(raw if raw is not None else ""), media, public)
    else:
        media_folder, public_folder = media, public
    return Collection(
        name=name,
        label=str(entry.get("label") or name),
        folder=folder,
        extension=extension,
        media_folder=media_folder,
        public_folder=public_folder,
        fields=decap_fields(entry.get("fields"), source, problems, required_default=True),
        slug=str(entry.get("slug") or "{{slug}}"),
        path=str(entry.get("path") or "").strip("/"),
        format=FRONT_MATTER_FORMATS.get(fmt, ""),
        create=as_bool(entry.get("create"), False),  # Decap: no new entries unless create: true
        source=source,
    )
