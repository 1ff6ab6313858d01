"""core.staging and core.post_media against real repositories: changes grouped by post with the
images each post shows, staged and unstaged together, and commits of exactly what is staged."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from desktop_app.core.errors import GitError, NoAuthorIdentity
from desktop_app.core.git import staging
from desktop_app.core.git.repo import GitRepo
from desktop_app.core.git.state import PARTLY, STAGED, UNSTAGED, read_state
from desktop_app.core.site.detect import load_site
from desktop_app.core.site.posts import post_media
from tests.helpers.git_repos import commit_all, git, make_repo, write

CONFIG = """collections:
  - name: posts
    label: Posts
    folder: content/posts
    media_folder: static/images
    public_folder: /images
"""
POST = "content/posts/caching.md"
OTHER_POST = "content/posts/cqrs.md"


@pytest.fixture
def blog(tmp_path: Path) -> Path:
    root = make_repo(tmp_path / "blog")
    write(root, ".postdesk.yml", CONFIG)
    write(root, "static/images/old.png", "old")
    write(root, OTHER_POST, "---\ntitle: CQRS\ncover: /images/old.png\n---\n\nSplit reads from writes.\n")
    commit_all(root, "Configure")
    return root


def group(root: Path) -> staging.ChangeList:
    repo = GitRepo(root)
    return staging.group_changes(repo, load_site(root), read_state(repo))


def porcelain(root: Path) -> list[str]:
    """`git status --porcelain` lines as printed (the `git` helper strips the first one)."""
    return sorted(subprocess.run(["git", "status", "--porcelain"], cwd=root, capture_output=True, text=True,
                                 check=True).stdout.splitlines())


def staged(root: Path) -> list[str]:
    return sorted(git(root, "diff", "--cached", "--name-only").splitlines())


def test_image_references_in_front_matter_and_body() -> None:
    text = ("---\ntitle: T\ncover: /images/cover.png\nhero:\n  image: ./hero.jpg?v=2\nalt: not-an-image\n---\n\n"
            "![one](../../static/images/one.png) and ![two](<two images.svg> \"Two\")\n\n"
            "<img src=\"/images/three.webp\" alt=\"x\">\n\n{{< figure src=\"/images/four.gif\" >}}\n\n"
            "[logo]: /images/logo.png\n\n![remote](https://example.com/x.png) [link](page.md)\n")
    assert post_media.image_references(text) == [
        "/images/cover.png", "./hero.jpg?v=2",  # front matter: only values that are image paths
        "../../static/images/one.png", "two images.svg", "https://example.com/x.png",  # Markdown images
        "/images/logo.png",  # a reference definition
        "/images/three.webp", "/images/four.gif",  # HTML and shortcodes
    ]


def test_resolving_image_urls_as_the_site_serves_them(blog: Path) -> None:
    site = load_site(blog)
    assert post_media.resolve(site, POST, "/images/old.png") == "static/images/old.png"
    assert post_media.resolve(site, POST, "/images/deleted.png") == "static/images/deleted.png"
    assert post_media.resolve(site, POST, "../../static/images/a%20b.png") == "static/images/a b.png"
    assert post_media.resolve(site, POST, "diagram.svg#frag") == "content/posts/diagram.svg"
    assert post_media.resolve(site, POST, "https://example.com/x.png") is None
    assert post_media.resolve(site, POST, "../../../outside.png") is None


def test_a_post_is_listed_with_its_new_cover_and_body_image(blog: Path) -> None:
    write(blog, "static/images/cover.png", "cover")
    write(blog, "static/images/chart.svg", "<svg/>")
    write(blog, POST, "---\ntitle: Caching\ncover: /images/cover.png\n---\n\n![chart](/images/chart.svg)\n")
    write(blog, "static/images/unused.png", "unused")
    write(blog, "package-lock.json", "{}")
    changes = group(blog)
    assert [post.path for post in changes.posts] == [POST]
    post = changes.posts[0]
    assert post.state == "modified" and post.staging == UNSTAGED
    assert sorted(image.path for image in post.images) == ["static/images/chart.svg", "static/images/cover.png"]
    assert [f.path for f in changes.other] == ["package-lock.json", "static/images/unused.png"]
    assert changes.post_states() == {POST: ("modified", UNSTAGED)}


def test_an_image_changed_under_an_unchanged_post_belongs_to_that_post(blog: Path) -> None:
    write(blog, "static/images/old.png", "a new picture under the old name")
    changes = group(blog)
    assert [(p.path, p.change, [i.path for i in p.images]) for p in changes.posts] == [
        (OTHER_POST, None, ["static/images/old.png"])]
    assert changes.other == ()
    assert changes.post_states() == {OTHER_POST: ("modified", UNSTAGED)}


def test_staging_a_post_stages_its_images_and_unstaging_removes_both(blog: Path) -> None:
    write(blog, "static/images/cover.png", "cover")
    write(blog, POST, "---\ntitle: Caching\ncover: /images/cover.png\n---\n\nCache early.\n")
    write(blog, "notes.txt", "not a post")
    repo = GitRepo(blog)
    post = group(blog).post(POST)
    assert post is not None
    staging.stage(repo, read_state(repo), post.paths)
    assert staged(blog) == [POST, "static/images/cover.png"]
    assert group(blog).post(POST).staging == STAGED
    write(blog, POST, "---\ntitle: Caching\ncover: /images/cover.png\n---\n\nCache early, and again.\n")
    assert group(blog).post(POST).staging == PARTLY
    staging.unstage(repo, read_state(repo), post.paths)
    assert staged(blog) == []
    assert (blog / "static/images/cover.png").read_text() == "cover"  # the file itself stays
    assert group(blog).post(POST).staging == UNSTAGED


def test_a_kept_cache_sees_a_post_edited_to_show_a_new_image(blog: Path) -> None:
    repo, site, cache = GitRepo(blog), load_site(blog), staging.GroupingCache()
    write(blog, "static/images/cover.png", "cover")
    write(blog, POST, "---\ntitle: Caching\n---\n\nNo picture yet.\n")
    first = staging.group_changes(repo, site, read_state(repo), cache)
    assert first.post(POST).images == () and [f.path for f in first.other] == ["static/images/cover.png"]
    write(blog, POST, "---\ntitle: Caching\ncover: /images/cover.png\n---\n\nNow with one.\n")
    second = staging.group_changes(repo, site, read_state(repo), cache)
    assert [image.path for image in second.post(POST).images] == ["static/images/cover.png"]
    assert second.other == ()


def test_staging_only_the_image_makes_the_post_partly_staged(blog: Path) -> None:
    write(blog, "static/images/cover.png", "cover")
    write(blog, POST, "---\ntitle: Caching\ncover: /images/cover.png\n---\n")
    repo = GitRepo(blog)
    staging.stage(repo, read_state(repo), ["static/images/cover.png"])
    assert group(blog).post(POST).staging == PARTLY


def test_deleted_and_renamed_posts_stage_whole(blog: Path) -> None:
    repo = GitRepo(blog)
    (blog / OTHER_POST).unlink()
    git(blog, "mv", POST, "content/posts/caching-explained.md")
    changes = group(blog)
    renamed = changes.post("content/posts/caching-explained.md")
    assert renamed is not None and renamed.paths == ["content/posts/caching-explained.md", POST]
    staging.unstage(repo, read_state(repo), renamed.paths)
    staging.stage(repo, read_state(repo), [OTHER_POST, *renamed.paths])
    assert porcelain(blog) == [f"D  {OTHER_POST}", f"R  {POST} -> content/posts/caching-explained.md"]


def test_a_conflicted_post_cannot_be_staged(blog: Path) -> None:
    git(blog, "switch", "--quiet", "-c", "other")
    write(blog, POST, "---\ntitle: Theirs\n---\n")
    commit_all(blog, "theirs")
    git(blog, "switch", "--quiet", "main")
    write(blog, POST, "---\ntitle: Mine\n---\n")
    commit_all(blog, "mine")
    git(blog, "merge", "other", check=False)
    repo = GitRepo(blog)
    with pytest.raises(GitError, match="still has conflicts"):
        staging.stage(repo, read_state(repo), [POST])
    assert "<<<<<<<" in (blog / POST).read_text()
    assert git(blog, "diff", "--name-only", "--diff-filter=U") == POST


def test_commit_commits_exactly_what_is_staged(blog: Path) -> None:
    write(blog, POST, "---\ntitle: Caching\n---\n\nOne.\n")
    git(blog, "add", POST)
    write(blog, POST, "---\ntitle: Caching\n---\n\nOne. Two.\n")  # not staged
    write(blog, OTHER_POST, "---\ntitle: CQRS\n---\n")  # not staged
    sha = staging.commit_staged(GitRepo(blog), "Stage one")
    assert sha == git(blog, "rev-parse", "HEAD")
    assert git(blog, "show", f"{sha}:{POST}").endswith("One.")
    assert git(blog, "show", "--name-only", "--format=", sha) == POST
    assert porcelain(blog) == [f" M {POST}", f" M {OTHER_POST}"]


def test_commit_with_nothing_staged_or_no_message_changes_nothing(blog: Path) -> None:
    head = git(blog, "rev-parse", "HEAD")
    write(blog, POST, "---\ntitle: Caching\n---\n")
    with pytest.raises(staging.NothingStaged, match="Nothing is staged"):
        staging.commit_staged(GitRepo(blog), "Nothing")
    git(blog, "add", POST)
    with pytest.raises(Exception, match="commit message is empty"):
        staging.commit_staged(GitRepo(blog), "  ")
    assert git(blog, "rev-parse", "HEAD") == head


def test_missing_identity_is_found_before_anything_changes(blog: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL", "EMAIL"):
        monkeypatch.delenv(var, raising=False)
    git(blog, "config", "user.useConfigOnly", "true")
    with pytest.raises(NoAuthorIdentity):
        staging.require_identity(GitRepo(blog))
    git(blog, "config", "user.name", "Ada")
    git(blog, "config", "user.email", "ada@example.com")
    staging.require_identity(GitRepo(blog))


def test_stage_and_unstage_before_the_first_commit(tmp_path: Path) -> None:
    repo = GitRepo.init(tmp_path / "fresh")
    write(repo.root, "posts/a.md", "---\ntitle: A\n---\n")
    staging.stage(repo, read_state(repo), ["posts/a.md"])
    assert staged(repo.root) == ["posts/a.md"]
    staging.unstage(repo, read_state(repo), ["posts/a.md"])
    assert staged(repo.root) == []
    assert (repo.root / "posts/a.md").exists()


def test_is_post_follows_the_library(blog: Path) -> None:
    site = load_site(blog)
    assert staging.is_post(site, POST)
    assert staging.is_post(site, "content/posts/gone.md")  # deleted posts too
    assert not staging.is_post(site, "README.md")
    assert not staging.is_post(site, "content/posts/.drafts/x.md")
    assert not staging.is_post(site, "static/images/old.png")
