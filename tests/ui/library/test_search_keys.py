"""From the library's search box to the results and the editor by keyboard alone."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.helpers import budget

CQRS = "posts/cqrs-read-write-separation.md"


def focused(widget):  # noqa: ANN001, ANN201
    """Whether `widget` has its window's keyboard focus. (Offscreen, opening a post's preview can
    take the window's activation away; the window's focus widget is still the one keys go to.)"""
    return lambda: widget.window().focusWidget() is widget


def search_for(qtbot, desk, text: str) -> None:  # noqa: ANN001
    desk.activateWindow()
    qtbot.waitUntil(desk.isActiveWindow, timeout=budget.ms(3000))
    desk.library.search.setFocus()
    qtbot.waitUntil(desk.library.search.hasFocus, timeout=budget.ms(3000))
    qtbot.keyClicks(desk.library.search, text)


def test_down_from_the_search_goes_to_the_first_result_and_opens_it(qtbot, desk) -> None:
    search_for(qtbot, desk, "cqrs")
    qtbot.keyClick(desk.library.search, Qt.Key.Key_Down)
    qtbot.waitUntil(focused(desk.library.list), timeout=budget.ms(3000))
    assert desk.library.current_path() == CQRS and desk.controller.document.path == CQRS
    qtbot.keyClick(desk.library.list, Qt.Key.Key_Up)  # on the first result: back to the search
    qtbot.waitUntil(focused(desk.library.search), timeout=budget.ms(3000))
    assert desk.library.search.text() == "cqrs"


def test_enter_in_the_search_opens_the_first_result_for_writing(qtbot, desk) -> None:
    search_for(qtbot, desk, "cqrs")
    qtbot.keyClick(desk.library.search, Qt.Key.Key_Return)
    qtbot.waitUntil(focused(desk.editor_pane.editor), timeout=budget.ms(3000))
    assert desk.controller.document.path == CQRS
    before = desk.editor_pane.text()
    qtbot.keyClicks(desk.editor_pane.editor, "x")  # the next key is typed into the post
    assert desk.editor_pane.text() != before


def test_down_moves_on_through_the_results(qtbot, desk) -> None:
    search_for(qtbot, desk, "the")
    qtbot.keyClick(desk.library.search, Qt.Key.Key_Down)
    qtbot.waitUntil(focused(desk.library.list), timeout=budget.ms(3000))
    first = desk.library.current_path()
    qtbot.keyClick(desk.library.list, Qt.Key.Key_Down)
    assert desk.library.current_path() != first and desk.controller.document.path == desk.library.current_path()


def test_keys_with_nothing_found_stay_in_the_search(qtbot, desk) -> None:
    opened = desk.controller.document.path
    search_for(qtbot, desk, "zzqqxx")
    qtbot.keyClick(desk.library.search, Qt.Key.Key_Down)
    qtbot.keyClick(desk.library.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: desk.library.model.settled, timeout=budget.ms(3000))  # the keys waited for it
    assert focused(desk.library.search)() and desk.controller.document.path == opened


def test_a_key_pressed_before_the_results_arrive_waits_for_them(qtbot, desk) -> None:
    """Searches are answered off the GUI thread: Down typed at once acts on the new results,
    not on the whole library still shown (whose first post is another)."""
    library = desk.library
    search_for(qtbot, desk, "cqrs")
    assert not library.model.settled and library.model.visible_posts[0].path != CQRS
    qtbot.keyClick(library.search, Qt.Key.Key_Down)
    qtbot.waitUntil(focused(library.list), timeout=budget.ms(3000))
    assert library.current_path() == CQRS and desk.controller.document.path == CQRS


def test_enter_in_the_results_writes_in_the_chosen_post(qtbot, desk) -> None:
    search_for(qtbot, desk, "the")
    qtbot.keyClick(desk.library.search, Qt.Key.Key_Down)
    qtbot.waitUntil(focused(desk.library.list), timeout=budget.ms(3000))
    qtbot.keyClick(desk.library.list, Qt.Key.Key_Down)  # the second result
    chosen = desk.library.current_path()
    qtbot.keyClick(desk.library.list, Qt.Key.Key_Return)
    qtbot.waitUntil(focused(desk.editor_pane.editor), timeout=budget.ms(3000))
    assert desk.controller.document.path == chosen
