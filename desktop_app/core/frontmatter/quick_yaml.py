"""Front-matter values built straight from libyaml's node tree, for the shapes front matter has:
maps, lists and scalars, each node used once.

PyYAML's constructor handles every YAML feature (aliases, recursive nodes, merge keys, sets,
ordered maps) through a generic dispatch, generators and per-node bookkeeping; for a library scan
of thousands of posts that bookkeeping costs more than the parsing. `values` builds the same
Python values with direct calls to the loader's own scalar constructors, and gives up
(`DECLINED`) on anything else (an alias, a merge key, a tag other than the plain ones, a map whose
keys may repeat), which the caller then hands to PyYAML as before.
"""

from __future__ import annotations

from typing import Any

import yaml

DECLINED = object()
_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
# Scalar tags whose constructors are plain functions of (loader, node) (the rest are generators).
_SCALAR_TAGS = ("tag:yaml.org,2002:null", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:int",
                "tag:yaml.org,2002:float", "tag:yaml.org,2002:binary", "tag:yaml.org,2002:timestamp")


class _Declined(Exception):
    """A node this builder leaves to PyYAML."""


def values(loader: yaml.BaseLoader, node: yaml.Node, extra_scalar_tags: tuple[str, ...] = ()) -> Any:
    """What `loader.construct_document(node)` returns, or DECLINED. Raises nothing: a value the
    loader's constructor refuses (`date: 2024-02-30`) is declined too, so PyYAML says why."""
    constructors = loader.yaml_constructors
    scalars = {tag: constructors[tag] for tag in (*_SCALAR_TAGS, *extra_scalar_tags) if tag in constructors}
    seen: set[int] = set()
    scalar_node, sequence_node, mapping_node = yaml.ScalarNode, yaml.SequenceNode, yaml.MappingNode

    def build(node: yaml.Node) -> Any:
        if id(node) in seen:
            raise _Declined  # an alias: shared, maybe recursive
        seen.add(id(node))
        kind = node.__class__
        if kind is scalar_node:
            if node.tag == _STR:
                return node.value
            make = scalars.get(node.tag)
            if make is None:
                raise _Declined
            return make(loader, node)
        if kind is sequence_node and node.tag == _SEQ:
            return [build(item) for item in node.value]
        if kind is mapping_node and node.tag == _MAP:
            mapping = {}
            for key, value in node.value:
                if key.__class__ is not scalar_node:
                    raise _Declined  # a list or map as a key: PyYAML says it is unhashable
                mapping[build(key)] = build(value)  # merge (<<) and value (=) keys are not str/scalar tags
            if len(mapping) != len(node.value):
                raise _Declined  # keys that may repeat: PyYAML's path reports duplicates
            return mapping
        raise _Declined

    try:
        return build(node)
    except (_Declined, RecursionError, yaml.YAMLError, ValueError, TypeError, KeyError, OverflowError):
        return DECLINED
