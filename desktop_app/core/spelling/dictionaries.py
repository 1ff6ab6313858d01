"""Where spell checking's words come from: the Enchant library (through pyenchant) and the
dictionaries it finds on this machine: Hunspell's in /usr/share/hunspell, one Debian package per
language (hunspell-en-us, hunspell-de-de …), and the user's own in ~/.config/enchant.

Enchant is the system's library in a checkout, a wheel and the bundle alike: Debian builds it to
load its spell checkers (providers) from a fixed system folder, so a bundle cannot bring its own
(docs/packaging.md). It is loaded on first use, never at start-up; without it, or without a
dictionary for a language, callers get a `SpellingUnavailable` that names the package to install,
and writing goes on unchecked.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import ModuleType
from typing import TYPE_CHECKING, Any

from desktop_app.core.errors import PostdeskError

if TYPE_CHECKING:
    import enchant

# The language when the locale names none (C, POSIX): the dictionary `make run` installs.
FALLBACK_LANGUAGE = "en_US"
# Debian's packages (packaging/debian-packages.txt); other languages' names vary (hunspell-de-de,
# hunspell-fr), so for those the hint says how to find them.
ENCHANT_PACKAGES = "libenchant-2-2 hunspell-en-us"
SUGGESTIONS = 5
# The locale variables that name the user's language, strongest first (as setlocale reads them).
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")


class SpellingUnavailable(PostdeskError):
    """No spell checking here, or not in this language: what is missing and what to install."""


@dataclass(frozen=True)
class DictionaryInfo:
    """A dictionary Enchant offers: its language tag (en_US) and the spell checker that reads it."""

    tag: str
    provider: str


@dataclass(frozen=True)
class Misspelling:
    word: str
    suggestions: tuple[str, ...]


_failure: SpellingUnavailable | None = None


def load_enchant() -> ModuleType:
    """The `enchant` module; `SpellingUnavailable` when its library cannot be loaded here (not
    installed, or built for a newer system than the bundle's own libraries). Tried once."""
    global _failure
    if _failure is not None:
        raise _failure
    try:
        import enchant
    # pyenchant raises ImportError without the library, OSError when it cannot load it, and
    # AssertionError when PYENCHANT_LIBRARY_PATH names a file that is not there.
    except (ImportError, OSError, AssertionError) as error:
        _failure = SpellingUnavailable(
            "Spell checking needs the Enchant library, which could not be loaded.",
            details=" ".join(str(error).split()),
            hint=f"Debian/Ubuntu: sudo apt install {ENCHANT_PACKAGES}",
        )
        raise _failure from error
    return enchant


def enchant_version() -> str:
    return str(load_enchant().get_enchant_version())


def installed_dictionaries() -> list[DictionaryInfo]:
    """Every dictionary Enchant finds, by tag (a language two spell checkers read is listed twice)."""
    broker = load_enchant().Broker()
    return sorted({DictionaryInfo(tag, provider.desc) for tag, provider in broker.list_dicts()},
                  key=lambda info: (info.tag, info.provider))


def normalise_tag(tag: str) -> str:
    """A locale or BCP 47 tag as Enchant names dictionaries: "en-us.UTF-8" -> "en_US", "de" -> "de"."""
    bare = tag.strip().split(".", 1)[0].split("@", 1)[0].replace("-", "_")
    language, _, region = bare.partition("_")
    return f"{language.lower()}_{region.upper()}" if region else language.lower()


def system_language(environ: Mapping[str, str] = os.environ) -> str:
    """The language of the user's locale, or `FALLBACK_LANGUAGE` when it names none."""
    for variable in LOCALE_VARIABLES:
        value = environ.get(variable, "")
        if value:
            tag = normalise_tag(value)
            return FALLBACK_LANGUAGE if tag in ("c", "posix", "") else tag
    return FALLBACK_LANGUAGE


def install_hint(tag: str) -> str:
    """How to get Hunspell's dictionary for `tag` on Debian and Ubuntu."""
    language = normalise_tag(tag).partition("_")[0]
    return f"Debian/Ubuntu: install its package, listed by `apt-cache search hunspell-{language}`."


def open_dictionary(tag: str) -> enchant.Dict:
    """Enchant's dictionary for `tag` ("de" finds de_DE, "en_GB" falls back to en when that is all
    there is), or `SpellingUnavailable` naming the dictionaries there are and the package to get.
    The dictionary is for one thread at a time: a checker in a worker opens its own."""
    enchant = load_enchant()
    wanted = normalise_tag(tag) or system_language()
    try:
        return enchant.Broker().request_dict(wanted)
    except enchant.errors.DictNotFoundError as error:
        present = ", ".join(sorted({info.tag for info in installed_dictionaries()})) or "none"
        raise SpellingUnavailable(
            f"No spelling dictionary for {wanted} is installed.",
            details=f"Installed: {present}.",
            hint=install_hint(wanted),
        ) from error


def misspellings(dictionary: Any, words: Iterable[str], suggestions: int = SUGGESTIONS) -> list[Misspelling]:
    """The words `dictionary` does not know, each once, in order, with its best suggestions."""
    found: list[Misspelling] = []
    seen: set[str] = set()
    for word in words:
        if word in seen or not word or dictionary.check(word):
            continue
        seen.add(word)
        found.append(Misspelling(word, tuple(dictionary.suggest(word)[:suggestions])))
    return found
