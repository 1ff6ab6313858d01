"""The branch menu behind the status bar's branch button: switch, check out a remote branch, create.

Nothing is lost by switching: the open post's unsaved text is saved, discarded or the switch is
cancelled (the writer chooses), and git itself refuses a switch that would overwrite uncommitted
changes; its reason is shown as one sentence. Git runs in workers; the branch list is read
after each refresh, so the menu opens at once.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QInputDialog, QMenu, QToolButton

from desktop_app.core.errors import PostdeskError
from desktop_app.core.git import branches
from desktop_app.core.git.branches import Branches
from desktop_app.ui.context import UiContext

NameProvider = Callable[[], "str | None"]


class BranchMenu(QObject):
    """Signals: `switched(branch)` once git has switched (the library must rescan)."""

    switched = Signal(str)

    def __init__(self, context: UiContext, button: QToolButton, can_leave: Callable[[], bool],
                 busy: Callable[[], bool] = lambda: False) -> None:
        super().__init__(button)
        self.context = context
        self.repo = context.workspace.repo
        self.button = button
        self.can_leave = can_leave  # asks about the open post's unsaved text; False = stay
        self.busy = busy  # a pull or push is running
        self.name_provider: NameProvider = self._ask_name
        self.branches: Branches | None = None
        self.switching = False
        self.menu = QMenu(button)
        self.menu.setObjectName("branchMenu")
        self.menu.aboutToShow.connect(self._fill)
        button.setMenu(self.menu)
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)

    def reload(self) -> None:
        """Read the branches again (after a refresh, fetch or switch)."""
        repo = self.repo
        self.context.runner.start(lambda: branches.list_branches(repo), on_done=self._loaded,
                                  on_error=self._not_loaded)

    def _not_loaded(self, _error: PostdeskError) -> None:
        """The menu keeps the branches it knew; the next refresh tries again."""

    def _loaded(self, found: Branches) -> None:
        self.branches = found

    def _fill(self) -> None:
        menu = self.menu
        menu.clear()
        found = self.branches
        local = found.local if found else ()
        if local:
            menu.addSection("Switch to")
        for branch in local:
            action = menu.addAction(branch.name)
            if branch.current:  # only the current one carries a tick: this is not a multiple choice
                action.setCheckable(True)
                action.setChecked(True)
                action.setEnabled(False)
            action.triggered.connect(lambda _checked=False, name=branch.name: self.switch_to(name))
        remote = found.remote_only() if found else ()
        if remote:
            menu.addSection("Check out from the remote")
            for branch in remote:
                action = menu.addAction(branch.name)
                action.setToolTip(f"Create a local branch tracking {branch.name} and switch to it")
                action.triggered.connect(lambda _checked=False, name=branch.name: self.check_out(name))
        menu.addSeparator()
        create = QAction("New branch…", menu)
        create.setObjectName("newBranchAction")
        create.triggered.connect(lambda: self.create_branch())
        menu.addAction(create)

    # --- the three operations -------------------------------------------------------------------

    def switch_to(self, name: str) -> None:
        def switch() -> str:
            branches.switch(self.repo, name)
            return name
        self._run("Switched to {name}.", switch)

    def check_out(self, remote_branch: str) -> None:
        self._run("Checked out {name}.", lambda: branches.check_out_remote(self.repo, remote_branch))

    def create_branch(self, name: str | None = None) -> None:
        """Ask for a name (checked by git) and create the branch at the current commit."""
        if name is None:
            name = self.name_provider()
            if name is None:
                return
        self._run("Created and switched to {name}.", lambda: branches.create(self.repo, name))

    def _run(self, note: str, work: Callable[[], str]) -> None:
        if self.switching:
            return
        if self.busy():
            self.context.notifier.error(PostdeskError("Wait for the pull or push to finish, then switch branches."))
            return
        if not self.can_leave():
            return
        self.switching = True
        self.button.setEnabled(False)
        self.context.runner.start(lambda: (note, work()), on_done=self._done,
                                  on_error=self.context.notifier.error, on_finally=self._finished)

    def _done(self, result: tuple[str, str]) -> None:
        note, name = result
        self.context.notifier.note(note.replace("{name}", name))
        self.switched.emit(name)

    def _finished(self) -> None:
        self.switching = False
        self.button.setEnabled(True)
        self.reload()

    def _ask_name(self) -> str | None:
        name, ok = QInputDialog.getText(self.button.window(), "New branch",
                                        "Name of the new branch (it starts from the current commit):")
        return name.strip() if ok and name.strip() else None
