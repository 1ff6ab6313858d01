"""Print standalone post pages to PDF outside the app (`postdesk render --pdf`): one QtWebEngine
start for any number of posts, each printed from a page of its own, one after another, the way
File → Export as PDF prints: a `PreviewPage` on an off-the-record profile whose request guard
lets a post load nothing outside its repository. Chromium prints in the light colour scheme, so
a site's `prefers-color-scheme: dark` CSS never darkens a PDF, whatever the desktop's theme."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

import shiboken6
from PySide6.QtCore import QByteArray, QEventLoop, QMessageLogContext, QTimer, QtMsgType, QUrl, qInstallMessageHandler
from PySide6.QtWebEngineCore import QWebEngineProfile
from PySide6.QtWidgets import QApplication

from desktop_app.core.errors import PostdeskError
from desktop_app.core.resources import resource_path
from desktop_app.ui.preview.interceptor import PreviewRequestGuard
from desktop_app.ui.preview.page import PreviewPage
from desktop_app.ui.qt_environment import prepare_qt_environment

# Chromium's own log lines (no D-Bus on a server …) say nothing to a writer.
CHROMIUM_FLAGS = ("--log-level=3",)
# What QtWebEngine says on a machine without a GPU while it falls back to software rendering;
# the PDF is fine, so these would only alarm. Anything else Qt says still reaches stderr.
HARMLESS_QT_MESSAGES = (
    "QRhiGles2: Failed to create", "Failed to create RHI for backend", "GPUInfo not initialized",
    "This plugin does not support createPlatformVulkanInstance", "QVulkanInstance", "GBM is not supported",
)
PAGE_TIMEOUT_MS = 60_000  # a remote image that never answers must not hang a batch


@dataclass(frozen=True)
class PrintJob:
    """One post's standalone page (`standalone_page` in `core/render/page.py`), the post file (relative images
    resolve from its folder), and the only local folders the page may load from."""

    html: str
    post: Path
    roots: tuple[Path, ...]


class PdfPrinter:
    """`with PdfPrinter(remote_images) as printer: data = printer.print_pdf(job)`.

    Entering starts Qt (offscreen without a display) unless a QApplication already runs."""

    def __init__(self, remote_images: bool) -> None:
        self.remote_images = remote_images

    def __enter__(self) -> PdfPrinter:
        prepare_qt_environment(CHROMIUM_FLAGS)
        self._previous_handler = qInstallMessageHandler(_quiet_qt_messages)
        self._app = QApplication.instance() or QApplication(sys.argv[:1] or ["postdesk"])
        self._profile = QWebEngineProfile()  # no storage name: off the record, nothing written to disk
        self.guard = PreviewRequestGuard((), self.remote_images, self._profile)
        self._profile.setUrlRequestInterceptor(self.guard)
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        shiboken6.delete(self._profile)  # each page was deleted after printing; the guard is its child
        qInstallMessageHandler(self._previous_handler)

    def print_pdf(self, job: PrintJob) -> bytes:
        """The PDF of `job`'s page (A4, as Export as PDF prints it); PostdeskError says why not."""
        self.guard.roots = tuple(root.resolve() for root in (*job.roots, resource_path("preview")))
        page = PreviewPage(self._profile, None, self.remote_images)
        loop = QEventLoop()
        outcome: list[bytes | str] = []

        def finish(result: bytes | str) -> None:
            if not outcome:
                outcome.append(result)
            loop.quit()

        def printed(data: QByteArray) -> None:
            finish(data.data() if not data.isEmpty() else "QtWebEngine could not print the page")

        page.loadFinished.connect(lambda ok: page.printToPdf(printed) if ok else finish("the page did not load"))
        timer = QTimer(singleShot=True, interval=PAGE_TIMEOUT_MS)
        timer.timeout.connect(lambda: finish(f"it took longer than {PAGE_TIMEOUT_MS // 1000} s"))
        timer.start()
        page.setHtml(job.html, QUrl.fromLocalFile(str(job.post.parent) + "/"))
        if not outcome:
            loop.exec()
        timer.stop()
        shiboken6.delete(page)
        if isinstance(outcome[0], str):
            raise PostdeskError(f"Could not print {job.post.name} to PDF: {outcome[0]}.")
        return bytes(outcome[0])


def _quiet_qt_messages(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    if not message.startswith(HARMLESS_QT_MESSAGES):
        print(message, file=sys.stderr)
