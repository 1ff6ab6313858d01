"""Postdesk's askpass program: git and ssh run it with a prompt; it asks the running Postdesk.

    python -m desktop_app.askpass "Password for 'https://ann@git.example.com': "

It connects to the socket named by POSTDESK_ASKPASS_ADDRESS, sends the prompt with the token
from POSTDESK_ASKPASS_TOKEN (both set by the script `core/git/askpass_channel.py` writes), and
prints the answer for git or ssh to read. When the user cancels it prints nothing, says so on
stderr (git passes that on, so Postdesk can tell a cancel from a wrong password) and exits 1.

It uses the standard library only and imports nothing from Postdesk: the script runs it by path,
in Python's isolated mode, and it must start fast.
"""

from __future__ import annotations

import json
import os
import socket
import sys

ADDRESS_VAR = "POSTDESK_ASKPASS_ADDRESS"
TOKEN_VAR = "POSTDESK_ASKPASS_TOKEN"
# Read by core/git/process.py in git's output (kept equal there; a test checks it).
CANCELLED = "postdesk-askpass: cancelled"
DECLINED = "postdesk-askpass: declined"


def ask(prompt: str, address: str, token: str) -> dict[str, object]:
    """Send one prompt and wait for the reply (as long as the user takes)."""
    request = {"token": token, "prompt": prompt, "hint": os.environ.get("SSH_ASKPASS_PROMPT", ""),
               "parent": os.getppid()}
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
        connection.connect(address)
        connection.sendall(json.dumps(request).encode("utf-8") + b"\n")
        data = b""
        while b"\n" not in data:
            chunk = connection.recv(65536)
            if not chunk:
                break
            data += chunk
    reply = json.loads(data.split(b"\n", 1)[0].decode("utf-8")) if data.strip() else {"cancelled": True}
    return reply if isinstance(reply, dict) else {"cancelled": True}


def main(argv: list[str]) -> int:
    address, token = os.environ.get(ADDRESS_VAR), os.environ.get(TOKEN_VAR)
    if not address or not token:
        print("postdesk-askpass: run by git inside Postdesk only (no Postdesk to ask).", file=sys.stderr)
        return 2
    prompt = argv[1] if len(argv) > 1 else "Password: "
    try:
        reply = ask(prompt, address, token)
    except (OSError, ValueError):
        print(f"{CANCELLED} (Postdesk is not there to ask)", file=sys.stderr)
        return 1
    answer = reply.get("answer")
    if not isinstance(answer, str):
        print(CANCELLED, file=sys.stderr)
        return 1
    if reply.get("declined"):
        print(DECLINED, file=sys.stderr)
    sys.stdout.write(answer + "\n")
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
