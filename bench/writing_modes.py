"""What the editor's writing features cost a keystroke in a 20,000-word post.

Opens the real main window on a copy of the sample blog with a 20,000-word post and types 100
characters at its end under each look: the fixed-pitch editor without measure or line height
(as before issue 15), the default prose font with its 70-character measure, 140% line height
and folded front matter, focus mode on the sentence, and focus mode on the paragraph with
typewriter mode. Then Enter at the end of a 200-item list (the list keys read the lines above
the caret) and leaving a 40-row table (the table is lined up as the caret leaves). Prints the
median, 95th percentile and maximum milliseconds per key next to the typing targets (8 ms at the
95th percentile, never more than one 16 ms frame).

Run it under a real X display as well as offscreen, where painting costs what it costs a writer:
`xvfb-run -a -s "-screen 0 1440x900x24" env QT_QPA_PLATFORM=xcb python bench/writing_modes.py`.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("POSTDESK_HOME", tempfile.mkdtemp(prefix="postdesk-bench-"))
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox --disable-gpu")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QTextCursor  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

from bench.offscreen_keys import report, settle, type_keys  # noqa: E402
from bench.run import post  # noqa: E402
from desktop_app.app import create_application  # noqa: E402
from desktop_app.core.paths import default_paths  # noqa: E402
from desktop_app.core.resources import resource_path  # noqa: E402
from desktop_app.core.sample import install_sample_blog  # noqa: E402
from desktop_app.core.workspace import Workspace  # noqa: E402
from desktop_app.ui.context import UiContext  # noqa: E402
from desktop_app.ui.notify import Notifier  # noqa: E402
from desktop_app.ui.window.mainwindow import MainWindow  # noqa: E402
from desktop_app.ui.workers import TaskRunner  # noqa: E402

TEXT = "The quick brown fox jumps over the lazy dog. " * 2 + "A final few."


def to_end(editor) -> None:  # noqa: ANN001 - a MarkdownEditor
    cursor = editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    editor.setTextCursor(cursor)


def main() -> int:
    app = create_application()
    folder = Path(tempfile.mkdtemp(prefix="postdesk-bench-blog-"))
    root = install_sample_blog(resource_path("sample-blog"), folder / "blog", folder / "origin.git")
    lists = "".join(f"{n}. item number {n}\n" for n in range(1, 201))
    table = "| Name | Qty |\n| --- | --- |\n" + "".join(f"|row {n}|{n * 7}|\n" for n in range(40))
    (root / "posts/long.md").write_text(post(20000, 50) + "\n" + lists + "\n" + table, encoding="utf-8")
    window = MainWindow(UiContext(Workspace.open(root, default_paths()), TaskRunner(), Notifier(interactive=False)))
    window.resize(1440, 900)
    window.show()
    window.activateWindow()  # the editor has the keyboard, as when a writer types
    settle(app, 3)
    assert window.controller.open_post("posts/long.md")
    settle(app, 3)
    editor = window.editor_pane.editor
    editor.setFocus()
    defaults = window.context.workspace.settings
    looks = (
        ("fixed-pitch, full width (before issue 15)",
         replace(defaults, editor_font="mono", editor_line_height=100, editor_measure=0)),
        ("prose font, measure, line height (default)", defaults),
        ("focus mode: sentence", replace(defaults, focus_mode="sentence")),
        ("focus mode: paragraph, typewriter mode", replace(defaults, focus_mode="paragraph", typewriter_mode=True)),
    )
    print(f"{'keystroke in a 20,000-word post (GUI thread)':44} {'median':>8} {'p95':>8} {'max':>8}  ok")
    for label, settings in looks:
        window.change_settings(settings)
        settle(app, 1)
        to_end(editor)
        report(label, type_keys(app, editor, TEXT))
        for _ in TEXT:
            QTest.keyClick(editor, Qt.Key.Key_Backspace)
        settle(app, 0.5)
    window.change_settings(defaults)
    settle(app, 1)
    block = editor.document().findBlockByNumber(editor.text().splitlines().index("200. item number 200"))
    cursor = editor.textCursor()
    cursor.setPosition(block.position() + block.length() - 1)
    editor.setTextCursor(cursor)
    costs = []
    for _ in range(20):
        start = time.perf_counter()
        QTest.keyClick(editor, Qt.Key.Key_Return)
        app.processEvents()
        costs.append((time.perf_counter() - start) * 1000)
        QTest.keyClicks(editor, "x")
    report("Enter in a 200-item list (20 keys)", costs)
    block = editor.document().findBlockByNumber(editor.text().splitlines().index("|row 20|140|"))
    leaving = []
    for _ in range(10):
        cursor.setPosition(block.position() + block.text().index("|", 2) + 1)
        editor.setTextCursor(cursor)
        QTest.keyClicks(editor, "1")  # a wider cell: the column is no longer lined up
        app.processEvents()
        start = time.perf_counter()
        QTest.keyClick(editor, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)  # out of the table
        app.processEvents()
        leaving.append((time.perf_counter() - start) * 1000)
    assert "| Name   | Qty" in editor.text(), f"the table was not lined up: {editor.text()[-200:]!r}"
    report("leaving a 40-row table (lined up, 10 times)", leaving)
    window.context.notifier.answers[:] = ["discard"]
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
