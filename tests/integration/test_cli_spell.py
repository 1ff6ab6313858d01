"""`postdesk spell` as a real process: words checked with the dictionary the editor uses, the
dictionaries listed, and what it says when Enchant or a language is missing."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import REPO_ROOT
from tests.helpers.spelling import require_dictionary


def postdesk(*args: str, **environ: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "desktop_app", *args], cwd=REPO_ROOT,
                          env={**os.environ, **environ}, capture_output=True, text=True, encoding="utf-8",
                          stdin=subprocess.DEVNULL, timeout=60, check=False)


def test_misspelt_words_are_printed_with_suggestions_and_fail_the_run() -> None:
    require_dictionary("en_US")
    result = postdesk("spell", "--lang", "en-US", "teh", "writing", "recieve")
    assert result.returncode == 1, result.stderr
    lines = result.stdout.splitlines()
    assert [line.split(":")[0] for line in lines] == ["teh", "recieve"]
    assert lines[0].startswith("teh: the, ") and lines[1].startswith("recieve: receive, ")
    assert "Checked 3 words with en_US (Hunspell Provider): 2 misspellings." in result.stderr


def test_known_words_pass_quietly() -> None:
    require_dictionary("en_US")
    result = postdesk("spell", "--lang", "en_US", "Writers", "draft", "editors", "review")
    assert (result.returncode, result.stdout) == (0, ""), result.stderr


def test_the_systems_language_is_the_default() -> None:
    require_dictionary("en_US")
    result = postdesk("spell", "teh", LC_ALL="", LC_MESSAGES="", LANG="en_US.UTF-8")
    assert result.returncode == 1 and result.stdout.startswith("teh: the")
    assert "with en_US" in result.stderr


def test_without_words_it_lists_the_dictionaries() -> None:
    require_dictionary("en_US")
    result = postdesk("spell")
    assert result.returncode == 0, result.stderr
    assert any(line.split() == ["en_US", "Hunspell", "Provider"] for line in result.stdout.splitlines())
    assert result.stderr.startswith("Enchant 2.")


def test_a_missing_language_says_how_to_get_it() -> None:
    require_dictionary("en_US")
    result = postdesk("spell", "--lang", "zu_ZA", "sawubona")
    assert result.returncode == 1 and result.stdout == ""
    assert "No spelling dictionary for zu_ZA is installed." in result.stderr
    assert "apt-cache search hunspell-zu" in result.stderr and "Installed: " in result.stderr


def test_without_the_enchant_library_it_names_the_packages_to_install() -> None:
    result = postdesk("spell", "teh", PYENCHANT_LIBRARY_PATH="/nonexistent/libenchant-2.so.2")
    assert result.returncode == 1 and result.stdout == ""
    assert "Spell checking needs the Enchant library" in result.stderr
    assert "sudo apt install libenchant-2-2 hunspell-en-us" in result.stderr
    assert "Traceback" not in result.stderr
