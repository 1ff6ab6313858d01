"""What a generator's own configuration says about a site, as the schema readers return it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop_app.core.site.config import MARKDOWN_SUFFIXES, Collection

# A language code as sites write them: `en`, `it`, `pt-br`, `zh-Hant`.
LANGUAGE = re.compile(r"^[a-z]{2,3}(?:[-_][A-Za-z]{2,4})?$")


@dataclass(frozen=True)
class GeneratorSite:
    """The collections, languages and taxonomies a generator's configuration declares."""

    collections: tuple[Collection, ...] = ()
    # True when the fields are the site's own schema (Astro, Contentlayer): the build refuses
    # posts that break it, so its names and fields win over a CMS's when both describe a folder.
    declared: bool = False
    languages: tuple[str, ...] = ()  # default first
    taxonomies: tuple[str, ...] = ()
    terms: tuple[tuple[str, tuple[str, ...]], ...] = ()
    static_folder: str | None = None  # None: the generator's usual one
    problems: tuple[str, ...] = ()
    config_files: tuple[str, ...] = ()


def has_markdown(folder: Path) -> bool:
    """Whether any Markdown file lies below `folder` (stops at the first)."""
    for path in folder.rglob("*"):
        if path.suffix.lower() in MARKDOWN_SUFFIXES and ".git" not in path.parts and "node_modules" not in path.parts:
            return True
    return False


def title_of(name: str) -> str:
    """`blog-posts` → `Blog posts`."""
    text = name.replace("-", " ").replace("_", " ").strip()
    return text[:1].upper() + text[1:] if text else name


def is_language(code: Any) -> bool:
    return isinstance(code, str) and bool(LANGUAGE.match(code))


def ordered_languages(default: str, others: list[str]) -> tuple[str, ...]:
    """The default language first, then the others in their order, each once."""
    out = [default] if default else []
    out += [code for code in others if code and code not in out]
    return tuple(out)


def config_folder(value: Any) -> str:
    """A folder a generator's configuration names, relative to the repository: `./src/blog/` →
    `src/blog`. An absolute path or one climbing out (`/etc`, `../x`) is kept as written, so the
    site's boundaries (`core/site/boundaries.py`) refuse it instead of reading a folder inside
    that happens to share its name."""
    text = str(value or "").strip().replace("\\", "/")
    if text.startswith("/") or (len(text) > 1 and text[1] == ":"):
        return text.rstrip("/") or "/"
    while text.startswith("./"):
        text = text[2:]
    text = text.strip("/")
    return "" if text == "." else text
