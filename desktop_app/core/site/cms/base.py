"""What every CMS reader returns and the rules they share: folders, formats and problems.

The readers only ever read: a site opens with its CMS configuration exactly as its other tools
use it, and a configuration Postdesk cannot use becomes a `ConfigError` (the next source is
tried) or a line in `problems` (the rest of the file is still used).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from desktop_app.core.frontmatter.fields import Option
from desktop_app.core.site.config import Collection

MARKDOWN_EXTENSIONS = ("md", "markdown", "mdx")
# CMS format names of Markdown files with front matter → the front-matter syntax of new posts.
FRONT_MATTER_FORMATS = {
    "frontmatter": "yaml", "yaml-frontmatter": "yaml", "toml-frontmatter": "toml",
    "json-frontmatter": "json", "yaml": "yaml", "toml": "toml", "json": "json",
}
# Formats of data files (no Markdown body): collections in these formats are not posts.
DATA_FORMATS = ("yml", "yaml", "toml", "json", "datagrid")


@dataclass(frozen=True)
class CmsSite:
    """The collections an existing CMS configuration describes, ready for `SiteConfig`."""

    source: str  # the configuration file, repo-relative POSIX (e.g. `static/admin/config.yml`)
    collections: tuple[Collection, ...]  # empty: no source was usable, infer from the posts
    media_folder: str = ""  # the site-wide upload folder, repo-relative
    public_folder: str = ""  # the URL prefix of media_folder
    generator: str = ""  # the site generator the CMS names (Front Matter CMS `framework.id`)
    problems: tuple[str, ...] = ()  # what could not be used, one sentence each, with file and line
    skipped: tuple[str, ...] = ()  # collections left out because they are not Markdown posts
    languages: tuple[str, ...] = ()  # the CMS's locales, the default first
    taxonomies: tuple[str, ...] = ()  # front-matter keys the CMS treats as taxonomies
    terms: tuple[tuple[str, tuple[str, ...]], ...] = ()  # taxonomy → the terms the CMS keeps
    files: tuple[str, ...] = ()  # every file read (split configurations), `source` first


class ConfigError(Exception):
    """A configuration file that cannot be used at all (unreadable, or the wrong shape)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def where(source: str, line: int | None) -> str:
    """`static/admin/config.yml line 12`, or just the file when the line is unknown."""
    return f"{source} line {line}" if line else source


def repo_folder(value: Any) -> str:
    """A folder relative to the repository root: POSIX, no leading or trailing slash."""
    text = str(value or "").strip().replace("\\", "/").strip("/")
    while text.startswith("./"):
        text = text[2:].lstrip("/")
    return "" if text == "." else text


def entry_media_folder(value: Any) -> str:
    """A Decap-style collection media folder: `/x` is repo-relative, anything else is relative
    to each post's own folder and is kept as `./x` (`.` for the post's folder itself)."""
    text = str(value if value is not None else "").strip().replace("\\", "/")
    if text.startswith("/"):
        return text.strip("/")
    while text.startswith("./"):
        text = text[2:]
    text = text.rstrip("/")
    return "./" + text if text and text != "." else "."


def markdown_extension(extension: Any) -> str:
    """The extension without its dot, lower case (`.MD` → `md`)."""
    return str(extension or "").strip().lstrip(".").lower()


def name_of(text: str) -> str:
    """A collection name from a title: `Blog posts` → `blog-posts`."""
    out = "".join(ch if ch.isalnum() else "-" for ch in text.lower())
    return "-".join(part for part in out.split("-") if part) or "posts"


def as_bool(value: Any, default: bool) -> bool:
    """YAML and JSON booleans, and the strings people write for them; anything else: default."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "yes", "on", "false", "no", "off"):
        return value.strip().lower() in ("true", "yes", "on")
    return default


def as_number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        return None
    try:
        return float(value)
    except ValueError:
        return None


def select_options(raw: Any) -> tuple[Option, ...]:
    """Select options as Decap, Sveltia and Pages CMS write them: plain values, or
    `{label, value}` mappings (the value is written, the label shown)."""
    if not isinstance(raw, list):
        return ()
    out = []
    for item in raw:
        if isinstance(item, dict):
            if "value" in item:
                out.append(Option(plain(item["value"]), str(item.get("label", item["value"]))))
        elif item is not None:
            out.append(Option(plain(item), str(item)))
    return tuple(out)


def plain(value: Any) -> Any:
    """`value` with every mapping a plain dict (the YAML readers keep line numbers in a dict
    subclass): defaults and option values are written into posts, and YAML writers refuse dict
    subclasses they do not know."""
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value
