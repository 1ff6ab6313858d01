"""Split a post file into front matter and body, and read the front matter's values.

The split is lossless: `Document.join()` gives back the exact text that was split (BOM,
delimiters, newline style, final newline). Values are read with the site generator's rules
(YAML 1.1 as PyYAML reads it, TOML, JSON). Editing values without disturbing other bytes is
`core/frontmatter/edit.py`'s job.
"""

from __future__ import annotations

import datetime as dt
import json
import operator
import re
import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable

from desktop_app.core.errors import FrontMatterError

if TYPE_CHECKING:
    import yaml

# PyYAML, tomllib and the YAML loader are imported and built when a front matter is first read:
# a warm `postdesk list` (every row from the library's index) reads none.

BOM = "\ufeff"
YAML, TOML, JSON, NONE = "yaml", "toml", "json", "none"
_DELIMITERS = {YAML: "---", TOML: "+++"}
_JEKYLL_TIME = re.compile(
    r"^(\d{4}-\d{2}-\d{2})[ T](\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*([+-]\d{2}:?\d{2}|Z)?$"
)


_JEKYLL_TAG = "tag:postdesk,2025:jekyll-time"
# Python's JSON and TOML readers recurse once per level and stop near a thousand (libyaml says
# "exceeded maximum nesting depth"): a hostile post says so like any other unreadable block.
_TOO_DEEP = "values are nested too deeply to read"

_LOADER: list[type] = []  # the loader class, once built
_LOADER_LOCK = threading.Lock()


def _loader() -> type:
    """The front matter's YAML loader class (`_make_loader`), built on first use."""
    if not _LOADER:
        with _LOADER_LOCK:
            if not _LOADER:
                _LOADER.append(_make_loader())
    return _LOADER[0]


def _make_loader() -> type:
    import yaml

    try:  # libyaml makes a library scan ~15x faster; fall back to pure Python where missing.
        base: type = yaml.CSafeLoader
    except AttributeError:  # pragma: no cover - depends on the PyYAML build
        base = yaml.SafeLoader

    class _Loader(base):  # type: ignore[misc, valid-type]
        """PyYAML's safe loader, plus Jekyll's plain (unquoted) `2025-01-29 18:15:32 +0530` times.

        A resolver rather than a pass over the loaded values, so quoted strings stay strings.
        """

        def resolve(self, kind: type, value: str, implicit: tuple[bool, bool]) -> str:
            """PyYAML's `resolve` for a scalar, without building its lists of candidates at each of
            the thousands of calls a library scan makes (same tags: same resolvers, same order)."""
            if kind is not yaml.ScalarNode or self.yaml_path_resolvers:
                return super().resolve(kind, value, implicit)
            if implicit[0]:
                for tag, regexp in implicit_resolvers.get(value[:1], wildcard):
                    if regexp.match(value):
                        return tag
            return self.DEFAULT_SCALAR_TAG

    _Loader.add_implicit_resolver(_JEKYLL_TAG, _JEKYLL_TIME, list("0123456789"))
    if not _Loader.yaml_path_resolvers:
        # libyaml's composer calls these around every node; without path resolvers PyYAML's return at
        # once, so C callables taking the same arguments do the same without a Python frame each.
        _Loader.descend_resolver = operator.is_  # (parent, index) -> ignored
        _Loader.ascend_resolver = bool  # () -> ignored
    # The implicit resolvers by a scalar's first character ("" for the empty scalar), wildcards last.
    wildcard = tuple(_Loader.yaml_implicit_resolvers.get(None, []))
    implicit_resolvers = {first: (*resolvers, *wildcard)
                          for first, resolvers in _Loader.yaml_implicit_resolvers.items() if first is not None}
    _Loader.add_constructor(
        _JEKYLL_TAG, lambda loader, node: parse_datetime(loader.construct_scalar(node)) or node.value
    )
    return _Loader


def __getattr__(name: str) -> Any:
    """`_Loader`, built when first asked for."""
    if name == "_Loader":
        return _loader()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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


def file_lines(text: str) -> list[str]:
    """`text` cut after each `\n` (a `\r\n` stays whole), as an editor shows its lines.

    Not `str.splitlines`: that also cuts at `\x0b`, `\x1c`, `\x85`, `\u2028` …, which are text
    inside a value, not line ends."""
    lines = [line + "\n" for line in text.split("\n")]
    lines[-1] = lines[-1][:-1]
    return lines if lines[-1] else lines[:-1]


def detect_newline(text: str) -> str:
    index = text.find("\n")
    if index > 0 and text[index - 1] == "\r":
        return "\r\n"
    return "\n"


def split(text: str) -> Document:
    """Cut `text` into front matter and body; text without front matter is all body."""
    if text[:4] == "---\n":  # most posts (YAML, LF newlines): the loop below's first turn, shorter
        found = text.find("\n---", 3)
        if found >= 0:
            line_end = text.find("\n", found + 1)
            stop = len(text) if line_end < 0 else line_end + 1
            line = text[found + 1:stop]
            if line.rstrip("\r\n").rstrip() == "---":
                return Document(YAML, text[4:found + 1], text[stop:], "\n", False, "---\n", line)
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
        # The block ends at the first line that starts with the delimiter (found by `str.find`,
        # not line by line: a library scan splits thousands of posts).
        found = text.find("\n" + delimiter, first_end)
        if found < 0:
            raise FrontMatterError(f"the '{delimiter}' block opened on line 1 is never closed", line=1)
        position = found + 1
        line_end = text.find("\n", position)
        stop = len(text) if line_end < 0 else line_end + 1
        line = text[position:stop]
        if line.rstrip("\r\n").rstrip() == delimiter:
            return Document(fmt, text[first_end + 1 : position], text[stop:], newline, bom, opening, line)
        # Hugo closes the block at a line that starts with the delimiter and reads the rest of
        # that line as the body's first characters (`---6------1----`).
        return Document(fmt, text[first_end + 1 : position], text[position + len(delimiter):],
                        newline, bom, opening, delimiter)
    if text.startswith("{"):
        front, rest = _split_json(text)
        if front is not None:
            return Document(JSON, front, rest, newline, bom)
    return Document(NONE, "", text, newline, bom)


# `{` alone on the first line, or `{"`: JSON front matter. `{{< shortcode >}}`, `{% raw %}` and
# `{: .class}` are Markdown that happens to start with a brace.
_MEANT_AS_JSON = re.compile(r'\{[ \t]*(\r?\n|$|")')


def _split_json(text: str) -> tuple[str | None, str]:
    """Hugo-style JSON front matter: a JSON object at the top, then the body.

    Text that is clearly meant as JSON but is not valid is an error (with the position), not
    body: saving it as body would make the site render the broken object as text."""
    try:
        _, end = json.JSONDecoder().raw_decode(text)
    except json.JSONDecodeError as error:
        if _MEANT_AS_JSON.match(text):
            raise FrontMatterError(f"the JSON front matter is not valid: {error.msg}",
                                   error.lineno, error.colno) from error
        return None, text
    except RecursionError as error:
        raise FrontMatterError(f"the JSON front matter's {_TOO_DEEP}", line=1) from error
    line_end = text.find("\n", end)
    cut = len(text) if line_end < 0 else line_end + 1
    return text[:cut], text[cut:]


def parse(doc: Document) -> dict[str, Any]:
    """The front matter's values as the site generator reads them; FrontMatterError if invalid.

    Duplicate keys are not an error here (the last one wins, as in PyYAML, Jekyll and JSON
    parsers); `duplicate_keys` or `read_post` report them. In TOML they are invalid."""
    return _parse(doc)[0]


@dataclass(frozen=True)
class DuplicateKey:
    """A key the front matter defines twice; the site silently keeps only the later value."""

    path: tuple[str, ...]  # ('title',) at the top level; ('params', 'author') when nested
    line: int  # file line (1-based, the opening delimiter is line 1) of the later definition
    column: int  # 1-based column of the later definition's name
    first_line: int  # file line of the earlier definition

    @property
    def error(self) -> FrontMatterError:
        name = ".".join(self.path)
        # The values are read (the last one wins, as in the site), so the lead says what to fix.
        error = FrontMatterError(f"duplicate key '{name}' (also on line {self.first_line})",
                                 self.line, self.column, lead="The front matter has a key written twice")
        error.hint = "The site reads the last one. Remove the other to edit this post in the form."
        return error


def duplicate_keys(doc: Document) -> list[DuplicateKey]:
    """Every key defined twice, in file order; [] when there are none or the block is invalid.

    YAML and JSON keys at any depth; TOML keys and `[tables]` (which tomllib refuses)."""
    if doc.format == TOML:
        return _toml_duplicates(doc)
    try:
        return _parse(doc)[1]
    except FrontMatterError:
        return []


def _line_offset(doc: Document) -> int:
    """The file line of the front matter's first line (the opening delimiter is line 1)."""
    return 2 if doc.format in _DELIMITERS else 1


def _parse(doc: Document) -> tuple[dict[str, Any], list[DuplicateKey]]:
    try:
        return _parse_values(doc)
    except RecursionError as error:
        raise FrontMatterError(f"its {_TOO_DEEP}", line=_line_offset(doc)) from error


def _parse_values(doc: Document) -> tuple[dict[str, Any], list[DuplicateKey]]:
    if doc.format == NONE or not doc.front.strip():
        return {}, []
    offset = _line_offset(doc)
    duplicates: list[DuplicateKey] = []
    if doc.format == YAML:
        resolve, construct = _PLAIN[0] if _PLAIN else _plain_scalars()
        simple_values, declined = _SIMPLE[0]  # imported with the loader, not at each of a scan's calls
        simple = simple_values(doc.front, resolve, construct)
        if simple is not declined:  # a dict of its own, keyed by strings: not copied again
            return simple, duplicates
        data, duplicates = _load_yaml(doc.front, offset)
    elif doc.format == TOML:
        data = _load_toml(doc)
    else:
        data, duplicates = _load_json(doc.front)
    if data is None:
        return {}, duplicates
    if not isinstance(data, dict):
        raise FrontMatterError("it is not a list of 'key: value' fields", line=offset)
    return {str(key): value for key, value in data.items()}, duplicates


def load_yaml(text: str) -> Any:
    """`text` read with the front-matter loader (PyYAML's safe loader plus Jekyll times).

    The editor checks with this that a value it writes reads back as that value."""
    import yaml

    return yaml.load(text, Loader=_loader())  # noqa: S506 - a safe loader


def _load_yaml(front: str, offset: int) -> tuple[Any, list[DuplicateKey]]:
    """Values and duplicate keys in one parse: compose the node tree, look, then construct.
    (Front matter of the simplest shape is read without the node tree before: `simple_yaml.py`.)"""
    import yaml

    from desktop_app.core.frontmatter import quick_yaml

    loader = _loader()(front)
    try:
        node = loader.get_single_node()
        data = quick_yaml.values(loader, node, (_JEKYLL_TAG,)) if node is not None else None
        duplicates: list[DuplicateKey] = []
        if data is quick_yaml.DECLINED:  # aliases, merge keys, repeated keys…: PyYAML's own way
            # Before constructing: construction folds `<<` merge keys into the mapping's nodes.
            duplicates = _yaml_duplicates(node, (), offset, set())
            data = loader.construct_document(node)
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
    finally:
        loader.dispose()
    return data, sorted(duplicates, key=lambda found: (found.line, found.column))


_PLAIN: list[tuple[Callable[[str], str], Callable[[str, str], Any]]] = []  # built with the loader


def _plain_scalars() -> tuple[Callable[[str], str], Callable[[str, str], Any]]:
    """The loader's own tag for a plain scalar and its value (`simple_yaml.values`' two rules)."""
    if not _PLAIN:
        import yaml

        from desktop_app.core.frontmatter import simple_yaml

        loader_class = _loader()
        plain = loader_class("")  # for its resolvers and scalar constructors only: they keep no state
        constructors = {tag: loader_class.yaml_constructors[tag] for tag in (
            "tag:yaml.org,2002:null", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
            "tag:yaml.org,2002:timestamp", _JEKYLL_TAG)}
        scalar, implicit = yaml.ScalarNode, (True, False)
        # The first characters some implicit resolver looks at: a plain value starting otherwise
        # is a string (no resolver looks at every value), without a call into the loader.
        firsts = frozenset(first for first in loader_class.yaml_implicit_resolvers if first is not None)
        anything = bool(loader_class.yaml_implicit_resolvers.get(None))
        text = plain.DEFAULT_SCALAR_TAG

        def resolve(value: str) -> str:
            return plain.resolve(scalar, value, implicit) if anything or value[:1] in firsts else text

        def construct(tag: str, value: str) -> Any:
            return constructors[tag](plain, scalar(tag, value))
        with _LOADER_LOCK:
            if not _PLAIN:
                _SIMPLE.append((simple_yaml.values, simple_yaml.DECLINED))
                _PLAIN.append((resolve, construct))
    return _PLAIN[0]


_SIMPLE: list[tuple[Callable[..., Any], object]] = []  # `simple_yaml.values` and its DECLINED, with `_PLAIN`


def _yaml_duplicates(node: yaml.Node, path: tuple[str, ...], offset: int,
                     seen: set[int]) -> list[DuplicateKey]:
    import yaml

    if id(node) in seen:  # an alias: the anchored node was looked at already
        return []
    seen.add(id(node))
    found: list[DuplicateKey] = []
    if isinstance(node, yaml.MappingNode):
        first: dict[tuple[str, str], int] = {}
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.tag != "tag:yaml.org,2002:merge":
                name, line = (key.tag, key.value), key.start_mark.line + offset
                if name in first:
                    found.append(DuplicateKey((*path, key.value), line, key.start_mark.column + 1,
                                              first[name]))
                first[name] = line
            label = key.value if isinstance(key, yaml.ScalarNode) else "?"
            found += _yaml_duplicates(value, (*path, label), offset, seen)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            found += _yaml_duplicates(item, (*path, str(index)), offset, seen)
    return found


def _load_toml(doc: Document) -> Any:
    import tomllib

    try:
        return tomllib.loads(doc.front)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        if message.startswith(("Cannot overwrite", "Cannot declare", "Cannot mutate")):
            duplicates = _toml_duplicates(doc)
            if duplicates:  # tomllib says "Cannot overwrite a value (at end of document)"
                raise duplicates[0].error from error
        # tomllib counts lines from the block's first line; the user reads the file's.
        where = re.search(r"\s*\(at line (\d+), column (\d+)\)$", message)
        if where is None:
            raise FrontMatterError(message) from error
        raise FrontMatterError(message[: where.start()], int(where[1]) + _line_offset(doc) - 1,
                               int(where[2])) from error


def _toml_duplicates(doc: Document) -> list[DuplicateKey]:
    from desktop_app.core.frontmatter import toml_lines

    offset = _line_offset(doc)
    return [DuplicateKey(found.path, found.index + offset, found.column + 1, found.first + offset)
            for found in toml_lines.redefinitions(file_lines(doc.front))]


def _load_json(front: str) -> tuple[Any, list[DuplicateKey]]:
    repeated = False

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        nonlocal repeated
        result = dict(items)
        repeated = repeated or len(result) < len(items)
        return result

    try:
        data = json.loads(front, object_pairs_hook=pairs)
    except json.JSONDecodeError as error:
        raise FrontMatterError(error.msg, error.lineno, error.colno) from error
    # Where they are is only worth a second pass over the text when there are any.
    return data, _json_duplicates(front) if repeated else []


def _json_duplicates(front: str) -> list[DuplicateKey]:
    """Keys an object repeats, with positions: a walk over the text with the JSON scanner."""
    decoder, found = json.JSONDecoder(), []
    space = re.compile(r"\s*")

    def position(offset: int) -> tuple[int, int]:
        return front.count("\n", 0, offset) + 1, offset - (front.rfind("\n", 0, offset) + 1) + 1

    def walk(start: int, path: tuple[str, ...]) -> int:
        """Offset after the value at `start`, recording duplicates inside it."""
        opener = front[start]
        if opener not in "[{":
            return decoder.raw_decode(front, start)[1]
        cursor, first, index = space.match(front, start + 1).end(), {}, 0
        while front[cursor] not in "]}":
            name = None
            if opener == "{":
                name, after = json.decoder.scanstring(front, cursor + 1)
                line, column = position(cursor)
                if name in first:
                    found.append(DuplicateKey((*path, name), line, column, first[name]))
                first[name] = line
                cursor = space.match(front, space.match(front, after).end() + 1).end()
            cursor = walk(cursor, (*path, name if name is not None else str(index)))
            index += 1
            cursor = space.match(front, cursor).end()
            if front[cursor] == ",":
                cursor = space.match(front, cursor + 1).end()
        return cursor + 1

    walk(space.match(front).end(), ())
    return found


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
    """Split and parse, never raising for bad front matter: the post stays editable as text.

    A duplicate key is reported as the error while `values` still hold what the site reads
    (the later value), so the writer sees both the problem and the post."""
    try:
        doc = split(text)
    except FrontMatterError as error:
        return ParsedPost(Document(NONE, "", text, detect_newline(text)), {}, error)
    try:
        values, duplicates = _parse(doc)
    except FrontMatterError as error:
        return ParsedPost(doc, {}, error)
    return ParsedPost(doc, values, duplicates[0].error if duplicates else None)
