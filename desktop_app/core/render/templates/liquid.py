"""Jekyll's Liquid, run before Markdown as Jekyll runs it, with python-liquid.

`site.*` comes from `_config.yml` and `_data/` (the profile's data), `page.*` from the post's
front matter. Jekyll's own tags are done here as Jekyll does them: `highlight` becomes a fenced
code block (highlighted like any other), `include` renders the file from `_includes/` with its
`include.*` parameters, `link` and `post_url` give the page's address; `raw` and the standard tags
and filters are python-liquid's, plus Jekyll's common filters. A tag that only a plugin defines
becomes a labelled placeholder, and a post whose Liquid cannot be run at all keeps the placeholders
of `placeholders.py` (`render` then returns None).
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import threading
from pathlib import Path
from typing import Any
from urllib.parse import quote

from desktop_app.core.render.profile import RenderProfile

_HIGHLIGHT = re.compile(r"\{%-?\s*highlight\s+([\w+#.-]+)[^%]*?-?%\}\n?(.*?)\{%-?\s*endhighlight\s*-?%\}", re.S)
_INCLUDE = re.compile(r"\{%-?\s*include\s+([^\s%]+)(.*?)-?%\}", re.S)
_LINK = re.compile(r"\{%-?\s*(link|post_url)\s+([^\s%]+)\s*-?%\}")
_TAG = re.compile(r"\{%-?\s*(\w+)")
_RAW = re.compile(r"\{%-?\s*raw\s*-?%\}.*?\{%-?\s*endraw\s*-?%\}", re.S)
_PARAMETER = re.compile(r"""([\w-]+)\s*=\s*("[^"]*"|'[^']*'|\S+)""")
_POST_NAME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})-(.+?)(?:\.\w+)?$")
KNOWN_TAGS = frozenset("""assign capture endcapture case when endcase comment endcomment cycle decrement increment
for endfor break continue if elsif else endif unless endunless tablerow endtablerow raw endraw echo liquid
render include include_relative link post_url highlight endhighlight ifchanged endifchanged""".split())
_local = threading.local()


def _environment() -> Any:
    environment = getattr(_local, "environment", None)
    if environment is None:
        from liquid import Environment

        environment = Environment()
        for name, function in _FILTERS.items():
            environment.filters[name] = function
        _local.environment = environment
    return environment


def render(body: str, profile: RenderProfile, values: dict[str, Any], context: Any) -> str | None:
    """`body` with its Liquid run as Jekyll runs it, or None when it cannot be run here."""
    if "{%" not in body and "{{" not in body:
        return body
    try:
        environment = _environment()
    except ImportError:  # python-liquid is optional: placeholders then
        return None
    site = dict(profile.data.get("site") or {})
    root = Path(getattr(context, "root", None) or ".")
    page = dict(values)
    path = getattr(context, "post_path", None)
    if path is not None:
        page.setdefault("path", _relative(path, root))
        page.setdefault("url", post_url(Path(path).stem) or "/")
    source = _HIGHLIGHT.sub(lambda m: _fence(m.group(1), m.group(2)), body)
    source = _LINK.sub(lambda m: _address(m.group(1), m.group(2)), source)
    source = _INCLUDE.sub(lambda m: _include(environment, root, m.group(1), m.group(2), site, page), source)
    source = _plugin_tags(source)
    try:
        return environment.from_string(source).render(site=site, page=page, jekyll={"environment": "development"})
    except Exception:  # noqa: BLE001 - any Liquid python-liquid cannot run leaves the placeholders
        return None


def _relative(path: Path, root: Path) -> str:
    try:
        return Path(path).resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return Path(path).name


def post_url(name: str) -> str | None:
    """The address Jekyll's default permalink gives a post named `YYYY-MM-DD-title`."""
    match = _POST_NAME.match(Path(name).name)
    return f"/{match.group(1)}/{match.group(2)}/{match.group(3)}/{match.group(4)}.html" if match else None


def _address(kind: str, target: str) -> str:
    if kind == "post_url":
        return post_url(target) or "/" + target
    name = Path(target)
    if name.parts and name.parts[0] in ("_posts", "_drafts"):
        return post_url(name.stem) or "/" + target
    return "/" + str(name.with_suffix(".html" if name.suffix in (".md", ".markdown") else name.suffix)).lstrip("/")


def _fence(language: str, code: str) -> str:
    code = code.strip("\n")
    fence = "`" * max(3, max((len(run) for run in re.findall(r"`{3,}", code)), default=0) + 1)
    return f"{fence}{language}\n{code}\n{fence}"


def _include(environment: Any, root: Path, name: str, arguments: str, site: dict[str, Any],
             page: dict[str, Any]) -> str:
    """An `_includes/` file rendered with `include.*`, or a placeholder when it is not there."""
    folder = (root / "_includes").resolve()
    target = (folder / name).resolve()
    if "{" in name or folder not in target.parents or not target.is_file():
        return _chip("Liquid", f"include {name}{arguments}".strip())
    parameters = {key: value.strip("\"'") for key, value in _PARAMETER.findall(arguments)}
    try:
        text = target.read_text(encoding="utf-8", errors="replace")
        return environment.from_string(_plugin_tags(text)).render(site=site, page=page, include=parameters)
    except Exception:  # noqa: BLE001 - an include that fails here is the site's to render
        return _chip("Liquid", f"include {name}{arguments}".strip())


def _plugin_tags(source: str) -> str:
    """Tags only a plugin defines become placeholders (their end tags go; block content stays)."""
    raws = _RAW.findall(source)
    outside = _RAW.sub("\x00", source)

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name in KNOWN_TAGS:
            return match.group(0)
        if name.startswith("end") and name[3:] not in KNOWN_TAGS:
            return ""
        return _chip("Liquid", match.group(0)[2:-2].strip(" -"))
    outside = re.sub(r"\{%-?\s*(\w+).*?-?%\}", replace, outside, flags=re.S)
    pieces = outside.split("\x00")
    return "".join(piece + (raws[index] if index < len(raws) else "") for index, piece in enumerate(pieces))


def _chip(kind: str, inner: str) -> str:
    return (f'<span class="pd-placeholder" title="{html.escape(kind)}: filled in by the site" '
            f'data-kind="{html.escape(kind)}">{html.escape(inner)}</span>')


# -- Jekyll's filters (the ones posts use; https://jekyllrb.com/docs/liquid/filters/) -----------

def _date(value: Any) -> dt.date | None:
    if isinstance(value, (dt.date, dt.datetime)):
        return value
    try:
        return dt.datetime.fromisoformat(str(value))
    except ValueError:
        return None


def _date_to_string(value: Any, *_: Any) -> str:
    date = _date(value)
    return f"{date.day:02d} {date.strftime('%b')} {date.year}" if date else str(value)


def _date_to_long_string(value: Any, *_: Any) -> str:
    date = _date(value)
    return f"{date.day:02d} {date.strftime('%B')} {date.year}" if date else str(value)


def _slugify(value: Any, *_: Any) -> str:
    return re.sub(r"[^a-z0-9]+", "-", str(value).lower()).strip("-")


_FILTERS = {
    "relative_url": lambda value: str(value),
    "absolute_url": lambda value: str(value),
    "date_to_string": _date_to_string,
    "date_to_long_string": _date_to_long_string,
    "date_to_xmlschema": lambda value: _date(value).isoformat() if _date(value) else str(value),
    "xml_escape": lambda value: html.escape(str(value)),
    "cgi_escape": lambda value: quote(str(value), safe=""),
    "uri_escape": lambda value: quote(str(value), safe="/:?=&#"),
    "jsonify": lambda value: json.dumps(value, default=str),
    "slugify": _slugify,
    "markdownify": lambda value: str(value),
    "smartify": lambda value: str(value),
    "number_of_words": lambda value: len(str(value).split()),
    "array_to_sentence_string": lambda value, word="and": (
        " ".join(map(str, value)) if len(value) < 2 else f"{', '.join(map(str, value[:-1]))}, {word} {value[-1]}"
    ) if isinstance(value, list) else str(value),
}
