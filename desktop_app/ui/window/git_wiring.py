"""Connects the git state to the window: one refresh of the changes panel feeds the library's
badges and sync line and the status bar's branch; the branch menu switches and the window
follows (rescan, reload the open post).

Kept apart from `mainwindow.py`, which calls `wire_git(window)` once.
"""

from __future__ import annotations

from typing import Protocol

from desktop_app.core.git.staging import ChangeList
from desktop_app.core.git.state import RepoState
from desktop_app.ui.context import UiContext
from desktop_app.ui.git.branch_menu import BranchMenu
from desktop_app.ui.git.changes_panel import ChangesPanel
from desktop_app.ui.library.view import LibraryView
from desktop_app.ui.notify import CANCEL, SAVE
from desktop_app.ui.window.post_controller import PostController
from desktop_app.ui.window.status_bar import StatusBar


class MainWindow(Protocol):
    """What the wiring needs of `mainwindow.MainWindow`, which calls it: named here, so the window
    and its wiring do not import each other."""

    context: UiContext
    changes: ChangesPanel
    library: LibraryView
    status: StatusBar
    controller: PostController
    branch_menu: BranchMenu

    def refresh(self) -> None: ...


def wire_git(window: MainWindow) -> BranchMenu:
    changes, library, status = window.changes, window.library, window.status

    def show(state: RepoState, found: ChangeList) -> None:
        library.show_git_state(state, found.post_states())
        status.show_branch(state.branch.name)
        menu.reload()

    menu = BranchMenu(window.context, status.branch, can_leave=lambda: can_switch(window),
                      busy=lambda: changes.busy)
    changes.git_state_changed.connect(show)
    library.fetch_requested.connect(changes.fetch)
    menu.switched.connect(lambda _name: after_switch(window))
    window.branch_menu = menu
    return menu


def can_switch(window: MainWindow) -> bool:
    """The open post's unsaved text is saved, or discarded at the writer's word, or we stay."""
    controller = window.controller
    document = controller.document
    if document is None or not controller.is_modified():
        return True
    post = window.library.post(document.path)
    answer = window.context.notifier.ask_unsaved(post.title if post else document.path)
    if answer == CANCEL:
        return False
    if answer == SAVE:
        return controller.save()
    # Discard: the editor goes back to the saved text, so the post reloads from the new branch.
    controller.discard_edits()
    return True


def after_switch(window: MainWindow) -> None:
    """The other branch's posts: rescan the library and reload the open post (or, when it is
    not on this branch, open the newest one)."""
    workspace, controller = window.context.workspace, window.controller
    workspace.reload_site()
    window.library.set_collections([(c.name, c.label, c.create) for c in workspace.site.collections])
    document = controller.document
    if document is not None and not workspace.absolute(document.path).exists():
        gone = document.path

        def open_newest(posts: list) -> None:
            controller.library_loaded.disconnect(open_newest)
            if posts:
                window.context.notifier.note(f"{gone} is not on this branch.")
                controller.open_post(posts[0].path)
        controller.library_loaded.connect(open_newest)
    else:
        controller.check_disk()
    window.refresh()
