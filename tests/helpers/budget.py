"""How long a test may wait for what another thread or process does.

A fixed number of seconds holds on an idle machine only; on two shared cores the same event can
take several times longer. Waits still end as soon as the event happens: only a failure spends the
longer budget, and its message says the scale it was given.
"""

from __future__ import annotations

import os

SCALE_ENV = "POSTDESK_TEST_TIME_SCALE"  # e.g. 3 on a slow runner; wins over the measured load
MAX_SCALE = 4.0


def time_scale() -> float:
    """POSTDESK_TEST_TIME_SCALE if set, else the last minute's load per core, between 1 and MAX_SCALE."""
    given = os.environ.get(SCALE_ENV)
    if given:
        return max(1.0, float(given))
    try:
        per_core = os.getloadavg()[0] / (os.cpu_count() or 1)
    except OSError:  # no load average on this platform
        return 1.0
    return min(MAX_SCALE, max(1.0, per_core))


def seconds(base: float) -> float:
    """`base` seconds, scaled for how busy the machine is."""
    return base * time_scale()


def ms(base: int) -> int:
    """`base` milliseconds, scaled: for qtbot.waitUntil / waitSignal / waitCallback timeouts."""
    return int(base * time_scale())


def spent(base: float) -> str:
    """How a timeout message names its budget: "45 s (15 s × load 3.0)"."""
    return f"{seconds(base):.0f} s ({base:g} s × load {time_scale():.1f})"
