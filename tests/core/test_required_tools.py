"""A missing test tool skips on a developer's machine and fails in CI (tests/helpers/required.py)."""

from __future__ import annotations

import pytest

from tests.helpers.required import REQUIRE_ENV, unavailable


def test_a_missing_tool_skips_where_it_may_not_be_installable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(REQUIRE_ENV, raising=False)
    with pytest.raises(pytest.skip.Exception, match="git daemon is not installed"):
        unavailable("git daemon is not installed")


def test_a_missing_tool_fails_in_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(REQUIRE_ENV, "1")
    with pytest.raises(pytest.fail.Exception, match="git daemon is not installed; CI installs it"):
        unavailable("git daemon is not installed")
