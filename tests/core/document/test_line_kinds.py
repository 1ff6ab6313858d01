"""Which lines of a post are prose: the spell checker and the outline read only those."""

from __future__ import annotations

from desktop_app.core.document.line_kinds import (
    BLANK,
    CODE,
    COMMENT,
    COMMENT_END,
    FENCE,
    FRONT_MATTER,
    FRONT_MATTER_EDGE,
    MATH,
    PROSE,
    line_kinds,
)


def kinds(text: str) -> list[str]:
    return line_kinds(text.split("\n"))


def test_yaml_toml_and_json_front_matter_are_told_apart_from_the_body() -> None:
    assert kinds("---\ntitle: A\n---\nBody") == [FRONT_MATTER_EDGE, FRONT_MATTER, FRONT_MATTER_EDGE, PROSE]
    assert kinds("+++\ntitle = 'A'\n+++\nBody") == [FRONT_MATTER_EDGE, FRONT_MATTER, FRONT_MATTER_EDGE, PROSE]
    assert kinds('{\n  "title": "A"\n}\nBody') == [FRONT_MATTER_EDGE, FRONT_MATTER, FRONT_MATTER_EDGE, PROSE]
    # Only the first line opens front matter; a rule further down is a rule.
    assert kinds("Body\n---\nMore") == [PROSE, PROSE, PROSE]
    # Unclosed, it runs to the end, as the editor colours it.
    assert kinds("---\ntitle: A\nBody") == [FRONT_MATTER_EDGE, FRONT_MATTER, FRONT_MATTER]


def test_a_fence_is_closed_only_by_its_own_kind_at_least_as_long() -> None:
    text = "````python\nx = 1\n```\n~~~\n````\nAfter"
    assert kinds(text) == [FENCE, CODE, CODE, CODE, FENCE, PROSE]
    assert kinds("~~~\n```\n~~~\nProse") == [FENCE, CODE, FENCE, PROSE]
    # A backtick "fence" whose info string has a backtick is inline code, not a fence.
    assert kinds("``` `x` ```\nProse") == [PROSE, PROSE]


def test_comments_math_and_template_code_blocks_are_not_prose() -> None:
    assert kinds("Text <!-- a\nhidden\nstill --> visible\nProse") == [PROSE, COMMENT, COMMENT_END, PROSE]
    assert kinds("<!--\nnote\n-->\nProse") == [PROSE, COMMENT, COMMENT, PROSE]
    assert kinds("$$\na^2 + b^2\n$$\nProse") == [FENCE, MATH, FENCE, PROSE]
    assert kinds("{% highlight ruby %}\nputs 1\n{% endhighlight %}\nProse") == [FENCE, CODE, FENCE, PROSE]
    assert kinds("{{< highlight go >}}\nfmt.Println()\n{{< /highlight >}}\nProse") == [FENCE, CODE, FENCE, PROSE]
    assert kinds("import Chart from '../components/Chart'\nexport const meta = {}\nProse") == [CODE, CODE, PROSE]


def test_indented_code_needs_a_blank_line_before_it_and_no_list_around_it() -> None:
    assert kinds("Prose\n\n    code()\n    more()\n\nProse") == [PROSE, BLANK, CODE, CODE, BLANK, PROSE]
    # Four spaces right under a paragraph continue it.
    assert kinds("Prose\n    continued") == [PROSE, PROSE]
    # In a list, an indented paragraph belongs to the item.
    assert kinds("1. Item\n\n    Its second paragraph\n\nProse") == [PROSE, BLANK, PROSE, BLANK, PROSE]
