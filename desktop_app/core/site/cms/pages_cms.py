"""Pages CMS: `.pages.yml` → collections of posts with their fields and media folder.

Entries of `type: collection` whose files are Markdown are posts; `type: file` entries (one file
each, usually data) are left to the CMS. Group entries are walked for the collections inside.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from desktop_app.core.site.cms.base import (
    DATA_FORMATS,
    FRONT_MATTER_FORMATS,
    MARKDOWN_EXTENSIONS,
    CmsSite,
    ConfigError,
    markdown_extension,
    repo_folder,
    where,
)
from desktop_app.core.site.cms.pages_cms_fields import PagesContext, pages_fields
from desktop_app.core.site.cms.reading import line_of, read_yaml
from desktop_app.core.site.config import Collection

CONFIG_FILE = ".pages.yml"
DEFAULT_FILENAME = "{year}-{month}-{day}-{primary}.md"
_TOKEN = re.compile(r"\{([^{}]+)\}")
_DATE_TOKENS = {"year", "month", "day", "hour", "minute", "second"}


def find_config(root: Path) -> str | None:
    return CONFIG_FILE if (root / CONFIG_FILE).is_file() else None


def read_pages_cms(root: Path, source: str = CONFIG_FILE) -> CmsSite:
    data = read_yaml(root, source)
    if not isinstance(data, dict):
        raise ConfigError(f"{source}: expected the CMS settings (media, content …), found something else.")
    content = data.get("content")
    if not isinstance(content, list):
        raise ConfigError(f"{where(source, line_of(data))}: 'content' must be a list of collections and files.")
    problems: list[str] = []
    media = _media(data.get("media"))
    default_media = next(iter(media.values()), ("", ""))
    components = data.get("components") if isinstance(data.get("components"), dict) else {}
    context = PagesContext(source, problems, components, media)
    collections: list[Collection] = []
    skipped: list[str] = []
    for entry in _entries(content):
        collection = _collection(entry, context, default_media, skipped)
        if collection is not None:
            collections.append(collection)
    return CmsSite(source, tuple(collections), default_media[0], default_media[1],
                   problems=tuple(problems), skipped=tuple(skipped))


def _entries(content: list[Any]) -> list[Any]:
    """Content entries with groups flattened (groups only arrange the CMS's sidebar)."""
    out: list[Any] = []
    for entry in content:
        if isinstance(entry, dict) and entry.get("type") == "group":
            inner = entry.get("items", entry.get("content"))
            out.extend(_entries(inner) if isinstance(inner, list) else [])
        else:
            out.append(entry)
    return out


def _collection(entry: Any, context: PagesContext, media: tuple[str, str], skipped: list[str]) -> Collection | None:
    if not isinstance(entry, dict) or not isinstance(entry.get("path"), str):
        context.problems.append(f"{where(context.source, line_of(entry))}: a content entry without a 'path' "
                                "is ignored.")
        return None
    name = str(entry.get("name") or Path(repo_folder(entry["path"])).name or "posts")
    if entry.get("type") != "collection":
        skipped.append(f"{name} (a single file)")
        return None
    template = entry.get("filename")
    template = template.get("template") if isinstance(template, dict) else template
    template = str(template) if isinstance(template, str) and template.strip() else DEFAULT_FILENAME
    stem, extension = _split_extension(template)
    fmt = str(entry.get("format") or "").strip().lower()
    extension = markdown_extension(extension)
    if fmt in DATA_FORMATS or extension not in MARKDOWN_EXTENSIONS:
        skipped.append(f"{name} (data files, not Markdown posts)")
        return None
    pattern = _TOKEN.sub(_token, stem.strip("/"))
    slug, path = (("{{slug}}", pattern) if "/" in pattern else (pattern, ""))
    raw = fmt in ("code", "raw")  # edited as plain text in Pages CMS: no schema to use
    return Collection(
        name=name, label=str(entry.get("label") or name), folder=repo_folder(entry["path"]),
        extension=extension, media_folder=media[0], public_folder=media[1],
        fields=() if raw else pages_fields(entry.get("fields"), context, top_level=True),
        slug=slug, path=path, format=FRONT_MATTER_FORMATS.get(fmt, ""), create=True, source=context.source,
    )


def _split_extension(template: str) -> tuple[str, str]:
    """`{primary}/index.mdx` → (`{primary}/index`, `mdx`); no extension: Markdown."""
    head, _, last = template.rpartition("/")
    last, _dot, extension = last.rpartition(".") if "." in last else (last, "", "md")
    return (f"{head}/{last}" if head else last), extension


def _token(match: re.Match[str]) -> str:
    """`{year}` → `{{year}}`, `{primary}` (the title) → `{{slug}}`, `{fields.x}` → `{{fields.x}}`."""
    token = match.group(1).strip()
    if token in _DATE_TOKENS:
        return f"{{{{{token}}}}}"
    if token in ("primary", "slug"):
        return "{{slug}}"
    return f"{{{{{token if token.startswith('fields.') else 'fields.' + token}}}}}"


def _media(raw: Any) -> dict[str, tuple[str, str]]:
    """Named media configurations → (repo folder, public prefix); the first is the default.
    A plain string is both: `media: images` stores in `images/` and writes `/images/…`."""
    configs = raw if isinstance(raw, list) else [raw]
    out: dict[str, tuple[str, str]] = {}
    for config in configs:
        if isinstance(config, str) and config.strip():
            name, folder, output = "", repo_folder(config), None
        elif isinstance(config, dict) and isinstance(config.get("input"), str):
            name, folder, output = str(config.get("name") or ""), repo_folder(config["input"]), config.get("output")
        else:
            continue
        out.setdefault(name, (folder, str(output) if isinstance(output, str) else "/" + folder))
    return out
