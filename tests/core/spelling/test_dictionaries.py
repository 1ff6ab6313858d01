"""The words spell checking uses: Enchant's dictionaries found and opened by language, and what a
writer is told when Enchant or a language is missing."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from desktop_app.core.spelling import dictionaries
from desktop_app.core.spelling.dictionaries import SpellingUnavailable
from tests.helpers.spelling import require_dictionary


@pytest.mark.parametrize(("tag", "expected"), [
    ("en_US", "en_US"), ("en-us", "en_US"), ("de_DE.UTF-8", "de_DE"), ("sr_RS@latin", "sr_RS"),
    ("DE", "de"), (" fr ", "fr"),
])
def test_locale_and_web_tags_name_enchants_dictionaries(tag: str, expected: str) -> None:
    assert dictionaries.normalise_tag(tag) == expected


@pytest.mark.parametrize(("environ", "expected"), [
    ({"LANG": "de_DE.UTF-8"}, "de_DE"),
    ({"LC_ALL": "fr_FR.UTF-8", "LANG": "de_DE.UTF-8"}, "fr_FR"),
    ({"LC_MESSAGES": "pt_BR.UTF-8", "LANG": "en_GB.UTF-8"}, "pt_BR"),
    ({"LANG": "C.UTF-8"}, "en_US"),
    ({"LANG": "POSIX"}, "en_US"),
    ({}, "en_US"),
])
def test_the_systems_language_is_the_locales_or_english(environ: dict[str, str], expected: str) -> None:
    assert dictionaries.system_language(environ) == expected


def test_a_misspelling_is_found_once_with_suggestions_and_known_words_pass() -> None:
    dictionary = require_dictionary("en_US")
    found = dictionaries.misspellings(dictionary, ["I", "recieve", "teh", "letters", "teh", "", "don't"])
    assert [misspelling.word for misspelling in found] == ["recieve", "teh"]
    assert found[0].suggestions[0] == "receive" and found[1].suggestions[0] == "the"
    assert all(len(misspelling.suggestions) <= dictionaries.SUGGESTIONS for misspelling in found)


def test_a_language_without_a_region_or_written_the_webs_way_finds_the_dictionary() -> None:
    require_dictionary("en_US")
    assert not dictionaries.open_dictionary("en-US").check("teh")
    assert dictionaries.open_dictionary("en").check("letters")
    assert any(info.tag == "en_US" and "Hunspell" in info.provider for info in dictionaries.installed_dictionaries())


def test_a_language_with_no_dictionary_says_what_there_is_and_how_to_get_it() -> None:
    require_dictionary("en_US")
    with pytest.raises(SpellingUnavailable) as raised:
        dictionaries.open_dictionary("zu_ZA")
    assert raised.value.message == "No spelling dictionary for zu_ZA is installed."
    assert "en_US" in raised.value.details
    assert "apt-cache search hunspell-zu" in raised.value.hint


def test_without_the_enchant_library_spell_checking_is_unavailable_with_the_packages_to_install(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dictionaries, "_failure", None)
    monkeypatch.setitem(sys.modules, "enchant", None)  # `import enchant` fails as without the library
    with pytest.raises(SpellingUnavailable) as raised:
        dictionaries.open_dictionary("en_US")
    assert "Enchant library" in raised.value.message
    assert raised.value.hint == "Debian/Ubuntu: sudo apt install libenchant-2-2 hunspell-en-us"
    monkeypatch.delitem(sys.modules, "enchant")
    with pytest.raises(SpellingUnavailable):  # tried once: a checker asking again costs nothing
        dictionaries.installed_dictionaries()


def test_a_word_added_to_the_dictionary_is_kept_for_the_next_opening(isolated_home: Path) -> None:
    require_dictionary("en_US").add("Postdesk")
    assert dictionaries.open_dictionary("en_US").check("Postdesk")
    assert (isolated_home / "enchant" / "en_US.dic").read_text(encoding="utf-8") == "Postdesk\n"
