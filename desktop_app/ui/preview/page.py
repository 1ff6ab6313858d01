"""The preview's web page: nothing in a post runs; clicked web links open in the system browser,
and links to the repository's own files are handed on (`local_link_clicked`) to open the post.
A site's own `prefers-color-scheme` CSS follows the page's scheme, the app's theme of the moment
(`resources/preview/scheme.js`)."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWebEngineCore import (
    QWebEnginePage,
    QWebEngineProfile,
    QWebEngineScript,
    QWebEngineSettings,
)
from PySide6.QtWidgets import QWidget

from desktop_app.core.resources import resource_path

SCROLL_MESSAGE = "postdesk:scroll "
WORLD = QWebEngineScript.ScriptWorldId.ApplicationWorld


@cache
def scheme_script() -> str:
    return resource_path("preview", "scheme.js").read_text(encoding="utf-8")


class PreviewPage(QWebEnginePage):
    """Scripts of the page itself are off; Postdesk patches content from its own script world.

    `scrolled(line)`: the user scrolled the page and the file line now at its top is `line`
    (reported by `resources/preview/scroll.js` on the console: no page script can run to fake
    it, and it needs no web channel).

    `local_link_clicked(path)`: the user clicked a link to a local file (a relative or
    site-absolute link in the post, as the page resolved it); `core/site/links/resolve.py` finds the post."""

    scrolled = Signal(float)
    local_link_clicked = Signal(str)

    def __init__(self, profile: QWebEngineProfile, parent: QWidget | None = None,
                 remote_images: bool = True) -> None:
        super().__init__(profile, parent)
        settings = self.settings()
        settings.setAttribute(QWebEngineSettings.WebAttribute.JavascriptEnabled, False)
        settings.setAttribute(QWebEngineSettings.WebAttribute.PluginsEnabled, False)
        settings.setAttribute(QWebEngineSettings.WebAttribute.LocalContentCanAccessFileUrls, True)
        settings.setAttribute(QWebEngineSettings.WebAttribute.LocalContentCanAccessRemoteUrls, remote_images)
        settings.setAttribute(QWebEngineSettings.WebAttribute.ErrorPageEnabled, False)
        settings.setAttribute(QWebEngineSettings.WebAttribute.AutoLoadIconsForPage, False)
        # Connected first: the site's colour-scheme rules follow the page before anyone looks at it.
        self.loadFinished.connect(self._follow_scheme)

    def _follow_scheme(self, ok: bool) -> None:
        if ok:
            self.runJavaScript(scheme_script(), WORLD)

    def acceptNavigationRequest(self, url: QUrl | str, kind: QWebEnginePage.NavigationType,  # noqa: N802
                                is_main_frame: bool) -> bool:
        url = QUrl(url)
        if kind == QWebEnginePage.NavigationType.NavigationTypeLinkClicked:
            if url.scheme() in ("http", "https", "mailto"):
                QDesktopServices.openUrl(url)
            elif url.isLocalFile():
                # After this call returns: opening a post may ask about unsaved edits in a dialog.
                path = url.toLocalFile()
                QTimer.singleShot(0, self, lambda: self.local_link_clicked.emit(path))
            return False  # the preview only ever shows the post; in-page anchors scroll without navigating
        return kind == QWebEnginePage.NavigationType.NavigationTypeTyped or url.scheme() in ("data", "about")

    def javaScriptConsoleMessage(self, level: QWebEnginePage.JavaScriptConsoleMessageLevel,  # noqa: N802
                                 message: str, line: int, source: str) -> None:
        """Keep the page's console out of the terminal; nothing there is for the user."""
        if message.startswith(SCROLL_MESSAGE):
            try:
                self.scrolled.emit(float(message[len(SCROLL_MESSAGE):]))
            except ValueError:
                return
