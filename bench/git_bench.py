"""Git on a 10,000-post blog: Postdesk's status (the library's badges), diff, commit and push, each
as a ratio to the same operation run with the git command line. `make bench`; not run by CI.

Builds a repository of 10,000 generated posts (front matter as real blogs write it, ~300 words
each) pushed to a bare remote, then changes a few hundred of them: modified, staged, partly
staged, new posts with new cover images, and a few other files. Then, median of several runs:

- status: `git status --porcelain=v2 --branch -uall` against Postdesk's library badges end to
  end: `git_state.read_state` + `staging.group_changes` + the per-post states the library paints,
  applied to a 10,000-row library model (without PySide6, the states alone). Target: 1.5×, on
  the wall clock, which is what the writer waits for.
- diff of one post: `git diff HEAD -- post` against `GitRepo.diff` (the unified diff) and
  against the review's working-copy comparison (`post_diff.working_sides` + `compare`: fields,
  text and the rendered diff, which git has no equivalent of).
- commit of three posts: `git add` + `git commit` against the changes panel's path (a tick
  stages each post with its images, then Commit commits exactly what is staged).
- push of one commit: `git push origin main` against `GitRepo.push`.

`python bench/git_bench.py [--posts N] [--runs N]`.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from desktop_app.core.git import staging  # noqa: E402
from desktop_app.core.git import state as git_state
from desktop_app.core.git.process import git_env  # noqa: E402
from desktop_app.core.git.repo import GitRepo  # noqa: E402
from desktop_app.core.review import post_diff
from desktop_app.core.site.detect import load_site  # noqa: E402

STATUS_TARGET = 1.5
WORDS = ("cache latency request database index replica shard queue event stream consumer producer schema "
         "query token session cookie header proxy gateway service monolith boundary contract deploy rollout "
         "canary metric trace span budget error retry backoff timeout idempotent write read model view "
         "projection snapshot migration column table partition lease lock quorum leader follower log").split()
TAGS = ("caching", "databases", "architecture", "performance", "security", "devops", "streaming", "api-design")
AUTHORS = ("Ana Ruiz", "Marcus Chen", "Priya Nair", "Tom Okafor", "Lena Vogel")
CONFIG = ("collections:\n  - name: posts\n    label: Posts\n    folder: content/posts\n"
          "    media_folder: static/images\n    public_folder: /images\n")


def run(cwd: Path, *args: str, env: dict[str, str] | None = None) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, env=env or git_env())


def sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def post_text(rng: random.Random, number: int, cover: str | None = None) -> str:
    title = sentence(rng, rng.randint(4, 8))[:-1]
    tags = ", ".join(rng.sample(TAGS, rng.randint(1, 3)))
    front = (f"---\ntitle: \"{title}\"\ndescription: \"{sentence(rng, 18)}\"\n"
             f"date: 20{10 + number % 16:02d}-{1 + number % 12:02d}-{1 + number % 28:02d}\n"
             f"tags: [{tags}]\ncover: {cover or f'/images/covers/post-{number:05d}.svg'}\n"
             f"draft: {'true' if number % 17 == 0 else 'false'}\nauthor: {rng.choice(AUTHORS)}\n---\n\n")
    body = []
    for paragraph in range(6):
        if paragraph == 3:
            body.append(f"## {sentence(rng, 4)[:-1]}\n\n")
        body.append(" ".join(sentence(rng, rng.randint(8, 14)) for _ in range(4)) + "\n\n")
    return front + "".join(body)


def build(folder: Path, posts: int, seed: int = 7) -> tuple[Path, Path, list[str]]:
    """A work tree of `posts` posts pushed to a bare origin; returns (work, origin, post paths)."""
    rng = random.Random(seed)
    work, origin = folder / "blog", folder / "origin.git"
    (work / "content" / "posts").mkdir(parents=True)
    (work / "static" / "images").mkdir(parents=True)
    (work / ".postdesk.yml").write_text(CONFIG, encoding="utf-8")
    paths = []
    for number in range(posts):
        relative = f"content/posts/{number:05d}-post.md"
        (work / relative).write_text(post_text(rng, number), encoding="utf-8")
        paths.append(relative)
    run(folder, "init", "--quiet", "--initial-branch=main", str(work))
    run(work, "config", "user.name", "Bench Writer")
    run(work, "config", "user.email", "bench@example.test")
    run(work, "add", "--all")
    run(work, "commit", "--quiet", "-m", "Ten thousand posts")
    run(folder, "init", "--quiet", "--bare", "--initial-branch=main", str(origin))
    run(work, "remote", "add", "origin", origin.as_uri())
    run(work, "push", "--quiet", "--set-upstream", "origin", "main")
    return work, origin, paths


def change(work: Path, paths: list[str], seed: int = 11) -> dict[str, int]:
    """A few hundred changes of every kind the library shows."""
    rng = random.Random(seed)
    chosen = rng.sample(paths, 270)
    staged, partly = chosen[200:250], chosen[250:270]  # the first 200 stay modified, unstaged
    for relative in chosen:
        with open(work / relative, "a", encoding="utf-8") as handle:
            handle.write(sentence(rng, 12) + "\n")
    run(work, "add", "--", *staged, *partly)
    for relative in partly:
        with open(work / relative, "a", encoding="utf-8") as handle:
            handle.write("One more line after staging.\n")
    for number in range(40):
        cover = None
        if number < 20:  # a new post with its new cover image
            (work / f"static/images/new-{number}.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
            cover = f"/images/new-{number}.svg"
        (work / f"content/posts/new-{number:02d}.md").write_text(post_text(rng, 90000 + number, cover), encoding="utf-8")
    for number in range(5):
        (work / f"notes-{number}.txt").write_text("not a post\n")
    run(work, "status", "--porcelain")  # refresh the index once, as any first status does
    return {"modified": 200, "staged": 50, "partly staged": 20, "new posts": 40, "new images": 20, "other": 5}


@dataclass
class Timing:
    """Medians of interleaved runs: wall-clock ms, and CPU ms (this process and its git children:
    steadier than the wall clock on a busy machine)."""

    git_wall: float
    ours_wall: float
    git_cpu: float
    ours_cpu: float


def _cpu_ms() -> float:
    me, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return (me.ru_utime + me.ru_stime + children.ru_utime + children.ru_stime) * 1000


def _once(function: Callable[[], object]) -> tuple[float, float]:
    cpu, start = _cpu_ms(), time.perf_counter()
    function()
    return (time.perf_counter() - start) * 1000, _cpu_ms() - cpu


def compare(git: Callable[[], object], ours: Callable[[], object], runs: int,
            before: Callable[[], object] | None = None) -> Timing:
    """Run git's way and ours alternately (`before` each, untimed); the first pair warms up."""
    samples: list[tuple[float, float, float, float]] = []
    for index in range(runs + 1):
        if before is not None:
            before()
        git_wall, git_cpu = _once(git)
        if before is not None:
            before()
        ours_wall, ours_cpu = _once(ours)
        if index:
            samples.append((git_wall, ours_wall, git_cpu, ours_cpu))
    return Timing(*(statistics.median(sample[i] for sample in samples) for i in range(4)))


def git_cli(work: Path, *args: str) -> Callable[[], object]:
    env = git_env()
    return lambda: subprocess.run(["git", *args], cwd=work, check=True, capture_output=True, env=env)


def library_model_apply(posts: list[str]) -> Callable[[dict[str, tuple[str, str]]], object] | None:
    """Applying the states to a 10,000-row library model (None without PySide6)."""
    try:
        from desktop_app.core.site.library.summaries import PostSummary
        from desktop_app.ui.library.model import LibraryModel
    except ImportError:
        return None
    model = LibraryModel()
    model.set_posts([PostSummary(path, "posts", path, None, False, (), "yaml") for path in posts])
    flip = [False]

    def apply(states: dict[str, tuple[str, str]]) -> object:
        flip[0] = not flip[0]  # alternate with an empty map, so every run changes the rows
        return model.set_git_states(states if flip[0] else {})
    return apply


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=9)
    options = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="postdesk-git-bench-"))
    try:
        started = time.perf_counter()
        work, _origin, paths = build(folder, options.posts)
        counts = change(work, paths)
        print(f"{options.posts:,} posts, {sum(len((work / p).read_text().split()) for p in paths[:200]) // 200} words "
              f"each on average; changed: " + ", ".join(f"{n} {k}" for k, n in counts.items())
              + f" (set up in {time.perf_counter() - started:.0f} s)\n")
        return measure(work, paths, options.runs)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def measure(work: Path, paths: list[str], runs: int) -> int:
    repo, site = GitRepo(work), load_site(work)
    rows: list[tuple[str, Timing, float | None]] = []
    cache = staging.GroupingCache()  # the changes panel keeps one across refreshes

    def badges(cache: staging.GroupingCache | None = cache) -> dict[str, tuple[str, str]]:
        state = git_state.read_state(repo)
        return staging.group_changes(repo, site, state, cache).post_states()
    states = badges()
    assert sum(1 for _, staged in states.values() if staged == "partly") >= 20, states
    assert sum(1 for state, _ in states.values() if state == "new") >= 40, states
    git_status = git_cli(work, "status", "--porcelain=v2", "--branch", "-uall")
    status_runs = runs * 2  # ~50 ms each: more runs keep a busy machine's noise out of the median
    apply = library_model_apply(paths)
    if apply is not None:
        rows.append(("status → badges in a 10,000-row library", compare(git_status, lambda: apply(badges()),
                                                                           status_runs), STATUS_TARGET))
        rows.append(("  … the badges alone (no Qt model)", compare(git_status, badges, status_runs), None))
    else:
        rows.append(("status → library badges (no PySide6)", compare(git_status, badges, status_runs), STATUS_TARGET))
    rows.append(("  … first refresh (posts read afresh)", compare(git_status, lambda: badges(None), status_runs), None))
    rows.append(("  (plain `git status`, for reference)", compare(git_status, git_cli(work, "status"), status_runs),
                 None))

    edited = next(p for p, c in git_state.read_state(repo).files.items() if c.staging == "" and p.endswith("-post.md"))
    git_diff = git_cli(work, "diff", "HEAD", "--", edited)
    rows.append(("diff of one post (unified)", compare(git_diff, lambda: repo.diff(edited), runs), None))
    rows.append(("diff of one post (fields, text, rendered)", compare(
        git_diff, lambda: post_diff.compare(*post_diff.working_sides(repo, edited), site.flavor), runs), None))

    run(work, "add", "--all")  # a clean tree for the commit and push runs
    run(work, "commit", "--quiet", "-m", "The bench's changes")
    run(work, "push", "--quiet", "origin", "main")
    rng = random.Random(3)
    three: list[str] = []

    def edit_three() -> None:
        three[:] = rng.sample(paths, 3)
        for relative in three:
            with open(work / relative, "a", encoding="utf-8") as handle:
                handle.write(sentence(rng, 10) + "\n")

    def cli_commit() -> None:
        git_cli(work, "add", "--", *three)()
        git_cli(work, "commit", "--quiet", "-m", "Three posts")()

    def postdesk_commit() -> None:
        # The changes panel: a tick stages each post (with its images), then Commit.
        staging.stage(repo, git_state.read_state(repo, three), list(three))
        staging.commit_staged(repo, "Three posts")
    slow_runs = max(3, runs // 2)
    rows.append(("commit of three posts", compare(cli_commit, postdesk_commit, slow_runs, edit_three), None))

    def one_commit() -> None:
        edit_three()
        cli_commit()
    rows.append(("push of one commit", compare(git_cli(work, "push", "--quiet", "origin", "main"), repo.push,
                                               slow_runs, one_commit), None))

    print(f"{'operation':40} {'git ms':>7} {'ours ms':>8} {'ratio':>6}   {'CPU: git':>8} {'ours':>6} {'ratio':>6}"
          f"  {'target':>6}  ok")
    ok = True
    for label, t, target in rows:
        wall, cpu = t.ours_wall / t.git_wall, t.ours_cpu / max(t.git_cpu, 0.001)
        verdict = "" if target is None else ("yes" if wall <= target else "NO")
        ok = ok and verdict != "NO"
        print(f"{label:40} {t.git_wall:7.1f} {t.ours_wall:8.1f} {wall:5.2f}×   {t.git_cpu:8.1f} {t.ours_cpu:6.1f} "
              f"{cpu:5.2f}×  {f'{target:.1f}×' if target else '':>6}  {verdict}")
    print("\nratio = Postdesk / git command line (medians of interleaved runs); the target is judged on the "
          "wall clock. CPU time (this process and its git children) is printed too: steadier on a busy "
          "machine, it tells noise from a real slow-down.")
    return 0 if ok else 1


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.exit(main())
