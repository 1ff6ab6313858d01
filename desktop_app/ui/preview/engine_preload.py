"""Map QtWebEngine's libraries on a thread of their own while the window is busy elsewhere.

Importing PySide6's QtWebEngine modules first maps their shared libraries (Chromium's alone is
about 200 MB, with its Qt dependencies): 25-45 ms of the GUI thread at start. `dlopen` releases
Python's lock, so a thread can do that part while the GUI thread lists the library and opens
the post; the import later only initialises the Python modules (about 9 ms). The thread is
started after the window's first paint: mapping a library at the same time as the GUI thread
loads Qt's own (its platform plugin, its image formats) would make both wait on the loader's lock.
"""

from __future__ import annotations

import _thread
import ctypes
import importlib.util
import sys

MODULES = ("PySide6.QtWebEngineCore", "PySide6.QtWebEngineWidgets")


def _load(paths: list[str]) -> None:
    for path in paths:
        try:
            ctypes.CDLL(path)  # the import finds it mapped; its Python module is made then
        except OSError:
            return  # the import will say what is wrong, where it can be shown


def preload_engine_libraries() -> bool:
    """Start mapping the libraries (False when there is nothing to do: already imported, or not found).

    A bare thread: `threading.Thread.start` waits until the new thread has run Python, and at start
    the workers keep the interpreter busy enough for that wait to take 20-65 ms of the GUI thread."""
    if any(name in sys.modules for name in MODULES):
        return False
    paths = []
    for name in MODULES:
        try:
            spec = importlib.util.find_spec(name)
        except (ImportError, ValueError):
            return False
        if spec is None or not spec.origin or not spec.origin.endswith(".so"):
            return False
        paths.append(spec.origin)
    _thread.start_new_thread(_load, (paths,))
    return True
