"""A fetch that never asks anything: to learn what the remote has, in the background.

It only updates remote-tracking refs (never the branch or the work tree), so the library's
"↓ to pull" count can show new commits before the writer pulls. It must never prompt: no
terminal, no askpass dialog, no credential manager window, ssh in batch mode; a remote that
needs a password simply fails quietly. It gives up after `timeout` seconds and skips its turn
when a pull, push or commit holds the repository's write lock.
"""

from __future__ import annotations

import threading

from desktop_app.core.git.process import git_env, run_git_progress
from desktop_app.core.git.repo import GitRepo
from desktop_app.core.tasks import CancelToken

_NO_PROMPTS = {
    "GIT_TERMINAL_PROMPT": "0",
    "GIT_ASKPASS": "false",  # a helper that answers nothing: git gives up instead of asking
    "SSH_ASKPASS": "false",
    "SSH_ASKPASS_REQUIRE": "never",
    "GCM_INTERACTIVE": "never",  # Git Credential Manager's windows
    "GIT_HTTP_LOW_SPEED_LIMIT": "1000",
    "GIT_HTTP_LOW_SPEED_TIME": "20",
}


def fetch_quietly(repo: GitRepo, remote: str = "origin", timeout: float = 60.0,
                  cancel: CancelToken | None = None) -> bool:
    """Fetch `remote`; True when it ran, False when skipped (no remote, repository busy).

    Raises the usual typed errors (unreachable, authentication) for a caller that wants to say
    so; a background caller ignores them.
    """
    if remote not in repo.git("remote").out.split():
        return False
    if not repo.write_lock.acquire(blocking=False):
        return False  # a pull or push is running; it fetches anyway
    token = cancel or CancelToken()
    timer = threading.Timer(timeout, token.cancel)
    timer.daemon = True
    try:
        ssh = repo.git("config", "--get", "core.sshCommand", check=False).out.strip() or "ssh"
        env = git_env({**_NO_PROMPTS, "GIT_SSH_COMMAND": f"{ssh} -o BatchMode=yes -o ConnectTimeout=15"})
        timer.start()
        run_git_progress(repo.root, ["-c", "credential.interactive=never", "fetch", "--quiet", "--no-write-fetch-head",
                                     remote], env=env, progress=None, cancel=token, remote=remote)
    finally:
        timer.cancel()
        repo.write_lock.release()
    return True

