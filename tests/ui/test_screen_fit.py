"""Dialogs open no larger than the screen: every button of the History and recovery dialogs is on
a 1280×720 laptop screen (a fixed 1180×760 put the History's buttons off it)."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize

from desktop_app.ui.metrics import fitted_size
from desktop_app.ui.review.history_panel import HistoryDialog


def test_a_preferred_size_shrinks_to_a_small_screen_and_stays_on_a_large_one() -> None:
    laptop = QRect(0, 27, 1280, 693)  # 1280×720 under a desktop's top bar
    size = fitted_size(QSize(1180, 760), laptop)
    assert size.width() <= 1180 and size.height() <= 693 - 40  # room for the frame and title bar
    assert fitted_size(QSize(1180, 760), QRect(0, 0, 2560, 1440)) == QSize(1180, 760)


def test_the_history_dialog_and_its_buttons_fit_the_screen(qtbot, desk) -> None:
    assert desk.controller.open_post("posts/caching-unsung-hero.md")
    desk.history_action.trigger()
    dialog = desk.findChild(HistoryDialog)
    qtbot.waitExposed(dialog)
    screen = dialog.screen().availableGeometry()  # 800×800 offscreen: smaller than the old fixed size
    assert dialog.width() <= screen.width() and dialog.height() <= screen.height()
    for button in (dialog.panel.restore_button, *dialog.findChildren(type(dialog.panel.restore_button))):
        if button.isVisible():
            corner = button.mapToGlobal(button.rect().bottomRight())
            assert screen.contains(corner), f"{button.text()!r} is off the screen at {corner}"
    dialog.close()
