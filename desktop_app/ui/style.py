"""The application's look: a calm light and a calm dark theme, each one Qt style sheet and palette.

Both sheets come from one template filled with a theme's colours, so they can never drift apart
in structure. The palette covers what the sheet does not (menus, scroll bars, dialogs, check
boxes), and `palette_is_dark` lets painting code (delegates, highlighters) pick matching colours.
"""

from __future__ import annotations

from string import Template

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from desktop_app.core.resources import resource_path

LIGHT: dict[str, str] = {
    "window": "#f6f7f9", "text": "#1f2328", "soft_text": "#424a53", "heading": "#24292f",
    "muted": "#656d76", "hint": "#6e7781", "line": "#e4e7eb", "hover": "#eaedf1",
    "selected": "#dbe7fd", "selected_text": "#0b1f44", "base": "#ffffff", "border": "#d0d7de",
    "selection": "#b6d3fc", "focus": "#4f7ef0", "form": "#fbfbfc", "raised": "#f6f8fa",
    "error_bg": "#ffebe9", "error_text": "#82071e", "error_border": "#ffcecb", "problem": "#cf222e",
    "chip": "#e7eefc", "chip_text": "#1f4fb8", "chip_hover": "#f9d9d9", "thumb": "#eef0f3",
    "thumb_text": "#8c959f", "button": "#ffffff", "button_hover": "#f3f4f6", "disabled_text": "#8c959f",
    "disabled": "#f6f8fa", "commit": "#1f883d", "commit_hover": "#1a7f37", "commit_disabled": "#94d3a2",
    "commit_disabled_text": "#ffffff", "bar": "#eef0f3", "unsaved": "#bc4c00",
    "highlight": "#2f6fde", "highlight_text": "#ffffff", "link": "#0969da", "shadow": "#8c959f",
    "check_border": "#8c959f", "warn_bg": "#fff8c5", "warn_text": "#4d2d00", "warn_border": "#eed888",
    "info_bg": "#ddf4ff", "info_text": "#0a3069", "info_border": "#b6e3ff",
}
DARK: dict[str, str] = {
    "window": "#1b1e23", "text": "#d6dbe1", "soft_text": "#b1bac4", "heading": "#e6edf3",
    "muted": "#8b949e", "hint": "#8b949e", "line": "#2d323a", "hover": "#262a31",
    "selected": "#243a5e", "selected_text": "#e6edf3", "base": "#16191e", "border": "#3a414b",
    "selection": "#264f78", "focus": "#5b8def", "form": "#1e2127", "raised": "#20242a",
    "error_bg": "#3d1a1e", "error_text": "#ffb3ad", "error_border": "#6e2b31", "problem": "#ff7b72",
    "chip": "#1d3050", "chip_text": "#9cc3ff", "chip_hover": "#4a1f24", "thumb": "#262a31",
    "thumb_text": "#7d8590", "button": "#23272e", "button_hover": "#2c313a", "disabled_text": "#6e7681",
    "disabled": "#1d2025", "commit": "#238636", "commit_hover": "#2ea043", "commit_disabled": "#1f3b29",
    "commit_disabled_text": "#7d8f82", "bar": "#202328", "unsaved": "#f0883e",
    "highlight": "#2f5fb3", "highlight_text": "#ffffff", "link": "#6cb6ff", "shadow": "#000000",
    "check_border": "#5f6875", "warn_bg": "#3b2e10", "warn_text": "#f2cc60", "warn_border": "#6b5217",
    "info_bg": "#132a45", "info_text": "#a5d6ff", "info_border": "#1f4b7a",
}

_TEMPLATE = Template("""
QMainWindow, QDockWidget { background: $window; }
QSplitter::handle { background: $line; }
QSplitter::handle:horizontal { width: 1px; }
QSplitter::handle:vertical { height: 1px; }
#library { background: $window; }
#library QTableView { background: $window; border: none; outline: 0; selection-background-color: transparent; }
#library QTableView::item { border-radius: 8px; margin: 1px 6px 1px 0; }
#library QTableView::item:hover { background: $hover; }
#library QTableView::item:selected { background: $selected; color: $selected_text; }
#libraryCount { color: $muted; font-size: 11px; padding: 0 2px; }
#library QComboBox { background: transparent; border: none; color: $soft_text; font-size: 11px; padding: 1px 2px; }
#library QComboBox:hover { background: $hover; border-radius: 4px; }
QLineEdit, QPlainTextEdit#commitMessage, QDateEdit, QDateTimeEdit, QDoubleSpinBox, QSpinBox {
    background: $base; color: $text; border: 1px solid $border; border-radius: 6px; padding: 4px 6px;
    selection-background-color: $selection; selection-color: $text;
}
QLineEdit:focus, QPlainTextEdit#commitMessage:focus, QDateEdit:focus, QSpinBox:focus { border: 1px solid $focus; }
QSpinBox, QDoubleSpinBox, QDateEdit, QDateTimeEdit { padding-right: 22px; }
QSpinBox::up-button, QDoubleSpinBox::up-button, QDateEdit::up-button, QDateTimeEdit::up-button,
QSpinBox::down-button, QDoubleSpinBox::down-button, QDateEdit::down-button, QDateTimeEdit::down-button {
    subcontrol-origin: border; width: 20px; border: none; background: transparent;
}
QSpinBox::up-button, QDoubleSpinBox::up-button, QDateEdit::up-button, QDateTimeEdit::up-button {
    subcontrol-position: top right; margin-top: 3px;
}
QSpinBox::down-button, QDoubleSpinBox::down-button, QDateEdit::down-button, QDateTimeEdit::down-button {
    subcontrol-position: bottom right; margin-bottom: 3px;
}
QSpinBox::up-arrow, QDoubleSpinBox::up-arrow, QDateEdit::up-arrow, QDateTimeEdit::up-arrow {
    image: url($icons/arrow-up.svg); width: 10px; height: 6px;
}
QSpinBox::down-arrow, QDoubleSpinBox::down-arrow, QDateEdit::down-arrow, QDateTimeEdit::down-arrow {
    image: url($icons/arrow-down.svg); width: 10px; height: 6px;
}
QDateEdit::drop-down, QDateTimeEdit::drop-down {
    subcontrol-origin: border; subcontrol-position: center right; width: 22px; border: none; background: transparent;
}
QCheckBox::indicator { width: 14px; height: 14px; border: 1px solid $check_border; border-radius: 4px; background: $base; }
QCheckBox::indicator:hover { border-color: $focus; }
QCheckBox::indicator:checked { background: $focus; border-color: $focus; image: url($icons/check.svg); }
QCheckBox::indicator:disabled { background: $disabled; border-color: $border; }
QDialogButtonBox { dialogbuttonbox-buttons-have-icons: 0; }
#frontMatterForm, #formScroll, #formScroll > QWidget > QWidget { background: $form; }
#frontMatterForm QLabel { color: $soft_text; }
#frontMatterForm QPlainTextEdit { background: $base; color: $text; border: 1px solid $border; border-radius: 6px; }
#message-warning { background: $warn_bg; color: $warn_text; border-bottom: 1px solid $warn_border; }
#message-warning QLabel { color: $warn_text; }
#message-info { background: $info_bg; color: $info_text; border-bottom: 1px solid $info_border; }
#message-info QLabel { color: $info_text; }
#message-error { background: $error_bg; color: $error_text; border-bottom: 1px solid $error_border; }
#message-error QLabel { color: $error_text; }
#frontMatterError { background: $error_bg; color: $error_text; border-bottom: 1px solid $error_border; padding: 8px 12px; }
#frontMatterForm QLabel#fieldProblem { color: $problem; font-size: 11px; }
#frontMatterForm QLabel#fieldHint, #frontMatterForm QLabel#schemaSource { color: $hint; font-size: 11px; }
#frontMatterForm QLabel#schemaSource { padding: 0 12px 8px 12px; }
#objectField, #entryFrame { background: $raised; border: 1px solid $line; border-radius: 6px; }
QComboBox { background: $base; color: $text; border: 1px solid $border; border-radius: 6px; padding: 3px 6px; }
QComboBox::drop-down { subcontrol-origin: padding; subcontrol-position: center right; width: 18px; border: none; }
QComboBox::down-arrow { image: url($icons/arrow-down.svg); width: 10px; height: 6px; }
#tagChip { background: $chip; color: $chip_text; border: none; border-radius: 10px; padding: 2px 8px; }
#tagChip:hover { background: $chip_hover; color: $error_text; }
#imageThumbnail { background: $thumb; border-radius: 4px; color: $thumb_text; font-size: 10px; }
QPlainTextEdit#editor {
    background: $base; color: $text; border: none; selection-background-color: $selection; selection-color: $text;
}
QToolButton { border: 1px solid $border; border-radius: 6px; padding: 4px 10px; background: $button; color: $text; }
QToolButton:hover { background: $button_hover; }
QPushButton { border: 1px solid $border; border-radius: 6px; padding: 5px 14px; background: $button; color: $text; }
QPushButton:hover { background: $button_hover; }
QPushButton:default { border: 1px solid $focus; }
QPushButton:disabled { color: $disabled_text; background: $disabled; }
QPushButton#commitButton { background: $commit; color: #ffffff; border-color: $commit_hover; font-weight: 600; }
QPushButton#commitButton:hover { background: $commit_hover; }
QPushButton#commitButton:disabled { background: $commit_disabled; border-color: $commit_disabled; color: $commit_disabled_text; }
#changesPanel QListWidget { background: $base; border: 1px solid $line; border-radius: 6px; }
#changesPanel QListWidget::item { padding: 4px; }
#diffView { background: $base; color: $text; border: 1px solid $line; border-radius: 6px; }
#panelHeading { font-weight: 600; color: $heading; }
#syncLabel { color: $muted; }
QDockWidget { color: $soft_text; }
QDockWidget::title { background: $bar; padding: 4px 10px; text-align: left; }
QStatusBar { background: $bar; color: $soft_text; }
QStatusBar QLabel { color: $soft_text; }
QStatusBar QLabel#saveState { color: $muted; }
QStatusBar QLabel#saveState[modified="true"] { color: $unsaved; font-weight: 600; }
QProgressBar { border: 1px solid $border; border-radius: 5px; background: $base; color: $text; text-align: center; height: 16px; }
QProgressBar::chunk { background: $focus; border-radius: 4px; }
#preferencesHint { color: $hint; font-size: 11px; }
#quickOpen, #commandPalette { background: $base; border: 1px solid $border; border-radius: 8px; }
#quickOpenList, #commandPaletteList { background: transparent; border: none; outline: 0; }
#quickOpenList::item, #commandPaletteList::item { border-radius: 6px; }
#quickOpenList::item:hover, #commandPaletteList::item:hover { background: $hover; }
#quickOpenList::item:selected, #commandPaletteList::item:selected { background: $selected; color: $selected_text; }
#formHeader { background: $form; border-bottom: 1px solid $line; }
#formHeader #headerTitle { color: $heading; font-weight: 600; }
#formHeader #headerDetails { color: $muted; }
#formHeader #headerProblem { color: $problem; }
#formHeader #headerHints { color: $muted; }
#formHeader QToolButton#detailsButton { border: none; background: transparent; color: $soft_text; padding: 2px 8px; }
#formHeader QToolButton#detailsButton:hover, #formHeader QToolButton#detailsButton:checked { background: $hover; }
QStatusBar QToolButton#changesBadge {
    border: none; border-radius: 9px; padding: 1px 10px; background: $chip; color: $chip_text; font-weight: 600;
}
QStatusBar QToolButton#changesBadge:hover { background: $selected; }
#modeSwitch QToolButton { border: 1px solid $border; border-radius: 0; background: $button; color: $soft_text; padding: 1px 12px; }
#modeSwitch QToolButton#writeModeButton { border-top-left-radius: 9px; border-bottom-left-radius: 9px; border-right: none; }
#modeSwitch QToolButton#reviewModeButton { border-top-right-radius: 9px; border-bottom-right-radius: 9px; }
#modeSwitch QToolButton:hover { background: $button_hover; }
#modeSwitch QToolButton:checked { background: $selected; color: $selected_text; font-weight: 600; }
#writingHints { background: $warn_bg; border: 1px solid $warn_border; border-radius: 6px; margin: 4px 12px 8px 12px; }
#writingHints QLabel { color: $warn_text; font-size: 11px; }
#writingHints QLabel#writingHintsHeading { font-weight: 600; font-size: 12px; }
#postLinkPicker { background: $base; border: 1px solid $border; border-radius: 6px; }
#postLinkPicker QListWidget { border: none; background: $base; color: $text; }
#postLinkPicker QListWidget::item { padding: 3px 6px; border-radius: 4px; }
#postLinkPicker QListWidget::item:selected { background: $selected; color: $selected_text; }
#postLinkFooter { color: $muted; font-size: 11px; padding: 0 4px; }
""")


def stylesheet(dark: bool) -> str:
    """The whole application's style sheet in the light or dark theme."""
    icons = resource_path("icons").as_posix()  # arrows and the check mark read on either theme
    return _TEMPLATE.substitute(DARK if dark else LIGHT, icons=icons)


def palette(dark: bool) -> QPalette:
    """A palette matching the sheet, for everything it does not style (menus, scroll bars, dialogs)."""
    c = DARK if dark else LIGHT
    pal = QPalette()
    role, group = QPalette.ColorRole, QPalette.ColorGroup
    for r, key in ((role.Window, "window"), (role.WindowText, "text"), (role.Base, "base"),
                   (role.AlternateBase, "raised"), (role.Text, "text"), (role.Button, "button"),
                   (role.ButtonText, "text"), (role.ToolTipBase, "base"), (role.ToolTipText, "text"),
                   (role.PlaceholderText, "disabled_text"), (role.Highlight, "highlight"),
                   (role.HighlightedText, "highlight_text"), (role.Link, "link"), (role.LinkVisited, "link"),
                   (role.Light, "button_hover"), (role.Midlight, "hover"), (role.Mid, "border"),
                   (role.Dark, "border"), (role.Shadow, "shadow")):
        pal.setColor(r, QColor(c[key]))
    pal.setColor(role.BrightText, QColor("#ffffff"))
    for r in (role.WindowText, role.Text, role.ButtonText):
        pal.setColor(group.Disabled, r, QColor(c["disabled_text"]))
    return pal


def palette_is_dark(pal: QPalette) -> bool:
    """Whether widgets painted with `pal` sit on a dark background (their text is light)."""
    return pal.color(QPalette.ColorRole.WindowText).lightness() > 128


def system_is_dark() -> bool:
    """The system's colour scheme; an unknown one (no desktop settings to read) counts as light."""
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


def resolve_dark(theme: str) -> bool:
    """Whether a theme setting means dark now: "dark", or "system" on a dark system."""
    if theme == "dark":
        return True
    if theme == "light":
        return False
    return system_is_dark()  # "system", and anything unknown


def apply_theme(app: QApplication, dark: bool) -> None:
    """Restyle the running application; every open window and dialog follows at once."""
    app.setPalette(palette(dark))
    app.setStyleSheet(stylesheet(dark))
