"""Scroll sync on the real preview: the preview follows the editor, the editor follows the
preview, and typing keeps the preview where the writer is — in both Markdown flavours."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from desktop_app.core.paths import default_paths
from desktop_app.core.resources import resource_path
from desktop_app.core.sample import install_sample_blog
from desktop_app.core.settings import load_settings
from desktop_app.core.workspace import Workspace
from tests.ui.preview.test_preview import run_once

SECTIONS = 60
POST = "posts/long-read.md"


def long_post() -> str:
    """Sections of different heights (paragraphs, lists, code), so a proportional scroll is wrong."""
    parts = ["---", "title: A long read", "date: 2024-05-01", "---", ""]
    for number in range(1, SECTIONS + 1):
        parts += [f"## Section {number}", ""]
        parts += [f"Paragraph {number}.{k} " + "words flow on " * (8 + number % 7 * 6) for k in range(1 + number % 3)]
        parts += [""]
        if number % 4 == 0:
            parts += ["```python", *(f"value_{i} = {i}" for i in range(number % 9 + 2)), "```", ""]
        if number % 5 == 0:
            parts += [f"- item {i}" for i in range(number % 6 + 1)] + [""]
    return "\n".join(parts)


@pytest.fixture(params=["gfm", "python-markdown"])
def long_desk(request, qtbot, tmp_path: Path):  # noqa: ANN201 - yields a MainWindow
    from desktop_app.ui.context import UiContext
    from desktop_app.ui.notify import Notifier
    from desktop_app.ui.window.mainwindow import MainWindow
    from desktop_app.ui.workers import TaskRunner

    root = install_sample_blog(resource_path("sample-blog"), tmp_path / "blog", tmp_path / "origin.git")
    (root / ".postdesk.yml").write_text(f"preview:\n  flavor: {request.param}\n", encoding="utf-8")
    (root / POST).write_text(long_post(), encoding="utf-8")
    workspace = Workspace.open(root, default_paths())
    assert workspace.site.flavor == request.param
    notifier = Notifier(interactive=False)
    window = MainWindow(UiContext(workspace, TaskRunner(), notifier))
    window.resize(1400, 800)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.controller.document is not None, timeout=10000)
    assert window.controller.open_post(POST)
    qtbot.waitUntil(lambda: run_once(qtbot, window, "document.querySelectorAll('#postdesk-body h2').length")
                    == SECTIONS, timeout=15000)
    yield window
    notifier.answers[:] = ["discard"] * 3
    window.close()


def heading_line(window: Any, number: int) -> int:
    block = window.editor_pane.editor.document().find(f"## Section {number}\n".rstrip("\n"))
    return block.blockNumber()


def heading_top(qtbot, window: Any, number: int) -> float:
    """Where section `number`'s heading is, in pixels from the top of the preview's viewport."""
    return run_once(qtbot, window, f"document.querySelectorAll('#postdesk-body h2')[{number - 1}]"
                                   ".getBoundingClientRect().top")


def scroll_editor_to(window: Any, line: int) -> None:
    editor = window.editor_pane.editor
    block = editor.document().findBlockByNumber(line)
    editor.verticalScrollBar().setValue(block.firstLineNumber())


def test_the_preview_follows_the_editor_to_the_same_heading(qtbot, long_desk) -> None:
    for number in (37, 12, 55):
        scroll_editor_to(long_desk, heading_line(long_desk, number))
        qtbot.waitUntil(lambda: abs(heading_top(qtbot, long_desk, number)) < 30, timeout=5000)


def test_the_editor_follows_the_preview_to_the_same_heading(qtbot, long_desk) -> None:
    editor = long_desk.editor_pane.editor
    for number in (44, 9):
        run_once(qtbot, long_desk, f"window.scrollTo(0, document.querySelectorAll('#postdesk-body h2')[{number - 1}]"
                                   ".getBoundingClientRect().top + window.scrollY); 1")
        target = heading_line(long_desk, number)
        qtbot.waitUntil(lambda: abs(editor.firstVisibleBlock().blockNumber() - target) <= 1, timeout=5000)
    # The editor moving did not drag the preview somewhere else.
    qtbot.wait(300)
    assert abs(heading_top(qtbot, long_desk, 9)) < 30


def test_typing_keeps_the_preview_on_the_section_being_edited(qtbot, long_desk) -> None:
    editor = long_desk.editor_pane.editor
    line = heading_line(long_desk, 30)
    scroll_editor_to(long_desk, line)
    qtbot.waitUntil(lambda: abs(heading_top(qtbot, long_desk, 30)) < 30, timeout=5000)
    cursor = editor.textCursor()
    cursor.setPosition(editor.document().findBlockByNumber(line + 2).position())
    editor.setTextCursor(cursor)
    qtbot.keyClicks(editor, "Fresh words here. ")
    qtbot.waitUntil(lambda: "Fresh words here." in run_once(
        qtbot, long_desk, "document.querySelectorAll('#postdesk-body h2')[29].nextElementSibling.textContent"),
        timeout=10000)
    assert abs(heading_top(qtbot, long_desk, 30)) < 30


def test_view_menu_turns_sync_off_and_remembers_it(qtbot, long_desk) -> None:
    action = long_desk.actions.sync_scroll
    assert action.isChecked()
    action.trigger()
    assert not action.isChecked()
    assert load_settings(long_desk.context.workspace.paths).sync_scroll is False
    scroll_editor_to(long_desk, heading_line(long_desk, 40))
    qtbot.wait(400)
    assert run_once(qtbot, long_desk, "window.scrollY") == 0
    action.trigger()  # back on: the preview catches up with the editor at once
    qtbot.waitUntil(lambda: abs(heading_top(qtbot, long_desk, 40)) < 30, timeout=5000)
