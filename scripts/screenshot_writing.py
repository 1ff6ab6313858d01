"""Screenshots of the writing aids on the real window: misspellings underlined as you type, the
outline sidebar with a skipped level flagged, the counts and a word goal in the status bar, and
the editor's menu on a misspelled word.

`xvfb-run -a -s "-screen 0 1440x900x24" python scripts/screenshot_writing.py [OUT_FOLDER]` writes
writing-aids.png and writing-menu.png (default: /tmp). `POSTDESK_THEME=dark` pictures the dark theme.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QContextMenuEvent, QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from shots import full_screen_window, run_steps, shoot

from desktop_app.app import create_application, open_workspace
from desktop_app.core.paths import default_paths
from desktop_app.ui.notify import Notifier

OUT = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/tmp")
POST = "posts/microservices-vs-monolith.md"
HEADING = "## Pitfalls we keep seeing"
TYPED = ("#### A worked example\n\nTeams that split the code but not the data end up with a distributed "
         "monolith: teh schema becomes a contract nobody can chnage without a meeting, and every "
         "deploy waits for the slowest team.\n\n")


def main() -> int:
    app = create_application()
    notifier = Notifier(interactive=False)
    workspace = open_workspace(None, default_paths(), notifier)
    assert workspace is not None, notifier.history
    window = full_screen_window(workspace, notifier)
    editor = window.editor_pane.editor

    def write() -> None:
        assert window.controller.open_post(POST)
        window.writing.dock.show()
        window.writing.counts.set_goal(1200)
        block = editor.document().find(HEADING).block().next().next()
        cursor = QTextCursor(block)
        editor.setTextCursor(cursor)
        editor.setFocus()
        for line in TYPED.split("\n")[:-1]:
            QTest.keyClicks(editor, line)
            QTest.keyClick(editor, Qt.Key.Key_Return)
        editor.verticalScrollBar().setValue(editor.document().find(HEADING).block().firstLineNumber() - 3)

    def leave_the_word() -> None:
        QTest.keyClick(editor, Qt.Key.Key_Up)

    def menu() -> None:
        word = editor.document().find("chnage")
        point = editor.cursorRect(word).center() + QPoint(4, 0)
        QApplication.postEvent(editor.viewport(), QContextMenuEvent(
            QContextMenuEvent.Reason.Mouse, point, editor.viewport().mapToGlobal(point)))

    def close_menu() -> None:
        popup = QApplication.activePopupWidget()
        if popup is not None:
            QApplication.postEvent(popup, QEvent(QEvent.Type.Close))
            popup.close()

    run_steps([
        (3000, write), (200, leave_the_word), (2500, lambda: shoot(OUT / "writing-aids.png")),
        (10, menu), (1200, lambda: shoot(OUT / "writing-menu.png")), (10, close_menu),
        (300, lambda: (notifier.answers.extend(["discard"] * 3), window.close(), app.quit())),
    ])
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
