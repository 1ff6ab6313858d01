"""The environment QtWebEngine reads when it starts, set before the first QApplication: the
offscreen platform on a machine without a display, and Chromium flags it needs there and as root.

Qt-free on purpose: it must run before Qt creates its application object.
"""

from __future__ import annotations

import os
import sys
from collections.abc import MutableMapping, Sequence

FLAGS_VARIABLE = "QTWEBENGINE_CHROMIUM_FLAGS"
# Chromium's own log lines (ERROR: no D-Bus system bus, a GPU context retried …) say nothing to a
# writer; FATAL only. QtWebEngine ignores Chromium's --log-file, so `postdesk --verbose` shows them.
QUIET_CHROMIUM = "--log-level=3"


def is_headless(environ: MutableMapping[str, str]) -> bool:
    """A Linux session with neither X11 nor Wayland: a server, a container, CI or ssh."""
    return sys.platform.startswith("linux") and not (environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"))


def has_gpu() -> bool:
    """Whether the session can see a GPU: on Linux a DRM device (/dev/dri). Without one, OpenGL
    is Mesa's software rasteriser (llvmpipe), as under Xvfb, in many VMs and remote desktops."""
    return not sys.platform.startswith("linux") or os.path.isdir("/dev/dri")


def prepare_qt_environment(extra_flags: Sequence[str] = (),
                           environ: MutableMapping[str, str] | None = None, verbose: bool = False) -> None:
    """Let QtWebEngine start where it otherwise fails: offscreen without a display (Qt aborts
    when it finds no screen), and without Chromium's sandbox as root (the sandbox refuses root);
    keep Chromium's log lines out of the terminal unless `verbose`; and draw web views in software,
    which keeps typing cheap. A platform, flag or Qt Quick backend the user already set is kept."""
    environ = os.environ if environ is None else environ
    flags: list[str] = ([] if verbose else [QUIET_CHROMIUM]) + list(extra_flags)
    if is_headless(environ):
        environ["QT_QPA_PLATFORM"] = environ.get("QT_QPA_PLATFORM") or "offscreen"
        flags.append("--disable-gpu")  # no GPU to use; spares Chromium's failed probes and their warnings
    elif not has_gpu():
        # OpenGL would be software (llvmpipe): loading it costs the process about 40 MiB (LLVM)
        # and composing the preview through it costs CPU on every frame, for pixels that Qt's
        # and Chromium's own software paths draw alike. A GL integration the user chose is kept.
        flags.append("--disable-gpu")
        environ.setdefault("QT_XCB_GL_INTEGRATION", "none")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        flags.append("--no-sandbox")
    # The preview's web view is drawn by Qt Quick. With its default GPU scene graph, Qt composes
    # the whole window through OpenGL from then on: every keystroke redraws the full window
    # (7-20 ms a key under Xvfb's software OpenGL, bench/keystrokes.py), and the window is
    # recreated when the preview first appears. Drawn in software, the window stays a raster
    # window and a keystroke repaints the editor's line. QT_QUICK_BACKEND=rhi brings the GPU back.
    environ.setdefault("QT_QUICK_BACKEND", "software")
    environ[FLAGS_VARIABLE] = with_flags(environ.get(FLAGS_VARIABLE, ""), flags)


def with_flags(current: str, flags: Sequence[str]) -> str:
    """`current` plus each flag whose switch (the part before `=`) it does not have yet."""
    words = current.split()
    switches = {word.partition("=")[0] for word in words}
    for flag in flags:
        if flag.partition("=")[0] not in switches:
            words.append(flag)
            switches.add(flag.partition("=")[0])
    return " ".join(words)


def prefer_color_scheme(dark: bool, environ: MutableMapping[str, str] | None = None) -> None:
    """Tell pages which colour scheme the app prefers, so a site's own dark CSS
    (`@media (prefers-color-scheme: dark)`) shows in the dark theme. Chromium reads this once,
    when QtWebEngine starts: a theme chosen later applies to site CSS at the next start.
    A `--blink-settings` the user passed is kept."""
    environ = os.environ if environ is None else environ
    scheme = "0" if dark else "1"  # Blink's PreferredColorScheme: kDark = 0, kLight = 1
    environ[FLAGS_VARIABLE] = with_flags(environ.get(FLAGS_VARIABLE, ""),
                                         [f"--blink-settings=preferredColorScheme={scheme}"])
