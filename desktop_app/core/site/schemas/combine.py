"""One set of collections from the generator's configuration and a CMS's, matched by folder.

The generator says which folders hold posts and, for Astro and Contentlayer, the schema the
build enforces; a CMS says how writers edit them (widgets, labels, defaults, media folders,
file names). A folder both describe becomes one collection: a declared schema's fields, each
refined by the CMS field of the same key (an `image` widget for a string, its label and
default), then the CMS's other fields; otherwise the CMS's fields, with the generator's hints.
Collections only one of them describes are kept as they are, the CMS's first.
"""

from __future__ import annotations

from dataclasses import replace

from desktop_app.core.frontmatter import fields as f
from desktop_app.core.frontmatter.fields import FieldSpec, Relation
from desktop_app.core.site.config import Collection

# A CMS widget that may stand in for a schema's kind: the CMS knows the string is an image.
_REFINES = {
    f.TEXT: {f.MULTILINE, f.MARKDOWN, f.IMAGE, f.FILE, f.SELECT, f.RELATION, f.DATE, f.DATETIME, f.HIDDEN},
    f.DATE: {f.DATETIME},
    f.DATETIME: {f.DATE},
    f.TAGS: {f.SELECT, f.RELATION},
    f.READONLY: {f.OBJECT, f.LIST, f.TAGS, f.TEXT, f.MULTILINE, f.IMAGE},
}


def combine(generator: tuple[Collection, ...], cms: tuple[Collection, ...],
            declared: bool) -> tuple[Collection, ...]:
    """The site's collections: the CMS's (merged with the generator's for the same folder),
    then the generator's that no CMS collection covers."""
    by_folder = {collection.folder: collection for collection in generator}
    renamed: dict[str, str] = {}
    merged: list[Collection] = []
    used: set[str] = set()
    for theirs in cms:
        ours = by_folder.get(theirs.folder)
        if ours is None or ours.folder in used:
            merged.append(theirs)
            continue
        used.add(ours.folder)
        one = _merge(ours, theirs, declared)
        if one.name != theirs.name:
            renamed[theirs.name] = one.name
        merged.append(one)
    merged += [collection for collection in generator if collection.folder not in used]
    return tuple(_renamed_relations(collection, renamed) for collection in merged) if renamed else tuple(merged)


def _merge(ours: Collection, theirs: Collection, declared: bool) -> Collection:
    if declared and ours.fields:
        fields = refine(ours.fields, theirs.fields)
    else:
        fields = theirs.fields or ours.fields
    types = tuple(replace(kind, fields=refine(ours.fields, kind.fields)) for kind in theirs.types) \
        if declared and ours.fields else theirs.types
    return replace(
        theirs,
        name=ours.name if declared else theirs.name,
        label=theirs.label if theirs.label != theirs.name else ours.label,
        fields=fields, types=types,
        pattern=ours.pattern or theirs.pattern,
        template=theirs.template or ours.template,
        hints=ours.hints,
        i18n=theirs.i18n or ours.i18n,
        translation_folders=theirs.translation_folders or ours.translation_folders,
        source=f"{ours.source} + {theirs.source}" if declared and ours.source and theirs.source
        and ours.source != theirs.source else theirs.source or ours.source,
    )


def refine(schema: tuple[FieldSpec, ...], cms: tuple[FieldSpec, ...]) -> tuple[FieldSpec, ...]:
    """The schema's fields with what the CMS adds to each, then the CMS's own other fields."""
    theirs = {spec.key: spec for spec in cms}
    out = []
    for spec in schema:
        other = theirs.pop(spec.key, None)
        if other is None:
            out.append(spec)
            continue
        kind = other.kind if other.kind in _REFINES.get(spec.kind, set()) else spec.kind
        out.append(replace(
            spec, kind=kind, label=other.label or spec.label, hint=other.hint or spec.hint,
            default=spec.default if spec.default is not None else other.default,
            options=spec.options or other.options, relation=spec.relation or other.relation,
            fields=spec.fields or other.fields, media_folder=other.media_folder, public_folder=other.public_folder,
            multiple=spec.multiple or other.multiple))
    out += [spec for spec in cms if spec.key in theirs and spec.kind != f.BODY]
    return tuple(out)


def _renamed_relations(collection: Collection, renamed: dict[str, str]) -> Collection:
    def fix(specs: tuple[FieldSpec, ...]) -> tuple[FieldSpec, ...]:
        out = []
        for spec in specs:
            if spec.relation is not None and spec.relation.collection in renamed:
                spec = replace(spec, relation=Relation(renamed[spec.relation.collection], spec.relation.value_field,
                                                       spec.relation.display_fields))
            out.append(replace(spec, fields=fix(spec.fields)) if spec.fields else spec)
        return tuple(out)

    return replace(collection, fields=fix(collection.fields))
