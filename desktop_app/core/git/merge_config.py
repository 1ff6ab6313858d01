"""How Postdesk's own pulls make git merge posts field by field, and nobody else's.

git runs a custom merge driver only for paths whose `merge` attribute names it, and only when the
driver is defined in the configuration. Postdesk defines both for its own commands alone, on the
command line: `-c merge.postdesk.driver=…` and `-c core.attributesFile=…` pointing at a file in
the repository's git folder (`.git/postdesk/attributes`). Nothing is written to the repository's
config, `.gitattributes` or `.git/info/attributes`, so plain `git pull` in a terminal behaves as
before. Attributes from the repository (`.gitattributes`, `info/attributes`) still win over ours:
a site that asked for `merge=union` on Markdown keeps it. The user's global attributes file is
copied below our lines, since `core.attributesFile` replaces it for that command.

The driver is this Python running `desktop_app/merge_driver.py`, or, in the packaged app, the app
itself with its `merge-driver` subcommand; paths are quoted for the shell git runs it with.
"""

from __future__ import annotations

import os
import shlex
import sys
from pathlib import Path

DRIVER = "postdesk"
PATTERNS = ("*.md", "*.markdown", "*.mdx")
_HEADER = ("# Written by Postdesk for its own pulls only (passed as core.attributesFile on the\n"
           "# command line): Markdown posts merge field by field. Plain git never reads this file.\n")


def driver_command(rebase: bool, upstream: str | None = None) -> str:
    """The shell command git runs for each post both sides changed (%O base, %A current, %B other).

    In a merge, `upstream` (the merged commit) lets the driver tell the merge from the re-applying
    of autostashed edits that follows it, where the other side is mine."""
    if getattr(sys, "frozen", False):  # PyInstaller: the app binary has a merge-driver subcommand
        parts = [sys.executable, "merge-driver"]
    else:
        parts = [sys.executable, str(Path(__file__).resolve().parents[2] / "merge_driver.py")]
    if rebase:
        parts.append("--rebase")  # in a rebase git's "current" side is the upstream, not mine
    elif upstream:
        parts += ["--upstream", upstream]
    return " ".join(_quote(part) for part in parts) + " %O %A %B %P"


def _quote(part: str) -> str:
    # git runs drivers with sh (Git for Windows bundles one), so POSIX quoting works everywhere;
    # forward slashes keep a Windows path readable to that shell.
    return shlex.quote(part.replace("\\", "/") if os.name == "nt" else part)


def attributes_text(global_attributes: str = "") -> str:
    """Our lines first, then the user's own global attributes (later lines win in one file)."""
    ours = "".join(f"{pattern} merge={DRIVER}\n" for pattern in PATTERNS)
    text = _HEADER + ours
    if global_attributes.strip():
        text += "# The user's global attributes, which still apply:\n" + global_attributes
        if not global_attributes.endswith("\n"):
            text += "\n"
    return text


def write_attributes(git_dir: Path, global_attributes: str = "") -> Path:
    """`.git/postdesk/attributes`, rewritten only when its text would change."""
    path = git_dir / "postdesk" / "attributes"
    text = attributes_text(global_attributes)
    try:
        if path.read_text(encoding="utf-8") == text:
            return path
    except (OSError, UnicodeDecodeError):
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name("attributes.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)
    return path


def merge_options(attributes: Path, rebase: bool, upstream: str | None = None) -> list[str]:
    """The `-c` options that put the driver in place for one git command."""
    return ["-c", f"merge.{DRIVER}.name=Postdesk: posts merged field by field",
            "-c", f"merge.{DRIVER}.driver={driver_command(rebase, upstream)}",
            "-c", f"core.attributesFile={attributes}"]
