"""Where Qt's own messages go when the app runs: into a log file, and into the terminal only when
they may matter (critical, fatal) or the user asked (`postdesk --verbose`).

Qt and QtWebEngine warn about what they fall back from on a working desktop (no Vulkan library,
an unknown GPU vendor, …); to a writer who started Postdesk from a terminal those read as faults.
Only Qt's messages pass here: Postdesk's own (tracebacks from ui/notify.py) still go to stderr.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any, TextIO

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

LOG_NAME = "postdesk.log"
KIND_NAMES = {QtMsgType.QtDebugMsg: "debug", QtMsgType.QtInfoMsg: "info", QtMsgType.QtWarningMsg: "warning",
              QtMsgType.QtCriticalMsg: "critical", QtMsgType.QtFatalMsg: "fatal"}
ALWAYS_SHOWN = (QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg)


def open_log(folder: Path) -> TextIO | None:
    """This start's log (the previous one is replaced), or None when the folder is not writable."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        return (folder / LOG_NAME).open("w", encoding="utf-8", buffering=1)
    except OSError:
        return None


def route_qt_messages(log: TextIO | None, verbose: bool) -> Any:
    """From now on every Qt message goes to `log`; to stderr too if `verbose` or critical or fatal.
    Returns the handler it replaced (a test puts pytest-qt's back)."""

    def handle(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
        name = KIND_NAMES.get(kind, "message")
        if log is not None:
            try:
                log.write(f"{time.strftime('%H:%M:%S')} {name} {context.category or 'default'}: {message}\n")
            except OSError:
                pass  # a full disk must not take the app down with it
        if verbose or kind in ALWAYS_SHOWN:
            print(f"Qt {name}: {message}", file=sys.stderr)

    return qInstallMessageHandler(handle)
