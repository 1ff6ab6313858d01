"""A Postdesk run that journalled unsaved text and was killed: a real process, really killed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from desktop_app.core.document.storage import TextForm


def killed_run_left(folder: Path, repo: Path, path: str, text: str, base_text: str,
                    form: TextForm = TextForm()) -> None:
    """Journal `text` for `path` in a child process holding its session lock, then SIGKILL it."""
    script = textwrap.dedent(f"""
        import sys
        from pathlib import Path
        from desktop_app.core.document.recovery import RecoveryStore, text_digest
        from desktop_app.core.document.storage import TextForm
        store = RecoveryStore(Path({str(folder)!r}))
        store.open_session()
        store.write({str(repo)!r}, {path!r}, {text!r}, text_digest({base_text!r}),
                    TextForm({form.encoding!r}, {form.bom!r}, {form.newline!r}))
        print("written", flush=True)
        sys.stdin.read()
    """)
    child = subprocess.Popen([sys.executable, "-c", script], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             text=True)
    assert child.stdout is not None and child.stdout.readline().strip() == "written"
    os.kill(child.pid, signal.SIGKILL)
    child.wait()


_SESSION = """
import sys
from pathlib import Path
from desktop_app.core.document.recovery import RecoveryStore
store = RecoveryStore(Path(sys.argv[1]))
store.open_session()
print(store.session, flush=True)
sys.stdin.read()
"""


@contextmanager
def live_run(folder: Path) -> Iterator[str]:
    """Another Postdesk's session, alive (its lock held by a real process) while in the block; its id."""
    child = subprocess.Popen([sys.executable, "-c", _SESSION, str(folder)], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None
        yield child.stdout.readline().strip()
    finally:
        child.kill()
        child.wait()

