"""What the preview page may load: the repository's own files, the app's own resources, and
(when the setting allows) remote images. Nothing else: a post from anyone must not read the
writer's files or reach the network by itself."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlparse

_INLINE_SCHEMES = frozenset({"data", "about", "blob"})


def request_allowed(url: str, is_image: bool, roots: tuple[Path, ...], remote_images: bool) -> bool:
    """Whether the preview may fetch `url` (`is_image`: the request is for an image)."""
    parsed = urlparse(url)
    scheme = parsed.scheme.lower()
    if scheme in _INLINE_SCHEMES:
        return True
    if scheme == "file":
        path = Path(unquote(parsed.path)).resolve()
        return any(path == root or root in path.parents for root in roots)
    if scheme in ("http", "https"):
        return remote_images and is_image
    return False
