"""Python's garbage collector kept off the keystroke path.

A full collection walks every object the collector tracks: in the window that is the widgets'
wrappers, the modules, the library and whatever a render made, 20-60 ms on the 2-core machine.
It runs in whichever thread allocates when the counts say so, most often the preview's render
thread, and it holds the GIL all along, so a keystroke waits for it (bench/keystrokes.py, paced
typing). Objects that live as long as the window are frozen instead: later collections leave them
out, and a full one then walks only what renders made (1-6 ms).
"""

from __future__ import annotations

import gc


def freeze_long_lived() -> None:
    """Collect once, then take everything alive now out of later collections. Call when the window
    has settled: after start-up and after each library reload (the previous freeze is undone first,
    so what it froze and has since become garbage is collected too)."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()
