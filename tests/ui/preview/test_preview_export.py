"""File → Export as HTML / PDF: the post as it is in the editor at that moment, with its images."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.helpers.desk import notes, wait_note
from tests.ui.preview.test_preview import CQRS, wait_idle, wait_title

CQRS_TITLE = "CQRS: The Pattern That Separates How You Read and Write Data"


@pytest.fixture
def save_as(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):  # noqa: ANN201 - a setter
    """Answer the export's file dialog with a path of the test's choosing."""
    chosen: dict[str, Path] = {}
    monkeypatch.setattr("desktop_app.ui.window.mainwindow.QFileDialog.getSaveFileName",
                        lambda *args, **kwargs: (str(chosen["path"]), ""))
    return lambda name: chosen.__setitem__("path", tmp_path / name) or tmp_path / name


def open_cqrs(qtbot, desk) -> None:
    assert desk.controller.open_post(CQRS)
    wait_title(qtbot, desk, CQRS_TITLE)
    wait_idle(qtbot, desk)


def test_export_html_from_the_menu_has_the_latest_edit_with_the_preview_hidden(qtbot, desk, save_as) -> None:
    open_cqrs(qtbot, desk)
    desk.actions.toggle_preview.trigger()
    assert not desk.preview.isVisible()
    editor = desk.editor_pane.editor
    editor.replace_text(editor.toPlainText() + "\n\nA paragraph typed while the preview was hidden.\n")
    target = save_as("cqrs.html")
    desk.actions.export_html.trigger()
    wait_note(qtbot, desk, f"Exported {target}")
    page = target.read_text(encoding="utf-8")
    assert "A paragraph typed while the preview was hidden." in page
    assert f"<title>{CQRS_TITLE}</title>" in page
    # The page carries its pictures (the cover and the diagram), so it shows them anywhere.
    assert "file:///" not in page
    assert len(re.findall(r'<img[^>]*\ssrc="data:image/svg\+xml;base64,', page)) == 2


def test_export_pdf_from_the_menu_prints_an_edit_still_waiting_for_the_preview(qtbot, desk, save_as,
                                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    import desktop_app.core.render.page as page_module  # the preview loads it when it exports

    open_cqrs(qtbot, desk)
    desk.preview.timer.setInterval(600_000)  # the edit below never reaches the preview by itself
    printed: list[str] = []
    real_page = page_module.standalone_page
    monkeypatch.setattr(page_module, "standalone_page",
                        lambda site, header, body, title, dark=False: printed.append(body) or
                        real_page(site, header, body, title, dark))
    editor = desk.editor_pane.editor
    editor.replace_text(editor.toPlainText() + "\n\nTyped a moment before printing.\n")
    target = save_as("cqrs.pdf")
    with qtbot.waitSignal(desk.preview.pdf_exported, timeout=30000) as finished:
        desk.actions.export_pdf.trigger()
    assert finished.args == [str(target), True]
    assert target.read_bytes().startswith(b"%PDF")
    assert printed and "Typed a moment before printing." in printed[-1]
    assert "Typed a moment before printing." not in desk.preview.last.body_html  # the preview had not caught up
    wait_note(qtbot, desk, f"Exported {target}")
    assert notes(desk)
