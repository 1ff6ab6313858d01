"""Reading configuration files for the CMS readers, keeping line numbers for their messages.

YAML mappings come back as `Located` dicts that know the line they start on, so a problem with
one collection or field can say where it is. JSON is read as VS Code reads `frontmatter.json`
(JSONC: comments and trailing commas allowed), because real Front Matter CMS configs use both.
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator

from desktop_app.core.confine import is_inside
from desktop_app.core.site.cms.base import ConfigError, where

if TYPE_CHECKING:
    import yaml


class Located(dict):  # type: ignore[type-arg]
    """A mapping read from a file, with the (1-based) line it starts on; 0 when unknown."""

    line: int = 0


@functools.cache
def _line_loader() -> type:
    """PyYAML's safe loader, building `Located` mappings (configs are small: no need for libyaml).
    Made on first use: PyYAML is imported only for a site that has a YAML configuration."""
    import yaml

    class _LineLoader(yaml.SafeLoader):
        pass

    _LineLoader.add_constructor("tag:yaml.org,2002:map", _located_mapping)
    return _LineLoader


def _located_mapping(loader: Any, node: yaml.MappingNode) -> Iterator[Located]:
    data = Located()
    data.line = node.start_mark.line + 1
    yield data  # yielded first so that aliases to this mapping resolve, as PyYAML's own does
    data.update(loader.construct_mapping(node))


def line_of(value: Any) -> int:
    return value.line if isinstance(value, Located) else 0



def parse_yaml(text: str, source: str) -> Any:
    """The YAML document in `text`; a `ConfigError` naming `source` and the line when invalid."""
    import yaml

    try:
        return yaml.load(text, Loader=_line_loader())  # noqa: S506 - a safe loader subclass
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or str(error)
        line = mark.line + 1 if mark is not None else None
        raise ConfigError(f"{where(source, line)}: not valid YAML ({problem}).") from error


def read_yaml(root: Path, source: str) -> Any:
    return parse_yaml(_read_text(root, source), source)


def read_jsonc(root: Path, source: str) -> Any:
    """The JSON (with comments and trailing commas) in `source`, or a `ConfigError`."""
    text = _read_text(root, source)
    try:
        return json.loads(strip_jsonc(text))
    except json.JSONDecodeError as error:
        raise ConfigError(f"{where(source, error.lineno)}: not valid JSON ({error.msg}).") from error


def _read_text(root: Path, source: str) -> str:
    """The configuration's text; never read through a link to a file outside the repository."""
    if not is_inside(root / source, root):
        raise ConfigError(f"{source} leads outside the repository (a link to a file elsewhere).")
    try:
        return (root / source).read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise ConfigError(f"{source}: not UTF-8 text.") from error
    except OSError as error:
        raise ConfigError(f"{source}: cannot be read ({error.strerror or error}).") from error


_CLOSER = re.compile(r"\s*[}\]]")


def strip_jsonc(text: str) -> str:
    """JSONC → JSON: comments and trailing commas become spaces, so line numbers stay right."""
    out: list[str] = []
    i, n = 0, len(text)
    in_string = False
    while i < n:
        ch = text[i]
        if in_string:
            out.append(ch)
            if ch == "\\" and i + 1 < n:
                out.append(text[i + 1])
                i += 1
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
            out.append(ch)
        elif text.startswith("//", i):
            end = text.find("\n", i)
            end = n if end < 0 else end
            out.append(" " * (end - i))
            i = end
            continue
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            end = n if end < 0 else end + 2
            out.append("".join(c if c == "\n" else " " for c in text[i:end]))
            i = end
            continue
        else:
            out.append(ch)
        i += 1
    stripped = "".join(out)
    return _drop_trailing_commas(stripped)


def _drop_trailing_commas(text: str) -> str:
    chars = list(text)
    in_string = False
    i = 0
    while i < len(chars):
        ch = chars[i]
        if in_string:
            if ch == "\\":
                i += 1
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch == "," and _CLOSER.match(text, i + 1):
            chars[i] = " "
        i += 1
    return "".join(chars)
