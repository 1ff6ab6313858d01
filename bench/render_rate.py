"""Rendering rate: `postdesk render` of the shared corpora against markdown-it-py alone, in MB of
Markdown a second, from one run. Not run by CI.

- markdown-it-py: CommonMark with tables and strikethrough (GFM's core), HTML allowed, rendering
  each post's body; nothing else.
- Postdesk: the preview's pipeline with the GFM engine (`postdesk render --flavor gfm`): front
  matter and header, template placeholders, GFM's autolinks, task lists and footnotes, Pygments
  highlighting, the sanitizer. Target: at least 0.8× markdown-it-py's rate.

Both are measured in this process (after one pass, as the preview renders) and as commands
(`postdesk render --flavor gfm -o DIR FILE…` against a Python process doing the markdown-it-py
pass and writing each page too), medians of alternating runs, in wall-clock time and in CPU time
(this process's, or the commands'; on a shared machine the CPU figures move much less). Then the render of a 20,000-word post with 50 code blocks,
the work behind each preview update (target: the preview within 100 ms of a keystroke).

`python bench/render_rate.py [--runs 5]`
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from markdown_it import MarkdownIt  # noqa: E402

from bench.run import post  # noqa: E402
from desktop_app.core.document.storage import read_text  # noqa: E402
from desktop_app.core.frontmatter import parse as fm  # noqa: E402
from desktop_app.core.render.pipeline import Renderer, site_resolver  # noqa: E402
from desktop_app.core.render.profile import RenderProfile  # noqa: E402
from desktop_app.core.site.config import GFM, PYTHON_MARKDOWN  # noqa: E402
from desktop_app.core.site.detect import load_site  # noqa: E402

CORPORA = ROOT.parent / "shared" / "corpora"
NAMES = ("hugo-docs", "jekyll-posts", "github-explore")
RATIO_TARGET, PREVIEW_TARGET_MS = 0.8, 100.0
MARKDOWN_IT_COMMAND = """
import os, sys
from markdown_it import MarkdownIt
md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
out = sys.argv[1]
for number, name in enumerate(sys.argv[2:]):
    text = open(name, encoding="utf-8").read()
    if text.startswith("---"):
        end = text.find("\\n---", 3)
        text = text[text.find("\\n", end + 4) + 1:] if end > 0 else text
    with open(os.path.join(out, f"{number}.html"), "w", encoding="utf-8") as file:
        file.write(md.render(text))
"""


def markdown_it() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


def median_of(runs: int, **functions: Callable[[], object]) -> dict[str, tuple[float, float]]:
    """Each function's median wall-clock and CPU seconds over `runs` alternating runs (CPU: this
    process's and its finished children's, user and system)."""
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in functions}
    for _ in range(runs):
        for name, function in functions.items():
            start, cpu = time.perf_counter(), _cpu()
            function()
            times[name].append((time.perf_counter() - start, _cpu() - cpu))
    return {name: (statistics.median(wall for wall, _ in values), statistics.median(cpu for _, cpu in values))
            for name, values in times.items()}


def _cpu() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def command(args: list[str], work: Path) -> Callable[[], None]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "POSTDESK_HOME": str(work / "home")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # compiled modules are kept, as an installed Postdesk has them
    env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
    return lambda: subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if not CORPORA.is_dir():
        print(f"The corpora are not at {CORPORA}.", file=sys.stderr)
        return 1
    files = [path for name in NAMES for path in sorted((CORPORA / name).rglob("*"))
             if path.suffix in (".md", ".markdown")]
    texts = [read_text(path).text for path in files]
    bodies = [fm.split(text).body for text in texts]
    megabytes = sum(len(text.encode("utf-8")) for text in texts) / 1e6
    sites = {name: load_site(CORPORA / name) for name in NAMES}
    resolvers = [site_resolver(sites[path.relative_to(CORPORA).parts[0]], path) for path in files]
    engine, renderer, gfm = markdown_it(), Renderer(GFM), RenderProfile.plain(GFM)

    def ours() -> None:
        for text, resolve in zip(texts, resolvers):
            renderer.render(text, resolve, profile=gfm)
    ours()  # the engines, lexers and cleaner are made once per process, as in the preview
    inside = median_of(args.runs, anchor=lambda: [engine.render(body) for body in bodies], postdesk=ours)
    names = [str(path) for path in files]
    with tempfile.TemporaryDirectory(prefix="postdesk-render-bench-") as folder:
        work = Path(folder)
        (work / "postdesk").mkdir()
        (work / "markdown-it").mkdir()  # the anchor writes its pages too
        postdesk_command = command([sys.executable, "-m", "desktop_app", "render", "--flavor", "gfm", "-o",
                                    str(work / "postdesk"), *names], work)
        postdesk_command()  # compiled modules written once
        anchor_command = command([sys.executable, "-c", MARKDOWN_IT_COMMAND, str(work / "markdown-it"), *names], work)
        outside = median_of(args.runs, anchor=anchor_command, postdesk=postdesk_command)
    print(f"{len(files):,} posts of the corpora, {megabytes:.2f} MB   {'Postdesk':>12} {'markdown-it-py':>15} "
          f"{'ratio':>7}  {'CPU ratio':>9}  target {RATIO_TARGET}×")
    for label, figures in (("in one process (the preview's case)", inside), ("as commands (postdesk render)", outside)):
        (ours_wall, ours_cpu), (anchor_wall, anchor_cpu) = figures["postdesk"], figures["anchor"]
        ratio, cpu_ratio = anchor_wall / ours_wall, anchor_cpu / ours_cpu
        print(f"{label:52} {megabytes / ours_wall:7.2f} MB/s {megabytes / anchor_wall:9.2f} MB/s "
              f"{ratio:6.2f}×  {cpu_ratio:8.2f}×  {'yes' if min(ratio, cpu_ratio) >= RATIO_TARGET else 'NO'}")
    big = post(20000, 50)
    print(f"\n{'render of a 20,000-word post, 50 code blocks':52} {'median ms':>12}  target (the whole update) "
          f"{PREVIEW_TARGET_MS:.0f} ms")
    for flavor in (GFM, PYTHON_MARKDOWN):
        preview = Renderer(flavor)
        preview.render(big, source_map=True)
        times = []
        for index in range(9):
            start = time.perf_counter()
            preview.render(big + "x" * index, source_map=True)  # a keystroke's worth of change
            times.append((time.perf_counter() - start) * 1000)
        print(f"{'  ' + flavor:52} {statistics.median(times):12.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
