"""Render posts with Astro's default Markdown/MDX pipeline (Node.js, `node/render.mjs`).

Astro itself is not run: a site's build needs its whole dependency tree and its components. The
body HTML comes from the same unified pipeline Astro 4 configures by default (remark-gfm and
remark-smartypants; `.md` through remark-rehype + rehype-raw, `.mdx` through @mdx-js/mdx 3),
installed from npm into `node/` (`npm ci` there; `package-lock.json` pins the versions).

MDX components are the site's own (`<YouTube id=… />`, `<Image>`): each is rendered as a
placeholder around its children, and the post is compared with that placeholder where the
component goes (Postdesk's chip or box goes there too). They are part of the MDX format, so such
posts are not counted apart; `components` says which posts use them. `import`/`export` lines
render nothing.
"""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path

from generators.common import GeneratorRun, body_of, markdown_files, require, version_of

NODE_DIR = Path(__file__).resolve().parent / "node"
CONFIG_NAMES = tuple(f"astro.config.{kind}" for kind in ("mjs", "js", "ts", "mts", "cjs"))


def is_astro(root: Path) -> bool:
    package = root / "package.json"
    return any((root / name).is_file() for name in CONFIG_NAMES) or (
        package.is_file() and '"astro"' in package.read_text(encoding="utf-8", errors="replace"))


def post_files(root: Path) -> list[Path]:
    """Content collections (`src/content/`), else the Markdown pages (`src/pages/`), else all."""
    for folder in (root / "src" / "content", root / "src" / "pages"):
        if folder.is_dir():
            return markdown_files(folder)
    return markdown_files(root)


def ensure_installed() -> None:
    if not (NODE_DIR / "node_modules" / "@mdx-js" / "mdx").is_dir():
        npm = require("npm", "apt-get install nodejs npm (Node.js 18 or later)")
        subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--silent"], cwd=NODE_DIR, check=True)


def build(root: Path, files: list[Path] | None = None) -> GeneratorRun:
    node = require("node", "apt-get install nodejs (Node.js 18 or later)")
    ensure_installed()
    files = files if files is not None else post_files(root)
    versions = json.loads((NODE_DIR / "package-lock.json").read_text(encoding="utf-8"))["packages"]
    pinned = ", ".join(f"{name} {versions[f'node_modules/{name}']['version']}"
                       for name in ("@mdx-js/mdx", "remark-gfm", "remark-smartypants"))
    run = GeneratorRun("astro", f"node {version_of([node, '--version'])}; {pinned}", files)
    todo = []
    for path in files:
        if not body_of(path.read_text(encoding="utf-8", errors="replace")).strip():
            run.skipped[path] = "empty body"
        todo.append(path)
    start = time.perf_counter()
    done = subprocess.run([node, str(NODE_DIR / "render.mjs")], input=json.dumps([str(p) for p in todo]),
                          capture_output=True, text=True, cwd=NODE_DIR, check=False)
    run.seconds = time.perf_counter() - start
    run.log = done.stderr[-20000:]
    if done.returncode != 0:
        raise RuntimeError(f"node render.mjs failed:\n{done.stderr[-4000:]}")
    by_name = {str(path): path for path in todo}
    for line in done.stdout.splitlines():
        result = json.loads(line)
        path = by_name[result["path"]]
        if result["error"]:
            run.errors[path] = result["error"].splitlines()[0][:300]
            continue
        run.bodies[path] = result["html"]
        if result["components"]:
            run.components[path] = sorted(result["components"])
    return run
