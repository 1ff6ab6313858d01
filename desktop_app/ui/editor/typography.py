"""How the editor's text is set: the font (fixed-pitch or a proportional prose font), the line
height, and a comfortable measure (about 70 characters, centred) however wide the window.

QPlainTextEdit's layout ignores a block's line height, so `SpacedLayout` moves each line of a
block down after Qt laid it out, and reports the taller block. Qt asks a block's size before
it paints it, hit-tests it or places the caret in it, so the lines are always moved first.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QFont, QFontDatabase, QFontMetricsF, QTextBlock, QTextDocument
from PySide6.QtWidgets import QPlainTextDocumentLayout

MONO, PROSE = "mono", "prose"  # the keys of core.settings.EDITOR_FONTS
# A line of ordinary English: the measure is counted in its average character.
_SAMPLE = "The quick brown fox jumps over the lazy dog, and writes a sentence or two. "


@dataclass(frozen=True)
class Typography:
    """What the settings ask of the editor's text."""

    font: str = PROSE
    size: float = 12.0  # points, zoom included
    line_height: int = 140  # per cent of the font size, as CSS's line-height
    measure: int = 70  # characters per line at most; 0 for the editor's full width


def editor_font(kind: str, points: float) -> QFont:
    """The system's fixed-pitch font, or its general (proportional) font, at `points`."""
    fixed = kind != PROSE
    kind_of_font = QFontDatabase.SystemFont.FixedFont if fixed else QFontDatabase.SystemFont.GeneralFont
    font = QFontDatabase.systemFont(kind_of_font)
    font.setPointSizeF(points)
    font.setStyleHint(QFont.StyleHint.Monospace if fixed else QFont.StyleHint.SansSerif)
    return font


def code_family() -> str:
    """The fixed-pitch family code spans and tables keep when the text is set in prose."""
    return QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont).family()


def line_gap(font: QFont, line_height: int) -> float:
    """Pixels added under each line so lines sit `line_height`% of the font size apart."""
    metrics = QFontMetricsF(font)
    pixels = font.pixelSize() if font.pixelSize() > 0 else font.pointSizeF() * 96 / 72
    return max(0.0, round(pixels * line_height / 100 - metrics.height()))


def measure_width(font: QFont, characters: int) -> float:
    """The width of `characters` characters of ordinary text in `font`."""
    return QFontMetricsF(font).horizontalAdvance(_SAMPLE) * characters / len(_SAMPLE)


class SpacedLayout(QPlainTextDocumentLayout):
    """QPlainTextEdit's layout with a gap above every line, so lines sit further apart."""

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self.gap = 0.0

    def set_gap(self, gap: float) -> None:
        if gap != self.gap:
            self.gap = gap
            document = self.document()
            document.markContentsDirty(0, document.characterCount())  # every block laid out anew

    def blockBoundingRect(self, block: QTextBlock) -> QRectF:  # noqa: N802 - Qt override
        # Qt calls this for every block it paints, scrolls past or hit-tests: few calls here.
        rect = super().blockBoundingRect(block)
        gap = self.gap
        if not gap or not rect.height():  # no spacing, or a hidden block
            return rect
        layout = block.layout()
        if layout.lineAt(0).y() < gap / 2:  # laid out afresh by Qt: space its lines
            top = 0.0
            for index in range(layout.lineCount()):
                line = layout.lineAt(index)
                top += gap / 2
                line.setPosition(QPointF(line.x(), top))
                top += line.height() + gap / 2
            rect = super().blockBoundingRect(block)
        rect.setHeight(rect.height() + gap / 2)
        return rect
