"""Astro content collections: `src/content.config.ts` (Astro 5) or `src/content/config.ts`.

`export const collections = { blog, notes }` names the collections; each `defineCollection`
gives a zod `schema` (see `zod.py`) and, in Astro 5, a `loader`: `glob({ base, pattern })` is a
folder of posts, `file(…)` and other loaders are data, not posts. Without a loader the folder
is `src/content/<name>/`, where files and folders starting with `_` are not entries. Languages
come from `i18n` in `astro.config.*` when it sets them, else from a list of language codes the
content config exports (`export const LANGUAGES = ['en', 'it']`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from desktop_app.core.site.config import Collection
from desktop_app.core.site.schemas import typescript as ts
from desktop_app.core.site.schemas.base import GeneratorSite, config_folder, is_language, ordered_languages, title_of
from desktop_app.core.site.schemas.zod import object_fields

CONFIGS = tuple(f"src/{stem}.{kind}" for stem in ("content.config", "content/config")
                for kind in ("ts", "mts", "js", "mjs"))
ASTRO_CONFIGS = ("astro.config.mjs", "astro.config.ts", "astro.config.js", "astro.config.mts")
LEGACY_PATTERN = "**/[^_]*.{md,mdx,markdown}"


def read_astro(root: Path) -> GeneratorSite | None:
    source = next((name for name in CONFIGS if (root / name).is_file()), None)
    languages, config_files = _languages(root)
    if source is None:
        return GeneratorSite(languages=languages, config_files=config_files) if languages else None
    problems: list[str] = []
    try:
        module = ts.parse((root / source).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        return GeneratorSite(problems=(f"{source} cannot be read ({error}); the collections are found "
                                       "from the folders instead.",))
    if module.errors:
        problems.append(f"{source} line {module.errors[0]}: not valid TypeScript; Postdesk reads what it can.")
    exported = module.bindings.get("collections")
    if exported is None:
        problems.append(f"{source}: no `export const collections = {{ … }}`; the collections are found "
                        "from the folders instead.")
        return GeneratorSite(problems=tuple(problems), config_files=(source, *config_files), languages=languages)
    if not languages:
        languages = _declared_languages(module)
    collections = []
    for name, node in ts.pairs(exported, module):
        collection = _collection(name, node, module, source, problems)
        if collection is not None:
            collections.append(collection)
    return GeneratorSite(tuple(collections), declared=True, languages=languages, problems=tuple(problems),
                         config_files=(source, *config_files))


def _collection(name: str, node: Any, module: ts.Module, source: str, problems: list[str]) -> Collection | None:
    call = ts.unwrap(node, module)
    if call is None or call.type != "call_expression" or not ts.callee_name(call).endswith("defineCollection"):
        problems.append(f"{source} line {ts.line_of(node)}: collection '{name}' is not a defineCollection(…) "
                        "Postdesk can read; its posts are not listed.")
        return None
    args = ts.arguments(call)
    options = args[0] if args else None
    kind = ts.literal(ts.member(options, "type", module), module)
    if kind == "data":
        return None
    folder, pattern = f"src/content/{name}", LEGACY_PATTERN
    loader = ts.member(options, "loader", module)
    if loader is not None:
        found = _glob_loader(loader, module)
        if found is None:
            return None  # file() or a loader of its own: data or remote entries, not Markdown files
        folder, pattern = found
    schema = ts.member(options, "schema", module)
    fields: tuple = ()
    if schema is not None:
        read = object_fields(schema, module)
        if read is None:
            problems.append(f"{source} line {ts.line_of(schema)}: the schema of collection '{name}' is not a "
                            "z.object({…}) Postdesk can read; its fields are taken from the posts.")
        else:
            fields = read
    return Collection(name=name, label=title_of(name), folder=folder, extension=_extension(pattern),
                      fields=fields, pattern=pattern, source=source)


def _glob_loader(loader: Any, module: ts.Module) -> tuple[str, str] | None:
    """(folder, pattern) of `glob({ pattern, base })`; None for any other loader."""
    call = ts.unwrap(loader, module)
    if call is None or call.type != "call_expression" or not ts.callee_name(call).endswith("glob"):
        return None
    args = ts.arguments(call)
    options = args[0] if args else None
    base = ts.literal(ts.member(options, "base", module), module)
    pattern = ts.literal(ts.member(options, "pattern", module), module)
    if isinstance(pattern, list) and pattern and all(isinstance(item, str) for item in pattern):
        pattern = pattern[0] if len(pattern) == 1 else "{" + ",".join(pattern) + "}"
    if not isinstance(pattern, str):
        pattern = "**/*.{md,mdx}"
    folder = config_folder(base) if isinstance(base, str) else ""
    if not any(ext in pattern for ext in ("md", "markdown", "*")):
        return None  # a glob of JSON or YAML files: data
    return folder, pattern


def _extension(pattern: str) -> str:
    for extension in ("mdx", "md", "markdown"):
        if pattern.endswith(f".{extension}"):
            return extension
    return ""  # several: as the posts are


def _declared_languages(module: ts.Module) -> tuple[str, ...]:
    """A list of language codes the content config exports for its schemas (`LANGUAGES`,
    `LOCALES`): the site's languages when astro.config has no i18n, the first the default."""
    for name in ("LANGUAGES", "LOCALES", "languages", "locales"):
        values = ts.literal(module.bindings[name], module) if name in module.bindings else None
        if isinstance(values, list) and values and all(is_language(value) for value in values):
            return tuple(values)
    return ()


def _languages(root: Path) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """`i18n: { locales, defaultLocale }` of `astro.config.*` (locales may be `{ path, codes }`)."""
    source = next((name for name in ASTRO_CONFIGS if (root / name).is_file()), None)
    if source is None:
        return (), ()
    try:
        module = ts.parse((root / source).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return (), ()
    for call in ts.calls(module.root, "defineConfig"):
        args = ts.arguments(call)
        i18n = ts.member(args[0], "i18n", module) if args else None
        if i18n is None:
            continue
        default = ts.literal(ts.member(i18n, "defaultLocale", module), module)
        locales = ts.literal(ts.member(i18n, "locales", module), module)
        codes = [item if isinstance(item, str) else item.get("path") for item in locales
                 if isinstance(item, (str, dict))] if isinstance(locales, list) else []
        codes = [code for code in codes if is_language(code)]
        return ordered_languages(default if isinstance(default, str) else "", codes), (source,)
    return (), ()
