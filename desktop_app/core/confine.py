"""The one rule for every file Postdesk reads or writes on a post's or a site's behalf: its real
path, symbolic links followed, lies inside the repository (or inside Postdesk's own resources).

A cloned blog is untrusted input. Its posts, CSS, images and configuration name paths, and any
of them may be a symbolic link or a `../` leading to the writer's other files. The preview, the
exports, the CLI and the library all ask here, so the rule is the same wherever a path comes from.
"""

from __future__ import annotations

import os
import posixpath
from pathlib import Path, PurePosixPath

from desktop_app.core.errors import OutsideRepository


def real_path(path: Path | str) -> str:
    """The path with every symbolic link and `..` resolved (the parts that exist yet)."""
    return os.path.normcase(os.path.realpath(path))


def within(real: str, real_root: str) -> bool:
    """Whether the resolved path `real` is `real_root` or below it (both from `real_path`)."""
    if real == real_root:
        return True
    return real.startswith(real_root.rstrip(os.sep) + os.sep)


def is_inside(path: Path | str, *roots: Path | str) -> bool:
    """Whether `path`'s real path lies inside (or is) one of `roots`."""
    real = real_path(path)
    return any(within(real, real_path(root)) for root in roots)


def shown(path: Path, root: Path) -> str:
    """`path` as the writer knows it: repository-relative when it is written below `root`."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def require_inside(path: Path, root: Path, doing: str = "read or write", name: str = "", hint: str = "") -> Path:
    """`path` itself, or `OutsideRepository` (naming `name`, or `path` as the writer knows it,
    and where it really leads) when its real path leaves `root`."""
    real = real_path(path)
    if not within(real, real_path(root)):
        raise OutsideRepository(name or shown(path, root), os.path.realpath(path), doing, hint)
    return path


def leaves(relative: str) -> bool:
    """Whether a repository-relative path written in a configuration (`../posts`, `/etc`) points
    outside the repository before any link is followed."""
    text = relative.strip().replace("\\", "/")
    if PurePosixPath(text).is_absolute() or (len(text) > 1 and text[1] == ":"):
        return True
    normal = posixpath.normpath(text) if text else "."
    return normal == ".." or normal.startswith("../")
