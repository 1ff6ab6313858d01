"""Contentlayer (`contentlayer.config.ts` / `.js`): document types as collections.

`makeSource({ contentDirPath, documentTypes })` gives the content folder; each
`defineDocumentType(() => ({ name, filePathPattern, contentType, fields }))` a collection whose
files match `filePathPattern` below it. Field types map to widgets: string, number, boolean,
date, list (`of` a type: tags, a multiple select, a relation), enum (`options`), image,
markdown / mdx, nested (`defineNestedType`), reference (`of` a document type), json (read-only).
Document types of data files (`contentType: 'data'`) are not posts.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from desktop_app.core.frontmatter import fields as f
from desktop_app.core.frontmatter.fields import FieldSpec, Option, Relation

from desktop_app.core.site.config import Collection
from desktop_app.core.site.schemas import typescript as ts
from desktop_app.core.site.schemas.base import GeneratorSite, config_folder

CONFIGS = tuple(f"contentlayer.config.{kind}" for kind in ("ts", "js", "mjs", "mts"))
_SIMPLE = {"string": f.TEXT, "number": f.NUMBER, "boolean": f.BOOLEAN, "date": f.DATE, "image": f.IMAGE,
           "markdown": f.MARKDOWN, "mdx": f.MARKDOWN, "json": f.READONLY}


def read_contentlayer(root: Path) -> GeneratorSite | None:
    source = next((name for name in CONFIGS if (root / name).is_file()), None)
    if source is None:
        return None
    problems: list[str] = []
    try:
        module = ts.parse((root / source).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        return GeneratorSite(problems=(f"{source} cannot be read ({error}).",), config_files=(source,))
    if module.errors:
        problems.append(f"{source} line {module.errors[0]}: not valid TypeScript; Postdesk reads what it can.")
    content_dir, listed = "", None
    for call in ts.calls(module.root, "makeSource"):
        args = ts.arguments(call)
        options = args[0] if args else None
        directory = ts.literal(ts.member(options, "contentDirPath", module), module)
        content_dir = config_folder(directory) if isinstance(directory, str) else ""
        types = ts.unwrap(ts.member(options, "documentTypes", module), module)
        if types is not None and types.type == "array":
            listed = [ts.text_of(item) for item in types.named_children if item.type == "identifier"]
        break
    documents = _document_types(module)
    names = {binding: _name(call, module) or binding for binding, call in documents.items()}
    collections = []
    for binding, call in documents.items():
        if listed is not None and binding not in listed:
            continue
        collection = _collection(call, names[binding], content_dir, module, names, source, problems)
        if collection is not None:
            collections.append(collection)
    return GeneratorSite(tuple(collections), declared=True, problems=tuple(problems), config_files=(source,))


def _document_types(module: ts.Module) -> dict[str, Any]:
    """Binding name → its `defineDocumentType(…)` call, in source order."""
    out = {}
    for name, value in module.bindings.items():
        call = ts.unwrap(value, module)
        if call is not None and call.type == "call_expression" and ts.callee_name(call).endswith("defineDocumentType"):
            out[name] = call
    return out


def _definition(call: Any, module: ts.Module) -> Any:
    args = ts.arguments(call)
    return ts.unwrap(args[0], module) if args else None


def _name(call: Any, module: ts.Module) -> str:
    name = ts.literal(ts.member(_definition(call, module), "name", module), module)
    return name if isinstance(name, str) else ""


def _collection(call: Any, name: str, content_dir: str, module: ts.Module, names: dict[str, str], source: str,
                problems: list[str]) -> Collection | None:
    definition = _definition(call, module)
    kind = ts.literal(ts.member(definition, "contentType", module), module)
    if kind == "data":
        return None
    pattern = ts.literal(ts.member(definition, "filePathPattern", module), module)
    if not isinstance(pattern, str) or not pattern.strip():
        problems.append(f"{source} line {ts.line_of(call)}: document type '{name}' has no filePathPattern "
                        "Postdesk can read; its posts are not listed.")
        return None
    static, _, rest = _split_pattern(pattern)
    folder = "/".join(part for part in (content_dir, static) if part)
    extension = "mdx" if kind == "mdx" or rest.endswith(".mdx") else "md"
    fields = _fields(ts.member(definition, "fields", module), module, names)
    return Collection(name=name, label=name, folder=folder, extension=extension, fields=fields, pattern=rest,
                      source=source)


def _split_pattern(pattern: str) -> tuple[str, str, str]:
    """`blog/**/*.mdx` → (`blog`, `/`, `**/*.mdx`): the folder part before any wildcard."""
    parts = pattern.strip().strip("/").split("/")
    static = []
    for part in parts[:-1]:
        if any(ch in part for ch in "*?[]{}"):
            break
        static.append(part)
    return "/".join(static), "/", "/".join(parts[len(static):])


def _fields(node: Any, module: ts.Module, names: dict[str, str]) -> tuple[FieldSpec, ...]:
    return tuple(_field(key, value, module, names) for key, value in ts.pairs(node, module))


def _field(key: str, node: Any, module: ts.Module, names: dict[str, str]) -> FieldSpec:
    kind = ts.literal(ts.member(node, "type", module), module)
    required = ts.literal(ts.member(node, "required", module), module) is True
    default = ts.literal(ts.member(node, "default", module), module)
    hint = ts.literal(ts.member(node, "description", module), module)
    spec = FieldSpec(key, f.TEXT, required=required, default=None if default is ts.UNKNOWN else default,
                     hint=hint if isinstance(hint, str) else "")
    of = ts.member(node, "of", module)
    if kind in _SIMPLE:
        return replace(spec, kind=_SIMPLE[kind], required=required and kind != "json")
    if kind == "enum":
        options = ts.literal(ts.member(node, "options", module), module)
        return replace(spec, kind=f.SELECT, options=tuple(Option(value, str(value)) for value in options)
                       if isinstance(options, list) else ())
    if kind == "reference" and of is not None:
        return replace(spec, kind=f.RELATION, relation=Relation(_target(of, names), "{{slug}}", ("name", "title")))
    if kind == "nested":
        nested = ts.unwrap(of, module)
        if nested is not None and nested.type == "call_expression":
            nested = _definition(nested, module)
        return replace(spec, kind=f.OBJECT, fields=_fields(ts.member(nested, "fields", module), module, names))
    if kind == "list":
        return _list(spec, of, module, names)
    return replace(spec, kind=f.READONLY, required=False)


def _list(spec: FieldSpec, of: Any, module: ts.Module, names: dict[str, str]) -> FieldSpec:
    if of is None:
        return replace(spec, kind=f.TAGS)
    item = ts.unwrap(of, module)
    if item is not None and item.type == "identifier" and ts.text_of(item) in names:
        return replace(spec, kind=f.RELATION, multiple=True,
                       relation=Relation(names[ts.text_of(item)], "{{slug}}", ("name", "title")))
    inner = _field(spec.key, of, module, names)
    if inner.kind in (f.TEXT, f.IMAGE, f.NUMBER):
        return replace(spec, kind=f.TAGS)
    if inner.kind in (f.SELECT, f.RELATION):
        return replace(spec, kind=inner.kind, multiple=True, options=inner.options, relation=inner.relation)
    if inner.kind == f.OBJECT:
        return replace(spec, kind=f.LIST, fields=inner.fields)
    return replace(spec, kind=f.READONLY, required=False)


def _target(of: Any, names: dict[str, str]) -> str:
    text = ts.text_of(of)
    return names.get(text, text)
