"""What the form shows for a post's text: its values, the fields to show, their problems, and the
body's word count. Qt-free and computed from plain data, so `FormFeed` can run it on a worker.

A post may hold 100,000 keys: only the schema's keys and the first `limit` others become fields
(the form would not show more), the rest are counted; those are never validated here either
(a key no schema names is shown with the widget its own value calls for, which fits it), while
`postdesk check` still reads them all.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from desktop_app.core.document.open_post import read_values
from desktop_app.core.frontmatter.fields import FieldSpec, find
from desktop_app.core.frontmatter.parse import ParsedPost
from desktop_app.core.frontmatter.validate import Problem, validate
from desktop_app.core.render.counts import count_words
from desktop_app.core.site.library import schema
from desktop_app.ui.form.field_group import FIELD_LIMIT


@dataclass(frozen=True)
class FormState:
    parsed: ParsedPost
    specs: list[FieldSpec]
    problems: list[Problem]
    more: int  # fields left out of `specs` (past the limit), for the form to count
    words: int


def form_state(text: str, fields: tuple[FieldSpec, ...], configured: bool, relations: dict[str, set[str]],
               limit: int = FIELD_LIMIT) -> FormState:
    """`fields`: the collection's schema; `relations`: the values each relation field may take."""
    parsed = read_values(text)
    values = parsed.values
    shown = values
    if len(values) > limit:
        named = {spec.key for spec in fields} | set(schema.CORE_FIELDS)
        shown = dict(itertools.islice(((key, value) for key, value in values.items() if key not in named), limit))
        shown.update((key, values[key]) for key in named if key in values)
    specs = schema.form_fields(shown, fields, configured)
    # Validated against the collection's schema, as `postdesk check` does: an inferred widget may
    # follow an odd value (`date: TBD` shown as text), but the rule still says what is wrong.
    rules = list(fields) + [spec for spec in specs if find(fields, spec.key) is None]
    problems = validate(values, rules, relations) if not parsed.error else []
    return FormState(parsed, specs, problems, len(values) - len(shown), count_words(parsed.doc.body))
