"""What the preview page may load: the repository's own files, the app's own resources, and
(when the setting allows) remote images. Nothing else: a post from anyone must not read the
writer's files or reach the network by itself. Local files follow `core/confine.py`, as every
other read on a post's behalf does: a link inside the repository to a file outside is refused."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlparse

from desktop_app.core.confine import is_inside

_INLINE_SCHEMES = frozenset({"data", "about", "blob"})


def request_allowed(url: str, is_image: bool, roots: tuple[Path, ...], remote_images: bool) -> bool:
    """Whether the preview may fetch `url` (`is_image`: the request is for an image)."""
    parsed = urlparse(url)
    scheme = parsed.scheme.lower()
    if scheme in _INLINE_SCHEMES:
        return True
    if scheme == "file":  # the shared rule: the real path, links followed, inside a root
        return is_inside(Path(unquote(parsed.path)), *roots)
    if scheme in ("http", "https"):
        return remote_images and is_image
    return False
