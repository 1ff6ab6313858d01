"""The ways talking to a remote fails, each as a sentence a writer understands.

They refine the classes of `core/errors.py` (so a caller that checks `AuthenticationFailed` or
`RemoteUnreachable` still catches them) with a message that names what happened: a sign-in the
user cancelled, credentials nobody could be asked for, an SSH host key not trusted or changed,
a key the server refused, a repository that is not there, a connection lost half-way.
`core/git/process.py` chooses them from git's output; no secret ever reaches their text.
"""

from __future__ import annotations

from desktop_app.core.errors import AuthenticationFailed, Cancelled, GitError, RemoteUnreachable


def _where(host: str) -> str:
    return f" {host}" if host else " the server"


class SignInCancelled(Cancelled):
    """The user closed the credential dialog; nothing was sent or changed."""

    def __init__(self) -> None:
        super().__init__("Signing in to the remote was cancelled; nothing was sent or changed.")


class SignInNeeded(AuthenticationFailed):
    """The remote wants a user name and password (or token) and there was no one to ask."""

    def __init__(self, details: str = "") -> None:
        GitError.__init__(
            self,
            "The remote asks for a user name and password (or token), and none is stored for it.",
            details=details,
            hint="Push or pull from Postdesk's window, which asks for them, or set up a credential "
                 "helper (git config --global credential.helper …).",
        )


class SshKeyRefused(AuthenticationFailed):
    """The SSH server accepted none of the user's keys (nor the password typed, if any)."""

    def __init__(self, details: str = "", host: str = "", password_tried: bool = False) -> None:
        if password_tried:
            message = f"The SSH server{_where(host)} did not accept the password."
            hint = "Check the password, or add your public key to your account on the server."
        else:
            message = f"The SSH server{_where(host)} did not accept any of your keys."
            hint = ("Check that your public key is added to your account on the server and that "
                    "ssh-agent has the key loaded (ssh-add -l).")
        GitError.__init__(self, message, details=details, hint=hint)


class HostKeyNotTrusted(AuthenticationFailed):
    """ssh would not connect: the server's host key is not in known_hosts (or was refused)."""

    def __init__(self, details: str = "", host: str = "", declined: bool = False) -> None:
        if declined:
            message = f"You did not trust the SSH host key of{_where(host)}, so Postdesk did not connect."
            hint = "Connect again and answer Yes once you have checked the fingerprint with the server's administrator."
        else:
            message = f"The SSH host key of{_where(host)} is not known yet, so Postdesk did not connect."
            hint = ("Push or pull from Postdesk's window to check and confirm its fingerprint, "
                    "or connect once with ssh in a terminal.")
        GitError.__init__(self, message, details=details, hint=hint)


class HostKeyChanged(AuthenticationFailed):
    """The server's host key differs from the one remembered: a reinstall, or an attack."""

    def __init__(self, details: str = "", host: str = "") -> None:
        GitError.__init__(
            self,
            f"The SSH host key of{_where(host)} has changed since you last connected, "
            "so Postdesk did not connect.",
            details=details,
            hint="This can mean someone is intercepting the connection. Ask the server's "
                 "administrator; if the change is expected, remove the old key with ssh-keygen -R HOST.",
        )


class RemoteNotFound(RemoteUnreachable):
    """The server answered, but has no repository at that address (or hides it from us)."""

    def __init__(self, details: str = "", where: str = "") -> None:
        GitError.__init__(
            self,
            f"The remote repository{' ' + where if where else ''} does not exist, or you have no access to it.",
            details=details,
            hint="Check the remote's address (git remote -v) and your access to it.",
        )


class ConnectionLost(RemoteUnreachable):
    """The connection broke off half-way (server stopped, network gone)."""

    def __init__(self, details: str = "", verb: str = "push") -> None:
        if verb == "push":
            message = "The connection to the remote broke off before the push finished."
            hint = "Your commits are safe locally; push again when the remote is back."
        else:
            message = f"The connection to the remote broke off before the {verb} finished."
            hint = "Nothing changed in your work; try again when the remote is back."
        GitError.__init__(self, message, details=details, hint=hint)
