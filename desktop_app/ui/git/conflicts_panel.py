"""The conflicts panel: a pull that stopped on conflicts, post by post, and the way out.

Lists the conflicted posts by title with what clashes ("title: yours «…» / theirs «…»", the
text), and for the selected one: Keep mine, Take theirs, Edit by hand (the post opens in the
editor at its first conflict, the regions highlighted) and Mark resolved. Then Continue finishes
the pull, or Abort puts everything back as it was before it. The git work runs on the task
runner (`core/merge/conflicts.py`); every step that would replace someone's text asks first.
"""

from __future__ import annotations

from html import escape
from typing import Any, Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.document.markers import MINE, marker_lines
from desktop_app.core.errors import MergeConflict, PostdeskError
from desktop_app.core.merge import conflicts
from desktop_app.core.merge.conflicts import (
    AbortWouldDiscard,
    ConflictedPost,
    ConflictState,
    ResolutionWouldDiscard,
)
from desktop_app.core.merge.post_merge import show
from desktop_app.ui import metrics
from desktop_app.ui.context import UiContext
from desktop_app.ui.workers import Job

PathRole = Qt.ItemDataRole.UserRole + 1
_OPERATION_TEXT = {
    conflicts.REBASE: "The pull stopped while replaying your commits on top of the pulled ones.",
    conflicts.MERGE: "The pull stopped while merging the pulled changes into yours.",
    conflicts.STASH: "The pull finished, but your uncommitted edits clash with the pulled changes.",
}


class ConflictsPanel(QWidget):
    """Signals: `repository_changed` after each step (library, changes and the open post must
    follow the files), `open_requested(path)` for Edit by hand, `finished` when nothing is left."""

    repository_changed = Signal()
    open_requested = Signal(str)
    conflicts_shown = Signal()
    finished = Signal()

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflictsPanel")
        self.context = context
        self.repo = context.workspace.repo
        self.state = ConflictState(None)
        self._resolved: dict[str, str] = {}  # path → how, for this pull
        self._titles: dict[str, str] = {}
        self._job: Job | None = None
        self._read_token = 0
        # The open post, for saving a hand edit before Mark resolved (set by install()).
        self.save_open_post: Callable[[str], bool] = lambda _path: True

        self.banner = QLabel()
        self.banner.setObjectName("frontMatterError")  # the theme's attention banner
        self.banner.setWordWrap(True)
        self.step = QLabel()
        self.step.setObjectName("syncLabel")
        self.step.setWordWrap(True)
        self.posts = QListWidget()
        self.posts.setObjectName("conflictedPosts")
        self.posts.setWordWrap(True)
        self.posts.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.posts.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.posts.itemDoubleClicked.connect(lambda _item: self.edit_by_hand())
        self.title = QLabel()
        self.title.setObjectName("panelHeading")
        self.title.setWordWrap(True)
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.keep_mine_button = QPushButton("Keep mine")
        self.keep_mine_button.setToolTip("Your side of each conflict; changes that merged cleanly stay")
        self.keep_mine_button.clicked.connect(lambda: self.resolve(MINE))
        self.take_theirs_button = QPushButton("Take theirs")
        self.take_theirs_button.setToolTip("Their side of each conflict; changes that merged cleanly stay")
        self.take_theirs_button.clicked.connect(lambda: self.resolve(conflicts.THEIRS))
        self.edit_button = QPushButton("Edit by hand")
        self.edit_button.setToolTip("Open the post at its first conflict; keep what you want between the markers")
        self.edit_button.clicked.connect(self.edit_by_hand)
        self.mark_button = QPushButton("Mark resolved")
        self.mark_button.setToolTip("Accept the post as it is now (saved first); refused while markers remain")
        self.mark_button.clicked.connect(self.mark_resolved)
        self.continue_button = QPushButton("Continue")
        self.continue_button.setObjectName("continueButton")
        self.continue_button.setDefault(True)
        self.continue_button.clicked.connect(self.continue_pull)
        self.abort_button = QPushButton("Abort pull")
        self.abort_button.setToolTip("Put your commits and edits back as they were before the pull")
        self.abort_button.clicked.connect(self.abort_pull)

        left = QVBoxLayout()
        heading = QLabel("Conflicted posts")
        heading.setObjectName("panelHeading")
        left.addWidget(heading)
        left.addWidget(self.posts, 1)
        right = QVBoxLayout()
        right.addWidget(self.title)
        right.addWidget(self.details, 1)
        post_buttons = QHBoxLayout()
        for button in (self.keep_mine_button, self.take_theirs_button, self.edit_button, self.mark_button):
            post_buttons.addWidget(button)
        post_buttons.addStretch(1)
        right.addLayout(post_buttons)
        body = QHBoxLayout()
        body.addLayout(left, 2)
        body.addSpacing(metrics.MARGIN)
        body.addLayout(right, 3)
        bottom = QHBoxLayout()
        bottom.addWidget(self.step, 1)
        bottom.addWidget(self.abort_button)
        bottom.addWidget(self.continue_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, metrics.SPACING)
        layout.addWidget(self.banner)
        inner = QVBoxLayout()
        inner.setContentsMargins(metrics.MARGIN, metrics.SPACING, metrics.MARGIN, 0)
        inner.addLayout(body, 1)
        inner.addLayout(bottom)
        layout.addLayout(inner, 1)
        self._update_buttons()

    # --- reading the state -----------------------------------------------------------------------

    def refresh(self, _error: MergeConflict | None = None) -> None:
        """Read the conflicted state off the GUI thread, then show it (or hide when none)."""
        self._read_token += 1
        token = self._read_token
        self.context.runner.start(lambda: conflicts.conflict_state(self.repo),
                                  on_done=lambda state: self._show(token, state),
                                  on_error=lambda error: self.context.notifier.note(f"Git: {error.message}"))

    def _show(self, token: int, state: ConflictState) -> None:
        if token != self._read_token:
            return
        was = self.state.operation
        self.state = state
        if state.operation is None:
            self._resolved.clear()
            if was is not None:
                self.finished.emit()
        for post in state.posts:
            self._titles[post.path] = post.title
            self._resolved.pop(post.path, None)  # a later commit of a rebase clashed again
        self._fill()
        if state.operation is not None:
            self.conflicts_shown.emit()

    def _fill(self) -> None:
        state = self.state
        current = self.selected_path()
        self.posts.blockSignals(True)
        self.posts.clear()
        for post in state.posts:
            item = QListWidgetItem("\n".join([f"● {post.title}", *(f"    {line}" for line in post.lines())]))
            item.setData(PathRole, post.path)
            item.setToolTip(post.path)
            self.posts.addItem(item)
        for path, how in self._resolved.items():
            item = QListWidgetItem(f"✓ {self._titles.get(path, path)}\n    {how}")
            item.setData(PathRole, path)
            item.setToolTip(path)
            item.setForeground(self.palette().placeholderText())
            self.posts.addItem(item)
        self.posts.blockSignals(False)
        rows = [self.posts.item(row).data(PathRole) for row in range(self.posts.count())]
        if current in rows:
            self.posts.setCurrentRow(rows.index(current))
        elif state.posts:
            self.posts.setCurrentRow(0)
        left = len(state.posts)
        if state.operation is None:
            self.banner.setText("No conflicts: nothing is waiting.")
        elif left:
            self.banner.setText(f"{_OPERATION_TEXT[state.operation]} {left} post{'s' * (left != 1)} "
                                "changed on both sides: choose what to keep for each, then Continue.")
        else:
            self.banner.setText("Every post is resolved. Continue to finish the pull.")
        aside = " Your uncommitted edits are set aside until you continue or abort." if state.stashed else ""
        self.step.setText(state.step + aside)
        self._update_buttons()

    def selected_path(self) -> str | None:
        item = self.posts.currentItem()
        return item.data(PathRole) if item else None

    def selected_post(self) -> ConflictedPost | None:
        path = self.selected_path()
        return self.state.post(path) if path else None

    def _update_buttons(self) -> None:
        post = self.selected_post()
        idle = self._job is None
        path = self.selected_path()
        if post is not None:
            self.title.setText(post.title)
            self.details.setText(_details_html(post))
        elif path is not None:
            self.title.setText(self._titles.get(path, path))
            self.details.setText(f"{path} · resolved: {self._resolved.get(path, '')}")
        else:
            self.title.setText("")
            self.details.setText("")
        conflicted = post is not None and idle
        self.keep_mine_button.setEnabled(conflicted)
        self.take_theirs_button.setEnabled(conflicted)
        self.edit_button.setEnabled(conflicted and post.has_mine and post.has_theirs)
        self.mark_button.setEnabled(conflicted)
        if post is not None:
            self.keep_mine_button.setText("Keep mine (deleted)" if not post.has_mine else "Keep mine")
            self.take_theirs_button.setText("Take theirs (deleted)" if not post.has_theirs else "Take theirs")
        waiting = self.state.operation is not None
        self.continue_button.setEnabled(idle and waiting and not self.state.posts)
        self.continue_button.setText("Done" if self.state.operation == conflicts.STASH else "Continue")
        self.abort_button.setEnabled(idle and self.state.operation in (conflicts.REBASE, conflicts.MERGE))

    # --- one post --------------------------------------------------------------------------------

    def resolve(self, side: str, force: bool = False) -> None:
        post = self.selected_post()
        if post is None:
            return
        how = "kept mine" if side == MINE else "took theirs"
        action = conflicts.keep_mine if side == MINE else conflicts.take_theirs
        self._run(lambda: action(self.repo, post.path, force=force),
                  lambda _none: self._resolved_one(post.path, how),
                  on_error=lambda error: self._resolve_failed(error, side))

    def _resolve_failed(self, error: PostdeskError, side: str) -> None:
        if isinstance(error, ResolutionWouldDiscard):
            verb = "Keep mine" if side == MINE else "Take theirs"
            if self.context.notifier.confirm("Replace the edits?", f"{error.message} {verb} anyway?",
                                             "Replace", destructive=True):
                self.resolve(side, force=True)
            return
        self.context.notifier.error(error)

    def edit_by_hand(self) -> None:
        post = self.selected_post()
        if post is not None:
            self.open_requested.emit(post.path)

    def mark_resolved(self) -> None:
        post = self.selected_post()
        if post is None or not self.save_open_post(post.path):
            return
        self._run(lambda: conflicts.mark_resolved(self.repo, post.path),
                  lambda _none: self._resolved_one(post.path, "resolved by hand"))

    def _resolved_one(self, path: str, how: str) -> None:
        self._resolved[path] = how
        self.context.notifier.note(f"{self._titles.get(path, path)}: {how}.")
        self.repository_changed.emit()
        self.refresh()

    # --- the whole pull ----------------------------------------------------------------------------

    def continue_pull(self) -> None:
        self._run(lambda: conflicts.continue_operation(self.repo), self._continued)

    def _continued(self, state: ConflictState) -> None:
        self.repository_changed.emit()
        if state.operation is None:
            count = len(self._resolved)
            self.context.notifier.note(f"Pull finished: {count} post{'s' * (count != 1)} resolved.")
        else:
            self.context.notifier.note("The pull stopped again on the next commit.")
        self._read_token += 1
        self._show(self._read_token, state)

    def abort_pull(self, force: bool = False) -> None:
        if not force and not self.context.notifier.confirm(
                "Abort the pull?", "Your commits and edits go back to how they were before the pull. "
                "The conflicts resolved so far are undone; the pulled changes stay on the remote.",
                "Abort pull", destructive=True):
            return
        self._run(lambda: conflicts.abort(self.repo, force=force), lambda _none: self._aborted(),
                  on_error=self._abort_failed)

    def _abort_failed(self, error: PostdeskError) -> None:
        if isinstance(error, AbortWouldDiscard) and self.context.notifier.confirm(
                "Abort anyway?", f"{error.message} Abort and lose them?", "Abort anyway", destructive=True):
            self.abort_pull(force=True)
            return
        if not isinstance(error, AbortWouldDiscard):
            self.context.notifier.error(error)

    def _aborted(self) -> None:
        self.context.notifier.note("Pull aborted: everything is as it was before it.")
        self.repository_changed.emit()
        self.refresh()

    def _run(self, function: Callable[[], Any], on_done: Callable[[Any], None],
             on_error: Callable[[PostdeskError], None] | None = None) -> None:
        if self._job is not None:
            return
        self._job = self.context.runner.start(function, on_done=on_done,
                                              on_error=on_error or self.context.notifier.error,
                                              on_finally=self._finished)
        self._update_buttons()

    def _finished(self) -> None:
        self._job = None
        self._update_buttons()

    @property
    def busy(self) -> bool:
        return self._job is not None


def _details_html(post: ConflictedPost) -> str:
    """What clashes in one post, side by side, and what merged without a question."""
    parts = [f"<p><small>{escape(post.path)} · {escape(post.summary)}</small></p>"]
    for conflict in post.field_conflicts:
        parts.append(f"<p><b>{escape(conflict.key)}</b><br>yours&nbsp;&nbsp;{escape(show(conflict.mine))}"
                     f"<br>theirs {escape(show(conflict.theirs))}</p>")
    if post.front_conflicted:
        parts.append("<p><b>Front matter</b><br>lines changed on both sides (see the markers)</p>")
    if post.body_conflicted:
        parts.append("<p><b>Text</b><br>the same lines changed on both sides (see the markers)</p>")
    if not (post.field_conflicts or post.front_conflicted or post.body_conflicted):
        parts.append(f"<p><b>{escape(post.summary)}</b></p>")
    if post.merged_fields:
        parts.append(f"<p>Merged without a question: {escape(', '.join(post.merged_fields))}</p>")
    parts += [f"<p><i>{escape(note)}</i></p>" for note in post.notes]
    return "".join(parts)


def go_to_first_conflict(editor: Any) -> None:
    """Put the editor's cursor on the first conflict marker, scrolled into view."""
    lines = marker_lines(editor.text())
    if not lines:
        return
    cursor = QTextCursor(editor.document().findBlockByNumber(lines[0] - 1))
    editor.setTextCursor(cursor)
    editor.centerCursor()


def install(window: Any) -> ConflictsPanel:
    """Add the panel to the main window as a dock beside Changes, and wire it: a pull that stops
    on conflicts shows it; each step refreshes the library, the changes and the open post."""
    panel = ConflictsPanel(window.context)
    dock = QDockWidget("Conflicts", window)
    dock.setObjectName("conflictsDock")
    dock.setWidget(panel)
    dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetClosable
                     | QDockWidget.DockWidgetFeature.DockWidgetMovable)
    window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
    window.tabifyDockWidget(window.changes_dock, dock)
    dock.hide()
    window.conflicts_dock = dock
    controller = window.controller

    def show() -> None:
        dock.show()
        dock.raise_()

    def open_post(path: str) -> None:
        if controller.open_post(path):
            go_to_first_conflict(controller.editor)
            controller.editor.setFocus()

    def save_open_post(path: str) -> bool:
        """A hand edit still in the editor is saved before the post is marked resolved."""
        document = controller.document
        if document is None or document.path != path or not controller.is_modified():
            return True
        return bool(controller.save())

    def follow_files() -> None:
        window.refresh()
        window.changes.refresh()
        controller.check_disk()

    panel.save_open_post = save_open_post
    panel.conflicts_shown.connect(show)
    panel.finished.connect(lambda: (window.changes_dock.show(), window.changes_dock.raise_(), dock.hide()))
    panel.open_requested.connect(open_post)
    panel.repository_changed.connect(follow_files)
    conflicts_found = getattr(window.changes, "conflicts_found", None)
    if conflicts_found is not None:
        conflicts_found.connect(panel.refresh)
    panel.refresh()  # a pull left waiting when Postdesk last closed
    return panel
