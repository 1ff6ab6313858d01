"""git's merge driver for posts: `merge_driver.py [--rebase] BASE CURRENT OTHER [PATH]`.

git runs it (see `core/git/merge_config.py`) for each Markdown post that both sides changed, with the
three versions in temporary files. It writes the merged post over CURRENT and exits 0 when the
merge is clean, 1 when a field or the text conflicts (git then stops and marks the post
conflicted; the markers in the file are there to resolve). In a rebase (`--rebase`) git's
CURRENT is the upstream and OTHER the commit being replayed, so "mine" is OTHER.

Runs as `python -m desktop_app.merge_driver`, as a script path (Postdesk passes this file's path,
which works whether or not the package is installed), or as `postdesk merge-driver` in the
packaged app. It never imports Qt. Whatever goes wrong, git's own line merge is the fallback, so
a pull never loses a side.
"""

from __future__ import annotations

import sys
from pathlib import Path

if not __package__:  # run as a script: make `desktop_app` importable from this file's location
    sys.path[0] = str(Path(__file__).resolve().parent.parent)

import argparse  # noqa: E402 - after the path set-up above
import subprocess  # noqa: E402
import traceback  # noqa: E402
from typing import Sequence  # noqa: E402

from desktop_app.core.document.markers import MINE, THEIRS  # noqa: E402
from desktop_app.core.git.process import git_env  # noqa: E402
from desktop_app.core.merge.post_merge import merge_post  # noqa: E402


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="postdesk merge-driver",
                                     description="git merge driver: merge a post field by field.")
    parser.add_argument("--rebase", action="store_true", help="git is rebasing: OTHER holds mine")
    parser.add_argument("--upstream", metavar="SHA",
                        help="the commit a merge brings in: when OTHER is not its version of PATH, git "
                             "is re-applying autostashed edits, and OTHER holds mine")
    parser.add_argument("base", help="%%O: the common ancestor")
    parser.add_argument("current", help="%%A: git's current side; the result is written here")
    parser.add_argument("other", help="%%B: the other side")
    parser.add_argument("path", nargs="?", default="", help="%%P: the post's path, for messages")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    base, current, other = Path(args.base), Path(args.current), Path(args.other)
    try:
        texts = [path.read_bytes().decode("utf-8") for path in (base, current, other)]
    except UnicodeDecodeError:
        return _line_merge(args)  # not UTF-8 text: exactly what git would have done
    base_text, current_text, other_text = texts
    mine, theirs = (other_text, current_text) if _other_is_mine(args) else (current_text, other_text)
    try:
        merged = merge_post(base_text, mine, theirs)
    except Exception:  # noqa: BLE001 - a bug must not cost the pull a side: merge lines instead
        traceback.print_exc()
        return _line_merge(args)
    current.write_bytes(merged.text.encode("utf-8", "surrogateescape"))
    name = args.path or "the post"
    for conflict in merged.field_conflicts:
        print(f"postdesk: {name}: {conflict.describe()}", file=sys.stderr)
    if merged.body_conflicted or merged.front_conflicted:
        print(f"postdesk: {name}: the text changed on both sides", file=sys.stderr)
    return 1 if merged.needs_resolution else 0


def _other_is_mine(args: argparse.Namespace) -> bool:
    """In a rebase, and when re-applying autostashed edits, git's OTHER side is the writer's."""
    if args.rebase:
        return True
    if not args.upstream or not args.path:
        return False
    upstream = subprocess.run(["git", "cat-file", "blob", f"{args.upstream}:{args.path}"], env=git_env(),
                              stdin=subprocess.DEVNULL, capture_output=True, check=False)
    return upstream.returncode == 0 and upstream.stdout != Path(args.other).read_bytes()


def _line_merge(args: argparse.Namespace) -> int:
    """git's built-in line merge into CURRENT, labelled from the writer's point of view."""
    first, second = (THEIRS, MINE) if _other_is_mine(args) else (MINE, THEIRS)
    result = subprocess.run(["git", "merge-file", "-L", first, "-L", "base", "-L", second,
                             args.current, args.base, args.other], env=git_env(),
                            stdin=subprocess.DEVNULL, check=False)
    return 0 if result.returncode == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
