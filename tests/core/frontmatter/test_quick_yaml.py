"""Front-matter values built straight from libyaml's nodes are PyYAML's values, or left to PyYAML:
on every post of the corpora and on generated and tricky YAML."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.core.frontmatter import parse as fm
from desktop_app.core.frontmatter import quick_yaml
from tests.core.corpus import NAMES, markdown_files


def pyyaml(front: str) -> Any:
    """What PyYAML's constructor makes of `front` with the front-matter loader (an error's class)."""
    loader = fm._Loader(front)
    try:
        node = loader.get_single_node()
        return loader.construct_document(node) if node is not None else None
    except Exception as error:  # noqa: BLE001 - compared by kind
        return ("error", type(error).__name__)
    finally:
        loader.dispose()


def quick(front: str) -> Any:
    loader = fm._Loader(front)
    try:
        node = loader.get_single_node()
    except yaml.YAMLError as error:
        return ("error", type(error).__name__)
    try:
        return quick_yaml.values(loader, node, (fm._JEKYLL_TAG,)) if node is not None else None
    finally:
        loader.dispose()


def same(front: str) -> None:
    got = quick(front)
    if got is quick_yaml.DECLINED:
        return
    expected = pyyaml(front)
    assert got == expected and repr(got) == repr(expected), front


@pytest.mark.parametrize("name", NAMES)
def test_every_corpus_post_gets_pyyaml_s_values(name: str) -> None:
    declined = 0
    for path in markdown_files(name):
        doc = fm.split(path.read_text(encoding="utf-8"))
        if doc.format == fm.YAML and doc.front.strip():
            same(doc.front)
            declined += quick(doc.front) is quick_yaml.DECLINED
    assert declined <= 1  # the quick way is the way of nearly every real post


TRICKY = [
    "a: &x [1, 2]\nb: *x\n",  # an alias: declined (shared list)
    "base: &b {x: 1}\nmerged:\n  <<: *b\n  y: 2\n",  # a merge key
    "a: 1\na: 2\n",  # a duplicate key: declined, reported by PyYAML's path
    "yes: 1\ntrue: 2\n",  # two spellings of True: declined, not a duplicate
    "s: !!set {a, b}\n", "o: !!omap [a: 1]\n", "p: !!pairs [a: 1]\n", "x: !custom 3\n",
    "d: 2024-02-30\n",  # an impossible date: PyYAML's error
    "t: 2025-01-29 18:15:32 +0530\n", "t: '2025-01-29 18:15:32 +0530'\n",  # Jekyll time, quoted string
    "n: ~\nb: yes\nf: .inf\ng: -.nan\ni: 0x1F\no: 0o17\ns: 1:30\nu: 1_000\n",
    "bin: !!binary aGVsbG8=\n", "? [a, b]\n: c\n", "= : v\n", "'': empty\n", "1: one\n2.5: x\nnull: n\n",
    "nested:\n  - a: 1\n    b: [x, {y: z}]\n  - - deep\n", "- top\n- level\n", "just a scalar\n",
    "k: v\n---\nsecond: doc\n",
]


@pytest.mark.parametrize("front", TRICKY)
def test_tricky_yaml_gets_pyyaml_s_values_or_is_left_to_pyyaml(front: str) -> None:
    same(front)


def test_what_is_left_to_pyyaml() -> None:
    for front in ("a: &x [1]\nb: *x\n", "base: &b {x: 1}\nm:\n  <<: *b\n", "a: 1\na: 2\n", "s: !!set {a}\n",
                  "d: 2024-02-30\n"):
        assert quick(front) is quick_yaml.DECLINED, front
    assert quick("t: 2025-01-29 18:15:32 +0530\n") == {"t": fm.parse_datetime("2025-01-29 18:15:32 +0530")}


def test_duplicates_are_still_reported_with_their_lines() -> None:
    parsed = fm.read_post("---\ntitle: A\ntags: [x]\ntitle: B\n---\nBody\n")
    assert parsed.values["title"] == "B"
    assert parsed.error is not None and parsed.error.line == 4


scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**12, 10**12),
                    st.floats(allow_nan=False), st.text(max_size=20), st.dates(),
                    st.datetimes(min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(2200, 1, 1)))
documents = st.recursive(scalars, lambda children: st.lists(children, max_size=4)
                         | st.dictionaries(st.text(max_size=8), children, max_size=5), max_leaves=25)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents, st.sampled_from([None, True, False]))
def test_generated_yaml_gets_pyyaml_s_values(value: Any, flow: bool | None) -> None:
    same(yaml.safe_dump({"v": value}, default_flow_style=flow, allow_unicode=True))
