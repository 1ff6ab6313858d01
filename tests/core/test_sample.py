"""core.sample: the sample blog becomes a repository with one commit pushed to a bare origin."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.core.errors import PostdeskError
from desktop_app.core.sample import install_sample_blog
from tests.helpers.git_repos import git, write


@pytest.fixture
def source(tmp_path: Path) -> Path:
    folder = tmp_path / "sample-blog"
    write(folder, "content/posts/welcome.md", "---\ntitle: Welcome\n---\n\nHello.\n")
    write(folder, "content/posts/second.md", "---\ntitle: Second\n---\n\nMore.\n")
    write(folder, ".postdesk.yml", "collections: []\n")
    return folder


def test_install(source: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL"):
        monkeypatch.delenv(var)  # works without any user identity
    git(tmp_path, "config", "--global", "user.useConfigOnly", "true")
    target, remote = tmp_path / "data" / "blog", tmp_path / "data" / "blog-origin.git"
    assert install_sample_blog(source, target, remote) == target
    assert git(target, "rev-list", "--count", "HEAD") == "1"
    assert git(target, "log", "-1", "--format=%an <%ae>") == "Postdesk <postdesk@localhost>"
    assert git(target, "config", "--local", "--get", "user.name", check=False) == ""
    assert git(target, "status", "--porcelain") == ""
    assert sorted(git(target, "ls-files").splitlines()) == [
        ".postdesk.yml", "content/posts/second.md", "content/posts/welcome.md"]
    assert git(remote, "rev-parse", "--is-bare-repository") == "true"
    assert git(remote, "rev-parse", "main") == git(target, "rev-parse", "HEAD")
    assert git(target, "rev-parse", "--abbrev-ref", "main@{upstream}") == "origin/main"


def test_second_install_is_a_no_op(source: Path, tmp_path: Path) -> None:
    target, remote = tmp_path / "blog", tmp_path / "origin.git"
    install_sample_blog(source, target, remote)
    write(target, "content/posts/welcome.md", "edited by the user\n")
    head = git(target, "rev-parse", "HEAD")
    assert install_sample_blog(source, target, remote) == target
    assert git(target, "rev-parse", "HEAD") == head
    assert (target / "content/posts/welcome.md").read_text() == "edited by the user\n"


def test_failure_removes_what_was_created(source: Path, tmp_path: Path) -> None:
    target = tmp_path / "blog"
    remote = tmp_path / "origin.git"
    remote.write_text("a file where the bare repository should go")
    with pytest.raises(PostdeskError):
        install_sample_blog(source, target, remote)
    assert not target.exists()
    missing = tmp_path / "no-such-source"
    with pytest.raises(PostdeskError):
        install_sample_blog(missing, target, tmp_path / "other.git")
    assert not target.exists()


def test_failure_half_way_is_undone(source: Path, tmp_path: Path) -> None:
    target, remote = tmp_path / "blog", tmp_path / "origin.git"
    git(tmp_path, "config", "--global", "core.hooksPath", str(tmp_path / "hooks"))
    write(tmp_path, "hooks/pre-push", "#!/bin/sh\nexit 1\n").chmod(0o755)  # the push fails
    with pytest.raises(PostdeskError):
        install_sample_blog(source, target, remote)
    assert not target.exists() and not remote.exists()
