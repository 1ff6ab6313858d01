"""Every failure a user can cause, as an exception with one readable sentence.

The UI shows `message` (and `details` on demand) through `ui/notify.py`; the CLI prints them
and exits non-zero. Anything that is not a `PostdeskError` is a bug and goes to the excepthook.
"""

from __future__ import annotations


class PostdeskError(Exception):
    """Base of all expected errors: a one-sentence message, optional details and a hint."""

    def __init__(self, message: str, details: str = "", hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.details = details
        self.hint = hint

    def __str__(self) -> str:
        text = self.message
        if self.hint:
            text += f" {self.hint}"
        return text


class Cancelled(PostdeskError):
    """The user cancelled a long operation; not shown as an error."""

    def __init__(self, message: str = "Cancelled.") -> None:
        super().__init__(message)


# --- repository and library ------------------------------------------------------------------


class NotARepository(PostdeskError):
    """The folder exists but is not inside a git work tree."""

    def __init__(self, path: str) -> None:
        super().__init__(
            f"{path} is not a git repository.",
            hint="Postdesk can initialise one here (git init) so your posts get a history.",
        )
        self.path = path


class RepositoryMissing(PostdeskError):
    """The path does not exist (moved, deleted, or a typo)."""

    def __init__(self, path: str) -> None:
        super().__init__(f"{path} does not exist.", hint="Check the path, or open another repository.")
        self.path = path


class NoPosts(PostdeskError):
    """A repository with no Markdown posts in any collection folder."""

    def __init__(self, path: str, folders: list[str]) -> None:
        where = ", ".join(folders) if folders else "the repository"
        super().__init__(
            f"No Markdown posts were found in {path}.",
            details=f"Looked in: {where}",
            hint="Create a first post, or set the posts folder in .postdesk.yml.",
        )


class PostExists(PostdeskError):
    """A new or renamed post would overwrite an existing file."""

    def __init__(self, path: str) -> None:
        super().__init__(f"A post named {path} already exists.", hint="Choose another title or slug.")


class OutsideRepository(PostdeskError):
    """A file or folder whose real path (symbolic links followed) leaves the repository. A cloned
    blog is untrusted: its links and configuration must not make Postdesk read or write the
    writer's other files, so such a path is refused wherever it comes from (`core/confine.py`)."""

    def __init__(self, name: str, target: str = "", doing: str = "read or write", hint: str = "") -> None:
        to = f" (to {target})" if target else ""
        super().__init__(f"{name} leads outside the repository{to}, so Postdesk does not {doing} it.", hint=hint)
        self.name = name
        self.target = target


# --- files and front matter ------------------------------------------------------------------


class FrontMatterError(PostdeskError):
    """Front matter that cannot be parsed; the post stays editable as raw text."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None,
                 lead: str = "The front matter cannot be read") -> None:
        where = f" (line {line}, column {column})" if line is not None and column is not None else (
            f" (line {line})" if line is not None else ""
        )
        super().__init__(f"{lead}{where}: {message}")
        self.reason = message
        self.line = line
        self.column = column


class EncodingError(PostdeskError):
    """A file that is not valid UTF-8 (or another encoding we can detect)."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(
            f"{path} is not a UTF-8 text file, so Postdesk cannot open it.",
            details=reason,
        )


class BinaryFile(EncodingError):
    """Not text at all (an image or archive with a post's name): never opened in the editor."""

    def __init__(self, path: str, reason: str) -> None:
        PostdeskError.__init__(self, f"{path} is a binary file, not text, so Postdesk does not open it.",
                               details=reason, hint="Open it with the program it belongs to.")


class SaveFailed(PostdeskError):
    """Writing a file failed; the old file and the editor's text are both intact."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(
            f"Could not save {path}: {reason}.",
            hint="Your text is still in the editor and the file on disk is unchanged.",
        )


# --- git -------------------------------------------------------------------------------------


class GitError(PostdeskError):
    """A git command failed for a reason without a more specific class."""


class NoCommits(GitError):
    """The repository has no commit yet (HEAD is unborn)."""

    def __init__(self) -> None:
        super().__init__("This repository has no commits yet.", hint="Commit your posts to start its history.")


class RemoteMissing(GitError):
    """Pull or push without a configured remote."""

    def __init__(self, remote: str = "origin") -> None:
        super().__init__(
            f"This repository has no remote named '{remote}', so there is nowhere to push or pull.",
            hint="Add one with: git remote add origin URL",
        )


class PushRejected(GitError):
    """The remote has commits we do not have (non-fast-forward)."""

    def __init__(self, details: str = "") -> None:
        super().__init__(
            "The push was rejected because the remote has changes you don't have yet.",
            details=details,
            hint="Pull first, then push again.",
        )


class RemoteUnreachable(GitError):
    """Network or server failure; local commits stay and can be pushed later."""

    def __init__(self, details: str = "") -> None:
        super().__init__(
            "The remote could not be reached.",
            details=details,
            hint="Your commits are safe locally; push again when the remote is back.",
        )


class AuthenticationFailed(GitError):
    """The remote refused our credentials."""

    def __init__(self, details: str = "") -> None:
        super().__init__(
            "The remote refused the credentials.",
            details=details,
            hint="Check your user name and token or SSH key.",
        )


class NoAuthorIdentity(GitError):
    """git does not know who is committing (user.name / user.email unset)."""

    def __init__(self) -> None:
        super().__init__(
            "Git does not know your name and email yet, so it cannot commit.",
            hint="Set them once in the commit form, or with git config --global user.name / user.email.",
        )


class RepositoryLocked(GitError):
    """Another git program holds the index lock (or one that crashed left it behind)."""

    def __init__(self, lock: str, details: str = "") -> None:
        super().__init__(
            f"Another git program is working in this repository right now ({lock} exists).",
            details=details,
            hint=f"Try again when it has finished. If no git program is running, one that crashed left "
                 f"the lock behind: delete {lock}.",
        )


class NothingToCommit(GitError):
    """Commit requested with no changes selected."""

    def __init__(self) -> None:
        super().__init__("There is nothing to commit: no post has changed.")


class MergeConflict(GitError):
    """A pull stopped on conflicts that need resolving."""

    def __init__(self, paths: list[str], details: str = "") -> None:
        super().__init__(
            f"Pulling stopped on conflicts in {len(paths)} file(s): " + ", ".join(paths),
            details=details,
            hint="Resolve them, then continue.",
        )
        self.paths = paths
