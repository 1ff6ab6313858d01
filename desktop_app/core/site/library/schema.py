"""Which fields a post's form shows: the collection's configured schema, or one inferred.

A site's CMS configuration (see `core/site/cms/`) gives each collection its fields. Without one, the
schema is inferred from the posts of the collection: the keys most posts use, in the order they
are usually written, with the widget their values call for. Known blog fields (title, date,
tags, cover, draft …) are always offered, so a writer can fill in what a new post lacks.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import replace
from typing import Any, Iterable, Mapping

from desktop_app.core.frontmatter.fields import (
    BOOLEAN,
    DATE,
    DATETIME,
    IMAGE,
    MULTILINE,
    NUMBER,
    READONLY,
    SELECT,
    TAGS,
    TEXT,
    FieldSpec,
    readable,
)
from desktop_app.core.site.config import Collection
from desktop_app.core.site.library.summaries import COVER_KEYS, DESCRIPTION_KEYS, PostSummary

_KNOWN: dict[str, tuple[str, str]] = {
    "title": (TEXT, "Title"),
    "description": (MULTILINE, "Description"),
    "summary": (MULTILINE, "Summary"),
    "excerpt": (MULTILINE, "Excerpt"),
    "date": (DATE, "Date"),
    "author": (TEXT, "Author"),
    "tags": (TAGS, "Tags"),
    "categories": (TAGS, "Categories"),
    "keywords": (TAGS, "Keywords"),
    "cover": (IMAGE, "Cover image"),
    "image": (IMAGE, "Image"),
    "draft": (BOOLEAN, "Draft"),
}
# The fields a blog post has even when the file does not set them yet.
CORE_FIELDS = ("title", "description", "date", "tags", "cover", "draft", "author")
# A key used by fewer posts than this share of its collection is the post's own business.
_COMMON_SHARE = 0.3


def kind_of(key: str, value: Any) -> str:
    """The widget kind for a value, by its type first and its name second."""
    if isinstance(value, bool):
        return BOOLEAN
    if isinstance(value, dt.datetime):
        return DATETIME
    if isinstance(value, dt.date):
        return DATE
    if isinstance(value, (int, float)):
        return NUMBER
    if isinstance(value, list):
        return TAGS if all(isinstance(item, (str, int, float)) for item in value) else READONLY
    if isinstance(value, dict):
        return READONLY
    if key in _KNOWN:
        kind = _KNOWN[key][0]
        return kind if kind not in (DATE, BOOLEAN, TAGS) or value is None else TEXT
    if key in COVER_KEYS:
        return IMAGE
    if isinstance(value, str) and ("\n" in value or key in DESCRIPTION_KEYS):
        return MULTILINE
    return TEXT


def label_of(key: str) -> str:
    return _KNOWN[key][1] if key in _KNOWN else readable(key)


def _spec(key: str, value: Any) -> FieldSpec:
    kind = kind_of(key, value)
    return FieldSpec(key, kind, label_of(key), required=key == "title", integer=kind == NUMBER and isinstance(value, int))


def infer_fields(samples: Iterable[Mapping[str, Any]]) -> tuple[FieldSpec, ...]:
    """A collection's schema from its posts' values: common keys, in their usual order."""
    count: Counter[str] = Counter()
    positions: dict[str, list[float]] = defaultdict(list)
    kinds: dict[str, Counter[str]] = defaultdict(Counter)
    fractional: set[str] = set()  # number keys some post writes with a fraction
    total = 0
    for values in samples:
        total += 1
        items = values.items()
        size = max(len(items), 1)
        for index, (key, value) in enumerate(items):
            count[key] += 1
            positions[key].append(index / size)
            if value is not None:
                kinds[key][kind_of(key, value)] += 1
            if isinstance(value, float):
                fractional.add(key)
    common = [key for key in count if count[key] >= max(2, total * _COMMON_SHARE)]
    common.sort(key=lambda key: sorted(positions[key])[len(positions[key]) // 2])
    # A title is required only where every post has one (Hugo's headless `_common` pages don't).
    specs = []
    for key in common:
        kind = kinds[key].most_common(1)[0][0] if kinds[key] else kind_of(key, None)
        specs.append(FieldSpec(key, kind, label_of(key), required=key == "title" and count[key] == total,
                               integer=kind == NUMBER and key not in fractional))
    present = {spec.key for spec in specs}
    return tuple(specs) + tuple(FieldSpec(key, kind_of(key, None), label_of(key))
                                for key in CORE_FIELDS if key not in present)


def form_fields(values: Mapping[str, Any], schema: tuple[FieldSpec, ...] = (),
                configured: bool = False) -> list[FieldSpec]:
    """The form's fields for one post: the schema's shown fields, then the post's other keys.

    A configured schema is the site's word: its widgets stay even when a post's value does not
    fit (validation says so). An inferred widget that cannot show this post's value (a `date`
    one post writes as a date-time) follows the value. Keys no schema knows get the widget
    their value calls for; hidden fields are never shown, and so never written.
    """
    if not schema:
        schema = tuple(_spec(key, None) for key in CORE_FIELDS)
    known = {spec.key for spec in schema}
    specs = [spec if configured else _fit(spec, values.get(spec.key)) for spec in schema if spec.shown]
    specs += [_spec(key, value) for key, value in values.items() if key not in known]
    return specs


def _fit(spec: FieldSpec, value: Any) -> FieldSpec:
    if value is None:
        return spec
    actual = kind_of(spec.key, value)
    if actual == spec.kind or (actual == TEXT and spec.kind in (MULTILINE, IMAGE)):
        return spec
    return FieldSpec(spec.key, actual, spec.label, spec.required)


def collection_schema(collection: Collection | None, posts: Iterable[PostSummary]) -> tuple[tuple[FieldSpec, ...], bool]:
    """(fields, configured): the collection's configured schema, or one inferred from its posts
    (section pages left out: they are not posts), refined by what the generator knows."""
    hints = collection.hints if collection is not None else ()
    if collection is not None and collection.fields:
        return with_hints(collection.fields, hints), True
    name = collection.name if collection is not None else None
    inferred = infer_fields(post.values for post in posts
                            if (name is None or post.collection == name) and post.role != "section")
    return with_hints(inferred, hints), False


def post_schema(collection: Collection | None, values: Mapping[str, Any],
                posts: Iterable[PostSummary]) -> tuple[tuple[FieldSpec, ...], bool]:
    """The schema of one post: the content type its `type` names when its collection has
    several (Front Matter CMS), else the collection's."""
    if collection is not None and collection.types:
        wanted = values.get("type")
        chosen = next((kind for kind in collection.types if kind.name == wanted), None)
        if chosen is not None and chosen.fields:
            return with_hints(chosen.fields, collection.hints), True
    return collection_schema(collection, posts)


def with_hints(schema: tuple[FieldSpec, ...], hints: tuple[FieldSpec, ...]) -> tuple[FieldSpec, ...]:
    """`schema` with the generator's hints: a hinted field takes the hint's choices and what it
    inherits (never required then); hinted fields the schema lacks come after its own."""
    if not hints:
        return schema
    by_key = {hint.key: hint for hint in hints}
    out = []
    for spec in schema:
        hint = by_key.pop(spec.key, None)
        if hint is None:
            out.append(spec)
            continue
        kind = hint.kind if hint.options and spec.kind in (TEXT, TAGS, SELECT) else spec.kind
        multiple = spec.multiple or (kind == SELECT and spec.kind == TAGS) or hint.multiple
        out.append(replace(spec, kind=kind, options=spec.options or hint.options, multiple=multiple,
                           label=spec.label or hint.label, inherited=hint.inherited,
                           required=spec.required and hint.inherited is None))
    out += [replace(hint, label=hint.label or label_of(hint.key)) for hint in hints if hint.key in by_key]
    return tuple(out)
