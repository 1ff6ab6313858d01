"""The changes panel: changed posts (with their images) and other files, staging, the diff of
the selected one, commit, pull and push.

A tick stages a row in git's index (a post together with its images) and an untick unstages
it; Commit commits exactly what is staged, or, when nothing is, offers to stage all and commit.
Each refresh is one `git status` in a worker; its result also feeds the library's badges and
sync line and the status bar's branch (`git_state_changed`). All git work runs on the task
runner; the panel shows progress with a Cancel button and reports failures through the
notifier (no remote, rejected push …). When git refuses a commit or a pull because it does not
know the author, the panel asks for a name and email and then runs that same commit or pull again.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import SIGNAL, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidgetItem,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.errors import MergeConflict, NoAuthorIdentity, PostdeskError, PushRejected
from desktop_app.core.git import fetch, staging
from desktop_app.core.git import state as git_state
from desktop_app.core.git.repo import PullResult
from desktop_app.core.git.staging import ChangeList
from desktop_app.core.git.state import PARTLY, RepoState
from desktop_app.core.tasks import Progress
from desktop_app.ui import metrics
from desktop_app.ui.context import UiContext
from desktop_app.ui.git.change_list import ChangeListWidget, PathRole, PathsRole, StateRole
from desktop_app.ui.git.identity_dialog import IdentityDialog
from desktop_app.ui.review.diff_view import DiffView
from desktop_app.ui.workers import Job

__all__ = ["ChangesPanel", "PathRole", "StateRole"]
FETCH_EVERY_MS = 10 * 60 * 1000  # a quiet background fetch, so "↓ to pull" knows what the remote has


class ChangesPanel(QWidget):
    """Signals: `repository_changed` after a commit or pull (the library must refresh)."""

    repository_changed = Signal()
    busy_changed = Signal(bool)
    git_state_changed = Signal(object, object)  # RepoState, ChangeList: after every refresh
    conflicts_found = Signal(object)  # a pull stopped on conflicts (MergeConflict): the conflicts panel takes over

    def __init__(self, context: UiContext, title_of: Callable[[str], str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("changesPanel")
        self.context = context
        self.repo = context.workspace.repo
        self._title_of = title_of
        self.identity_dialog: IdentityDialog | None = None  # open while git waits for a name and email
        self._action: Callable[[], None] | None = None  # what the running job does, to run it again
        self._job: Job | None = None
        self._push_after_pull = False  # the user chose "pull, then push again" after a rejection
        self._then: Callable[[], None] | None = None  # the next job, started once this one has finished
        self.state: RepoState | None = None  # the last git state read
        self.changes = ChangeList()
        self._stage_queue: list[tuple[list[str], bool]] = []
        self._staging = False
        self._after_staging: Callable[[], None] | None = None  # a commit waiting for the ticks
        self._refresh_token = 0
        self._grouping = staging.GroupingCache()  # what each changed post shows, until it changes
        self.before_commit: Callable[[], bool] = lambda: True  # e.g. save the open post first
        self._dark = False

        self.files = ChangeListWidget()
        self.files.currentItemChanged.connect(self._on_selected)
        self.files.stage_requested.connect(self.stage)
        self.files_label = QLabel("Changes")
        self.files_label.setObjectName("panelHeading")
        self.stage_all_button = QToolButton(text="Stage all")
        self.stage_all_button.setObjectName("stageAllButton")
        self.stage_all_button.clicked.connect(self._stage_all_clicked)
        self.diff = DiffView(context)
        self.message = QPlainTextEdit()
        self.message.setObjectName("commitMessage")
        self.message.setPlaceholderText("Describe your change (the first line is the summary)…")
        self.message.setTabChangesFocus(True)
        self.message.textChanged.connect(self._update_buttons)
        self.commit_button = QPushButton("Commit")
        self.commit_button.setObjectName("commitButton")
        self.commit_button.setDefault(True)
        self.commit_button.clicked.connect(self.commit)
        self.pull_button = QPushButton("Pull")
        self.pull_button.clicked.connect(self.pull)
        self.push_button = QPushButton("Push")
        self.push_button.clicked.connect(self.push)
        self.progress = QProgressBar()
        self.progress.setTextVisible(True)
        self.progress.hide()
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.hide()
        self.cancel_button.clicked.connect(self.cancel)
        self.sync_label = QLabel()
        self.sync_label.setObjectName("syncLabel")

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(metrics.MARGIN, metrics.SPACING, 0, metrics.SPACING)
        heading = QHBoxLayout()
        heading.addWidget(self.files_label, 1)
        heading.addWidget(self.stage_all_button)
        left_layout.addLayout(heading)
        left_layout.addWidget(self.files, 1)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, metrics.SPACING, metrics.MARGIN, metrics.SPACING)
        right_layout.addWidget(QLabel("Commit message"))
        right_layout.addWidget(self.message, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.commit_button, 1)
        buttons.addWidget(self.pull_button)
        buttons.addWidget(self.push_button)
        right_layout.addLayout(buttons)
        progress_row = QHBoxLayout()
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.cancel_button)
        right_layout.addLayout(progress_row)
        right_layout.addWidget(self.sync_label)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.diff)
        splitter.addWidget(right)
        splitter.setSizes([260, 520, 300])
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.fetch_timer = QTimer(self, interval=FETCH_EVERY_MS)
        self.fetch_timer.timeout.connect(lambda: self.fetch(quiet=True))
        self.fetch_timer.start()
        self._update_buttons()

    # --- status and diff -----------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the git state (one `git status`) and group it by post, off the GUI thread."""
        self._refresh_token += 1
        token = self._refresh_token
        repo, site, cache = self.repo, self.context.workspace.site, self._grouping

        def read() -> tuple[int, RepoState, ChangeList]:
            state = git_state.read_state(repo)
            return token, state, staging.group_changes(repo, site, state, cache)
        # Bound methods, not lambdas: a result arriving after the window closed goes nowhere.
        self.context.runner.start(read, on_done=self._show_status, on_error=self._status_failed)

    def _status_failed(self, error: PostdeskError) -> None:
        self.context.notifier.note(f"Git: {error.message}")

    def _show_status(self, result: tuple[int, RepoState, ChangeList]) -> None:
        token, state, changes = result
        if token != self._refresh_token:
            return  # a newer refresh is on its way
        self.state, self.changes = state, changes
        self.files.show_changes(changes, self._title_of)
        count = len(changes.posts) + len(changes.other)
        staged = sum(1 for post in changes.posts if post.staging) + sum(1 for f in changes.other if f.staging)
        label = f"Changes ({count})" if count else "No changes"
        self.files_label.setText(label + (f" · {staged} staged" if staged else ""))
        if self.files.currentItem() is None or self.files.currentItem().data(PathRole) is None:
            self.diff.clear()
        else:
            self._on_selected(self.files.currentItem(), None)
        self.sync_label.setText(git_state.sync_summary(state))  # the library's line, word for word
        self._update_buttons()
        self.git_state_changed.emit(state, changes)

    def set_dark(self, dark: bool) -> None:
        """Recolour the changed posts and the diff for a dark or light background."""
        self._dark = dark
        self.files.set_dark(dark)
        self.diff.set_dark(dark)

    def selected_path(self) -> str | None:
        item = self.files.currentItem()
        return item.data(PathRole) if item else None

    def checked_paths(self) -> list[str]:
        """The rows shown as staged (ticked, or dashed for partly staged)."""
        return self.files.staged_paths()

    # --- staging -------------------------------------------------------------------------------

    def stage(self, paths: list[str], stage: bool = True) -> None:
        """Stage (or unstage) `paths` in a worker; requests run one after another, in order."""
        self._stage_queue.append((list(paths), stage))
        self._next_staging()

    def unstage(self, paths: list[str]) -> None:
        self.stage(paths, False)

    def stage_post(self, path: str, stage: bool = True) -> None:
        """Stage a changed post together with its changed images (or unstage them all)."""
        post = self.changes.post(path)
        self.stage(post.paths if post is not None else [path], stage)

    def _stage_all_clicked(self) -> None:
        everything = [path for row in self.files.rows(None) for path in row.data(PathsRole)
                      if row.data(StateRole) != "conflicted"]
        self.stage(everything, not self._all_staged())

    def _all_staged(self) -> bool:
        rows = [row for row in self.files.rows() if row.flags() & Qt.ItemFlag.ItemIsUserCheckable]
        return bool(rows) and all(row.checkState() == Qt.CheckState.Checked for row in rows)

    def _next_staging(self) -> None:
        if self._staging or not self._stage_queue:
            return
        paths, stage = self._stage_queue.pop(0)
        self._staging = True
        repo = self.repo

        def work() -> list[str]:
            state = git_state.read_state(repo, paths)  # fresh: what the index holds right now
            return staging.stage(repo, state, paths) if stage else staging.unstage(repo, state, paths)
        self.context.runner.start(work, on_error=self.context.notifier.error, on_finally=self._staged)

    def _staged(self) -> None:
        self._staging = False
        if self._stage_queue:
            self._next_staging()
            return
        after, self._after_staging = self._after_staging, None
        if after is not None:
            after()  # its end refreshes
        else:
            self.refresh()

    def _on_selected(self, item: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        if item is None:
            return
        if item.data(PathRole):
            self.diff.show_working_change(item.data(PathRole))  # fields, text and rendered, in a worker

    # --- commit, pull, push --------------------------------------------------------------------

    def commit(self) -> None:
        """Commit what is staged; with nothing staged, stage every change first (the button
        says so: "Stage all and commit")."""
        if not self.before_commit():
            return
        message = self.message.toPlainText().strip()
        if not message:
            self.context.notifier.error(PostdeskError("Write a commit message first."))
            return
        everything = not self.checked_paths()
        # A ticked post saved again just now (before_commit saves the open post) goes in as
        # saved: the writer staged the post, not an older copy of it.
        staged = [path for row in self.files.rows() if row.checkState() == Qt.CheckState.Checked
                  for path in row.data(PathsRole)]
        repo = self.repo

        def commit() -> str:
            if everything:
                staging.require_identity(repo)  # before touching the index: nothing left half-done
                staging.stage_all(repo, git_state.read_state(repo))
            elif staged:
                state = git_state.read_state(repo, staged)
                staging.stage(repo, state, [p for p in staged if p in state.files and state.files[p].staging == PARTLY])
            return staging.commit_staged(repo, message)  # without an identity git refuses: nothing changes
        if self._staging or self._stage_queue:  # ticks still being written to the index go first
            self._after_staging = lambda: self._run("Committing…", commit, self._committed, progress=False,
                                                    action=self.commit)
            return
        self._run("Committing…", commit, self._committed, progress=False, action=self.commit)

    def _committed(self, sha: str) -> None:
        self.message.clear()
        self.context.notifier.note(f"Committed {sha[:7]}.")
        self.repository_changed.emit()

    def pull(self) -> None:
        self._run("Pulling…", lambda progress, cancel: self.repo.pull(progress=progress, cancel=cancel),
                  self._pulled, action=self.pull)

    def _pulled(self, result: PullResult) -> None:
        self.context.notifier.note(result.summary)
        self.repository_changed.emit()
        if self._push_after_pull:
            self._push_after_pull = False
            self._then = self.push

    def push(self) -> None:
        self._run("Pushing…", lambda progress, cancel: self.repo.push(progress=progress, cancel=cancel),
                  self._pushed)

    def _pushed(self, summary: str) -> None:
        self.context.notifier.note(summary)
        self.refresh()

    def cancel(self) -> None:
        if self._job is not None:
            self._job.cancel()
            self.cancel_button.setEnabled(False)

    @property
    def busy(self) -> bool:
        return self._job is not None

    def _run(self, label: str, function: Callable[..., object], on_done: Callable[[object], None],
             progress: bool = True, action: Callable[[], None] | None = None) -> None:
        """Start one git job; `action` is the panel's method that started it (what the identity
        form runs again)."""
        if self._job is not None:
            return
        self._action = action
        self.progress.setRange(0, 0)
        self.progress.setFormat(label)
        self.progress.show()
        self.cancel_button.setVisible(progress)
        self.cancel_button.setEnabled(True)
        self._job = self.context.runner.start(
            function if progress else (lambda: function()),
            on_done=on_done,
            on_error=self._failed,
            on_progress=self._on_progress if progress else None,
            on_cancelled=lambda: self.context.notifier.note("Cancelled."),
            on_finally=self._finished,
        )
        self._update_buttons()
        self.busy_changed.emit(True)

    def _on_progress(self, report: Progress) -> None:
        if report.fraction is None:
            self.progress.setRange(0, 0)
        else:
            self.progress.setRange(0, 100)
            self.progress.setValue(int(report.fraction * 100))
        self.progress.setFormat(report.message or "Working…")

    def _finished(self) -> None:
        self._job = None
        self._action = None
        self.progress.hide()
        self.cancel_button.hide()
        self._update_buttons()
        self.busy_changed.emit(False)
        self.refresh()
        then, self._then = self._then, None
        if then is not None:
            then()

    def _failed(self, error: PostdeskError) -> None:
        if isinstance(error, NoAuthorIdentity):  # nothing changed: ask, then do it again
            self._ask_identity(self._action)
            return
        self._push_after_pull = False
        if isinstance(error, MergeConflict) and self.receivers(SIGNAL("conflicts_found(PyObject)")) > 0:
            self.context.notifier.note(error.message)
            self.conflicts_found.emit(error)
            self.repository_changed.emit()
            return
        self.context.notifier.error(error)
        if isinstance(error, PushRejected) and self.context.notifier.confirm(
                "Push rejected", "Pull the remote's changes now, then push again?", "Pull"):
            # This job is still finishing; the pull starts once it has (`_finished`).
            self._push_after_pull = True
            self._then = self.pull

    # --- the author identity -------------------------------------------------------------------

    def _ask_identity(self, retry: Callable[[], None] | None) -> None:
        """Show the name-and-email form over the window without blocking it (`open`, not `exec`:
        the job that failed still has to finish); on Save, `retry` runs again."""
        if self.identity_dialog is not None:
            return
        self.identity_dialog = IdentityDialog(self.window(), pulling=retry == self.pull)
        self.identity_dialog.answered.connect(lambda answer: self._identity_answered(answer, retry))
        self.identity_dialog.open()

    def _identity_answered(self, answer: tuple[str, str, bool] | None, retry: Callable[[], None] | None) -> None:
        if self.identity_dialog is not None:
            self.identity_dialog.deleteLater()
            self.identity_dialog = None
        if answer is None:
            self._push_after_pull = False  # "pull, then push again" ends with the pull not done
            return
        name, email, everywhere = answer
        repo = self.repo
        self.context.runner.start(
            lambda: repo.set_author_identity(name, email, global_=everywhere),
            on_done=lambda _none: self._identity_set(name, email, retry),
            on_error=self.context.notifier.error,
        )

    def _identity_set(self, name: str, email: str, retry: Callable[[], None] | None) -> None:
        self.context.notifier.note(f"Commits will be signed {name} <{email}>.")
        if retry is None:
            return
        if self._job is None:
            retry()
        else:
            self._then = retry  # once the job still finishing has

    # --- fetch -------------------------------------------------------------------------------------

    def fetch(self, quiet: bool = False) -> None:
        """Learn what the remote has (remote-tracking refs only; never prompts). A quiet fetch is
        the background one: it says nothing when it fails."""
        if self._job is not None:
            return
        repo = self.repo
        self.context.runner.start(
            lambda: (fetch.fetch_quietly(repo), quiet), on_done=self._fetched,
            on_error=self._quiet_failure if quiet else self.context.notifier.error)

    def _quiet_failure(self, _error: PostdeskError) -> None:
        """A background fetch that failed says nothing: the writer did not ask for it."""

    def _fetched(self, result: tuple[bool, bool]) -> None:
        ran, quiet = result
        if ran:
            self.refresh()
            if not quiet:
                self.context.notifier.note("Checked the remote.")

    def _update_buttons(self) -> None:
        idle = self._job is None
        rows = self.files.rows()
        nothing_staged = not self.checked_paths()
        self.commit_button.setText("Stage all and commit" if rows and nothing_staged else "Commit")
        self.commit_button.setToolTip(
            "Nothing is staged: this stages every change, then commits." if rows and nothing_staged else
            "Commit what is staged (the ticked posts and files).")
        self.stage_all_button.setText("Unstage all" if self._all_staged() else "Stage all")
        self.stage_all_button.setEnabled(idle and bool(rows))
        self.commit_button.setEnabled(idle and self.files.count() > 0)
        self.pull_button.setEnabled(idle)
        self.push_button.setEnabled(idle)
