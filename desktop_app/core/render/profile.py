"""How a site's own generator turns Markdown into HTML, as options the preview renders with.

A writer compares the preview with their published page, not with a spec: Hugo's goldmark curls
quotes and makes `Term` / `: definition` a list, kramdown curls them its own way, Astro's
smartypants makes `--` an em dash. A `RenderProfile` names the generator's engine and the options
that change what a reader sees (typography, definition lists, footnote style, heading attributes,
raw HTML, math, template syntax). `site_settings.site_profile(site)` reads it from the site's own
configuration files (TOML, YAML and JSON are parsed, site code is never run), and
a `.postdesk.yml` `preview:` block can override any option. A plain profile
(`RenderProfile.plain(flavor)`) is today's CommonMark + GFM or Python-Markdown with no extras, the
one loose posts and `postdesk render --flavor` get.
"""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass, field
from typing import Any, Mapping

from desktop_app.core.site.config import GFM, PYTHON_MARKDOWN

# Typography rules: which generator's smart punctuation (quotes, dashes, ellipses) to follow.
GOLDMARK, KRAMDOWN, SMARTYPANTS, MARKDOWN_IT, SMARTY, PULLDOWN = (
    "goldmark", "kramdown", "smartypants", "markdown-it", "smarty", "pulldown-cmark")
TYPOGRAPHIES = ("", GOLDMARK, KRAMDOWN, SMARTYPANTS, MARKDOWN_IT, SMARTY, PULLDOWN)
FOOTNOTE_STYLES = ("gfm", "goldmark", "kramdown", "remark")
# Math delimiters a profile may read: `$x$`, `$$x$$` (kramdown reads both as `$$`), `\(x\)`, `\[x\]`.
MATH_DELIMITERS = ("$", "$$", "\\(", "\\[")


@dataclass(frozen=True)
class RenderProfile:
    """The options of a site's Markdown engine that change what the reader sees.

    Two profiles with the same options render alike (`data` and the notes are left out of the
    comparison), so the renderer keeps one engine per distinct set of options."""

    generator: str = "unknown"
    engine: str = "commonmark"  # the generator's engine, as its documentation names it
    flavor: str = GFM  # Postdesk's engine that emulates it: GFM (markdown-it) or Python-Markdown
    typography: str = ""  # "" (off) or one of TYPOGRAPHIES: whose smart punctuation rules
    definition_lists: bool = False  # `Term` then `: definition`
    footnotes: str = "gfm"  # the footnote block as GitHub, goldmark, kramdown or remark writes it
    heading_attributes: bool = False  # `## Title {#id .class}` (goldmark parser.attribute.title)
    block_attributes: bool = False  # `{.class}` on the line after a block (goldmark, kramdown IAL)
    raw_html: bool = True  # False: raw HTML is left out, as goldmark does without `unsafe`
    hard_wrap: bool = False  # a line break in a paragraph is a <br>
    math: tuple[str, ...] = ()  # the MATH_DELIMITERS the site renders as math
    shortcodes: bool = False  # Hugo shortcodes, built-in ones rendered as Hugo renders them
    liquid: bool = False  # Jekyll's Liquid, evaluated before Markdown
    mdx: bool = False  # the site reads `.mdx` posts (imports, JSX components)
    data: Mapping[str, Any] = field(default_factory=dict, compare=False, hash=False, repr=False)
    sources: tuple[str, ...] = field(default=(), compare=False)  # the files the options come from
    notes: tuple[str, ...] = field(default=(), compare=False)  # what is approximated, for `postdesk site`

    @classmethod
    def plain(cls, flavor: str = PYTHON_MARKDOWN) -> RenderProfile:
        """No generator's extras: CommonMark + GFM, or Python-Markdown with its blog extensions."""
        if cls is RenderProfile:
            return _plain(flavor)  # immutable: one per flavour, not one per render
        engine = "python-markdown" if flavor == PYTHON_MARKDOWN else "commonmark"
        return cls(engine=engine, flavor=flavor)

    @property
    def is_plain(self) -> bool:
        """Whether the engine needs none of the extras (the fast path of plain GFM sites)."""
        plain = _plain(self.flavor)
        return self is plain or self == plain

    def options(self) -> dict[str, Any]:
        """The rendering options as JSON-ready values (`postdesk site --json`)."""
        return {item.name: list(value) if isinstance(value, tuple) else value
                for item in dataclasses.fields(self) if item.compare
                and item.name not in ("generator", "engine", "flavor")
                for value in (getattr(self, item.name),)}

    def to_json(self) -> dict[str, Any]:
        return {"generator": self.generator, "engine": self.engine, "flavor": self.flavor,
                "options": self.options(), "sources": list(self.sources), "notes": list(self.notes)}


@functools.lru_cache(maxsize=None)
def _plain(flavor: str) -> RenderProfile:
    engine = "python-markdown" if flavor == PYTHON_MARKDOWN else "commonmark"
    return RenderProfile(engine=engine, flavor=flavor)


def override(profile: RenderProfile, settings: Mapping[str, Any], problems: list[str]) -> RenderProfile:
    """`profile` with the options a `.postdesk.yml` `preview:` block sets (unknown ones are
    reported in `problems`, not applied)."""
    changes: dict[str, Any] = {}
    known = {item.name: item for item in dataclasses.fields(RenderProfile) if item.compare}
    for key, value in settings.items():
        name = str(key).replace("-", "_")
        if name in ("css", "flavor", "profile", "generator") or name not in known:
            if name not in ("css", "flavor", "profile", "generator"):
                problems.append(f"preview.{key}: not a rendering option")
            continue
        current = getattr(profile, name)
        if isinstance(current, bool):
            changes[name] = bool(value)
        elif isinstance(current, tuple):
            items = [value] if isinstance(value, str) else list(value or ())
            changes[name] = tuple(str(item) for item in items if str(item) in MATH_DELIMITERS)
        elif name == "typography":
            text = "" if value in (False, None, "off", "none") else str(value)
            if text in TYPOGRAPHIES:
                changes[name] = text
            else:
                problems.append(f"preview.typography: one of {', '.join(t for t in TYPOGRAPHIES if t)} or off")
        elif name == "footnotes" and str(value) in FOOTNOTE_STYLES:
            changes[name] = str(value)
        else:
            problems.append(f"preview.{key}: '{value}' is not a value it takes")
    return dataclasses.replace(profile, **changes) if changes else profile

