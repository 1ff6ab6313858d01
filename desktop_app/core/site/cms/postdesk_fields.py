"""The collections a site's own `.postdesk.yml` declares, with their fields and file patterns.

Fields use Decap's syntax (see `decap_fields`) but are optional unless `required: true`: the
file is ours, and a writer adding a field should not make every existing post invalid. Folders
are repo-relative; a media folder starting with `./` (or `.`) is relative to each post.
"""

from __future__ import annotations

from typing import Any

from desktop_app.core.site.cms.base import FRONT_MATTER_FORMATS, as_bool, markdown_extension, repo_folder, where
from desktop_app.core.site.cms.decap_fields import decap_fields
from desktop_app.core.site.cms.reading import line_of
from desktop_app.core.site.config import Collection

SOURCE = ".postdesk.yml"


def postdesk_collections(raw: Any, problems: list[str], source: str = SOURCE) -> tuple[Collection, ...]:
    """The `collections:` of `.postdesk.yml`; entries without a folder are skipped with a note."""
    if raw is None:
        return ()
    if not isinstance(raw, list):
        problems.append(f"{where(source, line_of(raw))}: 'collections' must be a list of collections; "
                        "the collections are found from the folders instead.")
        return ()
    out = []
    for entry in raw:
        if not isinstance(entry, dict) or entry.get("folder") is None:
            problems.append(f"{where(source, line_of(entry))}: a collection without a 'folder' is ignored.")
            continue
        out.append(_collection(entry, problems, source))
    return tuple(out)


def _collection(entry: dict[str, Any], problems: list[str], source: str) -> Collection:
    name = str(entry.get("name") or entry["folder"])
    fmt = str(entry.get("format") or "").strip().lower()
    if fmt and fmt not in FRONT_MATTER_FORMATS:
        problems.append(f"{where(source, line_of(entry))}: collection '{name}' has format '{fmt}'; "
                        "use yaml, toml or json. New posts use YAML.")
    return Collection(
        name=name,
        label=str(entry.get("label") or name.title()),
        folder=repo_folder(entry["folder"]),
        extension=markdown_extension(entry.get("extension")) or "md",
        media_folder=_media_folder(entry.get("media_folder")),
        public_folder=str(entry.get("public_folder") or ""),
        fields=decap_fields(entry.get("fields"), source, problems, required_default=False),
        slug=str(entry.get("slug") or ""),
        path=str(entry.get("path") or "").strip("/"),
        format=FRONT_MATTER_FORMATS.get(fmt, ""),
        create=as_bool(entry.get("create"), True),
        source=source,
    )


def _media_folder(raw: Any) -> str:
    text = str(raw or "").strip().replace("\\", "/")
    if text == "." or text.startswith("./"):
        rest = text[2:].strip("/")
        return "./" + rest if rest else "."
    return repo_folder(text)
