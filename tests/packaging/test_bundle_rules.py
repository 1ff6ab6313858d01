"""The rules that keep the bundle lean, and the smoke test's write tracing, without building a bundle."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from types import ModuleType

import pytest

from tests.conftest import REPO_ROOT

QT = "PySide6/Qt/"


def load(name: str) -> ModuleType:
    """packaging/<name>.py (the folder is no package: `packaging` is a PyPI distribution's name)."""
    spec = importlib.util.spec_from_file_location(f"postdesk_packaging_{name}", REPO_ROOT / "packaging" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


lean = load("bundle_lean")
smoke = load("smoke_test")


@pytest.mark.parametrize("path", [
    QT + "lib/libQt6WebEngineCore.so.6", QT + "libexec/QtWebEngineProcess", QT + "resources/icudtl.dat",
    QT + "resources/qtwebengine_resources.pak", QT + "translations/qtwebengine_locales/en-US.pak",
    QT + "plugins/platforms/libqxcb.so", QT + "plugins/platforms/libqwayland.so",
    QT + "plugins/platforms/libqoffscreen.so", QT + "plugins/imageformats/libqsvg.so",
    QT + "plugins/platformthemes/libqxdgdesktopportal.so",
    QT + "plugins/platforminputcontexts/libibusplatforminputcontextplugin.so",
    "resources/sample-blog/posts/caching-unsung-hero.md",
])
def test_what_postdesk_needs_stays(path: str) -> None:
    assert not lean.is_dropped(path)


@pytest.mark.parametrize("path", [
    QT + "translations/qtwebengine_locales/de.pak", QT + "translations/qtbase_fr.qm",
    QT + "resources/qtwebengine_devtools_resources.pak", QT + "plugins/platforms/libqeglfs.so",
    QT + "plugins/imageformats/libqpdf.so", QT + "lib/libQt6Pdf.so.6",
    QT + "plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so",
])
def test_what_postdesk_never_uses_goes(path: str) -> None:
    assert lean.is_dropped(path)


def test_the_python_bindings_postdesk_imports_are_never_excluded() -> None:
    used = {"PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets", "PySide6.QtNetwork", "PySide6.QtPrintSupport",
            "PySide6.QtWebEngineCore", "PySide6.QtWebEngineWidgets", "PySide6.QtWebChannel"}
    assert not used & set(lean.EXCLUDED_MODULES)


def test_libraries_only_dropped_plugins_needed_are_pruned() -> None:
    imports = {
        "/src/qxcb.so": ["libxcb-cursor.so.0", "/lib/libQt6Gui.so.6"],
        "/src/lib-dynload/_ssl.so": ["libssl.so.3"],
    }
    toc = [
        (QT + "plugins/platforms/libqxcb.so", "/src/qxcb.so", "BINARY"),
        ("python3.11/lib-dynload/_ssl.so", "/src/lib-dynload/_ssl.so", "EXTENSION"),
        ("libxcb-cursor.so.0", "/lib/libxcb-cursor.so.0", "BINARY"),
        ("libssl.so.3", "/lib/libssl.so.3", "BINARY"),
        ("libcairo.so.2", "/lib/libcairo.so.2", "BINARY"),  # came for the dropped GTK theme
        ("libnss3.so", "/lib/libnss3.so", "BINARY"),  # loaded by dlopen: kept
        ("libpython3.11.so.1.0", "/py/libpython3.11.so.1.0", "BINARY"),
        ("libcairo.so", "libcairo.so.2", "SYMLINK"),
        ("libQt6Gui.so.6", QT + "lib/libQt6Gui.so.6", "SYMLINK"),
    ]
    kept = {entry[0] for entry in lean.prune_unneeded(toc, lambda source: imports.get(source, []))}
    assert kept == {QT + "plugins/platforms/libqxcb.so", "python3.11/lib-dynload/_ssl.so", "libxcb-cursor.so.0",
                    "libssl.so.3", "libnss3.so", "libpython3.11.so.1.0"}


def test_symlinks_to_dropped_files_go_with_them() -> None:
    toc = [(QT + "lib/libQt6Pdf.so.6", "/q/libQt6Pdf.so.6", "BINARY"),
           ("libQt6Pdf.so.6", QT + "lib/libQt6Pdf.so.6", "SYMLINK"),
           ("libQt6Core.so.6", QT + "lib/libQt6Core.so.6", "SYMLINK")]
    assert lean.lean(toc) == [("libQt6Core.so.6", QT + "lib/libQt6Core.so.6", "SYMLINK")]


WRITER = textwrap.dedent("""
    import os, subprocess, sys
    os.chdir(sys.argv[1])
    open("relative.txt", "w").write("x")            # relative to the new working folder
    os.mkdir("made")
    os.rename("relative.txt", "made/moved.txt")
    open(sys.argv[2], "r").read()                   # only read: not a write
    subprocess.run(["sh", "-c", "echo y > child.txt"], cwd="made", check=True)
    open(sys.argv[3], "a").write("z")               # outside the home
""")


def test_the_write_trace_follows_working_folders_children_and_renames(tmp_path: Path) -> None:
    if not shutil.which("strace"):
        pytest.skip("strace is not installed (Debian: strace)")
    home, elsewhere = tmp_path / "home", tmp_path / "elsewhere"
    home.mkdir()
    elsewhere.mkdir()
    readable = elsewhere / "read-only-use.txt"
    readable.write_text("r")
    log = tmp_path / "trace.log"
    subprocess.run(["strace", "-f", "-qq", "-y", "-s", "4096", "-o", str(log), "-e", "trace=%file,%process,fchdir,creat",
                    sys.executable, "-c", WRITER, str(home), str(readable), str(elsewhere / "stray.txt")],
                   check=True, cwd=tmp_path, env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
    written = smoke.written_paths(log.read_text())
    assert {str(home / "relative.txt"), str(home / "made"), str(home / "made" / "moved.txt"),
            str(home / "made" / "child.txt"), str(elsewhere / "stray.txt")} <= written
    assert str(readable) not in written
    assert smoke.outside(written, home) == [str(elsewhere / "stray.txt")]
