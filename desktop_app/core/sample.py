"""Installing the bundled sample blog as a ready-to-use repository with a local "remote".

The sample lets a new user try every feature, commit, pull and push included, without an
account anywhere: the posts are copied to `target`, committed once, and pushed to a bare
repository at `remote` that plays the part of the hosting service.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from desktop_app.core.errors import NotARepository, PostdeskError, RepositoryMissing
from desktop_app.core.git.process import git_env, run_git
from desktop_app.core.git.repo import GitRepo

SAMPLE_AUTHOR = ("Postdesk", "postdesk@localhost")
FIRST_MESSAGE = "Start the sample blog"


def install_sample_blog(source: Path, target: Path, remote: Path) -> Path:
    """Copy `source` to `target`, commit it, push it to a new bare repo at `remote`; return target.

    A `target` that already is a repository is returned untouched (the user may have written in
    it). On failure everything this call created is removed again.
    """
    source, target, remote = Path(source), Path(target), Path(remote)
    if _is_repository(target):
        return target
    if not source.is_dir():
        raise PostdeskError(f"The sample blog is missing from {source}.",
                            hint="Reinstall Postdesk to restore it.")
    for folder in (target, remote):
        if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
            raise PostdeskError(f"Could not install the sample blog: {folder} already exists.",
                                hint="Move or delete it, then try again.")
    created = [folder for folder in (target, remote) if not folder.exists()]
    try:
        _install(source, target, remote)
    except (PostdeskError, OSError) as exc:
        _undo(target, remote, created)
        reason = exc.message if isinstance(exc, PostdeskError) else str(exc)
        details = exc.details if isinstance(exc, PostdeskError) else ""
        raise PostdeskError(f"Could not install the sample blog: {reason}", details=details) from exc
    return target


def _install(source: Path, target: Path, remote: Path) -> None:
    shutil.copytree(source, target, ignore=shutil.ignore_patterns(".git"), dirs_exist_ok=True)
    repo = GitRepo.init(target)
    name, email = SAMPLE_AUTHOR
    # The identity goes through the environment (which beats any config) for this one commit,
    # so it works without a user identity and leaves the repository's config alone.
    env = git_env({
        "GIT_AUTHOR_NAME": name, "GIT_AUTHOR_EMAIL": email,
        "GIT_COMMITTER_NAME": name, "GIT_COMMITTER_EMAIL": email,
    })
    run_git(repo.root, ["add", "--all"], env=env)
    run_git(repo.root, ["-c", "commit.gpgSign=false", "commit", "--quiet", "--no-verify",
                        "-m", FIRST_MESSAGE], env=env)
    remote.mkdir(parents=True, exist_ok=True)
    run_git(remote, ["init", "--quiet", "--bare", "--initial-branch=main"])
    repo.add_remote("origin", str(remote.resolve()))
    repo.push("origin")


def _is_repository(target: Path) -> bool:
    try:
        GitRepo(target)
    except (NotARepository, RepositoryMissing):
        return False
    return True


def _undo(target: Path, remote: Path, created: list[Path]) -> None:
    """Remove what the failed install made; folders that existed (empty) are emptied again."""
    for folder in (target, remote):
        if not folder.exists():
            continue
        if folder in created:
            shutil.rmtree(folder, ignore_errors=True)
            continue
        for child in folder.iterdir():
            if child.is_dir() and not child.is_symlink():
                shutil.rmtree(child, ignore_errors=True)
            else:
                child.unlink(missing_ok=True)
