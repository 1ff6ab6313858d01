"""UI tests leave the application looking as they found it: a test that turns the theme dark
must not make a later test's widgets dark."""

from __future__ import annotations

from typing import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication


@pytest.fixture(autouse=True)
def restore_application_look() -> Iterator[None]:
    app = QApplication.instance()
    # Before the first test creates the application, its look is Qt's default: no sheet, no palette.
    before = (app.palette(), app.styleSheet()) if isinstance(app, QApplication) else (QPalette(), "")
    yield
    app = QApplication.instance()
    if isinstance(app, QApplication) and (app.styleSheet(), app.palette()) != (before[1], before[0]):
        # Restyling visits every widget: let the test's closed windows go first.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        app.setPalette(before[0])
        app.setStyleSheet(before[1])
