"""Asks the user what git or ssh needs to reach a remote: a user name and password (or token),
an SSH key's passphrase, or whether to trust a server whose host key ssh has never seen.

One dialog, laid out from the `Prompt` (core/git/credential_prompts.py). Secrets are typed into
masked fields and go straight back to git; nothing here keeps or logs them. An unknown host key
is a question with the fingerprint readable (and selectable, to compare with the one the server's
administrator publishes): Yes answers "yes", No answers "no".
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.git.credential_prompts import (
    CONFIRM,
    HOST_KEY,
    PASSPHRASE,
    PASSWORD,
    USERNAME,
    Prompt,
)

_NOT_STORED = ("Postdesk hands this to git for this connection only and never stores it. "
               "A git credential helper can remember it for you.")


def _host_of(target: str) -> str:
    """"https://git.example.com:8443" → "git.example.com:8443", for titles."""
    return target.split("://", 1)[-1] or "the server"


class CredentialDialog(QDialog):
    """The question for one prompt. After `accepted`: `answer()`; `username()` for a sign-in."""

    def __init__(self, prompt: Prompt, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("credentialDialog")
        self.prompt = prompt
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.user_field: QLineEdit | None = None
        self.secret_field: QLineEdit | None = None
        self.yes_button: QPushButton | None = None
        self.no_button: QPushButton | None = None
        self._declined = False
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        self.title = QLabel()  # the window title again: dialogs often show theirs small, or not at all
        self.title.setObjectName("credentialTitle")
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.title.setFont(font)
        layout.addWidget(self.title)
        self.heading = QLabel()
        self.heading.setObjectName("credentialHeading")
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.heading)
        if prompt.kind in (HOST_KEY, CONFIRM):
            self._build_question(layout)
        else:
            self._build_fields(layout)
        self.setMinimumWidth(440)

    # --- layouts ---------------------------------------------------------------------------------

    def _build_fields(self, layout: QVBoxLayout) -> None:
        prompt = self.prompt
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        host = _host_of(prompt.target)
        if prompt.kind == USERNAME:
            self.setWindowTitle(f"Sign in to {host}")
            self.heading.setText(f"{prompt.target} asks you to sign in.")
            self.user_field = self._field("userField", secret=False)
            self.secret_field = self._field("secretField", secret=True, placeholder="Password or access token")
            form.addRow("User name", self.user_field)
            form.addRow("Password or token", self.secret_field)
            ok = "Sign In"
        elif prompt.kind == PASSWORD:
            self.setWindowTitle(f"Sign in to {host}")
            who = f" for {prompt.user}" if prompt.user else ""
            self.heading.setText(f"{prompt.target} asks for the password{who}.")
            self.secret_field = self._field("secretField", secret=True, placeholder="Password or access token")
            form.addRow("Password or token", self.secret_field)
            ok = "Sign In"
        elif prompt.kind == PASSPHRASE:
            self.setWindowTitle("Unlock SSH key")
            self.heading.setText(f"Your SSH key {prompt.key} is protected by a passphrase."
                                 if prompt.key else "Your SSH key is protected by a passphrase.")
            self.secret_field = self._field("secretField", secret=True)
            form.addRow("Passphrase", self.secret_field)
            ok = "Unlock"
        else:
            self.setWindowTitle("Git asks")
            self.heading.setText(prompt.text.strip())
            self.secret_field = self._field("secretField", secret=prompt.secret)
            form.addRow("Answer", self.secret_field)
            ok = "OK"
        layout.addLayout(form)
        if prompt.secret or prompt.kind == USERNAME:
            note = QLabel(_NOT_STORED if prompt.kind != PASSPHRASE else
                          "Postdesk hands it to ssh for this connection only and never stores it.")
            note.setObjectName("credentialNote")
            note.setWordWrap(True)
            note.setEnabled(False)  # the palette's muted text
            layout.addWidget(note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(ok)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        first = self.user_field or self.secret_field
        if first is not None:
            first.setFocus()
        for field in (self.user_field, self.secret_field):
            if field is not None:
                field.textChanged.connect(self._validate)
        self._validate()

    def _build_question(self, layout: QVBoxLayout) -> None:
        prompt = self.prompt
        if prompt.kind == HOST_KEY:
            self.setWindowTitle(f"Unknown server: {prompt.target}")
            self.heading.setText(f"Postdesk has not connected to {prompt.target} before, "
                                 "so ssh cannot yet tell that it is the server you mean.")
            kind = f"{prompt.key_type} key fingerprint" if prompt.key_type else "Key fingerprint"
            label = QLabel(f"Its {kind} is:")
            layout.addWidget(label)
            self.fingerprint = QLabel(prompt.fingerprint or "(ssh did not say)")
            self.fingerprint.setObjectName("hostFingerprint")
            self.fingerprint.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
            self.fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.fingerprint.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
            self.fingerprint.setContentsMargins(12, 4, 4, 4)
            layout.addWidget(self.fingerprint)
            advice = QLabel("Connect only if it matches the fingerprint your hosting service or "
                            "server administrator publishes. ssh then remembers the key in your "
                            "known_hosts file and will warn you if it ever changes.")
            advice.setWordWrap(True)
            layout.addWidget(advice)
            question, yes, no = "Trust this server and connect?", "Yes, Connect", "No"
        else:
            self.setWindowTitle("Git asks")
            self.heading.setText(prompt.text.strip())
            question, yes, no = "", "Yes", "No"
        if question:
            ask = QLabel(question)
            ask.setObjectName("credentialQuestion")
            layout.addWidget(ask)
        buttons = QDialogButtonBox()
        self.yes_button = buttons.addButton(yes, QDialogButtonBox.ButtonRole.AcceptRole)
        self.yes_button.setObjectName("yesButton")
        self.no_button = buttons.addButton(no, QDialogButtonBox.ButtonRole.RejectRole)
        self.no_button.setObjectName("noButton")
        self.no_button.setDefault(True)  # Enter must not trust an unknown server
        self.no_button.clicked.connect(self._decline)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)

    def setWindowTitle(self, title: str) -> None:  # noqa: N802 - Qt's name
        super().setWindowTitle(title)
        self.title.setText(title)

    def _field(self, name: str, secret: bool, placeholder: str = "") -> QLineEdit:
        field = QLineEdit()
        field.setObjectName(name)
        field.setPlaceholderText(placeholder)
        if secret:
            field.setEchoMode(QLineEdit.EchoMode.Password)
            field.setInputMethodHints(Qt.InputMethodHint.ImhHiddenText | Qt.InputMethodHint.ImhNoPredictiveText
                                      | Qt.InputMethodHint.ImhSensitiveData)
        return field

    def _validate(self) -> None:
        if self.user_field is not None:
            self.ok_button.setEnabled(bool(self.user_field.text().strip()))

    def _decline(self) -> None:
        self._declined = True
        self.reject()

    # --- the answer ------------------------------------------------------------------------------

    @property
    def declined(self) -> bool:
        """The user answered No to a yes/no question (not the same as closing the dialog)."""
        return self._declined

    def answer(self) -> str:
        """What git or ssh reads: the user name for a sign-in, the secret, or yes/no."""
        if self.prompt.kind in (HOST_KEY, CONFIRM):
            return "no" if self._declined or self.result() != QDialog.DialogCode.Accepted else "yes"
        if self.prompt.kind == USERNAME and self.user_field is not None:
            return self.user_field.text().strip()
        return self.secret_field.text() if self.secret_field is not None else ""

    def password(self) -> str:
        """The password typed with the user name (a sign-in asks for both at once)."""
        return self.secret_field.text() if self.secret_field is not None else ""

    def forget(self) -> None:
        """Clear the typed secret from the widgets once it has been handed over."""
        for field in (self.secret_field,):
            if field is not None:
                field.clear()
