"""Compare each post's body as Postdesk previews it with the same post built by the site's generator.

    PYTHONPATH=. .venv/bin/python scripts/compare_generator.py [--generator hugo|jekyll|astro]
        [--flavor gfm|python-markdown] [--report FILE] [--json] SITE_OR_CORPUS

The generator builds the posts in a temporary site whose layouts print only the post body (the
site's folder is only read): Hugo (`apt-get install hugo`) with the site's `hugo.toml`/`config.*`
when there is one, Jekyll (`apt-get install jekyll`) with its `_config.yml` minus plugins and
theme, Astro's default remark-gfm + remark-smartypants pipeline through Node.js (npm packages in
`scripts/generators/node/`, installed on first use). Postdesk renders the same files with its
preview pipeline, in the flavour it picks for the site unless `--flavor` says otherwise.

Both bodies are normalised alike (attributes, highlighter markup, white space between tags,
entities and comments levelled; see `scripts/generators/normalize.py`), so typography and
structure still count. For each post the script says whether it is identical strictly,
identical once quotes/dashes/ellipses are folded, or different, with the kind of each difference
and the first one's context. Posts using a shortcode or Liquid that only the site or its theme
defines are built with a stub and counted apart.

It prints a summary; `--report FILE` writes the full Markdown report (every differing post),
`--json` prints everything as JSON instead; `--only TEXT --diff` shows what differs in the
posts whose path contains TEXT, as a diff of the normalised bodies. From Python (a test):
`sys.path.insert(0, "scripts"); from generators.compare import compare`.

Exit status: 0 when it ran (whatever the figures), 2 when the generator is missing or failed.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parent.parent))  # Postdesk itself, when run from a checkout

from generators.common import GeneratorMissing  # noqa: E402
from generators.compare import GENERATORS, compare  # noqa: E402
from generators.report import markdown, summary_lines  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="compare_generator.py", description=__doc__.split("\n\n")[0],
        epilog="Example: scripts/compare_generator.py ../shared/corpora/hugo-docs --report hugo.md")
    parser.add_argument("site", type=Path, metavar="SITE_OR_CORPUS",
                        help="a site's repository, or a folder of posts (a corpus)")
    parser.add_argument("--generator", choices=GENERATORS, help="default: detected from the site's files")
    parser.add_argument("--flavor", choices=("gfm", "python-markdown"),
                        help="Postdesk's Markdown flavour (default: the one Postdesk picks for the site)")
    parser.add_argument("--report", type=Path, metavar="FILE", help="write the full Markdown report there")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--only", default="", metavar="TEXT", help="compare only posts whose path contains TEXT")
    parser.add_argument("--diff", action="store_true",
                        help="print each differing post's diff of the normalised bodies (generator → Postdesk)")
    args = parser.parse_args(argv)
    if not args.site.is_dir():
        parser.error(f"{args.site} is not a folder")
    try:
        result = compare(args.site, args.generator, args.flavor, only=args.only, diffs=args.diff)
    except (GeneratorMissing, RuntimeError, ValueError) as error:
        print(f"compare_generator: {error}", file=sys.stderr)
        return 2
    if args.report:
        args.report.write_text(markdown(result), encoding="utf-8")
    if args.json:
        json.dump(result.to_json(), sys.stdout, indent=1, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        if args.diff:
            print("".join(post.diff for post in result.posts if post.diff))
        print("\n".join(summary_lines(result)))
        if args.report:
            print(f"  report: {args.report}")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # `… --diff | head`
        sys.stderr.close()
        sys.exit(0)
