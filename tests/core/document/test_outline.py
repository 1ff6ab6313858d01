"""A post's outline: its headings, where they are, and the ones that skip a level."""

from __future__ import annotations

from desktop_app.core.document.outline import Heading, heading_at, headings, plain_title

POST = """---
title: A post
# a YAML comment, not a heading
---
Intro.

## First part

```bash
# a shell comment, not a heading
```

### A detail ###

Setext heading
--------------

#### Too deep

# Top {#top}

#hashtag is no heading
"""


def test_headings_are_found_among_prose_only_with_their_levels_and_lines() -> None:
    found = headings(POST.split("\n"))
    assert [(h.level, h.title, h.line) for h in found] == [
        (2, "First part", 6), (3, "A detail", 12), (2, "Setext heading", 14), (4, "Too deep", 17), (1, "Top", 19),
    ]


def test_a_heading_more_than_one_level_under_the_one_before_is_flagged() -> None:
    found = headings(POST.split("\n"))
    assert [h.skipped for h in found] == [0, 0, 0, 1, 0]
    # The page's title is its h1, so a first h3 skips h2; a first h1 or h2 is fine.
    assert headings(["### Deep start"])[0].skipped == 1
    assert headings(["# Start", "", "### Deeper"])[1].skips


def test_a_rule_under_an_atx_heading_or_after_a_blank_line_is_no_heading() -> None:
    assert [h.title for h in headings(["## Title", "---", "", "---", "Text"])] == ["Title"]


def test_titles_lose_their_markup() -> None:
    assert plain_title("**Why** [this](https://x.y) `matters` {#why}") == "Why this matters"


def test_the_section_of_a_line_is_the_last_heading_at_or_above_it() -> None:
    outline = [Heading(2, "A", 4), Heading(2, "B", 10)]
    assert [heading_at(outline, line) for line in (0, 4, 9, 10, 500)] == [-1, 0, 0, 1, 1]
