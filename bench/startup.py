"""How fast Postdesk starts against ghostwriter, on the same post and the same X display:
`python bench/startup.py`.

Both editors are started as a user starts them (`python -m desktop_app post.md`; Debian's
`ghostwriter post.md`), alternately, on a private Xvfb (1440×900, no window manager, no GPU).
From outside each process, an X client watching the server sees, counted from the moment the
process was started:
- mapped: the editor's main window appears on the screen (MapNotify);
- painted: the server has the window's first drawing (XDamage);
- preview shows text: the first drawing after which the top of the preview's column (the right
  of the window) shows text, not a flat blank page or placeholder (read back from the server);
- settled: the last drawing before the screen stays still for a second (none for ghostwriter, which
  redraws its whole window twice a second: its QtWebEngine view makes it an OpenGL window);
- PSS: the proportional memory of the process and all its children (QtWebEngine's helpers)
  5 s after the start, from /proc/<pid>/smaps_rollup.
Postdesk also writes down, when POSTDESK_START_TRACE names a file (`desktop_app/ui/start_trace.py`),
when its window first painted, when the library was first painted with posts in it, when the post
was open, when the preview's place showed the picture kept of the last run's preview (when it
shows the same render at the same size: `ui/preview/kept_render.py`) and when the live page first
showed the post, on the same clock (CLOCK_MONOTONIC).

Targets (issue 16): the window painted with the library listed no later than ghostwriter's window
is painted, in the same run; the preview within 0.6 s (checked twice: the preview on the screen as
the X server sees it, the kept picture counting, and the live page); the tree's PSS at most 1.1×
ghostwriter's.

Each editor first starts once unmeasured (Python writes its bytecode caches, as an installed
Postdesk has them; Postdesk builds its library index, remembers its window and keeps the
preview's last render; both warm the file cache), then `--runs` times, alternating. With
`--no-kept-render` Postdesk's preview starts without its kept render each time (as after the post
was edited elsewhere), so its first render is measured too. Each run ends by closing the window as a user
would (WM_DELETE_WINDOW), so Postdesk saves its state. On a shared machine run it as root under
`chrt -f 1` (real-time priority, inherited by Xvfb and both editors): other work delays a start.

`python bench/startup.py [--runs 5] [--words 2000] [--timeline] [--no-kept-render]`
"""

from __future__ import annotations

import argparse
import ctypes
import os
import select
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import x11  # noqa: E402
from bench.run import post  # noqa: E402

QUIET_S, WATCH_S = 1.0, 5.0
PAINT_TARGET, PREVIEW_TARGET_S, PSS_TARGET = 1.0, 0.6, 1.1
MAP_NOTIFY, SUBSTRUCTURE_NOTIFY_MASK, CLIENT_MESSAGE = 19, 1 << 19, 33


class _MapEvent(ctypes.Structure):  # XMapEvent
    _fields_ = [("type", ctypes.c_int), ("serial", ctypes.c_ulong), ("send_event", ctypes.c_int),
                ("display", ctypes.c_void_p), ("event", ctypes.c_ulong), ("window", ctypes.c_ulong),
                ("override_redirect", ctypes.c_int)]


class _ClientMessage(ctypes.Structure):  # XClientMessageEvent, 32-bit data
    _fields_ = [("type", ctypes.c_int), ("serial", ctypes.c_ulong), ("send_event", ctypes.c_int),
                ("display", ctypes.c_void_p), ("window", ctypes.c_ulong), ("message_type", ctypes.c_ulong),
                ("format", ctypes.c_int), ("data", ctypes.c_long * 5)]


class _DamageEvent(ctypes.Structure):  # XDamageNotifyEvent
    _fields_ = [("type", ctypes.c_int), ("serial", ctypes.c_ulong), ("send_event", ctypes.c_int),
                ("display", ctypes.c_void_p), ("drawable", ctypes.c_ulong), ("damage", ctypes.c_ulong),
                ("level", ctypes.c_int), ("more", ctypes.c_int), ("timestamp", ctypes.c_ulong),
                ("x", ctypes.c_short), ("y", ctypes.c_short), ("width", ctypes.c_ushort), ("height", ctypes.c_ushort)]


class _Union(ctypes.Union):  # XEvent: 24 longs
    _fields_ = [("type", ctypes.c_int), ("map", _MapEvent), ("message", _ClientMessage), ("damage", _DamageEvent),
                ("pad", ctypes.c_long * 24)]


@dataclass
class Start:
    """One start, in seconds since the process was started; PSS in MiB."""

    mapped: float | None = None
    painted: float | None = None
    preview: float | None = None  # the preview's column first shows text
    settled: float | None = None
    pss: float | None = None
    size: tuple[int, int] = (0, 0)
    inside: dict[str, float] = field(default_factory=dict)  # Postdesk's own moments
    timeline: list[tuple[float, str]] = field(default_factory=list)


class _Image(ctypes.Structure):  # the head of XImage
    _fields_ = [("width", ctypes.c_int), ("height", ctypes.c_int), ("xoffset", ctypes.c_int),
                ("format", ctypes.c_int), ("data", ctypes.c_void_p)]


class Watcher:
    """An X client that sees windows mapped and drawing done on the whole screen."""

    def __init__(self, display: str) -> None:
        self.client = x11.XClient(display)
        lib, vp, ulong = self.client.x11, ctypes.c_void_p, ctypes.c_ulong
        lib.XSelectInput.argtypes = [vp, ulong, ctypes.c_long]
        lib.XSendEvent.argtypes = [vp, ulong, ctypes.c_int, ctypes.c_long, ctypes.c_void_p]
        lib.XGetImage.restype = ctypes.POINTER(_Image)
        lib.XGetImage.argtypes = [vp, ulong, ctypes.c_int, ctypes.c_int, ctypes.c_uint, ctypes.c_uint, ulong,
                                  ctypes.c_int]
        lib.XGetPixel.restype = ulong
        lib.XGetPixel.argtypes = [ctypes.POINTER(_Image), ctypes.c_int, ctypes.c_int]
        lib.XDestroyImage.argtypes = [ctypes.POINTER(_Image)]
        lib.XSelectInput(self.client.dpy, self.client.root, SUBSTRUCTURE_NOTIFY_MASK)
        # The whole screen's drawing, as rectangles: the timeline shows where each one went.
        self.damage = self.client.xdamage.XDamageCreate(self.client.dpy, self.client.root, 2)  # BoundingBox
        self.protocols = lib.XInternAtom(self.client.dpy, b"WM_PROTOCOLS", 0)
        self.delete = lib.XInternAtom(self.client.dpy, b"WM_DELETE_WINDOW", 0)
        lib.XSync(self.client.dpy, 0)

    def drain(self) -> None:
        """Forget everything drawn and mapped so far."""
        self.client.xdamage.XDamageSubtract(self.client.dpy, self.damage, 0, 0)
        self.client.arm()

    def shows_text(self, x: int, y: int, width: int, height: int) -> bool:
        """Whether the screen shows more than one flat colour in the rectangle (text, not a blank page
        or a placeholder)."""
        lib = self.client.x11
        image = lib.XGetImage(self.client.dpy, self.client.root, x, y, width, height, 0xFFFFFFFF, 2)  # ZPixmap
        if not image:
            return False
        try:
            counts: dict[int, int] = {}
            for row in range(0, height, 3):
                for column in range(0, width, 3):
                    pixel = lib.XGetPixel(image, column, row)
                    counts[pixel] = counts.get(pixel, 0) + 1
        finally:
            lib.XDestroyImage(image)
        return max(counts.values()) < 0.97 * sum(counts.values())

    def watch(self, process: subprocess.Popen, started: float, record: Start) -> int | None:
        """Follow `process`'s start for WATCH_S seconds; its main window."""
        client, lib = self.client, self.client.x11
        fd = lib.XConnectionNumber(client.dpy)
        event = _Union()
        window, frame, last = None, (0, 0, 0, 0), None
        while time.monotonic() < started + WATCH_S:
            while lib.XPending(client.dpy):
                lib.XNextEvent(client.dpy, ctypes.cast(ctypes.byref(event), ctypes.POINTER(x11._Event)))
                now = time.monotonic() - started
                if event.type == MAP_NOTIFY:
                    mapped = event.map.window
                    attributes = x11._Attributes()
                    lib.XGetWindowAttributes(client.dpy, mapped, ctypes.byref(attributes))
                    record.timeline.append((now, f"map {attributes.width}×{attributes.height}"))
                    if window is None and client._pid(mapped) == process.pid and attributes.width > 200:
                        window, record.mapped = mapped, now
                        frame = (attributes.x, attributes.y, attributes.width, attributes.height)
                        record.size = (attributes.width, attributes.height)
                elif event.type == client.damage_notify and event.damage.damage == self.damage:
                    area = event.damage
                    record.timeline.append((now, f"drawing {area.width}×{area.height}+{area.x}+{area.y}"))
                    client.xdamage.XDamageSubtract(client.dpy, self.damage, 0, 0)  # report the next one too
                    lib.XFlush(client.dpy)
                    if window is None:
                        continue
                    if record.painted is None and area.width * area.height >= frame[2] * frame[3] // 2:
                        record.painted = now
                    if record.preview is None and self.shows_text(*preview_area(frame)):
                        record.preview = now
                        record.timeline.append((now, "preview shows text"))
                    last = now
                    record.settled = None  # known once the screen stays still
            # Nobody has the keyboard (Xvfb runs no window manager, and an editor may take the focus
            # itself): the screen can settle without a blinking caret.
            lib.XSetInputFocus(client.dpy, 0, 0, 0)  # None, RevertToNone, CurrentTime
            if process.poll() is not None:
                raise RuntimeError(f"exited with {process.returncode} while starting")
            if last is not None and record.settled is None and time.monotonic() - started - last >= QUIET_S:
                record.settled = last
            select.select([fd], [], [], 0.05)
        if window is None:
            raise RuntimeError(f"showed no window within {WATCH_S:.0f} s")
        return window

    def close(self, window: int) -> None:
        """Ask the window to close, as a window manager does for its close button."""
        message = _Union()
        message.message.type, message.message.window = CLIENT_MESSAGE, window
        message.message.message_type, message.message.format = self.protocols, 32
        message.message.data[0], message.message.data[1] = self.delete, 0
        self.client.x11.XSendEvent(self.client.dpy, window, 0, 0, ctypes.byref(message))
        self.client.x11.XFlush(self.client.dpy)


def preview_area(frame: tuple[int, int, int, int]) -> tuple[int, int, int, int]:
    """Where both editors' previews show the start of the post (their right-hand column, above
    the middle, where Postdesk's placeholder is not)."""
    x, y, width, height = frame
    return x + int(width * 0.78), y + int(height * 0.15), int(width * 0.19), int(height * 0.25)


def tree_pss_mib(pid: int) -> float:
    """PSS of `pid` and every process below it, in MiB."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        todo.extend(children.get(current, []))
        try:
            for line in Path(f"/proc/{current}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


def run_once(watcher: Watcher, command: list[str], env: dict[str, str], trace: Path | None) -> Start:
    record = Start()
    if trace is not None:
        trace.unlink(missing_ok=True)
    watcher.drain()
    started = time.monotonic()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        window = watcher.watch(process, started, record)
        record.pss = tree_pss_mib(process.pid)
        if trace is not None and trace.exists():
            for line in trace.read_text(encoding="utf-8").splitlines():
                name, _, stamp = line.rpartition(" ")
                record.inside.setdefault(name, float(stamp) - started)
        if window is not None:
            watcher.close(window)
        process.wait(15)
    except subprocess.TimeoutExpired:
        pass
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
    return record


def editors(folder: Path, words: int) -> list[tuple[str, list[str], dict[str, str], Path | None]]:
    """How to start each editor on its own copy of the same post."""
    from desktop_app.core.resources import resource_path
    from desktop_app.core.sample import install_sample_blog

    text = post(words, max(1, words // 400))
    base = {key: value for key, value in os.environ.items()
            if not key.startswith(("QT_", "QTWEBENGINE_")) and key != "PYTHONDONTWRITEBYTECODE"}
    blog = install_sample_blog(resource_path("sample-blog"), folder / "blog", folder / "origin.git")
    (blog / "posts/bench.md").write_text(text, encoding="utf-8")
    trace = folder / "postdesk-trace"
    found = [("Postdesk", [sys.executable, "-m", "desktop_app", str(blog / "posts/bench.md")],
              dict(base, POSTDESK_HOME=str(folder / "postdesk-home"), PYTHONPATH=str(ROOT),
                   POSTDESK_START_TRACE=str(trace)), trace)]
    if shutil.which("ghostwriter"):
        (folder / "ghostwriter").mkdir()
        (folder / "ghostwriter/bench.md").write_text(text, encoding="utf-8")
        home = folder / "ghostwriter-home"  # its default settings, whatever the user's are
        found.append(("ghostwriter", ["ghostwriter", str(folder / "ghostwriter/bench.md")],
                      dict(base, HOME=str(home), XDG_CONFIG_HOME=str(home / "config"),
                           XDG_DATA_HOME=str(home / "data"), XDG_CACHE_HOME=str(home / "cache"),
                           **({"QTWEBENGINE_CHROMIUM_FLAGS": "--no-sandbox"} if os.geteuid() == 0 else {})), None))
    return found


def median(values: list[float | None]) -> float | None:
    present = [value for value in values if value is not None]
    return statistics.median(present) if present else None


def seconds(value: float | None) -> str:
    return f"{value:8.2f}" if value is not None else f"{'—':>8}"


def report(results: dict[str, list[Start]], words: int) -> bool:
    """Print the medians side by side with their ratios; whether every target is met."""
    mine, theirs = results.get("Postdesk", []), results.get("ghostwriter", [])
    runs = len(mine)
    print(f"start on a {words:,}-word post, seconds since the process started "
          f"(medians of {runs} alternating runs)")
    print(f"{'':34} {'Postdesk':>8} {'ghostwr.':>8} {'ratio':>7}")
    rows = [("window mapped", "mapped"), ("window painted", "painted"), ("preview shows text", "preview"),
            ("settled (last drawing)", "settled")]
    figures: dict[str, tuple[float | None, float | None]] = {}
    for label, name in rows:
        a, b = median([getattr(r, name) for r in mine]), median([getattr(r, name) for r in theirs])
        figures[name] = (a, b)
        ratio = f"{a / b:6.2f}×" if a and b else ""
        print(f"{label:34} {seconds(a)} {seconds(b)} {ratio:>7}")
    inside = {}
    for name in ("window painted", "library listed", "post open", "preview pictured", "preview shown"):
        inside[name] = median([r.inside.get(name) for r in mine])
        print(f"{'  Postdesk: ' + name:34} {seconds(inside[name])}")
    pss = median([r.pss for r in mine]), median([r.pss for r in theirs])
    ratio = f"{pss[0] / pss[1]:6.2f}×" if pss[0] and pss[1] else ""
    print(f"{'PSS of the process tree, MiB':34} {pss[0] or 0:8.0f} {pss[1] or 0:8.0f} {ratio:>7}")
    print(f"{'window size':34} {'×'.join(map(str, mine[0].size)) if mine else '':>8} "
          f"{'×'.join(map(str, theirs[0].size)) if theirs else '':>8}")
    listed, painted_there = inside["library listed"], figures["painted"][1]
    seen, live = figures["preview"][0], inside["preview shown"]
    checks = [
        ("library listed ≤ ghostwriter painted", listed is not None and painted_there is not None
         and listed <= painted_there * PAINT_TARGET),
        (f"preview on the screen within {PREVIEW_TARGET_S} s", seen is not None and seen <= PREVIEW_TARGET_S),
        (f"live page within {PREVIEW_TARGET_S} s", live is not None and live <= PREVIEW_TARGET_S),
        (f"PSS ≤ {PSS_TARGET}× ghostwriter's", bool(pss[0] and pss[1] and pss[0] <= PSS_TARGET * pss[1])),
    ]
    print("targets: " + ", ".join(f"{name} {'yes' if ok else 'NO'}" for name, ok in checks))
    return all(ok for _, ok in checks)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--words", type=int, default=2000, help="length of the post both editors open")
    parser.add_argument("--timeline", action="store_true", help="print every run's X events")
    parser.add_argument("--no-kept-render", action="store_true",
                        help="delete the preview's kept render before each Postdesk start (as after an outside edit)")
    args = parser.parse_args()
    if not x11.have_xvfb():
        print("Xvfb or libX11 is missing (apt-get install xvfb)", file=sys.stderr)
        return 1
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores at the start", flush=True)
    folder = Path(tempfile.mkdtemp(prefix="postdesk-bench-start-"))
    results: dict[str, list[Start]] = {}
    with x11.xvfb() as display:
        watcher = Watcher(display)
        plans = [(name, command, dict(env, DISPLAY=display), trace)
                 for name, command, env, trace in editors(folder, args.words)]
        for run in range(args.runs + 1):
            for name, command, env, trace in plans:
                if args.no_kept_render and name == "Postdesk":
                    for kept in list((folder / "postdesk-home").rglob("preview")):
                        shutil.rmtree(kept, ignore_errors=True)  # ui/preview/kept_render.py's folder
                try:
                    record = run_once(watcher, command, env, trace)
                except RuntimeError as error:
                    print(f"{name}: {error}", file=sys.stderr)
                    continue
                if run == 0:
                    continue  # the warm-up start: caches written, not counted
                results.setdefault(name, []).append(record)
                if args.timeline:
                    marks = sorted([(t, text) for t, text in record.timeline]
                                   + [(t, f"[{name}]") for name, t in record.inside.items()])
                    print(f"{name} run {run}: " + ", ".join(f"{t:.3f} {text}" for t, text in marks[:60]))
    print()
    ok = report(results, args.words)
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores at the end")
    shutil.rmtree(folder, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
