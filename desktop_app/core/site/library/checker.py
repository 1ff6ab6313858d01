"""`postdesk check`: every post of a site validated against its collection's schema.

Meant for a site's own CI as much as for writers: the output names file, line, field and
message, and the result says whether any post is invalid. Collections without a configured
schema are checked against the schema inferred from their own posts, so a post that writes a
date as `TBD` where every other post has a date is still caught.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Mapping

from desktop_app.core.document.storage import read_text
from desktop_app.core.errors import EncodingError
from desktop_app.core.frontmatter import parse as fm
from desktop_app.core.frontmatter.fields import FieldSpec
from desktop_app.core.frontmatter.validate import validate
from desktop_app.core.site import membership
from desktop_app.core.site.config import SiteConfig
from desktop_app.core.site.library import choices, schema
from desktop_app.core.site.library.summaries import PostSummary, post_entries
from desktop_app.core.site.links import hints
from desktop_app.core.site.links.style import scan_links
from desktop_app.core.tasks import CancelToken


@dataclass(frozen=True)
class Finding:
    """One problem of one post, where a person (or an editor jumping to a line) can find it."""

    path: str  # repo-relative
    key: str  # "" for the front matter as a whole
    message: str
    line: int | None = None
    column: int | None = None
    warning: bool = False  # a writing hint (`core/site/links/hints.py`): worth a look, not invalid

    def __str__(self) -> str:
        where = self.path + (f":{self.line}" if self.line else "") + (f":{self.column}" if self.column else "")
        if self.warning:  # a hint's message names its field itself
            return f"{where}: warning: {self.message}"
        return f"{where}: {self.key + ': ' if self.key else ''}{self.message}"

    def to_json(self) -> dict[str, Any]:
        return {"file": self.path, "field": self.key or None, "message": self.message,
                "line": self.line, "column": self.column}


@dataclass
class CheckReport:
    files: int = 0
    findings: list[Finding] = field(default_factory=list)
    warnings: list[Finding] = field(default_factory=list)  # writing hints: they never make a post invalid

    @property
    def invalid_files(self) -> int:
        return len({finding.path for finding in self.findings})

    @property
    def ok(self) -> bool:
        return not self.findings


def check_site(site: SiteConfig, cancel: CancelToken | None = None, with_hints: bool = True) -> CheckReport:
    """Read and validate every post of `site`; `with_hints`: and collect its writing hints."""
    loaded_posts: list[tuple[PostSummary, fm.ParsedPost | None, str]] = []
    for collection_name, path, outside in post_entries(site):
        if cancel is not None:
            cancel.raise_if_cancelled()
        relative = path.relative_to(site.root).as_posix()
        if outside is not None:  # a link to a file elsewhere: reported, never read
            loaded_posts.append((PostSummary(relative, collection_name, "", None, False, (), fm.NONE), None,
                                 outside.message.removeprefix(f"{relative} ")))
            continue
        try:
            loaded = read_text(path)
            parsed = fm.read_post(loaded.text)
        except EncodingError as error:
            loaded_posts.append((PostSummary(relative, collection_name, "", None, False, (), fm.NONE), None,
                           error.message))
            continue
        except OSError as error:
            loaded_posts.append((PostSummary(relative, collection_name, "", None, False, (), fm.NONE), None,
                           error.strerror or str(error)))
            continue
        summary = PostSummary(relative, collection_name, str(parsed.values.get("title") or ""), None, False,
                              (), parsed.doc.format, values=parsed.values,
                              role="section" if membership.is_section_page(relative) else "")
        # Postdesk reads it, but the site's generator expects UTF-8 and would show mojibake.
        encoding = f"{loaded.warning.replace(path.name, relative, 1)} The site expects UTF-8." \
            if loaded.form.legacy else ""
        loaded_posts.append((summary, parsed, encoding))
    summaries = [summary for summary, _, _ in loaded_posts]
    inferred = {collection.name: schema.collection_schema(collection, summaries) for collection in site.collections}
    schemas = {name: fields for name, (fields, _configured) in inferred.items()}
    # Each relation's choices once for the whole site, not once per post.
    relations = {name: choices.relation_values(fields, lambda spec: choices.relation_options(spec, summaries))
                 for name, fields in schemas.items()}
    report = CheckReport(files=len(loaded_posts))
    rules = hints.hint_rules(site)
    texts = {summary.path: parsed.doc.opening + parsed.doc.front + parsed.doc.closing + parsed.doc.body
             for summary, parsed, _problem in loaded_posts if parsed is not None}
    links = scan_links(site, cancel, texts) if with_hints and rules.enabled else None
    describes = {name: hints.described(rules, fields, configured, (s.values for s in summaries if s.collection == name))
                 for name, (fields, configured) in inferred.items()}
    for summary, parsed, problem in loaded_posts:
        if problem:
            report.findings.append(Finding(summary.path, "", problem))
        if parsed is None:
            continue
        # A Hugo section's own page (`_index.md`) is not a post: only its front matter is checked.
        fields = () if membership.is_section_page(summary.path) else \
            _schema_of(site, summary, schemas.get(summary.collection, ()))
        report.findings += check_post(summary.path, parsed, fields, relations.get(summary.collection, {}))
        if links is not None:
            report.warnings += [Finding(summary.path, hint.key, hint.message,
                                        hint.line or (key_line(parsed.doc, hint.key) if hint.key else None),
                                        warning=True)
                                for hint in hints.post_hints(summary.path, parsed, rules, links,
                                                             describes.get(summary.collection, False))]
    return report


def _schema_of(site: SiteConfig, summary: PostSummary, fields: tuple[FieldSpec, ...]) -> tuple[FieldSpec, ...]:
    """The post's own content type when its collection has several and it names one."""
    collection = next((c for c in site.collections if c.name == summary.collection), None)
    if collection is None or not collection.types or "type" not in summary.values:
        return fields
    chosen, configured = schema.post_schema(collection, summary.values, ())
    return chosen if configured else fields


def check_post(path: str, parsed: fm.ParsedPost, fields: tuple[FieldSpec, ...],
               relations: Mapping[str, set[str]] | None = None) -> list[Finding]:
    """The findings of one post already read: its front-matter error, then its fields' problems."""
    findings = []
    if parsed.error is not None:
        error = parsed.error
        findings.append(Finding(path, "", error.reason, error.line, error.column))
        if not parsed.values:
            return findings
    for problem in validate(parsed.values, fields, relations):
        top = re.split(r"[.\[]", problem.key, maxsplit=1)[0]
        findings.append(Finding(path, problem.key, problem.message, key_line(parsed.doc, top)))
    return findings


def key_line(doc: fm.Document, key: str) -> int | None:
    """The file line (1-based) where top-level `key` is written, or None when it is absent.

    Only top-level keys count: a `date` inside `params` (YAML indentation, a TOML `[params]`
    table, a nested JSON object) is not the post's `date`. A TOML table is found by its header.
    """
    start = doc.opening.count("\n") + 1
    if doc.format == fm.JSON:
        return _json_key_line(doc.front, key, start)
    quoted = rf"""(?:{re.escape(key)}|"{re.escape(key)}"|'{re.escape(key)}')"""
    pattern = re.compile(rf"^{quoted}\s*[:=]" if doc.format != fm.TOML else rf"^\s*{quoted}\s*=")
    table = re.compile(rf"^\s*\[\s*{quoted}\s*\]")
    for index, line in enumerate(doc.front.split("\n")):
        if doc.format == fm.TOML and line.lstrip().startswith("["):
            return start + index if table.match(line) else None  # past the top-level keys
        if pattern.match(line):
            return start + index
    return None


def _json_key_line(front: str, key: str, start: int) -> int | None:
    """The line of `"key":` at the outermost level of a JSON object."""
    depth, index, line = 0, 0, start
    while index < len(front):
        char = front[index]
        if char == "\n":
            line += 1
        elif char in "{[":
            depth += 1
        elif char in "}]":
            depth -= 1
        elif char == '"':
            end = index + 1
            while end < len(front) and front[end] != '"':
                end += 2 if front[end] == "\\" else 1
            if depth == 1 and front[index + 1:end] == key and front[end + 1:].lstrip().startswith(":"):
                return line
            line += front[index:end].count("\n")
            index = end
        index += 1
    return None
