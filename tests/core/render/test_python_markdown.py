"""Python-Markdown sites get exactly Python-Markdown's output, with the extensions a blog needs."""

from __future__ import annotations

import markdown

from desktop_app.core.frontmatter import parse as fm
from desktop_app.core.render.pipeline import Renderer
from desktop_app.core.render.placeholders import mark_placeholders
from desktop_app.core.render.sanitize import sanitize
from desktop_app.core.resources import resource_path
from tests.core.corpus import markdown_files

# What README's "Markdown flavour" promises for Python-Markdown, spelled as a site's own
# configuration would spell it (mkdocs.yml `markdown_extensions`).
EXTENSIONS = ["extra", "codehilite", "sane_lists", "toc", "pymdownx.tilde", "pymdownx.tasklist"]
CONFIGS = {"codehilite": {"css_class": "codehilite", "guess_lang": False}, "toc": {"permalink": False},
           "pymdownx.tilde": {"subscript": False}, "pymdownx.tasklist": {"custom_checkbox": False}}


def reference(body: str) -> str:
    return markdown.markdown(body, extensions=EXTENSIONS, extension_configs=CONFIGS, output_format="html")


def test_task_lists_and_strikethrough() -> None:
    body = Renderer().render("- [ ] write\n- [x] ~~draft~~ publish\n\nH~2~O stays.\n").body_html
    assert '<li class="task-list-item"><input type="checkbox" disabled=""> write</li>' in body
    assert '<input type="checkbox" checked="" disabled=""> <del>draft</del> publish' in body
    assert "<p>H~2~O stays.</p>" in body  # one tilde is text, as on a Python-Markdown site


def test_tables_footnotes_toc_and_attribute_lists() -> None:
    body = Renderer().render("## Setup {: .wide }\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nText[^n].\n\n"
                             "[^n]: A note.\n").body_html
    assert '<h2 class="wide" id="setup">Setup</h2>' in body
    assert "<table>" in body and 'class="footnote"' in body


def posts() -> list[tuple[str, str]]:
    found = [(path.name, path.read_text(encoding="utf-8")) for path in
             sorted(resource_path("sample-blog", "posts").glob("*.md"))]
    for corpus in ("jekyll-posts", "github-explore"):
        found += [(path.name, path.read_bytes().decode("utf-8")) for path in markdown_files(corpus)]
    return found


def test_the_pipeline_adds_nothing_to_python_markdowns_output() -> None:
    """The sample blog and the real corpora render byte for byte as Python-Markdown renders them,
    except posts with template syntax (shown as chips) or HTML the sanitizer must change."""
    renderer = Renderer()
    compared, differ = 0, []
    for name, text in posts():
        body = fm.read_post(text).doc.body
        if mark_placeholders(body) != body:
            continue
        expected = reference(body)
        if sanitize(expected) != expected:
            continue
        compared += 1
        if renderer.render(text).body_html != expected:
            differ.append(name)
    assert differ == []
    assert compared > 1300, compared  # most of the 1,477 posts: the comparison means something
