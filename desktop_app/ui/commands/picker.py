"""A type-to-filter list floating over the top of the window: quick open and the command palette.

The keyboard stays in the search field: Up/Down/Page Up/Page Down move through the results,
Enter takes the highlighted one, Escape (or clicking elsewhere) closes it and gives the focus
back to where it was. A child widget of the window rather than a window of its own, so it needs
no window manager and never hides behind the main window.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

import shiboken6
from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QKeyEvent, QPainter, QPalette, QTextCharFormat, QTextLayout
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QGraphicsDropShadowEffect,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.ui import metrics
from desktop_app.ui.style import palette_is_dark

RowRole = Qt.ItemDataRole.UserRole + 1
MAX_VISIBLE_ROWS = 12
WIDTH = 640


@dataclass(frozen=True)
class Row:
    """One result: its text (the letters at `positions` matched the query), a muted detail,
    the keys that run it, and what taking it means to the picker's owner."""

    text: str
    detail: str = ""
    keys: str = ""
    positions: tuple[int, ...] = ()
    enabled: bool = True
    payload: Any = None


class RowDelegate(QStyledItemDelegate):
    """Paints a row: the text with its matched letters in bold, the detail muted (beside it, or on
    a second line), the keys at the right."""

    def __init__(self, two_lines: bool, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.two_lines = two_lines

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:  # noqa: N802
        line = QFontMetrics(option.font).height()
        return QSize(200, line * (2 if self.two_lines else 1) + metrics.ROW_PADDING + (4 if self.two_lines else 0))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        row: Row | None = index.data(RowRole)
        if row is None:
            return
        painter.save()
        style = option.widget.style() if option.widget else QApplication.style()
        style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, option.widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        colours = metrics.row_colours(palette_is_dark(option.palette))
        text_colour = colours.selected_text if selected else option.palette.color(QPalette.ColorRole.Text)
        muted = colours.selected_muted if selected else colours.muted
        if not row.enabled:
            text_colour = muted
        rect = option.rect.adjusted(metrics.ROW_PADDING + 2, metrics.ROW_PADDING // 2, -metrics.ROW_PADDING - 2,
                                    -metrics.ROW_PADDING // 2)
        metrics_ = QFontMetrics(option.font)
        line = metrics_.height()
        keys_width = 0
        if row.keys:
            keys_font = QFont(option.font)
            keys_font.setPointSizeF(max(7.0, option.font.pointSizeF() * 0.92))
            painter.setFont(keys_font)
            painter.setPen(muted)
            keys_width = QFontMetrics(keys_font).horizontalAdvance(row.keys) + metrics.SPACING * 2
            painter.drawText(QRect(rect.right() - keys_width, rect.top(), keys_width, line),
                             int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), row.keys)
        width = rect.width() - keys_width
        text = metrics_.elidedText(row.text, Qt.TextElideMode.ElideRight, width)
        used = self._draw_matched(painter, option.font, text, row.positions, rect.left(), rect.top(), text_colour)
        if row.detail:
            detail_font = QFont(option.font)
            detail_font.setPointSizeF(max(7.0, option.font.pointSizeF() * 0.92))
            detail_metrics = QFontMetrics(detail_font)
            painter.setFont(detail_font)
            painter.setPen(muted)
            if self.two_lines:
                area = QRect(rect.left(), rect.top() + line + 2, rect.width(), line)
            else:
                left = rect.left() + used + metrics.SPACING * 2
                area = QRect(left, rect.top(), max(0, rect.left() + width - left), line)
            detail = detail_metrics.elidedText(row.detail, Qt.TextElideMode.ElideMiddle, area.width())
            painter.drawText(area, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), detail)
        painter.restore()

    @staticmethod
    def _draw_matched(painter: QPainter, font: QFont, text: str, positions: tuple[int, ...], x: int, y: int,
                      colour: QColor) -> int:
        """Draw `text` with the letters at `positions` in bold; returns the width used."""
        layout = QTextLayout(text, font)
        bold = QTextCharFormat()
        bold.setFontWeight(QFont.Weight.Bold)
        bold.setFontUnderline(True)
        ranges = []
        for position in positions:
            if position >= len(text):
                break
            if ranges and ranges[-1].start + ranges[-1].length == position:
                ranges[-1].length += 1
                continue
            span = QTextLayout.FormatRange()
            span.start, span.length, span.format = position, 1, bold
            ranges.append(span)
        layout.setFormats(ranges)
        layout.beginLayout()
        line = layout.createLine()
        line.setLineWidth(1_000_000)
        layout.endLayout()
        painter.setPen(colour)
        layout.draw(painter, QRect(x, y, 0, 0).topLeft())
        return int(line.naturalTextWidth())


class Picker(QFrame):
    """The floating search field and its results. `rows(query)` gives the results for a query;
    `chosen` carries the row taken (after the picker closed and the focus went back)."""

    chosen = Signal(object)  # the Row taken

    def __init__(self, host: QWidget, name: str, placeholder: str, rows: Callable[[str], list[Row]],
                 two_lines: bool = False) -> None:
        super().__init__(host)
        self.setObjectName(name)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self._rows = rows
        self._return_to: QWidget | None = None
        self.home: QWidget | None = None  # where the keyboard goes when it came from nowhere
        self._shown: list[Row] = []
        self.field = QLineEdit(placeholderText=placeholder)
        self.field.setObjectName(f"{name}Field")
        self.field.setClearButtonEnabled(True)
        self.field.textChanged.connect(self.refresh)
        self.field.installEventFilter(self)
        self.list = QListWidget()
        self.list.setObjectName(f"{name}List")
        self.list.setItemDelegate(RowDelegate(two_lines, self.list))
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keyboard stays in the field
        self.list.setUniformItemSizes(True)
        self.list.setFrameShape(QFrame.Shape.NoFrame)
        self.list.itemClicked.connect(lambda item: self._take(item.data(RowRole)))
        self.empty_text = "No matches"
        layout = QVBoxLayout(self)
        layout.setContentsMargins(metrics.SPACING, metrics.SPACING, metrics.SPACING, metrics.SPACING)
        layout.setSpacing(metrics.SPACING)
        layout.addWidget(self.field)
        layout.addWidget(self.list)
        shadow = QGraphicsDropShadowEffect(self)
        shadow.setBlurRadius(24)
        shadow.setOffset(0, 4)
        shadow.setColor(QColor(0, 0, 0, 90))
        self.setGraphicsEffect(shadow)
        self.hide()
        host.installEventFilter(self)  # follow the window's size
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)

    # --- opening and closing ------------------------------------------------------------------

    def open(self, query: str = "") -> None:
        """Show the picker with `query` typed (selected, so typing replaces it)."""
        focused = QApplication.focusWidget()
        if not self.isVisible():
            self._return_to = focused if focused is not None and not self.isAncestorOf(focused) else None
        self.field.blockSignals(True)
        self.field.setText(query)
        self.field.blockSignals(False)
        self.field.selectAll()
        self.refresh()
        self.show()
        self.raise_()
        self._place()
        self.field.setFocus(Qt.FocusReason.PopupFocusReason)

    def close_picker(self, give_back_focus: bool = True) -> None:
        """Hide; the keyboard goes back where it was (or to `home`, the editor) first: hiding the
        field that has it would hand it to the next widget in tab order, the form's title, with
        its text selected for the next key to replace."""
        if not self.isVisible():
            return
        candidates, self._return_to = (self._return_to, self.home), None
        target = next((widget for widget in candidates
                       if widget is not None and shiboken6.isValid(widget) and widget.isVisible()), None)
        if give_back_focus and target is not None:
            target.setFocus(Qt.FocusReason.PopupFocusReason)
        elif self.field.hasFocus():
            self.field.clearFocus()
        self.hide()

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        """Clicking or tabbing elsewhere in the window closes the picker (as a menu closes)."""
        if self.isVisible() and new is not None and new is not self and not self.isAncestorOf(new):
            self.close_picker(give_back_focus=False)

    # --- results --------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Ask for the rows matching the field's text and show them, the first one highlighted."""
        rows = self._rows(self.field.text())
        self._shown = rows
        self.list.clear()
        for row in rows:
            item = QListWidgetItem()
            item.setData(RowRole, row)
            item.setData(Qt.ItemDataRole.DisplayRole, row.text)  # for accessibility and tests
            item.setData(Qt.ItemDataRole.ToolTipRole, row.detail or None)
            if not row.enabled:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            self.list.addItem(item)
        if not rows:
            item = QListWidgetItem()
            item.setData(RowRole, Row(self.empty_text, enabled=False))
            item.setData(Qt.ItemDataRole.DisplayRole, self.empty_text)
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.list.addItem(item)
        first = next((i for i, row in enumerate(rows) if row.enabled), 0 if rows else -1)
        self.list.setCurrentRow(first)
        self._place()

    def rows(self) -> list[Row]:
        """The rows shown now (not the "No matches" line)."""
        return list(self._shown)

    def current(self) -> Row | None:
        item = self.list.currentItem()
        return item.data(RowRole) if item is not None and item.flags() != Qt.ItemFlag.NoItemFlags else None

    def _take(self, row: Row | None) -> None:
        if row is None or not row.enabled:
            return
        self.close_picker()
        self.chosen.emit(row)

    # --- keys -----------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.parent() and event.type() == QEvent.Type.Resize and self.isVisible():
            self._place()
            return False
        if watched is not self.field or event.type() not in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride):
            return False
        assert isinstance(event, QKeyEvent)
        move = self._movement(event)
        if move is None:
            return False
        if event.type() == QEvent.Type.ShortcutOverride:
            event.accept()  # the key is ours here, not a window shortcut's
        else:
            move()
        return True

    def _movement(self, event: QKeyEvent) -> Callable[[], object] | None:
        key = event.key()
        if event.modifiers() & ~(Qt.KeyboardModifier.KeypadModifier | Qt.KeyboardModifier.ShiftModifier):
            return None
        page = max(1, self.list.viewport().height() // max(1, self.list.sizeHintForRow(0)) - 1)
        steps = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_PageDown: page, Qt.Key.Key_PageUp: -page}
        if key in steps:
            return lambda: self._step(steps[key])
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return lambda: self._take(self.current())
        if key == Qt.Key.Key_Escape:
            return self.close_picker
        return None

    def _step(self, step: int) -> None:
        count = self.list.count()
        if count == 0:
            return
        row = self.list.currentRow()
        target = max(0, min(count - 1, row + step)) if abs(step) > 1 else (row + step) % count
        self.list.setCurrentRow(target)
        self.list.scrollToItem(self.list.item(target))

    # --- geometry -------------------------------------------------------------------------------

    def _place(self) -> None:
        """Centred near the top of the window, as wide as fits, tall enough for the rows shown."""
        host = self.parentWidget()
        if host is None:
            return
        width = min(WIDTH, host.width() - 2 * metrics.MARGIN)
        rows = min(MAX_VISIBLE_ROWS, max(1, self.list.count()))
        row_height = self.list.sizeHintForRow(0) if self.list.count() else 24
        list_height = rows * row_height + 2 * self.list.frameWidth() + 2
        self.list.setFixedHeight(list_height)
        layout = self.layout()
        margins = layout.contentsMargins()
        height = self.field.sizeHint().height() + layout.spacing() + list_height + margins.top() + margins.bottom()
        top = metrics.MARGIN * 3
        menu_bar = host.menuBar() if isinstance(host, QMainWindow) else None
        if menu_bar is not None and menu_bar.isVisible():
            top += menu_bar.height()
        height = min(height, max(120, host.height() - top - metrics.MARGIN))
        self.setGeometry((host.width() - width) // 2, top, width, height)
