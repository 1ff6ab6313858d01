"""Take the README's screenshot of the real window: `xvfb-run -s "-screen 0 1440x900x24" python scripts/screenshot.py`.

`scripts/screenshot.py [POST] [OUT] [REPO]`: with REPO, that repository is opened as it is.
`POSTDESK_THEME=dark` (or light, system) pictures that theme instead of the saved one.

Starts Postdesk on a fresh copy of the bundled sample blog, opens a post, edits nothing, waits
until the preview shows it, then grabs the X screen (not a widget render) into docs/screenshot.png.
The window opens in write mode, as a writer first sees it; `scripts/screenshot_modes.py` takes
write and review mode at each screen size and theme.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("POSTDESK_HOME", tempfile.mkdtemp(prefix="postdesk-shot-"))
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox --disable-gpu")

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtGui import QCursor, QGuiApplication  # noqa: E402

from desktop_app.app import create_application, open_workspace  # noqa: E402
from desktop_app.core.paths import default_paths  # noqa: E402
from desktop_app.ui.context import UiContext  # noqa: E402
from desktop_app.ui.notify import Notifier  # noqa: E402
from desktop_app.ui.qt_environment import prefer_color_scheme  # noqa: E402
from desktop_app.ui.style import resolve_dark  # noqa: E402
from desktop_app.ui.window.mainwindow import MainWindow  # noqa: E402
from desktop_app.ui.workers import TaskRunner  # noqa: E402

POST = sys.argv[1] if len(sys.argv) > 1 else "posts/caching-unsung-hero.md"
OUT = Path(sys.argv[2]) if len(sys.argv) > 2 else ROOT / "docs" / "screenshot.png"
REPO = Path(sys.argv[3]) if len(sys.argv) > 3 else None


def main() -> int:
    app = create_application()
    notifier = Notifier(interactive=False)
    workspace = open_workspace(REPO, default_paths(), notifier)
    assert workspace is not None, notifier.history
    if REPO is None:
        # A realistic working state: one post with an unsaved edit, so the changes panel has content.
        draft = workspace.absolute("posts/claude-code-ollama-local.md")
        draft.write_text(draft.read_text(encoding="utf-8").replace("draft: true", "draft: false"), encoding="utf-8")
    if os.environ.get("POSTDESK_THEME"):
        workspace.settings.theme = os.environ["POSTDESK_THEME"]
    prefer_color_scheme(resolve_dark(workspace.settings.theme))  # as run_gui does
    window = MainWindow(UiContext(workspace, TaskRunner(), notifier))
    window.setGeometry(QGuiApplication.primaryScreen().availableGeometry())  # Xvfb has no window manager
    window.show()
    window.controller.library_loaded.connect(lambda _posts: QTimer.singleShot(300, lambda: window.controller.open_post(POST)))

    done: list[bool] = []

    def grab() -> None:
        if done:
            return
        done.append(True)
        screen = QGuiApplication.primaryScreen()
        QCursor.setPos(screen.geometry().bottomRight())  # no hover highlight in the picture
        OUT.parent.mkdir(parents=True, exist_ok=True)
        screen.grabWindow(0).save(str(OUT))
        print(f"saved {OUT}")
        window.close()
        app.quit()

    def select_change() -> None:
        if window.changes.files.count():
            window.changes.files.setCurrentRow(0)

    def on_updated() -> None:
        document = window.controller.document
        if document is not None and document.path == POST:
            select_change()
            QTimer.singleShot(2500, grab)

    window.preview.updated.connect(on_updated)
    QTimer.singleShot(30000, grab)  # never hang a CI job
    app.exec()
    return 0


if __name__ == "__main__":
    sys.exit(main())
