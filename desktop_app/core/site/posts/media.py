"""Images of posts: where a front-matter image value lives on disk, and the value for a file.

A picked file inside the repository is written as the path the site serves it under; a file
from elsewhere is first copied into the collection's media folder. An image pasted or dropped on
the editor goes the same way, named after the post (`caching-unsung-hero-diagram.png`) so the
media folder says which post each picture belongs to.
"""

from __future__ import annotations

import datetime as dt
import filecmp
import os
import re
import shutil
from pathlib import Path, PurePosixPath
from typing import Callable
from urllib.parse import unquote, urlparse

from desktop_app.core import confine
from desktop_app.core.document.storage import write_atomic
from desktop_app.core.errors import PostdeskError
from desktop_app.core.frontmatter.fields import FieldSpec
from desktop_app.core.site.config import SiteConfig
from desktop_app.core.site.links.resolve import bare_slug, post_name
from desktop_app.core.site.posts.files import slugify


def image_file(site: SiteConfig, post: Path, value: str) -> Path | None:
    """The file an image value points to, or None (remote, missing, or outside the repository:
    the form never reads the writer's other files for a thumbnail)."""
    if not value or urlparse(value).scheme in ("http", "https", "data"):
        return None
    if value.startswith("file:"):
        target: Path | None = Path(unquote(urlparse(value).path))
    else:
        target = site.site_path_to_file(value) if value.startswith("/") else (post.parent / value).resolve()
    if target is None or not target.is_file() or not confine.is_inside(target, site.root):
        return None
    return target


def image_value(site: SiteConfig, post: Path, chosen: Path, spec: FieldSpec | None = None,
                name: str = "") -> str:
    """The front-matter value for `chosen`, copying it into the media folder when outside
    (as `name`, when given: else under its own name).

    The media folder is the field's own (Decap allows one per field), else the collection's,
    else the site's static images folder. A folder written `./images` lives beside the post
    (Decap's entry-relative media); its files are written as paths relative to the post,
    or under the configured public folder.
    """
    chosen = chosen.resolve()
    root = site.root.resolve()
    media, public, folder = _media_folder(site, post, spec)
    relative_media = media.startswith(".")
    if not confine.is_inside(chosen, root):
        chosen = _copy_into(chosen, _usable(folder, root, media), root, name)
    if relative_media and confine.is_inside(chosen, folder) and public:
        return public.rstrip("/") + "/" + chosen.relative_to(folder).as_posix()
    relative = chosen.relative_to(root).as_posix()
    if not relative_media:
        if media and public and relative.startswith(media + "/"):
            return public.rstrip("/") + "/" + relative[len(media) + 1:]
        for other in site.collections:
            if other.media_folder and not other.media_folder.startswith(".") and other.public_folder \
                    and relative.startswith(other.media_folder + "/"):
                return other.public_folder.rstrip("/") + "/" + relative[len(other.media_folder) + 1:]
        if site.static_folder and relative.startswith(site.static_folder + "/"):
            return "/" + relative[len(site.static_folder) + 1:]
        if site.generator == "jekyll" and not site.static_folder:  # Jekyll serves its site folder's root
            return "/" + relative
    return Path(os.path.relpath(chosen, post.parent.resolve())).as_posix()


_PLACEHOLDER = re.compile(r"\{\{\s*([\w.]+)\s*\}\}")


def fill_in(template: str, site: SiteConfig, post: Path) -> str:
    """A media folder's per-post placeholders (Decap): `{{filename}}` the post's file name
    without extension, `{{dirname}}` its folder below the collection's, `{{slug}}` its slug
    (a page bundle's folder), `{{year}}`, `{{month}}`, `{{day}}` today's date."""
    if "{{" not in template:
        return template
    relative = post.relative_to(site.root)
    collection = site.collection_for(relative.as_posix())
    base = PurePosixPath(collection.folder) if collection and collection.folder else PurePosixPath()
    parent = PurePosixPath(relative.parent.as_posix())
    dirname = parent.relative_to(base).as_posix() if parent.is_relative_to(base) else parent.as_posix()
    stem = relative.stem  # Decap's file name without its extension: `post.en` for `post.en.md`
    today = dt.date.today()
    parts = {"filename": stem, "dirname": "" if dirname == "." else dirname,
             "slug": relative.parent.name if stem.split(".")[0] == "index" else stem.split(".")[0],
             "year": f"{today.year:04}", "month": f"{today.month:02}", "day": f"{today.day:02}"}
    filled = _PLACEHOLDER.sub(lambda match: parts.get(match.group(1), ""), template)
    return re.sub(r"/{2,}", "/", filled).rstrip("/") if filled != "/" else filled


def pasted_image(site: SiteConfig, post: Path, data: bytes, suffix: str, spec: FieldSpec | None = None) -> Path:
    """Write a picture pasted from the clipboard (`data`, a `.png` say) into the media folder,
    named after the post; the same picture pasted again is the same file."""
    root = site.root.resolve()
    media, _public, folder = _media_folder(site, post, spec)
    folder = _usable(folder, root, media)
    target = _free(folder / image_name(post, suffix), lambda taken: taken.read_bytes() == data)
    if not target.exists():
        try:
            folder.mkdir(parents=True, exist_ok=True)
            write_atomic(target, data, inside=root)
        except OSError as error:
            raise PostdeskError(f"Could not save the picture into {_shown(folder, root)}: {error.strerror}.") from error
    return target


def image_name(post: Path, suffix: str, original: str = "") -> str:
    """The file name a pasted or dropped image gets: the post's slug, then the dropped file's own
    name (`caching-unsung-hero-diagram.png`); a pasted picture has the slug alone."""
    slug = bare_slug(post_name(post)) or "image"
    own = slugify(Path(original).stem) if original and Path(original).stem else ""
    own = own.removeprefix(slug).strip("-")
    return (f"{slug}-{own}" if own else slug) + suffix.lower()


def _media_folder(site: SiteConfig, post: Path, spec: FieldSpec | None) -> tuple[str, str, Path]:
    """The media folder as configured (`media`, `public`) and where it is on the disk."""
    root = site.root.resolve()
    collection = site.collection_for(post.relative_to(site.root).as_posix())
    media, public = (spec.media_folder, spec.public_folder) if spec is not None and spec.media_folder else (
        (collection.media_folder, collection.public_folder) if collection and collection.media_folder else ("", ""))
    media, public = (fill_in(media, site, post), fill_in(public, site, post))
    folder = (post.parent.resolve() / media).resolve() if media.startswith(".") else root / (
        media or (f"{site.static_folder}/images" if site.static_folder else "images"))
    return media, public, folder


def _usable(folder: Path, root: Path, media: str) -> Path:
    """`folder`, unless it leads outside the repository (OutsideRepository)."""
    where = media if media.startswith(".") else Path(os.path.relpath(folder, root)).as_posix()
    return confine.require_inside(folder, root, "copy images into", f"The media folder {where}")


def _free(target: Path, same: Callable[[Path], bool]) -> Path:
    """`target`, or `x-2.png`, `x-3.png` … when a different picture already has the name."""
    number = 2
    candidate = target
    while candidate.exists() and not same(candidate):
        candidate = target.with_name(f"{target.stem}-{number}{target.suffix}")
        number += 1
    return candidate


def _shown(folder: Path, root: Path) -> str:
    return folder.relative_to(root).as_posix() if confine.is_inside(folder, root) else str(folder)


def _copy_into(chosen: Path, folder: Path, root: Path, name: str = "") -> Path:
    """Copy `chosen` into `folder` (as `name`); a different picture already there keeps its name (`x-2.png`)."""
    target = _free(folder / (name or chosen.name), lambda taken: filecmp.cmp(taken, chosen, shallow=False))
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if not target.exists():
            shutil.copy2(chosen, target)
    except OSError as error:
        raise PostdeskError(f"Could not copy {chosen.name} into {_shown(folder, root)}: {error.strerror}.") from error
    return target

