"""A long writing session in fast-forward: thousands of edits and dozens of switches between posts
in the real window, with the live preview, form, journal and library following along. Memory
must stay flat once the session has warmed up (ghostwriter #708 grew to 4 GB over hours)."""

from __future__ import annotations

import gc
import os
import tracemalloc

from desktop_app.ui.notify import HISTORY_LIMIT

POSTS = ["posts/caching-unsung-hero.md", "posts/cqrs-read-write-separation.md",
         "posts/microservices-vs-monolith.md"]
EDITS_PER_VISIT = 50


def rss_mib() -> float:
    """This process's resident memory (QtWebEngine's renderer is a process of its own)."""
    with open(f"/proc/{os.getpid()}/statm", encoding="ascii") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def session(qtbot, desk, visits: int) -> None:
    """`visits` times: open a post, make EDITS_PER_VISIT edits (typing, form edits, undo), let the
    preview catch up, then save every other visit and discard the others."""
    controller, editor = desk.controller, desk.editor_pane.editor
    for visit in range(visits):
        assert controller.open_post(POSTS[visit % len(POSTS)])
        for edit in range(EDITS_PER_VISIT):
            if edit % 10 == 9:
                controller.apply_field("description", f"Edited {visit}.{edit}")
            elif edit % 10 == 4:
                editor.undo()
            elif edit % 5 == 2:  # every fifth edit, as a pause in typing would, lets the preview follow
                with qtbot.waitSignal(desk.preview.rendered, timeout=15000):
                    editor.replace_text(editor.text() + f"Sentence {visit}.{edit}. ")
            else:
                editor.replace_text(editor.text() + f"Sentence {visit}.{edit}. ")
        qtbot.waitUntil(lambda: desk.preview.last is not None and not desk.preview._in_flight, timeout=15000)
        if visit % 2:
            assert controller.save()
        else:
            desk.context.notifier.answers[:] = ["discard"]
            controller.discard_edits()
    qtbot.waitUntil(lambda: not desk.context.runner.busy and not desk.recovery.journal.runner.busy, timeout=15000)


def settle(qtbot, desk) -> None:
    """Every job finished and its results delivered, then a full garbage collection."""
    qtbot.waitUntil(lambda: not desk.context.runner.busy and not desk.preview.runner.busy, timeout=15000)
    gc.collect()


def test_memory_stays_flat_over_thousands_of_edits_and_switches(qtbot, desk) -> None:
    session(qtbot, desk, visits=12)  # warm up: caches, fonts, the page, the renderer
    settle(qtbot, desk)
    tracemalloc.start()
    rss_before = rss_mib()
    # Two stretches of 24 visits (2,400 edits, 48 switches, 24 saves in all): a leak grows in both,
    # whereas a one-off reallocation (Python's table of interned strings grows by 1.8 MiB at once
    # when a long session has filled it, whenever that happens to be) lands in one of them.
    growths = []
    for _stretch in range(2):
        python_before = tracemalloc.get_traced_memory()[0]
        session(qtbot, desk, visits=24)
        settle(qtbot, desk)
        growths.append((tracemalloc.get_traced_memory()[0] - python_before) / 2**20)
    rss_after = rss_mib()
    tracemalloc.stop()
    assert min(growths) < 1, f"Python objects grew by {growths[0]:.1f} and {growths[1]:.1f} MiB in 24 visits"
    assert rss_after - rss_before < 40, f"the process grew from {rss_before:.0f} to {rss_after:.0f} MiB"
    assert len(desk.context.notifier.history) <= HISTORY_LIMIT
