"""The house rules of DESIGN.md that a test can check: a Qt-free core, feature packages whose
imports point one way (as napari's import contracts), and small documented modules."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

from tests.conftest import REPO_ROOT

PACKAGE = REPO_ROOT / "desktop_app"
# The layers, lowest first: a module may import its own layer and the ones below, never above.
# Packages of one layer (editor, form, preview) may use each other, but never in a circle.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("core.errors", "core.paths", "core.tasks", "core.resources", "core.wording", "core.confine"),  # the core's shared base
    ("core.frontmatter",),
    ("core.document",),
    # core/site/, lowest first: the site as data and its configuration files read; links between
    # posts; the library's posts; posts as files; then loading a site and its report.
    ("core.site.config", "core.site.membership", "core.site.cms", "core.site.schemas"),
    ("core.site.links",),
    ("core.site.library",),
    ("core.site.posts",),
    ("core.site.detect", "core.site.boundaries", "core.site.report", "core.site"),
    ("core.git",),
    ("core.merge",),
    ("core.render",),
    ("core.review",),
    ("core.spelling",),
    ("core.settings", "core.sample", "core.desktop_entry", "core.workspace"),  # the core put together
    ("ui.metrics", "ui.style", "ui.qt_environment", "ui.qt_messages", "ui.gc_policy", "ui.notify", "ui.workers",
     "ui.context", "ui.actions", "ui.start_trace", "ui.import_scan"),
    ("ui.editor", "ui.form", "ui.preview", "ui.writing"),
    ("ui.review",),
    ("ui.git",),
    ("ui.library",),
    ("ui.recovery",),
    ("ui.commands",),
    ("ui.window",),
    ("app", "askpass", "cli", "merge_driver", "self_test", "__main__"),  # the entry points
)
MAX_MODULES_PER_FOLDER = 15


def module_name(path: Path) -> str:
    parts = path.relative_to(REPO_ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def all_modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def imports_of(path: Path) -> set[str]:
    """Every desktop_app module `path` imports, wherever the import statement is (in a function,
    under TYPE_CHECKING): a circle through a lazy or a type-only import is still a circle."""
    known = {module_name(p) for p in all_modules()}
    own = module_name(path)
    package = own if path.name == "__init__.py" else own.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name in known)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
            modules = {f"{base}.{alias.name}" for alias in node.names} & known  # `from package import module`
            found.update(modules or ({base} & known))
    found.discard(own)
    return found


def graph() -> dict[str, set[str]]:
    return {module_name(path): imports_of(path) for path in all_modules()}


def layer_of(module: str) -> int | None:
    inner = module.removeprefix("desktop_app.")
    for index, layer in enumerate(LAYERS):
        if any(inner == prefix or inner.startswith(prefix + ".") for prefix in layer):
            return index
    return None


def feature(module: str) -> str:
    """The package a module belongs to for the package graph: `core.site` for everything under
    core/site/, or the module itself for the shared base and entry points."""
    parts = module.removeprefix("desktop_app.").split(".")
    return ".".join(parts[:2]) if parts[0] in ("core", "ui") and len(parts) > 2 else ".".join(parts)


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one node (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(edges.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def test_core_and_cli_never_load_qt() -> None:
    core = [module_name(p) for p in sorted((PACKAGE / "core").rglob("*.py"))]
    modules = ["desktop_app", "desktop_app.cli", *core]
    assert "desktop_app.core.render.pipeline" in modules and "desktop_app.core.frontmatter.parse" in modules
    script = (
        "import importlib, json, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6')\n"
        "                or m.startswith('desktop_app.ui'))\n"
        "print(json.dumps(loaded))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=REPO_ROOT, env=dict(os.environ),
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == []


ROOTS = {"desktop_app", "desktop_app.core", "desktop_app.ui"}  # package docstrings (ui's installs ui.import_scan)


def test_every_module_has_a_layer() -> None:
    assert [name for name in graph() if name not in ROOTS and layer_of(name) is None] == []


def test_imports_point_down_the_layers() -> None:
    upward = sorted(f"{source} imports {target}" for source, targets in graph().items() for target in targets
                    if source not in ROOTS and target not in ROOTS
                    and (layer_of(target) or 0) > (layer_of(source) or 0))
    assert upward == []


def test_no_two_modules_import_each_other_even_through_others() -> None:
    assert cycles(graph()) == []


def test_packages_depend_on_each_other_one_way() -> None:
    packages: dict[str, set[str]] = defaultdict(set)
    for source, targets in graph().items():
        packages[feature(source)].update(feature(target) for target in targets if feature(target) != feature(source))
    assert cycles(packages) == []


def test_core_and_ui_hold_only_their_base_and_feature_packages() -> None:
    base = {prefix for layer in LAYERS for prefix in layer}
    for side in ("core", "ui"):
        loose = sorted(f"{side}.{path.stem}" for path in (PACKAGE / side).glob("*.py")
                       if path.stem != "__init__" and f"{side}.{path.stem}" not in base)
        assert loose == [], f"modules outside a feature package in {side}/"


def test_no_folder_is_crowded() -> None:
    crowded = {str(folder.relative_to(REPO_ROOT)): count for folder in [PACKAGE, *PACKAGE.rglob("*/")]
               if folder.is_dir() and folder.name != "__pycache__"
               and (count := len([p for p in folder.glob("*.py") if p.stem != "__init__"])) > MAX_MODULES_PER_FOLDER}
    assert crowded == {}


def test_the_rules_see_a_circle_and_an_upward_import() -> None:
    """The checks above would notice what they forbid."""
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert layer_of("desktop_app.core.site.cms.decap") < layer_of("desktop_app.core.render.page")
    assert feature("desktop_app.core.site.cms.decap") == "core.site" and feature("desktop_app.core.errors") == "core.errors"


def test_no_module_is_over_800_lines() -> None:
    too_long = {}
    for path in all_modules():
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > 800:
            too_long[str(path.relative_to(REPO_ROOT))] = lines
    assert not too_long


def test_every_module_says_what_it_owns() -> None:
    missing = [str(path.relative_to(REPO_ROOT)) for path in all_modules()
               if not (ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or "").strip()]
    assert not missing
