"""Which Markdown files of a collection's folder are its entries.

A collection may narrow its folder with a glob (`pattern`: Contentlayer's `filePathPattern`,
an Astro loader's `pattern`, `*.md` for a folder's top level only). In a Hugo site the other
Markdown files of a page bundle (`post/index.md` beside `post/notes.md`) are the bundle's
resources, not pages. A Hugo `_index.md` is a section's own page: an entry the library lists
and the editor opens, but not a post (`is_section_page`).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

from desktop_app.core.site.config import Collection, SiteConfig

SECTION_STEM = "_index"


def folders_of(collection: Collection) -> list[str]:
    """The collection's folder, then its folders in other languages (Hugo `content/<lang>/…`)."""
    return [collection.folder, *(folder for _lang, folder in collection.translation_folders)]


def is_section_page(relative: str) -> bool:
    """`_index.md`, `_index.fr.md`: a Hugo section's (or the home page's) own page."""
    name = relative.rstrip("/").rpartition("/")[2]  # `PurePosixPath(relative).name`: a scan asks for every post
    return name.split(".", 1)[0] == SECTION_STEM


def entries(site: SiteConfig, collection: Collection, folder: Path,
            found: Iterable[tuple[Path, bool]]) -> Iterator[tuple[Path, bool]]:
    """The (file, is a link) pairs of `found` (the Markdown files below `folder`) that are entries."""
    matcher = pattern_regex(collection.pattern) if collection.pattern else None
    items = list(found)
    bundles: set[Path] = set()
    if site.generator == "hugo":
        bundles = {path.parent for path, _link in items if path.name.split(".", 1)[0] == "index"}
    for path, link in items:
        if matcher is not None and not matcher.fullmatch(path.relative_to(folder).as_posix()):
            continue
        if bundles and path.name.split(".", 1)[0] != "index" and _inside_bundle(path, folder, bundles):
            continue
        yield path, link


def _inside_bundle(path: Path, folder: Path, bundles: set[Path]) -> bool:
    parent = path.parent
    while parent != folder and folder in parent.parents:
        if parent in bundles:
            return True
        parent = parent.parent
    return False


@lru_cache(maxsize=64)
def pattern_regex(pattern: str) -> re.Pattern[str]:
    """A glob as sites write them (`**/*.{md,mdx}`, `[^_]*.md`) as a regular expression over
    folder-relative POSIX paths."""
    return re.compile(_translate(pattern.strip().lstrip("./") or "**"))


def _translate(glob: str) -> str:
    out, i, n = [], 0, len(glob)
    while i < n:
        ch = glob[i]
        if glob.startswith("**/", i):
            out.append("(?:[^/]*/)*")
            i += 3
            continue
        if glob.startswith("**", i):
            out.append(".*")
            i += 2
            continue
        if ch == "*":
            out.append("[^/]*")
        elif ch == "?":
            out.append("[^/]")
        elif ch == "[":
            end = glob.find("]", i + 2)
            if end < 0:
                out.append(re.escape(ch))
            else:
                inner = glob[i + 1:end]
                negate = inner[:1] in ("!", "^")
                body = inner[1:] if negate else inner
                out.append(("[^/" if negate else "[") + body.replace("\\", "\\\\") + "]")
                i = end
        elif ch == "{":
            end = _closing(glob, i)
            if end < 0:
                out.append(re.escape(ch))
            else:
                options = _split_options(glob[i + 1:end])
                out.append("(?:" + "|".join(_translate(option) for option in options) + ")")
                i = end
        else:
            out.append(re.escape(ch))
        i += 1
    return "".join(out)


def _closing(glob: str, start: int) -> int:
    depth = 0
    for index in range(start, len(glob)):
        if glob[index] == "{":
            depth += 1
        elif glob[index] == "}":
            depth -= 1
            if depth == 0:
                return index
    return -1


def _split_options(text: str) -> list[str]:
    parts, depth, current = [], 0, ""
    for ch in text:
        if ch == "," and depth == 0:
            parts.append(current)
            current = ""
            continue
        depth += ch == "{"
        depth -= ch == "}"
        current += ch
    parts.append(current)
    return parts
