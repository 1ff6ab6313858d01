"""Binds the open post to the editor, the form, the preview and the library.

Owns the `PostDocument` of the open post: opening (asking about unsaved changes first), saving,
form edits turned into minimal text edits, and new / rename / delete carried out on the
workspace. Widgets only emit signals; this object decides.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QTextCursor

from desktop_app.core.document.open_post import PostDocument, read_values, with_field
from desktop_app.core.document.storage import TextForm
from desktop_app.core.errors import PostdeskError
from desktop_app.core.frontmatter.fields import FieldSpec, Option, Relation
from desktop_app.core.site import membership
from desktop_app.core.site.library import choices, schema
from desktop_app.core.site.library.summaries import PostSummary
from desktop_app.core.site.posts import media
from desktop_app.core.site.posts.new_post import NewPost
from desktop_app.core.site.library.index import RowsSoFar
from desktop_app.core.tasks import CancelToken, Progress, ProgressCallback
from desktop_app.ui.context import UiContext
from desktop_app.ui.editor.editor import EditorPane
from desktop_app.ui.form.form import FrontMatterForm
from desktop_app.ui.form.form_feed import FormFeed
from desktop_app.ui.form.form_state import FormState, form_state
from desktop_app.ui.library.view import LibraryView
from desktop_app.ui.notify import CANCEL, SAVE
from desktop_app.ui.preview.preview import LivePreview
from desktop_app.ui.window.outside_changes import OutsideChanges
from desktop_app.ui.window.post_notices import FORM_REFRESH_MS, LARGE_PREVIEW_MS, PostNotices
from desktop_app.ui.window.status_bar import StatusBar


class PostController(QObject):
    """Signals: `post_opened(path)`, `saved(path)`, `discarded(path)`, `renamed(old, new)`,
    `deleted(path)`, `library_loaded(posts)`, `title_changed(str)`."""

    post_opened = Signal(str)
    saved = Signal(str)
    discarded = Signal(str)  # the writer threw away the unsaved edits of this post
    renamed = Signal(str, str)  # old path, new path (the open post's)
    deleted = Signal(str)
    library_loaded = Signal(list)
    title_changed = Signal(str)

    def __init__(self, context: UiContext, library: LibraryView, editor: EditorPane,
                 form: FrontMatterForm, preview: LivePreview, status: StatusBar,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.workspace = context.workspace
        self.library, self.editor_pane, self.form, self.preview, self.status = library, editor, form, preview, status
        self.editor = editor.editor
        self.messages = editor.messages
        self.document: PostDocument | None = None
        self.refresh_timer = QTimer(self, singleShot=True, interval=FORM_REFRESH_MS)
        self.refresh_timer.timeout.connect(self._refresh_from_text)
        self.form_feed = FormFeed(context.runner, self.editor.document(), form, self._show_state, self)
        self._scan_token = 0
        self._write_next: str | None = None  # a post just created, to type into once it opens
        self.large = False  # the open post is too large for highlighting and quick refreshes
        self._last_field: tuple[str, int] | None = None  # the field edited last, and the revision after it
        self._field_base = ""  # the text before the current run of edits to that field
        self._posts: list[PostSummary] = []
        self._listed: list[PostSummary] = []  # every post, listed before the scan's schemas come
        self._schemas: dict[tuple[str, str], tuple[tuple[FieldSpec, ...], bool]] = {}  # by collection and type
        self._relations: dict[Relation, list[Option]] = {}  # per scan

        library.set_index(self.workspace.index)
        library.post_selected.connect(self.open_post)
        library.create_requested.connect(self.create_post)
        library.rename_requested.connect(self.rename_post)
        library.delete_requested.connect(self.delete_post)
        editor.text_changed.connect(self._on_text_changed)
        form.field_edited.connect(self.apply_field)
        preview.set_text_source(editor.text)
        self.editor.document().modificationChanged.connect(self._on_modification_changed)
        self.outside = OutsideChanges(self)  # the file changed, vanished or moved on disk
        self.notices = PostNotices(self)  # files the editor would rewrite; very large posts

    def check_disk(self) -> None:
        """After a pull, or back in the window: has the open post changed on disk? (On a worker.)"""
        self.outside.check()

    # --- library -------------------------------------------------------------------------------

    def refresh_library(self, select: str | None = None) -> None:
        """Rescan the posts off the GUI thread; `select` opens that post once loaded."""
        self._scan_token += 1
        token = self._scan_token
        workspace = self.workspace

        def scan(progress: ProgressCallback, cancel: CancelToken) -> tuple[
                list[PostSummary], dict[str, list[str]], dict[tuple[str, str], tuple[tuple[FieldSpec, ...], bool]]]:
            posts = workspace.scan(cancel, progress)
            progress(RowsSoFar("Listed", 1.0, tuple(posts)))  # listed now; what the form needs follows
            # Every post's values are read here, not on the GUI thread: the form's completions and
            # each collection's schema (inferred from its posts when the site configures none),
            # keyed as `schema()` looks them up: (collection, "") for a post that names no type.
            schemas = {(collection.name, ""): schema.collection_schema(collection, posts)
                       for collection in workspace.site.collections}
            return posts, choices.completions(posts, workspace.site.terms), schemas
        self.context.runner.start(scan, on_done=lambda found: self._library_loaded(token, *found, select),
                                  on_error=self.context.notifier.error,
                                  on_progress=lambda report: self._library_partial(token, report))

    def _library_partial(self, token: int, report: Progress) -> None:
        """The rows a long scan has read so far: listed while it goes on. Once every post is read
        (the form's completions and schemas follow), a post opened from the list already finds
        every post a relation field may point to (the schemas wait: inferring them from every post
        is the worker's, not the GUI thread's)."""
        if token == self._scan_token and isinstance(report, RowsSoFar):
            self.library.show_partial(list(report.posts))
            if report.fraction == 1.0:
                self._listed = list(report.posts)
                self._relations.clear()

    def _library_loaded(self, token: int, posts: list[PostSummary], completions: dict[str, list[str]],
                        schemas: dict[tuple[str, str], tuple[tuple[FieldSpec, ...], bool]],
                        select: str | None) -> None:
        if token != self._scan_token:
            return
        current = self.document.path if self.document else None
        self.library.set_posts(posts, keep=select or current)
        self._posts = list(posts)
        self._schemas.clear()
        self._schemas.update(schemas)
        self._relations.clear()
        self.form.set_completions(completions)
        self.library_loaded.emit(posts)
        if select and select != current and self.open_post(select) and select == self._write_next:
            self.write_here()  # a new post is there to be written: the cursor waits under its header
        self._write_next = None

    def write_here(self) -> None:
        """Put the keyboard in the editor, at the end of the post, ready to type."""
        self.editor.moveCursor(QTextCursor.MoveOperation.End)
        self.editor.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- open and save -------------------------------------------------------------------------

    def open_post(self, path: str) -> bool:
        """Show `path`; False when the user kept the current post (cancelled the switch)."""
        if self.document is not None and path == self.document.path:
            return True
        if not self.maybe_keep_changes():
            self.library.select(self.document.path if self.document else None, emit=False)
            return False
        try:
            opened = self.workspace.read_post(path)
        except PostdeskError as error:
            self.context.notifier.error(error)
            return False
        except OSError as error:
            self.context.notifier.error(PostdeskError(f"Could not open {path}: {error.strerror}."))
            return False
        self._show(PostDocument(path, opened.text, opened.form), opened.text, opened.warning)
        return True

    def open_recovered(self, path: str, text: str, form: TextForm) -> bool:
        """Show text recovered from the journal as unsaved edits of `path` (as one undoable edit over
        the file as it is now); a post whose file is gone comes back as a new file. Nothing is
        written until the writer saves."""
        if self.document is None or self.document.path != path:
            if not self.maybe_keep_changes():
                return False
            try:
                opened = self.workspace.read_post(path)
            except FileNotFoundError:
                self._show(PostDocument(path, "", form), "", "")
            except (PostdeskError, OSError) as error:
                message = error.message if isinstance(error, PostdeskError) else error.strerror
                self.context.notifier.error(PostdeskError(f"Could not open {path}: {message}"))
                return False
            else:
                self._show(PostDocument(path, opened.text, opened.form), opened.text, opened.warning)
        assert self.document is not None
        if self.document.locked:
            self.notices.unlock()
        self.editor.replace_text(text)
        self.context.notifier.note(f"Recovered the unsaved text of {path}; save it to keep it.")
        return True

    def _show(self, document: PostDocument, text: str, warning: str) -> None:
        self.document = document
        self.messages.clear()
        self.form.setEnabled(True)
        self.form.clear()
        self.editor.set_text(text, key=document.path)  # the caret where the writer left this post
        self.notices.guard(text, warning)
        self.notices.size(text)
        self.library.select(document.path, emit=False)
        self.refresh_timer.stop()  # loading the text asked for a refresh: this is it
        self._refresh_from_text()
        self.preview.show_post(document.path, text)
        self.post_opened.emit(document.path)

    def preview_delay(self) -> int:
        """The pause before the preview follows the text: the setting, or longer for a large post."""
        delay = self.workspace.settings.preview_delay_ms
        return max(delay, LARGE_PREVIEW_MS) if self.large else delay

    def save(self, quiet: bool = False) -> bool:
        """Write the open post; `quiet` (an autosave) leaves the status bar's passing note out."""
        document = self.document
        if document is None:
            return True
        if document.locked:
            self.context.notifier.note(f"{document.path} is read-only until you choose to edit it.")
            return False
        text = self.editor.text()
        if document.gone and not self.context.notifier.confirm(
                "Deleted on disk", f"{document.path} was deleted or moved on disk after you opened it. "
                "Save your text there again?", "Save"):
            return False
        if not document.gone and self._changed_on_disk() and not self.context.notifier.confirm(
                "Changed on disk", f"{document.path} changed on disk since you opened it (a pull, "
                "or another program). Overwrite it with your version?", "Overwrite"):
            return False
        try:
            self.workspace.save_post(document.path, text, document.form)
        except PostdeskError as error:
            self.context.notifier.error(error)
            return False
        document.mark_saved(text)
        self.messages.dismiss("disk")
        self.editor.document().setModified(False)
        self._on_modification_changed(False)
        if not quiet:
            self.context.notifier.note(f"Saved {document.path}")
        self.saved.emit(document.path)
        self.refresh_library()
        return True

    def _changed_on_disk(self) -> bool:
        assert self.document is not None
        try:
            return self.workspace.read_post(self.document.path).text != self.document.saved_text
        except (PostdeskError, OSError):
            return False  # unreadable now: the save itself will say what is wrong

    def maybe_keep_changes(self) -> bool:
        """Before leaving the post: True when it is safe to go on (saved, discarded or clean)."""
        if self.document is None or not self.is_modified():
            return True
        answer = self.context.notifier.ask_unsaved(self.post_title())
        if answer == CANCEL:
            return False
        if answer == SAVE:
            return self.save()
        self.discard_edits()
        return True

    def discard_edits(self) -> None:
        """The writer threw the edits away: back to the file's text (undo brings them back)."""
        if self.document is None:
            return
        self.editor.replace_text(self.document.saved_text)
        self.document.form = self.document.saved_form or self.document.form
        self.editor.document().setModified(False)
        self._on_modification_changed(False)
        self.discarded.emit(self.document.path)

    def is_modified(self) -> bool:
        return self.document is not None and self.document.is_modified(self.editor.text())

    def can_edit(self) -> bool:
        return self.document is not None and not self.document.locked

    # --- edits ---------------------------------------------------------------------------------

    def apply_field(self, key: str, value: object) -> None:
        """A form edit: rewrite only that field's lines in the text, as one undo step.

        Consecutive edits of the same field with nothing else in between (typing a title) join
        one undo step, as typing in the editor does. Each is applied to the text as it was
        before the run began, so the field keeps the file's style: `title: Old` typed over
        stays unquoted even though `New ` (with its trailing space) alone would need quotes.
        """
        if not self.can_edit():
            return  # a read-only post: the form is disabled, and nothing reaches the text regardless
        document = self.editor.document()
        merge = self._last_field == (key, document.revision())
        base = self._field_base if merge else self.editor.text()
        try:
            self.editor.replace_text(with_field(base, key, value), merge=merge)
        except PostdeskError as error:
            self.context.notifier.error(error)
            return
        self._field_base = base
        self._last_field = (key, document.revision())

    def _on_text_changed(self) -> None:
        self.refresh_timer.start()
        self.preview.text_changed()

    def _refresh_from_text(self) -> None:
        """Text → form, word count and window title, a moment after typing pauses (huge front
        matter is read on a worker: see FormFeed)."""
        text = self.editor.text()
        fields, configured = self.schema()
        relations = choices.relation_values(fields, self.relation_options)
        self.form_feed.refresh(text, lambda: form_state(text, fields, configured, relations))

    def _show_state(self, state: FormState) -> None:
        parsed = state.parsed
        self.form.show_values(parsed.values, str(parsed.error) if parsed.error else "", state.specs,
                              state.problems, state.more)
        configured = self.schema()[1]
        collection = self.workspace.site.collection_for(self.document.path) if self.document else None
        self.form.show_schema_source(collection.source if configured and collection else "")
        self.status.show_counts(state.words)
        self.title_changed.emit(self.post_title(parsed.values.get("title")))
        if self.document is not None:
            self.status.show_saved(self.document.is_modified(self.editor.text()))

    def _on_modification_changed(self, _changed: bool) -> None:
        if self.document is not None:
            self.status.show_saved(self.is_modified())

    def post_title(self, title: object = None) -> str:
        if title:
            return str(title)
        if self.document is None:
            return ""
        post = self.library.post(self.document.path)
        return post.title if post else Path(self.document.path).stem

    # --- schema, images and choices for the form -----------------------------------------------

    def schema(self) -> tuple[tuple[FieldSpec, ...], bool]:
        """The open post's schema (its collection's, or the content type its `type` names;
        none for a section's own page) and whether it is configured."""
        collection = self.workspace.site.collection_for(self.document.path) if self.document else None
        if self.document is not None and membership.is_section_page(self.document.path):
            return (), False
        kind = read_values(self.editor.text()).values.get("type") if collection and collection.types else None
        name = (collection.name if collection else "", str(kind or ""))
        if name not in self._schemas:
            self._schemas[name] = schema.post_schema(collection, {"type": kind} if kind else {}, self._posts)
        return self._schemas[name]

    def relation_options(self, spec: FieldSpec) -> list[Option]:
        """The entries a relation may point to, computed once per library scan."""
        if spec.relation is None:
            return []
        if spec.relation not in self._relations:
            self._relations[spec.relation] = choices.relation_options(spec, self._posts or self._listed)
        return self._relations[spec.relation]

    def image_file(self, value: str) -> Path | None:
        post = self.workspace.absolute(self.document.path) if self.document else self.workspace.root / "x"
        return media.image_file(self.workspace.site, post, value)

    def image_value(self, chosen: Path, spec: FieldSpec | None = None) -> str:
        post = self.workspace.absolute(self.document.path) if self.document else self.workspace.root / "x"
        return media.image_value(self.workspace.site, post, chosen, spec)

    # --- new, rename, delete -------------------------------------------------------------------

    def create_post(self, title: str, collection: str = "") -> None:
        """A post with just a title: the sheet's other choices take their defaults."""
        self.create_new(self.workspace.title_only(title, collection, self._posts))

    def create_new(self, request: NewPost) -> None:
        """The post the New post sheet asked for: written, listed, opened to write in."""
        if not self.maybe_keep_changes():
            return
        try:
            path = self.workspace.create_new_post(
                request, self.workspace.new_post_options(request.collection, self._posts))
        except PostdeskError as error:
            self.context.notifier.error(error)
            return
        self.context.notifier.note(f"Created {path}")
        self._write_next = path
        self.refresh_library(select=path)

    def rename_post(self, path: str, slug: str) -> None:
        if self.document is not None and self.document.path == path and self.is_modified() and not self.save():
            return
        try:
            new_path = self.workspace.rename_post(path, slug)
        except PostdeskError as error:
            self.context.notifier.error(error)
            return
        if self.document is not None and self.document.path == path:
            self.document.path = new_path
            self.preview.show_post(new_path, self.editor.text())
            self.renamed.emit(path, new_path)
        self.context.notifier.note(f"Renamed to {new_path}")
        self.refresh_library(select=new_path)

    def delete_post(self, path: str) -> None:
        try:
            self.workspace.delete_post(path)
        except PostdeskError as error:
            self.context.notifier.error(error)
            return
        if self.document is not None and self.document.path == path:
            # Nothing is open now: nothing can be typed that would have nowhere to go.
            self.deleted.emit(path)
            self.document = None
            self.messages.clear()
            self.editor.set_text("")
            self.editor.setReadOnly(True)
            self.form.show_values({})
            self.form.setEnabled(False)
            self.preview.show_post(None, "")
        self.context.notifier.note(f"Deleted {path}")
        self.refresh_library()
