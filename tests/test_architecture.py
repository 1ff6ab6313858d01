"""The house rules of DESIGN.md that a test can check: a Qt-free core, small documented modules."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO_ROOT

PACKAGE = REPO_ROOT / "desktop_app"


def module_name(path: Path) -> str:
    parts = path.relative_to(REPO_ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def all_modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def test_core_and_cli_never_load_qt() -> None:
    core = [module_name(p) for p in sorted((PACKAGE / "core").rglob("*.py"))]
    modules = ["desktop_app", "desktop_app.cli", *core]
    assert "desktop_app.core.render" in modules and "desktop_app.core.frontmatter" in modules
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
