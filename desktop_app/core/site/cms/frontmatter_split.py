"""Front Matter CMS settings kept apart from `frontmatter.json`: split configuration files and
taxonomy terms.

Page folders, content types and field groups may each be one JSON file under
`.frontmatter/config/` (`content/pagefolders/`, `taxonomy/contenttypes/`,
`taxonomy/fieldgroups/`, in sub-folders too); `frontmatter.json` wins where both define the
same one. Tags, categories and custom taxonomies' terms come from `frontmatter.json` and from
the taxonomy database the extension keeps in `.frontmatter/database/taxonomyDb.json`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from desktop_app.core import confine
from desktop_app.core.site.cms.base import ConfigError
from desktop_app.core.site.cms.reading import read_jsonc

SPLIT_FOLDER = ".frontmatter/config"
TAXONOMY_DB = ".frontmatter/database/taxonomyDb.json"
# setting → (folder under SPLIT_FOLDER, the key that names one entry)
SPLIT = {
    "frontMatter.content.pageFolders": ("content/pagefolders", "path"),
    "frontMatter.taxonomy.contentTypes": ("taxonomy/contenttypes", "name"),
    "frontMatter.taxonomy.fieldGroups": ("taxonomy/fieldgroups", "id"),
}


def merge_split_config(root: Path, data: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """`data` with the split files' entries added (its own entries win); the files read."""
    merged = dict(data)
    files = ["frontmatter.json"] if data else []
    for setting, (folder, key) in SPLIT.items():
        base = root / SPLIT_FOLDER / folder
        if not base.is_dir() or not confine.is_inside(base, root):
            continue
        entries: list[Any] = []
        for path in sorted(base.rglob("*.json")):
            name = path.relative_to(root).as_posix()
            try:
                entry = read_jsonc(root, name)
            except ConfigError:
                continue  # the extension skips a broken file too; the others still count
            if isinstance(entry, dict):
                entries.append({k: v for k, v in entry.items() if k != "$schema"})
                files.append(name)
        own = data.get(setting) if isinstance(data.get(setting), list) else []
        named = {str(item.get(key)) for item in own if isinstance(item, dict)}
        merged[setting] = [*own, *(entry for entry in entries if str(entry.get(key)) not in named)]
    return merged, files


def taxonomy_terms(root: Path, data: dict[str, Any],
                   problems: list[str]) -> tuple[tuple[str, ...], tuple[tuple[str, tuple[str, ...]], ...]]:
    """(taxonomy names, taxonomy → known terms) from the settings and the taxonomy database."""
    terms: dict[str, list[str]] = {"tags": [], "categories": []}
    for name in ("tags", "categories"):
        _add(terms, name, data.get(f"frontMatter.taxonomy.{name}"))
    custom = data.get("frontMatter.taxonomy.customTaxonomy")
    for entry in custom if isinstance(custom, list) else []:
        if isinstance(entry, dict) and isinstance(entry.get("id"), str):
            _add(terms, entry["id"], entry.get("options"))
    if (root / TAXONOMY_DB).is_file():
        try:
            database = read_jsonc(root, TAXONOMY_DB)
        except ConfigError as error:
            problems.append(f"{error.message} Postdesk offers the tags the posts use instead.")
            database = {}
        taxonomy = database.get("taxonomy") if isinstance(database, dict) else None
        for name, values in (taxonomy.items() if isinstance(taxonomy, dict) else ()):
            if isinstance(values, dict):  # custom taxonomies: {id: [terms]}
                for inner, options in values.items():
                    _add(terms, str(inner), options)
            else:
                _add(terms, str(name), values)
    names = tuple(terms)
    return names, tuple((name, tuple(values)) for name, values in terms.items() if values)


def _add(terms: dict[str, list[str]], name: str, values: Any) -> None:
    bucket = terms.setdefault(name, [])
    for value in values if isinstance(values, list) else []:
        if isinstance(value, (str, int, float)) and str(value) not in bucket:
            bucket.append(str(value))
