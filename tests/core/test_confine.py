"""The shared rule for paths read or written on a post's or a site's behalf: real path inside."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.core.confine import is_inside, leaves, require_inside
from desktop_app.core.errors import OutsideRepository


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / "repo/posts").mkdir(parents=True)
    (tmp_path / "repo/posts/a.md").write_text("inside", encoding="utf-8")
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside/victim.md").write_text("outside", encoding="utf-8")
    (tmp_path / "repo-twin").mkdir()
    return tmp_path / "repo"


def link(path: Path, target: str) -> Path:
    path.symlink_to(target)
    return path


def test_files_of_the_repository_and_the_repository_itself_are_inside(repo: Path) -> None:
    assert is_inside(repo / "posts/a.md", repo)
    assert is_inside(repo, repo)
    assert is_inside(repo / "posts/new-post-not-written-yet.md", repo)
    assert is_inside(link(repo / "posts/alias.md", "a.md"), repo)  # a link within the repository


@pytest.mark.parametrize("relative", ["../outside/victim.md", "posts/../../outside/victim.md", "../repo-twin/x.md"])
def test_dot_dot_and_a_sibling_named_like_the_repository_are_outside(repo: Path, relative: str) -> None:
    assert not is_inside(repo / relative, repo)


def test_a_link_to_a_file_elsewhere_is_outside_and_named_with_where_it_leads(repo: Path, tmp_path: Path) -> None:
    post = link(repo / "posts/link.md", "../../outside/victim.md")
    assert not is_inside(post, repo)
    with pytest.raises(OutsideRepository) as raised:
        require_inside(post, repo, "open")
    assert raised.value.message == (f"posts/link.md leads outside the repository (to {tmp_path / 'outside/victim.md'}), "
                                    "so Postdesk does not open it.")


def test_a_linked_folder_leading_elsewhere_puts_everything_below_it_outside(repo: Path) -> None:
    link(repo / "drafts", "../outside")
    assert not is_inside(repo / "drafts/victim.md", repo)
    assert not is_inside(repo / "drafts/not-there-yet/new.md", repo)


def test_any_of_several_roots_will_do(repo: Path, tmp_path: Path) -> None:
    assert is_inside(tmp_path / "outside/victim.md", repo, tmp_path / "outside")


@pytest.mark.parametrize("written, out", [
    ("posts", False), ("", False), (".", False), ("a/../b", False), ("./posts/", False),
    ("..", True), ("../outside/posts", True), ("posts/../../x", True), ("/etc", True), ("C:/Users", True),
    ("..\\outside", True),
])
def test_paths_written_in_a_configuration_that_leave_the_repository(written: str, out: bool) -> None:
    assert leaves(written) is out
