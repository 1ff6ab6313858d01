"""An open post: its editor text, what is on disk, and field edits applied to the text.

The editor's text is the single source of truth. A form edit becomes a text edit of the field's
lines (via `fm_edit`), and the form is refreshed from the text; so the two can never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from desktop_app.core.document.storage import TextForm
from desktop_app.core.frontmatter import edit as fm_edit
from desktop_app.core.frontmatter import parse as fm


@dataclass
class PostDocument:
    """A post being edited; `saved_text` is what the file holds (LF, no BOM), in `saved_form`.

    `form` is how the next save writes it: the file's own form, unless the writer chose to
    convert it (to UTF-8, say), which counts as an unsaved change until saved. `locked` says why
    editing is off until the writer accepts what a save would change; `gone` that the file
    vanished from disk since it was opened, so saving asks before writing it again.
    """

    path: str
    saved_text: str
    form: TextForm = field(default_factory=TextForm)
    saved_form: TextForm | None = None
    locked: str = ""
    gone: bool = False

    def __post_init__(self) -> None:
        if self.saved_form is None:
            self.saved_form = self.form

    def is_modified(self, text: str) -> bool:
        if self.locked:
            return False  # nothing can have been typed, whatever the widget shows
        return text != self.saved_text or self.form != self.saved_form

    def mark_saved(self, text: str) -> None:
        self.saved_text = text
        self.saved_form = self.form
        self.gone = False


def read_values(text: str) -> fm.ParsedPost:
    return fm.read_post(text)


def with_field(text: str, key: str, value: Any) -> str:
    """`text` with front-matter field `key` set to `value`, every other byte unchanged.

    Raises FrontMatterError when the block cannot be located (unterminated); invalid YAML inside
    a well-delimited block is still edited line by line.
    """
    doc = fm.split(text)
    return fm_edit.set_value(doc, key, value).join()


def without_field(text: str, key: str) -> str:
    return fm_edit.remove_key(fm.split(text), key).join()
