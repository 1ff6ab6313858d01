"""PySide6's source scan is spared (ui/import_scan.py) without changing what Qt code sees."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]


def run(script: str, folder: Path) -> str:
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(script)], cwd=folder, capture_output=True,
                          text=True, timeout=120, env={"PYTHONPATH": f"{REPO_ROOT}:{folder}",
                                                       "QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_a_module_imported_after_the_window_modules_is_not_read_again(tmp_path: Path) -> None:
    (tmp_path / "plain.py").write_text("VALUE = 1\n", encoding="utf-8")
    (tmp_path / "qtish.py").write_text("from PySide6.QtCore import QObject\n", encoding="utf-8")
    out = run("""
        import linecache, sys
        import desktop_app.ui
        import plain, qtish
        feature = sys.modules["PySide6.support.feature"].pyside_feature_dict
        print(any("plain.py" in name or "qtish.py" in name for name in linecache.cache),
              feature["plain"], feature["qtish"], feature["desktop_app.ui.import_scan"])
    """, tmp_path)
    assert out == "False -1 0 0"  # PySide6's own scan reads both files and keeps their text


def test_qt_code_keeps_its_names_when_another_module_chooses_snake_case(tmp_path: Path) -> None:
    (tmp_path / "snake.py").write_text(textwrap.dedent("""
        from __feature__ import snake_case  # noqa
        from PySide6.QtWidgets import QWidget

        def visible(widget):
            return widget.is_visible()
    """), encoding="utf-8")
    (tmp_path / "camel.py").write_text(textwrap.dedent("""
        from PySide6.QtWidgets import QWidget

        def visible(widget):
            return widget.isVisible()
    """), encoding="utf-8")
    out = run("""
        import desktop_app.ui
        from PySide6.QtWidgets import QApplication, QWidget
        app = QApplication([])
        import snake, camel
        widget = QWidget()
        print(snake.visible(widget), camel.visible(widget))
    """, tmp_path)
    assert out == "False False"
