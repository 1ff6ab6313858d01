"""Docusaurus: the blog (`blog/`, or the classic preset's `blog.path`) with the front matter
Docusaurus documents as its fields, its `authors.yml` keys and `tags.yml` tags offered as the
writer types, and translations in `i18n/<locale>/docusaurus-plugin-content-blog/` for the
`i18n.locales` of the config."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from desktop_app.core.frontmatter import fields as f
from desktop_app.core.frontmatter.fields import FieldSpec, Option

from desktop_app.core.site.cms.reading import ConfigError
from desktop_app.core.site.config import Collection
from desktop_app.core.site.schemas import typescript as ts
from desktop_app.core.site.schemas.base import GeneratorSite, config_folder, has_markdown, is_language, ordered_languages
from desktop_app.core.site.schemas.config_files import read_data

CONFIGS = ("docusaurus.config.js", "docusaurus.config.ts", "docusaurus.config.mjs")
# The blog post front matter Docusaurus documents, as fields.
BLOG_FIELDS = (
    FieldSpec("title", f.TEXT, "Title"), FieldSpec("description", f.MULTILINE, "Description"),
    FieldSpec("date", f.DATE, "Date"), FieldSpec("authors", f.TAGS, "Authors", hint="Keys of authors.yml"),
    FieldSpec("tags", f.TAGS, "Tags"), FieldSpec("image", f.IMAGE, "Image"),
    FieldSpec("slug", f.TEXT, "Slug"), FieldSpec("draft", f.BOOLEAN, "Draft"),
    FieldSpec("unlisted", f.BOOLEAN, "Unlisted"), FieldSpec("keywords", f.TAGS, "Keywords"),
)


def read_docusaurus(root: Path) -> GeneratorSite | None:
    source = next((name for name in CONFIGS if (root / name).is_file()), None)
    problems: list[str] = []
    blog, docs, languages = "blog", "docs", ()
    if source is not None:
        try:
            module = ts.parse((root / source).read_text(encoding="utf-8"))
            blog, docs, languages = _read_config(module, blog, docs)
        except (OSError, UnicodeDecodeError) as error:
            problems.append(f"{source} cannot be read ({error}); Postdesk uses blog/ and docs/.")
    collections = []
    for name, folder in (("blog", blog), ("docs", docs)):
        if not folder or not (root / folder).is_dir() or not has_markdown(root / folder):
            continue
        plugin = "docusaurus-plugin-content-blog" if name == "blog" else "docusaurus-plugin-content-docs/current"
        translations = tuple((code, f"i18n/{code}/{plugin}") for code in languages[1:]
                             if (root / "i18n" / code / plugin).is_dir())
        # The blog's front matter is documented: those are its fields (a CMS's, if any, win).
        fields = BLOG_FIELDS if name == "blog" else ()
        collections.append(Collection(
            name=name, label="Blog" if name == "blog" else "Docs", folder=folder, extension="", fields=fields,
            slug="{{year}}-{{month}}-{{day}}-{{slug}}" if name == "blog" else "", source=source or "",
            translation_folders=translations, i18n="folders" if translations else ""))
    tags = _tags(root, blog, problems)
    authors = _authors(root, blog, problems) if blog else ()
    terms = (("tags", tags),) if tags else ()
    if authors:  # `authors: key` or `[key, …]`: the keys of authors.yml, offered as the writer types
        terms += (("authors", tuple(str(option.value) for option in authors)),)
    return GeneratorSite(tuple(collections), languages=languages, problems=tuple(problems),
                         terms=terms, config_files=(source,) if source else ())


def _read_config(module: ts.Module, blog: str, docs: str) -> tuple[str, str, tuple[str, ...]]:
    config = _config_object(module)
    languages: tuple[str, ...] = ()
    i18n = ts.member(config, "i18n", module)
    if i18n is not None:
        default = ts.literal(ts.member(i18n, "defaultLocale", module), module)
        locales = ts.literal(ts.member(i18n, "locales", module), module)
        codes = [code for code in locales if is_language(code)] if isinstance(locales, list) else []
        languages = ordered_languages(default if isinstance(default, str) else "", codes)
    for preset in ts.walk(module.root):
        if preset.type != "pair":
            continue
        key = ts.text_of(preset.child_by_field_name("key")).strip("'\"")
        if key not in ("blog", "docs"):
            continue
        value = ts.unwrap(preset.child_by_field_name("value"), module)
        if value is not None and value.type == "false":
            blog, docs = ("", docs) if key == "blog" else (blog, "")
            continue
        path = ts.literal(ts.member(value, "path", module), module) if value is not None and value.type == "object" \
            else ts.UNKNOWN
        if isinstance(path, str):
            blog, docs = (config_folder(path), docs) if key == "blog" else (blog, config_folder(path))
    return blog, docs, languages


def _config_object(module: ts.Module) -> Any:
    """`module.exports = {…}`, `export default {…}`, or the `config` const they name."""
    if "config" in module.bindings:
        return ts.unwrap(module.bindings["config"], module)
    for node in ts.walk(module.root):
        if node.type == "assignment_expression" and ts.text_of(node.child_by_field_name("left")) == "module.exports":
            return ts.unwrap(node.child_by_field_name("right"), module)
        if node.type == "export_statement" and node.child_by_field_name("value") is not None:
            return ts.unwrap(node.child_by_field_name("value"), module)
    return None


def _authors(root: Path, folder: str, problems: list[str]) -> tuple[Option, ...]:
    data = _data(root, f"{folder}/authors.yml", problems)
    if not isinstance(data, dict):
        return ()
    return tuple(Option(key, str(value.get("name") or key) if isinstance(value, dict) else str(key))
                 for key, value in data.items())


def _tags(root: Path, folder: str, problems: list[str]) -> tuple[str, ...]:
    data = _data(root, f"{folder}/tags.yml", problems) if folder else None
    return tuple(str(key) for key in data) if isinstance(data, dict) else ()


def _data(root: Path, name: str, problems: list[str]) -> Any:
    if not (root / name).is_file():
        return None
    try:
        return read_data(root, name)
    except ConfigError as error:
        problems.append(error.message)
        return None
