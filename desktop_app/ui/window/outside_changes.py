"""The open post changed, vanished or moved on disk: notice it, and never lose the writer's text.

Another editor, `git pull` in a terminal or a sync tool may change the file under the writer.
A file watcher (and returning to the window, and every pull) triggers a check: the file is read
on a worker and compared with what Postdesk last read or saved. A post without unsaved edits
is reloaded quietly, keeping the cursor; one with edits gets a message offering Reload, Keep
mine or Compare. A deleted or renamed file is reported (with its new name when it can be found),
never silently written back. Postdesk's own saves match what it saved, so they raise nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Protocol

import shiboken6
from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, SignalInstance

from desktop_app.core.document import storage
from desktop_app.core.document.open_post import PostDocument
from desktop_app.core.errors import PostdeskError
from desktop_app.core.site.config import SiteConfig
from desktop_app.core.site.library import summaries
from desktop_app.core.workspace import OpenedPost, Workspace
from desktop_app.ui.context import UiContext
from desktop_app.ui.editor.editor import MarkdownEditor
from desktop_app.ui.editor.message_bar import MessageBar
from desktop_app.ui.preview.preview import LivePreview
from desktop_app.ui.window.status_bar import StatusBar


class PostController(Protocol):
    """What this needs of `post_controller.PostController`, which creates it: named here, so the
    two modules do not import each other."""

    context: UiContext
    workspace: Workspace
    document: PostDocument | None
    editor: MarkdownEditor
    messages: MessageBar
    preview: LivePreview
    status: StatusBar
    post_opened: SignalInstance
    saved: SignalInstance
    renamed: SignalInstance
    deleted: SignalInstance

    def is_modified(self) -> bool: ...
    def save(self) -> bool: ...
    def open_post(self, path: str) -> bool: ...
    def refresh_library(self, select: str | None = None) -> None: ...

SETTLE_MS = 150  # a sync tool or git writes in bursts: look once they are done
DISK = "disk"  # the message bar's key for these messages


@dataclass(frozen=True)
class DiskState:
    """What a check found: the post as it is on disk, or that it is gone (and where it went)."""

    path: str
    opened: OpenedPost | None = None
    moved_to: str = ""  # a new file holding exactly the text the post had
    problem: str = ""  # it is there but cannot be read
    stamp: tuple[int, int, int] | None = None  # the file's identity when it was read (None: absent)


def file_stamp(file: Path) -> tuple[int, int, int] | None:
    """Inode, modification time and size: a cheap way to tell the file changed since a read."""
    try:
        info = file.stat()
    except OSError:
        return None
    return info.st_ino, info.st_mtime_ns, info.st_size


def read_disk(workspace: Workspace, path: str, saved_text: str, form: storage.TextForm) -> DiskState:
    """Runs on a worker: the file now, or where its text went when it is gone."""
    stamp = file_stamp(workspace.absolute(path))
    try:
        return DiskState(path, workspace.read_post(path), stamp=stamp)
    except FileNotFoundError:
        return DiskState(path, moved_to=find_moved(workspace.site, path, saved_text, form))
    except PostdeskError as error:
        return DiskState(path, problem=error.message)
    except OSError as error:
        return DiskState(path, problem=error.strerror or str(error))


def find_moved(site: SiteConfig, gone: str, text: str, form: storage.TextForm) -> str:
    """The post file (other than `gone`) whose bytes are the text `gone` had: a rename done outside."""
    try:
        expected = storage.encode(text, form)
    except UnicodeEncodeError:
        return ""
    for _collection, file in summaries.post_files(site):
        relative = file.relative_to(site.root).as_posix()
        try:
            if relative != gone and file.stat().st_size == len(expected) and file.read_bytes() == expected:
                return relative
        except OSError:
            continue
    return ""


class OutsideChanges(QObject):
    """Owned by the post controller; `check()` looks at the disk now."""

    def __init__(self, controller: PostController) -> None:
        super().__init__(controller)
        self.controller = controller
        self.watcher = QFileSystemWatcher(self)
        self.watcher.fileChanged.connect(self._touched)
        self.watcher.directoryChanged.connect(self._touched)
        self._settle = QTimer(self, singleShot=True, interval=SETTLE_MS)
        self._settle.timeout.connect(self._settled)
        # While Postdesk's own pull or conflict step rewrites files, what the watcher sees is
        # half-done work: wait, and look when it has finished (each step checks at its end too).
        self.git_busy: Callable[[], bool] = lambda: False
        self._token = 0
        self.checks = 0  # finished checks, for tests to wait on
        controller.post_opened.connect(self.watch)
        controller.renamed.connect(lambda _old, new: self.watch(new))
        # An atomic save is a new file: watch that one. A check that read the file before the save
        # must not "reload" the older text over it, so the save also outdates checks under way.
        controller.saved.connect(self.watch)
        controller.deleted.connect(lambda _path: self.watch(None))

    # --- watching --------------------------------------------------------------------------------

    def watch(self, path: str | None) -> None:
        """Watch `path` (and its folder, which sees renames and deletions); None: nothing."""
        self._token += 1  # a check under way may be about the post before
        self._rewatch(path)

    def _rewatch(self, path: str | None) -> None:
        watched = self.watcher.files() + self.watcher.directories()
        if watched:
            self.watcher.removePaths(watched)
        if path is None:
            return
        file = self.controller.workspace.absolute(path)
        targets = [str(p) for p in (file, file.parent) if p.exists()]
        if targets:
            self.watcher.addPaths(targets)

    def _touched(self, _path: str) -> None:
        self._settle.start()

    def _settled(self) -> None:
        if self.git_busy():
            self._settle.start()
        else:
            self.check()

    # --- checking --------------------------------------------------------------------------------

    def check(self) -> None:
        """Read the open post's file on a worker and react to what changed."""
        document = self.controller.document
        if document is None:
            return
        self._token += 1
        token, path = self._token, document.path
        workspace, saved, form = self.controller.workspace, document.saved_text, document.form
        self.controller.context.runner.start(
            lambda: read_disk(workspace, path, saved, form),
            on_done=lambda state: self._checked(token, state),
            on_error=self.controller.context.notifier.error)

    def _checked(self, token: int, state: DiskState) -> None:
        if not shiboken6.isValid(self):
            return
        self.checks += 1
        document = self.controller.document
        if token != self._token or document is None or document.path != state.path:
            return  # another post is open now, or a newer check is on its way
        self._rewatch(state.path)  # a replaced file is a new inode: watch it again
        if file_stamp(self.controller.workspace.absolute(state.path)) != state.stamp:
            self._settle.start()  # it changed again since the read; watching anew dropped that news
        if state.problem:
            self._say(f"{state.path} changed on disk and cannot be read now: {state.problem} "
                      "Your text here is kept.", [])
        elif state.opened is None:
            self._gone(state)
        else:
            self._changed(state.opened)

    def _gone(self, state: DiskState) -> None:
        document = self.controller.document
        assert document is not None
        if document.gone:
            return  # already said
        document.gone = True
        self.controller.status.show_saved(True)
        if state.moved_to:
            self._say(f"{state.path} was moved to {state.moved_to} outside Postdesk.",
                      [(f"Open {Path(state.moved_to).name}", lambda: self._follow(state.moved_to)),
                       ("Keep it here", lambda: None)])
        else:
            self._say(f"{state.path} was deleted or moved outside Postdesk. Your text is still here: "
                      "Save writes it back to that file.", [("Save again", self.controller.save)])
        self.controller.refresh_library()

    def _follow(self, moved_to: str) -> None:
        """The writer goes with the file's new name: same text, same edits, new path."""
        document = self.controller.document
        if document is None:
            return
        old = document.path
        document.path = moved_to
        document.gone = False
        self.controller.renamed.emit(old, moved_to)
        self.controller.preview.show_post(moved_to, self.controller.editor.text())
        self.controller.refresh_library(select=moved_to)
        self.controller.status.show_saved(self.controller.is_modified())

    def _changed(self, opened: OpenedPost) -> None:
        controller, document = self.controller, self.controller.document
        assert document is not None
        came_back = document.gone
        document.gone = False
        if came_back:
            controller.messages.dismiss(DISK)
        if opened.text == document.saved_text and opened.form == document.saved_form:
            controller.status.show_saved(controller.is_modified())
            return  # our own save, or nothing that matters
        controller.refresh_library()  # its badge, title and the changes panel follow the file
        if not controller.is_modified():
            self.reload(opened)
            controller.context.notifier.note(f"Reloaded {document.path}: it changed on disk.")
            return
        self._say(f"{document.path} changed on disk (a pull, or another program), and you have unsaved "
                  "edits here.", [("Reload", lambda: self.reload(opened)),
                                  ("Keep mine", lambda: self.keep_mine(opened)),
                                  ("Compare", lambda: self.compare(opened))])

    def reload(self, opened: OpenedPost) -> None:
        """Take the file's text. An edited buffer's text stays one Undo away."""
        controller, document = self.controller, self.controller.document
        if document is None:
            return
        if opened.form != document.saved_form or document.locked:
            controller.document = None  # read afresh, with the checks a file's form needs
            controller.open_post(opened.path)
            return
        document.saved_text = opened.text
        document.form = document.saved_form = opened.form
        controller.editor.replace_text(opened.text)  # the smallest edit: the cursor stays put
        controller.editor.document().setModified(False)
        controller.status.show_saved(False)
        controller.messages.dismiss(DISK)

    def keep_mine(self, opened: OpenedPost) -> None:
        """Keep the edits; the next save replaces the file's new text without asking again."""
        document = self.controller.document
        if document is not None:
            document.saved_text = opened.text
            self.controller.status.show_saved(self.controller.is_modified())

    def compare(self, opened: OpenedPost) -> None:
        """Show the file's new text against the editor's, then ask again."""
        from desktop_app.core.review.post_diff import Side  # the comparison loads the renderer: on demand
        from desktop_app.ui.review.compare_dialog import CompareDialog
        controller = self.controller
        mine = controller.editor.text()
        dialog = CompareDialog(controller.context, Side("On disk", opened.path, opened.text),
                               Side("Your edits", opened.path, mine), controller.editor.window())
        dialog.finished.connect(lambda _result: self._changed(opened) if controller.document else None)
        dialog.open()

    def _say(self, text: str, actions: list) -> None:  # noqa: ANN001 - MessageBar actions
        self.controller.messages.show_message(DISK, text, actions)
