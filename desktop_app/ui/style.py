"""The application's look: a calm light theme applied as one Qt style sheet."""

from __future__ import annotations

STYLESHEET = """
QMainWindow, QDockWidget { background: #f6f7f9; }
QSplitter::handle { background: #e4e7eb; }
QSplitter::handle:horizontal { width: 1px; }
QSplitter::handle:vertical { height: 1px; }
#library { background: #f6f7f9; }
#library QListView { background: transparent; border: none; outline: 0; }
#library QListView::item { border-radius: 8px; margin: 1px 6px 1px 0; }
#library QListView::item:hover { background: #eaedf1; }
#library QListView::item:selected { background: #dbe7fd; color: #0b1f44; }
#libraryCount { color: #656d76; font-size: 11px; padding: 0 2px; }
#library QComboBox { background: transparent; border: none; color: #424a53; font-size: 11px; padding: 1px 2px; }
#library QComboBox:hover { background: #eaedf1; border-radius: 4px; }
QLineEdit, QPlainTextEdit#commitMessage, QDateEdit, QDateTimeEdit, QDoubleSpinBox {
    background: #ffffff; border: 1px solid #d0d7de; border-radius: 6px; padding: 4px 6px;
    selection-background-color: #b6d3fc;
}
QLineEdit:focus, QPlainTextEdit#commitMessage:focus, QDateEdit:focus { border: 1px solid #4f7ef0; }
#frontMatterForm, #formScroll, #formScroll > QWidget > QWidget { background: #fbfbfc; }
#frontMatterForm QLabel { color: #424a53; }
#frontMatterForm QPlainTextEdit { background: #ffffff; border: 1px solid #d0d7de; border-radius: 6px; }
#frontMatterError { background: #ffebe9; color: #82071e; border-bottom: 1px solid #ffcecb; padding: 8px 12px; }
#frontMatterForm QLabel#fieldProblem { color: #cf222e; font-size: 11px; }
#frontMatterForm QLabel#fieldHint, #frontMatterForm QLabel#schemaSource { color: #6e7781; font-size: 11px; }
#frontMatterForm QLabel#schemaSource { padding: 0 12px 8px 12px; }
#objectField, #entryFrame { background: #f6f8fa; border: 1px solid #e4e7eb; border-radius: 6px; }
#frontMatterForm QComboBox {
    background: #ffffff; border: 1px solid #d0d7de; border-radius: 6px; padding: 3px 6px;
}
#tagChip { background: #e7eefc; color: #1f4fb8; border: none; border-radius: 10px; padding: 2px 8px; }
#tagChip:hover { background: #f9d9d9; color: #82071e; }
#imageThumbnail { background: #eef0f3; border-radius: 4px; color: #8c959f; font-size: 10px; }
QPlainTextEdit#editor { background: #ffffff; border: none; selection-background-color: #b6d3fc; }
QToolButton { border: 1px solid #d0d7de; border-radius: 6px; padding: 4px 10px; background: #ffffff; }
QToolButton:hover { background: #f3f4f6; }
QPushButton { border: 1px solid #d0d7de; border-radius: 6px; padding: 5px 14px; background: #ffffff; }
QPushButton:hover { background: #f3f4f6; }
QPushButton:disabled { color: #8c959f; background: #f6f8fa; }
QPushButton#commitButton { background: #1f883d; color: #ffffff; border-color: #1a7f37; font-weight: 600; }
QPushButton#commitButton:hover { background: #1a7f37; }
QPushButton#commitButton:disabled { background: #94d3a2; border-color: #94d3a2; }
#changesPanel QListWidget { background: #ffffff; border: 1px solid #e4e7eb; border-radius: 6px; }
#changesPanel QListWidget::item { padding: 4px; }
#diffView { background: #ffffff; border: 1px solid #e4e7eb; border-radius: 6px; }
#panelHeading { font-weight: 600; color: #24292f; }
#syncLabel { color: #656d76; }
QDockWidget::title { background: #eef0f3; padding: 4px 10px; text-align: left; }
QStatusBar { background: #eef0f3; color: #424a53; }
QStatusBar QLabel { color: #424a53; }
QProgressBar { border: 1px solid #d0d7de; border-radius: 5px; background: #ffffff; text-align: center; height: 16px; }
QProgressBar::chunk { background: #4f7ef0; border-radius: 4px; }
"""
