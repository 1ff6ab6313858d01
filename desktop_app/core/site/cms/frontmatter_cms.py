"""Front Matter CMS (the VS Code extension): `frontmatter.json` → collections of posts.

Each page folder (`frontMatter.content.pageFolders`) is a collection; its fields are those of
its first content type (`contentTypes`), or of the content type named `default`, and a post
naming another content type in its `type` takes that one's. Settings may be split into
`.frontmatter/config/` files (`frontmatter_split.py`). New posts are named as the extension
names them: the file prefix (date-fns) and the slug, in a page bundle (`{{slug}}/index`) when
the content type asks for one; without a prefix, as the folder's posts are named.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop_app.core.site.cms.base import (
    MARKDOWN_EXTENSIONS,
    CmsSite,
    ConfigError,
    as_bool,
    markdown_extension,
    name_of,
    repo_folder,
)
from desktop_app.core.site.cms.frontmatter_cms_fields import FieldContext, fm_fields
from desktop_app.core.site.cms.frontmatter_split import SPLIT_FOLDER, merge_split_config, taxonomy_terms
from desktop_app.core.site.cms.reading import read_jsonc
from desktop_app.core.site.config import Collection, ContentType

CONFIG_FILE = "frontmatter.json"
WORKSPACE = "[[workspace]]"
DEFAULT_PREFIX = "yyyy-MM-dd"
_UNSET = object()  # no file prefix configured anywhere
_DATE_FNS = {"yyyy": "{{year}}", "MM": "{{month}}", "dd": "{{day}}", "HH": "{{hour}}", "mm": "{{minute}}",
             "ss": "{{second}}"}
_DATE_TOKEN = re.compile("|".join(_DATE_FNS))


@dataclass
class _PageFolder:
    """A page folder's collection before its fields are read (relations need every folder first)."""

    folder: str
    label: str
    name: str
    content_type: dict[str, Any] | None
    prefix: Any
    create: bool


def find_config(root: Path) -> str | None:
    if (root / CONFIG_FILE).is_file():
        return CONFIG_FILE
    return SPLIT_FOLDER if (root / SPLIT_FOLDER).is_dir() else None


def read_frontmatter_cms(root: Path, source: str = CONFIG_FILE) -> CmsSite:
    data = read_jsonc(root, source) if source == CONFIG_FILE else {}
    if not isinstance(data, dict):
        raise ConfigError(f"{source}: expected an object of frontMatter.* settings, found something else.")
    data, files = merge_split_config(root, data)
    folders = data.get("frontMatter.content.pageFolders")
    if not isinstance(folders, list):
        raise ConfigError(f"{source}: 'frontMatter.content.pageFolders' must be a list of content folders.")
    problems: list[str] = []
    types = _by_name(data.get("frontMatter.taxonomy.contentTypes"), "name", "contentTypes", source, problems)
    groups = _by_name(data.get("frontMatter.taxonomy.fieldGroups"), "id", "fieldGroups", source, problems)
    media, public = _media(data.get("frontMatter.content.publicFolder"), root)
    plans = [plan for plan in (_plan(entry, root, types, source, problems) for entry in folders) if plan]
    _unique_names(plans)
    type_collections: dict[str, str] = {}
    for plan in plans:
        if plan.content_type is not None:
            type_collections.setdefault(str(plan.content_type.get("name")), plan.name)
    context = FieldContext(source, problems, groups, type_collections)
    extension = markdown_extension(data.get("frontMatter.content.defaultFileType"))  # "": as the posts are
    fmt = {"TOML": "toml", "YAML": "yaml"}.get(str(data.get("frontMatter.taxonomy.frontMatterType", "")).upper(), "")
    collections = []
    skipped = []
    for plan in plans:
        ctype = plan.content_type or {}
        ext = markdown_extension(ctype.get("fileType")) or extension
        if ext and ext not in MARKDOWN_EXTENSIONS:
            skipped.append(f"{plan.label} ({ext} files, not Markdown posts)")
            continue
        bundle = as_bool(ctype.get("pageBundle"), False)
        collections.append(Collection(
            name=plan.name, label=plan.label, folder=plan.folder, extension=ext,
            media_folder=media, public_folder=public,
            fields=fm_fields(ctype.get("fields"), context),
            slug=_slug(plan.prefix),
            path=f"{{{{slug}}}}/{ctype.get('defaultFileName') or 'index'}" if bundle else "",
            format=fmt, create=plan.create, source=source,
            types=tuple(ContentType(name, fm_fields(kind.get("fields"), context)) for name, kind in types.items()
                        if kind is not plan.content_type),
        ))
    generator = str(data.get("frontMatter.framework.id") or "")
    taxonomies, terms = taxonomy_terms(root, data, problems)
    return CmsSite(source, tuple(collections), media, public, generator, tuple(problems), tuple(skipped),
                   taxonomies=taxonomies, terms=terms, files=tuple(files))


def _plan(entry: Any, root: Path, types: dict[str, Any], source: str, problems: list[str]) -> _PageFolder | None:
    if not isinstance(entry, dict) or not isinstance(entry.get("path"), str):
        problems.append(f"{source}: a page folder without a 'path' is ignored.")
        return None
    folder = _folder(entry["path"], root)
    if folder is None:
        problems.append(f"{source}: page folder '{entry['path']}' is not a folder of this repository "
                        "(glob patterns and folders elsewhere are not supported); ignored.")
        return None
    ctype = _content_type(entry, types, source, problems)
    # The content type's prefix wins over the folder's (Front Matter CMS's rule); null: none.
    if ctype is not None and "filePrefix" in ctype:
        prefix = ctype["filePrefix"]
    else:
        # Unset, Front Matter CMS would write `yyyy-MM-dd-`; Postdesk follows the folder's posts instead.
        prefix = entry.get("filePrefix", _UNSET)
    label = str(entry.get("title") or Path(folder).name or "Content")
    return _PageFolder(folder, label, name_of(label), ctype, prefix,
                       create=not as_bool(entry.get("disableCreation"), False))


def _content_type(entry: dict[str, Any], types: dict[str, Any], source: str,
                  problems: list[str]) -> dict[str, Any] | None:
    names = entry.get("contentTypes")
    if isinstance(names, list) and names:
        for name in names:
            if str(name) in types:
                return types[str(name)]
        problems.append(f"{source}: page folder '{entry.get('title') or entry['path']}' uses content types "
                        f"{', '.join(map(str, names))}, which are not defined; its fields are taken from the posts.")
        return None
    return types.get("default")


def _folder(path: str, root: Path) -> str | None:
    text = path.strip().replace("\\", "/")
    if text.startswith(WORKSPACE):
        text = text[len(WORKSPACE):]
    elif Path(text).is_absolute():
        try:
            text = Path(text).resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            return None
    if any(ch in text for ch in "*?[]") or ".." in text.split("/"):
        return None
    folder = repo_folder(text)
    return "" if folder == "." else folder


def _media(raw: Any, root: Path) -> tuple[str, str]:
    """`publicFolder` is the folder the site serves at `/` (Hugo `static`, Astro `public`);
    `{"path": …, "relative": true}` writes image paths relative to the post instead."""
    relative = False
    if isinstance(raw, dict):
        relative = as_bool(raw.get("relative"), False)
        raw = raw.get("path")
    if not isinstance(raw, str) or not raw.strip():
        return "", ""
    folder = _folder(raw, root)
    if folder is None:
        return "", ""
    return folder, "" if relative else "/"


def _slug(prefix: Any) -> str:
    """Front Matter CMS names a new file `<prefix>-<slug>`; the prefix is a date-fns format or
    placeholders (`{{date|yyyy-MM-dd}}`, `{{year}}`) → Decap-style placeholders."""
    if prefix is _UNSET:
        return ""
    if not isinstance(prefix, str) or not prefix.strip():
        return "{{slug}}"
    if "{{" in prefix:
        text = re.sub(r"\{\{date\|([^}]*)\}\}", lambda m: _DATE_TOKEN.sub(lambda t: _DATE_FNS[t.group()], m.group(1)),
                      prefix)
    else:
        text = _DATE_TOKEN.sub(lambda t: _DATE_FNS[t.group()], prefix)
    return f"{text}-{{{{slug}}}}"


def _by_name(raw: Any, key: str, setting: str, source: str, problems: list[str]) -> dict[str, Any]:
    if raw is None:
        return {}
    if not isinstance(raw, list):
        problems.append(f"{source}: '{setting}' must be a list; ignored.")
        return {}
    return {str(item[key]): item for item in raw if isinstance(item, dict) and item.get(key) is not None}


def _unique_names(plans: list[_PageFolder]) -> None:
    seen: set[str] = set()
    for plan in plans:
        name, n = plan.name, 2
        while name in seen:
            name, n = f"{plan.name}-{n}", n + 1
        plan.name = name
        seen.add(name)
