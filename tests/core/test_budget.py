"""The test suite's waiting budgets grow with the machine's load, within bounds."""

from __future__ import annotations

import pytest

from tests.helpers import budget


def test_an_explicit_scale_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(budget.SCALE_ENV, "3")
    assert budget.seconds(10) == 30 and budget.ms(1000) == 3000


@pytest.mark.parametrize("load, expected", [(8.0, 4.0), (0.5, 1.0), (5.0, 2.5)])
def test_the_load_per_core_scales_between_one_and_four(monkeypatch: pytest.MonkeyPatch, load: float,
                                                       expected: float) -> None:
    monkeypatch.delenv(budget.SCALE_ENV, raising=False)
    monkeypatch.setattr(budget.os, "getloadavg", lambda: (load, load, load))
    monkeypatch.setattr(budget.os, "cpu_count", lambda: 2)
    assert budget.time_scale() == expected
