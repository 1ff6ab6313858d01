"""Spare every import PySide6's source scan.

Once PySide6 is imported, it looks at each module imported after it, to learn whether the
module may select one of its optional `__feature__`s (snake_case names, true properties): it
reads the module's whole source file (`inspect.getsource`) and keeps it in `linecache`. At
start that is about 250 files read on the GUI thread before the first paint, and later every
Pygments lexer and Markdown extension a render loads; their text then stays in memory.

The hook below answers from what the module holds instead of its text: 0 (PySide6's "no
feature") for a module of PySide6, of Postdesk's Qt side, or holding a PySide6 class or module,
and -1 ("ignore this module") for the others, as the scan would for a module that never names
PySide6. A module importing `__feature__` still sets its own choice, through PySide6's other
hook. (The 0 matters: a module marked -1 sees the names of whichever module used Qt last, so a
snake_case module elsewhere would hide camelCase names from it.)
"""

from __future__ import annotations

import sys
from types import ModuleType

QT_SIDE = ("PySide6", "shiboken6", "desktop_app.ui", "desktop_app.app", "desktop_app.self_test")


def uses_qt(module: ModuleType) -> bool:
    """The module holds a PySide6 module or class (imported at its top, as Qt code does)."""
    for value in list(vars(module).values()):
        if isinstance(value, ModuleType):
            name = value.__name__
        elif isinstance(value, type):
            name = value.__module__
        else:
            continue
        if isinstance(name, str) and name.startswith(QT_SIDE[:2]):
            return True
    return False


def skip_source_scan() -> bool:
    """Install the hook (PySide6 must be imported); False when this PySide6 has none to replace."""
    feature = sys.modules.get("PySide6.support.feature")
    known = getattr(feature, "pyside_feature_dict", None)
    if feature is None or not isinstance(known, dict) or not callable(getattr(feature, "feature_imported", None)):
        return False

    def feature_imported(module: ModuleType) -> None:
        name = getattr(module, "__name__", None)
        if isinstance(name, str) and name not in known:
            known[name] = 0 if name.startswith(QT_SIDE) or uses_qt(module) else -1

    feature.feature_imported = feature_imported
    return True
