"""Qt's own messages go to Postdesk's log; the terminal shows only what may matter, or all with --verbose."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import qCritical, qInstallMessageHandler, qWarning

from desktop_app.ui.qt_messages import LOG_NAME, open_log, route_qt_messages


@pytest.mark.parametrize("verbose", [False, True])
def test_warnings_go_to_the_log_and_criticals_to_the_terminal_too(tmp_path: Path, capfd: pytest.CaptureFixture,
                                                                  verbose: bool) -> None:
    log = open_log(tmp_path / "cache")
    previous = route_qt_messages(log, verbose)
    try:
        qWarning("Failed to load vulkan")
        qCritical("the preview process died")
    finally:
        qInstallMessageHandler(previous)  # pytest-qt's own handler, back
        assert log is not None
        log.close()
    written = (tmp_path / "cache" / LOG_NAME).read_text(encoding="utf-8")
    assert "warning default: Failed to load vulkan" in written and "critical default: the preview process died" in written
    terminal = capfd.readouterr().err
    assert "the preview process died" in terminal
    assert ("Failed to load vulkan" in terminal) == verbose


def test_a_cache_folder_that_cannot_be_written_means_no_log_not_a_crash(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    assert open_log(blocker / "cache") is None
