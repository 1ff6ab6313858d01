"""Code blocks kept out of the cleaner's way, and put back as it would have written them.

A fenced block's HTML is Postdesk's own output: Pygments' `<div>`, `<pre>`, `<code>` and
`<span class="…">` around the code's text, escaped by Pygments, or markdown-it's plain `<pre><code>`
around its escaped text. Yet code was a large part of what the cleaner parsed, and highlighted
code half of the attributes it called back into Python for. The GFM engine's fence rule leaves a
marker in a block's place when the render asks for it (`ENV_KEY` in the engine's env), the post is
cleaned, and `restore` puts each block back, spelled as the cleaner's serialiser spells it, so
that the page is byte for byte what it was.

A block comes back only where the cleaner left its marker in text: a marker that ended up in an
attribute value or a comment (raw HTML left open before the fence) stays as it is, since markup
there could end the attribute or the comment. Markers carry a nonce drawn per render, so text
that reaches the body from elsewhere cannot name a block, and the writer's own text never holds
the marker characters (`pipeline.protect`).
"""

from __future__ import annotations

import re
import secrets
from typing import Any

MARK_OPEN, MARK_CLOSE = "\ue004", "\ue005"
ENV_KEY = "pd_code"
_NONCE_KEY = "pd_code_nonce"
_MARKER = re.compile(f"{MARK_OPEN}([0-9a-f]{{8}}):(\\d+){MARK_CLOSE}")


def ask(env: dict[str, Any]) -> dict[str, Any]:
    """`env` set up so that the engine stashes its highlighted blocks in it (`stash`)."""
    env[ENV_KEY] = []
    return env


def stash(env: dict[str, Any], block: str) -> str | None:
    """The marker standing for `block` (a fence's HTML) in this render, or None when the render
    did not ask for one (the block is then written as it is, and cleaned with the rest)."""
    blocks = env.get(ENV_KEY)
    if blocks is None:
        return None
    nonce = env.get(_NONCE_KEY)
    if nonce is None:
        nonce = env[_NONCE_KEY] = secrets.token_hex(4)
    blocks.append(_as_cleaned(block))
    return f"{MARK_OPEN}{nonce}:{len(blocks) - 1}{MARK_CLOSE}"


def restore(cleaned: str, env: dict[str, Any]) -> str:
    """`cleaned` (the cleaner's output) with each block back in place of its marker."""
    blocks = env.get(ENV_KEY)
    if not blocks or MARK_OPEN not in cleaned:
        return cleaned
    nonce = env[_NONCE_KEY]

    def put(match: re.Match[str]) -> str:
        index = int(match.group(2))
        if match.group(1) != nonce or index >= len(blocks) or _in_markup(cleaned, match.start()):
            return match.group(0)
        return blocks[index]
    return _MARKER.sub(put, cleaned)


def _in_markup(cleaned: str, position: int) -> bool:
    """Whether `position` of the cleaner's output lies inside a comment or a tag. Its serialiser
    escapes `<` and `>` in text and attribute values, so outside comments a `<` always opens a
    tag and a `>` closes one; a comment may hold either, and runs from `<!--` to `-->`."""
    comment = cleaned.rfind("<!--", 0, position)
    if comment >= 0 and comment > cleaned.rfind("-->", 0, position):
        return True
    return cleaned.rfind("<", 0, position) > cleaned.rfind(">", 0, position)


def _as_cleaned(block: str) -> str:
    """A block as the cleaner writes it out: a no-break space as `&nbsp;`, and quotes in text
    unescaped (markdown-it writes `&quot;`; the blocks' attributes hold none)."""
    if "\xa0" in block:
        block = block.replace("\xa0", "&nbsp;")
    if "&quot;" in block or "&#39;" in block:
        block = block.replace("&quot;", '"').replace("&#39;", "'")
    return block
