"""Reading a generator's configuration file (TOML, YAML or JSON) as plain data, with the line of
any syntax error, never following a link out of the repository."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path
from typing import Any

from desktop_app.core import confine
from desktop_app.core.site.cms.base import plain
from desktop_app.core.site.cms.reading import ConfigError, parse_yaml, strip_jsonc

_TOML_LINE = re.compile(r"\(at line (\d+), column \d+\)")


def read_data(root: Path, name: str) -> Any:
    """The data in `name` (by its extension); `ConfigError` naming the file and line."""
    path = root / name
    if not confine.is_inside(path, root):
        raise ConfigError(f"{name} leads outside the repository, so Postdesk does not read it.")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise ConfigError(f"{name}: not UTF-8 text.") from error
    except OSError as error:
        raise ConfigError(f"{name}: cannot be read ({error.strerror or error}).") from error
    suffix = path.suffix.lower()
    if suffix == ".toml":
        try:
            return tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            found = _TOML_LINE.search(str(error))
            where = f"{name} line {found.group(1)}" if found else name
            raise ConfigError(f"{where}: not valid TOML ({_TOML_LINE.sub('', str(error)).strip()}).") from error
    if suffix == ".json":
        try:
            return json.loads(strip_jsonc(text))
        except json.JSONDecodeError as error:
            raise ConfigError(f"{name} line {error.lineno}: not valid JSON ({error.msg}).") from error
    return plain(parse_yaml(text, name))


def lower_keys(data: Any) -> dict[str, Any]:
    """A mapping's keys in lower case (Hugo's configuration keys are case-insensitive)."""
    return {str(key).lower(): value for key, value in data.items()} if isinstance(data, dict) else {}
