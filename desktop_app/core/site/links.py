"""Where a link in a post leads, when it is not a web address: to another post of the repository.

The preview shows links as the site writes them: relative to the post (`../other/`,
`other.md`), site-absolute (`/posts/other`, `/2024/01/02/other.html`), or what a Hugo `ref` or a
Liquid `link` / `post_url` names (`core/render/placeholders.py` turns those into paths). A clicked link
arrives as the local path the page resolved it to; this finds the post it means the way a reader
of the site would land on it: the file itself, the file with a Markdown suffix, a page bundle's
`index.md`, and else a post whose file name (without a Jekyll date) or `slug` / `permalink` is the
link's last part. Nothing here opens anything: the UI decides what to do with the answer.
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

from desktop_app.core.confine import is_inside
from desktop_app.core.site.config import MARKDOWN_SUFFIXES, SiteConfig, markdown_entries

_INDEX_NAMES = ("index", "_index", "README")
_DATE_PREFIX = re.compile(r"^\d{4}-\d{2}-\d{2}-")
_FRONT_KEY = re.compile(r"^(slug|permalink|url)\s*[:=]\s*[\"']?([^\"'\n]+?)[\"']?\s*$", re.M)


def is_template_link(target: str) -> bool:
    """Whether the link's address is template text the site fills in (`{{ site.repository }}/x`)."""
    return "{{" in target or "{%" in target


def linked_post(site: SiteConfig, target: str) -> str | None:
    """The repository-relative path of the post that the clicked local path `target` points to.

    `target` is the page's reading of the link: inside the repository for a relative link, or
    elsewhere on the disk for a site-absolute one (`/posts/x` becomes `/posts/x`)."""
    if is_template_link(target):
        return None
    root = site.root.resolve()
    path = Path(target)
    try:
        inside = path.resolve().relative_to(root)
    except ValueError:
        inside = None
    if inside is not None:
        found = _as_post(root / inside)
        bases: list[Path] = []
        url_path = PurePosixPath("/" + inside.as_posix())
    else:
        found = None
        url_path = PurePosixPath("/" + path.as_posix().lstrip("/"))
        bases = _bases(site, root)
    for base in bases:
        if found is not None:
            break
        found = _as_post(base / url_path.as_posix().lstrip("/"))
    if found is None:
        found = _by_slug(site, root, url_path)
    if found is None or not is_inside(found, root):
        return None
    return found.resolve().relative_to(root).as_posix()


def _bases(site: SiteConfig, root: Path) -> list[Path]:
    """Folders a site-absolute path may be read from: the repository, Hugo's `content/`, each
    collection's folder and the folder above it (a Jekyll source in `docs/`)."""
    bases = [root, root / "content"]
    for collection in site.collections:
        folder = root / collection.folder
        bases += [folder, folder.parent]
    return list(dict.fromkeys(bases))


def _as_post(path: Path) -> Path | None:
    """`path` as a post: itself, with a Markdown suffix, without `.html`, or its folder's index."""
    text = str(path).rstrip("/")
    if not text or path.name in ("", ".", ".."):
        return None
    path = Path(text)
    if path.suffix.lower() in (".html", ".htm"):
        path = path.parent if path.stem == "index" else path.with_suffix("")
    candidates = [path, *(Path(str(path) + suffix) for suffix in MARKDOWN_SUFFIXES)]
    candidates += [path / f"{name}{suffix}" for name in _INDEX_NAMES for suffix in MARKDOWN_SUFFIXES]
    return next((c for c in candidates if c.suffix.lower() in MARKDOWN_SUFFIXES and c.is_file()), None)


def _slug(name: str) -> str:
    return _DATE_PREFIX.sub("", name).lower()


def _by_slug(site: SiteConfig, root: Path, url_path: PurePosixPath) -> Path | None:
    """The post whose file name (or folder, for a bundle) or front-matter slug is the link's last
    part, or whose `permalink` / `url` is the link's path."""
    last = url_path.name
    if not last:
        return None
    wanted = _slug(re.sub(r"\.(html?|md|markdown|mdx)$", "", last, flags=re.I))
    link = "/" + str(url_path).strip("/")
    posts = _posts(site, root)
    for post in posts:
        name = post.parent.name if post.stem in _INDEX_NAMES else post.stem
        if _slug(name) == wanted:
            return post
    for post in posts:
        with post.open(encoding="utf-8", errors="replace") as file:
            head = file.read(4096)
        for key, value in _FRONT_KEY.findall(head):
            if (key == "slug" and _slug(value.strip()) == wanted) or \
                    (key != "slug" and "/" + value.strip().strip("/") == link):
                return post
    return None


def _posts(site: SiteConfig, root: Path) -> list[Path]:
    """The collections' posts, then the other pages of Hugo's `content/` folder: those inside the
    repository (`core/confine.py`), as their front matter is read."""
    found: dict[Path, None] = {}
    for folder in [root / collection.folder for collection in site.collections] + [root / "content"]:
        if folder.is_dir() and is_inside(folder, root):
            found.update(dict.fromkeys(path for path, link in markdown_entries(folder)
                                       if not link or is_inside(path, root)))
    return list(found)
