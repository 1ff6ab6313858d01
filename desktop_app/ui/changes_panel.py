"""The changes panel: changed posts, the diff of the selected one, commit, pull and push.

All git work runs on the task runner; the panel shows progress with a Cancel button and reports
failures through the notifier (no remote, rejected push, unknown author …).
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPlainTextEdit, QProgressBar, QPushButton,
    QSplitter, QVBoxLayout, QWidget,
)

from desktop_app.core.errors import NoAuthorIdentity, PostdeskError, PushRejected
from desktop_app.core.tasks import Progress
from desktop_app.core.vcs import FileStatus, PullResult
from desktop_app.ui import metrics
from desktop_app.ui.context import UiContext
from desktop_app.ui.diff_view import DiffView
from desktop_app.ui.identity_dialog import IdentityDialog
from desktop_app.ui.workers import Job

PathRole = Qt.ItemDataRole.UserRole + 1
StateRole = Qt.ItemDataRole.UserRole + 2
IdentityProvider = Callable[[], "tuple[str, str, bool] | None"]


class ChangesPanel(QWidget):
    """Signals: `repository_changed` after a commit or pull (the library must refresh)."""

    repository_changed = Signal()
    busy_changed = Signal(bool)

    def __init__(self, context: UiContext, title_of: Callable[[str], str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("changesPanel")
        self.context = context
        self.repo = context.workspace.repo
        self._title_of = title_of
        self.identity_provider: IdentityProvider = lambda: IdentityDialog.ask(self.window())
        self._diff_token = 0
        self._job: Job | None = None
        self._push_after_pull = False  # the user chose "pull, then push again" after a rejection
        self._listed: set[str] = set()
        self.before_commit: Callable[[], bool] = lambda: True  # e.g. save the open post first
        self._dark = False

        self.files = QListWidget()
        self.files.setObjectName("changedPosts")
        self.files.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.files.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.files.currentItemChanged.connect(self._on_selected)
        self.files_label = QLabel("Changes")
        self.files_label.setObjectName("panelHeading")
        self.diff = DiffView()
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
        left_layout.addWidget(self.files_label)
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
        self._update_buttons()

    # --- status and diff -----------------------------------------------------------------------

    def refresh(self) -> None:
        """Re-read `git status` (and ahead/behind) off the GUI thread."""
        def read() -> tuple[dict[str, FileStatus], tuple[int, int] | None, str | None, bool]:
            repo = self.repo
            return repo.status(), repo.ahead_behind(), repo.current_branch(), repo.has_remote()
        self.context.runner.start(read, on_done=self._show_status,
                                  on_error=lambda error: self.context.notifier.note(f"Git: {error.message}"))

    def _show_status(self, result: tuple[dict[str, FileStatus], tuple[int, int] | None, str | None, bool]) -> None:
        statuses, ahead_behind, branch, has_remote = result
        self._listed = set(statuses)
        current = self.selected_path()
        self.files.blockSignals(True)
        self.files.clear()
        for path in sorted(statuses, key=lambda p: self._title_of(p).lower()):
            status = statuses[path]
            word = metrics.GIT_STATE_WORDS.get(status.state, status.state)
            item = QListWidgetItem(f"{self._title_of(path)}\n{word} · {path}")
            item.setData(PathRole, path)
            item.setToolTip(path)
            item.setData(StateRole, status.state)
            item.setForeground(metrics.row_colours(self._dark).git_state(status.state))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.files.addItem(item)
            if path == current:
                self.files.setCurrentItem(item)
        self.files.blockSignals(False)
        count = len(statuses)
        self.files_label.setText(f"Changes ({count})" if count else "No changes")
        if self.files.currentItem() is None:
            self.diff.clear()
        else:
            self._on_selected(self.files.currentItem(), None)
        if ahead_behind is None:
            remote = "not pushed yet" if has_remote else "no remote"
            self.sync_label.setText(f"On {branch or 'detached HEAD'} · {remote}")
        else:
            ahead, behind = ahead_behind
            self.sync_label.setText(f"On {branch} · ↑{ahead} to push · ↓{behind} to pull")
        self._update_buttons()

    def set_dark(self, dark: bool) -> None:
        """Recolour the changed posts and the diff for a dark or light background."""
        self._dark = dark
        colours = metrics.row_colours(dark)
        for row in range(self.files.count()):
            item = self.files.item(row)
            item.setForeground(colours.git_state(item.data(StateRole)))
        self.diff.set_dark(dark)

    def selected_path(self) -> str | None:
        item = self.files.currentItem()
        return item.data(PathRole) if item else None

    def checked_paths(self) -> list[str]:
        return [self.files.item(row).data(PathRole) for row in range(self.files.count())
                if self.files.item(row).checkState() == Qt.CheckState.Checked]

    def _on_selected(self, item: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        if item is None:
            return
        self._diff_token += 1
        token, path = self._diff_token, item.data(PathRole)
        self.context.runner.start(lambda: self.repo.diff(path),
                                  on_done=lambda diff: self._show_diff(token, diff),
                                  on_error=lambda error: self._show_diff(token, error.message))

    def _show_diff(self, token: int, diff: str) -> None:
        if token == self._diff_token:  # a newer selection has already asked for its diff
            self.diff.show_diff(diff)

    # --- commit, pull, push --------------------------------------------------------------------

    def commit(self) -> None:
        if not self.before_commit():
            return
        message = self.message.toPlainText().strip()
        paths = self.checked_paths()
        if not message:
            self.context.notifier.error(PostdeskError("Write a commit message first."))
            return
        if not paths and self._listed:
            self.context.notifier.error(PostdeskError("Tick at least one changed post to commit."))
            return
        listed = set(self._listed)

        def commit() -> str:
            # Include what was saved just now (by before_commit) and not listed yet; unticked stay out.
            fresh = [path for path in self.repo.status() if path not in listed]
            return self.repo.commit(message, paths + fresh)
        self._run("Committing…", commit, self._committed, progress=False)

    def _committed(self, sha: str) -> None:
        self.message.clear()
        self.context.notifier.note(f"Committed {sha[:7]}.")
        self.repository_changed.emit()

    def pull(self) -> None:
        self._run("Pulling…", lambda progress, cancel: self.repo.pull(progress=progress, cancel=cancel),
                  self._pulled)

    def _pulled(self, result: PullResult) -> None:
        self.context.notifier.note(result.summary)
        self.repository_changed.emit()
        if self._push_after_pull:
            self._push_after_pull = False
            QTimer.singleShot(0, self.push)

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
             progress: bool = True) -> None:
        if self._job is not None:
            return
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
        self.progress.hide()
        self.cancel_button.hide()
        self._update_buttons()
        self.busy_changed.emit(False)
        self.refresh()

    def _failed(self, error: PostdeskError) -> None:
        self._push_after_pull = False
        if isinstance(error, NoAuthorIdentity):
            answer = self.identity_provider()
            if answer is not None:
                name, email, everywhere = answer
                self.context.runner.start(
                    lambda: self.repo.set_author_identity(name, email, global_=everywhere),
                    on_done=lambda _none: self._identity_set(name, email),
                    on_error=self.context.notifier.error,
                )
            return
        self.context.notifier.error(error)
        if isinstance(error, PushRejected) and self.context.notifier.confirm(
                "Push rejected", "Pull the remote's changes now, then push again?", "Pull"):
            # This job is still finishing; start the pull once it has.
            self._push_after_pull = True
            QTimer.singleShot(0, self.pull)

    def _identity_set(self, name: str, email: str) -> None:
        self.context.notifier.note(f"Commits will be signed {name} <{email}>.")
        self.commit()

    def _update_buttons(self) -> None:
        idle = self._job is None
        self.commit_button.setEnabled(idle and self.files.count() > 0)
        self.pull_button.setEnabled(idle)
        self.push_button.setEnabled(idle)
