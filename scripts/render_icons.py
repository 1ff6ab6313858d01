"""Render the app icon's PNG sizes from resources/icons/postdesk.svg with Qt's SVG renderer.

The PNGs are committed (resources/icons/hicolor/<N>x<N>/postdesk.png), so installing the desktop
entry needs no Qt; run this after changing the SVG:  .venv/bin/python scripts/render_icons.py
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from desktop_app.core.desktop_entry import ICON_SIZES  # noqa: E402 - after the path


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 - QPainter needs it
    icons = ROOT / "resources" / "icons"
    renderer = QSvgRenderer(str(icons / "postdesk.svg"))
    if not renderer.isValid():
        print("postdesk.svg is not a valid SVG", file=sys.stderr)
        return 1
    for size in ICON_SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        target = icons / "hicolor" / f"{size}x{size}" / "postdesk.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        if not image.save(str(target), "PNG"):
            print(f"could not write {target}", file=sys.stderr)
            return 1
        print(target.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
