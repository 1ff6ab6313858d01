"""Values a field can take, drawn from the repository's posts: tag completions and relations.

A writer typing a tag should be offered the spellings the blog already uses, and a relation
field (an author, a related post) lists the entries of the collection it points to.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping
from typing import Any, Callable, Iterable

from desktop_app.core.frontmatter.fields import FieldSpec, Option
from desktop_app.core.site.library.summaries import PostSummary

_PLACEHOLDER = re.compile(r"\{\{\s*(?:fields\.)?([\w.-]+)\s*\}\}")


def completions(posts: Iterable[PostSummary],
                terms: Iterable[tuple[str, Iterable[str]]] = ()) -> dict[str, list[str]]:
    """For every key that holds a list of words in some post, the words used, most used first;
    then the terms the site keeps for its taxonomies that no post uses yet (`SiteConfig.terms`)."""
    used: dict[str, Counter[str]] = defaultdict(Counter)
    for post in posts:
        for key, value in post.values.items():
            if isinstance(value, list):
                for item in value:
                    if isinstance(item, (str, int, float)) and not isinstance(item, bool):
                        used[key][str(item)] += 1
    out = {key: [word for word, _ in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0].lower()))]
           for key, counter in used.items()}
    for key, known in terms:
        words = out.setdefault(key, [])
        words += [word for word in known if word not in used[key]]
    return out


def relation_options(spec: FieldSpec, posts: Iterable[PostSummary]) -> list[Option]:
    """The entries a relation field may point to: (value written, label shown) per post."""
    if spec.relation is None:
        return []
    relation = spec.relation
    options: dict[str, Option] = {}
    for post in posts:
        if post.collection != relation.collection:
            continue
        value = _field_text(relation.value_field, post)
        if not value:
            continue
        shown = " ".join(filter(None, (_field_text(name, post) for name in relation.display_fields)))
        options.setdefault(value, Option(value, shown or post.title or value))
    return sorted(options.values(), key=lambda option: option.label.lower())


def relation_values(specs: Iterable[FieldSpec],
                    options_for: Callable[[FieldSpec], list[Option]]) -> dict[str, set[str]]:
    """Per relation field, the values it may take. A relation to an empty (or missing) collection
    is not checked: every value would be wrong, and the site's config is the problem then."""
    allowed = {spec.key: {str(option.value) for option in options_for(spec)}
               for spec in specs if spec.relation is not None}
    return {key: values for key, values in allowed.items() if values}


def _field_text(template: str, post: PostSummary) -> str:
    """A relation's `value_field`/`display_fields`: a key, or a template such as `{{slug}}`."""
    if "{{" not in template:
        return _scalar(_lookup(post, template))
    parts = [_scalar(_lookup(post, name)) for name in _PLACEHOLDER.findall(template)]
    if not any(parts):  # `{{first}}-{{last}}` of an entry with neither is no value, not "-"
        return ""
    return _PLACEHOLDER.sub(lambda match: _scalar(_lookup(post, match.group(1))), template).strip()


def _lookup(post: PostSummary, key: str) -> Any:
    if key == "slug":
        return post.values.get("slug") or post.slug
    if key == "path":  # Pages CMS and Front Matter CMS relations store the entry's file path
        return post.path
    value: Any = post.values  # a Mapping: the library index keeps values stored until used
    for part in key.split("."):
        value = value.get(part) if isinstance(value, Mapping) else None
    if value is None and key == "title":
        return post.title
    return value


def _scalar(value: Any) -> str:
    return "" if value is None or isinstance(value, (list, dict)) else str(value)
