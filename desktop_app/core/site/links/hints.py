"""Writing hints before publishing: what a search engine, a screen reader or a reader clicking
through would trip over. Warnings, not errors: the post is valid, and `postdesk check` passes.

The checks Front Matter CMS users rely on: the title and the description against the length a
search engine shows (60 and 160 characters, as Front Matter CMS counts; the site's own
`frontMatter.taxonomy.seoTitleLength` / `seoDescriptionLength` / `seoDescriptionField` in
`frontmatter.json`, or `hints:` in `.postdesk.yml`, say otherwise), a description missing where
the collection has one, images without alt text, heading levels that skip one, and links to posts
that do not exist. The form shows them as the writer types; `postdesk check` prints them.
Code (fenced, indented, inline) is never read: that is where writers show such syntax on purpose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping

from desktop_app.core.confine import is_inside
from desktop_app.core.frontmatter import parse as fm
from desktop_app.core.frontmatter.fields import FieldSpec
from desktop_app.core.site.cms.base import ConfigError
from desktop_app.core.site.cms.reading import read_jsonc
from desktop_app.core.site.config import SiteConfig
from desktop_app.core.site.links.style import PATH, PostLinks

TITLE_LENGTH, DESCRIPTION_LENGTH = 60, 160  # what search engines show, as Front Matter CMS counts
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t#]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_NOT_PARAGRAPH = re.compile(r"^ {0,3}(?:[-*+>|]|\d+[.)]|#|<|$)")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
_MARKDOWN_IMAGE = re.compile(r"!\[([^\]]*)\]\s*[(\[]")
_HTML_IMAGE = re.compile(r"<(?:img|Image)\b[^>]*>")
_FIGURE = re.compile(r"\{\{[<%]\s*figure\b(.*?)[>%]\}\}")
_ALT = re.compile(r"\balt\s*=", re.I)
_LINK = re.compile(r"(?<!!)\]\(\s*(\{\{[<%].*?[>%]\}\}|\{%.*?%\}|<[^>\n]+>|[^)\s]+)"
                   r"|^ {0,3}\[[^\]\n]+\]:\s*<?([^\s>]+)"
                   r"|<a\b[^>]*?\bhref\s*=\s*[\"']([^\"'\n]+)")
_POST_TEMPLATE = re.compile(r"^\{\{[<%]\s*(?:rel)?ref\s|^\{%-?\s*(?:link|post_url)\s")
_DATED = re.compile(r"/\d{4}/\d{2}/\d{2}/")
_ASSET = re.compile(r"\.(?!html?$|md$|markdown$|mdx$)[A-Za-z0-9]{1,5}$")


@dataclass(frozen=True)
class Hint:
    """One thing to look at before publishing: about a field (`key`), or the body (`key` "")."""

    key: str
    message: str
    line: int | None = None  # in the file, 1-based; None for a field (`checker.key_line` finds it)


@dataclass(frozen=True)
class HintRules:
    """What the site's search-engine snippets allow; `enabled` False: the site asked for no hints."""

    title_length: int = TITLE_LENGTH
    description_length: int = DESCRIPTION_LENGTH
    description_key: str = "description"
    enabled: bool = True


def hint_rules(site: SiteConfig) -> HintRules:
    """The site's own lengths: `hints:` in `.postdesk.yml` (`false` turns hints off), else Front
    Matter CMS's settings in `frontmatter.json`, else search engines' usual 60 and 160."""
    own = site.extra.get("hints")
    if own is False:
        return HintRules(enabled=False)
    if isinstance(own, dict):
        return HintRules(_length(own.get("title"), TITLE_LENGTH), _length(own.get("description"), DESCRIPTION_LENGTH),
                         str(own.get("description_field") or "description"))
    config = site.root / "frontmatter.json"
    if config.is_file() and is_inside(config, site.root):
        try:
            data = read_jsonc(site.root, "frontmatter.json")
        except (ConfigError, OSError):
            data = None
        if isinstance(data, dict):
            return HintRules(_length(data.get("frontMatter.taxonomy.seoTitleLength"), TITLE_LENGTH),
                             _length(data.get("frontMatter.taxonomy.seoDescriptionLength"), DESCRIPTION_LENGTH),
                             str(data.get("frontMatter.taxonomy.seoDescriptionField") or "description"))
    return HintRules()


def _length(value: Any, default: int) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else default


def post_hints(path: str, parsed: fm.ParsedPost, rules: HintRules = HintRules(), links: PostLinks | None = None,
               describes: bool = False) -> list[Hint]:
    """The hints for the post at repo-relative `path`: its fields first, then its body in order.
    `links`: the repository's posts, for links to posts that do not exist; `describes`: whether
    the post's collection has descriptions (`described`), so that a missing one is worth a hint."""
    if not rules.enabled:
        return []
    found = list(_field_hints(parsed, describes, rules))
    doc = parsed.doc
    start = 1 + (doc.opening + doc.front + doc.closing).count("\n")
    found += _body_hints(path, doc.body, start, links)
    return found


def described(rules: HintRules, fields: Iterable[FieldSpec], configured: bool,
              posts: Iterable[Mapping[str, Any]]) -> bool:
    """Whether a collection has descriptions: its configured schema names the field, or one of
    its posts (`posts`: their values) has one. A site whose posts never have one gets no hint."""
    if configured and any(spec.key == rules.description_key for spec in fields):
        return True
    return any(isinstance(values.get(rules.description_key), str) and values[rules.description_key].strip()
               for values in posts)


def _field_hints(parsed: fm.ParsedPost, describes: bool, rules: HintRules) -> Iterator[Hint]:
    values = parsed.values
    title = values.get("title")
    if isinstance(title, str) and len(title.strip()) > rules.title_length:
        yield Hint("title", f"The title is {len(title.strip())} characters; search engines show about "
                            f"{rules.title_length}.")
    key = rules.description_key
    description = values.get(key)
    if isinstance(description, str) and len(description.strip()) > rules.description_length:
        yield Hint(key, f"The {key} is {len(description.strip())} characters; search engines show about "
                        f"{rules.description_length}.")
    elif (description is None or (isinstance(description, str) and not description.strip())) \
            and not parsed.error and describes:
        yield Hint(key, f"No {key}: search engines will show a passage of their own choosing.")


def _body_hints(path: str, body: str, start: int, links: PostLinks | None) -> list[Hint]:
    found: list[Hint] = []
    level = 1  # the title is the page's first heading
    previous = ""
    for number, line, prose in _prose_lines(body, start):
        if not prose:
            previous = ""
            continue
        heading = _heading(line, previous)
        previous = line
        if heading:
            depth, text = heading
            if depth > level + 1:
                found.append(Hint("", f"The heading “{text or '#' * depth}” is level {depth} right after level "
                                      f"{level}: make it level {level + 1} ({'#' * (level + 1)}), so outlines and "
                                      "screen readers follow.", number))
            level = depth
        text = _CODE_SPAN.sub(lambda match: " " * len(match.group(0)), line)
        for image in _images_without_alt(text):
            found.append(Hint("", f"An image has no alt text ({image}): describe it for readers who cannot "
                                  "see it.", number))
        if links is not None:
            for url in _links(text):
                if _names_a_post(links, url) and links.leads_to(path, url) is None:
                    found.append(Hint("", f"The link {url} leads to no post of this site.", number))
    return found


def _prose_lines(body: str, start: int) -> Iterator[tuple[int, str, bool]]:
    """Each line of `body` with its file line number and whether it is prose (not code)."""
    fence = ""
    blank = True
    for offset, line in enumerate(body.split("\n")):
        line = line.rstrip("\r")
        match = _FENCE.match(line)
        if fence:
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence):
                fence = ""
            yield start + offset, line, False
            continue
        if match:
            fence = match.group(1)
            yield start + offset, line, False
            continue
        indented = line.startswith(("    ", "\t")) and blank  # an indented code block
        blank = not line.strip() or indented
        yield start + offset, line, not indented and bool(line.strip())


def _heading(line: str, previous: str) -> tuple[int, str] | None:
    """`(level, text)` when `line` is an ATX heading, or the underline of a setext one."""
    if atx := _ATX.match(line):
        return len(atx.group(1)), (atx.group(2) or "").strip()
    if previous and _SETEXT.match(line) and not _NOT_PARAGRAPH.match(previous) and not _ATX.match(previous):
        return (1 if line.strip().startswith("=") else 2), previous.strip()
    return None


def _images_without_alt(text: str) -> Iterator[str]:
    for match in _MARKDOWN_IMAGE.finditer(text):
        if not match.group(1).strip():
            yield _address(text, match.end())
    for match in _HTML_IMAGE.finditer(text):
        if not _ALT.search(match.group(0)):
            yield _shorten(match.group(0))
    for match in _FIGURE.finditer(text):
        if not _ALT.search(match.group(1)):
            yield _shorten(match.group(0))


def _address(text: str, position: int) -> str:
    """The image's address after `![](` (or its reference after `![][`), for the message."""
    end = text.find(")" if text[position - 1] == "(" else "]", position)
    return text[position:end if end >= 0 else len(text)].strip().split(" ")[0] or "no address"


def _shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _links(text: str) -> Iterator[str]:
    for match in _LINK.finditer(text):
        url = (match.group(1) or match.group(2) or match.group(3) or "").strip("<>")
        if url:
            yield url


def _names_a_post(links: PostLinks, url: str) -> bool:
    """Whether `url` is meant to lead to a post, not to a page, a tag list or a file: a Hugo
    `ref`, a Liquid `link` / `post_url`, a relative Markdown file, or a site path in the site's
    form for posts (under its prefix, `/blog/…`, or dated, `/2024/01/31/…`) or in a form a
    collection or language of it has of its own."""
    if _POST_TEMPLATE.match(url):
        return "/*" not in url  # `{{</* ref */>}}` shows the syntax, it is not a link
    if "{{" in url or "{%" in url or re.match(r"^[a-z][a-z0-9+.-]*:|^#|^//", url, re.I):
        return False
    path = url.split("#", 1)[0].split("?", 1)[0]
    if not path.startswith("/"):
        return path.lower().endswith((".md", ".markdown", ".mdx"))
    if _ASSET.search(Path(path).name):
        return False
    for style in (links.style, *links.groups.values()):  # the site's form, and a collection's or language's
        if style.kind != PATH:
            continue
        if style.key == "date" and _DATED.search(path):
            return True
        prefix = style.prefix
        if style.key != "date" and prefix != "/" and path.startswith(prefix) \
                and len(path.strip("/")) > len(prefix.strip("/")):
            return True
    return False
