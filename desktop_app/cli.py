"""The `postdesk` command. Without a subcommand it starts the desktop app; the subcommands
(`list`, `render`, `new`, `init`, `get`, `set`, `check`, `site`, `spell`) are Qt-free and work without a
display, except `render --pdf`, which loads QtWebEngine (offscreen when there is no display) only then.

Like the window, no command reads or writes a post whose real path leaves its repository
(`core/confine.py`): a link to the writer's other files is refused with the reason."""

from __future__ import annotations

import argparse
import contextlib
import functools
import gc
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Sequence

from desktop_app import __version__
from desktop_app.core.confine import real_path, require_inside, within
from desktop_app.core.document.storage import LoadedText, read_text, write_atomic, write_text
from desktop_app.core.errors import NotARepository, PostdeskError, RepositoryMissing, SaveFailed
from desktop_app.core.frontmatter import field_text
from desktop_app.core.frontmatter import parse as fm
from desktop_app.core.git.repo import GitRepo
from desktop_app.core.paths import default_paths
from desktop_app.core.settings import load_settings
from desktop_app.core.site.config import FLAVORS, PYTHON_MARKDOWN, SiteConfig
from desktop_app.core.site.detect import load_site
from desktop_app.core.site.library.summaries import json_line, problem_label
from desktop_app.core.wording import plural
from desktop_app.core.workspace import Workspace, initialise_repository, site_overview

SUBCOMMANDS = ("list", "render", "new", "init", "get", "set", "check", "site", "spell")


def _command_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="postdesk", description="Postdesk command line (no display needed).")
    parser.add_argument("--version", action="version", version=f"postdesk {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    listing = commands.add_parser("list", help="list the posts of a repository")
    listing.add_argument("repo", nargs="?", default=".", help="content repository (default: .)")
    listing.add_argument("--json", action="store_true", help="one JSON object per post, as a JSON array")
    listing.add_argument("--search", default="", help="only posts matching these words (tag:x, is:draft)")
    render = commands.add_parser("render", help="the preview's HTML or a PDF for posts (stdout, or files in -o)")
    render.add_argument("files", nargs="+", metavar="FILE", help="Markdown posts")
    kind = render.add_mutually_exclusive_group()
    kind.add_argument("--page", action="store_true", help="a standalone page: post header, CSS inlined")
    kind.add_argument("--pdf", action="store_true",
                      help="the standalone page printed to PDF, as File → Export as PDF (starts QtWebEngine)")
    render.add_argument("-o", "--output", help="with several files: a folder for OUT/<name>.html (or .pdf)")
    render.add_argument("--flavor", choices=FLAVORS, help="Markdown flavour (default: the site's)")
    new = commands.add_parser("new", help="create a post as the window's + New does, and print its path")
    new.add_argument("repo", nargs="?", default=".", help="content repository (default: .)")
    new.add_argument("title", help="the post's title (its file name is the slug of it)")
    new.add_argument("--collection", metavar="NAME", help="the collection to add it to (default: the site's first)")
    new.add_argument("--json", action="store_true", help="print {path, file, collection, title} as JSON")
    init = commands.add_parser("init", help="make a plain folder a git repository for Postdesk")
    init.add_argument("path")
    get = commands.add_parser("get", help="print a front-matter value of a post")
    get.add_argument("file")
    get.add_argument("key", help="a field, or a dotted path such as params.author")
    get.add_argument("--json", action="store_true", help="print the value as JSON")
    set_ = commands.add_parser("set", help="set front-matter values, changing only their lines")
    set_.add_argument("file")
    set_.add_argument("assignments", nargs="+", metavar="KEY=VALUE",
                      help="VALUE in YAML syntax: text, 42, true, 2025-01-31, [a, b], '\"quoted\"'")
    check = commands.add_parser("check", help="validate every post against its schema (exit 1 if any is invalid)")
    check.add_argument("repo", nargs="?", default=".", help="site folder (default: .)")
    check.add_argument("--json", action="store_true", help="the report as JSON")
    check.add_argument("--no-hints", action="store_true",
                       help="leave out the writing hints (title and description length, alt text, headings, links)")
    site = commands.add_parser("site", help="what Postdesk reads of a site: generator, collections, fields, "
                                            "media folders, languages, problems and the preview's Markdown profile")
    site.add_argument("repo", nargs="?", default=".", help="site folder (default: .)")
    site.add_argument("--json", action="store_true", help="print it as JSON")
    spell = commands.add_parser("spell", help="check words with the spelling dictionary Postdesk uses "
                                              "(exit 1 if any is misspelt), or list the dictionaries")
    spell.add_argument("words", nargs="*", metavar="WORD", help="words to check (none: list the dictionaries)")
    spell.add_argument("--lang", default="", help="a dictionary such as en_US, en-GB or de (default: the system's)")
    return parser


def _gui_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="postdesk",
        description="Write, preview, review and publish the posts of a Markdown blog kept in git.",
        epilog="Commands: list [REPO] | render FILE | new [REPO] TITLE | init PATH | get FILE KEY | "
               "set FILE KEY=VALUE… | check [REPO] | site [REPO] | spell [WORD…] "
               "(postdesk COMMAND --help for details)",
    )
    parser.add_argument("--version", action="version", version=f"postdesk {__version__}")
    parser.add_argument("repository", nargs="?", help="content repository, or a post in one, to open "
                                                      "(default: the last one, or the bundled sample blog)")
    checks = parser.add_mutually_exclusive_group()
    checks.add_argument("--self-test", action="store_true",
                        help="open the window on a temporary copy of the sample blog, wait for the preview, "
                             "exit 0 (1 with the reason on failure); works without a display")
    checks.add_argument("--install-desktop", action="store_true",
                        help="add Postdesk to the desktop's menu and let it open .md files "
                             "(desktop entry, icons, metainfo in $XDG_DATA_HOME, default ~/.local/share)")
    checks.add_argument("--uninstall-desktop", action="store_true", help="remove what --install-desktop added")
    parser.add_argument("--verbose", action="store_true",
                        help="show Qt's and Chromium's own messages in the terminal (Qt's are always "
                             "written to postdesk.log in the cache folder, e.g. ~/.cache/postdesk/)")
    parser.add_argument("--timeout", type=float, default=60.0, metavar="SECONDS",
                        help="with --self-test: how long to wait for the preview (default: 60)")
    return parser


def _gui_option(args: argparse.Namespace) -> int | None:
    """The options that do one job and exit instead of starting the app (None: start it)."""
    if args.self_test:
        from desktop_app.self_test import run_self_test  # loads Qt, offscreen without a display

        return run_self_test(args.timeout)
    if args.install_desktop or args.uninstall_desktop:
        from desktop_app.core import desktop_entry

        try:
            if args.install_desktop:
                for path in desktop_entry.install(desktop_entry.launcher_command()):
                    print(path)
            else:
                for path in desktop_entry.uninstall():
                    print(f"removed {path}")
        except (PostdeskError, OSError) as error:
            _report(error)
            return 1
        return 0
    return None


def cmd_list(args: argparse.Namespace) -> int:
    workspace = Workspace.open(Path(args.repo))
    found = workspace.scan()
    workspace.require_posts(found)
    if args.search:
        found = workspace.search(found, args.search)
    for post in found:  # listed, never read: say why, as the window's library does
        if post.error and problem_label(post.error) == "Outside the repository":
            print(f"postdesk: {post.error}", file=sys.stderr)
    if args.json:  # one post a line (with indent json's encoder is pure Python)
        sys.stdout.write("[\n" + ",\n".join(map(json_line, found)) + ("\n]\n" if found else "]\n"))
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
    """Render posts with the preview's pipeline, in one process (whole sites render quickly).
    A file that fails is reported and skipped, so one bad post does not stop a site's run."""
    files = [Path(name) for name in args.files]
    suffix = ".pdf" if args.pdf else ".html"
    if len(files) > 1 and not args.output:
        raise PostdeskError(f"Several files need -o FOLDER: each is written there as <name>{suffix}.")
    if args.pdf and not args.output and sys.stdout.isatty():
        raise PostdeskError("A PDF is binary and would garble the terminal.",
                            hint="Redirect it (postdesk render --pdf FILE > post.pdf) or give -o FOLDER.")
    sites: dict[Path, tuple[Path, SiteConfig | None]] = {}
    # A run's own: a repository may have moved since an earlier run in this process.
    _real_root.cache_clear()
    _resolved.cache_clear()
    _RESOLVED_FOLDERS.clear()
    names: set[str] = set()
    pages: list[_RenderedFile] = []
    failures = 0
    with _few_collections():
        for path in files:
            try:
                pages.append(_render_one(path, args, sites, names))
            except (PostdeskError, OSError) as error:
                _report(error)
                failures += 1
    deliver = _print_pdfs if args.pdf else _write_html
    failures += deliver(pages)
    return 1 if failures else 0


@contextlib.contextmanager
def _few_collections() -> Iterator[None]:
    """Python's cycle collector kept out of a batch's way. A render makes and drops hundreds of
    thousands of small objects (markdown-it's tokens, freed as they go out of use); the collector
    ran after every 700 of them, and its full passes walked every object alive, the loaded modules'
    among them: about a tenth of the CPU time of rendering the corpora. What lives now is left out
    of collections (unless the process froze its own already) and they come 100 times less often;
    both are undone when the batch ends."""
    thresholds, freezing = gc.get_threshold(), gc.get_freeze_count() == 0
    if freezing:
        gc.freeze()
    gc.set_threshold(thresholds[0] * 100, *thresholds[1:])
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        if freezing:
            gc.unfreeze()


@dataclass(frozen=True)
class _RenderedFile:
    path: Path
    text: str
    root: Path  # the repository (or, outside one, the post's folder): all a PDF's page may load
    target: Path | None  # None: stdout


def _render_one(name: Path, args: argparse.Namespace, sites: dict[Path, tuple[Path, SiteConfig | None]],
                names: set[str]) -> _RenderedFile:
    from desktop_app.core.render.page import embedding, standalone_page
    from desktop_app.core.render.pipeline import site_resolver, thread_renderer
    from desktop_app.core.render.profile import RenderProfile

    path = _located(name)
    root, site = _cached_site(path.parent, sites)
    if not within(_real_post(path), _real_root(root)):  # the root's real path once per run, not per post
        require_inside(path, root, "render", str(name))  # raises, saying where the post leads
    text = read_text(path).text
    flavor = args.flavor or (site.flavor if site is not None else PYTHON_MARKDOWN)
    resolve = site_resolver(site, path)
    if args.page:  # a page to pass around carries its images; a PDF's page loads them from the disk
        resolve = embedding(resolve, root)
    # --flavor renders with that engine alone; otherwise the site's own profile applies.
    profile = RenderProfile.plain(args.flavor) if args.flavor else None
    # One renderer per flavour for the whole run: its engines, Pygments formatter and cleaner are
    # made once, not once per post (which had cost more than rendering a short post).
    rendered = thread_renderer(flavor).render(text, resolve, mdx=path.suffix == ".mdx", profile=profile)
    if rendered.error:
        print(f"postdesk: {path.name}: {rendered.error}", file=sys.stderr)
    target = _output_path(Path(args.output), path, names, ".pdf" if args.pdf else ".html") if args.output else None
    if not (args.page or args.pdf):
        return _RenderedFile(path, rendered.fragment(), root, target)
    title = str(fm.read_post(text).values.get("title") or path.stem)
    # Always the light page: exports are for readers, whatever theme the writer works in.
    return _RenderedFile(path, standalone_page(site, rendered.header_html, rendered.body_html, title), root, target)


@functools.lru_cache(maxsize=4096)
def _real_root(root: Path) -> str:
    """A repository's real path, or a loose post's folder's: once per folder of a run."""
    return real_path(root) if root not in _RESOLVED_FOLDERS else os.path.normcase(str(root))


def _real_post(path: Path) -> str:
    """`real_path(path)` for a post from `_located`, whose folder is resolved already: only its
    own name can still be a link (one `lstat`, not one per folder of the path)."""
    if path.parent in _RESOLVED_FOLDERS and path.name not in ("", ".", "..") and not path.is_symlink():
        return os.path.normcase(str(path))
    return real_path(path)


def _located(name: Path) -> Path:
    """A post named on the command line, absolute, its folder's links resolved but not its own:
    a post that is a link belongs to the repository it is listed in, not to where it leads."""
    path = name.expanduser().absolute()
    return _resolved(path.parent) / path.name


@functools.lru_cache(maxsize=4096)
def _resolved(folder: Path) -> Path:
    """`folder` with its links resolved, once per folder of a run (a site's posts share folders)."""
    resolved = folder.resolve()
    _RESOLVED_FOLDERS.add(resolved)
    return resolved


_RESOLVED_FOLDERS: set[Path] = set()  # what `_resolved` returned: real paths already


def _cached_site(folder: Path, sites: dict[Path, tuple[Path, SiteConfig | None]]) -> tuple[Path, SiteConfig | None]:
    """`_site_of(folder)`, taken from an enclosing folder's when no `.git` lies between them: a
    site's posts in a thousand folders cost one `git rev-parse`, not one each. (A folder that is
    not in a repository is its own root, as `_site_of` says.)"""
    known_site = sites.get(folder)
    if known_site is not None:  # every post of a folder after its first
        return known_site
    chain, current = [folder], folder
    while current not in sites and not (current / ".git").exists() and current.parent != current:
        current = current.parent
        chain.append(current)
    if current in sites:
        root, site = sites[current]
        loose = site is None and root == current and not (current / ".git").exists()
    else:
        root, site = _site_of(folder)
        loose = site is None and root == folder
    for known in chain:  # every folder walked through answers the same way
        if loose:
            sites.setdefault(known, (known, None))
        elif known == root or root in known.parents:
            sites.setdefault(known, (root, site))
    return sites.get(folder) or _site_of(folder)


def _site_of(folder: Path) -> tuple[Path, SiteConfig | None]:
    """The repository holding `folder` and its site, or the folder itself for a loose post."""
    try:
        root = GitRepo.discover(folder).root
    except PostdeskError:
        return folder, None
    try:
        return root, load_site(root)
    except PostdeskError:
        return root, None


def _output_path(folder: Path, post: Path, taken: set[str], suffix: str) -> Path:
    """OUT/<file stem><suffix>; a page bundle (`trip/index.md`) is named by its folder."""
    stem = post.parent.name if post.stem in ("index", "_index") else post.stem
    name, number = stem, 2
    while name in taken:
        name, number = f"{stem}-{number}", number + 1
    taken.add(name)
    return folder / f"{name}{suffix}"


def _write_html(pages: list[_RenderedFile]) -> int:
    failures = 0
    folders: set[Path] = set()  # made already: one mkdir per folder, not per page
    for page in pages:
        if page.target is None:
            sys.stdout.write(page.text)
            continue
        try:
            if page.target.parent not in folders:
                page.target.parent.mkdir(parents=True, exist_ok=True)
                folders.add(page.target.parent)
            page.target.write_text(page.text, encoding="utf-8")
        except OSError as error:
            _report(error)
            failures += 1
            continue
        print(page.target)
    return failures


def _print_pdfs(pages: list[_RenderedFile]) -> int:
    """Print every page in one QtWebEngine start; Qt loads only here, so the rest stays Qt-free."""
    if not pages:
        return 0
    from desktop_app.ui.preview.pdf_printer import PdfPrinter, PrintJob

    failures = 0
    with PdfPrinter(load_settings(default_paths()).remote_images) as printer:
        for page in pages:
            try:
                _save_pdf(printer.print_pdf(PrintJob(page.text, page.path, (page.root,))), page.target)
            except BrokenPipeError:
                raise  # the reader of stdout left: run_command ends quietly
            except (PostdeskError, OSError) as error:
                _report(error)
                failures += 1
    return failures


def _save_pdf(data: bytes, target: Path | None) -> None:
    if target is None:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        write_atomic(target, data)  # never a half-written PDF where an older one was
    except SaveFailed as error:
        raise PostdeskError(error.message) from error  # its hint speaks of the editor's text
    print(target)


def _report(error: PostdeskError | OSError) -> None:
    """A failed command, or one failed file of a run that goes on: the reason on stderr."""
    if isinstance(error, OSError):
        print(f"postdesk: {error.strerror or error}: {error.filename or ''}", file=sys.stderr)
        return
    print(f"postdesk: {error}", file=sys.stderr)
    if error.details:
        print(f"  {error.details}", file=sys.stderr)


def cmd_init(args: argparse.Namespace) -> int:
    initialise_repository(Path(args.path))
    print(f"Initialised a git repository in {Path(args.path).resolve()}")
    return 0


def _read_post(name: str, doing: str) -> tuple[Path, Path, LoadedText, fm.ParsedPost]:
    """The post `name` (as typed), its repository (or, for a loose post, its folder), its text
    and front matter; OutsideRepository when its real path leaves that repository."""
    path = _located(Path(name))
    root, _site = _site_of(path.parent)
    loaded = read_text(require_inside(path, root, doing, name))
    return path, root, loaded, fm.read_post(loaded.text)


def cmd_get(args: argparse.Namespace) -> int:
    _, _, _, parsed = _read_post(args.file, "read")
    if parsed.error is not None and not parsed.values:
        raise parsed.error
    try:
        value = field_text.lookup(parsed.values, args.key)
    except KeyError:
        print(f"postdesk: {args.file} has no field '{args.key}'", file=sys.stderr)
        return 1
    print(field_text.show_value(value, args.json))
    return 0


def cmd_set(args: argparse.Namespace) -> int:
    from desktop_app.core.document.open_post import with_field

    path, root, loaded, parsed = _read_post(args.file, "change")
    if parsed.error is not None:
        raise PostdeskError(f"{args.file}: {parsed.error.message}",
                            hint="Fix it in a text editor first: Postdesk never rewrites front matter it cannot read.")
    text, values = loaded.text, dict(parsed.values)
    for assignment in args.assignments:
        key, equals, raw = assignment.partition("=")
        if not equals or not key.strip():
            raise PostdeskError(f"'{assignment}' is not KEY=VALUE.")
        top, value = field_text.top_level_edit(values, key.strip(), field_text.parse_value(raw))
        text = with_field(text, top, value)
        values = fm.read_post(text).values
    if text != loaded.text:
        write_text(path, text, loaded.form, inside=root)
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    """Create a post with the same core call as the window's + New (`Workspace.create_post`):
    the collection's folder, file-name pattern and defaults. A configuration that would put it
    outside the repository is refused with the reason (exit 1)."""
    workspace = Workspace.open(Path(args.repo))
    collection = workspace.collection(args.collection) if args.collection else workspace.site.collections[0]
    relative = workspace.create_post(args.title, collection.name)
    if args.json:
        json.dump({"path": relative, "file": str(workspace.absolute(relative)), "collection": collection.name,
                   "title": args.title.strip()}, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        print(relative)
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    root = Path(args.repo).expanduser()
    if not root.is_dir():
        raise RepositoryMissing(str(root))
    from desktop_app.core.site.library.checker import check_site

    site = load_site(root.resolve())
    report = check_site(site, with_hints=not args.no_hints)
    if args.json:
        json.dump({"files": report.files, "invalid_files": report.invalid_files,
                   "problems": [finding.to_json() for finding in report.findings],
                   "warnings": [finding.to_json() for finding in report.warnings],
                   "schema": site.source, "notes": list(site.problems)},
                  sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        for note in site.problems:
            print(f"postdesk: note: {note}", file=sys.stderr)
        for finding in report.findings + report.warnings:
            print(finding)
        verdict = "all valid" if report.ok else \
            f"{plural(len(report.findings), 'problem')} in {plural(report.invalid_files, 'post')}"
        if report.warnings:
            hinted = len({finding.path for finding in report.warnings})
            verdict += f"; {plural(len(report.warnings), 'writing hint')} in {plural(hinted, 'post')}"
        schema = "the fields the posts use" if site.source == "inferred" else site.source
        print(f"Checked {plural(report.files, 'post')} against {schema}: {verdict}.", file=sys.stderr)
    return 0 if report.ok else 1


def cmd_site(args: argparse.Namespace) -> int:
    """What Postdesk makes of a site, from the same core function as the window's Site dialog:
    generator and evidence, collections and fields, media, languages, problems, and the Markdown
    profile the preview follows."""
    root = Path(args.repo).expanduser()
    if not root.is_dir():
        raise RepositoryMissing(str(root))
    from desktop_app.core.render.site_settings import profile_lines
    from desktop_app.core.site.report import report_lines

    report = site_overview(load_site(root.resolve()))
    if args.json:
        json.dump(report, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
        return 0
    print("\n".join(report_lines(report) + profile_lines(report["profile"])))
    return 0


def cmd_spell(args: argparse.Namespace) -> int:
    from desktop_app.core.spelling import dictionaries

    if not args.words:
        found = dictionaries.installed_dictionaries()
        for info in found:
            print(f"{info.tag:12}  {info.provider}")
        print(f"Enchant {dictionaries.enchant_version()}: {plural(len(found), 'dictionary', 'dictionaries')}. "
              "More languages: one package each (apt-cache search hunspell).", file=sys.stderr)
        return 0 if found else 1
    dictionary = dictionaries.open_dictionary(args.lang)
    wrong = dictionaries.misspellings(dictionary, args.words)
    for misspelling in wrong:
        print(f"{misspelling.word}: {', '.join(misspelling.suggestions)}")
    print(f"Checked {plural(len(args.words), 'word')} with {dictionary.tag} ({dictionary.provider.desc}): "
          f"{plural(len(wrong), 'misspelling') if wrong else 'all known'}.", file=sys.stderr)
    return 1 if wrong else 0


def run_command(argv: Sequence[str]) -> int:
    args = _command_parser().parse_args(argv)
    handler = {"list": cmd_list, "render": cmd_render, "new": cmd_new, "init": cmd_init, "get": cmd_get,
               "set": cmd_set, "check": cmd_check, "site": cmd_site, "spell": cmd_spell}[args.command]
    try:
        return handler(args)
    except NotARepository as error:
        print(f"postdesk: {error.message}", file=sys.stderr)
        print(f"  To start one here: postdesk init {error.path}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # `postdesk list | head`: the reader left; that is not an error.
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silence the flush at exit
        return 0
    except (PostdeskError, OSError) as error:
        _report(error)
        return 1


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "merge-driver":  # git runs it during Postdesk's pulls (core/git/merge_config.py)
        from desktop_app.merge_driver import main as merge_driver
        return merge_driver(argv[1:])
    if argv and argv[0] == "askpass":  # git and ssh run it in the packaged app (core/git/askpass_channel.py)
        from desktop_app.askpass import main as askpass
        return askpass(["postdesk-askpass", *argv[1:]])
    if argv and argv[0] in SUBCOMMANDS:
        return run_command(argv)
    args = _gui_parser().parse_args(argv)
    status = _gui_option(args)
    if status is not None:
        return status
    from desktop_app.app import run_gui  # Qt is imported only when the GUI starts.

    return run_gui(args.repository, default_paths(), args.verbose)
