"""Front matter of the simplest shape, read without libyaml, gets exactly PyYAML's values (types
included), or is left to PyYAML: on every post of the corpora and on generated and tricky YAML."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.core.frontmatter import parse as fm
from desktop_app.core.frontmatter import simple_yaml
from tests.core.corpus import NAMES, markdown_files
from tests.core.frontmatter.test_quick_yaml import pyyaml


def simple(front: str) -> Any:
    return simple_yaml.values(front, *fm._plain_scalars())


def typed(value: Any) -> Any:
    """`value` with each scalar's type beside it (1, 1.0 and True are equal in Python)."""
    if isinstance(value, dict):
        return [(key, typed(item)) for key, item in value.items()]
    if isinstance(value, list):
        return [typed(item) for item in value]
    tzinfo = value.tzinfo if isinstance(value, dt.datetime) else None
    return (type(value).__name__, repr(value), tzinfo)


def same(front: str) -> bool:
    """Whether `front` was read by the simple way (and then, as PyYAML reads it)."""
    got = simple(front)
    if got is simple_yaml.DECLINED:
        return False
    assert typed(got) == typed(pyyaml(front)), front
    return True


@pytest.mark.parametrize("name", NAMES)
def test_corpus_posts_get_pyyaml_s_values(name: str) -> None:
    fronts = [doc.front for doc in (fm.split(path.read_text(encoding="utf-8")) for path in markdown_files(name))
              if doc.format == fm.YAML and doc.front.strip()]
    read = sum(same(front) for front in fronts)
    assert read >= len(fronts) * 0.8  # the simple way is the way of most real posts


@pytest.mark.parametrize("front", [
    "title: Hello, world [draft]\ndate: 2016-02-19 15:24:00 -0800\ndraft: yes\nweight: 010\nratio: 1.5e3\n",
    "a: ~\nb: null\nc: 0x1F\nd: 1_000\ne: .inf\nf: 3.1.2\ng: 1:20\nh: 2024-01-02\ni: 2024-01-02T10:00:00Z\n",
    "tags: [a b, c, 1, true]\nempty: []\nlist:\n- a\n- 2\nindented:\n  - 'q'\n  - \"r\"\nnothing:\n",
    "params:\n  menu:\n    main: x\n  list:\n  - y\n  flow: [PAGE.T]\nafter: 1\n",
    "title: 'single'\nother: \"double\"\nnon_ascii: héllo wörld — ünïcode\nurl: https://x.org/a_(b)\n",
    # Comments, as Hugo's function pages have them, and quoted items in flow lists.
    "a: x # note\n# note\nb: 'y' # note\nc: [1] # note\n  # note\nd: # note\n  e: 1\nf: C # is nice\n",
    "list:\n# note\n- a # note\n- 'b #c' #  note\nhash: a#b\nquoted: '#x'\n",
    "signatures: ['collections.Dictionary [VALUE...]']\nmixed: [ 'a, b' , \"c]\", d e, 1, '' ]\n",
    "expiryDate: '2028-02-18' # deprecated 2026-02-18 in v0.156.0\ndate: 2028-01-28 # deprecated\n",
    # One `key: value` a line (read by one regex), empty values and trailing spaces included.
    "a:\nb: 1  \nc:   \nd: 'y'  # note\ne: [x, 'y z']\n", "only: one",
    # A plain value over several lines, as GitHub's topics have them.
    "summary: Go is a language built to resemble\n  a simplified C. \nrelated: a, b,\n  c\nn: 1\n  2\nafter: x\n",
    "params:\n  note: one\n    two\n      three\n  b: 1\n",
])
def test_simple_front_matter_is_read_without_libyaml_as_pyyaml_reads_it(front: str) -> None:
    assert same(front)


@pytest.mark.parametrize("front", [
    "a: 1\na: 2\n", "on: 1\n", "a: 'x'# note\n", "a: [x]# note\n", "a: 'x' y # note\n", "a: 'it''s' # note\n",
    "a: ['x' y]\n", "a: ['it''s']\n", 'a: ["x\\"y"]\n', "a:\n- # note\n", "a: x\n  - y\n",
    "a: x\n  # note\n  y\n", "a: x # note\n  y\n", "a: x\n\n  y\n", "a: 'x\n  y'\n", "a: x\n  y: z\n", "a: 1\nb:x\n", "a: 1\na: 2",
    "a: b: c\n",
    "a: >\n  folded\n", "a: 'it''s'\n", 'a: "tab\\t"\n', "a: &anchor 1\nb: *anchor\n", "a: !!str 1\n",
    "a:\n  b: 1\n c: 2\n", "- item\n", "a: 1\n- item\n", "a: [x, ]\n", "a: [x: y]\n", "a: x\u2028y\n",
    "a:\tx\n", "a: 2024-02-30\n", "a: =\n", "a: <<\n", "k" * 200 + ": 1\n",
])
def test_anything_else_is_left_to_pyyaml(front: str) -> None:
    assert simple(front) is simple_yaml.DECLINED


_PIECES = st.sampled_from(["a", "b", "key", "on", "null", "yes", "1", "1.5", "0x1", "2024-01-02", " 12:00:00 +01:00",
                           ": ", ":", " ", "  ", "\n", "\n  ", "\n- ", "- ", "#", " #", "'", '"', "[", "]", ",",
                           "{", "}", "&", "*", "!", "|", ">", "~", "é", "\t", "\\", "-", "_", "."])


@settings(max_examples=600, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.lists(_PIECES, min_size=1, max_size=24))
def test_generated_front_matter_is_pyyaml_s_or_declined(pieces: list[str]) -> None:
    front = "a: x\n" + "".join(pieces) + "\n"
    same(front)
