"""Paints one library row: title, date, draft/published, tags and the git badges (what changed,
and whether it is staged or partly staged). An article in several languages shows them as chips
(`EN IT ES`, the open one marked); clicking one opens that translation."""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QMouseEvent, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from desktop_app.core.wording import format_date
from desktop_app.core.site.library.summaries import PostSummary, problem_label
from desktop_app.ui import metrics
from desktop_app.ui.git.badges import STAGING_WORDS, badge_colour, badges
from desktop_app.ui.library.model import GitRole, GroupHeader, HeaderRole, PostRole
from desktop_app.ui.style import palette_is_dark


class PostDelegate(QStyledItemDelegate):
    """Two lines per post, like a mail client's message list. Signal: `language_chosen(path)`."""

    language_chosen = Signal(str)

    def __init__(self, parent: QObject | None = None, open_path: Callable[[], str | None] = lambda: None) -> None:
        super().__init__(parent)
        self._open_path = open_path

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:  # noqa: N802
        if index.data(HeaderRole) is not None:
            return QSize(200, self.header_height(option.font))
        return QSize(200, self.row_height(option.font))

    @staticmethod
    def row_height(font: QFont) -> int:
        """A post's row: its title and its details line."""
        return QFontMetrics(font).height() * 2 + metrics.ROW_PADDING * 2 + 4

    @staticmethod
    def header_height(font: QFont) -> int:
        """A collection's header row."""
        return QFontMetrics(font).height() + metrics.ROW_PADDING * 2

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        header: GroupHeader | None = index.data(HeaderRole)
        if header is not None:
            self._paint_header(painter, option, header)
            return
        post: PostSummary | None = index.data(PostRole)
        if post is None:
            return
        painter.save()
        style = option.widget.style() if option.widget else None
        if style is not None:
            style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, option.widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        colours = metrics.row_colours(palette_is_dark(option.palette))
        # The selected row is a tint of the list's background (see style.py), not the palette's highlight.
        text_colour = colours.selected_text if selected else option.palette.color(QPalette.ColorRole.Text)
        muted = colours.selected_muted if selected else colours.muted
        rect = option.rect.adjusted(metrics.ROW_PADDING + 14, metrics.ROW_PADDING, -metrics.ROW_PADDING, -metrics.ROW_PADDING)
        line_height = QFontMetrics(option.font).height()

        # Status dot: amber for drafts, green for published.
        dot = colours.draft if post.draft else colours.published
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(dot)
        painter.drawEllipse(option.rect.left() + metrics.ROW_PADDING, rect.top() + line_height // 2 - 3, 7, 7)

        # What changed on the first line, whether it is staged on the second, both at the right.
        dark = palette_is_dark(option.palette)
        words = self.badge_words(index)
        staged = [word for word in words if word in STAGING_WORDS.values()]
        badge_width = staged_width = 0
        for word in (w for w in words if w not in staged):
            badge_width = self._paint_badge(painter, option, word, badge_colour(word, dark), rect, line_height)
        second_top = rect.top() + line_height + 4
        for word in staged:
            lower = QRect(rect.left(), second_top, rect.width(), line_height)
            staged_width = self._paint_badge(painter, option, word, badge_colour(word, dark), lower, line_height)

        title_font = QFont(option.font)
        title_font.setWeight(QFont.Weight.DemiBold)
        painter.setFont(title_font)
        painter.setPen(colours.error if post.error and not selected else text_colour)
        title_rect = QRect(rect.left(), rect.top(), rect.width() - badge_width - 6, line_height)
        title = QFontMetrics(title_font).elidedText(post.title, Qt.TextElideMode.ElideRight, title_rect.width())
        painter.drawText(title_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, title)

        chips = self.language_rects(option, post, second_top, line_height)
        for code, chip in chips:
            self._paint_language(painter, option, code, chip, muted, code_path(post, code) == self._open_path())
        chips_width = chips[-1][1].right() - rect.left() + 8 if chips else 0
        painter.setFont(option.font)
        painter.setPen(muted)
        state = "Section page" if post.role == "section" else "Draft" if post.draft else "Published"
        details = [format_date(post.date) if post.date else "No date", state]
        if post.error:
            details.append(problem_label(post.error))
        elif post.tags:
            details.append(" ".join(f"#{tag}" for tag in post.tags[:4]))
        second = QRect(rect.left() + chips_width, second_top,
                       rect.width() - chips_width - (staged_width + 6 if staged_width else 0), line_height)
        text = QFontMetrics(option.font).elidedText("  ·  ".join(details), Qt.TextElideMode.ElideRight, second.width())
        painter.drawText(second, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)
        painter.restore()

    def language_rects(self, option: QStyleOptionViewItem, post: PostSummary, top: int,
                       line_height: int) -> list[tuple[str, QRect]]:
        """Where each language chip of an article's row is drawn (none for one language)."""
        if len(post.translations) < 2:
            return []
        font = self._chip_font(option)
        left = option.rect.left() + metrics.ROW_PADDING + 14
        out = []
        for code, _path in post.translations:
            width = QFontMetrics(font).horizontalAdvance(code.upper()) + 10
            out.append((code, QRect(left, top + 1, width, line_height - 2)))
            left += width + 3
        return out

    def editorEvent(self, event: QEvent, model: QAbstractItemModel, option: QStyleOptionViewItem,  # noqa: N802
                    index: QModelIndex | QPersistentModelIndex) -> bool:
        """A click on a language chip opens that translation."""
        post: PostSummary | None = index.data(PostRole)
        if post is not None and post.translations and isinstance(event, QMouseEvent) \
                and event.type() == QEvent.Type.MouseButtonRelease:
            line_height = QFontMetrics(option.font).height()
            top = option.rect.top() + metrics.ROW_PADDING + line_height + 4
            for code, chip in self.language_rects(option, post, top, line_height):
                if chip.contains(event.position().toPoint()):
                    self.language_chosen.emit(code_path(post, code))
                    return True
        return super().editorEvent(event, model, option, index)

    def _chip_font(self, option: QStyleOptionViewItem) -> QFont:
        font = QFont(option.font)
        font.setPointSizeF(max(7.0, option.font.pointSizeF() * 0.8))
        font.setWeight(QFont.Weight.DemiBold)
        return font

    def _paint_language(self, painter: QPainter, option: QStyleOptionViewItem, code: str, chip: QRect,
                        colour: QColor, current: bool) -> None:
        painter.setPen(colour)
        painter.setBrush(Qt.BrushStyle.NoBrush if not current else colour.lighter(150))
        painter.drawRoundedRect(chip, 3, 3)
        painter.setFont(self._chip_font(option))
        painter.drawText(chip, Qt.AlignmentFlag.AlignCenter, code.upper())

    @staticmethod
    def badge_words(index: QModelIndex | QPersistentModelIndex) -> list[str]:
        """The badges a post row shows, e.g. ["Modified", "Partly staged"]."""
        git = index.data(GitRole)
        return badges(*git) if git else []

    def _paint_header(self, painter: QPainter, option: QStyleOptionViewItem, header: GroupHeader) -> None:
        """A collection's name and post count, small capitals on the list's background."""
        painter.save()
        font = QFont(option.font)
        font.setPointSizeF(max(7.0, option.font.pointSizeF() * 0.85))
        font.setWeight(QFont.Weight.Bold)
        font.setCapitalization(QFont.Capitalization.AllUppercase)
        font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 106)
        painter.setFont(font)
        painter.setPen(metrics.row_colours(palette_is_dark(option.palette)).muted)
        rect = option.rect.adjusted(metrics.ROW_PADDING, metrics.ROW_PADDING // 2, -metrics.ROW_PADDING, 0)
        painter.drawText(rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom,
                         f"{header.label}  ·  {header.count}")
        painter.restore()

    def _paint_badge(self, painter: QPainter, option: QStyleOptionViewItem, word: str, colour: QColor,
                     rect: QRect, line_height: int) -> int:
        font = QFont(option.font)
        font.setPointSizeF(max(7.0, option.font.pointSizeF() * 0.82))
        font.setWeight(QFont.Weight.DemiBold)
        width = QFontMetrics(font).horizontalAdvance(word) + 12
        badge = QRect(rect.right() - width, rect.top() + 1, width, line_height - 2)
        if palette_is_dark(option.palette):  # a faint tint of the colour under it
            fill = QColor(colour)
            fill.setAlpha(48)
        else:  # a pale wash of the colour
            fill = colour.lighter(190) if colour.lightness() < 128 else colour.lighter(140)
            fill.setAlpha(90)
        painter.setBrush(fill)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawRoundedRect(badge, 4, 4)
        painter.setFont(font)
        painter.setPen(colour)
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, word)
        return width


def code_path(post: PostSummary, code: str) -> str:
    """The file of the article `post` in language `code`."""
    return next((path for language, path in post.translations if language == code), post.path)
