"""The preview is the site: each corpus built by its own generator (Debian's Hugo and Jekyll, Astro's
MDX pipeline through Node.js) and compared post by post with Postdesk's body for the same post
(`scripts/compare_generator.py`). At least 95% of the posts must be identical after normalising
attributes and highlighter markup only; the report of what still differs is printed. Posts that
call a shortcode or Liquid only the site's theme defines are counted apart.

Without the generators (a developer's machine) the tests skip; in CI, which installs them
(`make test`), a missing one fails."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT
from tests.helpers.required import unavailable

sys.path.insert(0, str(REPO_ROOT / "scripts"))
from generators.common import GeneratorMissing  # noqa: E402
from generators.compare import compare  # noqa: E402
from generators.report import markdown  # noqa: E402

SHARED = REPO_ROOT.parent / "shared"
TARGET = 0.95
CORPORA = {
    "hugo": SHARED / "corpora" / "hugo-docs",
    "jekyll": SHARED / "corpora" / "jekyll-posts",
    "astro": SHARED / "sites" / "astro-balastrong",
}


@pytest.mark.parametrize("generator", sorted(CORPORA))
def test_posts_render_as_their_generator_renders_them(generator: str) -> None:
    corpus = CORPORA[generator]
    if not corpus.is_dir():
        pytest.skip(f"{corpus} is not here (the shared corpora sit beside the repository)")
    if generator == "jekyll":
        _require_module("liquid", "python-liquid (Jekyll's Liquid)")
    try:
        result = compare(Path(corpus), generator)
    except GeneratorMissing as error:
        unavailable(str(error))
    report = markdown(result)
    print(report)
    rates = result.rates()
    assert rates["posts"] >= 100, f"only {rates['posts']} posts were compared:\n{report[:3000]}"
    assert rates["rate"] >= TARGET, (
        f"{generator}: {rates['identical']} of {rates['posts']} posts identical ({rates['rate']:.0%}), "
        f"below {TARGET:.0%}:\n{report[:6000]}")


def _require_module(name: str, package: str) -> None:
    try:
        __import__(name)
    except ImportError:
        unavailable(f"the Python package {package} is not installed")
