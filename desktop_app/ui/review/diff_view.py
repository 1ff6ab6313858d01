"""What changed in a post, in three forms: "Fields", "Text" and "Rendered".

Embedded in the changes panel (the working copy against the last commit) and in the history
(a commit against its parent). The comparison — reading both versions from git, the field and
word diffs and both renders — runs on the task runner; a newer request drops older results.
`show_diff(unified)` and `toPlainText()` still show and read a plain unified diff.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from desktop_app.core.errors import PostdeskError
from desktop_app.core.git.history import PostCommit
from desktop_app.core.review.text_diff import TextDiff
from desktop_app.ui.context import UiContext
from desktop_app.ui.review.diff_text import DiffHighlighter, DiffText
from desktop_app.ui.review.field_changes import FieldChangesView
from desktop_app.ui.review.rendered_diff_view import RenderedDiffView

if TYPE_CHECKING:  # comparing renders loads the Markdown engines: on the worker, when first asked
    from desktop_app.core.review.post_diff import PostComparison, Side

__all__ = ["DiffHighlighter", "DiffView"]

FIELDS, TEXT, RENDERED = "Fields", "Text", "Rendered"


class DiffView(QWidget):
    """Signals: `shown(PostComparison)` when a comparison reached the tabs; `page_loaded(ok)`
    when the rendered diff finished loading."""

    shown = Signal(object)
    page_loaded = Signal(bool)

    def __init__(self, context: UiContext | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("diffPane")
        self.context = context
        self.comparison: PostComparison | None = None
        self._token = 0
        self._dark = False
        self.heading = QLabel()
        self.heading.setObjectName("diffHeading")
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.heading.hide()
        self.fields = FieldChangesView()
        self.text = DiffText()
        root = context.workspace.root if context else Path.cwd()
        remote = context.workspace.settings.remote_images if context else False
        self.rendered = RenderedDiffView(root, remote)
        self.rendered.loaded.connect(self.page_loaded)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("diffTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.fields, FIELDS)
        self.tabs.addTab(self.text, TEXT)
        self.tabs.addTab(self.rendered, RENDERED)
        self.tabs.setCurrentWidget(self.text)
        self.tabs.setTabToolTip(0, "Front-matter fields that changed: title: A → B, tags: +added −removed")
        self.tabs.setTabToolTip(1, "The file's lines, with the changed words highlighted")
        self.tabs.setTabToolTip(2, "The post as the preview shows it, with insertions and deletions marked")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.heading)
        layout.addWidget(self.tabs, 1)

    # --- the plain text API the changes panel has always used ----------------------------------

    def show_diff(self, diff: str) -> None:
        """A unified diff printed by git, in the Text tab (its changed words highlighted)."""
        self._token += 1
        self.comparison = None
        self.heading.hide()
        self.text.show_unified(diff)
        self.fields.show_fields(None, "Only a text diff was given.")
        self.rendered.show_message("Only a text diff was given.")

    def toPlainText(self) -> str:  # noqa: N802 - mirrors QPlainTextEdit, which this view used to be
        return self.text.toPlainText()

    def document(self) -> QTextDocument:
        return self.text.document()

    def clear(self) -> None:
        self._token += 1
        self.comparison = None
        self.heading.hide()
        self.text.show_text_diff(TextDiff(()), "")
        self.text.clear()
        self.fields.clear()
        self.rendered.show_message("Select a changed post to see it rendered with its changes.")

    def set_dark(self, dark: bool) -> None:
        """Colours for a dark or light background; the rendered page is built again in that theme."""
        changed = dark != self._dark
        self._dark = dark
        self.text.set_dark(dark)
        self.fields.set_dark(dark)
        if changed and self.comparison is not None:
            sides = (self.comparison.old, self.comparison.new)
            self._start(lambda: sides)

    # --- comparisons -----------------------------------------------------------------------------

    def show_working_change(self, path: str) -> None:
        """The working copy of `path` against the last commit (all inserted for a new post, all
        deleted for a deleted one)."""
        from desktop_app.core.review.post_diff import working_sides

        repo = self._require_context().workspace.repo
        self._start(lambda: working_sides(repo, path))

    def show_commit_change(self, commit: PostCommit) -> None:
        """What `commit` changed in its post, against its first parent."""
        from desktop_app.core.review.post_diff import commit_sides

        repo = self._require_context().workspace.repo
        self._start(lambda: commit_sides(repo, commit))

    def show_sides(self, old: Side, new: Side) -> None:
        """Any two versions of a post: the file on disk against the editor's text, say."""
        self._start(lambda: (old, new))

    def _require_context(self) -> UiContext:
        if self.context is None:
            raise RuntimeError("DiffView needs a UiContext to compare versions")  # a wiring bug
        return self.context

    def _start(self, read_sides) -> None:  # noqa: ANN001 - () -> tuple[Side, Side]
        context = self._require_context()
        self._token += 1
        token, dark = self._token, self._dark
        workspace = context.workspace
        flavor = workspace.site.flavor

        def work() -> tuple[PostComparison, str | None]:
            from desktop_app.core.review.post_diff import compare
            from desktop_app.core.review.rendered_diff import diff_page

            old, new = read_sides()
            comparison = compare(old, new, flavor, workspace.resolver_for(new.path or old.path))
            page = None
            if comparison.rendered is not None:
                page = diff_page(workspace.site, comparison.rendered, comparison.summary(), dark)
            return comparison, page

        context.runner.start(work, on_done=lambda result: self._done(token, *result),
                             on_error=lambda error: self._failed(token, error))

    def _done(self, token: int, comparison: PostComparison, page: str | None) -> None:
        if not shiboken6.isValid(self) or token != self._token:
            return  # a newer selection, or the view is gone
        self.comparison = comparison
        self.heading.setText(comparison.heading())
        self.heading.setToolTip(comparison.heading())
        self.heading.show()
        empty = comparison.note or "No textual changes."
        self.text.show_text_diff(comparison.text, empty)
        self.fields.show_fields(comparison.fields, comparison.note)
        if page is None:
            self.rendered.show_message(comparison.note or "Nothing to render.")
        else:
            folder = self._require_context().workspace.absolute(comparison.path).parent
            self.rendered.show_page(page, folder)
        self.shown.emit(comparison)

    def _failed(self, token: int, error: PostdeskError) -> None:
        if not shiboken6.isValid(self) or token != self._token:
            return
        self.comparison = None
        self.heading.hide()
        self.text.show_text_diff(TextDiff(()), error.message)
        self.fields.show_fields(None, error.message)
        self.rendered.show_message(error.message)

    # --- for tests and the history ---------------------------------------------------------------

    def select(self, form: str) -> None:
        """Show one form: FIELDS, TEXT or RENDERED."""
        widget = {FIELDS: self.fields, TEXT: self.text, RENDERED: self.rendered}[form]
        self.tabs.setCurrentWidget(widget)

    def run_script(self, script: str, callback) -> None:  # noqa: ANN001 - a Python callable
        self.rendered.run_script(script, callback)
