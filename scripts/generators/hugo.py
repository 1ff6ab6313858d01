"""Build posts with Hugo (Debian's `hugo`, 0.111) and collect each page's body (`{{ .Content }}`).

A temporary site points `contentDir` at the site's (or corpus's) content, so nothing is copied or
written there. Its layouts print only the body between markers, for every kind of page. The site's
own configuration, when there is one, is loaded first and our settings override only what the
temporary site needs (layouts, output, no theme), so its `markup.goldmark` settings apply; a corpus
without a configuration gets Hugo's defaults.

Shortcodes: Hugo's built-in ones run as Hugo runs them, except those that fetch from the network
(tweet, instagram, vimeo_simple …). A shortcode that only the site or its theme defines (or that
is newer than this Hugo) is replaced by a stub writing `PDPLACEHOLDER` and its inner content, and
the post is counted apart.
"""

from __future__ import annotations

import html
import re
import subprocess
import tempfile
import time
from pathlib import Path

from generators.common import GeneratorRun, body_of, markdown_files, require, split_marked, version_of
from generators.normalize import PLACEHOLDER_TOKEN

CONFIG_NAMES = tuple(f"{stem}.{kind}" for stem in ("hugo", "config") for kind in ("toml", "yaml", "yml", "json"))
# Hugo 0.111's embedded shortcodes (tpl/tplimpl/embedded/templates/shortcodes).
BUILTIN = frozenset({"figure", "gist", "highlight", "instagram", "instagram_simple", "param", "ref",
                     "relref", "tweet", "twitter", "twitter_simple", "vimeo", "vimeo_simple", "youtube"})
NEEDS_NETWORK = frozenset({"instagram", "instagram_simple", "tweet", "twitter", "twitter_simple", "vimeo_simple"})
_SHORTCODE = re.compile(r"\{\{([<%])\s*(/?)\s*(\w[\w.\-/]*)")
_ERROR = re.compile(r'^ERROR \S+ \S+ (?P<message>.*?"(?P<path>/[^"]+?):\d+:\d+".*)$', re.M)
_LAYOUT = ('{{ with .File }}<pd-file path="{{ .Path }}"></pd-file>{{ end }}'
           '{{ .Content }}<pd-end></pd-end>\n')
_OVERRIDES = """
baseURL = "http://example.org/"
theme = []
themesDir = "{themes}"
layoutDir = "{layouts}"
contentDir = "{content}"
publishDir = "{public}"
disableKinds = ["taxonomy", "term", "sitemap", "robotsTXT", "404"]
refLinksErrorLevel = "WARNING"
disableAliases = true
enableGitInfo = false
[outputs]
  home = ["html"]
  section = ["html"]
  page = ["html"]
[module]
  [[module.mounts]]
    source = "{content}"
    target = "content"
  [[module.mounts]]
    source = "{layouts}"
    target = "layouts"
"""


def site_config(root: Path) -> Path | None:
    for name in CONFIG_NAMES:
        if (root / name).is_file():
            return root / name
    return None


def content_dir(root: Path) -> Path:
    """The content folder: `content/` (or the one language folder a multilingual site mounts,
    as `content/en/`), or the folder itself for a loose set of posts."""
    content = root / "content" if (root / "content").is_dir() else root
    children = [child for child in content.iterdir() if not child.name.startswith(".")]
    if len(children) == 1 and children[0].is_dir() and re.fullmatch(r"[a-z]{2}(-[A-Za-z]+)?", children[0].name):
        return children[0]
    return content


def shortcodes_used(body: str) -> set[str]:
    """Names of the shortcodes a body calls (closing tags and `{{</* commented */>}}` ones aside)."""
    return {match.group(3) for match in _SHORTCODE.finditer(body) if not match.group(2)}


def shortcodes_closed(body: str) -> set[str]:
    """Names of the shortcodes a body closes (`{{< /name >}}`): their stubs need `.Inner`, which
    Hugo then requires on every call of that name."""
    return {match.group(3) for match in _SHORTCODE.finditer(body) if match.group(2)}


def build(root: Path, files: list[Path] | None = None) -> GeneratorRun:
    """Build every Markdown file of the site or corpus at `root` and return the bodies."""
    hugo = require("hugo", "apt-get install hugo (Debian 12 has 0.111)")
    content = content_dir(root)
    files = files if files is not None else markdown_files(content, (".md", ".markdown"))
    run = GeneratorRun("hugo", version_of([hugo, "version"]), files)
    own = {path.stem for folder in (root / "layouts" / "shortcodes", root / "layouts" / "_shortcodes")
           if folder.is_dir() for path in folder.iterdir()}
    stubs: set[str] = set()
    paired: set[str] = set()
    for path in files:
        body = body_of(path.read_text(encoding="utf-8", errors="replace"))
        if not body.strip():
            run.skipped[path] = "empty body"
            continue
        paired |= shortcodes_closed(body)
        for name in sorted(shortcodes_used(body)):
            if name in NEEDS_NETWORK:
                run.apart.setdefault(path, []).append(f"shortcode {name} (fetches from the network)")
            elif name not in BUILTIN:
                why = "the site's own" if name in own else "not in Hugo 0.111: a theme's or newer Hugo"
                run.apart.setdefault(path, []).append(f"shortcode {name} ({why})")
            else:
                continue
            stubs.add(name)
    with tempfile.TemporaryDirectory(prefix="pd-hugo-") as temp:
        site = Path(temp)
        _write_layouts(site / "layouts", stubs, paired)
        (site / "themes").mkdir()
        overrides = site / "pd-overrides.toml"
        overrides.write_text(_OVERRIDES.format(themes=_toml(site / "themes"), layouts=_toml(site / "layouts"),
                                               content=_toml(content), public=_toml(site / "public")),
                             encoding="utf-8")
        configs = [str(overrides)]
        if (config := site_config(root)) is not None:
            configs.insert(0, str(config))  # later files override earlier ones
        start = time.perf_counter()
        done = subprocess.run([hugo, "--source", str(site), "--config", ",".join(configs), "--buildDrafts",
                               "--buildFuture", "--buildExpired", "--cacheDir", str(site / "cache"),
                               "--noBuildLock"],
                              capture_output=True, text=True, cwd=site, check=False)
        run.seconds = time.perf_counter() - start
        run.log = (done.stdout + done.stderr)[-20000:]
        if done.returncode != 0 and not (site / "public").is_dir():
            raise RuntimeError(f"hugo failed:\n{run.log[-4000:]}")
        _collect(site / "public", content, run)
        for match in _ERROR.finditer(run.log):
            path = Path(match.group("path"))
            if path in run.bodies or path in files:
                run.errors.setdefault(path, match.group("message").strip())
    for path in files:
        if path not in run.bodies and path not in run.skipped:
            run.skipped[path] = "not rendered by Hugo (headless, `build.render: never`, or an error)"
    return run


def _write_layouts(layouts: Path, stubs: set[str], paired: set[str]) -> None:
    for name in ("_default/single.html", "_default/list.html", "index.html"):
        (layouts / name).parent.mkdir(parents=True, exist_ok=True)
        (layouts / name).write_text(_LAYOUT, encoding="utf-8")
    (layouts / "shortcodes").mkdir(parents=True, exist_ok=True)
    for name in stubs:
        target = layouts / "shortcodes" / f"{name}.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(PLACEHOLDER_TOKEN + ("{{ .Inner }}" if name in paired else ""), encoding="utf-8")


def _collect(public: Path, content: Path, run: GeneratorRun) -> None:
    wanted = {path.resolve(): path for path in run.files}
    for page in public.rglob("*.html"):
        marked = split_marked(page.read_text(encoding="utf-8", errors="replace"))
        if marked is None:
            continue
        source = wanted.get((content / html.unescape(marked[0])).resolve())
        if source is not None:
            run.bodies[source] = marked[1]


def _toml(path: Path) -> str:
    return str(path).replace("\\", "\\\\").replace('"', '\\"')
