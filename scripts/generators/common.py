"""What every generator runner returns, and small helpers they share."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdx")
_FRONT_MATTER = re.compile(r"\A(?:---|\+\+\+)[ \t]*\r?\n.*?\r?\n(?:---|\+\+\+|\.\.\.)[^\n]*(?:\n|\Z)", re.S)
_JSON_FRONT_MATTER = re.compile(r"\A\{.*?\n\}[ \t]*(?:\n|\Z)", re.S)


@dataclass
class GeneratorRun:
    """One build of a set of posts by a generator.

    `bodies` maps each post file to the body HTML the generator wrote for it. `apart` maps a post
    to what in it only the site or its theme defines (a Hugo shortcode, a Liquid include or
    plugin tag): the generator ran it as a stub, so the post is compared but counted apart.
    `components` maps an MDX post to the site's components it uses (compared as placeholders,
    not counted apart: components are part of MDX). `errors`: posts the generator failed on.
    `skipped` maps posts that were not compared to the reason (empty body, not rendered …)."""
    generator: str
    version: str
    files: list[Path]
    bodies: dict[Path, str] = field(default_factory=dict)
    apart: dict[Path, list[str]] = field(default_factory=dict)
    skipped: dict[Path, str] = field(default_factory=dict)
    errors: dict[Path, str] = field(default_factory=dict)
    components: dict[Path, list[str]] = field(default_factory=dict)  # MDX: the site's components used
    seconds: float = 0.0
    log: str = ""


class GeneratorMissing(RuntimeError):
    """The generator's program is not installed (the message says how to install it)."""


def require(program: str, hint: str) -> str:
    path = shutil.which(program)
    if path is None:
        raise GeneratorMissing(f"{program} is not installed: {hint}")
    return path


def version_of(command: list[str]) -> str:
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return "unknown"
    return (done.stdout or done.stderr).strip().splitlines()[0] if (done.stdout or done.stderr).strip() else "unknown"


def body_of(text: str) -> str:
    """The text after the front matter (YAML `---`, TOML `+++`, or JSON `{…}`), as generators cut it."""
    match = _FRONT_MATTER.match(text) or _JSON_FRONT_MATTER.match(text)
    return text[match.end():] if match else text


def markdown_files(folder: Path, suffixes: tuple[str, ...] = MARKDOWN_SUFFIXES) -> list[Path]:
    return sorted(path for path in folder.rglob("*")
                  if path.suffix.lower() in suffixes and path.is_file()
                  and not any(part.startswith(".") or part == "node_modules" for part in path.parts))


_MARKER = re.compile(r'<pd-file path="(?P<path>[^"]*)"></pd-file>')


def split_marked(html: str) -> tuple[str, str] | None:
    """(source path, body) of a page our marker layout wrote:
    `<pd-file path="PATH"></pd-file>BODY<pd-end></pd-end>` (elements, not comments: Go's
    html/template drops comments). The path is as the template escaped it."""
    match = _MARKER.search(html)
    if match is None:
        return None
    body = html[match.end():]
    end = body.rfind("<pd-end></pd-end>")
    return match.group("path").strip(), body[:end] if end >= 0 else body
