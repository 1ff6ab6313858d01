"""The scale ladder: Postdesk's library on repositories of 1,000, 10,000 and 100,000 posts, each
figure beside its anchor from the same run. Not run by CI.

The repositories are made of the real posts in ../shared/corpora (Hugo's documentation, Jekyll's
news posts, GitHub's topics and collections), renamed and spread over year folders of
`content/posts/`, committed to git; they are built once and kept (`--work`, `--rebuild`).

For each size, medians of alternating runs:

- list: `postdesk list --json` with an empty cache (cold) and again (warm), against `git status`
  and a plain libyaml scan (a Python process reading every post and loading its front matter with
  PyYAML's CSafeLoader), all as commands. Targets: warm list ≤ 0.3 s at 10,000 posts.
- scan: the library index built from nothing (`LibraryIndex.scan`, what a first start or list
  does) against the same plain libyaml scan in this process. Target: ≤ 1.2×.
- start: the window with the library listed, offscreen and on a private Xvfb (xcb), cold and warm
  cache (`bench/library_window.py start`); the window process's PSS against a 10-post blog's
  (target at 10,000 posts: ≤ 1.15×).
- search: the library sidebar typed into key by key (`bench/library_window.py search`): the GUI
  thread's milliseconds per key and per answer taken in (target ≤ 8), and from key to rows
  (target ≤ 50); clearing the search too.

The last line of each section is the cost per post, so growth shows at a glance: the list and
scan should stay flat per post (linear), the interactive figures flat in total.

`python bench/ladder.py [--sizes 1000,10000,100000] [--runs 3] [--work DIR] [--rebuild] [--no-xvfb]`
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CORPORA = ROOT.parent / "shared" / "corpora"
PYTHON = sys.executable
WARM_LIST_TARGET, COLD_RATIO_TARGET, KEY_TARGET, RESULT_TARGET, MEMORY_TARGET = 0.3, 1.2, 8.0, 50.0, 1.15
PLAIN_SCAN = """
import os, sys, yaml
for folder, dirs, files in os.walk(sys.argv[1]):
    dirs[:] = [d for d in dirs if not d.startswith('.')]
    for name in files:
        if name.endswith(('.md', '.markdown')):
            with open(os.path.join(folder, name), 'rb') as file:
                text = file.read().decode('utf-8')
            if text.startswith('---'):
                yaml.load(text[3:text.find('\\n---', 3)], Loader=yaml.CSafeLoader)
"""
SEARCH_WORDS = ("shortcode", "release")  # a Hugo word and a Jekyll one, typed one after the other


# --- the repositories ------------------------------------------------------------------------------

def corpus_posts() -> list[Path]:
    files: list[Path] = []
    for name in ("hugo-docs", "jekyll-posts", "github-explore"):
        files += sorted(p for p in (CORPORA / name).rglob("*") if p.suffix in (".md", ".markdown"))
    return files


def build(root: Path, size: int) -> Path:
    """`size` posts from the corpora, renamed (`<name>-<n>.md` in a year's folder), committed."""
    if (root / ".git").is_dir():
        return root
    shutil.rmtree(root, ignore_errors=True)
    sources = corpus_posts()
    for number in range(size):
        source = sources[number % len(sources)]
        stem = source.parent.name if source.stem in ("index", "_index") else source.stem
        target = root / "content" / "posts" / str(2010 + number % 16) / f"{stem}-{number}{source.suffix}"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(source.read_bytes())
    env = {**os.environ, "GIT_AUTHOR_NAME": "Bench", "GIT_AUTHOR_EMAIL": "bench@example.test",
           "GIT_COMMITTER_NAME": "Bench", "GIT_COMMITTER_EMAIL": "bench@example.test"}
    for args in (["init", "--quiet", "--initial-branch=main"], ["add", "--all"], ["commit", "--quiet", "-m", "Posts"]):
        subprocess.run(["git", *args], cwd=root, check=True, env=env)
    return root


# --- measuring -------------------------------------------------------------------------------------

def wall(command: list[str], env: dict[str, str] | None = None, prepare: Callable[[], None] | None = None) -> float:
    if prepare is not None:
        prepare()
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    return time.perf_counter() - start


def alternate(runs: int, **commands: Callable[[], float]) -> dict[str, float]:
    """Median seconds of each, run in turn `runs` times (a busy machine slows all alike)."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, run in commands.items():
            times[name].append(run())
    return {name: statistics.median(values) for name, values in times.items()}


def home_env(home: Path) -> dict[str, str]:
    """Postdesk's folders in `home`; Python keeps its compiled modules (in the ladder's work
    folder), as an installed Postdesk has them, even where the shell asks it not to write them."""
    env = {**os.environ, "POSTDESK_HOME": str(home), "PYTHONPATH": str(ROOT),
           "PYTHONPYCACHEPREFIX": str(home.parent.parent / "pycache")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def list_figures(repo: Path, work: Path, runs: int) -> dict[str, float]:
    cold_home, warm_home = work / "home-cold", work / "home-warm"
    postdesk = [PYTHON, "-m", "desktop_app", "list", "--json", str(repo)]
    warm = home_env(warm_home)
    wall(postdesk, warm)  # the warm cache exists before the first timed run
    return alternate(
        runs,
        git=lambda: wall(["git", "-C", str(repo), "status", "--porcelain=v1", "-z", "--untracked-files=all"]),
        plain=lambda: wall([PYTHON, "-c", PLAIN_SCAN, str(repo)]),
        cold=lambda: wall(postdesk, home_env(cold_home), lambda: shutil.rmtree(cold_home, ignore_errors=True)),
        warm=lambda: wall(postdesk, warm),
    )


def scan_figures(repo: Path, work: Path, runs: int) -> dict[str, float]:
    """The index built from nothing against the plain libyaml scan, in this process (wall and CPU)."""
    import yaml

    from desktop_app.core.site.detect import load_site
    from desktop_app.core.site.library.index import LibraryIndex

    site = load_site(repo)
    cache = work / "scan-cache"

    def plain() -> None:
        for folder, dirs, files in os.walk(repo):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            for name in files:
                if name.endswith((".md", ".markdown")):
                    with open(os.path.join(folder, name), "rb") as file:
                        text = file.read().decode("utf-8")
                    if text.startswith("---"):
                        yaml.load(text[3:text.find("\n---", 3)], Loader=yaml.CSafeLoader)  # noqa: S506

    def cold() -> None:
        shutil.rmtree(cache, ignore_errors=True)
        index = LibraryIndex.for_repository(cache, repo)
        index.scan(site)
        index.close()

    def warm() -> None:
        index = LibraryIndex.for_repository(cache, repo)
        index.scan(site)
        index.close()

    def timed(function: Callable[[], None], clock: Callable[[], float]) -> Callable[[], float]:
        def run() -> float:
            start = clock()
            function()
            return clock() - start
        return run
    figures = alternate(runs, plain=timed(plain, time.perf_counter), cold=timed(cold, time.perf_counter),
                        warm=timed(warm, time.perf_counter))
    cpu = alternate(runs, plain=timed(plain, time.process_time), cold=timed(cold, time.process_time))
    figures.update(plain_cpu=cpu["plain"], cold_cpu=cpu["cold"])
    return figures


class Xvfb:
    """A private X display for the window's start (stopped on exit)."""

    def __init__(self) -> None:
        read, write = os.pipe()
        self.server = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", "1440x900x24",
                                        "-nolisten", "tcp"], pass_fds=(write,), stdout=subprocess.DEVNULL,
                                       stderr=subprocess.DEVNULL)
        os.close(write)
        with os.fdopen(read) as numbers:
            self.name = f":{numbers.readline().strip()}"

    def stop(self) -> None:
        self.server.terminate()
        self.server.wait(timeout=10)


def probe(mode: str, repo: Path, home: Path, display: str | None = None, *words: str) -> dict:
    env = {key: value for key, value in home_env(home).items() if key not in ("QT_QPA_PLATFORM", "DISPLAY")}
    if display:
        env.update(QT_QPA_PLATFORM="xcb", DISPLAY=display)
    out = subprocess.run([PYTHON, str(ROOT / "bench" / "library_window.py"), mode, str(repo), *words],
                         capture_output=True, text=True, env=env, timeout=1800)
    lines = [line for line in out.stdout.splitlines() if line.startswith("{")]
    if out.returncode != 0 or not lines:
        raise RuntimeError(f"{mode} on {repo} failed: {out.stderr[-2000:]}")
    return json.loads(lines[-1])


def start_figures(repo: Path, work: Path, runs: int, display: str | None) -> dict[str, float]:
    home = work / "home-start"
    cold = [probe("start", repo, home, display) for _ in range(1) if not shutil.rmtree(home, ignore_errors=True)]
    warm = [probe("start", repo, home, display) for _ in range(runs)]
    return {"cold_shown": cold[0]["shown"], "cold_listed": cold[0]["listed"],
            "warm_shown": statistics.median(run["shown"] for run in warm),
            "warm_listed": statistics.median(run["listed"] for run in warm),
            "pss_mib": statistics.median(run["pss_mib"] for run in warm)}


def search_figures(repo: Path, work: Path) -> dict:
    result = probe("search", repo, work / "home-warm", None, *SEARCH_WORDS)
    typed = result["typed"]
    return {"key_gui": max(key["gui_ms"] for key in typed), "answer_gui": max(key["answer_gui_ms"] for key in typed),
            "key_gui_median": statistics.median(key["gui_ms"] for key in typed),
            "result_median": statistics.median(key["result_ms"] for key in typed),
            "result_max": max(key["result_ms"] for key in typed),
            "clear_gui": max(result["cleared"][0]["gui_ms"], result["cleared"][0]["answer_gui_ms"]),
            "clear_result": result["cleared"][0]["result_ms"], "keys": len(typed)}


# --- reporting -------------------------------------------------------------------------------------

def row(label: str, value: str, anchor: str = "", verdict: str = "") -> None:
    print(f"  {label:44} {value:>16} {anchor:>34}  {verdict}")


def load() -> str:
    """The 1-minute load average: on a shared machine the figures mean little without it."""
    return f"{os.getloadavg()[0]:.1f}"


def ok(passed: bool) -> str:
    return "yes" if passed else "NO"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--runs", type=int, default=3, help="alternating runs per figure (one at 100,000 posts)")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "postdesk-ladder")
    parser.add_argument("--rebuild", action="store_true", help="build the repositories again")
    parser.add_argument("--no-xvfb", action="store_true", help="start the window offscreen only")
    parser.add_argument("--skip", default="", help="comma-separated parts to leave out: list,scan,start,search")
    args = parser.parse_args()
    if not CORPORA.is_dir():
        print(f"The corpora are not at {CORPORA}.", file=sys.stderr)
        return 1
    skip = set(filter(None, args.skip.split(",")))
    sizes = [int(size) for size in args.sizes.split(",")]
    if args.rebuild:
        shutil.rmtree(args.work, ignore_errors=True)
    display = None if args.no_xvfb or not shutil.which("Xvfb") else Xvfb()
    baseline = None
    try:
        if "start" not in skip:
            small = build(args.work / "repo-10", 10)
            # As many runs as the larger windows': PSS shares the libraries' pages with any other
            # process that maps them (another Qt program), which moves both figures alike.
            baseline = start_figures(small, args.work / "run-10", max(1, args.runs - 1), None)["pss_mib"]
        for size in sizes:
            runs = 1 if size >= 100_000 else args.runs
            repo = build(args.work / f"repo-{size}", size)
            work = args.work / f"run-{size}"
            shutil.rmtree(work, ignore_errors=True)
            work.mkdir(parents=True)
            print(f"\n{size:,} posts ({runs} run{'s' if runs > 1 else ''} each, medians), load {load()}")
            if "list" not in skip:
                figures = list_figures(repo, work, runs)
                row("postdesk list --json, warm cache", f"{figures['warm']:.3f} s",
                    f"git status {figures['git']:.3f} s ({figures['warm'] / figures['git']:.1f}×)",
                    f"target 0.3 s at 10,000: {ok(figures['warm'] <= WARM_LIST_TARGET)}" if size == 10_000 else "")
                row("postdesk list --json, cold cache", f"{figures['cold']:.3f} s",
                    f"plain libyaml {figures['plain']:.3f} s ({figures['cold'] / figures['plain']:.2f}×)")
                row("per 1,000 posts: warm list / cold list", f"{figures['warm'] / size * 1000:.3f} s",
                    f"{figures['cold'] / size * 1000:.3f} s", f"load {load()}")
            if "scan" not in skip:
                figures = scan_figures(repo, work, runs)
                ratio, cpu_ratio = figures["cold"] / figures["plain"], figures["cold_cpu"] / figures["plain_cpu"]
                row("index built from nothing (cold scan)", f"{figures['cold']:.3f} s",
                    f"plain libyaml {figures['plain']:.3f} s ({ratio:.2f}×)",
                    f"target 1.2×: {ok(ratio <= COLD_RATIO_TARGET)} (CPU {cpu_ratio:.2f}×)")
                row("warm scan (index, files unchanged)", f"{figures['warm']:.3f} s",
                    f"{figures['warm'] / figures['plain']:.2f}× plain libyaml")
                row("per 1,000 posts: cold / warm scan", f"{figures['cold'] / size * 1000:.3f} s",
                    f"{figures['warm'] / size * 1000:.3f} s", f"load {load()}")
            if "start" not in skip:
                for name, where in (("offscreen", None), ("Xvfb", display.name if display else None)):
                    if name == "Xvfb" and where is None:
                        continue
                    figures = start_figures(repo, work, 1 if size >= 100_000 else max(1, args.runs - 1), where)
                    row(f"start {name}: library listed, warm cache", f"{figures['warm_listed']:.2f} s",
                        f"window shown {figures['warm_shown']:.2f} s")
                    row(f"start {name}: library listed, cold cache", f"{figures['cold_listed']:.2f} s",
                        f"window shown {figures['cold_shown']:.2f} s")
                    if name == "offscreen" and baseline:
                        memory = figures["pss_mib"] / baseline
                        row("window process PSS, library loaded", f"{figures['pss_mib']:.0f} MiB",
                            f"10 posts {baseline:.0f} MiB ({memory:.2f}×, +{figures['pss_mib'] - baseline:.0f})",
                            f"target 1.15× at 10,000: {ok(memory <= MEMORY_TARGET)}" if size == 10_000 else "")
            if "search" not in skip:
                figures = search_figures(repo, work)
                row(f"search, {figures['keys']} keys: GUI thread per key, max", f"{figures['key_gui']:.1f} ms",
                    f"median {figures['key_gui_median']:.1f} ms", f"target 8 ms: {ok(figures['key_gui'] <= KEY_TARGET)}")
                row("search: GUI thread taking an answer in, max", f"{figures['answer_gui']:.1f} ms", "",
                    f"target 8 ms: {ok(figures['answer_gui'] <= KEY_TARGET)}")
                row("search: key to rows, median / max", f"{figures['result_median']:.1f} ms",
                    f"max {figures['result_max']:.1f} ms", f"target 50 ms: {ok(figures['result_max'] <= RESULT_TARGET)}")
                row("clearing the search: GUI thread / to rows", f"{figures['clear_gui']:.1f} ms",
                    f"rows after {figures['clear_result']:.1f} ms",
                    f"targets 8 / 50 ms: {ok(figures['clear_gui'] <= KEY_TARGET and figures['clear_result'] <= RESULT_TARGET)}"
                    f", load {load()}")
    finally:
        if display is not None:
            display.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
