"""Split a post file into front matter and body, and read the front matter's values.

The split is lossless: `Document.join()` gives back the exact text that was split (BOM,
delimiters, newline style, final newline). Values are read with the site generator's rules
(YAML 1.1 as PyYAML reads it, TOML, JSON). Editing values without disturbing other bytes is
`core/fm_edit.py`'s job.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import tomllib
from dataclasses import dataclass, field
from typing import Any

import yaml

from desktop_app.core.errors import FrontMatterError

try:  # libyaml makes a library scan ~15x faster; fall back to pure Python where missing.
    _BaseLoader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on the PyYAML build
    _BaseLoader = yaml.SafeLoader

BOM = "\ufeff"
YAML, TOML, JSON, NONE = "yaml", "toml", "json", "none"
_DELIMITERS = {YAML: "---", TOML: "+++"}
_JEKYLL_TIME = re.compile(
    r"^(\d{4}-\d{2}-\d{2})[ T](\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*([+-]\d{2}:?\d{2}|Z)?$"
)


_JEKYLL_TAG = "tag:postdesk,2025:jekyll-time"


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """PyYAML's safe loader, plus Jekyll's plain (unquoted) `2025-01-29 18:15:32 +0530` times.

    A resolver rather than a pass over the loaded values, so quoted strings stay strings.
    """


_Loader.add_implicit_resolver(_JEKYLL_TAG, _JEKYLL_TIME, list("0123456789"))
_Loader.add_constructor(
    _JEKYLL_TAG, lambda loader, node: parse_datetime(loader.construct_scalar(node)) or node.value
)


@dataclass
class Document:
    """A post's text cut into its parts; `join()` restores it byte for byte."""

    format: str  # yaml | toml | json | none
    front: str  # the front matter text between the delimiters (with its newlines)
    body: str
    newline: str = "\n"
    bom: bool = False
    opening: str = ""  # the opening delimiter line including its newline
    closing: str = ""  # the closing delimiter line including its newline (may lack one at EOF)

    def join(self) -> str:
        return (BOM if self.bom else "") + self.opening + self.front + self.closing + self.body

    @property
    def body_line_offset(self) -> int:
        """How many lines precede the body in the file (for line maps and error positions)."""
        return (self.opening + self.front + self.closing).count("\n")


def detect_newline(text: str) -> str:
    index = text.find("\n")
    if index > 0 and text[index - 1] == "\r":
        return "\r\n"
    return "\n"


def split(text: str) -> Document:
    """Cut `text` into front matter and body; text without front matter is all body."""
    bom = text.startswith(BOM)
    if bom:
        text = text[1:]
    newline = detect_newline(text)
    for fmt, delimiter in _DELIMITERS.items():
        first_end = text.find("\n")
        first = text[: first_end if first_end >= 0 else len(text)].rstrip("\r")
        if first.rstrip() != delimiter or first_end < 0:
            continue
        opening = text[: first_end + 1]
        position = first_end + 1
        while position <= len(text):
            line_end = text.find("\n", position)
            stop = len(text) if line_end < 0 else line_end + 1
            line = text[position:stop]
            if line.rstrip("\r\n").rstrip() == delimiter:
                return Document(fmt, text[first_end + 1 : position], text[stop:], newline, bom,
                                opening, line)
            if line_end < 0:
                break
            position = stop
        raise FrontMatterError(f"the '{delimiter}' block opened on line 1 is never closed", line=1)
    if text.startswith("{"):
        front, rest = _split_json(text)
        if front is not None:
            return Document(JSON, front, rest, newline, bom)
    return Document(NONE, "", text, newline, bom)


def _split_json(text: str) -> tuple[str | None, str]:
    """Hugo-style JSON front matter: a JSON object at the top, then the body."""
    try:
        _, end = json.JSONDecoder().raw_decode(text)
    except json.JSONDecodeError:
        return None, text
    line_end = text.find("\n", end)
    cut = len(text) if line_end < 0 else line_end + 1
    return text[:cut], text[cut:]


def parse(doc: Document) -> dict[str, Any]:
    """The front matter's values as the site generator reads them; FrontMatterError if invalid."""
    if doc.format == NONE or not doc.front.strip():
        return {}
    offset = 2 if doc.format in _DELIMITERS else 1  # line numbers count from the file's line 1
    if doc.format == YAML:
        try:
            data = yaml.load(doc.front, Loader=_Loader)  # noqa: S506 - a safe loader
        except yaml.MarkedYAMLError as error:
            mark = error.problem_mark
            reason = (error.problem or str(error)).strip()
            if mark is None:
                raise FrontMatterError(reason) from error
            raise FrontMatterError(reason, mark.line + offset, mark.column + 1) from error
        except yaml.YAMLError as error:
            raise FrontMatterError(str(error)) from error
        except (ValueError, TypeError, OverflowError) as error:  # e.g. `date: 2024-02-30`
            raise FrontMatterError(str(error)) from error
    elif doc.format == TOML:
        try:
            data = tomllib.loads(doc.front)
        except tomllib.TOMLDecodeError as error:
            # tomllib counts lines from the block's first line; the user reads the file's.
            where = re.search(r"\s*\(at line (\d+), column (\d+)\)$", str(error))
            if where is None:
                raise FrontMatterError(str(error)) from error
            raise FrontMatterError(str(error)[: where.start()], int(where[1]) + offset - 1,
                                   int(where[2])) from error
    else:
        try:
            data = json.loads(doc.front)
        except json.JSONDecodeError as error:
            raise FrontMatterError(error.msg, error.lineno, error.colno) from error
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise FrontMatterError("it is not a list of 'key: value' fields", line=offset)
    return {str(key): value for key, value in data.items()}


def parse_datetime(text: str) -> dt.datetime | dt.date | None:
    """Read a date or date-time as blog generators write them; None when it is not one."""
    text = text.strip()
    try:
        if len(text) == 10:
            return dt.date.fromisoformat(text)
        match = _JEKYLL_TIME.match(text)
        if match:
            day, time, zone = match.groups()
            if len(time.split(":")[0]) == 1:
                time = "0" + time
            if zone and zone != "Z" and ":" not in zone:
                zone = zone[:3] + ":" + zone[3:]
            return dt.datetime.fromisoformat(f"{day}T{time}{zone or ''}".replace("Z", "+00:00"))
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None


@dataclass
class ParsedPost:
    """A post read from disk: its parts, values, and the parse error if the front matter is bad."""

    doc: Document
    values: dict[str, Any] = field(default_factory=dict)
    error: FrontMatterError | None = None


def read_post(text: str) -> ParsedPost:
    """Split and parse, never raising for bad front matter: the post stays editable as text."""
    try:
        doc = split(text)
    except FrontMatterError as error:
        return ParsedPost(Document(NONE, "", text, detect_newline(text)), {}, error)
    try:
        return ParsedPost(doc, parse(doc))
    except FrontMatterError as error:
        return ParsedPost(doc, {}, error)
