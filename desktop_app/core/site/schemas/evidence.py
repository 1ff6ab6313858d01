"""Which generator builds a site, decided by evidence rather than by the first file found.

Each clue (a generator's own configuration file, a dependency in `package.json`, a folder only
one generator uses) adds weight to one generator, and the heaviest wins. A Hugo configuration in
any of its forms outweighs a `package.json` whose only job is to run build scripts, so a Hugo
site with npm scripts is still a Hugo site. The clues that decided are kept, in words, for
`postdesk site` and the Site dialog.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from desktop_app.core import confine

# Where each generator serves files at the site's root ("/") from.
STATIC_FOLDERS = {"hugo": "static", "next": "public", "astro": "public", "gatsby": "static", "node": "public",
                  "docusaurus": "static", "eleventy": "public", "jekyll": "", "mkdocs": "docs"}
_PACKAGES = {"next": "next", "astro": "astro", "gatsby": "gatsby", "@11ty/eleventy": "eleventy",
             "@docusaurus/core": "docusaurus", "hugo-bin": "hugo", "hugo-extended": "hugo"}
_CONFIG_FILES: dict[str, tuple[str, ...]] = {
    "astro": ("astro.config.mjs", "astro.config.js", "astro.config.ts", "astro.config.mts", "astro.config.cjs"),
    "next": ("next.config.js", "next.config.mjs", "next.config.ts", "next.config.cjs"),
    "gatsby": ("gatsby-config.js", "gatsby-config.ts", "gatsby-config.mjs"),
    "eleventy": (".eleventy.js", ".eleventy.cjs", "eleventy.config.js", "eleventy.config.cjs", "eleventy.config.mjs"),
    "docusaurus": ("docusaurus.config.js", "docusaurus.config.ts", "docusaurus.config.mjs"),
    "mkdocs": ("mkdocs.yml", "mkdocs.yaml"),
}
_FORMATS = ("toml", "yaml", "yml", "json")
HUGO_CONFIGS = tuple(f"hugo.{kind}" for kind in _FORMATS)
OLD_HUGO_CONFIGS = tuple(f"config.{kind}" for kind in _FORMATS)
_ORDER = ("hugo", "astro", "next", "docusaurus", "eleventy", "gatsby", "jekyll", "mkdocs", "node")


@dataclass(frozen=True)
class Detection:
    generator: str
    evidence: tuple[str, ...]  # what decided, strongest first
    static_folder: str


def readable(root: Path, name: str) -> bool:
    """A file of the repository that may be read: there, and not a link leading out."""
    path = root / name
    return path.is_file() and confine.is_inside(path, root)


def _text(root: Path, name: str, limit: int = 200_000) -> str:
    try:
        return (root / name).read_text(encoding="utf-8", errors="replace")[:limit]
    except OSError:
        return ""


def detect(root: Path) -> Detection:
    """The generator of the site at `root` and the evidence for it ("unknown" with none)."""
    clues: list[tuple[str, int, str]] = []
    clues += _hugo_clues(root)
    clues += _package_clues(root)
    for generator, names in _CONFIG_FILES.items():
        found = next((name for name in names if readable(root, name)), None)
        if found:
            clues.append((generator, 9, found))
    if readable(root, "_config.yml") or readable(root, "_config.yaml"):
        clues.append(("jekyll", 8, "_config.yml"))
    gemfile = _text(root, "Gemfile") if readable(root, "Gemfile") else ""
    if "jekyll" in gemfile.lower():
        clues.append(("jekyll", 5, "Gemfile requires jekyll"))
    if (root / "_posts").is_dir():
        clues.append(("jekyll", 2, "a _posts/ folder"))
    if readable(root, "contentlayer.config.ts") or readable(root, "contentlayer.config.js"):
        clues.append(("next", 3, "contentlayer.config"))
    if not clues:
        clues += _layout_clues(root)
    if not clues:
        return Detection("unknown", (), "")
    weights: dict[str, int] = {}
    for generator, weight, _ in clues:
        weights[generator] = weights.get(generator, 0) + weight
    winner = max(weights, key=lambda name: (weights[name], -_ORDER.index(name) if name in _ORDER else -99))
    evidence = tuple(phrase for generator, weight, phrase in sorted(clues, key=lambda clue: -clue[1])
                     if generator == winner)
    return Detection(winner, evidence, STATIC_FOLDERS.get(winner, ""))


def _hugo_clues(root: Path) -> list[tuple[str, int, str]]:
    """Hugo reads `hugo.*`, or in older sites `config.*`, at the root or in `config/_default/`.
    `config.*` is a common name outside Hugo too, so at the root it counts fully only beside a
    `content/` folder or with Hugo's `baseURL` setting."""
    clues = []
    found = next((name for name in HUGO_CONFIGS if readable(root, name)), None)
    if found:
        clues.append(("hugo", 10, found))
    default = next((f"config/_default/{name}" for name in HUGO_CONFIGS + OLD_HUGO_CONFIGS
                    if readable(root, f"config/_default/{name}")), None)
    if default:
        clues.append(("hugo", 10, default))
    for name in OLD_HUGO_CONFIGS:
        if readable(root, name):
            text = _text(root, name, 20000).lower()
            if "baseurl" in text:
                clues.append(("hugo", 8, f"{name} with baseURL"))
            elif (root / "content").is_dir():
                clues.append(("hugo", 6, f"{name} beside content/"))
    for name in (*HUGO_CONFIGS, *OLD_HUGO_CONFIGS):
        if readable(root, name) and any(word in _text(root, name, 50000) for word in ("[module", "module:", '"module"')):
            clues.append(("hugo", 3, f"Hugo modules in {name}"))
            break
    if readable(root, "go.mod") and "hugo" in _text(root, "go.mod").lower():
        clues.append(("hugo", 4, "go.mod (Hugo modules)"))
    if (root / "archetypes").is_dir():
        clues.append(("hugo", 3, "an archetypes/ folder"))
    return clues


def _package_clues(root: Path) -> list[tuple[str, int, str]]:
    """A framework the site depends on is strong evidence; a `package.json` that only runs
    scripts (a Hugo or Jekyll site's build helpers) is the weakest clue there is."""
    if not readable(root, "package.json"):
        return []
    try:
        data = json.loads(_text(root, "package.json", 2_000_000))
    except ValueError:
        return [("node", 1, "package.json (unreadable)")]
    if not isinstance(data, dict):
        return [("node", 1, "package.json")]
    clues = []
    for group in ("dependencies", "devDependencies", "peerDependencies"):
        packages = data.get(group)
        if not isinstance(packages, dict):
            continue
        for package, generator in _PACKAGES.items():
            if package in packages:
                weight = 6 if generator == "hugo" else 8
                clues.append((generator, weight, f"package.json {group} has {package}"))
    scripts = data.get("scripts") if isinstance(data.get("scripts"), dict) else {}
    if any(isinstance(command, str) and command.strip().split(" ")[0] == "hugo" for command in scripts.values()):
        clues.append(("hugo", 4, "package.json scripts run hugo"))
    if not clues:
        clues.append(("node", 1, "package.json (scripts only, no site framework)"))
    return clues


def _layout_clues(root: Path) -> list[tuple[str, int, str]]:
    """No configuration at all: the folders a generator's content usually sits in."""
    content = root / "content"
    if content.is_dir() and any(content.rglob("_index.md")):
        return [("hugo", 2, "content/ with _index.md section pages")]
    if any(path.is_dir() for path in root.glob("*/_posts")) or (root / "_posts").is_dir():
        return [("jekyll", 2, "a _posts/ folder")]
    return []
