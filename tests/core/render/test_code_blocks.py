"""Code blocks skip the cleaner (`core/render/code_blocks.py`): the page is what cleaning them would
have written, and raw HTML around a fence cannot turn a block's markup into an attack."""

from __future__ import annotations

import pytest

from desktop_app.core.render import code_blocks
from desktop_app.core.render.gfm import GfmEngine
from desktop_app.core.render.pipeline import Renderer
from desktop_app.core.render.sanitize import sanitize
from desktop_app.core.site.config import GFM
from tests.helpers.inert import active

CODE = 'x = "a<b>" + \'c\' & d\xa0\n\n  # ü &quot; \ue004\n'


@pytest.mark.parametrize("lang", ["python", "html", "js", "console", "no-such-language", "", "a&b", 'q"'])
def test_a_code_block_is_written_as_the_cleaner_writes_it(lang: str) -> None:
    fence = f"Intro\n\n```{lang}\n{CODE}```\n\n- item\n\n  ```{lang}\n  {CODE.strip()}\n  ```\n"
    cleaned_whole = sanitize(GfmEngine().body(fence.replace("\ue004", "")))
    assert Renderer(GFM).render(fence).body_html == cleaned_whole
    assert "<b>" not in cleaned_whole and "&lt;" in cleaned_whole


@pytest.mark.parametrize(("opening", "closing"), [('<div title="', '<div>">after</div>'), ("<div><!--", "-->"),
                                                ("<p><span title='", "<div>'>after</div>")])
def test_code_inside_raw_html_left_open_cannot_break_out_of_it(opening: str, closing: str) -> None:
    """The block's markup is never put back inside an attribute or a comment, where its quotes or
    `-->` would end it and the code's text would become markup."""
    code = 'x = "\\" onmouseover=alert(1) x=\\"" --> <img src=x onerror=alert(2)>'
    body = Renderer(GFM).render(f"{opening}\n\n```python\n{code}\n```\n\n{closing}\n").body_html
    assert active(body) == []
    assert 'class="codehilite"' not in body and "<pre>" not in body


def test_text_spelling_a_marker_does_not_bring_back_a_block() -> None:
    env = code_blocks.ask({})
    marker = code_blocks.stash(env, '<div class="codehilite"><pre>trusted</pre></div>')
    assert marker is not None
    forged = marker.replace(marker[1:9], "00000000")
    assert code_blocks.restore(f"<p>{forged}</p>", env) == f"<p>{forged}</p>"
    assert code_blocks.restore(f"<p>{marker}</p>", env) == '<p><div class="codehilite"><pre>trusted</pre></div></p>'
    assert code_blocks.restore(f'<p title="{marker}">x</p>', env) == f'<p title="{marker}">x</p>'


def test_a_render_that_does_not_ask_gets_the_block_itself() -> None:
    body = GfmEngine().body("```python\nx = 1\n```\n")
    assert body.startswith('<div class="codehilite">') and "\ue004" not in body


def test_an_edited_block_is_highlighted_again_and_an_unchanged_one_stays_the_same() -> None:
    """Blocks are kept between renders of the same post (the preview's keystrokes)."""
    renderer = Renderer(GFM)
    before = renderer.render("```python\nx = 1\n```\n\n```js\nlet y\n```\n").body_html
    after = renderer.render("```python\nx = 2\n```\n\n```js\nlet y\n```\n").body_html
    assert '<span class="mi">2</span>' in after and '<span class="mi">1</span>' not in after
    assert before.split("</div>")[1] == after.split("</div>")[1]
