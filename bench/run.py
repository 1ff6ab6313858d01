"""Benchmarks with their targets: `make bench`. Prints medians next to each target; not run by CI.

Measures the Qt-free pipeline the preview and the library use: rendering a 2,000- and a
20,000-word post with code blocks, scanning the real corpora, one front-matter edit, and
`postdesk check` (read + validate every post) over every corpus, in files per second.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from desktop_app.core.frontmatter import edit as fm_edit
from desktop_app.core.frontmatter import parse as frontmatter  # noqa: E402
from desktop_app.core.render.pipeline import Renderer  # noqa: E402
from desktop_app.core.site.config import GFM, Collection, SiteConfig  # noqa: E402
from desktop_app.core.site.detect import load_site
from desktop_app.core.site.library.checker import check_site  # noqa: E402
from desktop_app.core.site.library.summaries import scan  # noqa: E402

CORPORA = ROOT.parent / "shared" / "corpora"
PARAGRAPH = ("Caching powers fast, scalable systems by keeping hot data close to where it is used, "
             "and the hard part is always knowing when a cached answer stops being true. ")
CODE = "```python\ndef lookup(key: str) -> bytes | None:\n    return cache.get(key) or load(key)\n```\n\n"


def post(words: int, code_blocks: int) -> str:
    per_paragraph = len(PARAGRAPH.split()) * 3
    paragraphs = max(1, words // per_paragraph)
    body = []
    for index in range(paragraphs):
        body.append(f"## Section {index}\n\n" if index % 8 == 0 else "")
        body.append(PARAGRAPH * 3 + "\n\n")
        if code_blocks and index % max(1, paragraphs // code_blocks) == 0:
            body.append(CODE)
    return "---\ntitle: Bench\ndate: 2026-01-01\ntags: [a, b]\n---\n" + "".join(body)


def median_ms(function: Callable[[], object], runs: int = 15) -> float:
    function()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> int:
    renderer, gfm = Renderer(), Renderer(GFM)
    small, large = post(2000, 5), post(20000, 50)
    rows = [
        ("render 2,000 words, 5 code blocks", median_ms(lambda: renderer.render(small, source_map=True)), 50.0),
        ("render 20,000 words, 50 code blocks", median_ms(lambda: renderer.render(large, source_map=True), 5), 250.0),
        ("render 2,000 words, 5 code blocks (GFM)", median_ms(lambda: gfm.render(small, source_map=True)), 50.0),
        ("render 20,000 words, 50 code blocks (GFM)", median_ms(lambda: gfm.render(large, source_map=True), 5), 250.0),
    ]
    doc = frontmatter.split(large)
    rows.append(("edit one front-matter field", median_ms(lambda: fm_edit.set_value(doc, "title", "New").join()), 2.0))
    if CORPORA.is_dir():
        for name in ("hugo-docs", "github-explore"):
            site = SiteConfig(CORPORA / name, (Collection("all", "All", ""),))
            rows.append((f"scan corpus {name}", median_ms(lambda s=site: scan(s), 3), 2000.0))
    print(f"{'benchmark':42} {'median ms':>10} {'target ms':>10}  ok")
    for label, value, target in rows:
        print(f"{label:42} {value:10.1f} {target:10.1f}  {'yes' if value <= target else 'NO'}")
    if CORPORA.is_dir():
        print()
        print(f"{'postdesk check':42} {'files/s':>10} {'target':>10}  ok")
        for name in ("hugo-docs", "jekyll-posts", "github-explore", "all three"):
            folders = [CORPORA / n for n in ("hugo-docs", "jekyll-posts", "github-explore")] if name == "all three" \
                else [CORPORA / name]
            sites = [load_site(folder) for folder in folders]
            files = sum(check_site(site).files for site in sites)
            rate = files / (median_ms(lambda: [check_site(site) for site in sites], 3) / 1000)
            print(f"{name + f' ({files} files)':42} {rate:10.0f} {CHECK_TARGET:10.0f}  {'yes' if rate >= CHECK_TARGET else 'NO'}")
    return 0


CHECK_TARGET = 1000.0  # files per second: a site's CI checks 1,000 posts in a second


if __name__ == "__main__":
    sys.exit(main())
