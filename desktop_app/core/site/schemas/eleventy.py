"""Eleventy: the input folder of `.eleventy.js` / `eleventy.config.*` (`dir.input`, default the
root), its folders of Markdown posts as collections, and their directory data files
(`posts/posts.json`, `posts.11tydata.json`) as the values their posts inherit. Data files in
`_data/` give `authors` choices when there is an `authors` file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from desktop_app.core.frontmatter import fields as f
from desktop_app.core.frontmatter.fields import FieldSpec, Option

from desktop_app.core.site.cms.reading import ConfigError
from desktop_app.core.site.config import SKIP_DIRS, Collection
from desktop_app.core.site.schemas import typescript as ts
from desktop_app.core.site.schemas.base import GeneratorSite, config_folder, has_markdown, title_of
from desktop_app.core.site.schemas.config_files import read_data
from desktop_app.core.site.schemas.jekyll import _kind

CONFIGS = (".eleventy.js", ".eleventy.cjs", "eleventy.config.js", "eleventy.config.cjs", "eleventy.config.mjs",
           "eleventy.config.ts")


def read_eleventy(root: Path) -> GeneratorSite | None:
    source = next((name for name in CONFIGS if (root / name).is_file()), None)
    if source is None:
        return None  # Eleventy without its configuration: the usual folders are a better guess
    problems: list[str] = []
    directories: dict[str, str] = {}
    if source:
        try:
            directories = _directories(ts.parse((root / source).read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError) as error:
            problems.append(f"{source} cannot be read ({error}); Postdesk reads the root folder.")
    base = directories.get("input", "")
    data_dir = f"{base + '/' if base else ''}{directories.get('data', '_data')}"
    includes = directories.get("includes", "_includes")
    authors = _authors(root, data_dir, problems)
    folder = root / base if base else root
    collections = []
    for entry in sorted(p for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else []:
        if entry.name.startswith((".", "_")) or entry.name in SKIP_DIRS or entry.name == includes \
                or not has_markdown(entry):
            continue
        relative = entry.relative_to(root).as_posix()
        hints = list(_directory_data(root, relative, problems))
        if authors:
            hints = [hint for hint in hints if hint.key != "author"] + [
                FieldSpec("author", f.SELECT, "Author", options=authors)]
        collections.append(Collection(name=entry.name, label=title_of(entry.name), folder=relative, extension="",
                                      hints=tuple(hints), source=source or ""))
    # Files are served from the input folder (copied through), or from `public/` in the
    # eleventy-base-blog layout; "" is the repository's root.
    static = "public" if (root / "public").is_dir() else (base or None)
    return GeneratorSite(tuple(collections), static_folder=static, problems=tuple(problems),
                         config_files=(source,) if source else ())


def _directories(module: ts.Module) -> dict[str, str]:
    """The `dir: { input, data, includes }` object wherever the config returns or exports it."""
    for node in ts.walk(module.root):
        if node.type == "pair" and ts.text_of(node.child_by_field_name("key")).strip("'\"") == "dir":
            values = ts.literal(node.child_by_field_name("value"), module)
            if isinstance(values, dict):
                return {key: config_folder(value) for key, value in values.items() if isinstance(value, str)}
    return {}


def _directory_data(root: Path, folder: str, problems: list[str]) -> tuple[FieldSpec, ...]:
    name = folder.rsplit("/", 1)[-1]
    for candidate in (f"{folder}/{name}.json", f"{folder}/{name}.11tydata.json"):
        if (root / candidate).is_file():
            try:
                data = read_data(root, candidate)
            except ConfigError as error:
                problems.append(error.message)
                return ()
            if isinstance(data, dict):
                return tuple(FieldSpec(str(key), _kind(value), inherited=value) for key, value in data.items()
                             if key != "eleventyComputed")
    return ()


def _authors(root: Path, data_dir: str, problems: list[str]) -> tuple[Option, ...]:
    for extension in ("json", "yml", "yaml"):
        name = f"{data_dir}/authors.{extension}"
        if (root / name).is_file():
            try:
                data: Any = read_data(root, name)
            except ConfigError as error:
                problems.append(error.message)
                return ()
            if isinstance(data, dict):
                return tuple(Option(key, str(value.get("name") or key) if isinstance(value, dict) else str(key))
                             for key, value in data.items())
    return ()
