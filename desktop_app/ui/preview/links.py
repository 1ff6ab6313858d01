"""Following a link clicked in the preview to another post of the repository.

Web links go to the system browser straight from the page (`ui/preview/page.py`). A link to a
local path comes here: the post it means (`core/site/links/resolve.py`) opens in Postdesk, asking about unsaved
edits as switching posts always does; anything else gets a note saying why nothing opened
(a local file is never handed to the system, which could run it).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from desktop_app.core.site.links.resolve import is_template_link, linked_post


def install_preview_links(window: Any) -> None:
    """Open the post a clicked preview link points to (`window`: the MainWindow)."""
    window.preview.local_link_clicked.connect(lambda target: follow_link(window, target))


def follow_link(window: Any, target: str) -> None:
    """Open the post behind the local path `target`, or say why not."""
    notifier = window.context.notifier
    if is_template_link(target):
        start = min(index for index in (target.find("{{"), target.find("{%")) if index >= 0)
        notifier.note(f"This link is filled in by the site: {target[start:]}")
        return
    relative = linked_post(window.context.workspace.site, target)
    if relative is None:
        notifier.note(f"Not a post of this repository: {_shown(window, target)}")
        return
    window.controller.open_post(relative)


def _shown(window: Any, target: str) -> str:
    root = window.context.workspace.root.resolve()
    path = Path(target)
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
