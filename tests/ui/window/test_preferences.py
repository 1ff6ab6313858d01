"""Edit → Preferences: every setting has an editor; OK applies at once and is kept for the next start."""

from __future__ import annotations

import json
from dataclasses import fields
from typing import Any, Iterator

import pytest
from PySide6.QtCore import QBuffer, QIODevice, Qt
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QCheckBox, QComboBox, QDialogButtonBox, QLineEdit, QPlainTextEdit, QSpinBox

from desktop_app.core.paths import default_paths
from desktop_app.core.settings import Settings
from tests.helpers.image_server import ImageServer
from tests.ui.test_theme import css_lightness, script_value, wait_scheme


def open_preferences(qtbot: Any, desk: Any) -> Any:
    desk.actions.preferences.trigger()
    dialog = desk.preferences_dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def press(qtbot: Any, dialog: Any, button: QDialogButtonBox.StandardButton) -> None:
    qtbot.mouseClick(dialog.buttons.button(button), Qt.MouseButton.LeftButton)


def saved() -> dict[str, Any]:
    return json.loads(default_paths().settings_file.read_text(encoding="utf-8"))


def test_edit_menu_offers_preferences_with_a_shortcut(qtbot, desk) -> None:
    edit_menu = next(a.menu() for a in desk.menuBar().actions() if a.text() == "&Edit")
    assert desk.actions.preferences in edit_menu.actions()
    assert not desk.actions.preferences.shortcut().isEmpty()


def test_every_setting_has_an_editor_showing_its_value(qtbot, desk) -> None:
    dialog = open_preferences(qtbot, desk)
    kinds = {"theme": QComboBox, "editor_font_size": QSpinBox, "preview_delay_ms": QSpinBox,
             "wrap_lines": QCheckBox, "remote_images": QCheckBox, "author": QLineEdit}
    assert set(dialog.editors) == {spec.name for spec in fields(Settings)}
    for name, kind in kinds.items():
        assert isinstance(dialog.editors[name].widget, kind), name
    theme = dialog.editors["theme"].widget
    assert [theme.itemData(i) for i in range(theme.count())] == ["light", "dark", "system"]
    assert theme.currentData() == "system"
    assert dialog.editors["editor_font_size"].widget.value() == desk.context.workspace.settings.editor_font_size
    press(qtbot, dialog, QDialogButtonBox.StandardButton.Cancel)


def test_choosing_dark_restyles_the_window_and_preview_and_is_saved(qtbot, desk) -> None:
    qtbot.waitUntil(lambda: desk.preview.last is not None, timeout=15000)
    dialog = open_preferences(qtbot, desk)
    theme = dialog.editors["theme"].widget
    theme.setCurrentIndex(theme.findData("dark"))
    press(qtbot, dialog, QDialogButtonBox.StandardButton.Ok)
    assert desk.palette().color(QPalette.ColorRole.Window).lightness() < 60
    assert desk.editor_pane.editor.highlighter.dark
    wait_scheme(qtbot, desk, "dark")
    code = script_value(desk, "(function(){var c=document.querySelector('#postdesk-body .codehilite');"
                              "return c?getComputedStyle(c).backgroundColor:null;})()")
    qtbot.waitUntil(lambda: 0 <= css_lightness(code()) < 60, timeout=15000)
    assert saved()["theme"] == "dark"


def test_editor_font_wrap_and_preview_delay_apply_at_once_and_are_saved(qtbot, desk) -> None:
    dialog = open_preferences(qtbot, desk)
    dialog.editors["editor_font_size"].widget.setValue(17)
    dialog.editors["wrap_lines"].widget.setChecked(False)
    dialog.editors["preview_delay_ms"].widget.setValue(450)
    dialog.editors["author"].widget.setText("Ann Writer")
    press(qtbot, dialog, QDialogButtonBox.StandardButton.Ok)
    editor = desk.editor_pane.editor
    assert editor.font().pointSize() == 17
    assert editor.lineWrapMode() == QPlainTextEdit.LineWrapMode.NoWrap
    assert desk.preview.timer.interval() == 450
    on_disk = saved()
    assert (on_disk["editor_font_size"], on_disk["wrap_lines"], on_disk["preview_delay_ms"], on_disk["author"]) \
        == (17, False, 450, "Ann Writer")


def test_cancel_changes_nothing(qtbot, desk) -> None:
    size = desk.editor_pane.editor.font().pointSize()
    dialog = open_preferences(qtbot, desk)
    dialog.editors["editor_font_size"].widget.setValue(size + 6)
    dialog.editors["theme"].widget.setCurrentIndex(dialog.editors["theme"].widget.findData("dark"))
    press(qtbot, dialog, QDialogButtonBox.StandardButton.Cancel)
    assert desk.editor_pane.editor.font().pointSize() == size
    assert desk.palette().color(QPalette.ColorRole.Window).lightness() > 200
    assert not default_paths().settings_file.exists()


def test_restore_defaults_puts_back_every_default(qtbot, desk) -> None:
    dialog = open_preferences(qtbot, desk)
    dialog.editors["editor_font_size"].widget.setValue(30)
    dialog.editors["remote_images"].widget.setChecked(False)
    press(qtbot, dialog, QDialogButtonBox.StandardButton.RestoreDefaults)
    assert dialog.chosen() == Settings()
    press(qtbot, dialog, QDialogButtonBox.StandardButton.Cancel)


@pytest.fixture
def picture_server() -> Iterator[tuple[str, list[str]]]:
    """A web server on loopback serving one PNG, and the paths it was asked for (no network needed)."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    picture = QImage(6, 4, QImage.Format.Format_RGB32)
    picture.fill(QColor("teal"))
    picture.save(buffer, "PNG")
    server = ImageServer(bytes(buffer.data()))
    yield server.base, server.asked
    server.close()


def show_remote_picture(qtbot: Any, desk: Any, url: str) -> int:
    """Open a post showing `url` and return the picture's drawn width once the page settled on it."""
    relative = f"posts/remote-{url.rsplit('/', 1)[-1]}.md"  # a post of its own for each picture
    (desk.sample.root / relative).write_text(f"---\ntitle: Remote\n---\n\n![from the web]({url})\n",
                                             encoding="utf-8")
    assert desk.controller.open_post(relative)
    width = script_value(desk, "(function(){var i=document.querySelector('#postdesk-body img');"
                               f"return i&&i.src==={json.dumps(url)}&&i.complete?String(i.naturalWidth):null;}})()")
    qtbot.waitUntil(lambda: bool(width()), timeout=15000)
    return int(width())


def test_unchecking_remote_images_refuses_them_at_once(qtbot, desk, picture_server) -> None:
    site, asked = picture_server
    assert show_remote_picture(qtbot, desk, f"{site}/before.png") == 6  # allowed: the probe sees a picture
    assert asked == ["/before.png"]
    dialog = open_preferences(qtbot, desk)
    dialog.editors["remote_images"].widget.setChecked(False)
    press(qtbot, dialog, QDialogButtonBox.StandardButton.Ok)
    assert desk.preview.guard.remote_images is False
    assert saved()["remote_images"] is False
    assert show_remote_picture(qtbot, desk, f"{site}/after.png") == 0  # refused: nothing drawn
    assert asked == ["/before.png"]  # and the server was never asked
