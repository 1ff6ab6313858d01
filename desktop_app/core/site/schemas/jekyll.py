"""Jekyll: `_posts/`, `_drafts/` and the `collections` of `_config.yml`, with front-matter
`defaults` shown as what each post inherits, and `_data/authors` as the choices of `author`.

`defaults` entries apply by scope (`path`, a folder prefix, and `type`: posts, drafts, pages
or a collection's name); a key they give is a field of the collection, marked inherited, so a
post without it is not missing it. Collections live in `collections_dir` (default: the site's
folder) as `_<name>/`; only collections with Markdown files are posts. The site may live in a
folder of the repository (`docs/`, as GitHub Pages builds it), which is then its root for images.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from desktop_app.core.frontmatter import fields as f
from desktop_app.core.frontmatter.fields import FieldSpec, Option

from desktop_app.core.site.cms.reading import ConfigError
from desktop_app.core.site.config import Collection
from desktop_app.core.site.schemas.base import (
    GeneratorSite,
    config_folder,
    has_markdown,
    is_language,
    ordered_languages,
    title_of,
)
from desktop_app.core.site.schemas.config_files import read_data

CONFIGS = ("_config.yml", "_config.yaml", "_config.toml")
DATA_FILES = ("yml", "yaml", "json")


# Where a repository keeps its Jekyll site when it is not the root (GitHub Pages' `docs/`).
SITE_FOLDERS = ("docs", "site", "src", "website")


def read_jekyll(root: Path) -> GeneratorSite | None:
    folder = "" if any((root / name).is_file() for name in CONFIGS) or (root / "_posts").is_dir() else next(
        (name for name in SITE_FOLDERS if any((root / name / config).is_file() for config in CONFIGS)
         or (root / name / "_posts").is_dir()), "")
    prefix = f"{folder}/" if folder else ""
    source = next((prefix + name for name in CONFIGS if (root / prefix / name).is_file()), None)
    problems: list[str] = []
    config: dict[str, Any] = {}
    if source is not None:
        try:
            data = read_data(root, source)
            config = data if isinstance(data, dict) else {}
        except ConfigError as error:
            problems.append(f"{error.message} Postdesk finds the posts from the folders instead.")
    base = "/".join(part for part in (folder, config_folder(config.get("source") or "")) if part)
    collections_dir = "/".join(part for part in (base, config_folder(config.get("collections_dir") or "")) if part)
    authors = _authors(root, base, problems)
    defaults = config.get("defaults") if isinstance(config.get("defaults"), list) else []
    out: list[Collection] = []
    for name, folder, kind in _folders(root, config, collections_dir):
        if not (root / folder).is_dir() or not has_markdown(root / folder):
            continue
        hints = _hints(defaults, folder, kind, authors)
        out.append(Collection(name=name, label=title_of(name), folder=folder, extension="", hints=hints,
                              source=source or "", slug="{{year}}-{{month}}-{{day}}-{{slug}}"
                              if kind == "posts" else ""))
    languages = config.get("languages")
    codes = [code for code in languages if is_language(code)] if isinstance(languages, list) else []
    default = config.get("default_lang") or config.get("lang") or ""
    # Jekyll serves its source folder at the site's root: `/images/x.png` is `<source>/images/x.png`.
    return GeneratorSite(tuple(out), languages=ordered_languages(str(default) if codes else "", codes),
                         static_folder=base or None, problems=tuple(problems),
                         config_files=(source,) if source else ())


def _folders(root: Path, config: dict[str, Any], collections_dir: str) -> list[tuple[str, str, str]]:
    """(name, folder, defaults type) for posts, drafts and every configured collection."""
    join = lambda name: f"{collections_dir}/{name}" if collections_dir else name  # noqa: E731
    found = [("posts", join("_posts"), "posts"), ("drafts", join("_drafts"), "drafts")]
    raw = config.get("collections")
    names = list(raw) if isinstance(raw, (dict, list)) else []
    for name in names:
        if isinstance(name, str) and name not in ("posts", "drafts"):
            found.append((name, join(f"_{name}"), name))
    return found


def _hints(defaults: list[Any], folder: str, kind: str, authors: tuple[Option, ...]) -> tuple[FieldSpec, ...]:
    """The fields `defaults` give this collection's posts (later entries win, as in Jekyll)."""
    values: dict[str, Any] = {}
    for entry in defaults:
        if not isinstance(entry, dict) or not isinstance(entry.get("values"), dict):
            continue
        scope = entry.get("scope") if isinstance(entry.get("scope"), dict) else {}
        path = config_folder(scope.get("path") or "")
        wanted = scope.get("type")
        if wanted not in (None, "", kind):
            continue
        if path and not (folder == path or folder.startswith(path + "/") or "*" in path):
            continue
        values.update(entry["values"])
    hints = [FieldSpec(str(key), _kind(value), inherited=value) for key, value in values.items()]
    if authors:
        spec = next((hint for hint in hints if hint.key == "author"), FieldSpec("author", f.SELECT))
        hints = [hint for hint in hints if hint.key != "author"] + [
            FieldSpec("author", f.SELECT, label="Author", options=authors, inherited=spec.inherited)]
    return tuple(hints)


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return f.BOOLEAN
    if isinstance(value, (int, float)):
        return f.NUMBER
    if isinstance(value, list):
        return f.TAGS
    if isinstance(value, dict):
        return f.READONLY
    return f.TEXT


def _authors(root: Path, base: str, problems: list[str]) -> tuple[Option, ...]:
    """`_data/authors.yml`: a mapping of author keys (what posts write) to their details."""
    for extension in DATA_FILES:
        name = f"{base + '/' if base else ''}_data/authors.{extension}"
        if not (root / name).is_file():
            continue
        try:
            data = read_data(root, name)
        except ConfigError as error:
            problems.append(f"{error.message} The author field is a text box instead.")
            return ()
        if isinstance(data, dict):
            return tuple(Option(key, str((value or {}).get("name") or key) if isinstance(value, dict) else str(key))
                         for key, value in data.items())
        if isinstance(data, list):
            return tuple(Option(item.get("id") or item.get("name"), str(item.get("name") or item.get("id")))
                         for item in data if isinstance(item, dict) and (item.get("id") or item.get("name")))
    return ()
