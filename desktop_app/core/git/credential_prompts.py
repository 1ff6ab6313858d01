"""What git or ssh is asking for, read from the one line (or paragraph) they hand an askpass
program: a user name, a password or token, an SSH key's passphrase, whether to trust an unknown
host key, or some other question. The credential dialog lays itself out from a `Prompt`.

git asks "Username for 'https://git.example.com': " and "Password for 'https://ann@git.example.com': ";
ssh asks "Enter passphrase for key '/home/ann/.ssh/id_ed25519': ", "ann@host's password: " and,
for a server it has never seen, a paragraph ending "Are you sure you want to continue connecting
(yes/no/[fingerprint])? ". Anything else is shown as it is, masked unless it asks for a name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from desktop_app.core.git.process import redact

USERNAME, PASSWORD, PASSPHRASE, HOST_KEY, CONFIRM, TEXT = (
    "username", "password", "passphrase", "host-key", "confirm", "text")

_USERNAME = re.compile(r"^Username for '(?P<url>[^']+)':\s*$", re.IGNORECASE)
_PASSWORD = re.compile(r"^Password for '(?P<url>[^']+)':\s*$", re.IGNORECASE)
_SSH_PASSWORD = re.compile(r"^(?P<user>[^@\s]+)@(?P<host>\S+)'s password:\s*$")
_PASSPHRASE = re.compile(r"^Enter passphrase for (?:key )?'?(?P<key>.+?)'?:\s*$", re.IGNORECASE)
_HOST = re.compile(r"authenticity of host '(?P<host>[^' ]+)(?: \([^)]*\))?' can't be established", re.IGNORECASE)
_FINGERPRINT = re.compile(r"(?P<type>[A-Z0-9\-]+) key fingerprint is (?P<fp>(?:SHA256|MD5):\S+?)\.?\s*$",
                          re.MULTILINE)
_YES_NO = re.compile(r"\(yes/no(?:/\[fingerprint\])?\)\?\s*$", re.IGNORECASE)
_NAME_WORDS = re.compile(r"\b(user ?name|login|e-?mail)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Prompt:
    """One question from git or ssh, with what the dialog needs to ask it well."""

    text: str  # as asked (credentials in URLs redacted)
    kind: str  # USERNAME | PASSWORD | PASSPHRASE | HOST_KEY | CONFIRM | TEXT
    secret: bool  # the answer is masked and never kept
    target: str = ""  # the server or URL it is for ("https://git.example.com", "127.0.0.1 port 2222")
    user: str = ""  # the account, when the prompt names one
    key: str = ""  # an SSH key file (passphrase prompts)
    key_type: str = ""  # "ED25519" (host-key prompts)
    fingerprint: str = ""  # "SHA256:…" (host-key prompts)


def _site(url: str) -> tuple[str, str]:
    """("https://git.example.com", "ann") from "https://ann@git.example.com/path"."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return redact(url), ""
    if not parts.scheme or not parts.hostname:
        return redact(url), ""
    host = parts.hostname + (f":{parts.port}" if parts.port else "")
    return f"{parts.scheme}://{host}", parts.username or ""


def _ssh_host(host: str) -> str:
    """"[127.0.0.1]:2222" → "127.0.0.1 port 2222"; "github.com" stays."""
    bracketed = re.fullmatch(r"\[(?P<name>[^\]]+)\]:(?P<port>\d+)", host)
    return f"{bracketed['name']} port {bracketed['port']}" if bracketed else host


def parse_prompt(text: str, hint: str = "") -> Prompt:
    """The `Prompt` for what git or ssh asked; `hint` is ssh's SSH_ASKPASS_PROMPT ("confirm", "none")."""
    shown = redact(text)
    line = text.strip()
    if match := _USERNAME.match(line):
        target, _user = _site(match["url"])
        return Prompt(shown, USERNAME, False, target)
    if match := _PASSWORD.match(line):
        target, user = _site(match["url"])
        return Prompt(shown, PASSWORD, True, target, user)
    if match := _SSH_PASSWORD.match(line):
        return Prompt(shown, PASSWORD, True, match["host"], match["user"])
    if match := _PASSPHRASE.match(line):
        return Prompt(shown, PASSPHRASE, True, key=match["key"])
    if host := _HOST.search(text):
        fingerprint = _FINGERPRINT.search(text)
        return Prompt(shown, HOST_KEY, False, _ssh_host(host["host"]),
                      key_type=fingerprint["type"] if fingerprint else "",
                      fingerprint=fingerprint["fp"] if fingerprint else "")
    if hint == "confirm" or _YES_NO.search(line):
        return Prompt(shown, CONFIRM, False)
    return Prompt(shown, TEXT, not _NAME_WORDS.search(line))
