"""Create, rename and delete post files: slugs from titles, front matter for new posts."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path
from typing import Any, Mapping

from desktop_app.core import confine
from desktop_app.core.document.storage import TextForm, write_text
from desktop_app.core.errors import OutsideRepository, PostdeskError, PostExists
from desktop_app.core.frontmatter import fields
from desktop_app.core.frontmatter import parse as fm
from desktop_app.core.frontmatter.fields import FieldSpec
from desktop_app.core.site.config import Collection, SiteConfig
from desktop_app.core.site.schemas.layout import learn

# `core/frontmatter/edit` (and PyYAML with it) is imported by the functions that write front
# matter: site detection imports this module for `expand_pattern`, and most opens write nothing.


def slugify(title: str) -> str:
    """`Caching: The Unsung Hero!` → `caching-the-unsung-hero` (ASCII, lower case, hyphens).

    Accents are dropped (`Café` → `cafe`); a title with no Latin letters keeps its own letters
    (`Привет, мир` → `привет-мир`) rather than every such post becoming `untitled`.
    """
    text = unicodedata.normalize("NFKD", title.replace("ß", "ss")).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^a-zA-Z0-9]+", "-", text).strip("-").lower()
    if not text:
        text = re.sub(r"[\W_]+", "-", unicodedata.normalize("NFC", title).lower()).strip("-")
    return text[:80].rstrip("-") or "untitled"


def new_post_text(title: str, date: dt.date | dt.datetime, author: str = "",
                  collection: Collection | None = None) -> str:
    """A new post's text: the schema's defaults, or the fields a writer fills in first.

    Without a configured schema the post is a draft with an empty description and tags; with
    one, it gets the title, the date fields and every field's default (hidden ones included,
    as CMSs write them), in schema order and in the collection's front-matter format.
    """
    schema = collection.fields if collection else ()
    fmt = (collection.format if collection else "") or fm.YAML
    values = _defaults(schema, title, date) if schema else {
        "title": title, "description": "", "date": _day(date), "tags": [], "draft": True}
    author_field = next((spec for spec in schema if spec.key == "author"), None)
    hinted = next((spec for spec in collection.hints if spec.key == "author"), None) if collection else None
    if hinted is not None and (hinted.options or hinted.inherited is not None):
        author = ""  # the site lists its authors (or gives one): the writer's git name is not one of them
    if author and (not schema or (author_field is not None and author_field.kind == fields.TEXT
                                  and author_field.default is None)):
        values["author"] = author  # a relation or select author is the writer's to choose
    from desktop_app.core.frontmatter import edit as fm_edit

    # The body is one empty line: the editor shows "Start writing…" there, which is no text.
    doc = fm.Document(fmt, "{\n}\n" if fmt == fm.JSON else "", "\n",
                      opening=_OPENING.get(fmt, ""), closing=_OPENING.get(fmt, ""))
    for key, value in values.items():
        doc = fm_edit.set_value(doc, key, value)
    return doc.join()


_OPENING = {fm.YAML: "---\n", fm.TOML: "+++\n"}
_DATE_KEYS = ("date", "pubDate", "publishDate", "published", "created")


def _day(date: dt.date | dt.datetime) -> dt.date:
    return date.date() if isinstance(date, dt.datetime) else date


def _moment(date: dt.date | dt.datetime) -> dt.datetime:
    moment = date if isinstance(date, dt.datetime) else dt.datetime.combine(date, dt.time())
    return moment.replace(microsecond=0)


# Default values CMSs write as "the time the entry is created" (Front Matter CMS, Sveltia).
_NOW = ("{{now}}", "{{ now }}", "now")


def _defaults(schema: tuple[FieldSpec, ...], title: str, date: dt.date | dt.datetime) -> dict[str, Any]:
    values: dict[str, Any] = {}
    title_key = next((spec.key for spec in schema if spec.key in ("title", "name")), "title")
    dated = False
    for spec in schema:
        if spec.kind == fields.BODY:
            continue
        if spec.key == title_key:
            values[spec.key] = title
        elif spec.kind in (fields.DATE, fields.DATETIME) and (spec.key in _DATE_KEYS or not dated):
            dated = True
            values[spec.key] = _moment(date) if spec.kind == fields.DATETIME else _day(date)
        elif isinstance(spec.default, str) and spec.default.strip() in _NOW:
            values[spec.key] = _moment(date) if spec.kind == fields.DATETIME else _day(date)
        elif spec.default is not None:
            values[spec.key] = spec.default
        elif spec.key == "draft" and spec.kind == fields.BOOLEAN:
            values[spec.key] = True
    if title_key not in values:
        values = {title_key: title, **values}
    return values


def post_file_name(collection: Collection, slug: str, date: dt.date | dt.datetime, site: SiteConfig,
                   values: dict[str, Any] | None = None) -> str:
    """The new post's path inside its collection folder, from the collection's patterns.

    Without a pattern, the new post is laid out as most of the collection's posts are (page
    bundles, year/month folders, a date before the slug, their extension); Jekyll's `_posts`
    need the date in the file name (its `_drafts` and other collections do not); otherwise the
    slug alone.
    """
    layout = learn(site, collection) if not (collection.slug or collection.path) or not collection.extension \
        else None
    extension = collection.extension or (layout.extension if layout else "md")
    slug_pattern, path_pattern = collection.slug, collection.path
    if layout is not None and not (slug_pattern or path_pattern):
        slug_pattern, path_pattern = layout.slug, layout.path
    if slug_pattern or path_pattern:
        name = expand_pattern(slug_pattern or "{{slug}}", slug, date, values or {})
        if not name.strip("-_ ."):  # a pattern of fields the new post does not set yet
            name = slug
        if path_pattern:
            name = expand_pattern(path_pattern, name, date, values or {})
        return f"{name}.{extension}"
    name = f"{slug}.{extension}"
    if collection.folder.rstrip("/").endswith("_posts"):  # Jekyll reads a post's date from its name
        name = f"{_day(date).isoformat()}-{name}"
    return name


_PLACEHOLDER = re.compile(r"\{\{\s*([\w.-]+)\s*\}\}")


def expand_pattern(pattern: str, slug: str, date: dt.date | dt.datetime, values: dict[str, Any]) -> str:
    """Fill in a Decap-style pattern: `{{year}}-{{month}}-{{day}}-{{slug}}`, `{{fields.x}}` …"""
    moment = date if isinstance(date, dt.datetime) else dt.datetime.combine(date, dt.time())
    parts = {"year": f"{moment.year:04}", "month": f"{moment.month:02}", "day": f"{moment.day:02}",
             "hour": f"{moment.hour:02}", "minute": f"{moment.minute:02}", "second": f"{moment.second:02}",
             "slug": slug}

    def fill(match: re.Match[str]) -> str:
        name = match.group(1)
        if name in parts:
            return parts[name]
        key = name.removeprefix("fields.")
        return slugify(str(values.get(key, ""))) if values.get(key) not in (None, "") else ""

    return "/".join(part for part in _PLACEHOLDER.sub(fill, pattern).split("/") if part)


def plan_post(site: SiteConfig, collection: Collection, title: str, date: dt.date | dt.datetime,
              author: str = "", slug: str = "", values: Mapping[str, Any] | None = None) -> tuple[str, str]:
    """The repo-relative path and the text a new post would have (nothing is written): what the
    New post sheet shows as it is filled in, and what `create_post` writes. `slug` (made a slug
    again) replaces the title's; `values` are set over the new post's defaults (draft, tags)."""
    template = _template(site, collection)
    text = archetype_text(template, title.strip(), date) if template is not None else \
        new_post_text(title.strip(), date, author, collection)
    if values:
        from desktop_app.core.frontmatter import edit as fm_edit

        doc = fm.split(text)
        for key, value in values.items():
            doc = fm_edit.set_value(doc, key, value)
        text = doc.join()
    fields_now = fm.read_post(text).values
    name = post_file_name(collection, slugify(slug.strip() or title), date, site, fields_now)
    return (Path(collection.folder) / name).as_posix(), text


def create_post(site: SiteConfig, collection: Collection, title: str,
                date: dt.date | dt.datetime | None = None, author: str = "", slug: str = "",
                values: Mapping[str, Any] | None = None) -> str:
    """Write a new draft post; returns its repo-relative path. PostExists when taken."""
    if not title.strip():
        raise PostdeskError("A new post needs a title.")
    if not collection.create:
        raise PostdeskError(f"The site's configuration does not allow new entries in {collection.label}.")
    date = date or dt.datetime.now().replace(microsecond=0)
    relative, text = plan_post(site, collection, title, date, author, slug, values)
    path = site.root / relative
    if confine.leaves(relative):  # `..` in a pattern: refused before a folder is made
        raise OutsideRepository(relative, doing="create", hint=_pattern_hint(collection))
    confine.require_inside(path, site.root, "create", hint=_pattern_hint(collection))
    if path.exists():
        raise PostExists(relative)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_text(path, text, TextForm(), inside=site.root)
    return relative


def _template(site: SiteConfig, collection: Collection) -> str | None:
    """The text of the collection's template for new posts (a Hugo archetype), if it has one
    that may be read."""
    if not collection.template:
        return None
    path = site.root / collection.template
    if not path.is_file() or not confine.is_inside(path, site.root):
        return None
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


_GO_TEMPLATE = re.compile(r"\{\{-?\s*(.*?)\s*-?\}\}", re.DOTALL)
_TITLE_EXPRESSIONS = (".Name", ".File.ContentBaseName", ".File.BaseFileName", ".File.TranslationBaseName", ".Title")
_TITLE_MARK = "\u2060postdesk-title\u2060"


def archetype_text(template: str, title: str, date: dt.date | dt.datetime) -> str:
    """A new post from a Hugo archetype, as `hugo new` makes it: its front matter and body with
    the usual template expressions filled in (the title from `.Name` / `.File.ContentBaseName`,
    the date from `.Date`); expressions Postdesk cannot evaluate become empty."""
    moment = _moment(date)

    def fill(match: re.Match[str]) -> str:
        expression = match.group(1)
        if any(name in expression for name in (".Date", ".PublishDate", "now")):
            return moment.isoformat()
        if any(name in expression for name in _TITLE_EXPRESSIONS):
            return _TITLE_MARK
        return ""

    filled = _GO_TEMPLATE.sub(fill, template)
    try:
        doc = fm.split(filled)
    except fm.FrontMatterError:
        return filled.replace(_TITLE_MARK, title)
    from desktop_app.core.frontmatter import edit as fm_edit

    values = fm.read_post(filled).values
    for key, value in values.items():
        if isinstance(value, str) and _TITLE_MARK in value:
            doc = fm_edit.set_value(doc, key, title)  # written with the quoting the title needs
    if "title" not in values:
        doc = fm_edit.set_value(doc, "title", title)
    for key in _DATE_KEYS:
        if key in values and values[key] in ("", None):
            doc = fm_edit.set_value(doc, key, moment)
    text = doc.join()
    return text.replace(_TITLE_MARK, title)


def _pattern_hint(collection: Collection) -> str:
    where = collection.source or ".postdesk.yml"
    return f"Check the folder and file-name pattern of collection '{collection.name}' in {where}."


def rename_post(site: SiteConfig, relative: str, new_slug: str) -> str:
    """Rename a post's file to a new slug in the same folder; returns the new relative path."""
    old = site.root / relative
    # The date prefix is kept from the old name, so a slug typed with one must not add another.
    slug = slugify(re.sub(r"^\d{4}-\d{2}-\d{2}-", "", new_slug.strip()))
    # A page bundle (`my-post/index.md`) is named by its folder: rename the folder. A section's
    # `_index.md` is not: renaming its folder would move every post of the section.
    bundle = old.stem == "index" and old.parent != site.root
    current = old.parent if bundle else old
    date_prefix = re.match(r"^\d{4}-\d{2}-\d{2}-", current.name)
    new_name = (date_prefix.group(0) if date_prefix else "") + slug + ("" if bundle else old.suffix)
    renamed = current.with_name(new_name)
    if renamed == current:
        return relative
    if renamed.exists():
        raise PostExists(renamed.relative_to(site.root).as_posix())
    try:
        current.rename(renamed)
    except OSError as error:
        raise PostdeskError(f"Could not rename {relative}: {error.strerror}.") from error
    return (renamed / old.name if bundle else renamed).relative_to(site.root).as_posix()


def delete_post(site: SiteConfig, relative: str) -> None:
    """Delete a post file; git keeps the committed version, so it can be restored."""
    try:
        (site.root / relative).unlink()
    except FileNotFoundError:
        return
    except OSError as error:
        raise PostdeskError(f"Could not delete {relative}: {error.strerror}.") from error
