"""Objects alive once the window has settled are frozen out of later garbage collections (a full
collection held a keystroke up to 57 ms), without keeping what has since become garbage."""

from __future__ import annotations

import gc
import weakref

from desktop_app.ui.gc_policy import freeze_long_lived


class Node:
    def __init__(self) -> None:
        self.me = self  # a reference cycle: only the collector frees it


def test_garbage_that_a_freeze_kept_is_collected_at_the_next() -> None:
    node = Node()
    gone = weakref.ref(node)
    try:
        freeze_long_lived()
        del node
        gc.collect()
        assert gone() is not None  # frozen: collections leave it out, which is what keeps them short
        freeze_long_lived()  # the next library reload
        assert gone() is None
    finally:
        gc.unfreeze()
