"""The words and colours of a post's git badges: what changed, and whether it is staged.

Shared by the library rows (`post_delegate.py`) and the changes panel, so both say the same.
"""

from __future__ import annotations

from PySide6.QtGui import QColor

from desktop_app.core.git.state import PARTLY, STAGED
from desktop_app.ui import metrics

STAGING_WORDS = {STAGED: "Staged", PARTLY: "Partly staged"}
_STAGED_LIGHT, _STAGED_DARK = QColor("#0969da"), QColor("#58a6ff")


def state_word(state: str) -> str:
    """"Modified", "New", "Conflict" … for a state of `core/git/state.py`."""
    return metrics.GIT_STATE_WORDS.get(state, state.title())


def badges(state: str, staging: str) -> list[str]:
    """The badge words of a library row, left to right: what changed, then how it is staged."""
    words = [state_word(state)] if state else []
    if staging in STAGING_WORDS:
        words.append(STAGING_WORDS[staging])
    return words


def badge_colour(word: str, dark: bool) -> QColor:
    """The colour of one badge word (the staged ones share a blue)."""
    if word in STAGING_WORDS.values():
        return _STAGED_DARK if dark else _STAGED_LIGHT
    state = next((key for key, value in metrics.GIT_STATE_WORDS.items() if value == word), word.lower())
    return metrics.row_colours(dark).git_state(state)
