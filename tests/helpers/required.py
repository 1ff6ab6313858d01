"""A test tool that is missing (a git server, Xvfb): skipped on a developer's machine, where it
may not be installable, but a failure in CI, which installs it, so a broken install cannot pass
as a row of skips."""

from __future__ import annotations

import os
from typing import NoReturn

import pytest

REQUIRE_ENV = "POSTDESK_TESTS_REQUIRE_TOOLS"  # .ci/run sets it


def unavailable(reason: str) -> NoReturn:
    if os.environ.get(REQUIRE_ENV):
        pytest.fail(f"{reason}; CI installs it ({REQUIRE_ENV} is set), so this is a broken install")
    pytest.skip(reason)
