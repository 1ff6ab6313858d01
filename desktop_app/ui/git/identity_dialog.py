"""Asks for the name and email git writes into commits, when git does not know them yet.

The changes panel opens it (window-modal, without blocking: the commit or pull that git refused
is still finishing in its worker) and, once saved, writes the identity with `git config` (this
repository, or `--global` for all of them) and runs that commit or pull again.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget

_EMAIL = re.compile(r"^[^@\s<>]+@[^@\s<>]+$")


class IdentityDialog(QDialog):
    """Signals: `answered((name, email, everywhere))` on Save, `answered(None)` on Cancel."""

    answered = Signal(object)

    def __init__(self, parent: QWidget | None = None, pulling: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("identityDialog")
        self.setWindowTitle("Who is committing?")
        why = ("Pulling replays your commits onto the remote's, and git records a name and email "
               "with every commit." if pulling else "Git records a name and email with every commit.")
        self.explanation = QLabel(why)
        self.explanation.setWordWrap(True)
        self.name = QLineEdit(placeholderText="Ada Lovelace")
        self.email = QLineEdit(placeholderText="ada@example.com")
        self.everywhere = QCheckBox("Use for all my repositories (git config --global)")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QFormLayout(self)
        layout.addRow(self.explanation)
        layout.addRow("Name", self.name)
        layout.addRow("Email", self.email)
        layout.addRow(self.everywhere)
        layout.addRow(self.buttons)
        for field in (self.name, self.email):
            field.textChanged.connect(self._validate)
        self.finished.connect(self._finish)
        self._validate()

    def _validate(self) -> None:
        """Save only with a name and something shaped like an email: git would take "x" as an
        email and write it into every commit."""
        self.save_button.setEnabled(self.answer_given())

    def answer_given(self) -> bool:
        return bool(self.name.text().strip()) and bool(_EMAIL.match(self.email.text().strip()))

    def answer(self) -> tuple[str, str, bool]:
        """(name, email, for all repositories) as typed, without surrounding spaces."""
        return self.name.text().strip(), self.email.text().strip(), self.everywhere.isChecked()

    def _finish(self, result: int) -> None:
        accepted = result == QDialog.DialogCode.Accepted.value and self.answer_given()
        self.answered.emit(self.answer() if accepted else None)
