"""A private X display and a small X client for the typing benchmarks, through ctypes.

`Xvfb` gives every run the same screen whatever the machine has (or lacks). `XClient` drives
an application as a user would, from outside its process: XTest key presses go through the X
server to the application's window, and XDamage on the root window reports when the server
has drawn the application's answer. That is the same measurement for Postdesk and for any
other editor (ghostwriter), so their figures compare.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import select
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager

SCREEN = "1440x900x24"

# Keysym names of the characters the benchmarks type, and those typed with Shift on a US keymap.
KEYSYMS = {" ": "space", ".": "period", ",": "comma", "\n": "Return", "`": "grave", "~": "grave"}
SHIFTED = set("~ABCDEFGHIJKLMNOPQRSTUVWXYZ")


def have_xvfb() -> bool:
    return shutil.which("Xvfb") is not None and ctypes.util.find_library("X11") is not None


@contextmanager
def xvfb(screen: str = SCREEN) -> Iterator[str]:
    """A fresh Xvfb on a free display number (the server picks it: -displayfd); yields ":N"."""
    read, write = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", screen, "-nolisten", "tcp"],
                              pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    try:
        with os.fdopen(read) as pipe:
            number = pipe.readline().strip()
        if not number:
            raise RuntimeError("Xvfb did not start")
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(10)


class _Event(ctypes.Structure):  # XEvent is a union of 24 longs; the type comes first
    _fields_ = [("type", ctypes.c_int), ("pad", ctypes.c_long * 24)]


class _Attributes(ctypes.Structure):  # XWindowAttributes
    _fields_ = [("x", ctypes.c_int), ("y", ctypes.c_int), ("width", ctypes.c_int), ("height", ctypes.c_int),
                ("border_width", ctypes.c_int), ("depth", ctypes.c_int), ("visual", ctypes.c_void_p),
                ("root", ctypes.c_ulong), ("class_", ctypes.c_int), ("bit_gravity", ctypes.c_int),
                ("win_gravity", ctypes.c_int), ("backing_store", ctypes.c_int), ("backing_planes", ctypes.c_ulong),
                ("backing_pixel", ctypes.c_ulong), ("save_under", ctypes.c_int), ("colormap", ctypes.c_ulong),
                ("map_installed", ctypes.c_int), ("map_state", ctypes.c_int), ("all_event_masks", ctypes.c_long),
                ("your_event_mask", ctypes.c_long), ("do_not_propagate_mask", ctypes.c_long),
                ("override_redirect", ctypes.c_int), ("screen", ctypes.c_void_p)]


# A window can go between finding it and using it: X errors are ignored, not fatal to the process.
_ERROR_HANDLER = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p)(lambda _display, _error: 0)


class XClient:
    """One connection to `display`: finds windows, types keys, waits for the server to draw."""

    def __init__(self, display: str) -> None:
        x11 = self.x11 = ctypes.CDLL(ctypes.util.find_library("X11"))
        self.xtst = ctypes.CDLL(ctypes.util.find_library("Xtst"))
        self.xdamage = ctypes.CDLL(ctypes.util.find_library("Xdamage"))
        x11.XOpenDisplay.restype = ctypes.c_void_p
        x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
        self.dpy = x11.XOpenDisplay(display.encode())
        if not self.dpy:
            raise RuntimeError(f"cannot open display {display}")
        ulong, vp = ctypes.c_ulong, ctypes.c_void_p
        x11.XDefaultRootWindow.restype = ulong
        x11.XDefaultRootWindow.argtypes = [vp]
        x11.XInternAtom.restype = ulong
        x11.XInternAtom.argtypes = [vp, ctypes.c_char_p, ctypes.c_int]
        x11.XStringToKeysym.restype = ulong
        x11.XStringToKeysym.argtypes = [ctypes.c_char_p]
        x11.XKeysymToKeycode.restype = ctypes.c_ubyte
        x11.XKeysymToKeycode.argtypes = [vp, ulong]
        x11.XQueryTree.argtypes = [vp, ulong, ctypes.POINTER(ulong), ctypes.POINTER(ulong),
                                   ctypes.POINTER(ctypes.POINTER(ulong)), ctypes.POINTER(ctypes.c_uint)]
        x11.XGetWindowProperty.argtypes = [vp, ulong, ulong, ctypes.c_long, ctypes.c_long, ctypes.c_int, ulong,
                                           ctypes.POINTER(ulong), ctypes.POINTER(ctypes.c_int),
                                           ctypes.POINTER(ulong), ctypes.POINTER(ulong), ctypes.POINTER(vp)]
        x11.XFree.argtypes = [vp]
        x11.XFlush.argtypes = [vp]
        x11.XSync.argtypes = [vp, ctypes.c_int]
        x11.XPending.argtypes = [vp]
        x11.XNextEvent.argtypes = [vp, ctypes.POINTER(_Event)]
        x11.XConnectionNumber.argtypes = [vp]
        x11.XSetInputFocus.argtypes = [vp, ulong, ctypes.c_int, ulong]
        x11.XMoveResizeWindow.argtypes = [vp, ulong, ctypes.c_int, ctypes.c_int, ctypes.c_uint, ctypes.c_uint]
        x11.XRaiseWindow.argtypes = [vp, ulong]
        x11.XGetWindowAttributes.argtypes = [vp, ulong, ctypes.POINTER(_Attributes)]
        x11.XSetErrorHandler(_ERROR_HANDLER)
        self.xtst.XTestFakeKeyEvent.argtypes = [vp, ctypes.c_uint, ctypes.c_int, ulong]
        self.xdamage.XDamageQueryExtension.argtypes = [vp, ctypes.POINTER(ctypes.c_int), ctypes.POINTER(ctypes.c_int)]
        self.xdamage.XDamageCreate.restype = ulong
        self.xdamage.XDamageCreate.argtypes = [vp, ulong, ctypes.c_int]
        self.xdamage.XDamageSubtract.argtypes = [vp, ulong, ulong, ulong]
        self.root = x11.XDefaultRootWindow(self.dpy)
        event_base, error_base = ctypes.c_int(), ctypes.c_int()
        if not self.xdamage.XDamageQueryExtension(self.dpy, ctypes.byref(event_base), ctypes.byref(error_base)):
            raise RuntimeError("the X server has no DAMAGE extension")
        self.damage_notify = event_base.value  # XDamageNotify = 0
        # Drawing into any window shows as damage on the root (as screen sharing tools watch it).
        self.damage = self.xdamage.XDamageCreate(self.dpy, self.root, 3)  # XDamageReportNonEmpty
        self._pid_atom = x11.XInternAtom(self.dpy, b"_NET_WM_PID", 0)
        x11.XSync(self.dpy, 0)

    def close(self) -> None:
        self.x11.XCloseDisplay(ctypes.c_void_p(self.dpy))

    # --- windows --------------------------------------------------------------------------------

    def _children(self, window: int) -> list[int]:
        root, parent = ctypes.c_ulong(), ctypes.c_ulong()
        children, count = ctypes.POINTER(ctypes.c_ulong)(), ctypes.c_uint()
        if not self.x11.XQueryTree(self.dpy, window, ctypes.byref(root), ctypes.byref(parent),
                                   ctypes.byref(children), ctypes.byref(count)):
            return []
        found = [children[index] for index in range(count.value)]
        if children:
            self.x11.XFree(children)
        return found

    def _pid(self, window: int) -> int | None:
        kind, fmt, items, after = ctypes.c_ulong(), ctypes.c_int(), ctypes.c_ulong(), ctypes.c_ulong()
        data = ctypes.c_void_p()
        status = self.x11.XGetWindowProperty(self.dpy, window, self._pid_atom, 0, 1, 0, 6,  # XA_CARDINAL
                                             ctypes.byref(kind), ctypes.byref(fmt), ctypes.byref(items),
                                             ctypes.byref(after), ctypes.byref(data))
        if status != 0 or not data.value:
            return None
        pid = ctypes.cast(data, ctypes.POINTER(ctypes.c_ulong))[0] if items.value else None
        self.x11.XFree(data)
        return pid

    def window_of(self, pid: int) -> int | None:
        """The largest shown top-level window of the process `pid` (Qt sets _NET_WM_PID on each)."""
        shown = []
        for window in self._children(self.root):
            attributes = _Attributes()
            if self._pid(window) == pid and self.x11.XGetWindowAttributes(self.dpy, window, ctypes.byref(attributes)) \
                    and attributes.map_state == 2:  # IsViewable
                shown.append((attributes.width * attributes.height, window))
        return max(shown)[1] if shown else None

    def place(self, window: int, x: int, y: int, width: int, height: int) -> None:
        """Give the window a size and focus, as a window manager would (Xvfb runs none)."""
        self.x11.XMoveResizeWindow(self.dpy, window, x, y, width, height)
        self.x11.XRaiseWindow(self.dpy, window)
        self.x11.XSetInputFocus(self.dpy, window, 2, 0)  # RevertToParent, CurrentTime
        self.x11.XSync(self.dpy, 0)

    # --- input ----------------------------------------------------------------------------------

    def keycode(self, name: str) -> int:
        code = self.x11.XKeysymToKeycode(self.dpy, self.x11.XStringToKeysym(name.encode()))
        if not code:
            raise ValueError(f"no key for {name!r}")
        return code

    def key(self, name: str, *modifiers: str) -> None:
        """Press and release one key (a keysym name: "a", "space", "End"), holding `modifiers`."""
        codes = [self.keycode(m) for m in modifiers] + [self.keycode(name)]
        for code in codes:
            self.xtst.XTestFakeKeyEvent(self.dpy, code, 1, 0)
        for code in reversed(codes):
            self.xtst.XTestFakeKeyEvent(self.dpy, code, 0, 0)
        self.x11.XFlush(self.dpy)

    def send(self, key: str) -> None:
        """Type `key`: one character, or a keysym name ("BackSpace")."""
        name, modifiers = keystroke(key)
        self.key(name, *modifiers)

    # --- drawing --------------------------------------------------------------------------------

    def quiet(self, seconds: float, limit: float = 10.0) -> bool:
        """Wait until nothing has been drawn for `seconds` (at most `limit`): the app is idle."""
        end = time.perf_counter() + limit
        while time.perf_counter() < end:
            self.arm()
            if self.wait_damage(seconds) is None:
                return True
        return False

    def arm(self) -> None:
        """Forget what was drawn so far: the next drawing reports anew."""
        self.xdamage.XDamageSubtract(self.dpy, self.damage, 0, 0)
        self.x11.XSync(self.dpy, 0)  # the subtract is done and earlier reports are queued
        event = _Event()
        while self.x11.XPending(self.dpy):
            self.x11.XNextEvent(self.dpy, ctypes.byref(event))

    def wait_damage(self, timeout: float) -> float | None:
        """perf_counter() when the server reports drawing since `arm()`, or None after `timeout` s."""
        end = time.perf_counter() + timeout
        event = _Event()
        fd = self.x11.XConnectionNumber(self.dpy)
        while True:
            while self.x11.XPending(self.dpy):
                self.x11.XNextEvent(self.dpy, ctypes.byref(event))
                if event.type == self.damage_notify:
                    return time.perf_counter()
            left = end - time.perf_counter()
            if left <= 0:
                return None
            select.select([fd], [], [], left)

    def type_key(self, key: str, timeout: float = 1.0) -> float | None:
        """Milliseconds from pressing `key` (see `keystroke`) until the server has drawn the first
        answer to it (None: nothing was drawn within `timeout`). Call when the app is quiet."""
        self.arm()
        start = time.perf_counter()
        self.send(key)
        drawn = self.wait_damage(timeout)
        return None if drawn is None else (drawn - start) * 1000


def keystroke(key: str) -> tuple[str, tuple[str, ...]]:
    """The keysym and modifiers that type `key`: one character, or a keysym name ("BackSpace")."""
    if len(key) > 1:
        return key, ()
    return KEYSYMS.get(key, key.lower()), ("Shift_L",) if key in SHIFTED else ()
