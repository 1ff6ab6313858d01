"""The picture of the last run's preview, standing in for the page while QtWebEngine starts.

A label over the preview's whole place (`kept_render.py` says when a picture matches). It lets
clicks and the wheel through to the page below, and goes by itself after a few seconds, so a
page that never shows the post leaves no picture pretending it does.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QLabel, QWidget

LIMIT_MS = 5000


class StandIn:
    """At most one picture over `place` at a time."""

    def __init__(self, place: QWidget) -> None:
        self._place = place
        self._label: QLabel | None = None

    def shown(self) -> bool:
        return self._label is not None

    def pixmap(self) -> QPixmap | None:
        """What is shown, if anything."""
        return self._label.pixmap() if self._label is not None else None

    def show(self, image: QImage) -> None:
        """Show `image` (drawn at the place's size and scale) over the whole place."""
        self.drop()
        image.setDevicePixelRatio(self._place.devicePixelRatioF())
        label = QLabel(self._place)
        label.setPixmap(QPixmap.fromImage(image))
        label.setGeometry(self._place.rect())
        label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        label.raise_()
        label.show()
        self._label = label
        QTimer.singleShot(LIMIT_MS, label, lambda: self.drop() if self._label is label else None)

    def drop(self) -> None:
        if self._label is not None:
            label, self._label = self._label, None
            label.hide()
            label.deleteLater()
