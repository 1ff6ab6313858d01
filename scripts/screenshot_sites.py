"""Screenshots of real and fixture sites opened as a new user would: the library, View → Site…,
a post made with + New, and where an image chosen in the form lands.

`xvfb-run -a -s "-screen 0 1440x900x24" python scripts/screenshot_sites.py OUT SITE...` copies each
site (a folder: ../shared/sites/astro-balastrong, tests/fixtures/sites/hugo-npm …) into a temporary
git repository, opens it and writes OUT/<site>-library.png, -site.png and -new.png; it prints the
new post's path and the image's value and file.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from shots import full_screen_window, run_steps, shoot

from desktop_app.app import create_application
from desktop_app.core.paths import default_paths
from desktop_app.core.workspace import Workspace
from desktop_app.ui.notify import Notifier

OUT = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/tmp")
SITES = [Path(arg) for arg in sys.argv[2:]]
PICTURE = '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"><circle cx="20" cy="20" r="18"/></svg>'


def main() -> int:
    app = create_application()
    app.setQuitOnLastWindowClosed(False)  # one site's window closes before the next opens
    work = Path(tempfile.mkdtemp(prefix="postdesk-sites-"))
    picture = work / "chosen-picture.svg"
    picture.write_text(PICTURE, encoding="utf-8")
    steps = []
    for source in SITES:
        steps += site_steps(source, work, picture)
    steps.append((500, app.quit))
    run_steps(steps)
    return app.exec()


def site_steps(source: Path, work: Path, picture: Path) -> list:
    name = source.name
    state: dict = {}

    def open_site() -> None:
        root = work / name
        shutil.copytree(source, root, ignore=shutil.ignore_patterns(".git", "node_modules"))
        subprocess.run(["git", "init", "-q", str(root)], check=True)
        subprocess.run(["git", "-C", str(root), "add", "-A"], check=True)
        subprocess.run(["git", "-C", str(root), "-c", "user.name=Shots", "-c", "user.email=shots@example.test",
                        "commit", "-qm", "as found"], check=True)
        notifier = Notifier(interactive=False)
        state["window"] = full_screen_window(Workspace.open(root, default_paths()), notifier)
        state["notifier"] = notifier

    def site_dialog() -> None:
        state["window"].site_action.trigger()

    def close_dialog() -> None:
        state["window"].site_dialog.reject()

    def new_post() -> None:
        window = state["window"]
        first = window.context.workspace.site.collections[0]
        window.controller.create_post("Trying Postdesk on this site", first.name)

    def choose_image() -> None:
        window = state["window"]
        value = window.controller.image_value(picture)
        workspace = window.context.workspace
        document = window.controller.document
        landed = workspace.site.site_path_to_file(value) if value.startswith("/") else \
            (workspace.absolute(document.path).parent / value).resolve()
        print(f"{name}: new post {document.path}; image value {value} -> "
              f"{landed.relative_to(workspace.root) if landed and landed.exists() else 'NOT FOUND'}")
        print(f"{name}: notes: {[m for kind, m in state['notifier'].history if kind == 'note']}")

    def close() -> None:
        window = state["window"]
        state["notifier"].answers[:] = ["discard"] * 3
        window.close()

    return [
        (100, open_site),
        (6000, lambda: shoot(OUT / f"{name}-library.png")),
        (100, site_dialog),
        (3000, lambda: shoot(OUT / f"{name}-site.png")),
        (100, close_dialog),
        (100, new_post),
        (4000, lambda: shoot(OUT / f"{name}-new.png")),
        (100, choose_image),
        (100, close),
    ]


if __name__ == "__main__":
    sys.exit(main())
