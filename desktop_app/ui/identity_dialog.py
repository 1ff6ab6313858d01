"""Asks for the name and email git writes into commits, when git does not know them yet."""

from __future__ import annotations

import re

from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+$")


class IdentityDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Who is committing?")
        self.name = QLineEdit(placeholderText="Ada Lovelace")
        self.email = QLineEdit(placeholderText="ada@example.com")
        self.everywhere = QCheckBox("Use for all my repositories (git config --global)")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QFormLayout(self)
        layout.addRow(QLabel("Git records a name and email with every commit."))
        layout.addRow("Name", self.name)
        layout.addRow("Email", self.email)
        layout.addRow(self.everywhere)
        layout.addRow(self.buttons)
        for field in (self.name, self.email):
            field.textChanged.connect(self._validate)
        self._validate()

    def _validate(self) -> None:
        ok = bool(self.name.text().strip()) and bool(_EMAIL.match(self.email.text().strip()))
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(ok)

    @classmethod
    def ask(cls, parent: QWidget | None) -> tuple[str, str, bool] | None:
        dialog = cls(parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.name.text().strip(), dialog.email.text().strip(), dialog.everywhere.isChecked()
