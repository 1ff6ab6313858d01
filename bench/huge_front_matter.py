"""Posts with enormous front matter, in the window and on the command line (offscreen):
`.venv/bin/python bench/huge_front_matter.py [FILE NAME ...]`, a few minutes.

A hostile or generated post may hold 100,000 front-matter keys, one 5 MB value, a list of 100,000
tags or objects nested 1,000 deep. The window must open any of them within the time the CLI
takes on the same file (`postdesk get` and `postdesk list`), and stay responsive while the form
reads it. Each measurement runs in a process of its own, so its peak resident memory is its own
(the window's includes Qt and the preview); the table's footnote says what each column times.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BODY = "\nThe body of a post with enormous front matter.\n"


def many_keys(count: int = 100_000) -> str:
    return "---\ntitle: Many keys\n" + "".join(f"key{index}: value {index}\n" for index in range(count)) + "---" + BODY


def long_value(size: int = 5_000_000) -> str:
    return f"---\ntitle: One long value\nsummary: {'word ' * (size // 5)}\n---" + BODY


def many_tags(count: int = 100_000) -> str:
    return "---\ntitle: Many tags\ntags:\n" + "".join(f"  - tag{index}\n" for index in range(count)) + "---" + BODY


def deep(levels: int = 1_000) -> str:
    lines = ["---", "title: Deeply nested"]
    for level in range(levels):
        lines.append("  " * level + f"level{level}:")
    lines.append("  " * levels + "leaf: bottom")
    return "\n".join(lines) + "\n---" + BODY


def deep_json(levels: int = 1_000) -> str:
    return '{"title": "Deeply nested JSON", "deep": ' + '{"a": ' * levels + "1" + "}" * levels + "}" + BODY


CASES = {"100,000 keys": ("many-keys.md", many_keys), "one 5 MB value": ("long-value.md", long_value),
         "100,000 tags": ("many-tags.md", many_tags), "1,000 levels (YAML)": ("deep.md", deep),
         "900 levels (YAML)": ("deep-900.md", lambda: deep(900)),
         "1,000 levels (JSON)": ("deep-json.md", deep_json)}

WINDOW = """
import os, sys, time
from pathlib import Path
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox --disable-gpu")
sys.path.insert(0, {root!r})
from desktop_app.app import create_application
from desktop_app.core.paths import default_paths
from desktop_app.core.workspace import Workspace
from desktop_app.ui.context import UiContext
from desktop_app.ui.notify import Notifier
from desktop_app.ui.window.mainwindow import MainWindow
from desktop_app.ui.workers import TaskRunner
app = create_application()
window = MainWindow(UiContext(Workspace.open(Path({repo!r}), default_paths()), TaskRunner(), Notifier(interactive=False)))
window.show()
end = time.perf_counter() + 60
while window.controller.library.post({post!r}) is None and time.perf_counter() < end:
    app.processEvents(); time.sleep(0.005)  # the library lists the post (its scan read it)
end = time.perf_counter() + 1
while time.perf_counter() < end:
    app.processEvents(); time.sleep(0.005)
from PySide6.QtCore import QTimer
ticks = []
timer = QTimer(interval=5)
timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
timer.start()
start = time.perf_counter()
assert window.controller.open_post({post!r})
app.processEvents()
opened = time.perf_counter() - start
while window.controller.form_feed.reading:
    app.processEvents(); time.sleep(0.001)
app.processEvents()
form = time.perf_counter() - start
gaps = [b - a for a, b in zip(ticks, ticks[1:])]
print(opened, form, max(gaps, default=0) * 1000, len(window.form.fields.specs), window.form.hidden(),
      window.form.error_label.isVisible(), flush=True)
os._exit(0)
"""


def run(command: list[str], env: dict[str, str] | None = None) -> tuple[float, float, str, int]:
    """Seconds on the wall clock, peak resident MB of the child, what it printed, its exit status."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=errors, env=env)
        out = child.stdout.read() if child.stdout else b""
        _pid, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        child.returncode = status  # reaped here: Popen must not wait for it again
        if status not in (0, 256):  # 1: the CLI refused the post, with its reason
            errors.seek(0)
            raise SystemExit(f"{command[:3]} failed ({status}): {errors.read().decode(errors='replace')[-2000:]}")
    return seconds, usage.ru_maxrss / 1024, out.decode(errors="replace"), status >> 8


def main() -> int:
    from desktop_app.core.resources import resource_path
    from desktop_app.core.sample import install_sample_blog

    folder = Path(tempfile.mkdtemp(prefix="postdesk-bench-fm-"))
    env = {**os.environ, "POSTDESK_HOME": str(folder / "home"), "PYTHONPATH": str(ROOT)}
    root = install_sample_blog(resource_path("sample-blog"), folder / "blog", folder / "origin.git")
    only = set(sys.argv[1:])
    print(f"{'post':20} {'get s':>6} {'list s':>6} {'open s':>6} {'form s':>6} {'stall ms':>8} {'get MB':>6} "
          f"{'win MB':>6} {'fields':>6} {'more':>7}  ok")
    for label, (name, make) in CASES.items():
        if only and name not in only:
            continue
        (root / "posts" / name).write_text(make(), encoding="utf-8")
        post = f"posts/{name}"
        cli = [sys.executable, "-m", "desktop_app"]
        get_s, get_mb, _, refused = run([*cli, "get", str(root / post), "title"], env)
        list_s, _, _, _ = run([*cli, "list", str(root), "--json"], env)
        script = WINDOW.format(root=str(ROOT), repo=str(root), post=post)
        _, window_mb, out, _ = run([sys.executable, "-c", script], env)
        opened, form, stall, fields, more, error = out.split()[-6:]
        ok = float(form) <= max(get_s, list_s)
        shown = "error" if error == "True" else fields
        print(f"{label:20} {get_s:6.2f} {list_s:6.2f} {float(opened):6.2f} {float(form):6.2f} {float(stall):8.0f} "
              f"{get_mb:6.0f} {window_mb:6.0f} {shown:>6} {int(more):7,}  {'yes' if ok else 'NO'}"
              + ("  (get: refused)" if refused else ""))
        (root / "posts" / name).unlink()
    print("\nopen s: open_post until its events are processed (the text is in the editor and takes keys);"
          "\nform s: until the form shows the fields; stall ms: the longest the GUI thread did not run a"
          "\n5 ms timer meanwhile; MB: peak resident memory of the process (the window's includes Qt);"
          "\nok: the form is shown within the time `postdesk get` or `postdesk list` takes on the file.")
    return 0


if __name__ == "__main__":
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    sys.exit(main())
