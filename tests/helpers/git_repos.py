"""Real git repositories for tests: a blog with posts and history, a bare origin, clones.

The helpers drive the git command directly (not `core.vcs`), so a test's set-up never depends
on the code it tests. Import the fixtures into a test module (or list this module in
`pytest_plugins`) to use them.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

POSTS: dict[str, str] = {
    "content/posts/caching.md": "---\ntitle: Caching\ndate: 2024-01-05\n---\n\nCache early.\n",
    "content/posts/cqrs.md": "---\ntitle: CQRS\ndate: 2024-02-10\n---\n\nSplit reads from writes.\n",
    "content/posts/auth.md": "---\ntitle: Auth\ndate: 2024-03-15\n---\n\nTokens expire.\n",
}


def git(cwd: Path, *args: str, check: bool = True) -> str:
    """Run git in `cwd` without prompts and return its stdout (stripped)."""
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"}
    proc = subprocess.run(["git", *args], cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                          capture_output=True, text=True)
    if check and proc.returncode != 0:
        raise AssertionError(f"git {' '.join(args)} failed ({proc.returncode}):\n{proc.stderr}")
    return proc.stdout.strip()


def write(root: Path, rel: str, text: str) -> Path:
    """Write a UTF-8 file under `root`, creating its folders."""
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="")
    return path


def commit_all(root: Path, message: str) -> str:
    """Stage everything and commit; return the new sha."""
    git(root, "add", "--all")
    git(root, "commit", "--quiet", "-m", message)
    return git(root, "rev-parse", "HEAD")


def make_repo(path: Path, posts: dict[str, str] | None = None, commits: int = 2) -> Path:
    """A work tree on branch main with `posts` in a first commit and `commits - 1` edits after."""
    path.mkdir(parents=True, exist_ok=True)
    git(path, "init", "--quiet", "--initial-branch=main")
    for rel, text in (POSTS if posts is None else posts).items():
        write(path, rel, text)
    commit_all(path, "Add the first posts")
    for number in range(1, commits):
        write(path, "README.md", f"# Blog\n\nRevision {number}.\n")
        commit_all(path, f"Update the readme ({number})")
    return path


def make_bare(path: Path) -> Path:
    """An empty bare repository whose HEAD is main."""
    path.mkdir(parents=True, exist_ok=True)
    git(path, "init", "--quiet", "--bare", "--initial-branch=main")
    return path


def clone(url: str, path: Path) -> Path:
    git(path.parent, "clone", "--quiet", url, str(path))
    return path


def file_url(path: Path) -> str:
    return path.resolve().as_uri()


@dataclass(frozen=True)
class Remote:
    """A work tree pushed to a bare origin (upstream set), and the origin's file:// URL."""

    work: Path
    origin: Path
    url: str

    def second_clone(self, path: Path) -> Path:
        """Another writer's clone of the same origin."""
        return clone(self.url, path)

    def origin_log(self) -> list[str]:
        """Subjects of main in the bare origin, newest first."""
        return git(self.origin, "log", "--format=%s", "main").splitlines()


def make_remote(tmp_path: Path) -> Remote:
    work = make_repo(tmp_path / "blog")
    origin = make_bare(tmp_path / "origin.git")
    url = file_url(origin)
    git(work, "remote", "add", "origin", url)
    git(work, "push", "--quiet", "--set-upstream", "origin", "main")
    return Remote(work, origin, url)


def large_commit(root: Path, files: int = 40, size: int = 64 * 1024) -> str:
    """A commit big enough that git reports pack progress (incompressible file contents)."""
    for number in range(files):
        write(root, f"static/blob-{number:03d}.txt", os.urandom(size // 2).hex())
    return commit_all(root, "Add large files")


@pytest.fixture
def blog_repo(tmp_path: Path) -> Path:
    """A repository with three posts and two commits, no remote."""
    return make_repo(tmp_path / "blog")


@pytest.fixture
def blog_remote(tmp_path: Path) -> Remote:
    """A repository already pushed to a bare origin over file://."""
    return make_remote(tmp_path)
