"""What the editor says about a post as it opens, and what it holds back until the writer agrees.

A file in a legacy encoding, or with line breaks the editor widget would rewrite (mixed endings,
a lone CR, U+2029), opens read-only with a message saying why and what editing would change:
nothing in it changes by accident. A very large post or a very long line is named, and the
form, the preview and the journal follow a large post after longer pauses.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Protocol

from PySide6.QtCore import QObject, QTimer, SignalInstance

from desktop_app.core.document import storage
from desktop_app.core.document.open_post import PostDocument
from desktop_app.ui.editor.editor import LARGE_POST, VERY_LONG_LINE, MarkdownEditor
from desktop_app.ui.editor.message_bar import MessageBar
from desktop_app.ui.form.form import FrontMatterForm
from desktop_app.ui.preview.preview import LivePreview
from desktop_app.ui.window.status_bar import StatusBar


class PostController(Protocol):
    """What this needs of `post_controller.PostController`, which creates it: named here, so the
    two modules do not import each other."""

    document: PostDocument | None
    editor: MarkdownEditor
    form: FrontMatterForm
    messages: MessageBar
    preview: LivePreview
    status: StatusBar
    refresh_timer: QTimer
    large: bool
    title_changed: SignalInstance

    def is_modified(self) -> bool: ...
    def post_title(self, title: object = None) -> str: ...
    def preview_delay(self) -> int: ...

FORM_REFRESH_MS = 150
# A large post costs a third of a second to read out of the editor (10 MB): the form and the
# preview wait for a longer pause in typing before they do.
LARGE_REFRESH_MS = 1000
LARGE_PREVIEW_MS = 1500
LOCKED = "locked"  # the message bar's key for the read-only notice


class PostNotices(QObject):
    """Owned by the post controller; `guard` and `size` run for each post it shows."""

    def __init__(self, controller: PostController) -> None:
        super().__init__(controller)
        self.controller = controller

    def guard(self, text: str, warning: str) -> None:
        """Lock the editor when editing would change bytes the writer never touched, and say why."""
        controller = self.controller
        document = controller.document
        assert document is not None
        form = document.form
        hazard = storage.editor_hazard(text) or (
            "characters the editor cannot keep exactly" if controller.editor.text() != text else "")
        if form.legacy:
            name = storage.encoding_name(form.encoding)
            document.locked = warning
            controller.messages.show_message(
                LOCKED, f"{warning} It stays read-only until you choose: nothing in it changes by accident.",
                [(f"Edit as {name}", self.unlock), ("Convert to UTF-8", self.convert_to_utf8)])
        elif hazard:
            newline = "CR LF" if storage.editor_form(text, form).newline == "\r\n" else "LF"
            document.locked = f"{document.path} has {hazard}."
            controller.messages.show_message(
                LOCKED, f"{document.locked} The editor would change them, so the post is read-only. Editing "
                f"it saves every line break as {newline}.", [("Edit anyway", self.unlock)])
        elif warning:
            controller.messages.show_message("warning", warning, [("OK", lambda: None)], kind="info")
        controller.editor.setReadOnly(bool(document.locked))
        controller.form.setEnabled(not document.locked)  # form edits are text edits too

    def unlock(self) -> None:
        """The writer accepts what a save will change: the editor's text, in the file's form."""
        controller = self.controller
        document = controller.document
        if document is None or not document.locked:
            return
        document.locked = ""
        document.form = storage.editor_form(document.saved_text, document.form)
        controller.messages.dismiss(LOCKED)
        controller.editor.setReadOnly(False)
        controller.form.setEnabled(True)
        self._changed()

    def convert_to_utf8(self) -> None:
        """Save this post as UTF-8 from now on (an unsaved change until it is saved)."""
        self.unlock()
        document = self.controller.document
        if document is not None:
            document.form = replace(document.form, encoding="utf-8", bom=False)
            self._changed()

    def _changed(self) -> None:
        controller = self.controller
        controller.status.show_saved(controller.is_modified())
        controller.title_changed.emit(controller.post_title())

    def size(self, text: str) -> None:
        """Say what a very large post or a very long line changes, and slow the followers down."""
        controller = self.controller
        controller.large = len(text) > LARGE_POST
        controller.refresh_timer.setInterval(LARGE_REFRESH_MS if controller.large else FORM_REFRESH_MS)
        controller.preview.timer.setInterval(controller.preview_delay())
        if controller.large:
            controller.messages.show_message(
                "large", f"This post is large ({len(text) / 1e6:.1f} million characters): highlighting is off, "
                "and the preview and the form follow after a longer pause in typing.", kind="info")
        lengths = [len(line) for line in text.split("\n")]
        longest = max(lengths, default=0)
        if longest > VERY_LONG_LINE:
            controller.messages.show_message(
                "long line", f"Line {lengths.index(longest) + 1} has {longest:,} characters: typing in it is slow, "
                "and it is shown without highlighting.", kind="info")
