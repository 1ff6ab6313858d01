"""A tag list as removable chips plus a field that completes from the repository's tags.

At most `CHIP_LIMIT` chips are shown, then how many more there are: a list of 100,000 tags
would take a minute and gigabytes of buttons. Adding and removing still work on the whole list.
"""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtWidgets import QCompleter, QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from desktop_app.ui.form.flow_layout import FlowLayout

CHIP_LIMIT = 100  # chips shown; the rest of the list is counted
CHIP_TEXT = 60  # characters of a tag a chip shows (its tooltip names it whole, up to a limit)


class TagChip(QToolButton):
    """One tag; clicking its × removes it."""

    def __init__(self, tag: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tag = tag
        shown = tag if len(tag) <= CHIP_TEXT else tag[:CHIP_TEXT] + "…"
        self.setText(f"{shown}  ×")
        self.setToolTip(f"Remove “{tag if len(tag) <= 1000 else tag[:1000] + '…'}”")
        self.setObjectName("tagChip")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAutoRaise(True)


class TagEdit(QWidget):
    """Emits `tags_changed` with the whole list after each add or remove."""

    tags_changed = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tags: list[str] = []
        self._flow = FlowLayout(spacing=4)
        self._flow.setContentsMargins(0, 0, 0, 0)
        self.input = QLineEdit(placeholderText="Add tag…")
        self.input.setMinimumWidth(90)
        self.input.setMaximumWidth(160)
        self.input.returnPressed.connect(self._commit_input)
        self.input.textEdited.connect(self._on_typed)
        self._completions = QStringListModel(self)
        completer = QCompleter(self._completions, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.activated.connect(self._add_completed)
        self.input.setCompleter(completer)
        self.more_label = QLabel()  # "and N more", after the chips
        self.more_label.setObjectName("moreTags")
        self.more_label.hide()
        self._flow.addWidget(self.more_label)
        self._flow.addWidget(self.input)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addLayout(self._flow)

    def tags(self) -> list[str]:
        return list(self._tags)

    def set_tags(self, tags: list[str]) -> None:
        """Show `tags` without emitting (the change came from the text)."""
        if tags == self._tags:
            return
        self._tags = list(tags)
        self._rebuild()

    def set_completions(self, tags: list[str]) -> None:
        self._completions.setStringList(tags)

    def add_tag(self, tag: str) -> None:
        tag = tag.strip().strip(",").strip()
        if tag and tag not in self._tags:
            self._tags.append(tag)
            self._rebuild()
            self.tags_changed.emit(self.tags())

    def remove_tag(self, tag: str) -> None:
        if tag in self._tags:
            self._tags.remove(tag)
            self._rebuild()
            self.tags_changed.emit(self.tags())

    def _on_typed(self, text: str) -> None:
        if text.endswith(","):
            self.add_tag(text)
            self.input.clear()

    def _commit_input(self) -> None:
        if self.input.text().strip():
            self.add_tag(self.input.text())
        self.input.clear()

    def _add_completed(self, text: str) -> None:
        self.add_tag(text)
        self.input.clear()

    def _rebuild(self) -> None:
        while self._flow.count() > 2:  # the chips; the count and the input stay
            item = self._flow.takeAt(0)
            widget = item.widget() if item else None
            if widget is not None:
                widget.deleteLater()
        for position, tag in enumerate(self._tags[:CHIP_LIMIT]):
            chip = TagChip(tag, self)
            chip.clicked.connect(lambda _=False, t=tag: self.remove_tag(t))
            self._flow.insertWidget(position, chip)
        hidden = len(self._tags) - CHIP_LIMIT
        self.more_label.setText(f"and {hidden:,} more (edit them in the text)" if hidden > 0 else "")
        self.more_label.setVisible(hidden > 0)
