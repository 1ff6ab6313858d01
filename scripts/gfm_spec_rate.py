"""Print how many GFM spec examples the GFM engine passes, per section and overall.

`python scripts/gfm_spec_rate.py [-v]`: renders every example of `../shared/specs/gfm/`
(`spec.txt` and `extensions.txt`) with `GfmEngine(highlight=False)`, compares it with the
expected HTML after cmark-style normalisation (`tests/core/render/test_gfm_spec.py`), and prints a table;
`-v` also prints the expected and actual HTML of each failing example.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.core.render.test_gfm_spec import normalize_html, run_spec  # noqa: E402


def main(argv: list[str]) -> int:
    results = run_spec()
    sections: dict[tuple[str, str], list[bool]] = {}
    for result in results:
        sections.setdefault((result.example.file, result.example.section[:60]), []).append(result.passed)
    width = max(len(f"{file}: {section}") for file, section in sections)
    print(f"{'section':<{width}}  passed  total    rate  failing examples")
    for (file, section), passed in sections.items():
        failing = [r.example.name for r in results
                   if not r.passed and (r.example.file, r.example.section[:60]) == (file, section)]
        print(f"{file + ': ' + section:<{width}}  {sum(passed):>6}  {len(passed):>5}  "
              f"{sum(passed) / len(passed):>6.1%}  {', '.join(failing)}")
    total = sum(r.passed for r in results)
    print(f"{'overall':<{width}}  {total:>6}  {len(results):>5}  {total / len(results):>6.1%}")
    if "-v" in argv:
        for r in results:
            if not r.passed:
                print(f"\n== {r.example.name} ({r.example.section}, line {r.example.line})")
                print("markdown:", repr(r.example.markdown))
                print("expected:", normalize_html(r.example.html))
                print("actual:  ", normalize_html(r.actual))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
