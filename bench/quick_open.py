"""Quick open per keystroke: what typing a query letter by letter costs, over the real corpora.

Each query is typed one letter at a time into the same matcher the window uses (the first
letter matches against every post; later letters narrow the earlier matches). Measured on the
three corpora (about 2,500 posts) and on four times as many. Prints the cost of opening it, the
median and the worst keystroke per query, next to the targets.
"""

from __future__ import annotations

import dataclasses
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from desktop_app.core.site.detect import load_site  # noqa: E402
from desktop_app.core.site.library.summaries import PostSummary, scan  # noqa: E402
from desktop_app.ui.commands import fuzzy  # noqa: E402
from desktop_app.ui.commands.quick_open import PostMatcher  # noqa: E402

CORPORA = ROOT.parent / "shared" / "corpora"
QUERIES = ("shortcode", "hugo content", "jekyll release", "cach", "ghpages")
# (median, worst) keystroke in ms: within a frame as a rule; the first letter, which matches
# against every post, within a few frames (about 2,500 posts) or a tenth of a second (10,000).
TARGETS = ((16.0, 50.0), (16.0, 100.0))


def typed(posts: list[PostSummary], query: str) -> tuple[float, list[float]]:
    """Milliseconds to open quick open, then per keystroke typing `query`. CPU time of this
    process: on two cores shared with others, wall time measures the neighbours."""
    matcher = PostMatcher()
    start = time.process_time()
    matcher.rows("", posts, None)  # opening: the recent posts, and each post's texts made once
    opened = (time.process_time() - start) * 1000
    times = []
    for end in range(1, len(query) + 1):
        start = time.process_time()
        matcher.rows(query[:end], posts, None)
        times.append((time.process_time() - start) * 1000)
    return opened, times


def main() -> int:
    if not CORPORA.is_dir():
        print(f"no corpora at {CORPORA}")
        return 1
    posts = [post for name in ("hugo-docs", "jekyll-posts", "github-explore") for post in scan(load_site(CORPORA / name))]
    many = posts + [dataclasses.replace(post, path=f"{copy}/{post.path}", title=f"{post.title} {copy}")
                    for copy in range(3) for post in posts]
    print(f"{'quick open (CPU ms)':40} {'open':>6} {'median key':>11} {'worst key':>10} {'target':>15}  ok")
    for library, (median_target, worst_target) in ((posts, TARGETS[0]), (many, TARGETS[1])):
        fuzzy.warm(text for post in library for text in (post.title, post.slug))  # as the window does after a scan
        for query in QUERIES:
            opened, times = typed(library, query)
            median, worst = statistics.median(times), max(times)
            ok = median <= median_target and worst <= worst_target and opened <= worst_target
            label = f"{len(library):,} posts: {query!r}"
            print(f"{label:40} {opened:6.1f} {median:11.1f} {worst:10.1f} {f'{median_target:g} / {worst_target:g}':>15}  "
                  f"{'yes' if ok else 'NO'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
