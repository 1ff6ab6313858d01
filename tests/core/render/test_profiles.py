"""Rendering profiles: a site's own configuration decides what its posts look like in the preview
(typography, definition lists, shortcodes, Liquid, MDX, math, embeds), and a plain site keeps
plain CommonMark + GFM."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app.core.render.pipeline import Renderer, site_resolver
from desktop_app.core.render.profile import GOLDMARK, KRAMDOWN, SMARTYPANTS, RenderProfile
from desktop_app.core.render.site_settings import site_profile
from desktop_app.core.site.config import GFM
from desktop_app.core.site.detect import load_site
from tests.conftest import REPO_ROOT
from tests.helpers.inert import active

TYPO = "It's \"quoted\" -- en, --- em, wait... <<x>> `it's \"code\" --`\n"


def body(text: str, profile: RenderProfile, resolve=None, mdx: bool = False) -> str:  # noqa: ANN001
    return Renderer(GFM).render(text, resolve, mdx=mdx, profile=profile).body_html


def site(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(("typography", "expected"), [
    (GOLDMARK, "<p>It’s “quoted” – en, — em, wait… «x» "),
    (KRAMDOWN, "<p>It’s “quoted” – en, — em, wait… «x» "),
    (SMARTYPANTS, "<p>It’s “quoted” — en, --- em, wait… "),
    ("", "<p>It's \"quoted\" -- en, --- em, wait... "),
])
def test_each_generator_curls_quotes_and_dashes_its_own_way_never_in_code(typography: str, expected: str) -> None:
    html = body(TYPO, RenderProfile("x", "y", typography=typography))
    assert html.startswith(expected)
    assert "<code>it's \"code\" --</code>" in html


def test_kramdown_puts_a_no_break_space_inside_spaced_angle_quotes() -> None:
    assert "«&nbsp;x&nbsp;»" in body("<< x >>\n", RenderProfile("jekyll", "kramdown", typography=KRAMDOWN))


def test_a_hugo_site_reads_goldmark_settings_from_its_config(tmp_path: Path) -> None:
    root = site(tmp_path, {"hugo.toml": "[markup.goldmark.extensions]\ntypographer = false\n"
                                        "[markup.goldmark.renderer]\nunsafe = true\n[params]\nauthor = 'Ada'\n",
                           "content/posts/a.md": "---\ntitle: A\n---\nHi\n"})
    profile = site_profile(load_site(root))
    assert (profile.generator, profile.typography, profile.raw_html, profile.definition_lists) == \
        ("hugo", "", True, True)
    assert profile.data["params"]["author"] == "Ada" and "hugo.toml" in profile.sources


def test_postdesk_yml_overrides_the_profile_and_the_cli_prints_it(tmp_path: Path) -> None:
    root = site(tmp_path, {"hugo.toml": "title = 'x'\n", "content/posts/a.md": "Hi\n",
                           ".postdesk.yml": "preview:\n  typography: off\n  math: ['$', '$$']\n"})
    done = subprocess.run([sys.executable, "-m", "desktop_app", "site", str(root), "--json"], cwd=REPO_ROOT,
                          capture_output=True, text=True, timeout=60, check=True)
    data = json.loads(done.stdout)
    assert (data["generator"], data["flavor"]) == ("hugo", "gfm")
    assert data["profile"]["options"]["typography"] == "" and data["profile"]["options"]["math"] == ["$", "$$"]


def test_hugo_defaults_definition_lists_footnote_rule_and_heading_ids(tmp_path: Path) -> None:
    profile = site_profile(load_site(site(tmp_path, {"hugo.toml": "", "content/a.md": "x\n"})))
    html = body("## Title {#custom}\n\nTerm\n: Definition\n\nNote[^1].\n\n[^1]: The note.\n\n<b>raw</b>\n", profile)
    assert '<h2 id="custom">Title</h2>' in html
    assert "<dl>\n<dt>Term</dt>\n<dd>Definition</dd>\n</dl>" in html
    assert '<div class="footnotes"' in html and "<hr>" in html and "&nbsp;<a" in html
    assert "<b>raw</b>" not in html and "raw HTML omitted" in html  # Hugo's default: unsafe = false


def test_hugo_built_in_shortcodes_render_as_hugo_renders_them(tmp_path: Path) -> None:
    root = site(tmp_path, {"hugo.toml": "[params]\nversion = '1.2'\n", "content/a.md": "x\n"})
    resolve = site_resolver(load_site(root), root / "content" / "a.md")
    html = body('{{< figure src="/x.png" title="Fig" caption="A *cap*" >}}\n\n'
                'Version {{< param version >}}.\n\n{{< youtube dQw4w9WgXcQ >}}\n\n'
                "```go-html-template\n{{</* myshortcode */>}}\n```\n\n"
                "{{% notice %}}\nInner **bold**\n{{% /notice %}}\n\n"
                "{{< highlight python >}}\nx = 1\n{{< /highlight >}}\n", resolve.profile, resolve)
    assert "<figure><img" in html and "<figcaption><h4>Fig</h4><p>A <em>cap</em></p></figcaption>" in html
    assert "Version 1.2." in html
    assert 'data-kind="YouTube"' in html and 'href="https://www.youtube.com/watch?v=dQw4w9WgXcQ"' in html
    assert "{{&lt; myshortcode &gt;}}" in html  # the escaped form shows as written, in code
    assert 'data-kind="Hugo shortcode">notice</span>' in html and "<strong>bold</strong>" in html
    assert '<div class="codehilite">' in html and "x" in html


def test_jekyll_liquid_runs_before_markdown(tmp_path: Path) -> None:
    pytest.importorskip("liquid")
    root = site(tmp_path, {"_config.yml": "repository: https://github.com/x/y\n",
                           "_data/team.yml": "- name: Ada\n- name: Bob\n",
                           "_includes/note.html": "<aside>{{ include.text }}</aside>\n",
                           "_posts/2020-01-01-a.md": "x\n"})
    resolve = site_resolver(load_site(root), root / "_posts" / "2020-01-01-a.md")
    text = ("---\ntitle: Hello\n---\n# {{ page.title }}\n\n"
            "{% for m in site.data.team %}* {{ m.name }}\n{% endfor %}\n"
            "[#1]({{ site.repository }}/issues/1) {% raw %}{{ kept }}{% endraw %}\n\n"
            "{% highlight ruby %}\nputs 1\n{% endhighlight %}\n\n{% include note.html text=\"Hi\" %}\n\n"
            "{% plugin_tag x %}\n\n{: .lead}\nWe're here.\n")
    html = Renderer().render(text, resolve).body_html
    assert "<h1" in html and "Hello</h1>" in html
    assert "<li>Ada</li>" in html and "<li>Bob</li>" in html
    assert 'href="https://github.com/x/y/issues/1"' in html and "{{ kept }}" in html
    assert '<div class="codehilite">' in html and "<aside>Hi</aside>" in html
    assert 'data-kind="Liquid">plugin_tag x</span>' in html
    assert '<p class="lead">We’re here.</p>' in html


def test_mdx_imports_vanish_and_components_are_boxes_around_their_markdown() -> None:
    profile = RenderProfile("astro", "remark", typography=SMARTYPANTS, footnotes="remark", mdx=True)
    text = ("import Chart from '../Chart.astro';\nexport const x = {\n  a: 1,\n};\n\nIntro.\n\n"
            '<Callout type="tip">\n**Bold** child.\n</Callout>\n---\n\nA <Badge>new</Badge> {"text"} {x} end.\n')
    html = body(text, profile, mdx=True)
    assert "import" not in html and "export" not in html
    assert '<div class="pd-component" data-component="Callout"><span class="pd-placeholder"' in html
    assert "<strong>Bold</strong> child." in html and "<hr>" in html
    assert '<span class="pd-component" data-component="Badge">' in html and " text " in html
    assert 'data-kind="MDX expression">x</span>' in html


def test_math_becomes_mathml_and_only_the_renderers_mathml_survives() -> None:
    profile = RenderProfile("x", "y", math=("$", "$$"))
    html = body("Inline $a^2$ and\n\n$$\n\\frac{1}{2} \\href{javascript:alert(1)}{x}\n$$\n\n"
                '<math><mi href="javascript:alert(1)">raw</mi></math> `$not math$`\n', profile)
    assert '<math display="inline"><mrow><msup><mi>a</mi><mn>2</mn></msup></mrow></math>' in html
    assert '<math display="block">' in html and "<mfrac>" in html
    assert "javascript" not in html and html.count("<math") == 2  # the writer's own <math> is dropped
    assert "<code>$not math$</code>" in html
    assert active(html) == []


def test_a_remote_frame_is_a_card_and_a_repository_video_plays(tmp_path: Path) -> None:
    root = site(tmp_path, {"package.json": '{"dependencies": {"astro": "4"}}', "src/content/blog/p/index.md": "x",
                           "src/content/blog/p/clip.mp4": "not really a video"})
    post = root / "src/content/blog/p/index.md"
    text = ('<iframe src="https://www.youtube.com/embed/abc"></iframe>\n\n<video src="./clip.mp4">fallback</video>\n\n'
            '<video src="https://example.org/v.mp4">remote fallback</video>\n\n<video src="../../../../etc.mp4"></video>\n')
    for flavor in ("gfm", "python-markdown"):
        html = Renderer(flavor).render(text, site_resolver(load_site(root), post)).body_html
        assert 'data-kind="YouTube"' in html and "&lt;iframe" not in html
        assert f'<video controls preload="metadata" src="{(post.parent / "clip.mp4").as_uri()}"></video>' in html
        assert "fallback" not in html.replace("remote fallback", "")  # the local one plays instead
        assert "remote fallback" in html and html.count("<video") == 1


def test_a_plain_gfm_site_keeps_plain_gfm() -> None:
    plain = RenderProfile.plain(GFM)
    assert plain.is_plain and not dataclasses.replace(plain, typography=GOLDMARK).is_plain
    assert body(TYPO, plain).startswith("<p>It's \"quoted\" -- en")
