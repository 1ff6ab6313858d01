"""Hugo's shortcodes, handled as Hugo handles them around goldmark.

Hugo takes shortcodes out of the page before goldmark sees it, everywhere (code blocks included),
leaving a placeholder word, and puts each shortcode's output back into goldmark's HTML; a
placeholder alone in a paragraph loses its `<p>`. `prepare` does the same: built-in shortcodes
(figure, highlight, param, ref/relref, youtube, vimeo, gist, x/tweet, instagram, details) and the
escaped form `{{</* x */>}}` (shown as `{{< x >}}`) become placeholder words, and `finish` puts
their HTML back. `highlight` becomes a fenced code block. A shortcode only the theme or the site
defines is left for `placeholders.py` (a labelled chip; a paired `{{% x %}}…{{% /x %}}` keeps its
inner Markdown rendered).
"""

from __future__ import annotations

import html
import re
import secrets
from dataclasses import dataclass, field
from typing import Any, Callable

from desktop_app.core.render.embeds import card
from desktop_app.core.render.profile import RenderProfile

_COMMENT = re.compile(r"\{\{([<%])\s*/\*(.*?)\*/\s*([>%])\}\}", re.S)
_TAG = re.compile(r"\{\{([<%])-?\s*(/?)\s*([\w./-]+)(.*?)\s*-?([>%])\}\}", re.S)
_ARGUMENT = re.compile(r"""(?:([\w-]+)\s*=\s*)?("(?:[^"\\]|\\.)*"|`[^`]*`|[^\s"`]+)""", re.S)
_PAIRED = frozenset({"highlight", "details"})
_EMBEDS = {"youtube": ("YouTube", "https://www.youtube.com/watch?v={id}"),
           "vimeo": ("Vimeo", "https://vimeo.com/{id}"),
           "instagram": ("Instagram", "https://www.instagram.com/p/{id}/")}
BUILT_IN = frozenset({"figure", "highlight", "param", "ref", "relref", "youtube", "vimeo", "gist", "x",
                      "tweet", "twitter", "instagram", "details"})


@dataclass
class Shortcodes:
    """The placeholder words left in the Markdown and the HTML each one stands for."""
    nonce: str
    outputs: list[str] = field(default_factory=list)

    def word(self, output: str) -> str:
        self.outputs.append(output)
        return f"PDHUGO{self.nonce}X{len(self.outputs) - 1}X"


def arguments(text: str) -> tuple[list[str], dict[str, str]]:
    """A shortcode's positional and named arguments, quotes removed."""
    positional: list[str] = []
    named: dict[str, str] = {}
    for match in _ARGUMENT.finditer(text):
        value = match.group(2)
        if value[:1] in "\"`" and len(value) > 1:
            value = value[1:-1].replace('\\"', '"') if value[0] == '"' else value[1:-1]
        if match.group(1):
            named[match.group(1).lower()] = value
        else:
            positional.append(value)
    return positional, named


def prepare(body: str, profile: RenderProfile, values: dict[str, Any],
            markdownify: Callable[[str], str]) -> tuple[str, Shortcodes]:
    """`body` with Hugo's built-in shortcodes as placeholder words (and `highlight` as a fence)."""
    codes = Shortcodes(secrets.token_hex(4))
    if "{{" not in body:
        return body, codes
    body = _COMMENT.sub(lambda m: codes.word(html.escape(f"{{{{{m.group(1)}{m.group(2)}{m.group(3)}}}}}")), body)
    out: list[str] = []
    position = 0
    for match in _TAG.finditer(body):
        if match.start() < position:
            continue
        name, closing = match.group(3), match.group(2)
        if name not in BUILT_IN or closing:
            continue
        if name in _PAIRED:
            end = re.compile(r"\{\{[<%]-?\s*/\s*" + re.escape(name) + r"\s*-?[>%]\}\}").search(body, match.end())
            if end is None:
                continue
            inner = body[match.end():end.start()]
            out.append(body[position:match.start()])
            out.append(_paired(name, match.group(4), inner, codes))
            position = end.end()
            continue
        output = _single(name, match.group(4), profile, values, markdownify)
        if output is None:
            continue
        out.append(body[position:match.start()])
        out.append(codes.word(output) if match.group(1) == "<" else output)
        position = match.end()
    out.append(body[position:])
    return "".join(out), codes


def finish(markup: str, codes: Shortcodes) -> str:
    """goldmark's HTML with each placeholder word replaced by its shortcode's output."""
    if not codes.outputs:
        return markup
    pattern = re.compile(r"(<p>)?PDHUGO%sX(\d+)X(</p>\n?)?" % codes.nonce)

    def put_back(match: re.Match[str]) -> str:
        output = codes.outputs[int(match.group(2))]
        if match.group(1) and match.group(3):  # alone in a paragraph: Hugo drops the <p>
            return output + "\n"
        return (match.group(1) or "") + output + (match.group(3) or "")
    return pattern.sub(put_back, markup)


def _paired(name: str, args: str, inner: str, codes: Shortcodes) -> str:
    positional, named = arguments(args)
    if name == "highlight":
        language = positional[0] if positional else named.get("lang", "")
        code = inner.strip("\n")
        fence = "`" * max(3, max((len(run) for run in re.findall(r"`{3,}", code)), default=0) + 1)
        return f"\n{fence}{language}\n{code}\n{fence}\n"
    # details: its inner Markdown is rendered between the two tags
    summary = named.get("summary") or (positional[0] if positional else "Details")
    opened = codes.word(f"<details{' open' if named.get('open') in ('true', 'open') else ''}>"
                        f"<summary>{html.escape(summary)}</summary>")
    return f"\n\n{opened}\n\n{inner.strip()}\n\n{codes.word('</details>')}\n\n"


def _single(name: str, args: str, profile: RenderProfile, values: dict[str, Any],
            markdownify: Callable[[str], str]) -> str | None:
    positional, named = arguments(args)
    first = positional[0] if positional else ""
    if name == "figure":
        return _figure(named, markdownify)
    if name == "param":
        value = _lookup(values, first) if first else None
        if value is None:
            value = _lookup(profile.data.get("params") or {}, first)
        return html.escape(str(value)) if value is not None else None
    if name in ("ref", "relref"):
        target = named.get("path") or first
        return html.escape("/" + target.lstrip("/")) if target and not target.startswith("#") else html.escape(target)
    if name in _EMBEDS:
        ident = named.get("id") or first
        kind, address = _EMBEDS[name]
        return card(kind, address.format(id=ident), f"{kind} video") if ident else None
    if name == "gist":
        user, ident = (positional + ["", ""])[:2]
        return card("GitHub Gist", f"https://gist.github.com/{user}/{ident}", "GitHub gist")
    if name in ("x", "tweet", "twitter"):
        user = named.get("user") or first
        ident = named.get("id") or (positional[1] if len(positional) > 1 else "")
        return card("X", f"https://x.com/{user}/status/{ident}", "post on X")
    return None


def _figure(named: dict[str, str], markdownify: Callable[[str], str]) -> str:
    """Hugo 0.111's figure.html, attribute for attribute."""
    esc = html.escape
    css = f' class="{esc(named["class"])}"' if named.get("class") else ""
    parts = [f"<figure{css}>"]
    if named.get("link"):
        parts.append(f'<a href="{esc(named["link"])}">')
    image = f'<img src="{esc(named.get("src", ""))}"'
    if named.get("alt") or named.get("caption"):
        alt = named.get("alt") or re.sub(r"<[^>]+>", "", markdownify(named.get("caption", "")))
        image += f' alt="{esc(alt)}"'
    for size in ("width", "height"):
        if named.get(size):
            image += f' {size}="{esc(named[size])}"'
    parts.append(image + "/>")
    if named.get("link"):
        parts.append("</a>")
    if named.get("title") or named.get("caption") or named.get("attr"):
        parts.append("<figcaption>")
        if named.get("title"):
            parts.append(f"<h4>{esc(named['title'])}</h4>")
        if named.get("caption") or named.get("attr"):
            attribution = markdownify(named.get("attr", ""))
            if named.get("attrlink"):
                attribution = f'<a href="{esc(named["attrlink"])}">{attribution}</a>'
            parts.append(f"<p>{markdownify(named.get('caption', ''))}{attribution}</p>")
        parts.append("</figcaption>")
    parts.append("</figure>")
    return "".join(parts)


def _lookup(values: Any, dotted: str) -> Any:
    """A page or site parameter by its dotted name, case-insensitively as Hugo reads them."""
    for part in dotted.split("."):
        if not isinstance(values, dict):
            return None
        lowered = {str(key).lower(): value for key, value in values.items()}
        if part.lower() not in lowered:
            return None
        values = lowered[part.lower()]
    return values
