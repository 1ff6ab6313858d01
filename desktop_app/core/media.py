"""Images of posts: where a front-matter image value lives on disk, and the value for a file.

A picked file inside the repository is written as the path the site serves it under; a file
from elsewhere is first copied into the collection's media folder.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from urllib.parse import unquote, urlparse

from desktop_app.core.errors import PostdeskError
from desktop_app.core.site import SiteConfig


def image_file(site: SiteConfig, post: Path, value: str) -> Path | None:
    """The file an image value points to, or None (remote, or missing)."""
    if not value or urlparse(value).scheme in ("http", "https", "data"):
        return None
    if value.startswith("file:"):
        return Path(unquote(urlparse(value).path))
    target = site.site_path_to_file(value) if value.startswith("/") else (post.parent / value).resolve()
    return target if target is not None and target.is_file() else None


def image_value(site: SiteConfig, post: Path, chosen: Path) -> str:
    """The front-matter value for `chosen`, copying it into the media folder when outside."""
    chosen = chosen.resolve()
    root = site.root.resolve()
    if not _inside(chosen, root):
        collection = site.collection_for(post.relative_to(site.root).as_posix())
        media = collection.media_folder if collection and collection.media_folder else (
            f"{site.static_folder}/images" if site.static_folder else "images")
        folder = root / media
        target = folder / chosen.name
        try:
            folder.mkdir(parents=True, exist_ok=True)
            if not target.exists():
                shutil.copy2(chosen, target)
        except OSError as error:
            raise PostdeskError(f"Could not copy {chosen.name} into {media}: {error.strerror}.") from error
        chosen = target
    relative = chosen.relative_to(root).as_posix()
    for collection in site.collections:
        if collection.media_folder and collection.public_folder and relative.startswith(collection.media_folder + "/"):
            return collection.public_folder.rstrip("/") + "/" + relative[len(collection.media_folder) + 1:]
    if site.static_folder and relative.startswith(site.static_folder + "/"):
        return "/" + relative[len(site.static_folder) + 1:]
    return Path(os.path.relpath(chosen, post.parent.resolve())).as_posix()


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.relative_to(folder)
    except ValueError:
        return False
    return True
