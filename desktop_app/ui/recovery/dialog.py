"""Offers the unsaved text the last run left in the recovery journal: restore it, or discard it.

Each recovered post is listed with when it was last journalled and what became of its file
(changed since, deleted, never saved); the selected one is compared with the file on disk in the
review's three forms. Restoring puts the text in the editor as unsaved edits; the journal entry
stays until the post is saved, so closing this dialog or crashing again loses nothing.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.document.recovery import RecoveryOffer
from desktop_app.core.frontmatter import parse as fm
from desktop_app.ui import metrics
from desktop_app.ui.context import UiContext
from desktop_app.ui.review.diff_view import DiffView


def describe(offer: RecoveryOffer) -> str:
    """"Caching …\nUnsaved since 14:32, 3 Dec · its file changed since\nposts/caching.md": the time
    of the copy on a line of its own, before the path, so a long path never hides it."""
    entry = offer.entry
    title = fm.read_post(entry.text).values.get("title") or entry.path
    when = dt.datetime.fromtimestamp(entry.written_at).strftime("%H:%M, %-d %b")
    state = ("never saved" if entry.new_post and offer.gone else "its file was deleted" if offer.gone
             else f"its file cannot be read: {offer.unreadable}" if offer.unreadable
             else "its file changed since" if offer.changed_on_disk else "")
    return f"{title}\nUnsaved since {when}" + (f" · {state}" if state else "") + f"\n{entry.path}"


class RecoveryDialog(QDialog):
    """Signals: `restore(offer)` and `discard(offer)`, one per decision."""

    restore = Signal(object)
    discard = Signal(object)

    def __init__(self, context: UiContext, offers: list[RecoveryOffer], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recoveryDialog")
        self.setWindowTitle("Recover unsaved work — Postdesk")
        metrics.fit_to_screen(self, 1000, 640)
        intro = QLabel("<b>Postdesk closed without saving these posts.</b><br>Restore puts the text back in "
                       "the editor as unsaved changes; nothing is written to your files until you save. "
                       "Posts you do not decide on now are offered again next time.")
        intro.setWordWrap(True)
        self.list = QListWidget()
        self.list.setObjectName("recoveredPosts")
        # Each line wraps in the list's width: no part of a post's line (its time) is ever cut off.
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setSpacing(3)
        self.list.setMinimumWidth(260)
        self.list.currentItemChanged.connect(lambda _new, _old: self._compare())
        self.diff = DiffView(context)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.list)
        splitter.addWidget(self.diff)
        splitter.setSizes([320, 680])
        self.restore_button = QPushButton("Restore")
        self.restore_button.setDefault(True)
        self.restore_button.clicked.connect(lambda: self._decide(self.restore))
        self.discard_button = QPushButton("Discard…")
        self.discard_button.clicked.connect(self._confirm_discard)
        later = QPushButton("Decide later")
        later.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.discard_button)
        buttons.addStretch(1)
        buttons.addWidget(later)
        buttons.addWidget(self.restore_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)
        self._context = context
        for offer in offers:
            item = QListWidgetItem(describe(offer))
            item.setData(Qt.ItemDataRole.UserRole, offer)
            self.list.addItem(item)
        self.list.setCurrentRow(0)

    def offers(self) -> list[RecoveryOffer]:
        return [self.list.item(row).data(Qt.ItemDataRole.UserRole) for row in range(self.list.count())]

    def current(self) -> RecoveryOffer | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def _compare(self) -> None:
        offer = self.current()
        if offer is None:
            return
        from desktop_app.core.review.post_diff import Side  # the comparison loads the renderer: on demand

        entry = offer.entry
        self.diff.show_sides(Side("On disk" if not offer.gone else "No file", entry.path, offer.on_disk),
                             Side("Recovered", entry.path, entry.text))

    def _confirm_discard(self) -> None:
        offer = self.current()
        if offer is not None and self._context.notifier.confirm(
                "Discard recovered text", f"Throw away the unsaved text of {offer.entry.path}? "
                "The file on disk stays as it is.", "Discard", destructive=True):
            self._decide(self.discard)

    def _decide(self, signal: Signal) -> None:
        row = self.list.currentRow()
        offer = self.current()
        if offer is None:
            return
        self.list.takeItem(row)
        signal.emit(offer)
        if self.list.count() == 0:
            self.accept()
