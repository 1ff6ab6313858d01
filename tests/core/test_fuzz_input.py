"""Fuzzing the layers a post passes through, with hypothesis: whatever the bytes, no exception but
a PostdeskError reaches the user, opening and saving an unedited file gives its bytes back, and
nothing in a rendered post can run.

Posts are generated from pieces real posts are made of (delimiters, keys, quotes, lists, fences,
HTML, shortcodes, odd Unicode and control characters), glued together at random, so the
generators reach the parsers' corners rather than only "random text"."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import html5lib
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.core.document.open_post import with_field
from desktop_app.core.document.storage import decode, encode
from desktop_app.core.errors import PostdeskError
from desktop_app.core.frontmatter import parse as fm
from desktop_app.core.render.pipeline import thread_renderer
from desktop_app.core.site.config import FLAVORS
from desktop_app.core.site.library.summaries import summarize
from desktop_app.core.workspace import Workspace

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

PIECES = [
    "---", "+++", "{", "}", "\n", "\r\n", "\r", "title:", "tags:", "date:", "draft: true", " ", "  - ", "- ",
    "\"", "'", "[", "]", ": ", "#", "# Heading", "```", "~~~", "```python", "    code", "> quote", "* ", "1. ",
    "[link](", "](http://x)", "![img](", "/images/a.png)", "<script>alert(1)</script>", "<img src=x onerror=",
    "javascript:", "<!-->", "-->", "<iframe src=//x>", "{{< shortcode >}}", "{% liquid %}", "{{ page.title }}",
    "<Component />", "import X from 'y'", "|a|b|\n|-|-|\n", "[^1]", "[^1]: note", "~~s~~", "- [ ] task",
    "\t", "\x00", "\x0b", "\x0c", "\u2028", "\u2029", "\ufeff", "é", "😀", "\u202e", "&#0;", "&amp;", "\\",
    "2026-13-45", "1e999", "!!python/object", "*anchor", "&anchor", "? complex", "<<: *a", "%YAML 1.2",
]
posts = st.lists(st.sampled_from(PIECES) | st.text(max_size=8), max_size=40).map("".join)
raw = st.binary(max_size=400) | posts.map(lambda text: text.encode("utf-8", "surrogatepass")) | posts.map(
    lambda text: text.encode("utf-16")) | posts.map(lambda text: text.encode("cp1252", "replace"))


@SETTINGS
@given(raw)
def test_any_bytes_either_open_and_save_back_identically_or_are_refused_in_words(data: bytes) -> None:
    try:
        loaded = decode(data, "fuzz.md")
    except PostdeskError as error:
        assert error.message.startswith("fuzz.md ")
        return
    assert encode(loaded.text, loaded.form) == data


@SETTINGS
@given(posts)
def test_front_matter_is_read_without_raising_and_split_losslessly(text: str) -> None:
    parsed = fm.read_post(text)
    assert parsed.doc.join() == text
    assert isinstance(parsed.values, dict)
    summary = summarize("posts/fuzz.md", "posts", text)  # what the library does with every post
    assert summary.title


@SETTINGS
@given(posts, st.sampled_from(["title", "tags", "draft", "nested.key"]),
       st.one_of(st.text(max_size=12), st.lists(st.text(max_size=6), max_size=3), st.booleans(), st.none()))
def test_a_form_edit_on_any_post_succeeds_or_says_why(text: str, key: str, value: object) -> None:
    try:
        edited = with_field(text, key, value)
    except PostdeskError:
        return
    assert isinstance(edited, str)


ACTIVE_TAGS = {"script", "iframe", "frame", "object", "embed", "applet", "base", "form", "meta", "link"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcset"}


def runnable(fragment: str) -> list[str]:
    """What in `fragment` could run or navigate, as a browser parses it (html5lib follows the
    WHATWG parsing rules Chromium does, so it is an oracle independent of our sanitizer's parser)."""
    found = []
    for element in html5lib.parse(fragment, namespaceHTMLElements=False).iter():
        tag = str(element.tag).lower()
        if tag in ACTIVE_TAGS:
            found.append(f"<{tag}>")
        for name, value in element.attrib.items():
            name = str(name).lower()
            if name.startswith("on"):
                found.append(f"{tag}[{name}]")
            scheme = re.sub(r"[\x00-\x20]", "", value).lower()
            if name in URL_ATTRIBUTES and scheme.startswith(("javascript:", "vbscript:", "data:text/html")):
                found.append(f"{tag}[{name}={value!r}]")
    return found


@pytest.mark.parametrize("flavor", FLAVORS)
def test_any_post_renders_and_nothing_in_it_can_run(flavor: str) -> None:
    renderer = thread_renderer(flavor)

    @SETTINGS
    @given(posts, st.booleans())
    def check(text: str, mdx: bool) -> None:
        result = renderer.render(text, mdx=mdx, source_map=True)
        assert runnable(result.body_html) == [], result.body_html
        assert runnable(result.header_html) == [], result.header_html

    check()


def test_any_bytes_in_a_post_file_reach_the_user_only_as_a_postdesk_error(tmp_path: Path) -> None:
    (tmp_path / "posts").mkdir()
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / "posts" / "seed.md").write_text("---\ntitle: Seed\n---\n", encoding="utf-8")
    workspace = Workspace.open(tmp_path)

    @SETTINGS
    @given(raw)
    def check(data: bytes) -> None:
        (tmp_path / "posts" / "fuzz.md").write_bytes(data)
        try:
            opened = workspace.read_post("posts/fuzz.md")
        except PostdeskError:
            return
        assert encode(opened.text, opened.form) == data
        assert {post.path for post in workspace.scan()} >= {"posts/fuzz.md", "posts/seed.md"}

    check()
