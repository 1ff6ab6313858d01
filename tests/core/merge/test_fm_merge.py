"""Field-by-field merge of one post (`core/merge/post_merge.py`): examples a writer would recognise.

Each case is three versions of one post: the common base, mine and theirs."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop_app.core.document.markers import marker_lines
from desktop_app.core.frontmatter import parse as fm
from desktop_app.core.merge.post_merge import ABSENT, FieldConflict, merge_post, show
from desktop_app.core.merge.text_merge import merge_text
from tests.core.merge.merge_helpers import has_markers, take_side

BASE = """---
title: Caching
description: Why caches matter
date: 2024-01-05
tags: [caching, performance]
draft: false
---

# Caching

Cache early.

Measure often.
"""


def edit(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def values(text: str) -> dict:
    return fm.parse(fm.split(text))


# --- different fields merge without a question -------------------------------------------------


def test_neighbouring_fields_changed_on_each_side_are_both_kept() -> None:
    mine = edit(BASE, "title: Caching", "title: Caching, revisited")
    theirs = edit(BASE, "description: Why caches matter", "description: Why caches matter a lot")
    # git's own line merge gives up: the two lines touch.
    assert merge_text(BASE, mine, theirs).conflicted
    merged = merge_post(BASE, mine, theirs)
    assert not merged.needs_resolution and merged.field_conflicts == ()
    assert merged.text == edit(mine, "description: Why caches matter", "description: Why caches matter a lot")
    assert merged.merged_fields == ("title (yours)", "description (theirs)")


def test_field_and_body_changes_from_both_sides() -> None:
    mine = edit(edit(BASE, "draft: false", "draft: true"), "Cache early.", "Cache early, cache often.")
    theirs = edit(edit(BASE, "date: 2024-01-05", "date: 2024-02-01"), "Measure often.", "Measure always.")
    merged = merge_post(BASE, mine, theirs)
    assert not merged.needs_resolution
    assert values(merged.text)["draft"] is True
    assert values(merged.text)["date"] == dt.date(2024, 2, 1)
    assert merged.text.endswith("Cache early, cache often.\n\nMeasure always.\n")


def test_same_change_on_both_sides_is_agreed() -> None:
    mine = edit(BASE, "title: Caching", "title: Caching 2")
    theirs = edit(edit(BASE, "title: Caching", 'title: "Caching 2"'), "draft: false", "draft: true")
    merged = merge_post(BASE, mine, theirs)
    assert not merged.needs_resolution
    assert values(merged.text)["title"] == "Caching 2" and values(merged.text)["draft"] is True


def test_added_and_removed_keys() -> None:
    mine = edit(BASE, "draft: false\n", "draft: false\nauthor: Ann\n")
    theirs = edit(BASE, "description: Why caches matter\n", "")
    merged = merge_post(BASE, mine, theirs)
    assert not merged.needs_resolution
    result = values(merged.text)
    assert result["author"] == "Ann" and "description" not in result
    assert list(result) == ["title", "date", "tags", "draft", "author"]


def test_untouched_bytes_stay_as_they_were() -> None:
    base = ("---\ntitle: 'Quoted'   # a comment\ndate: 2025-01-29 18:15:32 +0530\n"
            "tags:\n  - a\n  - b\nparams:\n    author: Ann\n    image: x.png\n---\nBody\n")
    mine = edit(base, "date: 2025-01-29 18:15:32 +0530", "date: 2025-01-30 09:00:00 +0530")
    theirs = edit(base, "    image: x.png", "    image: y.png")
    merged = merge_post(base, mine, theirs)
    assert merged.text == edit(mine, "    image: x.png", "    image: y.png")


# --- conflicts -----------------------------------------------------------------------------------


def test_same_field_changed_differently_is_a_field_conflict() -> None:
    mine = edit(edit(BASE, "title: Caching", "title: Caching for beginners"), "draft: false", "draft: true")
    theirs = edit(BASE, "title: Caching", "title: Caching in depth")
    merged = merge_post(BASE, mine, theirs)
    assert merged.needs_resolution and not merged.body_conflicted
    assert merged.field_conflicts == (FieldConflict("title", "Caching", "Caching for beginners", "Caching in depth"),)
    assert merged.field_conflicts[0].describe() == "title: yours «Caching for beginners» / theirs «Caching in depth»"
    # Markers go around the title lines only, inside the front matter.
    assert merged.text.startswith("---\n<<<<<<< mine\ntitle: Caching for beginners\n=======\n"
                                  "title: Caching in depth\n>>>>>>> theirs\ndescription:")
    # Either side, chosen by a person, gives valid front matter with the other field merged.
    assert values(take_side(merged.text, "mine"))["title"] == "Caching for beginners"
    assert values(take_side(merged.text, "theirs"))["title"] == "Caching in depth"
    assert values(take_side(merged.text, "theirs"))["draft"] is True


@pytest.mark.parametrize("favor, title", [("mine", "Caching for beginners"), ("theirs", "Caching in depth")])
def test_favouring_a_side_keeps_the_clean_changes(favor: str, title: str) -> None:
    mine = edit(BASE, "title: Caching", "title: Caching for beginners")
    theirs = edit(edit(BASE, "title: Caching", "title: Caching in depth"), "Measure often.", "Measure always.")
    merged = merge_post(BASE, mine, theirs, favor=favor)
    assert not merged.needs_resolution and not has_markers(merged.text)
    assert values(merged.text)["title"] == title
    assert merged.text.endswith("Measure always.\n")  # their clean change stays either way
    assert merged.text == take_side(merge_post(BASE, mine, theirs).text, favor)


def test_removed_on_one_side_changed_on_the_other() -> None:
    mine = edit(BASE, "description: Why caches matter\n", "")
    theirs = edit(BASE, "description: Why caches matter", "description: Caches, explained")
    merged = merge_post(BASE, mine, theirs)
    (conflict,) = merged.field_conflicts
    assert conflict.mine is ABSENT
    assert conflict.describe() == "description: yours (removed) / theirs «Caches, explained»"
    assert "description" not in values(take_side(merged.text, "mine"))
    assert values(take_side(merged.text, "theirs"))["description"] == "Caches, explained"


def test_both_added_the_same_key_differently() -> None:
    mine = edit(BASE, "draft: false\n", "draft: false\nauthor: Ann\n")
    theirs = edit(BASE, "draft: false\n", "draft: false\nauthor: Bob\n")
    merged = merge_post(BASE, mine, theirs)
    assert [c.describe() for c in merged.field_conflicts] == ["author: yours «Ann» / theirs «Bob»"]


def test_body_conflict_is_marked_and_reported() -> None:
    mine = edit(BASE, "Cache early.", "Cache as early as you can.")
    theirs = edit(BASE, "Cache early.", "Cache early and everywhere.")
    merged = merge_post(BASE, mine, theirs)
    assert merged.body_conflicted and merged.field_conflicts == () and merged.needs_resolution
    assert "<<<<<<< mine\nCache as early as you can.\n=======\nCache early and everywhere.\n>>>>>>> theirs\n" \
        in merged.text
    assert merged.text.startswith(BASE.split("# Caching")[0])  # the front matter is untouched


# --- lists ---------------------------------------------------------------------------------------


def test_tags_added_on_both_sides_merge_as_a_set() -> None:
    mine = edit(BASE, "tags: [caching, performance]", "tags: [caching, performance, redis]")
    theirs = edit(BASE, "tags: [caching, performance]", "tags: [caching, performance, cdn]")
    merged = merge_post(BASE, mine, theirs)
    assert not merged.needs_resolution
    assert values(merged.text)["tags"] == ["caching", "performance", "redis", "cdn"]
    assert "tags: [caching, performance, redis, cdn]" in merged.text
    assert merged.notes == ("tags: kept both sides' changes (yours: +redis; theirs: +cdn).",)


def test_tags_removed_on_one_side_added_on_the_other() -> None:
    mine = edit(BASE, "tags: [caching, performance]", "tags: [caching]")
    theirs = edit(BASE, "tags: [caching, performance]", "tags: [caching, performance, cdn]")
    merged = merge_post(BASE, mine, theirs)
    assert values(merged.text)["tags"] == ["caching", "cdn"]


def test_reordered_tags_are_a_conflict_not_a_guess() -> None:
    mine = edit(BASE, "tags: [caching, performance]", "tags: [performance, caching]")
    theirs = edit(BASE, "tags: [caching, performance]", "tags: [caching, performance, cdn]")
    merged = merge_post(BASE, mine, theirs)
    assert [c.key for c in merged.field_conflicts] == ["tags"]
    assert merged.field_conflicts[0].describe() == \
        "tags: yours «performance, caching» / theirs «caching, performance, cdn»"


def test_lists_of_maps_are_never_merged_as_sets() -> None:
    base = "---\nlinks:\n  - {name: a}\n---\n"
    mine = "---\nlinks:\n  - {name: a}\n  - {name: b}\n---\n"
    theirs = "---\nlinks:\n  - {name: a}\n  - {name: c}\n---\n"
    assert [c.key for c in merge_post(base, mine, theirs).field_conflicts] == ["links"]


# --- nested maps ---------------------------------------------------------------------------------


def test_nested_keys_merge_one_by_one() -> None:
    base = "---\ntitle: T\nparams:\n  author: Ann\n  image: a.png\n  toc: true\n---\n"
    mine = edit(base, "author: Ann", "author: Ann Lee")
    theirs = edit(edit(base, "image: a.png", "image: b.png"), "  toc: true", "  toc: false")
    merged = merge_post(base, mine, theirs)
    assert not merged.needs_resolution
    assert values(merged.text)["params"] == {"author": "Ann Lee", "image": "b.png", "toc": False}
    clash = merge_post(base, mine, edit(base, "author: Ann", "author: Bob"))
    assert [c.describe() for c in clash.field_conflicts] == ["params.author: yours «Ann Lee» / theirs «Bob»"]
    assert "<<<<<<< mine\n  author: Ann Lee\n=======\n  author: Bob\n>>>>>>> theirs\n" in clash.text


# --- TOML, JSON, CRLF, BOM -----------------------------------------------------------------------


def test_toml_front_matter() -> None:
    base = '+++\ntitle = "Caching"\ndate = 2024-01-05\ndraft = false\n\n[params]\nauthor = "Ann"\n+++\nBody\n'
    mine = edit(base, 'title = "Caching"', 'title = "Caching 2"')
    theirs = edit(edit(base, "date = 2024-01-05", "date = 2024-02-01"), 'author = "Ann"', 'author = "Bob"')
    merged = merge_post(base, mine, theirs)
    assert not merged.needs_resolution
    assert merged.text == edit(edit(mine, "date = 2024-01-05", "date = 2024-02-01"), 'author = "Ann"', 'author = "Bob"')
    clash = merge_post(base, mine, edit(base, 'title = "Caching"', 'title = "Cache"'))
    assert [c.key for c in clash.field_conflicts] == ["title"]
    assert '<<<<<<< mine\ntitle = "Caching 2"\n=======\ntitle = "Cache"\n>>>>>>> theirs\n' in clash.text


def test_json_front_matter() -> None:
    base = '{\n  "title": "Caching",\n  "date": "2024-01-05",\n  "tags": ["a"]\n}\nBody\n'
    mine = edit(base, '"title": "Caching"', '"title": "Caching 2"')
    theirs = edit(base, '"date": "2024-01-05"', '"date": "2024-02-01"')
    merged = merge_post(base, mine, theirs)
    assert not merged.needs_resolution
    assert values(merged.text) == {"title": "Caching 2", "date": "2024-02-01", "tags": ["a"]}
    assert merged.text == edit(mine, '"date": "2024-01-05"', '"date": "2024-02-01"')
    clash = merge_post(base, mine, edit(base, '"title": "Caching"', '"title": "Cache"'))
    assert clash.field_conflicts[0].describe() == "title: yours «Caching 2» / theirs «Cache»"
    assert values(take_side(clash.text, "theirs"))["title"] == "Cache"


def test_crlf_and_bom_are_kept_and_markers_use_crlf() -> None:
    base = "\ufeff" + BASE.replace("\n", "\r\n")
    mine = edit(edit(base, "title: Caching", "title: Mine"), "Cache early.", "Cache early, mine.")
    theirs = edit(edit(base, "title: Caching", "title: Theirs"), "Cache early.", "Cache early, theirs.")
    merged = merge_post(base, mine, theirs)
    assert merged.text.startswith("\ufeff---\r\n<<<<<<< mine\r\ntitle: Mine\r\n=======\r\n")
    assert merged.body_conflicted
    assert "\n" not in merged.text.replace("\r\n", "")  # no bare LF anywhere
    assert take_side(merged.text, "mine") == mine
    clean = merge_post(base, edit(base, "title: Caching", "title: Mine"), edit(base, "draft: false", "draft: true"))
    assert clean.text.startswith("\ufeff---\r\ntitle: Mine\r\n") and "draft: true\r\n" in clean.text


# --- never losing anything -----------------------------------------------------------------------


def test_a_comment_added_away_from_a_changed_field_is_kept() -> None:
    mine = edit(BASE, "title: Caching", "title: Caching 2")
    theirs = edit(BASE, "date: 2024-01-05\n", "date: 2024-01-05\n# TODO: more tags\n")
    theirs = edit(theirs, "draft: false", "draft: true")
    merged = merge_post(BASE, mine, theirs)
    assert not merged.needs_resolution
    assert merged.text == edit(theirs, "title: Caching", "title: Caching 2")


def test_a_comment_added_next_to_a_field_changed_on_the_other_side_is_not_lost() -> None:
    """Field by field, their comment line would vanish: the front matter is merged as lines, and
    the clash is left for a person with both sides in full."""
    mine = edit(BASE, "title: Caching", "title: Caching 2")
    theirs = edit(BASE, "title: Caching\n", "title: Caching  # TODO: a better title\n")
    theirs = edit(theirs, "description: Why caches matter", "description: Why caches matter a lot")
    merged = merge_post(BASE, mine, theirs)
    assert merged.front_conflicted and merged.needs_resolution
    assert "merged line by line" in merged.notes[-1]
    assert take_side(merged.text, "theirs") == theirs
    assert take_side(merged.text, "mine") == mine


def test_unreadable_front_matter_falls_back_to_a_line_merge() -> None:
    mine = edit(BASE, "title: Caching", "title: [broken")
    theirs = edit(BASE, "Measure often.", "Measure always.")
    merged = merge_post(BASE, mine, theirs)
    assert "title: [broken" in merged.text and "Measure always." in merged.text
    assert "merged line by line" in merged.notes[0]


def test_both_added_the_same_post() -> None:
    mine = "---\ntitle: Hello\n---\nMine\n"
    theirs = "---\ntitle: Hello there\n---\nTheirs\n"
    merged = merge_post("", mine, theirs)
    assert [c.key for c in merged.field_conflicts] == ["title"] and merged.body_conflicted
    assert take_side(merged.text, "mine") == mine and take_side(merged.text, "theirs") == theirs


def test_no_front_matter_merges_as_text() -> None:
    merged = merge_post("a\nb\nc\n", "A\nb\nc\n", "a\nb\nC\n")
    assert merged.text == "A\nb\nC\n" and not merged.needs_resolution


def test_show_values() -> None:
    assert show("x" * 100).endswith("…»") and len(show("x" * 100)) == 62
    assert show(dt.date(2024, 1, 5)) == "«2024-01-05»"
    assert show(None) == "(empty)" and show(True) == "«true»"
    assert show({"a": 1}) == '«{"a": 1}»'


def test_marker_lines_ignore_setext_headings() -> None:
    text = "Title\n=======\n\n<<<<<<< mine\na\n=======\nb\n>>>>>>> theirs\n> quote\n"
    assert marker_lines(text) == [4, 6, 8]
    assert marker_lines("Title\n=======\n") == []
    assert marker_lines("a\n=======\nb\n>>>>>>> theirs\n") == [4]  # half a conflict still counts
