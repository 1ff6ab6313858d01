"""Guards the PySide6 pin: 6.12.0 on CPython 3.11 drops a reference to None on every void call
and the process aborts after a few thousand (DESIGN.md); the pin in pyproject.toml avoids it."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QWidget


def test_void_method_calls_do_not_leak_references_to_none(qtbot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    before = sys.getrefcount(None)
    for index in range(10_000):
        widget.setObjectName(f"w{index % 7}")
        widget.setEnabled(index % 2 == 0)
    # Other code may take a few references meanwhile; a leak would lose ~20,000.
    assert sys.getrefcount(None) >= before - 100
