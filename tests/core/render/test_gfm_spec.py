"""The GFM engine against GitHub's spec examples (`../shared/specs/gfm/`), plus direct checks.

The helpers here (`spec_examples`, `normalize_html`, `run_spec`) are also used by
`scripts/gfm_spec_rate.py`. The normaliser follows cmark's `test/normalize.py`.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.entities import name2codepoint
from html.parser import HTMLParser
from pathlib import Path

import pytest

from desktop_app.core.render.gfm import GfmEngine

SPEC_DIR = Path(__file__).resolve().parents[4] / "shared" / "specs" / "gfm"
SPEC_FILES = ("spec.txt", "extensions.txt")
FENCE = "`" * 32
REQUIRED_RATE = 0.98


@dataclass(frozen=True)
class Example:
    file: str
    number: int  # 1-based within its file, as the spec numbers them
    line: int
    section: str
    markdown: str
    html: str

    @property
    def name(self) -> str:
        return f"{self.file}#{self.number}"


def spec_examples(path: Path) -> list[Example]:
    """The examples of a spec file: Markdown and expected HTML, with `→` turned back into tabs."""
    examples: list[Example] = []
    section = ""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith(FENCE + " example"):
            start = i + 1
            j = start
            while lines[j].rstrip("\n") != ".":
                j += 1
            k = j + 1
            while not lines[k].startswith(FENCE):
                k += 1
            examples.append(Example(
                file=path.name, number=len(examples) + 1, line=start, section=section,
                markdown="".join(lines[start:j]).replace("→", "\t"),
                html="".join(lines[j + 1:k]).replace("→", "\t"),
            ))
            i = k + 1
            continue
        heading = re.match(r"#{1,6} +(.*?)\s*$", line)
        if heading and not line.startswith("####"):
            section = heading.group(1)
        i += 1
    return examples


def all_examples() -> list[Example]:
    return [ex for name in SPEC_FILES for ex in spec_examples(SPEC_DIR / name)]


# -- normaliser (after cmark's test/normalize.py) ----------------------------------------------

_BLOCK_TAGS = frozenset("""
article header aside hgroup blockquote hr iframe body li map button object canvas ol caption
output col p colgroup pre dd progress div dl table td dt tbody embed textarea fieldset tfoot
figcaption th figure thead footer tr form ul h1 h2 h3 h4 h5 h6 video script style
""".split())
_WHITESPACE = re.compile(r"\s+")


class _Normaliser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.last = "starttag"
        self.last_tag = ""
        self.in_pre = False
        self.output = ""

    def handle_data(self, data: str) -> None:
        after_tag = self.last in ("endtag", "starttag")
        after_block_tag = after_tag and self.last_tag in _BLOCK_TAGS
        if after_tag and self.last_tag == "br":
            data = data.lstrip("\n")
        if not self.in_pre:
            data = _WHITESPACE.sub(" ", data)
        if after_block_tag and not self.in_pre:
            if self.last == "starttag":
                data = data.lstrip()
            elif self.last == "endtag":
                data = data.strip()
        self.output += data
        self.last = "data"

    def handle_endtag(self, tag: str) -> None:
        if tag == "pre":
            self.in_pre = False
        elif tag in _BLOCK_TAGS:
            self.output = self.output.rstrip()
        self.output += f"</{tag}>"
        self.last_tag = tag
        self.last = "endtag"

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "pre":
            self.in_pre = True
        if tag in _BLOCK_TAGS:
            self.output = self.output.rstrip()
        self.output += "<" + tag
        for key, value in sorted(attrs, key=lambda kv: (kv[0], kv[1] or "")):
            self.output += " " + key
            if value is not None:
                self.output += '="' + html.escape(value, quote=True) + '"'
        self.output += ">"
        self.last_tag = tag
        self.last = "starttag"

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        self.last_tag = tag
        self.last = "endtag"

    def handle_comment(self, data: str) -> None:
        self.output += "<!--" + data + "-->"
        self.last = "comment"

    def handle_decl(self, decl: str) -> None:
        self.output += "<!" + decl + ">"
        self.last = "decl"

    def unknown_decl(self, data: str) -> None:
        self.output += "<!" + data + ">"
        self.last = "decl"

    def handle_pi(self, data: str) -> None:
        self.output += "<?" + data + ">"
        self.last = "pi"

    def handle_entityref(self, name: str) -> None:
        code = name2codepoint.get(name)
        self._char(chr(code) if code is not None else None, f"&{name};")

    def handle_charref(self, name: str) -> None:
        try:
            char: str | None = chr(int(name[1:], 16) if name[:1] in "xX" else int(name))
        except (ValueError, OverflowError):
            char = None
        self._char(char, f"&#{name};")

    def _char(self, char: str | None, fallback: str) -> None:
        escaped = {"<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;"}
        self.output += fallback if char is None else escaped.get(char, char)
        self.last = "ref"


def normalize_html(text: str) -> str:
    """HTML with insignificant differences (whitespace between blocks, attribute order,
    entity spelling, `<br />` vs `<br>`) smoothed away, so two renderings can be compared."""
    parser = _Normaliser()
    parser.feed(text)
    parser.close()
    return parser.output


@dataclass(frozen=True)
class Result:
    example: Example
    actual: str
    passed: bool


def run_spec(engine: GfmEngine | None = None) -> list[Result]:
    """Every spec example rendered with highlighting off and compared with the expected HTML."""
    engine = engine or GfmEngine(highlight=False)
    results = []
    for ex in all_examples():
        actual = engine.body(ex.markdown)
        # `<IGNORE>`: the example only checks that rendering does not crash (as cmark's harness).
        passed = ex.html.strip() == "<IGNORE>" or normalize_html(actual) == normalize_html(ex.html)
        results.append(Result(ex, actual, passed))
    return results


# -- tests --------------------------------------------------------------------------------------

def test_the_spec_has_all_its_examples() -> None:
    examples = all_examples()
    assert len(examples) == 701
    assert examples[0].markdown == "\tfoo\tbaz\t\tbim\n"


def test_spec_pass_rate_is_at_least_98_percent() -> None:
    results = run_spec()
    failed = [r.example for r in results if not r.passed]
    rate = 1 - len(failed) / len(results)
    print(f"GFM spec: {len(results) - len(failed)}/{len(results)} passed ({rate:.1%}); failing: "
          + ", ".join(f"{ex.name} ({ex.section})" for ex in failed))
    assert rate >= REQUIRED_RATE, [ex.name for ex in failed]


@pytest.fixture(scope="module")
def engine() -> GfmEngine:
    return GfmEngine(highlight=False)


def test_table(engine: GfmEngine) -> None:
    out = engine.body("| a | b |\n|:--|--:|\n| 1 | 2 |\n")
    assert "<table>" in out and '<th align="left">a</th>' in out
    assert '<td align="right">2</td>' in out


def test_strikethrough(engine: GfmEngine) -> None:
    assert engine.body("~~gone~~ here") == "<p><del>gone</del> here</p>\n"


def test_task_list_has_disabled_checkboxes(engine: GfmEngine) -> None:
    out = engine.body("- [ ] todo\n- [x] done\n")
    boxes = re.findall(r"<input[^>]*>", out)
    assert len(boxes) == 2 and all("disabled" in box for box in boxes)
    assert "checked" not in boxes[0] and "checked" in boxes[1]


def test_www_autolink(engine: GfmEngine) -> None:
    assert engine.body("see www.example.com.") == \
        '<p>see <a href="http://www.example.com">www.example.com</a>.</p>\n'


def test_url_and_email_autolinks(engine: GfmEngine) -> None:
    out = engine.body("https://example.org/a?b=1 or me@example.com")
    assert '<a href="https://example.org/a?b=1">https://example.org/a?b=1</a>' in out
    assert '<a href="mailto:me@example.com">me@example.com</a>' in out


def test_footnote(engine: GfmEngine) -> None:
    out = engine.body("Text[^1].\n\n[^1]: The note.\n")
    assert 'href="#fn1"' in out and "The note." in out and 'class="footnotes"' in out


def test_tag_filter_escapes_script(engine: GfmEngine) -> None:
    out = engine.body("<script>alert(1)</script>\n\nok <style>x</style> <b>bold</b>\n")
    assert "<script" not in out and "&lt;script>" in out and "&lt;/script>" in out
    assert "&lt;style>" in out and "<b>bold</b>" in out


def test_known_fence_language_is_highlighted() -> None:
    out = GfmEngine().body("```python\ndef f():\n    return 1\n```\n")
    assert out.startswith('<div class="codehilite"><pre>') and '<span class="k">def</span>' in out


def test_unknown_fence_language_falls_back_to_plain_text() -> None:
    out = GfmEngine().body("```nosuchlang\na < b\n```\n")
    assert out == '<pre><code class="language-nosuchlang">a &lt; b\n</code></pre>\n'
    assert GfmEngine().body("```\nx\n```\n") == "<pre><code>x\n</code></pre>\n"


def test_image_resolver_is_applied() -> None:
    engine = GfmEngine(resolve=lambda url: "file:///site/" + url)
    out = engine.body("![alt](pic.png \"t\") and [link](pic.png)")
    assert '<img src="file:///site/pic.png" alt="alt" title="t" />' in out
    assert '<a href="pic.png">' in out


def test_normaliser_ignores_insignificant_differences() -> None:
    assert normalize_html('<p>a<br />\nb</p>\n<img alt="x" src="y">') == \
        normalize_html('<p>a<br>b</p><img src="y" alt="x" />')
