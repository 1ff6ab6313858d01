"""The `postdesk` command. Without a subcommand it starts the desktop app; the subcommands
(`list`, `render`, `init`) are Qt-free and work on a machine without a display."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Sequence

from desktop_app import __version__
from desktop_app.core.errors import NotARepository, PostdeskError
from desktop_app.core.library import filter_posts
from desktop_app.core.paths import default_paths
from desktop_app.core.render import Renderer, site_resolver
from desktop_app.core.site import load_site
from desktop_app.core.storage import read_text
from desktop_app.core.vcs import GitRepo
from desktop_app.core.workspace import Workspace, initialise_repository

SUBCOMMANDS = ("list", "render", "init")


def _command_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="postdesk", description="Postdesk command line (no display needed).")
    parser.add_argument("--version", action="version", version=f"postdesk {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    listing = commands.add_parser("list", help="list the posts of a repository")
    listing.add_argument("repo", nargs="?", default=".", help="content repository (default: .)")
    listing.add_argument("--json", action="store_true", help="one JSON object per post, as a JSON array")
    listing.add_argument("--search", default="", help="only posts matching these words (tag:x, is:draft)")
    render = commands.add_parser("render", help="print the preview's HTML for a post")
    render.add_argument("file", help="a Markdown post")
    init = commands.add_parser("init", help="make a plain folder a git repository for Postdesk")
    init.add_argument("path")
    return parser


def _gui_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="postdesk",
        description="Write, preview, review and publish the posts of a Markdown blog kept in git.",
        epilog="Commands: postdesk list [REPO] [--json] | postdesk render FILE | postdesk init PATH",
    )
    parser.add_argument("--version", action="version", version=f"postdesk {__version__}")
    parser.add_argument("repository", nargs="?", help="content repository to open (default: the last one, "
                                                      "or the bundled sample blog)")
    return parser


def cmd_list(args: argparse.Namespace) -> int:
    workspace = Workspace.open(Path(args.repo))
    found = workspace.scan()
    workspace.require_posts(found)
    if args.search:
        found = filter_posts(found, args.search)
    if args.json:
        json.dump([post.to_json() for post in found], sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
        return 0
    width = min(max((len(post.title) for post in found), default=10), 60)
    for post in found:
        title = post.title if len(post.title) <= width else post.title[: width - 1] + "…"
        date = post.date.isoformat()[:10] if post.date else "—"
        state = "draft" if post.draft else "published"
        git = post.git_state or ""
        print(f"{date:10}  {title:{width}}  {state:9}  {git:9}  {post.path}")
    return 0


def cmd_render(args: argparse.Namespace) -> int:
    path = Path(args.file).resolve()
    text = read_text(path).text
    try:
        site = load_site(GitRepo.discover(path.parent).root)
    except PostdeskError:
        site = None
    rendered = Renderer().render(text, site_resolver(site, path))
    if rendered.error:
        print(f"postdesk: {rendered.error}", file=sys.stderr)
    sys.stdout.write(rendered.fragment())
    return 0


def cmd_init(args: argparse.Namespace) -> int:
    initialise_repository(Path(args.path))
    print(f"Initialised a git repository in {Path(args.path).resolve()}")
    return 0


def run_command(argv: Sequence[str]) -> int:
    args = _command_parser().parse_args(argv)
    handler = {"list": cmd_list, "render": cmd_render, "init": cmd_init}[args.command]
    try:
        return handler(args)
    except NotARepository as error:
        print(f"postdesk: {error.message}", file=sys.stderr)
        print(f"  To start one here: postdesk init {error.path}", file=sys.stderr)
        return 2
    except PostdeskError as error:
        print(f"postdesk: {error}", file=sys.stderr)
        if error.details:
            print(f"  {error.details}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # `postdesk list | head`: the reader left; that is not an error.
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silence the flush at exit
        return 0
    except OSError as error:
        print(f"postdesk: {error.strerror or error}: {error.filename or ''}", file=sys.stderr)
        return 1


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in SUBCOMMANDS:
        return run_command(argv)
    args = _gui_parser().parse_args(argv)
    from desktop_app.app import run_gui  # Qt is imported only when the GUI starts.

    return run_gui(args.repository, default_paths())
