"""What Postdesk read of a site, as plain data: `postdesk site --json` prints it and the window's
Site dialog shows it. One function builds it so both say the same, and other parts of Postdesk
add their own keys (the rendering profile) to the same mapping.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any, Iterable

from desktop_app.core.frontmatter.fields import FieldSpec
from desktop_app.core.site.config import Collection, SiteConfig
from desktop_app.core.site.library.summaries import PostSummary
from desktop_app.core.site.library.translations import languages_found
from desktop_app.core.site.schemas.layout import learn


def site_report(site: SiteConfig, posts: Iterable[PostSummary] | None = None) -> dict[str, Any]:
    """The site as `postdesk site --json` prints it; with `posts` (a scan), counts and the
    languages the posts are written in too."""
    posts = list(posts) if posts is not None else None
    counts = Counter(post.collection for post in posts if post.role != "section") if posts is not None else None
    return {
        "root": str(site.root),
        "generator": site.generator,
        "evidence": list(site.evidence),
        "flavor": site.flavor,
        "schema": site.source,
        "config_files": list(site.config_files),
        "collections": [collection_report(site, collection, counts) for collection in site.collections],
        "media": media_report(site),
        "languages": list(languages_found(site, posts) if posts is not None else site.languages),
        "taxonomies": list(site.taxonomies),
        "problems": list(site.problems),
    }


def collection_report(site: SiteConfig, collection: Collection, counts: Counter[str] | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {
        "name": collection.name,
        "label": collection.label,
        "folder": collection.folder,
        "pattern": collection.pattern or "**/*",
        "new_file": new_file_pattern(site, collection),
        "create": collection.create,
        "source": collection.source or "inferred",
        "template": collection.template or None,
        "fields": [field_report(spec) for spec in collection.fields],
        "inherited": [field_report(spec) for spec in collection.hints],
        "types": [{"name": kind.name, "fields": [field_report(spec) for spec in kind.fields]}
                  for kind in collection.types],
        "translations": collection.i18n or None,
        "translation_folders": dict(collection.translation_folders),
    }
    if counts is not None:
        out["posts"] = counts.get(collection.name, 0)
    return out


def new_file_pattern(site: SiteConfig, collection: Collection) -> str:
    """Where + New puts a post: `content/posts/{{slug}}/index.md`, with the layout of the
    collection's posts when no configuration names one."""
    layout = learn(site, collection)
    slug, path = (collection.slug, collection.path) if collection.slug or collection.path else (layout.slug, layout.path)
    name = (path.replace("{{slug}}", slug) if slug and path else path or slug) or "{{slug}}"
    if not (collection.slug or collection.path) and collection.folder.endswith("_posts") and not layout.slug:
        name = "{{year}}-{{month}}-{{day}}-" + name
    folder = collection.folder + "/" if collection.folder else ""
    return f"{folder}{name}.{collection.extension or layout.extension}"


def field_report(spec: FieldSpec) -> dict[str, Any]:
    out: dict[str, Any] = {"name": spec.key, "label": spec.title, "type": spec.kind, "required": spec.required}
    if spec.default is not None:
        out["default"] = _plain(spec.default)
    if spec.inherited is not None:
        out["inherited"] = _plain(spec.inherited)
    if spec.options:
        out["options"] = [_plain(option.value) for option in spec.options]
    if spec.multiple:
        out["multiple"] = True
    if spec.relation is not None:
        out["relation"] = spec.relation.collection
    if spec.fields:
        out["fields"] = [field_report(inner) for inner in spec.fields]
    if spec.media_folder:
        out["media_folder"] = spec.media_folder
    return out


def media_report(site: SiteConfig) -> list[dict[str, Any]]:
    """Every media folder: where images are kept in the repository and the URL path the site
    serves them under ("" for a folder relative to each post)."""
    out = []
    if site.static_folder is not None:
        out.append({"collection": None, "folder": site.static_folder or ".", "served_as": "/"})
    seen = set()
    for collection in site.collections:
        specs = [(collection.media_folder, collection.public_folder, None)] + [
            (spec.media_folder, spec.public_folder, spec.key) for spec in collection.fields if spec.media_folder]
        for folder, public, key in specs:
            if not folder or (collection.name, folder, key) in seen:
                continue
            seen.add((collection.name, folder, key))
            entry = {"collection": collection.name, "folder": folder, "served_as": public}
            if key:
                entry["field"] = key
            out.append(entry)
    return out


def _plain(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    return value


def report_lines(report: dict[str, Any]) -> list[str]:
    """The report in words, for `postdesk site` without `--json` and the Site dialog."""
    lines = [f"Generator: {report['generator']}" + (f" (from {', '.join(report['evidence'])})"
                                                    if report["evidence"] else " (no evidence found)")]
    lines.append(f"Schema: {report['schema']}")
    if report["languages"]:
        lines.append(f"Languages: {' · '.join(code.upper() for code in report['languages'])}")
    lines.append(f"Taxonomies: {', '.join(report['taxonomies']) or 'none'}")
    for media in report["media"]:
        owner = f"{media['collection']}" + (f".{media['field']}" if media.get("field") else "") \
            if media["collection"] else "site"
        lines.append(f"Media ({owner}): {media['folder']} served as {media['served_as'] or 'paths relative to the post'}")
    for collection in report["collections"]:
        count = f", {collection['posts']} posts" if "posts" in collection else ""
        lines.append(f"\n{collection['label']} [{collection['name']}]: {collection['folder'] or '.'}"
                     f" ({collection['pattern']}{count}); new posts: {collection['new_file']}")
        fields = collection["fields"] or collection["inherited"]
        for spec in fields:
            extra = " required" if spec["required"] else ""
            if "inherited" in spec:
                extra += f" inherited {spec['inherited']!r}"
            if "default" in spec:
                extra += f" default {spec['default']!r}"
            lines.append(f"  {spec['name']}: {spec['type']}{extra}")
        if not collection["fields"]:
            lines.append("  (other fields from the posts)")
    for problem in report["problems"]:
        lines.append(f"\nProblem: {problem}")
    return lines
