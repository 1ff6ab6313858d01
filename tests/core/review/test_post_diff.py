"""Which two versions are compared (working copy and last commit, a commit and its parent), and
the three forms computed together, on real repositories."""

from __future__ import annotations

from pathlib import Path

from desktop_app.core.git.history import post_history
from desktop_app.core.git.repo import GitRepo
from desktop_app.core.review.post_diff import commit_sides, compare, working_sides
from tests.helpers.git_repos import commit_all, git, write

POST = "---\ntitle: Caching\ntags: [web]\n---\n\nThe quick brown fox.\n"


def repo_with_post(tmp_path: Path) -> tuple[Path, GitRepo]:
    root = tmp_path / "blog"
    root.mkdir()
    git(root, "init", "--quiet", "--initial-branch=main")
    write(root, "posts/a.md", POST)
    write(root, "images/pic.png", "\x89PNG\r\n\x1a\n\x00\x00\x00binary")
    commit_all(root, "Start")
    return root, GitRepo(root)


def test_a_modified_post_in_three_forms(tmp_path: Path) -> None:
    root, repo = repo_with_post(tmp_path)
    write(root, "posts/a.md", POST.replace("Caching", "Caching well").replace("quick", "slow")
          .replace("[web]", "[web, redis]"))
    comparison = compare(*working_sides(repo, "posts/a.md"), "gfm")
    assert comparison.heading() == "posts/a.md · Last commit → Working copy"
    assert comparison.fields is not None and comparison.fields.lines() == ["title: Caching → Caching well", "tags: +redis"]
    assert "-The quick brown fox." in comparison.text.unified().splitlines()
    assert comparison.rendered is not None
    assert '<del class="pd-del">quick</del><ins class="pd-ins">slow</ins>' in comparison.rendered.body_html
    assert comparison.summary() == "Last commit → Working copy. 3 blocks changed."


def test_new_deleted_and_renamed_posts(tmp_path: Path) -> None:
    root, repo = repo_with_post(tmp_path)
    write(root, "posts/new.md", "---\ntitle: New\n---\n\nFresh words.\n")
    old, new = working_sides(repo, "posts/new.md")
    assert old.text is None and new.text is not None
    created = compare(old, new)
    assert created.rendered is not None and created.rendered.deleted == 0 and created.rendered.inserted >= 2
    assert created.summary() == "Last commit → Working copy. New post."

    git(root, "mv", "posts/a.md", "posts/b.md")
    write(root, "posts/b.md", POST.replace("quick", "slow"))
    git(root, "add", "posts/b.md")
    old, new = working_sides(repo, "posts/b.md")
    assert (old.path, new.path) == ("posts/a.md", "posts/b.md")
    moved = compare(old, new)
    assert moved.heading().startswith("posts/a.md → posts/b.md · ")
    assert moved.text.counts() == (1, 1)

    (root / "posts/b.md").unlink()
    git(root, "add", "--all")
    old, new = working_sides(repo, "posts/a.md")
    gone = compare(old, new)
    assert new.text is None and gone.rendered is not None and gone.rendered.inserted == 0
    assert gone.summary() == "Last commit → Working copy. Deleted post."


def test_a_commit_against_its_parent(tmp_path: Path) -> None:
    root, repo = repo_with_post(tmp_path)
    write(root, "posts/a.md", POST.replace("tags: [web]", "tags: [web]\ndraft: true"))
    commit_all(root, "Make it a draft")
    latest, first = post_history(repo, "posts/a.md").commits
    old, new = commit_sides(repo, latest)
    assert old.label == f"Before {latest.short}" and new.label == f"{latest.short} · Make it a draft"
    assert compare(old, new).fields.lines() == ["+ draft: true"]  # type: ignore[union-attr]
    old, new = commit_sides(repo, first)
    assert old.text is None and new.text == POST


def test_binary_and_non_post_files_get_the_forms_that_make_sense(tmp_path: Path) -> None:
    root, repo = repo_with_post(tmp_path)
    write(root, "images/pic.png", "\x89PNG\r\n\x1a\n\x00\x00\x00other")
    picture = compare(*working_sides(repo, "images/pic.png"))
    assert picture.fields is None and picture.rendered is None and picture.text.lines == ()
    assert picture.note.startswith("A binary file")
    write(root, "styles/site.css", "body { color: red; }\n")
    css = compare(*working_sides(repo, "styles/site.css"))
    assert css.fields is None and css.rendered is None and css.note.startswith("Not a Markdown post")
    assert "+body { color: red; }" in css.text.unified().splitlines()


def test_a_working_file_linking_outside_the_repository_is_never_shown(tmp_path: Path) -> None:
    import pytest

    from desktop_app.core.errors import OutsideRepository

    root, repo = repo_with_post(tmp_path)
    (tmp_path / "id_rsa").write_text("-----BEGIN OPENSSH PRIVATE KEY-----\n", encoding="utf-8")
    (root / "posts/key.md").symlink_to(tmp_path / "id_rsa")
    with pytest.raises(OutsideRepository, match=r"^posts/key.md leads outside the repository .* does not open it\.$"):
        working_sides(repo, "posts/key.md")
