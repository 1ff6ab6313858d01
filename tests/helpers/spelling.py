"""A spelling dictionary for the tests that check real words: skipped on a developer's machine
without Enchant or the dictionary, a failure in CI, which installs both
(packaging/debian-packages.txt)."""

from __future__ import annotations

from typing import Any

from desktop_app.core.spelling.dictionaries import SpellingUnavailable, open_dictionary
from tests.helpers.required import unavailable


def require_dictionary(tag: str = "en_US") -> Any:
    """Enchant's dictionary for `tag`, or the test stops (skip here, fail in CI)."""
    try:
        dictionary = open_dictionary(tag)
    except SpellingUnavailable as error:
        unavailable(f"no spell checking in {tag}: {error} ({error.details})")
    if dictionary.tag != tag:
        unavailable(f"Enchant has no {tag} dictionary, only {dictionary.tag} (Debian: hunspell-en-us)")
    return dictionary
