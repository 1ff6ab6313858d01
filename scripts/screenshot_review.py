"""Screenshots of the review: the changes panel's three forms and the post history, on the real window.

`xvfb-run -a -s "-screen 0 1440x900x24" python scripts/screenshot_review.py [OUT_FOLDER]` writes
review-fields.png, review-text.png, review-rendered.png and review-history.png (default: /tmp).
`POSTDESK_THEME=dark` pictures the dark theme.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from shots import full_screen_window, run_steps, shoot

from desktop_app.app import create_application, open_workspace
from desktop_app.core.paths import default_paths
from desktop_app.ui.git.changes_panel import PathRole
from desktop_app.ui.notify import Notifier
from desktop_app.ui.review.diff_view import FIELDS, RENDERED, TEXT
from desktop_app.ui.review.history_panel import HistoryDialog
from desktop_app.ui.window.modes import REVIEW

OUT = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/tmp")
POST = "posts/caching-unsung-hero.md"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=Ana Ruiz", "-c", "user.email=ana@example.com", *args], cwd=root,
                   check=True, capture_output=True)


def main() -> int:
    app = create_application()
    notifier = Notifier(interactive=False)
    workspace = open_workspace(None, default_paths(), notifier)
    assert workspace is not None, notifier.history
    post = workspace.absolute(POST)
    edit(post, "title: \"Caching: The Unsung Hero", "title: \"Caching: The Quiet Hero")
    git(workspace.root, "commit", "-qam", "Retitle: the quiet hero")
    edit(post, "tags: [caching, performance, system-design]", "tags: [caching, performance, redis]")
    edit(post, "A well-placed cache turns a 120 ms database query", "A well-placed cache can turn a 120 ms query")
    edit(post, "A badly placed one serves stale prices for a week. ", "")
    text = post.read_text(encoding="utf-8")
    first_heading = text.index("\n## ")
    post.write_text(text[:first_heading] + "\n## Why it matters\n\nEvery millisecond a page waits is a reader "
                    "lost.\n" + text[first_heading:], encoding="utf-8")
    window = full_screen_window(workspace, notifier)
    window.modes.switch(REVIEW)  # the library, the fields and the Changes dock
    window.resizeDocks([window.changes_dock], [430], Qt.Orientation.Vertical)

    def shot(name: str) -> None:
        shoot(OUT / name)

    def select_change() -> None:
        panel = window.changes
        for row in range(panel.files.count()):
            if panel.files.item(row).data(PathRole) == POST:
                panel.files.setCurrentRow(row)
                return
        QTimer.singleShot(300, select_change)

    def history() -> None:
        window.controller.open_post(POST)
        window.history_action.trigger()

    def pick_commit() -> None:
        dialog = window.findChild(HistoryDialog)
        dialog.setGeometry(QGuiApplication.primaryScreen().availableGeometry().adjusted(60, 40, -60, -40))
        dialog.panel.commits.setCurrentRow(0)

    run_steps([
        (2500, select_change),
        (2000, lambda: window.changes.diff.select(FIELDS)), (700, lambda: shot("review-fields.png")),
        (10, lambda: window.changes.diff.select(TEXT)), (700, lambda: shot("review-text.png")),
        (10, lambda: window.changes.diff.select(RENDERED)), (3000, lambda: shot("review-rendered.png")),
        (10, history), (1500, pick_commit), (3500, lambda: shot("review-history.png")),
        (10, lambda: (window.findChild(HistoryDialog).close(), window.close(), app.quit())),
    ])
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
