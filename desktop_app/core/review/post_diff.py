"""Two versions of a post compared in the review's three forms: fields, text and rendered.

A `Side` is one version (its text, or None where the post does not exist: a new post has no old
side, a deleted one no new side). `working_sides` gives the last commit and the working file,
`commit_sides` a commit and its parent; `compare` computes the three forms in one go, off the GUI
thread, with the preview's renderer for the site's Markdown flavour.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath

from desktop_app.core.confine import require_inside
from desktop_app.core.document.storage import decode
from desktop_app.core.errors import EncodingError
from desktop_app.core.git.history import PostCommit
from desktop_app.core.git.repo import GitRepo
from desktop_app.core.render.pipeline import UrlResolver, thread_renderer
from desktop_app.core.review.field_diff import FieldDiff, diff_fields
from desktop_app.core.review.rendered_diff import RenderedDiff, diff_rendered
from desktop_app.core.review.text_diff import TextDiff, diff_text
from desktop_app.core.site.config import MARKDOWN_SUFFIXES, PYTHON_MARKDOWN

WORKING_LABEL = "Working copy"
HEAD_LABEL = "Last commit"


@dataclass(frozen=True)
class Side:
    """One version: `text` is None when the post does not exist in it; `binary` when its bytes
    are not UTF-8 text (an image, say)."""

    label: str
    path: str | None
    text: str | None
    binary: bool = False


@dataclass(frozen=True)
class PostComparison:
    """The three forms. `fields` and `rendered` are None for files that are not Markdown posts."""

    old: Side
    new: Side
    text: TextDiff
    fields: FieldDiff | None = None
    rendered: RenderedDiff | None = None
    note: str = ""  # why a form is missing (a binary file, not a post)

    @property
    def path(self) -> str:
        return self.new.path or self.old.path or ""

    def heading(self) -> str:
        """"posts/a.md · Last commit → Working copy" (with the old name after a rename)."""
        moved = f"{self.old.path} → " if self.old.path and self.new.path and self.old.path != self.new.path else ""
        return f"{moved}{self.path} · {self.old.label} → {self.new.label}"

    def summary(self) -> str:
        """One sentence for the rendered page: what is compared, and how much changed."""
        if self.old.text is None:
            state = "New post."
        elif self.new.text is None:
            state = "Deleted post."
        else:
            state = self.rendered.summary() if self.rendered else ""
        return f"{self.old.label} → {self.new.label}. {state}".strip()


def side(label: str, path: str | None, data: bytes | None) -> Side:
    """A version from its bytes (None: the post is not there)."""
    if data is None:
        return Side(label, path, None)
    if b"\0" in data[:8000]:
        return Side(label, path, None, binary=True)
    try:
        return Side(label, path, decode(data, path or "file").text)
    except EncodingError:
        return Side(label, path, None, binary=True)


def working_sides(repo: GitRepo, path: str) -> tuple[Side, Side]:
    """The last commit's version of `path` (under its old name after a rename) and the working file."""
    entry = repo.file_status(path)
    old_path = entry.original_path if entry is not None and entry.original_path else path
    old = repo.show(old_path, "HEAD")
    target = repo.root / path
    if target.is_file():  # a link to the writer's other files is never shown (core/confine.py)
        require_inside(target, repo.root, "open", path)
    new = target.read_bytes() if target.is_file() else None
    return (side(HEAD_LABEL, old_path if old is not None else None, old),
            side(WORKING_LABEL, path if new is not None else None, new))


def commit_sides(repo: GitRepo, commit: PostCommit) -> tuple[Side, Side]:
    """The post in `commit`'s first parent and in `commit`."""
    old_path = commit.old_path
    old = repo.show(old_path, commit.parent) if old_path and commit.parent else None
    new = None if commit.deleted else repo.show(commit.path, commit.sha)
    parent_label = f"Before {commit.short}"
    return (side(parent_label, old_path if old is not None else None, old),
            side(f"{commit.short} · {commit.subject}", commit.path if new is not None else None, new))


def is_post(path: str) -> bool:
    return PurePosixPath(path).suffix.lower() in MARKDOWN_SUFFIXES


def compare(old: Side, new: Side, flavor: str = PYTHON_MARKDOWN, resolve: UrlResolver | None = None) -> PostComparison:
    """The fields, text and rendered diffs from `old` to `new`."""
    if old.binary or new.binary:
        return PostComparison(old, new, TextDiff(()),
                              note="A binary file (an image or other media): there is no text to compare.")
    text = diff_text(old.text, new.text)
    path = new.path or old.path or ""
    if not is_post(path):
        return PostComparison(old, new, text, note="Not a Markdown post: only its text is compared.")
    renderer = thread_renderer(flavor)
    mdx = path.lower().endswith(".mdx")
    before = renderer.render(old.text, resolve, mdx) if old.text is not None else None
    after = renderer.render(new.text, resolve, mdx) if new.text is not None else None
    return PostComparison(old, new, text, diff_fields(old.text, new.text), diff_rendered(before, after))
