"""A site's configuration kept inside its repository: every folder, media folder, file-name
pattern and stylesheet that would lead outside becomes a problem and is not used.

Any contributor can write a blog's `.postdesk.yml` or CMS configuration. A collection folder of
`../outside/posts`, a slug pattern of `../../{{slug}}` or a media folder that is a link to the
writer's home would make Postdesk list, create or copy files elsewhere. Whatever CMS the setting
comes from, it is checked here once, when the site is loaded (`core/site/detect.py`), with the
shared rule of `core/confine.py`: written paths (`..`, absolute) and real paths (links followed).
"""

from __future__ import annotations

import datetime as dt
import posixpath
from dataclasses import replace

from desktop_app.core import confine
from desktop_app.core.frontmatter.fields import FieldSpec
from desktop_app.core.site.config import Collection, SiteConfig
from desktop_app.core.site.posts.files import expand_pattern

_SAMPLE_DATE = dt.datetime(2024, 1, 2, 3, 4, 5)


def folder_leaves(site: SiteConfig, folder: str) -> bool:
    """Whether a repository-relative folder leads outside, as written or through a link."""
    return confine.leaves(folder) or not confine.is_inside(site.root / folder, site.root)


def media_leaves(site: SiteConfig, collection_folder: str, media: str) -> bool:
    """Whether a media folder leads outside: `./x` and `.` are relative to each post (checked
    from the collection's folder, the highest a post can be), anything else to the repository."""
    if not media:
        return False
    if media.startswith("."):
        joined = posixpath.normpath(posixpath.join(collection_folder or ".", media))
        return folder_leaves(site, joined)
    return folder_leaves(site, media)


def pattern_leaves(collection: Collection) -> bool:
    """Whether a new post's path from the collection's `slug` / `path` patterns leaves its folder's
    repository, whatever the title (titles are slugified and never hold `/` or `..`)."""
    for pattern in (collection.slug, collection.path):
        if pattern and confine.leaves(posixpath.join(collection.folder or ".",
                                                     expand_pattern(pattern, "slug", _SAMPLE_DATE, {}))):
            return True
    return False


def confine_site(site: SiteConfig) -> SiteConfig:
    """`site` without the settings that lead outside its repository, each named in `problems`."""
    problems = list(site.problems)
    refused = list(site.refused)
    kept: list[Collection] = []
    for collection in site.collections:
        where = collection.source or "The site"
        if folder_leaves(site, collection.folder):
            problem = (f"{where}: the folder of collection '{collection.name}' ({collection.folder}) leads outside "
                       "the repository, so Postdesk does not use this collection.")
            problems.append(problem)
            refused.append((collection.name, problem))
            continue
        if media_leaves(site, collection.folder, collection.media_folder):
            problems.append(f"{where}: the media folder of collection '{collection.name}' "
                            f"({collection.media_folder}) leads outside the repository, so Postdesk does not use it.")
            collection = replace(collection, media_folder="", public_folder="")
        if pattern_leaves(collection):
            problems.append(f"{where}: the file-name pattern of collection '{collection.name}' "
                            f"({collection.path or collection.slug}) leads outside the repository, so Postdesk "
                            "creates no posts with it.")
        collection = replace(collection, fields=_confined_fields(site, collection, collection.fields, problems))
        collection = _confined_extras(site, collection, where, problems)
        kept.append(collection)
    static = site.static_folder
    if static and folder_leaves(site, static):
        problems.append(f"The static folder ({static}) leads outside the repository, so Postdesk does not use it.")
        static = ""
    css = []
    for name in site.css_files:
        if folder_leaves(site, name):
            problems.append(f"The stylesheet {name} leads outside the repository, so the preview does not use it.")
        else:
            css.append(name)
    return replace(site, collections=tuple(kept), css_files=tuple(css), static_folder=static,
                   problems=tuple(problems), refused=tuple(refused))


def _confined_extras(site: SiteConfig, collection: Collection, where: str, problems: list[str]) -> Collection:
    """The collection without translation folders or a new-post template that lead outside."""
    folders = []
    for code, folder in collection.translation_folders:
        if folder_leaves(site, folder):
            problems.append(f"{where}: the {code} folder of collection '{collection.name}' ({folder}) leads outside "
                            "the repository, so Postdesk does not read its translations.")
        else:
            folders.append((code, folder))
    template = collection.template
    if template and folder_leaves(site, template):
        problems.append(f"{where}: the template for new posts of collection '{collection.name}' ({template}) leads "
                        "outside the repository, so Postdesk does not use it.")
        template = ""
    return replace(collection, translation_folders=tuple(folders), template=template)


def _confined_fields(site: SiteConfig, collection: Collection, specs: tuple[FieldSpec, ...],
                     problems: list[str]) -> tuple[FieldSpec, ...]:
    """The fields, with any field's own media folder that leads outside cleared (and named)."""
    out = []
    for spec in specs:
        if media_leaves(site, collection.folder, spec.media_folder):
            problems.append(f"{collection.source or 'The site'}: the media folder of field '{spec.key}' "
                            f"({spec.media_folder}) leads outside the repository, so Postdesk does not use it.")
            spec = replace(spec, media_folder="", public_folder="")
        if spec.fields:
            spec = replace(spec, fields=_confined_fields(site, collection, spec.fields, problems))
        out.append(spec)
    return tuple(out)
