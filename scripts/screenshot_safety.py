"""Screenshots of what keeps a writer's words safe, on the real window: the recovery dialog after a
killed run, the bar for a post changed on disk under unsaved edits, and a legacy-encoded post.

`xvfb-run -a -s "-screen 0 1440x900x24" python scripts/screenshot_safety.py [OUT_FOLDER]` writes
safety-recovery.png, safety-disk.png and safety-encoding.png (default: /tmp).
`POSTDESK_THEME=dark` pictures the dark theme.
"""

from __future__ import annotations

import sys
from pathlib import Path

from shots import full_screen_window, run_steps, shoot

from desktop_app.app import create_application, open_workspace
from desktop_app.core.paths import default_paths
from desktop_app.ui.notify import Notifier
from tests.helpers.crash import killed_run_left

OUT = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/tmp")
POST = "posts/caching-unsung-hero.md"
LEGACY = "posts/notes-from-2009.md"


def main() -> int:
    app = create_application()
    notifier = Notifier(interactive=False)
    workspace = open_workspace(None, default_paths(), notifier)
    assert workspace is not None, notifier.history
    saved = workspace.absolute(POST).read_text(encoding="utf-8")
    heading = saved.index("\n## ")
    recovered = (saved[:heading] + "\n## What we learned the hard way\n\nThe cache that saved us in March "
                 "took the site down in April, when every key expired in the same second.\n" + saved[heading:])
    killed_run_left(default_paths().recovery_dir, workspace.root, POST, recovered, saved)
    workspace.absolute(LEGACY).write_bytes(
        "---\ntitle: Notes from 2009 – “the old blog”\ndate: 2009-03-14\n---\n\nWritten in Windows-1252, "
        "café and all.\n".encode("cp1252"))
    window = full_screen_window(workspace, notifier)

    def shot(name: str) -> None:
        shoot(OUT / name)

    def place_dialog() -> None:
        dialog = window.recovery.dialog
        assert dialog is not None, "no recovery dialog"
        dialog.setGeometry(window.geometry().adjusted(120, 80, -120, -80))

    def restore() -> None:
        dialog = window.recovery.dialog
        assert dialog is not None
        dialog.restore_button.click()

    def change_on_disk() -> None:
        path = workspace.absolute(POST)
        path.write_text(path.read_text(encoding="utf-8").replace("author: Ana Ruiz", "author: Marcus Chen"),
                        encoding="utf-8")

    run_steps([
        (3000, place_dialog), (2500, lambda: shot("safety-recovery.png")),
        (10, restore), (10, change_on_disk), (2500, lambda: shot("safety-disk.png")),
        (10, lambda: window.editor_pane.messages.trigger("disk", "Keep mine")),
        (10, lambda: notifier.answers.append("discard")),
        (10, lambda: window.controller.open_post(LEGACY)), (2500, lambda: shot("safety-encoding.png")),
        (10, lambda: (notifier.answers.extend(["discard"] * 3), window.close(), app.quit())),
    ])
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
