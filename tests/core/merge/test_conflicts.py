"""Pulls that meet another writer's changes, on real repositories: two clones of a bare origin.

Each scenario pushes "their" commit from a second clone, makes "mine" in the first, and pulls
with `GitRepo.pull` (rebase by default, merge where the repository asks for it). The front
matter of content/posts/caching.md has `title` and `date` on neighbouring lines, where git's own
line merge would stop, so a clean pull also shows that Postdesk's merge driver ran.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from desktop_app.core.errors import MergeConflict
from desktop_app.core.git.repo import GitRepo, PullWaiting
from desktop_app.core.merge import conflicts
from desktop_app.core.merge.conflicts import (
    AbortWouldDiscard,
    CannotAbort,
    ConflictMarkersRemain,
    NoConflictInProgress,
    ResolutionWouldDiscard,
    UnresolvedConflicts,
)
from tests.helpers.git_repos import Remote, commit_all, git, write

CACHING = "content/posts/caching.md"
AUTH = "content/posts/auth.md"
BASE = "---\ntitle: Caching\ndate: 2024-01-05\n---\n\nCache early.\n"
MODES = ["rebase", "merge"]


def theirs_push(remote: Remote, tmp_path: Path, text: str, path: str = CACHING, message: str = "Their edit") -> Path:
    other = remote.second_clone(tmp_path / "other")
    if text:
        write(other, path, text)
    else:
        git(other, "rm", "--quiet", path)
    commit_all(other, message)
    git(other, "push", "--quiet")
    return other


def my_commit(remote: Remote, text: str, path: str = CACHING, message: str = "My edit") -> None:
    write(remote.work, path, text)
    commit_all(remote.work, message)


def repo_for(remote: Remote, mode: str) -> GitRepo:
    if mode == "merge":
        git(remote.work, "config", "pull.rebase", "false")
    return GitRepo(remote.work)


def pull_conflict(repo: GitRepo) -> MergeConflict:
    with pytest.raises(MergeConflict) as caught:
        repo.pull()
    return caught.value


def read(remote: Remote, path: str = CACHING) -> str:
    return (remote.work / path).read_bytes().decode("utf-8")  # line endings as they are


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file of the work tree (not .git), by path."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and ".git" not in p.relative_to(root).parts}


# --- different fields: no question ---------------------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
def test_different_fields_merge_cleanly(blog_remote: Remote, tmp_path: Path, mode: str) -> None:
    theirs_push(blog_remote, tmp_path, BASE.replace("date: 2024-01-05", "date: 2024-02-01"))
    my_commit(blog_remote, BASE.replace("title: Caching", "title: Caching, revisited"))
    repo = repo_for(blog_remote, mode)
    assert repo.pull().updated
    assert read(blog_remote) == "---\ntitle: Caching, revisited\ndate: 2024-02-01\n---\n\nCache early.\n"
    assert repo.status() == {} and conflicts.operation(repo) is None
    parents = git(blog_remote.work, "log", "-1", "--format=%p").split()
    assert len(parents) == (2 if mode == "merge" else 1)
    repo.push()
    assert blog_remote.origin_log()[0] in ("My edit", "Merge remote-tracking branch 'refs/remotes/origin/main'")


def test_plain_git_is_not_changed(blog_remote: Remote, tmp_path: Path) -> None:
    """Postdesk's driver lives on its own command lines: git in a terminal still merges lines."""
    other = theirs_push(blog_remote, tmp_path, BASE.replace("date: 2024-01-05", "date: 2024-02-01"))
    my_commit(blog_remote, BASE.replace("title: Caching", "title: Caching, revisited"))
    GitRepo(blog_remote.work).pull()  # writes .git/postdesk/attributes for its own use
    assert git(blog_remote.work, "config", "--get-regexp", r"^merge\.", check=False) == ""
    info = blog_remote.work / ".git" / "info" / "attributes"
    assert not info.exists() or "postdesk" not in info.read_text()
    write(other, CACHING, BASE.replace("title: Caching", "title: Caching (theirs)").replace("2024-01-05", "2024-03-01"))
    commit_all(other, "Their second edit")
    git(other, "push", "--quiet")
    write(blog_remote.work, CACHING, read(blog_remote).replace("date: 2024-02-01", "date: 2024-04-01"))
    commit_all(blog_remote.work, "My second edit")
    git(blog_remote.work, "pull", "--rebase", check=False)
    assert "<<<<<<<" in read(blog_remote) and "postdesk" not in read(blog_remote)
    git(blog_remote.work, "rebase", "--abort")


# --- the same field: a conflict, resolved three ways -------------------------------------------


def same_field(remote: Remote, tmp_path: Path, mode: str) -> GitRepo:
    theirs_push(remote, tmp_path, BASE.replace("title: Caching", "title: Caching in depth")
                .replace("Cache early.", "Cache early.\n\nTheir paragraph."))
    my_commit(remote, BASE.replace("title: Caching", "title: Caching for beginners")
              .replace("date: 2024-01-05", "date: 2024-01-06"))
    repo = repo_for(remote, mode)
    assert pull_conflict(repo).paths == [CACHING]
    return repo


@pytest.mark.parametrize("mode", MODES)
def test_same_field_is_shown_as_yours_and_theirs(blog_remote: Remote, tmp_path: Path, mode: str) -> None:
    repo = same_field(blog_remote, tmp_path, mode)
    state = conflicts.conflict_state(repo)
    assert state.operation == mode and not state.stashed
    (post,) = state.posts
    assert (post.path, post.kind, post.title) == (CACHING, "both-changed", "Caching for beginners")
    assert post.lines() == ["title: yours «Caching for beginners» / theirs «Caching in depth»"]
    assert not post.body_conflicted
    # On disk: markers around the title only; my date and their paragraph already merged.
    assert read(blog_remote) == ("---\n<<<<<<< mine\ntitle: Caching for beginners\n=======\n"
                                 "title: Caching in depth\n>>>>>>> theirs\ndate: 2024-01-06\n---\n\n"
                                 "Cache early.\n\nTheir paragraph.\n")
    assert repo.status()[CACHING].state == "conflicted"


@pytest.mark.parametrize("mode", MODES)
def test_keep_mine(blog_remote: Remote, tmp_path: Path, mode: str) -> None:
    repo = same_field(blog_remote, tmp_path, mode)
    conflicts.keep_mine(repo, CACHING)
    expected = "---\ntitle: Caching for beginners\ndate: 2024-01-06\n---\n\nCache early.\n\nTheir paragraph.\n"
    assert read(blog_remote) == expected
    assert conflicts.conflict_state(repo).posts == ()
    assert conflicts.continue_operation(repo).operation is None
    assert git(blog_remote.work, "show", f"HEAD:{CACHING}") + "\n" == expected
    assert repo.status() == {}
    assert "Their edit" in git(blog_remote.work, "log", "--format=%s")
    repo.push()


@pytest.mark.parametrize("mode", MODES)
def test_uncommitted_edits_elsewhere_come_back_after_continue(blog_remote: Remote, tmp_path: Path,
                                                              mode: str) -> None:
    theirs_push(blog_remote, tmp_path, BASE.replace("title: Caching", "title: Caching in depth"))
    my_commit(blog_remote, BASE.replace("title: Caching", "title: Caching for beginners"))
    write(blog_remote.work, AUTH, "---\ntitle: Auth\n---\n\nNot committed yet.\n")
    repo = repo_for(blog_remote, mode)
    pull_conflict(repo)
    assert read(blog_remote, AUTH) != "---\ntitle: Auth\n---\n\nNot committed yet.\n"  # set aside meanwhile
    assert conflicts.conflict_state(repo).stashed
    conflicts.keep_mine(repo, CACHING)
    conflicts.continue_operation(repo)
    assert read(blog_remote, AUTH) == "---\ntitle: Auth\n---\n\nNot committed yet.\n"
    assert {path: entry.state for path, entry in repo.status().items()} == {AUTH: "modified"}
    assert git(blog_remote.work, "stash", "list") == ""


@pytest.mark.parametrize("mode", MODES)
def test_take_theirs(blog_remote: Remote, tmp_path: Path, mode: str) -> None:
    repo = same_field(blog_remote, tmp_path, mode)
    conflicts.take_theirs(repo, CACHING)
    expected = "---\ntitle: Caching in depth\ndate: 2024-01-06\n---\n\nCache early.\n\nTheir paragraph.\n"
    assert read(blog_remote) == expected  # my date change stays: only the clash went their way
    assert conflicts.continue_operation(repo).operation is None
    assert git(blog_remote.work, "show", f"HEAD:{CACHING}") + "\n" == expected
    assert git(blog_remote.work, "log", "-1", "--format=%B").strip() in (
        "My edit", "Merge remote-tracking branch 'refs/remotes/origin/main'")


@pytest.mark.parametrize("mode", MODES)
def test_resolve_by_hand(blog_remote: Remote, tmp_path: Path, mode: str) -> None:
    repo = same_field(blog_remote, tmp_path, mode)
    with pytest.raises(UnresolvedConflicts):
        conflicts.continue_operation(repo)
    with pytest.raises(ConflictMarkersRemain) as caught:
        conflicts.mark_resolved(repo, CACHING)
    assert caught.value.lines == [2, 4, 6]
    assert "still has conflict markers (lines 2, 4, 6)" in caught.value.message
    # Half done: one marker left is still refused.
    write(blog_remote.work, CACHING, read(blog_remote).replace("<<<<<<< mine\n", ""))
    with pytest.raises(ConflictMarkersRemain):
        conflicts.mark_resolved(repo, CACHING)
    by_hand = "---\ntitle: Caching, for beginners and in depth\ndate: 2024-01-06\n---\n\nCache early.\n\nTheir paragraph.\n"
    write(blog_remote.work, CACHING, by_hand)
    conflicts.mark_resolved(repo, CACHING)
    assert conflicts.continue_operation(repo).operation is None
    assert read(blog_remote) == by_hand and repo.status() == {}


def test_no_second_pull_while_one_waits(blog_remote: Remote, tmp_path: Path) -> None:
    repo = same_field(blog_remote, tmp_path, "rebase")
    with pytest.raises(PullWaiting) as caught:
        repo.pull()
    assert caught.value.paths == [CACHING]
    assert caught.value.message == "The last pull is still waiting for its conflicts to be resolved."
    conflicts.keep_mine(repo, CACHING)
    with pytest.raises(PullWaiting):  # resolved, but not continued yet
        repo.pull()
    conflicts.continue_operation(repo)
    assert repo.pull().summary == "Already up to date."


def test_a_setext_heading_is_not_a_marker(blog_remote: Remote, tmp_path: Path) -> None:
    repo = same_field(blog_remote, tmp_path, "rebase")
    write(blog_remote.work, CACHING, "---\ntitle: T\n---\n\nHeading\n=======\n\nText\n")
    conflicts.mark_resolved(repo, CACHING)
    assert conflicts.continue_operation(repo).operation is None


def test_resolving_refuses_to_replace_a_hand_edit(blog_remote: Remote, tmp_path: Path) -> None:
    repo = same_field(blog_remote, tmp_path, "rebase")
    edited = read(blog_remote).replace("Their paragraph.", "Their paragraph, edited by me.")
    write(blog_remote.work, CACHING, edited)
    with pytest.raises(ResolutionWouldDiscard):
        conflicts.keep_mine(repo, CACHING)
    assert read(blog_remote) == edited  # untouched
    conflicts.keep_mine(repo, CACHING, force=True)
    assert "title: Caching for beginners" in read(blog_remote)


def test_resolutions_are_written_as_git_checks_files_out(blog_remote: Remote, tmp_path: Path) -> None:
    """With core.autocrlf the work tree has CRLF while git keeps LF: a resolution follows."""
    git(blog_remote.work, "config", "core.autocrlf", "true")
    (blog_remote.work / CACHING).unlink()
    git(blog_remote.work, "checkout", "--", CACHING)
    assert read(blog_remote).startswith("---\r\ntitle: Caching\r\n")
    theirs_push(blog_remote, tmp_path, BASE.replace("title: Caching", "title: Theirs"))
    write(blog_remote.work, CACHING, BASE.replace("title: Caching", "title: Mine").replace("\n", "\r\n"))
    commit_all(blog_remote.work, "My edit")
    repo = GitRepo(blog_remote.work)
    pull_conflict(repo)
    assert "<<<<<<< mine\r\ntitle: Mine\r\n=======\r\ntitle: Theirs\r\n>>>>>>> theirs\r\n" in read(blog_remote)
    conflicts.keep_mine(repo, CACHING)  # no question: the file is as the pull left it
    assert read(blog_remote) == BASE.replace("title: Caching", "title: Mine").replace("\n", "\r\n")
    assert conflicts.continue_operation(repo).operation is None
    assert repo.status() == {}
    assert git(blog_remote.work, "show", f"HEAD:{CACHING}").startswith("---\ntitle: Mine\n")


# --- text conflicts, deletions -------------------------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
def test_body_conflict(blog_remote: Remote, tmp_path: Path, mode: str) -> None:
    theirs_push(blog_remote, tmp_path, BASE.replace("Cache early.", "Cache early and everywhere."))
    my_commit(blog_remote, BASE.replace("Cache early.", "Cache as early as you can.")
              .replace("title: Caching", "title: Caching 101"))
    repo = repo_for(blog_remote, mode)
    pull_conflict(repo)
    (post,) = conflicts.conflict_state(repo).posts
    assert post.body_conflicted and post.field_conflicts == ()
    assert post.lines() == ["Text: the same lines changed on both sides"]
    assert read(blog_remote) == ("---\ntitle: Caching 101\ndate: 2024-01-05\n---\n\n<<<<<<< mine\n"
                                 "Cache as early as you can.\n=======\nCache early and everywhere.\n"
                                 ">>>>>>> theirs\n")
    conflicts.take_theirs(repo, CACHING)
    assert read(blog_remote) == "---\ntitle: Caching 101\ndate: 2024-01-05\n---\n\nCache early and everywhere.\n"
    assert conflicts.continue_operation(repo).operation is None


@pytest.mark.parametrize("mode", MODES)
def test_deleted_by_them_changed_by_me(blog_remote: Remote, tmp_path: Path, mode: str) -> None:
    theirs_push(blog_remote, tmp_path, "", message="Their deletion")
    my_commit(blog_remote, BASE.replace("title: Caching", "title: Caching 101"))
    repo = repo_for(blog_remote, mode)
    pull_conflict(repo)
    (post,) = conflicts.conflict_state(repo).posts
    assert (post.kind, post.summary, post.title) == ("deleted-by-them", "They deleted it; you changed it", "Caching 101")
    assert (post.has_mine, post.has_theirs) == (True, False)
    conflicts.take_theirs(repo, CACHING)
    assert not (blog_remote.work / CACHING).exists()
    assert conflicts.continue_operation(repo).operation is None
    assert CACHING not in git(blog_remote.work, "ls-files")


def test_deleted_by_them_kept_by_me(blog_remote: Remote, tmp_path: Path) -> None:
    theirs_push(blog_remote, tmp_path, "", message="Their deletion")
    my_commit(blog_remote, BASE.replace("title: Caching", "title: Caching 101"))
    repo = GitRepo(blog_remote.work)
    pull_conflict(repo)
    conflicts.keep_mine(repo, CACHING)
    assert conflicts.continue_operation(repo).operation is None
    assert "title: Caching 101" in read(blog_remote)


# --- abort ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
def test_abort_restores_the_exact_previous_state(blog_remote: Remote, tmp_path: Path, mode: str) -> None:
    theirs_push(blog_remote, tmp_path, BASE.replace("title: Caching", "title: Caching in depth"))
    my_commit(blog_remote, BASE.replace("title: Caching", "title: Caching for beginners"))
    write(blog_remote.work, AUTH, "---\ntitle: Auth\n---\n\nNot committed yet.\n")  # an uncommitted edit
    write(blog_remote.work, "content/posts/idea.md", "---\ntitle: An idea\n---\n")  # a new file
    repo = repo_for(blog_remote, mode)
    before = (git(blog_remote.work, "rev-parse", "HEAD"), repo.status(), snapshot(blog_remote.work))
    pull_conflict(repo)
    assert conflicts.operation(repo) == mode
    conflicts.abort(repo)
    assert conflicts.operation(repo) is None
    assert (git(blog_remote.work, "rev-parse", "HEAD"), repo.status(), snapshot(blog_remote.work)) == before
    assert repo.current_branch() == "main"
    assert git(blog_remote.work, "stash", "list") == ""
    with pytest.raises(NoConflictInProgress):
        conflicts.abort(repo)


def test_abort_refuses_to_undo_edits_made_meanwhile(blog_remote: Remote, tmp_path: Path) -> None:
    repo = same_field(blog_remote, tmp_path, "rebase")
    write(blog_remote.work, AUTH, "---\ntitle: Auth\n---\n\nWritten while the pull waited.\n")
    with pytest.raises(AbortWouldDiscard) as caught:
        conflicts.abort(repo)
    assert caught.value.paths == [AUTH]
    assert conflicts.operation(repo) == "rebase"
    conflicts.abort(repo, force=True)
    assert conflicts.operation(repo) is None


# --- a rebase of several commits -----------------------------------------------------------------


def test_rebase_of_two_commits_where_the_first_conflicts(blog_remote: Remote, tmp_path: Path) -> None:
    theirs_push(blog_remote, tmp_path, BASE.replace("title: Caching", "title: Caching in depth"))
    my_commit(blog_remote, BASE.replace("title: Caching", "title: Caching for beginners"), message="Retitle")
    my_commit(blog_remote, BASE.replace("title: Caching", "title: Caching for beginners")
              .replace("Cache early.", "Cache early. Measure often."), message="More text")
    repo = GitRepo(blog_remote.work)
    pull_conflict(repo)
    state = conflicts.conflict_state(repo)
    assert state.step == "Replaying your commit 1 of 2: “Retitle”."
    assert state.posts[0].lines() == ["title: yours «Caching for beginners» / theirs «Caching in depth»"]
    conflicts.keep_mine(repo, CACHING)
    # The second commit changed the text only: it applies on top without a question.
    assert conflicts.continue_operation(repo).operation is None
    assert git(blog_remote.work, "log", "--format=%s", "-3").splitlines() == ["More text", "Retitle", "Their edit"]
    assert read(blog_remote) == ("---\ntitle: Caching for beginners\ndate: 2024-01-05\n---\n\n"
                                 "Cache early. Measure often.\n")


def test_rebase_stops_again_on_the_second_commit(blog_remote: Remote, tmp_path: Path) -> None:
    theirs_push(blog_remote, tmp_path, BASE.replace("title: Caching", "title: Theirs")
                .replace("Cache early.", "Their text."))
    my_commit(blog_remote, BASE.replace("title: Caching", "title: Mine"), message="Retitle")
    my_commit(blog_remote, BASE.replace("title: Caching", "title: Mine").replace("Cache early.", "My text."),
              message="Rewrite")
    repo = GitRepo(blog_remote.work)
    pull_conflict(repo)
    conflicts.take_theirs(repo, CACHING)
    state = conflicts.continue_operation(repo)
    assert state.operation == "rebase" and state.step == "Replaying your commit 2 of 2: “Rewrite”."
    (post,) = state.posts
    assert post.body_conflicted
    # Mine is still mine in the second round (git's sides are swapped in a rebase).
    assert "<<<<<<< mine\nMy text.\n=======\nTheir text.\n>>>>>>> theirs" in read(blog_remote)
    conflicts.keep_mine(repo, CACHING)
    assert conflicts.continue_operation(repo).operation is None
    # The second commit did not touch the title: the first round's choice (theirs) stays.
    assert read(blog_remote) == "---\ntitle: Theirs\ndate: 2024-01-05\n---\n\nMy text.\n"


# --- uncommitted edits that clash ----------------------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
def test_uncommitted_edit_that_clashes(blog_remote: Remote, tmp_path: Path, mode: str) -> None:
    theirs_push(blog_remote, tmp_path, BASE.replace("title: Caching", "title: Theirs"))
    write(blog_remote.work, CACHING, BASE.replace("title: Caching", "title: Mine, unsaved in git")
          .replace("2024-01-05", "2024-01-09"))
    repo = repo_for(blog_remote, mode)
    pull_conflict(repo)  # the pull itself went through; re-applying my edit clashed
    state = conflicts.conflict_state(repo)
    assert state.operation == "stash"
    assert state.posts[0].lines() == ["title: yours «Mine, unsaved in git» / theirs «Theirs»"]
    assert "<<<<<<< mine\ntitle: Mine, unsaved in git\n=======\ntitle: Theirs\n>>>>>>> theirs" in read(blog_remote)
    with pytest.raises(CannotAbort):
        conflicts.abort(repo)
    conflicts.keep_mine(repo, CACHING)
    assert read(blog_remote) == BASE.replace("title: Caching", "title: Mine, unsaved in git").replace(
        "2024-01-05", "2024-01-09")
    assert repo.status()[CACHING].state == "modified" and not repo.status()[CACHING].staged
    assert conflicts.operation(repo) is None
    assert git(blog_remote.work, "log", "-1", "--format=%s") in ("Their edit",)


# --- how git runs the driver ---------------------------------------------------------------------


def _launcher(folder: Path, body: str) -> Path:
    folder.mkdir(parents=True)
    script = folder / "python"
    script.write_text(f"#!/bin/sh\n{body}\n")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return script


@pytest.mark.skipif(os.name == "nt", reason="a shell-script stand-in for the interpreter")
def test_an_interpreter_path_with_spaces(blog_remote: Remote, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    marker = tmp_path / "ran"
    launcher = _launcher(tmp_path / "My Apps" / "it's python",
                         f'touch "{marker}"\nexec "{sys.executable}" "$@"')
    monkeypatch.setattr(sys, "executable", str(launcher))
    theirs_push(blog_remote, tmp_path, BASE.replace("date: 2024-01-05", "date: 2024-02-01"))
    my_commit(blog_remote, BASE.replace("title: Caching", "title: Caching, revisited"))
    assert GitRepo(blog_remote.work).pull().updated
    assert marker.exists()
    assert "title: Caching, revisited\ndate: 2024-02-01" in read(blog_remote)


@pytest.mark.skipif(os.name == "nt", reason="a shell-script stand-in for the app binary")
def test_the_packaged_app_runs_its_merge_driver_subcommand(blog_remote: Remote, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """Frozen, the app binary is the driver: `postdesk merge-driver …` (cli.py)."""
    calls = tmp_path / "calls"
    app = _launcher(tmp_path / "Postdesk App" / "bin",
                    f'echo "$1" >> "{calls}"\nexec "{sys.executable}" -m desktop_app "$@"')
    monkeypatch.setattr(sys, "executable", str(app))
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    theirs_push(blog_remote, tmp_path, BASE.replace("date: 2024-01-05", "date: 2024-02-01"))
    my_commit(blog_remote, BASE.replace("title: Caching", "title: Caching, revisited"))
    assert GitRepo(blog_remote.work).pull().updated
    assert calls.read_text().split() == ["merge-driver"]
    assert "title: Caching, revisited\ndate: 2024-02-01" in read(blog_remote)


def test_the_users_global_attributes_still_apply(blog_remote: Remote, tmp_path: Path) -> None:
    config = Path(os.environ["HOME"]) / ".config" / "git"
    config.mkdir(parents=True)
    (config / "attributes").write_text("*.csv diff=csv\n")
    GitRepo(blog_remote.work).merge_driver_options(rebase=True)
    ours = (blog_remote.work / ".git" / "postdesk" / "attributes").read_text()
    assert ours.index("*.md merge=postdesk") < ours.index("*.csv diff=csv")


def test_a_sites_own_merge_attribute_wins(blog_remote: Remote, tmp_path: Path) -> None:
    """A site that asked for git's union merge on Markdown keeps it."""
    write(blog_remote.work, ".gitattributes", "*.md merge=union\n")
    commit_all(blog_remote.work, "Union merges")
    git(blog_remote.work, "push", "--quiet")
    theirs_push(blog_remote, tmp_path, BASE.replace("Cache early.", "Theirs."))
    my_commit(blog_remote, BASE.replace("Cache early.", "Mine."))
    GitRepo(blog_remote.work).pull()
    assert read(blog_remote).endswith("\nTheirs.\nMine.\n")  # union: no markers, both lines
