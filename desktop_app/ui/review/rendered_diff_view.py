"""The "Rendered" form of a diff: the post as the preview draws it, with insertions and deletions
marked (`core/review/rendered_diff.py`), in a page configured like the preview.

The page is static HTML built off the GUI thread: the site's CSS, `resources/preview/diff.css`
and the marked post. Page scripts are off and every request goes through the preview's guard
(`ui/preview/interceptor.py`), so a hostile post is as inert here as in the preview. The web view
is created the first time the tab is shown, never at start-up.

Its page is freed when a window it sits in closes (`free_pages`: the history dialog's and the
main window's close events call it), and loaded again if the view is shown again. QtWebEngine
tears its profiles down with the application, and a page still alive then crashes the process at
exit ("Release of profile requested but WebEnginePage still not deleted"); a closed window may
never be deleted before that, so waiting for Qt to delete the view with its parent is not enough.
Hide and show events are no guide: adding a web view to a shown window makes the window system
recreate it (a hide and a show), which freeing on hide turned into an endless loop.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.resources import resource_path

if TYPE_CHECKING:  # QtWebEngine loads when the first rendered diff is shown, never at start-up
    from PySide6.QtWebEngineCore import QWebEngineProfile
    from PySide6.QtWebEngineWidgets import QWebEngineView

    from desktop_app.ui.preview.interceptor import PreviewRequestGuard


def _world() -> Any:
    """Postdesk's own script world in the page."""
    from PySide6.QtWebEngineCore import QWebEngineScript

    return QWebEngineScript.ScriptWorldId.ApplicationWorld

MAX_PAGE_BYTES = 2_000_000  # setHtml's limit (it becomes a data: URL)
# Runs in Postdesk's script world: moves to the next (step 1) or previous (-1) marked change, or
# the first (0), and says which one it shows ("2/5") or "0/0".
_JUMP = """(function (step) {
  var marks = Array.prototype.filter.call(
    document.querySelectorAll('.pd-ins-block, .pd-del-block, .pd-mod-block, ins.pd-ins, del.pd-del'),
    function (e) { return !e.parentElement.closest('.pd-ins-block, .pd-del-block, .pd-mod-block') &&
                          e.getClientRects().length > 0; });
  if (!marks.length) { return '0/0'; }
  var at = window.postdeskChange === undefined ? -1 : window.postdeskChange;
  at = step === 0 ? 0 : Math.max(0, Math.min(marks.length - 1, at + step));
  window.postdeskChange = at;
  marks[at].scrollIntoView({block: 'center'});
  return (at + 1) + '/' + marks.length;
})(%d)"""


class RenderedDiffView(QWidget):
    """Signals: `loaded(ok)` when a page finished loading (with the marks setting applied)."""

    loaded = Signal(bool)

    def __init__(self, root: Path, remote_images: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._root = root
        self._remote_images = remote_images
        self.view: QWebEngineView | None = None
        self.guard: PreviewRequestGuard | None = None
        self._profile: QWebEngineProfile | None = None
        self._pending: tuple[str, QUrl] | None = None
        self._loaded_page: str | None = None
        self._shown: tuple[str, QUrl] | None = None  # the page in the view, to load again after a free
        self.marks = QCheckBox("Mark changes")
        self.marks.setChecked(True)
        self.marks.setToolTip("Show what was inserted (green) and deleted (struck, red); "
                              "off: the version as the site shows it.")
        self.marks.toggled.connect(self._apply_marks)
        self.legend = QLabel('<span style="background:#ccffd8;color:#1f2328">&nbsp;inserted&nbsp;</span>&nbsp;'
                             '<span style="background:#ffd7d5;color:#82071e"><s>&nbsp;deleted&nbsp;</s></span>')
        self.legend.setObjectName("renderedDiffLegend")
        self.position = QLabel()
        self.previous_change = QToolButton(text="↑ Previous")
        self.previous_change.setToolTip("Scroll to the previous change")
        self.previous_change.clicked.connect(lambda: self.jump(-1))
        self.next_change = QToolButton(text="↓ Next change")
        self.next_change.setToolTip("Scroll to the next change")
        self.next_change.clicked.connect(lambda: self.jump(1))
        self.placeholder = QLabel("Select a changed post to see it rendered with its changes.")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.placeholder)
        row = QHBoxLayout()
        row.setContentsMargins(6, 2, 6, 2)
        row.addWidget(self.marks)
        row.addWidget(self.legend)
        row.addStretch(1)
        row.addWidget(self.position)
        row.addWidget(self.previous_change)
        row.addWidget(self.next_change)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self.stack, 1)

    # --- what to show --------------------------------------------------------------------------

    def show_message(self, message: str) -> None:
        self._pending = None
        self.position.clear()
        self.placeholder.setText(message)
        self.stack.setCurrentWidget(self.placeholder)

    def show_page(self, page: str, base_folder: Path) -> None:
        """Show `page` (loaded now if visible, else when the tab is first shown)."""
        if len(page.encode("utf-8")) > MAX_PAGE_BYTES:
            self.show_message("This post is too long to show as a rendered diff; the Text tab shows its changes.")
            return
        self._pending = (page, QUrl.fromLocalFile(str(base_folder) + "/"))
        if self.isVisible():
            self._load_pending()

    def showEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt override
        super().showEvent(event)
        self._load_pending()

    def _load_pending(self) -> None:
        if self._pending is None:
            return
        page, base = self._pending
        self._pending = None
        view = self._ensure_view()
        self.stack.setCurrentWidget(view)
        self._shown = (page, base)
        if page == self._loaded_page:
            self.loaded.emit(True)  # the same diff again (a refresh): keep the scroll position
            return
        self._loaded_page = page
        view.setHtml(page, base)

    # --- the page ------------------------------------------------------------------------------

    def _ensure_view(self) -> QWebEngineView:
        if self.view is None:
            from PySide6.QtWebEngineCore import QWebEngineProfile
            from PySide6.QtWebEngineWidgets import QWebEngineView

            from desktop_app.ui.preview.interceptor import PreviewRequestGuard
            from desktop_app.ui.preview.page import PreviewPage

            # The view lives in the stack, a child created before the off-the-record profile, so
            # when this widget is deleted Qt deletes the view (and its page) before the profile.
            self.view = QWebEngineView(self.stack)
            self.view.setObjectName("renderedDiff")
            if self._profile is None:  # one for the widget's life, also after `free_page`
                self._profile = QWebEngineProfile(self)
                self.guard = PreviewRequestGuard((self._root, resource_path("preview")), self._remote_images,
                                                 self._profile)
                self._profile.setUrlRequestInterceptor(self.guard)
            self.view.setPage(PreviewPage(self._profile, self.view, self._remote_images))
            self.view.loadFinished.connect(self._on_loaded)
            self.stack.addWidget(self.view)
        return self.view

    def free_page(self) -> None:
        """Delete the web view and its page now, while its profile lives; the page shown is loaded
        again when this view is next shown."""
        if self.view is None:
            return
        view, self.view = self.view, None
        if self._pending is None and self._shown is not None:
            self._pending = self._shown
        self._loaded_page = None
        self.stack.setCurrentWidget(self.placeholder)
        self.stack.removeWidget(view)
        shiboken6.delete(view)  # now: a deleteLater might only run after the profile is gone

    def _on_loaded(self, ok: bool) -> None:
        if not ok:
            self.loaded.emit(False)
            return
        self._apply_marks(self.marks.isChecked())
        self.jump(0, lambda _where: self.loaded.emit(True))  # the first change, not the page's top

    def _apply_marks(self, on: bool) -> None:
        if self.view is None or self._loaded_page is None:
            return
        self.view.page().runJavaScript(
            f"document.documentElement.classList.toggle('pd-plain', {'false' if on else 'true'});", _world())
        for button in (self.previous_change, self.next_change):
            button.setEnabled(on)

    def jump(self, step: int, done=None) -> None:  # noqa: ANN001 - a Python callable
        """Scroll to the next (1) or previous (-1) change, or the first (0)."""
        if self.view is None or self._loaded_page is None:
            return

        def shown(where: object) -> None:
            if shiboken6.isValid(self.position):
                self.position.setText("No visible change" if where == "0/0" else f"Change {where}")
            if done is not None:
                done(where)
        self.view.page().runJavaScript(_JUMP % step, _world(), shown)

    def run_script(self, script: str, callback) -> None:  # noqa: ANN001 - a Python callable
        """Run JavaScript in Postdesk's own world on the page (tests use this)."""
        if self.view is not None:
            self.view.page().runJavaScript(script, _world(), callback)

    def reload(self) -> None:
        """Forget the loaded page, so the next `show_page` loads even the same HTML again."""
        self._loaded_page = None


def free_pages(window: QWidget) -> None:
    """Free the pages of every rendered diff in `window` (and in dialogs it owns): it is closing."""
    for view in window.findChildren(RenderedDiffView):
        view.free_page()
