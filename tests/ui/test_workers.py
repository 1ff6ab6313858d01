"""The one background-work primitive (ui/workers.py): results reach the GUI thread, a closing
window's late results go nowhere, and a finished job leaves nothing behind."""

from __future__ import annotations

import gc
import weakref

from desktop_app.ui.workers import Job, TaskRunner


def test_a_result_reaches_its_handler_on_the_gui_thread(qtbot) -> None:
    runner, results = TaskRunner(), []
    runner.start(lambda: 6 * 7, on_done=results.append)
    qtbot.waitUntil(lambda: results == [42], timeout=5000)


def test_results_after_shutdown_go_nowhere(qtbot) -> None:
    """A window closing shuts its runner down; a scan finishing then must not reach its widgets."""
    runner, results, finished = TaskRunner(), [], []
    runner.start(lambda: "late", on_done=results.append, on_finally=lambda: finished.append(True))
    runner.shutdown()  # the job has run; its result is still queued for the GUI thread
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)
    assert results == [] and finished == []


def test_a_finished_job_and_what_it_holds_are_let_go(qtbot) -> None:
    """PySide keeps a QRunnable alive as long as its pool; each held the text it rendered."""
    runner, results = TaskRunner(), []
    runner.start(lambda: "x" * 1_000_000, on_done=results.append)
    job = weakref.ref(next(iter(runner._running.values())))
    qtbot.waitUntil(lambda: bool(results) and not runner.busy, timeout=5000)
    results.clear()
    gc.collect()
    assert job() is None
    assert not any(isinstance(thing, Job) for thing in gc.get_objects())
