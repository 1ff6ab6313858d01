"""Fixtures that open the real main window on a fresh copy of the bundled sample blog."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import pytest

from desktop_app.core.paths import default_paths
from desktop_app.core.resources import resource_path
from desktop_app.core.sample import install_sample_blog
from desktop_app.core.workspace import Workspace
from tests.helpers import budget


@dataclass
class SampleBlog:
    root: Path
    origin: Path

    def git(self, *args: str, bare: bool = False) -> str:
        where = ["--git-dir", str(self.origin)] if bare else ["-C", str(self.root)]
        return subprocess.run(["git", *where, *args], check=True, capture_output=True, text=True).stdout


@pytest.fixture
def sample_blog(tmp_path: Path) -> SampleBlog:
    root = install_sample_blog(resource_path("sample-blog"), tmp_path / "blog", tmp_path / "origin.git")
    return SampleBlog(root, tmp_path / "origin.git")


@pytest.fixture
def desk(qtbot: Any, sample_blog: SampleBlog):  # noqa: ANN201 - yields a MainWindow
    """The main window on the sample blog, with its first post open and dialogs answered by tests."""
    from desktop_app.ui.context import UiContext
    from desktop_app.ui.notify import Notifier
    from desktop_app.ui.window.mainwindow import MainWindow
    from desktop_app.ui.workers import TaskRunner

    workspace = Workspace.open(sample_blog.root, default_paths())
    notifier = Notifier(interactive=False)
    window = MainWindow(UiContext(workspace, TaskRunner(), notifier))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.controller.document is not None, timeout=budget.ms(10_000))
    window.sample = sample_blog
    yield window
    notifier.answers[:] = ["discard"] * 3
    window.close()


def monospaced(widget: Any) -> bool:
    """Whether `widget`'s font gives every letter the same width, as a writer sees it (Qt's
    `fixedPitch()` reads the font's metadata: Debian's Noto Sans Mono says it is not)."""
    metrics = widget.fontMetrics()
    return metrics.horizontalAdvance("iiiiiiii") == metrics.horizontalAdvance("MMMMMMMM")


def page_probe(preview: Any, script: str) -> Callable[[], Any]:
    """The latest answer of `script` in the preview's page, for waitUntil (None until it answers).
    The page is asked again only once it answered: polling every 10 ms must not queue hundreds of
    calls on a renderer slowed by a loaded machine, each answering later than the last."""
    state: dict[str, Any] = {"value": None, "asking": False}

    def answered(value: Any) -> None:
        state.update(value=value, asking=False)

    def probe() -> Any:
        if not state["asking"]:
            state["asking"] = True
            preview.run_script(script, answered)
        return state["value"]
    return probe


def preview_text(qtbot: Any, window: Any, selector: str) -> Callable[[], str | None]:
    """A probe returning the latest textContent of `selector` in the preview (polled by waitUntil)."""
    return page_probe(window.preview,
                      f"(function(){{var e=document.querySelector({selector!r});return e?e.textContent:null;}})()")


def notes(desk: Any) -> list[str]:
    return [message for kind, message in desk.context.notifier.history if kind == "note"]


def errors(desk: Any) -> list[str]:
    return [message for kind, message in desk.context.notifier.history if kind == "error"]


def wait_note(qtbot: Any, desk: Any, prefix: str, timeout: int = 30000) -> None:
    """Wait for a status note starting with `prefix`; on timeout, say what the user saw instead."""
    try:
        qtbot.waitUntil(lambda: any(n.startswith(prefix) for n in notes(desk)), timeout=timeout)
    except Exception as exc:  # noqa: BLE001 - re-raised with the history
        raise AssertionError(f"no note {prefix!r}; the window showed {desk.context.notifier.history}") from exc


def wait_idle(qtbot: Any, desk: Any) -> None:
    """No git job left running (a late result would reach a closed window)."""
    qtbot.waitUntil(lambda: not desk.changes.busy and desk.changes.push_button.isEnabled()
                    and not desk.context.runner.busy, timeout=20000)
