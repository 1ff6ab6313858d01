"""Create, rename and delete post files: slugs from titles, front matter for new posts."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path

from desktop_app.core.errors import PostExists, PostdeskError
from desktop_app.core.fm_edit import double_quote, plain_safe
from desktop_app.core.site import Collection, SiteConfig
from desktop_app.core.storage import TextForm, write_text


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


def new_post_text(title: str, date: dt.date, author: str = "") -> str:
    """A new post's text: the fields a writer fills in first, as a draft."""
    title_yaml = title if plain_safe(title) else double_quote(title)
    lines = ["---", f"title: {title_yaml}", 'description: ""', f"date: {date.isoformat()}",
             "tags: []", "draft: true"]
    if author:
        lines.append(f"author: {author if plain_safe(author) else double_quote(author)}")
    lines += ["---", "", "Start writing here.", ""]
    return "\n".join(lines)


def post_file_name(collection: Collection, slug: str, date: dt.date, site: SiteConfig) -> str:
    """Jekyll's `_posts` need the date in the file name; other generators use the slug alone."""
    name = f"{slug}.{collection.extension}"
    if site.generator == "jekyll" or collection.folder.rstrip("/").endswith("_posts"):
        name = f"{date.isoformat()}-{name}"
    return name


def create_post(site: SiteConfig, collection: Collection, title: str,
                date: dt.date | None = None, author: str = "") -> str:
    """Write a new draft post; returns its repo-relative path. PostExists when taken."""
    if not title.strip():
        raise PostdeskError("A new post needs a title.")
    date = date or dt.date.today()
    folder = site.root / collection.folder
    relative = Path(collection.folder) / post_file_name(collection, slugify(title), date, site)
    path = site.root / relative
    if path.exists():
        raise PostExists(relative.as_posix())
    folder.mkdir(parents=True, exist_ok=True)
    write_text(path, new_post_text(title.strip(), date, author), TextForm())
    return relative.as_posix()


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
