"""Images, links to other posts and writing hints, attached to the window's editor and form.

After each library scan the repository's posts are read once more on a worker (`scan_links`
of `core/site/links/style.py`): the links they already use, and an index that links are looked
up in. The open post's hints are read on a worker a moment after typing pauses and shown below
the form's fields. Images pasted or dropped on the editor, and Markdown files dropped on
it, go through `ui/editor/image_drop.py`; `](` and Edit → Link to Post… through
`ui/editor/post_link_picker.py`. Nothing here changes the editor's own keys.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QMimeData, QObject, Qt, QTimer, QUrl
from PySide6.QtGui import QAction, QKeySequence, QTextCursor
from PySide6.QtWidgets import QBoxLayout, QFileDialog, QMenu

from desktop_app.core import confine
from desktop_app.core.frontmatter import parse as fm
from desktop_app.core.site.config import SiteConfig
from desktop_app.core.site.library.summaries import PostSummary
from desktop_app.core.site.links import hints
from desktop_app.core.site.links.style import PostLinks, scan_links
from desktop_app.ui.editor.image_drop import ImageDrop, ImageHost
from desktop_app.ui.editor.post_link_picker import PostChoice, PostLinkPicker
from desktop_app.ui.form.form_feed import WORKER_FRONT
from desktop_app.ui.form.hints_panel import HintsPanel

HINT_DELAY_MS = 600  # after typing pauses: hints are for before publishing, not for every key
_IMAGE_FILTER = "Images (*.png *.jpg *.jpeg *.gif *.webp *.svg *.avif)"


class WritingAids(QObject):
    """Owns the link index, the image handler, the link picker and the hints box of `window`."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.context = window.context
        self.controller = window.controller
        editor = window.editor_pane.editor
        self.editor = editor
        self.links: PostLinks | None = None
        self._posts: list[PostSummary] = []
        self._scan = 0  # the newest scan's number: an older one's result is dropped
        self._generation = 0  # the newest hints request's number, likewise
        self._hinted = ""  # the post whose hints the box shows
        notifier = self.context.notifier
        self.images = ImageDrop(editor, window.editor_pane.messages, ImageHost(
            post=self._open_post_file, open_markdown=self._open_markdown, error=notifier.error,
            note=notifier.note, max_width=lambda: self.context.workspace.settings.image_max_width))
        self.picker = PostLinkPicker(editor, self._choices, self._link)
        self.panel = HintsPanel()
        self.panel.hint_activated.connect(self._go_to)
        self.panel.counted.connect(window.form_header.show_hints)
        layout = window.form.layout()
        if isinstance(layout, QBoxLayout):  # below the fields, above the form's spare room
            layout.insertWidget(max(layout.count() - 1, 0), self.panel)
        self.timer = QTimer(self, singleShot=True, interval=HINT_DELAY_MS)
        self.timer.timeout.connect(self.refresh_hints)
        window.editor_pane.text_changed.connect(self.timer.start)
        self.controller.post_opened.connect(lambda _path: self.refresh_hints())
        self.controller.library_loaded.connect(self._library_loaded)
        self.insert_image = _action(window, "Insert Image…", None, self.choose_image)
        self.link_to_post = _action(window, "Link to Post…", "Ctrl+Alt+L", self.picker.start_command)
        _add_to_edit_menu(window, [self.insert_image, self.link_to_post])

    # --- the posts and their links -------------------------------------------------------------

    def _library_loaded(self, posts: list[PostSummary]) -> None:
        self._posts = list(posts)
        self._scan += 1
        scan = self._scan
        site = self.context.workspace.site
        self.context.runner.start(lambda: scan_links(site), on_done=lambda links: self._scanned(scan, links),
                                  on_error=lambda error: self.context.notifier.note(f"Links: {error.message}"))

    def _scanned(self, scan: int, links: PostLinks) -> None:
        if scan == self._scan:
            self.links = links
            self.refresh_hints()

    def _current_links(self) -> PostLinks:
        """The index, read now if the worker has not delivered it yet (a link chosen at once)."""
        if self.links is None:
            self.links = scan_links(self.context.workspace.site)
        return self.links

    def _choices(self) -> list[PostChoice]:
        current = self.controller.document.path if self.controller.document else None
        return [PostChoice(post.title or Path(post.path).stem, post.path) for post in self._posts
                if post.path != current]

    def _link(self, target: str) -> str | None:
        document = self.controller.document
        return None if document is None else self._current_links().link(document.path, target)

    # --- images --------------------------------------------------------------------------------

    def _open_post_file(self) -> tuple[SiteConfig, Path] | None:
        if not self.controller.can_edit():
            return None
        assert self.controller.document is not None
        workspace = self.context.workspace
        return workspace.site, workspace.absolute(self.controller.document.path)

    def _open_markdown(self, path: Path) -> None:
        """A Markdown file dropped on the editor: open it when it is a post of this repository."""
        root = self.context.workspace.root
        if not confine.is_inside(path, root):
            self.context.notifier.note(f"{path.name} is not in this repository ({root.name}): "
                                       "File → Open Repository… opens another.")
            return
        relative = path.resolve().relative_to(root.resolve()).as_posix()
        self.controller.open_post(relative)

    def choose_image(self) -> None:
        """Edit → Insert Image…: pick files, handled as if dropped at the caret."""
        if self._open_post_file() is None:
            return
        names, _ = QFileDialog.getOpenFileNames(self.window, "Insert Image", str(Path.home()), _IMAGE_FILTER)
        if names:
            source = QMimeData()
            source.setUrls([QUrl.fromLocalFile(name) for name in names])
            self.images.insert(source)

    # --- hints ---------------------------------------------------------------------------------

    def refresh_hints(self) -> None:
        """Read the open post's hints on a worker; a newer request wins over an older result."""
        self.timer.stop()
        self._generation += 1
        document = self.controller.document
        workspace = self.context.workspace
        if document is None or not workspace.settings.writing_hints or document.path != self._hinted:
            self.panel.show_hints([])  # another post's hints never show, even for a moment
        if document is None or not workspace.settings.writing_hints:
            return
        self._hinted = document.path
        rules = hints.hint_rules(workspace.site)
        fields, configured = self.controller.schema()
        collection = workspace.site.collection_for(document.path)
        name = collection.name if collection else ""
        describes = hints.described(rules, fields, configured,
                                    (post.values for post in self._posts if post.collection == name))
        path, text, links, generation = document.path, self.editor.text(), self.links, self._generation

        def read() -> list[hints.Hint]:
            return hints.post_hints(path, _read_post(text), rules, links, describes)

        self.context.runner.start(read, on_done=lambda found: self._show(generation, found))

    def _show(self, generation: int, found: list[hints.Hint]) -> None:
        if generation == self._generation:
            self.panel.show_hints(found)

    def _go_to(self, hint: hints.Hint) -> None:
        """A clicked hint: its field in the form, or its line in the editor."""
        widget = self.window.form.widget(hint.key) if hint.key else None
        if widget is not None:
            self.window.form_scroll.ensureWidgetVisible(widget)
            widget.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        if hint.line is None:
            return
        block = self.editor.document().findBlockByNumber(hint.line - 1)
        if block.isValid():
            cursor = QTextCursor(block)
            self.editor.setTextCursor(cursor)
            self.editor.centerCursor()
            self.editor.setFocus(Qt.FocusReason.OtherFocusReason)


def _read_post(text: str) -> fm.ParsedPost:
    """The post as the hints need it. Front matter too large for the form to read at once (a
    generated post's thousands of keys, read by `FormFeed` on a worker) is not read a second time
    here: the body's hints stand, the title's and description's wait for a post of usual size."""
    try:
        doc = fm.split(text)
    except fm.FrontMatterError:
        return fm.read_post(text)
    return fm.read_post(text) if len(doc.front) <= WORKER_FRONT else fm.ParsedPost(doc, {})


def _action(window: Any, text: str, shortcut: str | None, slot: object) -> QAction:
    action = QAction(text, window)
    if shortcut:
        action.setShortcut(QKeySequence(shortcut))
    action.triggered.connect(lambda _checked=False: slot())  # type: ignore[operator]
    return action


def _add_to_edit_menu(window: Any, actions: list[QAction]) -> None:
    """After Find and Replace in the Edit menu (found by its title), or on the window alone."""
    menu = next((a.menu() for a in window.menuBar().actions() if a.text().replace("&", "") == "Edit"), None)
    if not isinstance(menu, QMenu):
        window.addActions(actions)
        return
    items = menu.actions()
    place = next((i for i, a in enumerate(items) if a.text().startswith("Preferences")), len(items))
    if place and items[place - 1].isSeparator():
        place -= 1  # before the separator that sets Preferences apart
    anchor = items[place] if place < len(items) else None
    for action in [None, *actions]:
        item = action or QAction(menu)
        item.setSeparator(action is None)
        menu.insertAction(anchor, item) if anchor is not None else menu.addAction(item)


def install_writing_aids(window: Any) -> WritingAids:
    """Images by paste and drop, links to posts, and writing hints for `window`."""
    return WritingAids(window)
