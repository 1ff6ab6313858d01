"""Screenshots of write mode and review mode on the real window, at the X screen's size.

`xvfb-run -a -s "-screen 0 1280x720x24" python scripts/screenshot_modes.py [OUT_FOLDER]` writes
modes-write-<theme>-<W>x<H>.png and modes-review-<theme>-<W>x<H>.png (default folder: docs/).
`POSTDESK_THEME=dark` (or light) pictures that theme. `make screenshots` takes the whole set:
1440×900 and 1280×720, light and dark.

The sample blog in a working state: one post saved with an edit (so there is something to
commit, and the status bar counts it), another open in the editor, the preview showing it.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QPlainTextEdit
from shots import full_screen_window, run_steps, shoot

from desktop_app.app import create_application, open_workspace
from desktop_app.core.paths import default_paths
from desktop_app.ui.notify import Notifier
from desktop_app.ui.window.modes import REVIEW

OUT = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent / "docs"
POST = "posts/caching-unsung-hero.md"
EDITED = "posts/claude-code-ollama-local.md"


def visible_lines(editor: QPlainTextEdit) -> int:
    """The lines of text the editor shows whole (wrapped lines counted one by one)."""
    height, offset, block, count = editor.viewport().height(), editor.contentOffset(), editor.firstVisibleBlock(), 0
    while block.isValid():
        top = editor.blockBoundingGeometry(block).translated(offset).top()
        if top >= height:
            break
        layout = block.layout()
        for number in range(layout.lineCount()):
            line = layout.lineAt(number).rect()
            if top + line.top() >= 0 and top + line.bottom() <= height:
                count += 1
        block = block.next()
    return count


def main() -> int:
    app = create_application()
    notifier = Notifier(interactive=False)
    workspace = open_workspace(None, default_paths(), notifier)
    assert workspace is not None, notifier.history
    edited = workspace.absolute(EDITED)
    edited.write_text(edited.read_text(encoding="utf-8").replace("draft: true", "draft: false"), encoding="utf-8")
    window = full_screen_window(workspace, notifier)
    theme = os.environ.get("POSTDESK_THEME") or workspace.settings.theme
    size = QGuiApplication.primaryScreen().geometry().size()
    suffix = f"{theme}-{size.width()}x{size.height()}.png"

    def open_post() -> None:
        window.controller.open_post(POST)
        window.editor_pane.editor.setFocus()

    def select_change() -> None:
        if window.changes.files.count():
            window.changes.files.setCurrentRow(0)

    run_steps([
        (2500, open_post), (3500, lambda: shoot(OUT / f"modes-write-{suffix}")),
        (10, lambda: print(f"write mode shows {visible_lines(window.editor_pane.editor)} lines of the post")),
        (10, lambda: window.modes.switch(REVIEW)), (10, select_change),
        (2500, lambda: shoot(OUT / f"modes-review-{suffix}")),
        (10, lambda: (window.close(), app.quit())),
    ])
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
