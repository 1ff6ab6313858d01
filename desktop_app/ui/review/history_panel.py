"""The history of the open post: its commits (across renames), each shown rendered and as its
diff against its parent, and "Restore this version" as a new change.

Opened from Git → Post History… as a window beside the editor. Commits load a page at a time in
a worker; restoring writes the old text to the post's file (never a commit, never rewritten
history) after asking about unsaved edits in the editor and uncommitted changes on disk, whose
text stays recoverable: Edit → Undo in the editor, and a copy of the replaced file.
"""

from __future__ import annotations

import html
from typing import Protocol

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.document.storage import read_text
from desktop_app.core.errors import PostdeskError
from desktop_app.core.git.history import (
    PAGE_SIZE,
    HistoryPage,
    PostCommit,
    Restored,
    UncommittedChanges,
    post_history,
    restore_version,
)
from desktop_app.ui import metrics
from desktop_app.ui.context import UiContext
from desktop_app.ui.review.diff_view import RENDERED, DiffView
from desktop_app.ui.review.rendered_diff_view import free_pages
from desktop_app.ui.style import palette_is_dark

CommitRole = Qt.ItemDataRole.UserRole + 1
RESTORED_FOLDER = "restored"  # in the data folder: copies of files a restore replaced


class OpenPost(Protocol):
    """What the history needs from the editor: whether a post has unsaved edits, and showing a
    restored version in place of them."""

    def unsaved(self, path: str) -> bool: ...

    def show_restored(self, path: str, text: str) -> None: ...


class ControllerPost:
    """`OpenPost` over the main window's PostController."""

    def __init__(self, controller) -> None:  # noqa: ANN001 - a PostController
        self.controller = controller

    def unsaved(self, path: str) -> bool:
        document = self.controller.document
        return document is not None and document.path == path and self.controller.is_modified()

    def show_restored(self, path: str, text: str) -> None:
        controller = self.controller
        if controller.document is None or controller.document.path != path:
            return
        controller.editor.replace_text(text)  # one undo step: Edit → Undo brings back what was there
        controller.document.mark_saved(text)
        controller.editor.document().setModified(False)


def when(commit: PostCommit) -> str:
    local = commit.date.astimezone()
    return f"{local.day} {local:%b %Y, %H:%M}"


class HistoryPanel(QWidget):
    """Signals: `loaded()` after a page of commits arrived; `restored(path)` after a restore."""

    loaded = Signal()
    restored = Signal(str)

    def __init__(self, context: UiContext, post: OpenPost, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("historyPanel")
        self.context = context
        self.post = post
        self.path: str | None = None
        self.title = ""
        self.more = False
        self._token = 0
        self.heading = QLabel("History")
        self.heading.setObjectName("panelHeading")
        self.heading.setWordWrap(True)
        self.commits = QListWidget()
        self.commits.setObjectName("historyCommits")
        self.commits.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.commits.setSpacing(3)
        self.commits.currentItemChanged.connect(self._on_selected)
        self.older = QPushButton("Load older commits")
        self.older.clicked.connect(self.load_more)
        self.older.hide()
        self.details = QLabel()
        self.details.setObjectName("commitDetails")
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.diff = DiffView(context)
        self.diff.select(RENDERED)
        self.restore_button = QPushButton("Restore this version")
        self.restore_button.setObjectName("restoreButton")
        self.restore_button.setToolTip("Put this version back in the post's file, as a change to review and commit. "
                                       "History is not rewritten.")
        self.restore_button.clicked.connect(self.restore)
        self.restore_button.setEnabled(False)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.heading)
        left_layout.addWidget(self.commits, 1)
        left_layout.addWidget(self.older)
        left_layout.addWidget(self.details)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.diff)
        splitter.setSizes([320, 780])
        splitter.setChildrenCollapsible(False)
        self.buttons = buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.restore_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(metrics.MARGIN, metrics.MARGIN, metrics.MARGIN, metrics.MARGIN)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)

    # --- the list of commits -------------------------------------------------------------------

    def show_post(self, path: str, title: str) -> None:
        """Load the newest page of `path`'s history (the list and diff are emptied meanwhile)."""
        self.path, self.title = path, title
        self.heading.setText(f"History of “{title}”")
        self.heading.setToolTip(path)
        self.commits.clear()
        self.diff.clear()
        self.details.clear()
        self.restore_button.setEnabled(False)
        self._load(None)

    def load_more(self) -> None:
        last = self.commits.item(self.commits.count() - 1) if self.commits.count() else None
        if last is not None and self.more:
            self._load(last.data(CommitRole))

    def _load(self, after: PostCommit | None) -> None:
        self._token += 1
        token, repo, path = self._token, self.context.workspace.repo, self.path
        assert path is not None
        self.older.setEnabled(False)
        self.context.runner.start(lambda: post_history(repo, path, PAGE_SIZE, after),
                                  on_done=lambda page: self._loaded(token, page),
                                  on_error=lambda error: self._load_failed(token, error))

    def _loaded(self, token: int, page: HistoryPage) -> None:
        if not shiboken6.isValid(self) or token != self._token:
            return
        first = self.commits.count() == 0
        for commit in page.commits:
            item = QListWidgetItem(f"{commit.subject}\n{commit.author} · {when(commit)} · {commit.short}")
            item.setData(CommitRole, commit)
            item.setToolTip(f"{commit.message}\n\n{commit.author} <{commit.email}>\n{commit.sha}")
            self.commits.addItem(item)
        self.more = page.more
        self.older.setVisible(page.more)
        self.older.setEnabled(True)
        if first and not page.commits:
            self.details.setText("This post has no commits yet: commit it to start its history.")
        elif first:
            self.commits.setCurrentRow(0)
        self.loaded.emit()

    def _load_failed(self, token: int, error: PostdeskError) -> None:
        if shiboken6.isValid(self) and token == self._token:
            self.details.setText(error.message)
            self.context.notifier.error(error)

    def selected_commit(self) -> PostCommit | None:
        item = self.commits.currentItem()
        return item.data(CommitRole) if item is not None else None

    def _on_selected(self, item: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        commit: PostCommit | None = item.data(CommitRole) if item is not None else None
        if commit is None:
            return
        renamed = f"<br>Renamed from {html.escape(commit.old_path)}" if commit.status == "R" and commit.old_path else ""
        self.details.setText(f"<b>{html.escape(commit.subject)}</b><br>{html.escape(commit.author)} · "
                             f"{html.escape(when(commit))} · <code>{commit.short}</code>{renamed}")
        self.restore_button.setEnabled(not commit.deleted)
        self.restore_button.setToolTip("This commit deleted the post; choose the one before it." if commit.deleted
                                       else "Put this version back in the post's file, as a change to review and "
                                            "commit. History is not rewritten.")
        self.diff.show_commit_change(commit)

    # --- restore -------------------------------------------------------------------------------

    def restore(self) -> None:
        """Restore the selected version, asking first about unsaved edits (the editor keeps them
        in its undo history)."""
        commit = self.selected_commit()
        if commit is None or commit.deleted or self.path is None:
            return
        if self.post.unsaved(self.path) and not self.context.notifier.confirm(
                "Restore this version",
                f"“{self.title}” has edits that are not saved. Restore the version of {when(commit)} "
                f"({commit.short}) anyway? It replaces them in the editor; Edit → Undo brings them back.",
                "Restore"):
            return
        self._restore(commit, replace=False)

    def _restore(self, commit: PostCommit, replace: bool) -> None:
        repo, path = self.context.workspace.repo, self.path
        assert path is not None
        backups = self.context.workspace.paths.data_dir / RESTORED_FOLDER

        def work() -> tuple[Restored, str]:
            result = restore_version(repo, path, commit, replace_uncommitted=replace, backup_dir=backups)
            return result, read_text(repo.root / path, inside=repo.root).text
        self.restore_button.setEnabled(False)
        self.context.runner.start(work, on_done=lambda done: self._restored(commit, *done),
                                  on_error=lambda error: self._restore_failed(commit, error),
                                  on_finally=lambda: self._restore_finished())

    def _restore_failed(self, commit: PostCommit, error: PostdeskError) -> None:
        if not shiboken6.isValid(self):
            return
        if isinstance(error, UncommittedChanges):
            folder = self.context.workspace.paths.data_dir / RESTORED_FOLDER
            if self.context.notifier.confirm(
                    "Restore this version",
                    f"“{self.title}” has changes that are not committed yet. Restore the version of "
                    f"{when(commit)} ({commit.short}) anyway? A copy of the current file is kept in {folder}.",
                    "Restore"):
                self._restore(commit, replace=True)
            return
        self.context.notifier.error(error)

    def _restored(self, commit: PostCommit, result: Restored, text: str) -> None:
        if not shiboken6.isValid(self):
            return
        if not result.changed:
            self.context.notifier.note(f"“{self.title}” already is the version of {when(commit)}.")
            return
        self.post.show_restored(result.path, text)
        kept = f" The replaced text is kept in {result.backup}." if result.backup else ""
        self.context.notifier.note(f"Restored “{self.title}” to the version of {when(commit)} ({commit.short}). "
                                   f"Review and commit it to keep it.{kept}")
        self.restored.emit(result.path)

    def _restore_finished(self) -> None:
        if shiboken6.isValid(self):
            commit = self.selected_commit()
            self.restore_button.setEnabled(commit is not None and not commit.deleted)

    def set_dark(self, dark: bool) -> None:
        self.diff.set_dark(dark)


class HistoryDialog(QDialog):
    """The history in a window of its own, kept (and reused) while the main window lives."""

    def __init__(self, context: UiContext, post: OpenPost, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("historyDialog")
        self.setWindowTitle("Post History — Postdesk")
        self.setModal(False)
        self.panel = HistoryPanel(context, post, self)
        close = QPushButton("Close")
        close.clicked.connect(self.close)
        self.panel.buttons.addWidget(close)  # beside Restore
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.panel)
        metrics.fit_to_screen(self, 1180, 760)  # smaller on a small screen: the buttons stay on it

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        free_pages(self)  # its web page goes now; shown again, it loads anew
        super().closeEvent(event)

    def reject(self) -> None:
        free_pages(self)  # Esc hides a dialog without a close event
        super().reject()


def show_history(window) -> HistoryDialog | None:  # noqa: ANN001 - the MainWindow
    """Git → Post History…: the open post's history, in the window's history dialog."""
    controller = window.controller
    if controller.document is None:
        window.context.notifier.note("Open a post to see its history.")
        return None
    dialog = window.findChild(HistoryDialog)
    if dialog is None:
        dialog = HistoryDialog(window.context, ControllerPost(controller), window)
        dialog.panel.restored.connect(lambda _path: (window.refresh(), window.changes.refresh()))
    path = controller.document.path
    summary = window.library.post(path)
    dialog.panel.set_dark(palette_is_dark(window.palette()))
    dialog.panel.show_post(path, summary.title if summary else path)
    if dialog.isVisible():
        dialog.raise_()  # already open behind the main window: bring it to the front
        dialog.activateWindow()
    else:
        dialog.show()
    return dialog


def install_history(window) -> QAction:  # noqa: ANN001 - the MainWindow
    """Add Git → Post History… (Ctrl+Shift+H) to the main window; `mainwindow.py` calls this once."""
    action = QAction("Post History…", window)
    action.setObjectName("postHistoryAction")
    action.setShortcut(QKeySequence("Ctrl+Shift+H"))
    action.setStatusTip("The commits that changed the open post; view or restore any version")
    action.triggered.connect(lambda: show_history(window))
    menu = next((item.menu() for item in window.menuBar().actions() if item.text().replace("&", "") == "Git"), None)
    if menu is not None:
        menu.addSeparator()
        menu.addAction(action)
    else:
        window.addAction(action)  # the shortcut still works
    window.history_action = action
    return action
