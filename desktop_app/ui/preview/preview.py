"""The live preview: a coalescing render pipeline feeding a page that is loaded once.

Keystrokes restart a short timer; when it fires one render starts on the preview's own worker
thread (its Python-Markdown instance stays warm there). While a render is in flight, further
edits only set a "dirty again" flag, so at most one render runs and the newest text always wins.
Results for a post that is no longer shown are dropped by token. Nothing renders while hidden.

Nothing of QtWebEngine or the Markdown engines is loaded before the window has first painted:
starting QtWebEngine holds the GUI thread (and Python) for a tenth of a second or more, so the
web view is made once the window is on the screen and a post is to be shown, and the first
render (on the worker) is what loads the engines.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, QUrl, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from desktop_app.core.errors import PostdeskError
from desktop_app.core.resources import resource_path
from desktop_app.ui.context import UiContext
from desktop_app.ui.preview.engine_preload import preload_engine_libraries
from desktop_app.ui.preview.stand_in import LIMIT_MS as PICTURE_LIMIT_MS, StandIn
from desktop_app.ui.workers import TaskRunner

if TYPE_CHECKING:
    from PySide6.QtWebEngineWidgets import QWebEngineView

    from desktop_app.core.render.pipeline import RenderedPost
    from desktop_app.ui.preview.interceptor import PreviewRequestGuard


def world() -> Any:
    """Postdesk's own script world in the page (QtWebEngine is loaded on first use)."""
    from PySide6.QtWebEngineCore import QWebEngineScript

    return QWebEngineScript.ScriptWorldId.ApplicationWorld


def update_script(result: RenderedPost) -> str:
    """The script that patches the page to show `result`, with its source line map."""
    from desktop_app.core.render.page import update_call

    notice = f"⚠ {result.error}" if result.error else ""
    return update_call(result.header_html, result.body_html, notice,
                       (result.blocks, result.body_line, result.line_count))


PICTURE_LINGER_MS = 120  # the page has drawn its frame of an update by then
# Larger previews (a HiDPI screen's tall preview) are not pictured: a PNG of 1.5 million pixels
# takes about 20 ms to read, on the GUI thread before the post's first paint.
PICTURE_MAX_PIXELS = 1_500_000


def kept_post(kept: tuple[Path, str]) -> tuple[RenderedPost, str, bool] | None:
    """The render kept from the last run for this text (`kept_render.py`), with its page update."""
    from desktop_app.ui.preview.kept_render import load

    result = load(*kept)
    return (result, update_script(result), True) if result is not None else None


def render_post(flavor: str, text: str, resolver: Any, mdx: bool, dark: bool,
                kept: tuple[Path, str] | None = None) -> tuple[RenderedPost, str, bool]:
    """A render and its page update, on the preview's worker (a big post's script costs the GUI
    thread; the engines load there on first use, and so do the page's code colours, which the
    first page needs: Pygments loads here rather than on the GUI thread). With `kept` (the kept
    render's file and the key of this text), the kept render when it matches; True says so."""
    from desktop_app.core.render.page import pygments_css

    pygments_css(dark)  # the page, made on the GUI thread once the post is shown, needs them
    if kept is not None and (found := kept_post(kept)) is not None:
        return found
    from desktop_app.core.render.pipeline import thread_renderer

    result = thread_renderer(flavor).render(text, resolver, mdx, source_map=True)
    return result, update_script(result), False


class _AfterPaint(QObject):
    """Calls `then` once, after `widget` next receives `kind` (a paint, or a window's repaint of
    what is pending) and that pass is over, or after `limit_ms` if nothing comes; `now` as soon
    as the event arrives."""

    def __init__(self, widget: QWidget, kind: QEvent.Type, then: Callable[[], None], limit_ms: int = -1,
                 now: Callable[[], None] | None = None) -> None:
        super().__init__(widget)
        self._then, self._now, self._kind, self._widget = then, now, kind, widget
        widget.installEventFilter(self)
        if limit_ms >= 0:
            QTimer.singleShot(limit_ms, self, self._fire)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == self._kind and self._then is not None:
            if self._now is not None:
                now, self._now = self._now, None
                now()
            QTimer.singleShot(0, self, self._fire)  # once this pass is over and flushed to the screen
        return False

    def _fire(self) -> None:
        if self._then is not None:
            then, self._then = self._then, None
            self._widget.removeEventFilter(self)
            self.deleteLater()
            then()


class LivePreview(QWidget):
    """Signals: `updated` after a render reached the page; `rendered(RenderedPost)` on any render;
    `scrolled(line)` when the user scrolled the page (the file line now at its top)."""

    updated = Signal()
    scrolled = Signal(float)
    rendered = Signal(object)
    pdf_exported = Signal(str, bool)  # path, success
    local_link_clicked = Signal(str)  # a link to a local path (ui/preview/links.py opens its post)

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # The web view (and any page printing a PDF) lives in this host, the first child: Qt
        # deletes children in order, so however this widget goes (closed, or deleted without a
        # close) the pages go before their profile, made later. Nothing may raise() the host: a
        # raised widget moves to the end of the children (a QStackedLayout raises what it shows,
        # which put the view after the profile: "Release of profile requested but WebEnginePage
        # still not deleted").
        self._host = QWidget(self)
        host_layout = QVBoxLayout(self._host)
        host_layout.setContentsMargins(0, 0, 0, 0)
        self._host.hide()
        self.context = context
        self.runner = TaskRunner(self, max_threads=1)
        self.runner.pool.setExpiryTimeout(-1)  # keep the warm renderer's thread alive
        self.runner.crashed.connect(context.notifier.crash)
        self.timer = QTimer(self, singleShot=True, interval=context.workspace.settings.preview_delay_ms)
        self.timer.timeout.connect(self._start_render)
        self.view: QWebEngineView | None = None
        self.guard: PreviewRequestGuard | None = None  # what the page may load (made with the view)
        self._placeholder = QLabel("Preview")
        self._placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._painted = False  # the window has been on the screen: QtWebEngine may start
        self._page_wanted = False  # a page was asked for before that
        self._page_coming = False  # it is made once the window has shown what is pending
        _AfterPaint(self._placeholder, QEvent.Type.Paint, self._on_first_paint, now=self._on_painted)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._placeholder)
        layout.addWidget(self._host)
        self._path: str | None = None
        self._text = ""
        self._source: Callable[[], str] | None = None
        self._from_source = False
        self._token = 0
        self._in_flight = False
        self._dirty = False
        self._stale = False
        self._page_base: QUrl | None = None
        self._page_ready = False
        self._pending: str | None = None  # the update script to run once the page has loaded
        self.last: RenderedPost | None = None
        self._last_script = ""
        self._first_post = True  # the first post shown may start from the render kept last time
        self._confirm = False  # a kept render is shown: render for real once it reached the page
        self._last_source: tuple[str, str, bool, str] | None = None  # what `last` was rendered from
        self._kept_key: str | None = None  # the key of the kept render, while `last` is that one
        self._drawn: str | None = None  # the update script the page has run and drawn
        self._page_sheets = ""  # the stylesheets as the page loaded them (`kept_render.sheets_state`)
        self._stand_in = StandIn(self)  # the kept picture, over the page until it shows the post
        # The kept picture (its file and key) until the page shows the post: the preview may yet
        # come to the size it was pictured at (a window manager maximises a window after it is shown).
        self._picture_wanted: tuple[Path, str] | None = None
        self._dark = False

    # --- inputs --------------------------------------------------------------------------------

    def show_post(self, relative: str | None, text: str) -> None:
        """Switch to another post: render at once, dropping anything in flight for the old one."""
        self._path = relative
        self._text = text
        self._from_source = False
        self._token += 1
        self._drop_picture()
        self._dirty = False
        self._ensure_page()
        self._start_render(force=True)

    def set_text_source(self, source: Callable[[], str]) -> None:
        """Where to read the current text when a render starts (not on every keystroke)."""
        self._source = source

    def text_changed(self) -> None:
        """The text changed; it is read only when the debounce timer fires. With no post shown
        (the start, before the library is read) there is nothing to follow: the editor's own
        restyling must not start the engines for an empty render."""
        if self._path is None:
            return
        self._from_source = True
        self._drop_picture()  # it shows the text as it was
        self.timer.start()

    def reload_page(self) -> None:
        """Reload the page (site CSS changed); the content is patched back in afterwards."""
        self._page_base = None
        self._ensure_page()
        self._start_render(force=True)

    def set_dark(self, dark: bool) -> None:
        """Show the post in the dark or light page theme (and code colours) from now on."""
        if dark != self._dark:
            self._dark = dark
            self._drop_picture()
            if self._page_base is not None:
                self.reload_page()

    def set_remote_images(self, allowed: bool) -> None:
        """Allow or refuse images from the web; the page reloads so the change shows at once."""
        self.context.workspace.settings.remote_images = allowed
        if self.guard is not None:
            self.guard.remote_images = allowed
            page = self.view.page() if self.view is not None else None
            if page is not None:
                from PySide6.QtWebEngineCore import QWebEngineSettings

                page.settings().setAttribute(QWebEngineSettings.WebAttribute.LocalContentCanAccessRemoteUrls,
                                             allowed)
            self.reload_page()

    # --- pipeline ------------------------------------------------------------------------------

    def _start_render(self, force: bool = False) -> None:
        if not self.isVisible() and not force:
            self._stale = True
            return
        if self._in_flight:
            self._dirty = True
            return
        self._in_flight = True
        self._stale = False
        if self._from_source and self._source is not None:
            self._text = self._source()
        self._from_source = False
        token, text, path = self._token, self._text, self._path
        workspace = self.context.workspace
        flavor = workspace.site.flavor
        mdx, dark = (path or "").endswith(".mdx"), self._dark
        kept = self._kept_for(path, flavor, mdx, text) if force and self._first_post else None
        self._first_post = False
        if kept is not None and self.view is None:
            self._show_kept_picture(*kept)
        self.runner.start(
            # The resolver is made on the worker: it loads the render pipeline, which the GUI
            # thread does not need before the post is on the screen.
            lambda: render_post(flavor, text, workspace.resolver_for(path), mdx, dark, kept),
            on_done=lambda done: self._on_rendered(token, *done, source=(path or "", flavor, mdx, text),
                                                   kept_key=kept[1] if kept else None),
            on_finally=self._on_render_finished,
        )

    def _kept_for(self, path: str | None, flavor: str, mdx: bool, text: str) -> tuple[Path, str] | None:
        """Where the last run's render is kept, and the key this text would have (start-up only)."""
        return self._kept_place(path, flavor, mdx, text) if path is not None and self.isVisible() else None

    def _kept_place(self, path: str, flavor: str, mdx: bool, text: str) -> tuple[Path, str]:
        """The repository's kept-render file, and the key of a render of `text` (`kept_render.py`)."""
        from desktop_app.ui.preview.kept_render import kept_file, render_key

        root = self.context.workspace.root
        return kept_file(self.context.workspace.paths.cache_dir, root), render_key(root, path, flavor, mdx, text)

    def _sheets(self) -> str:
        """The site's stylesheets as they are on disk now (`kept_render.sheets_state`)."""
        from desktop_app.core.render.page import stylesheets
        from desktop_app.ui.preview.kept_render import sheets_state

        return sheets_state(stylesheets(self.context.workspace.site))

    def _look(self, sheets: str | None = None) -> str:
        """How the preview is drawn, besides the render (`kept_render.picture_look`), with the
        stylesheets as given (those the page loaded) or as they are now."""
        from desktop_app.ui.preview.kept_render import picture_look

        return picture_look(self.width(), self.height(), self.devicePixelRatioF(), self._dark,
                            self.context.workspace.settings.remote_images, self._sheets() if sheets is None else sheets)

    def _on_rendered(self, token: int, result: RenderedPost, script: str, kept: bool,
                     source: tuple[str, str, bool, str], kept_key: str | None = None) -> None:
        if token != self._token:
            return  # a render for a post that is no longer shown
        self.last, self._last_script = result, script
        self._confirm = kept
        self._last_source = None if kept else source
        self._kept_key = kept_key if kept else None
        self.rendered.emit(result)
        if self._page_ready:
            self._apply(script)
        else:
            self._pending = script

    def _on_render_finished(self) -> None:
        self._in_flight = False
        if self._dirty:
            self._dirty = False
            self._start_render()

    # --- the kept picture ------------------------------------------------------------------------

    def picture_shown(self) -> bool:
        """Whether the picture of the last run's preview stands in for the page now."""
        return self._stand_in.shown()

    def _show_kept_picture(self, file: Path, key: str) -> None:
        """Over the preview's place until the page shows the post: the picture of the last run's
        preview, when it shows this render drawn as the preview is now (a PNG of about 0.1 MB,
        read before the window paints the post, so that both appear together). Until the page
        shows the post (for as long as the picture may stay), a resize looks again: a window
        manager maximises a window after it is shown, and the picture may be of that size."""
        wanted = self._picture_wanted = (file, key)
        QTimer.singleShot(PICTURE_LIMIT_MS, self, lambda: self._forget_picture(wanted))
        self._show_picture_if_alike(file, key)

    def _show_picture_if_alike(self, file: Path, key: str) -> None:
        from desktop_app.ui.preview.kept_render import load_picture, picture_file

        image = load_picture(picture_file(file), key, self._look())
        if image is not None:
            from desktop_app.ui import start_trace

            start_trace.mark("preview pictured")
            self._stand_in.show(image)

    def _forget_picture(self, wanted: tuple[Path, str]) -> None:
        if self._picture_wanted is wanted:
            self._picture_wanted = None

    def _drop_picture(self) -> None:
        """The page shows the post, or the picture no longer shows what the page would."""
        self._picture_wanted = None
        self._stand_in.drop()

    def _keep_picture(self) -> None:
        """Keep a picture of the page for the next start, when it shows the last render as it is."""
        view = self.view
        if (view is None or not self._page_ready or self._pending is not None or self._drawn is not self._last_script
                or not self.isVisible() or self.window().isMinimized() or view.size() != self.size()):
            return  # the page may not show the last render (yet), or not as it is drawn at a start
        width, height = round(self.width() * self.devicePixelRatioF()), round(self.height() * self.devicePixelRatioF())
        if width * height > PICTURE_MAX_PIXELS:
            return  # reading it back would cost the next start more than it saves
        if not self.context.workspace.settings.sync_scroll and view.page().scrollPosition().y() > 0:
            return  # the next start's page opens at the top, not where this one was scrolled
        if self._last_source is not None:
            key = self._kept_place(*self._last_source)[1]
        elif self._kept_key is not None:
            key = self._kept_key  # still the kept render: the same picture again, this window's look
        else:
            return
        from desktop_app.ui.preview.kept_render import kept_file, picture_file, save_picture

        file = kept_file(self.context.workspace.paths.cache_dir, self.context.workspace.root)
        save_picture(picture_file(file), key, self._look(self._page_sheets), view.grab().toImage())

    def resizeEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt override
        super().resizeEvent(event)
        self._stand_in.drop()  # drawn for another size
        if self._picture_wanted is not None:
            self._show_picture_if_alike(*self._picture_wanted)  # perhaps drawn for this one

    def showEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt override
        super().showEvent(event)
        if self._stale:
            self._start_render()

    # --- the page ------------------------------------------------------------------------------

    def _on_painted(self) -> None:
        self._painted = True  # a post shown from now on waits for its own paint (`_make_page_soon`)
        preload_engine_libraries()  # while the library is listed and the post opened

    def _on_first_paint(self) -> None:
        """The first paint is on the screen, with any post shown before it."""
        if self._page_wanted and not self._page_coming:
            self._make_page()

    def _make_page_soon(self) -> None:
        """Start QtWebEngine once the window has shown what is pending (the library just listed,
        the post just opened): starting it holds the GUI thread for a tenth of a second or more,
        and Qt paints a window only after the events already queued."""
        if not self._page_coming:
            self._page_coming = True
            _AfterPaint(self.window(), QEvent.Type.UpdateRequest, self._make_page, limit_ms=100)

    def _make_page(self) -> None:
        self._page_coming = False
        if shiboken6.isValid(self):
            self._load_page()

    def _ensure_view(self) -> QWebEngineView:
        if self.view is None:
            from PySide6.QtWebEngineCore import QWebEngineProfile
            from PySide6.QtWebEngineWidgets import QWebEngineView

            from desktop_app.ui.preview.interceptor import PreviewRequestGuard
            from desktop_app.ui.preview.page import PreviewPage

            self.view = QWebEngineView(self._host)
            # An off-the-record profile of our own: nothing is cached on disk. A child of this
            # widget made after the host, so Qt deletes it after the view and its page.
            self._profile = QWebEngineProfile(self)
            remote_images = self.context.workspace.settings.remote_images
            self.guard = PreviewRequestGuard((self.context.workspace.root, resource_path("preview")), remote_images,
                                             self._profile)
            self._profile.setUrlRequestInterceptor(self.guard)
            page = PreviewPage(self._profile, self.view, remote_images)
            page.scrolled.connect(self.scrolled)
            page.local_link_clicked.connect(self.local_link_clicked)
            page.renderProcessTerminated.connect(self._on_page_gone)
            self.view.setPage(page)
            self.view.loadFinished.connect(self._on_loaded)
            self._host.layout().addWidget(self.view)
            self._placeholder.hide()
            self._host.show()
        return self.view

    def _ensure_page(self) -> None:
        """Show the page for the shown post's folder (relative images resolve from it). QtWebEngine
        starts only once the window is on the screen and has painted what is pending."""
        if self.view is not None:
            self._load_page()
        elif self._painted:
            self._make_page_soon()
        else:
            self._page_wanted = True  # made after the first paint

    def _load_page(self) -> None:
        from desktop_app.core.render.page import page_html

        view = self._ensure_view()
        folder = self.context.workspace.absolute(self._path).parent if self._path else self.context.workspace.root
        base = QUrl.fromLocalFile(str(Path(folder)) + "/")
        if base == self._page_base:
            return
        self._page_base = base
        self._page_ready = False
        if self.last is not None and self._pending is None:
            self._pending = self._last_script
        self._page_sheets = self._sheets()
        view.setHtml(page_html(self.context.workspace.site, self._dark), base)

    def _on_loaded(self, ok: bool) -> None:
        if not ok and self._page_ready:
            return  # a clicked link the page refused to follow: the loaded page is still there
        if not ok:
            self._drop_picture()  # the page will not show the post: no picture pretending it does
        self._page_ready = ok
        if ok and self._pending is not None:
            pending, self._pending = self._pending, None
            self._apply(pending)

    # --- export ---------------------------------------------------------------------------------

    def export_html(self, target: Path, title: str) -> None:
        """The post as it is in the editor now, as one self-contained HTML file with its images
        inside (PostdeskError on failure)."""
        try:
            target.write_text(self._standalone(title, embed_images=True), encoding="utf-8")
        except OSError as error:
            raise PostdeskError(f"Could not write {target.name}: {error.strerror}.") from error

    def export_pdf(self, target: Path, title: str) -> None:
        """Print the post as it is in the editor now to a PDF from a page of its own (the live
        page is patched by script, and prints as it was loaded); `pdf_exported(path, ok)` reports
        when the file is written."""
        page = self._standalone(title)
        self._ensure_view()
        from desktop_app.ui.preview.page import PreviewPage

        printer = PreviewPage(self._profile, self._host, self.context.workspace.settings.remote_images)
        base = self._page_base or QUrl.fromLocalFile(str(self.context.workspace.root) + "/")

        def finished(path: str, ok: bool) -> None:
            printer.deleteLater()
            self.pdf_exported.emit(path, ok)

        printer.pdfPrintingFinished.connect(finished)
        printer.loadFinished.connect(lambda ok: printer.printToPdf(str(target)) if ok else finished(str(target), False))
        printer.setHtml(page, base)

    def _keep_last(self) -> None:
        """Write the last render down for the next start (`kept_render.py`)."""
        if self.last is None or self._last_source is None:
            return  # nothing rendered, or only the kept render shown: the file already holds it
        from desktop_app.ui.preview.kept_render import save

        save(*self._kept_place(*self._last_source), self.last)

    def _standalone(self, title: str, embed_images: bool = False) -> str:
        """The standalone page of the text as it is now: the preview may be hidden or still
        waiting out its pause, so its last render can be older than the editor's text."""
        if self._path is None and self.last is None:
            raise PostdeskError("Nothing to export yet: the preview has not rendered this post.")
        from desktop_app.core.render.page import embedding, standalone_page
        from desktop_app.core.render.pipeline import thread_renderer

        text = self._source() if self._from_source and self._source is not None else self._text
        workspace = self.context.workspace
        resolve = workspace.resolver_for(self._path)
        if embed_images:
            resolve = embedding(resolve, workspace.root)
        result = thread_renderer(workspace.site.flavor).render(text, resolve, (self._path or "").endswith(".mdx"))
        # Exports keep the site's own light look whatever the app theme: they are for readers.
        return standalone_page(workspace.site, result.header_html, result.body_html, title)

    def _apply(self, script: str) -> None:
        assert self.view is not None
        self._drawn = None
        self.view.page().runJavaScript(script, world(), lambda _changed: self._patched(script))

    def _patched(self, script: str) -> None:
        # A page being freed answers its pending calls at once: by then this preview may be going too.
        if self.view is not None and shiboken6.isValid(self):
            QTimer.singleShot(PICTURE_LINGER_MS, self, lambda: self._on_drawn(script))
            self.updated.emit()
            if self._confirm:  # the kept render is on the screen: now the real one
                self._confirm = False
                self._start_render(force=True)

    def _on_page_gone(self, *_status: object) -> None:
        """The page's process ended (a crash): nothing it showed can be pictured or stand in."""
        self._drawn = None
        self._drop_picture()

    def _on_drawn(self, script: str) -> None:
        """The page has run `script` and drawn it: the kept picture can go, and the page can be
        pictured for the next start if that is the last render."""
        if self.view is not None:
            self._drop_picture()
            if script is self._last_script:
                self._drawn = script

    def scroll_to_line(self, line: float) -> None:
        """Scroll so that file line `line` (fractions between lines) is at the top of the page."""
        if self.view is not None and self._page_ready and self.last is not None:
            self.view.page().runJavaScript(f"window.postdeskScroll && window.postdeskScroll.scrollToLine({line:.3f})",
                                           world())

    def run_script(self, script: str, callback) -> None:  # noqa: ANN001 - a Python callable
        """Run JavaScript in Postdesk's own world (tests and scroll sync use this)."""
        self._ensure_view().page().runJavaScript(script, world(), callback)

    def shutdown(self) -> None:
        """Stop rendering (late results are dropped), keep the last render for the next start, and
        free the page while its profile lives."""
        self._token += 1
        self.timer.stop()
        self.runner.shutdown()
        self._keep_picture()
        self._keep_last()
        if self.view is not None:
            view, self.view = self.view, None
            self._host.layout().removeWidget(view)
            self._host.hide()
            self._placeholder.show()
            shiboken6.delete(view)  # deleteLater would run after the profile is gone at exit
        # A PDF export's page is deleted later, and "later" may not come before the profile goes:
        # a deleteLater posted inside a nested event loop waits for a loop at that level.
        if self.guard is not None:  # QtWebEngine was started
            from desktop_app.ui.preview.page import PreviewPage

            for page in self.findChildren(PreviewPage):
                shiboken6.delete(page)
