"""Reviewing a change on the real window: the changes panel's Fields, Text and Rendered forms, and
a post's history with its versions and "Restore this version"."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import Qt

from desktop_app.ui.git.changes_panel import PathRole
from desktop_app.ui.preview.interceptor import PreviewRequestGuard
from desktop_app.ui.review.diff_view import FIELDS, RENDERED, TEXT, DiffView
from desktop_app.ui.review.history_panel import HistoryDialog
from tests.helpers.git_repos import commit_all, git

CACHING = "posts/caching-unsung-hero.md"
OLD_TITLE = 'title: "Caching: The Unsung Hero of Fast, Scalable Systems"'
NEW_TITLE = 'title: "Caching: The Quiet Hero of Fast, Scalable Systems"'
FIRST_WORDS = 'Nobody puts "we added a cache" in a launch announcement'
EDITED_WORDS = 'Nobody puts "we added a cache" in a product announcement'


def edit(root: Path, relative: str, old: str, new: str) -> None:
    path = root / relative
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def page_value(qtbot: Any, view: DiffView, script: str, timeout: int = 15000) -> Any:
    """The JSON value `script` computes in the rendered diff's page, once it returns one."""
    box: dict[str, Any] = {}

    def probe() -> bool:
        view.run_script(script, lambda value: box.__setitem__("value", value))
        return box.get("value") not in (None, "", "null")
    qtbot.waitUntil(probe, timeout=timeout)
    return json.loads(box["value"])


MARKS = """JSON.stringify((function () {
  var body = document.getElementById('postdesk-body');
  if (!body || !document.querySelector('.pd-summary') || document.readyState !== 'complete') { return null; }
  var text = function (nodes) { return Array.prototype.map.call(nodes, function (e) { return e.textContent; }); };
  var struck = document.querySelector('.pd-del-block');
  return {ins: text(document.querySelectorAll('ins.pd-ins')), del: text(document.querySelectorAll('del.pd-del')),
          delBlocks: text(document.querySelectorAll('.pd-del-block')),
          insBlocks: text(document.querySelectorAll('.pd-ins-block')),
          struck: struck ? getComputedStyle(struck).textDecorationLine : '',
          delShown: Array.prototype.every.call(document.querySelectorAll('del.pd-del'),
                                               function (e) { return getComputedStyle(e).display !== 'none'; }),
          plain: document.documentElement.classList.contains('pd-plain'),
          scripts: document.querySelectorAll('script').length,
          summary: document.querySelector('.pd-summary').textContent,
          title: (document.querySelector('.post-title') || {}).textContent};
})())"""
PLAIN = """JSON.stringify((function () {
  if (!document.documentElement.classList.contains('pd-plain')) { return null; }
  var shown = Array.prototype.filter.call(document.querySelectorAll('.pd-del-block, del.pd-del'),
                                          function (e) { return e.getClientRects().length > 0; });
  return {plain: true, deletedShown: shown.length};
})())"""


def select_changed(qtbot: Any, desk: Any, path: str) -> DiffView:
    desk.modes.show_changes()  # as the status bar's count of changed posts does: review mode, Changes open
    panel = desk.changes
    panel.refresh()

    def row() -> Any:
        return next((panel.files.item(r) for r in range(panel.files.count())
                     if panel.files.item(r).data(PathRole) == path), None)
    qtbot.waitUntil(lambda: row() is not None and not panel.busy, timeout=10000)
    with qtbot.waitSignal(panel.diff.shown, timeout=15000):
        panel.files.setCurrentItem(row())
    return panel.diff


def word_formats(view: DiffView, starts_with: str) -> list[str]:
    """The words drawn in the changed-word format on the Text tab's line starting `starts_with`."""
    document = view.text.document()
    block = document.begin()
    while block.isValid() and not block.text().startswith(starts_with):
        block = block.next()
    assert block.isValid(), starts_with
    return [block.text()[r.start:r.start + r.length] for r in block.layout().formats()
            if r.format.fontWeight() == 600]


def test_a_changed_post_shows_fields_words_and_a_rendered_diff(qtbot, desk) -> None:
    root = desk.sample.root
    edit(root, CACHING, OLD_TITLE, NEW_TITLE)
    edit(root, CACHING, "tags: [caching, performance, system-design]", "tags: [caching, performance, redis]")
    edit(root, CACHING, FIRST_WORDS, EDITED_WORDS)
    view = select_changed(qtbot, desk, CACHING)

    view.select(FIELDS)
    fields = view.fields.toPlainText().splitlines()
    assert "title: Caching: The Unsung Hero of Fast, Scalable Systems → Caching: The Quiet Hero of Fast, Scalable " \
           "Systems" in fields
    assert "tags: +redis −system-design" in fields

    view.select(TEXT)
    assert word_formats(view, '+title:') == ["Quiet"] and word_formats(view, '-title:') == ["Unsung"]
    assert word_formats(view, "+Nobody") == ["product"] and word_formats(view, "-Nobody") == ["launch"]
    assert view.heading.text() == f"{CACHING} · Last commit → Working copy"

    view.select(RENDERED)
    marks = page_value(qtbot, view, MARKS)
    assert {"Quiet", "product", "redis"} <= set(marks["ins"])
    assert {"Unsung", "launch"} <= set(marks["del"])
    assert marks["title"] == "Caching: The UnsungQuiet Hero of Fast, Scalable Systems"
    assert marks["scripts"] == 0 and marks["summary"].startswith("Last commit → Working copy.")
    assert isinstance(view.rendered.guard, PreviewRequestGuard)  # the preview's request rules apply


def test_the_rendered_diff_strikes_a_deleted_block_and_hides_marks_on_request(qtbot, desk) -> None:
    root = desk.sample.root
    text = (root / CACHING).read_text(encoding="utf-8")
    first_paragraph = next(p for p in text.split("\n\n") if p.startswith("Nobody puts"))
    (root / CACHING).write_text(text.replace(first_paragraph + "\n\n", "## A brand new section\n\n"),
                                encoding="utf-8")
    view = select_changed(qtbot, desk, CACHING)
    view.select(RENDERED)
    marks = page_value(qtbot, view, MARKS)
    assert len(marks["delBlocks"]) == 1 and marks["delBlocks"][0].startswith("Nobody puts")
    assert marks["struck"] == "line-through"
    assert marks["insBlocks"] == ["A brand new section"]
    view.rendered.marks.setChecked(False)  # the version as the site shows it: deletions hidden
    plain = page_value(qtbot, view, PLAIN)
    assert plain == {"plain": True, "deletedShown": 0}


def test_a_new_post_is_all_inserted(qtbot, desk) -> None:
    path = desk.sample.root / "posts" / "fresh.md"
    path.write_text("---\ntitle: Fresh\ntags: [new]\n---\n\nBrand new words.\n", encoding="utf-8")
    view = select_changed(qtbot, desk, "posts/fresh.md")
    assert "+ title: Fresh" in view.fields.toPlainText().splitlines()
    assert "+Brand new words." in view.toPlainText().splitlines()
    view.select(RENDERED)
    marks = page_value(qtbot, view, MARKS)
    assert "Brand new words." in marks["insBlocks"] and marks["delBlocks"] == []
    assert marks["summary"] == "Last commit → Working copy. New post."


# --- history -----------------------------------------------------------------------------------


def commit_two_edits(root: Path) -> None:
    edit(root, CACHING, OLD_TITLE, NEW_TITLE)
    commit_all(root, "Retitle the caching post")
    edit(root, CACHING, FIRST_WORDS, EDITED_WORDS)
    commit_all(root, "Say product, not launch")


def open_history(qtbot: Any, desk: Any) -> Any:
    desk.controller.open_post(CACHING)
    desk.history_action.trigger()
    dialog = desk.findChild(HistoryDialog)
    assert dialog is not None and dialog.isVisible()
    panel = dialog.panel
    qtbot.waitUntil(lambda: panel.commits.count() == 3, timeout=10000)
    return panel


def settle(qtbot: Any, desk: Any) -> None:
    """Let the refreshes a restore starts (library, changes) finish before the window closes."""
    qtbot.waitUntil(lambda: not desk.context.runner.busy, timeout=10000)


def choose(qtbot: Any, panel: Any, subject: str) -> None:
    row = next(r for r in range(panel.commits.count()) if panel.commits.item(r).text().startswith(subject + "\n"))
    with qtbot.waitSignal(panel.diff.shown, timeout=15000):
        panel.commits.setCurrentRow(row)


def test_history_lists_the_commits_of_the_post_and_shows_each_change(qtbot, desk) -> None:
    root = desk.sample.root
    commit_two_edits(root)
    edit(root, "posts/cqrs-read-write-separation.md", "author: Marcus Chen", "author: Grace Hopper")
    commit_all(root, "Another post's change")  # not in this post's history
    panel = open_history(qtbot, desk)
    rows = [panel.commits.item(r).text() for r in range(panel.commits.count())]
    assert [row.split("\n")[0] for row in rows] == ["Say product, not launch", "Retitle the caching post",
                                                    "Start the sample blog"]
    short = git(root, "rev-parse", "--short", "HEAD~2")
    assert rows[1].split("\n")[1].startswith("Test Writer · ") and rows[1].endswith(f" · {short}")
    assert rows[2].split("\n")[1].startswith("Postdesk · ")

    choose(qtbot, panel, "Retitle the caching post")
    assert any(line.startswith("title: Caching: The Unsung Hero") and line.endswith("The Quiet Hero of Fast, "
               "Scalable Systems") for line in panel.diff.fields.toPlainText().splitlines())
    marks = page_value(qtbot, panel.diff, MARKS)  # the history opens on the rendered form
    assert marks["ins"] == ["Quiet"] and marks["del"] == ["Unsung"]
    assert panel.restore_button.isEnabled()


def test_restoring_a_version_is_a_change_to_commit_and_the_editor_shows_it(qtbot, desk) -> None:
    root = desk.sample.root
    original = (root / CACHING).read_bytes()
    commit_two_edits(root)
    head = git(root, "rev-parse", "HEAD")
    panel = open_history(qtbot, desk)
    qtbot.waitUntil(lambda: desk.controller.document.saved_text.find("product announcement") > 0, timeout=10000)
    choose(qtbot, panel, "Start the sample blog")
    with qtbot.waitSignal(panel.restored, timeout=10000):
        qtbot.mouseClick(panel.restore_button, Qt.MouseButton.LeftButton)
    assert (root / CACHING).read_bytes() == original
    assert git(root, "rev-parse", "HEAD") == head  # no commit, no rewritten history
    assert subprocess.run(["git", "status", "--porcelain"], cwd=root, capture_output=True, text=True).stdout == \
        f" M {CACHING}\n"
    editor_text = desk.controller.editor.text()
    assert "launch announcement" in editor_text and "Unsung Hero" in editor_text
    assert not desk.controller.is_modified()
    notes = [m for kind, m in desk.context.notifier.history if kind == "note"]
    assert any(m.startswith("Restored “Caching: The ") and "Review and commit it" in m for m in notes)
    settle(qtbot, desk)


def test_restore_asks_about_unsaved_edits_and_undo_brings_them_back(qtbot, desk) -> None:
    root = desk.sample.root
    commit_two_edits(root)
    panel = open_history(qtbot, desk)
    choose(qtbot, panel, "Retitle the caching post")
    editor = desk.controller.editor
    qtbot.waitUntil(lambda: "product announcement" in editor.text(), timeout=10000)
    editor.replace_text(editor.text() + "\nMy unsaved paragraph.\n")
    before = (root / CACHING).read_bytes()

    desk.context.notifier.answers[:] = [False]  # "Restore anyway?" → Cancel
    qtbot.mouseClick(panel.restore_button, Qt.MouseButton.LeftButton)
    assert (root / CACHING).read_bytes() == before and "My unsaved paragraph." in editor.text()

    desk.context.notifier.answers[:] = [True]
    with qtbot.waitSignal(panel.restored, timeout=10000):
        qtbot.mouseClick(panel.restore_button, Qt.MouseButton.LeftButton)
    assert "launch announcement" in editor.text() and "My unsaved paragraph." not in editor.text()
    editor.undo()
    assert "My unsaved paragraph." in editor.text()
    settle(qtbot, desk)


def test_restore_over_uncommitted_changes_keeps_a_copy(qtbot, desk) -> None:
    root = desk.sample.root
    commit_two_edits(root)
    panel = open_history(qtbot, desk)
    edit(root, CACHING, "A badly placed one", "An uncommitted edit: a badly placed one")
    mine = (root / CACHING).read_text(encoding="utf-8")
    choose(qtbot, panel, "Start the sample blog")
    desk.context.notifier.answers[:] = [True]  # "has changes that are not committed yet … Restore?"
    with qtbot.waitSignal(panel.restored, timeout=10000):
        qtbot.mouseClick(panel.restore_button, Qt.MouseButton.LeftButton)
    questions = [m for kind, m in desk.context.notifier.history if kind == "confirm"]
    assert any("not committed yet" in q for q in questions)
    kept = list((desk.context.workspace.paths.data_dir / "restored").glob("caching-unsung-hero.*.md"))
    assert len(kept) == 1 and kept[0].read_text(encoding="utf-8") == mine
    assert "launch announcement" in (root / CACHING).read_text(encoding="utf-8")
    settle(qtbot, desk)


def test_a_long_history_loads_older_commits_on_request(qtbot, desk, monkeypatch) -> None:
    from desktop_app.ui.review import history_panel

    monkeypatch.setattr(history_panel, "PAGE_SIZE", 2)
    commit_two_edits(desk.sample.root)
    desk.controller.open_post(CACHING)
    desk.history_action.trigger()
    panel = desk.findChild(HistoryDialog).panel
    qtbot.waitUntil(lambda: panel.commits.count() == 2 and panel.older.isVisible(), timeout=10000)
    qtbot.mouseClick(panel.older, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.commits.count() == 3, timeout=10000)
    assert not panel.older.isVisible()
    assert panel.commits.item(2).text().startswith("Start the sample blog\n")
    settle(qtbot, desk)


# --- the pages go before QtWebEngine does ----------------------------------------------------------


def test_closing_a_window_frees_its_rendered_diff_and_showing_it_again_reloads_it(qtbot, desk) -> None:
    """A page alive when QtWebEngine tears its profiles down with the application crashes the
    process at exit ("Release of profile requested but WebEnginePage still not deleted"), and a
    closed window may not be deleted before then: closing frees the pages at once."""
    root = desk.sample.root
    commit_two_edits(root)
    panel = open_history(qtbot, desk)
    choose(qtbot, panel, "Retitle the caching post")
    assert page_value(qtbot, panel.diff, MARKS)["ins"] == ["Quiet"]
    rendered = panel.diff.rendered
    page, profile = rendered.view.page(), rendered._profile

    panel.window().close()  # the history dialog's Close
    assert rendered.view is None and not shiboken6.isValid(page) and shiboken6.isValid(profile)

    desk.history_action.trigger()  # opened again, on the newest commit
    qtbot.waitUntil(lambda: rendered.view is not None, timeout=10000)
    assert page_value(qtbot, panel.diff, MARKS)["ins"] == ["product"]
    assert rendered._profile is profile  # one profile for the widget's life
    panel.window().reject()  # Esc: hidden without a close event, freed all the same
    assert rendered.view is None
    desk.history_action.trigger()
    qtbot.waitUntil(lambda: rendered.view is not None, timeout=10000)

    edit(root, CACHING, EDITED_WORDS, EDITED_WORDS.replace("product", "press"))
    changes = select_changed(qtbot, desk, CACHING)
    changes.select(RENDERED)
    assert page_value(qtbot, changes, MARKS)["ins"] == ["press"]
    pages = [changes.rendered.view.page(), rendered.view.page()]
    qtbot.waitUntil(lambda: not desk.context.runner.busy, timeout=10000)
    desk.close()  # the main window: also frees the history dialog's page, left open above it
    assert changes.rendered.view is None and rendered.view is None
    assert not any(shiboken6.isValid(page) for page in pages)
