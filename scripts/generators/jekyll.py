"""Build posts with Jekyll (Debian's `jekyll`, 4.3, kramdown 2.4 + kramdown-parser-gfm) and collect
each post's body (`{{ content }}`).

A temporary site gets a copy of the posts (`_posts/`, `_drafts/`) and the site's `_data/`, and
the site's `_config.yml` without what would load code or a theme (plugins, theme) and without
its folders' settings; a corpus without a configuration gets Jekyll's defaults (kramdown with
`input: GFM`, `smart_quotes`, `auto_ids`, Rouge). Every layout the posts name prints only the
body between markers.

Liquid: Jekyll's own tags run (`highlight`, `raw`, `link`, `post_url` …). A page that `link`
names but that is not among the posts gets an empty stand-in, so the link resolves as on the site.
What only the site or its theme defines (`{% include x %}`, a plugin's tag) becomes a stub that
writes `PDPLACEHOLDER`, and the post is counted apart. A post Jekyll cannot build at all is
reported with Jekyll's message and left out of the next attempt.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import yaml

from generators.common import GeneratorRun, body_of, markdown_files, require, split_marked, version_of
from generators.normalize import PLACEHOLDER_TOKEN

POST_FOLDERS = ("_posts", "_drafts")
# Tags Liquid 4 and Jekyll 4.3 define; any other tag is a plugin's.
KNOWN_TAGS = frozenset("""assign capture case when comment cycle decrement increment for break continue
if elsif else unless tablerow raw echo liquid render highlight include include_relative link post_url
endcapture endcase endcomment endfor endif endunless endtablerow endraw endhighlight""".split())
DROPPED_SETTINGS = ("plugins", "gems", "theme", "remote_theme", "source", "destination", "layouts_dir",
                    "includes_dir", "plugins_dir", "data_dir", "collections_dir", "safe", "whitelist",
                    "exclude", "include", "keep_files", "incremental", "watch", "baseurl")
_TAG = re.compile(r"\{%-?\s*(\w+)\s*(.*?)\s*-?%\}", re.S)
_RAW = re.compile(r"\{%-?\s*raw\s*-?%\}.*?\{%-?\s*endraw\s*-?%\}", re.S)
_LAYOUT = '<pd-file path="{{ page.path }}"></pd-file>{{ content }}<pd-end></pd-end>\n'
_STUB_PLUGIN = """# Stand-ins for Liquid tags only the site's plugins define: they write a placeholder.
class PdStubTag < Liquid::Tag
  def render(context) = "%(token)s"
end
class PdStubBlock < Liquid::Block
  def render(context) = "%(token)s" + super
end
"""
_FAILED_FILE = re.compile(r"(?:Exception|Error):.*?\bin\s+(?P<path>\S*?(?:_posts|_drafts)/[^\s:\x1b]+)", re.I)
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def site_root(root: Path) -> Path:
    """The Jekyll site in `root`: `root` itself, or the folder holding its `_posts/`."""
    if (root / "_config.yml").is_file() or (root / "_posts").is_dir():
        return root
    found = sorted((path.parent for path in root.rglob("_posts") if path.is_dir()), key=lambda p: len(p.parts))
    return found[0] if found else root


def tags_used(body: str) -> list[tuple[str, str]]:
    """(tag, markup) of each Liquid tag outside `{% raw %}` blocks."""
    return [(m.group(1), m.group(2)) for m in _TAG.finditer(_RAW.sub("", body))]


def build(root: Path, files: list[Path] | None = None) -> GeneratorRun:
    jekyll = require("jekyll", "apt-get install jekyll (Debian 12 has 4.3)")
    site = site_root(root)
    if files is None:
        files = [path for folder in POST_FOLDERS if (site / folder).is_dir()
                 for path in markdown_files(site / folder, (".md", ".markdown"))]
    run = GeneratorRun("jekyll", version_of([jekyll, "--version"]), files)
    config = _site_config(site)
    with tempfile.TemporaryDirectory(prefix="pd-jekyll-") as temp:
        source = Path(temp) / "site"
        source.mkdir()
        plan = _Plan()
        for path in files:
            body = body_of(path.read_text(encoding="utf-8", errors="replace"))
            if not body.strip():
                run.skipped[path] = "empty body"
            plan.scan(path, site, body, run)
            target = source / path.relative_to(site)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
        if (site / "_data").is_dir():
            shutil.copytree(site / "_data", source / "_data")
        plan.write(source, site, config)
        start = time.perf_counter()
        for _attempt in range(20):
            done = subprocess.run([jekyll, "build", "--source", str(source), "--destination",
                                   str(Path(temp) / "out"), "--future", "--unpublished", "--drafts"],
                                  capture_output=True, text=True, cwd=temp, check=False)
            run.log = _ANSI.sub("", done.stdout + done.stderr)[:20000]
            if done.returncode == 0:
                break
            failed = _failed_post(run.log, source)
            if failed is None:
                raise RuntimeError(f"jekyll failed:\n{run.log[-4000:]}")
            original = site / failed.relative_to(source)
            run.errors[original] = _first_error_line(run.log)
            failed.unlink()
        run.seconds = time.perf_counter() - start
        _collect(Path(temp) / "out", site, run)
    for path in files:
        if path not in run.bodies and path not in run.skipped and path not in run.errors:
            run.skipped[path] = "not rendered by Jekyll"
    return run


class _Plan:
    """What the temporary site needs besides the posts: layouts, stub includes and tags, and
    stand-ins for linked pages."""

    def __init__(self) -> None:
        self.layouts = {"default", "post", "page"}
        self.includes: set[str] = set()
        self.tags: set[str] = set()
        self.blocks: set[str] = set()
        self.links: set[str] = set()
        self.post_urls: set[str] = set()

    def scan(self, path: Path, site: Path, body: str, run: GeneratorRun) -> None:
        text = path.read_text(encoding="utf-8", errors="replace")
        layout = re.search(r"^layout:\s*['\"]?([\w./-]+)", text[: len(text) - len(body)], re.M)
        if layout:
            self.layouts.add(layout.group(1))
        used = tags_used(body)
        names = {tag for tag, _markup in used}
        for tag, markup in used:
            if tag in ("include", "include_relative"):
                name = markup.split()[0] if markup.split() else ""
                if tag == "include" and name and "{" not in name:
                    self.includes.add(name)
                run.apart.setdefault(path, []).append(f"Liquid {tag} {name} (the site's own)")
            elif tag == "link" and markup:
                self.links.add(markup.split()[0])
            elif tag == "post_url" and markup:
                self.post_urls.add(markup.split()[0])
            elif tag not in KNOWN_TAGS and not tag.startswith("end"):
                (self.blocks if f"end{tag}" in names else self.tags).add(tag)
                run.apart.setdefault(path, []).append(f"Liquid tag {tag} (a plugin's)")

    def write(self, source: Path, site: Path, config: dict) -> None:
        collections = dict(config.get("collections") or {}) if isinstance(config.get("collections"), dict) else {}
        for entry in config.get("defaults") or []:
            layout = entry.get("values", {}).get("layout") if isinstance(entry, dict) else None
            if isinstance(layout, str):
                self.layouts.add(layout)
        for name in self.layouts:
            _write(source / "_layouts" / f"{name}.html", _LAYOUT)
        for name in self.includes:
            _write(source / "_includes" / name, PLACEHOLDER_TOKEN)
        for link in self.links:
            target = source / link.lstrip("/")
            if "{" in link or target.exists() or (site / link.lstrip("/")).is_dir():
                continue
            first = Path(link.lstrip("/")).parts[0]
            if first.startswith("_") and first not in POST_FOLDERS + ("_data",):
                collections.setdefault(first[1:], {"output": True})
            _write(target, "---\n---\n" if target.suffix in (".md", ".markdown", ".html") else "")
        for name in self.post_urls:
            if "{" in name or list((source / "_posts").rglob(f"{name}.*")):
                continue
            _write(source / "_posts" / f"{name}.md", "---\n---\n")
        if self.tags or self.blocks:
            lines = [_STUB_PLUGIN % {"token": PLACEHOLDER_TOKEN}]
            lines += [f"Liquid::Template.register_tag('{tag}', PdStubTag)" for tag in sorted(self.tags)]
            lines += [f"Liquid::Template.register_tag('{tag}', PdStubBlock)" for tag in sorted(self.blocks)]
            _write(source / "_plugins" / "pd_stubs.rb", "\n".join(lines) + "\n")
        settings = {key: value for key, value in config.items() if key not in DROPPED_SETTINGS}
        defaults = [entry for entry in config.get("defaults") or [] if isinstance(entry, dict)]
        # Ours first: the site's own defaults are more specific, and their layouts exist too.
        defaults.insert(0, {"scope": {"path": ""}, "values": {"layout": "default"}})
        settings.update({"collections": collections, "plugins": [], "future": True, "unpublished": True,
                         "baseurl": "", "defaults": defaults})
        _write(source / "_config.yml", yaml.safe_dump(settings, allow_unicode=True, sort_keys=False))


def _site_config(site: Path) -> dict:
    path = site / "_config.yml"
    if not path.is_file():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8", errors="replace"))
    return data if isinstance(data, dict) else {}


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _failed_post(log: str, source: Path) -> Path | None:
    for match in _FAILED_FILE.finditer(log):
        named = Path(match.group("path").rstrip(".,)"))
        candidate = named if named.is_absolute() else source / named
        if candidate.is_file() and source.resolve() in candidate.resolve().parents:
            return candidate
    return None


def _first_error_line(log: str) -> str:
    for line in log.splitlines():
        if "Exception" in line or "Error" in line:
            return line.strip()[:300]
    return log.strip().splitlines()[-1][:300] if log.strip() else "unknown error"


def _collect(out: Path, site: Path, run: GeneratorRun) -> None:
    wanted = {path.relative_to(site).as_posix(): path for path in run.files}
    for page in out.rglob("*.html"):
        marked = split_marked(page.read_text(encoding="utf-8", errors="replace"))
        if marked is not None and marked[0] in wanted:
            run.bodies[wanted[marked[0]]] = marked[1]
