"""Enforces `core/render/request_policy.py` on every request the preview page makes, and keeps a log of
what it refused (shown to tests, and useful when a writer asks why an image is missing)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWebEngineCore import QWebEngineUrlRequestInfo, QWebEngineUrlRequestInterceptor

from desktop_app.core.render.request_policy import request_allowed


class PreviewRequestGuard(QWebEngineUrlRequestInterceptor):
    def __init__(self, roots: tuple[Path, ...], remote_images: bool, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.roots = tuple(root.resolve() for root in roots)
        self.remote_images = remote_images
        self.blocked: list[str] = []

    def interceptRequest(self, info: QWebEngineUrlRequestInfo) -> None:  # noqa: N802 - Qt API
        url = info.requestUrl().toString()
        is_image = info.resourceType() == QWebEngineUrlRequestInfo.ResourceType.ResourceTypeImage
        if not request_allowed(url, is_image, self.roots, self.remote_images):
            info.block(True)
            self.blocked.append(url)
