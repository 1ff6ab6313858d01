"""TeX math in a post, drawn offline as MathML (QtWebEngine draws MathML itself: no script, no
network), for sites whose profile says which delimiters are math (`$…$`, `$$…$$`, `\\(…\\)`,
`\\[…\\]`; kramdown reads `$$…$$` only, inline or as a block).

The engine writes a marker where each formula goes and keeps its MathML in the render's `env`;
`restore` puts the MathML back after the post's HTML has been cleaned, each formula cleaned on its
own by the sanitizer's MathML-only rules (`sanitize.sanitize_math`). So MathML is allowed only
where the renderer made it, never in the writer's raw HTML. A formula latex2mathml cannot read
stays visible as its TeX source.
"""

from __future__ import annotations

import html
import re
from typing import Any, Sequence

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict

from desktop_app.core.render.sanitize import sanitize_math

MARK_OPEN, MARK_CLOSE = "\ue000", "\ue001"
_MARKER = re.compile(f"{MARK_OPEN}(\\d+){MARK_CLOSE}")
ENV_KEY = "pd_math"


def install(md: MarkdownIt, delimiters: Sequence[str]) -> None:
    """Math rules for `delimiters` (see `profile.MATH_DELIMITERS`)."""
    if "$" in delimiters:
        from mdit_py_plugins.dollarmath import dollarmath_plugin

        dollarmath_plugin(md, allow_labels=False, allow_space=False, allow_digits=False, double_inline=True)
    elif "$$" in delimiters:
        from mdit_py_plugins.texmath import texmath_plugin

        texmath_plugin(md, "kramdown")
    if "\\(" in delimiters or "\\[" in delimiters:
        from mdit_py_plugins.texmath import texmath_plugin

        texmath_plugin(md, "brackets")
    for name in ("math_inline", "math_inline_double", "math_single", "math_inline_eqno"):
        md.add_render_rule(name, _rule(display=name == "math_inline_double"))
    for name in ("math_block", "math_block_eqno", "math_block_label"):
        md.add_render_rule(name, _rule(display=True))


def _rule(display: bool):  # -> a markdown-it render rule
    def render(renderer: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict,
               env: EnvType) -> str:
        stash: list[str] = env.setdefault(ENV_KEY, [])
        stash.append(to_mathml(tokens[idx].content.strip(), display))
        marker = f"{MARK_OPEN}{len(stash) - 1}{MARK_CLOSE}"
        return f'<div class="math display">{marker}</div>\n' if tokens[idx].block else marker
    return render


def to_mathml(tex: str, display: bool) -> str:
    """MathML for `tex`, or its source as code when it cannot be read."""
    try:
        from latex2mathml.converter import convert
    except ImportError:  # the package is optional: the source then shows as code
        return _source(tex)
    try:
        return convert(tex, display="block" if display else "inline")
    except Exception:  # noqa: BLE001 - any TeX latex2mathml trips on stays readable as source
        return _source(tex)


def _source(tex: str) -> str:
    return f'<code class="math">{html.escape(tex)}</code>'


def protect(text: str) -> str:
    """The writer's text without marker characters, so that only the renderer's markers count."""
    return text.replace(MARK_OPEN, "").replace(MARK_CLOSE, "") if MARK_OPEN in text or MARK_CLOSE in text else text


def restore(cleaned: str, env: dict[str, Any]) -> str:
    """`cleaned` (sanitized HTML) with each math marker replaced by its cleaned MathML."""
    stash = env.get(ENV_KEY)
    if not stash:
        return cleaned
    return _MARKER.sub(lambda m: sanitize_math(stash[int(m.group(1))]) if int(m.group(1)) < len(stash) else "",
                       cleaned)
