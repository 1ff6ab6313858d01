"""An image or file path field: the path as text, a Choose… button and (for images) a thumbnail."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QImageReader, QPixmap
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

THUMBNAIL = QSize(72, 40)


class ImageField(QWidget):
    """`resolve(value)` finds the file to show; `choose(file)` turns a picked file into a value."""

    value_edited = Signal(str)

    def __init__(self, resolve: Callable[[str], Path | None], choose: Callable[[Path], str],
                 parent: QWidget | None = None, thumbnail: bool = True) -> None:
        super().__init__(parent)
        self._resolve = resolve
        self._choose = choose
        self._images = thumbnail
        self._shown: tuple[str, str, int] | None = None
        self.thumbnail = QLabel()
        self.thumbnail.setFixedSize(THUMBNAIL)
        self.thumbnail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.thumbnail.setObjectName("imageThumbnail")
        self.thumbnail.setVisible(thumbnail)
        self.path = QLineEdit(placeholderText="/images/cover.png" if thumbnail else "/files/document.pdf")
        self.path.textEdited.connect(self._on_edited)
        self.button = QPushButton("Choose…")
        self.button.clicked.connect(self._pick)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.thumbnail)
        layout.addWidget(self.path, 1)
        layout.addWidget(self.button)

    def set_value(self, value: str) -> None:
        if value != self.path.text():
            self.path.setText(value)
            self.path.setCursorPosition(0)  # show the start of a long path, not its end
        self._show_thumbnail(value)

    def value(self) -> str:
        return self.path.text()

    def _on_edited(self, text: str) -> None:
        self._show_thumbnail(text)
        self.value_edited.emit(text)

    def choose_file(self, file: Path) -> None:
        """Use `file` as the image (copied into the site's media folder when outside it)."""
        value = self._choose(file)
        self.path.setText(value)
        self._show_thumbnail(value)
        self.value_edited.emit(value)

    def _pick(self) -> None:
        formats = " ".join(f"*.{bytes(f).decode()}" for f in QImageReader.supportedImageFormats())
        if self._images:
            name, _ = QFileDialog.getOpenFileName(self, "Choose an image", "", f"Images ({formats})")
        else:
            name, _ = QFileDialog.getOpenFileName(self, "Choose a file")
        if name:
            self.choose_file(Path(name))

    def _show_thumbnail(self, value: str) -> None:
        if not self._images:
            return
        file = self._resolve(value) if value else None
        stamp = (value, str(file), file.stat().st_mtime_ns if file is not None and file.exists() else 0)
        if stamp == self._shown:
            return  # the form refreshes as the writer types; the picture is decoded once
        self._shown = stamp
        pixmap = _thumbnail(file) if file else QPixmap()
        if pixmap.isNull():
            self.thumbnail.setPixmap(QPixmap())
            self.thumbnail.setText("missing" if value else "none")
            self.thumbnail.setToolTip(f"No image found at {value}" if value else "")
            return
        self.thumbnail.setText("")
        self.thumbnail.setToolTip(str(file))
        self.thumbnail.setPixmap(pixmap.scaled(THUMBNAIL, Qt.AspectRatioMode.KeepAspectRatio,
                                               Qt.TransformationMode.SmoothTransformation))


def _thumbnail(file: Path) -> QPixmap:
    """The picture decoded at thumbnail size: a 6000-pixel photo is not decoded whole."""
    reader = QImageReader(str(file))
    reader.setAutoTransform(True)
    size = reader.size()
    if size.isValid() and (size.width() > THUMBNAIL.width() * 2 or size.height() > THUMBNAIL.height() * 2):
        reader.setScaledSize(size.scaled(THUMBNAIL * 2, Qt.AspectRatioMode.KeepAspectRatio))
    return QPixmap.fromImage(reader.read())
