"""Links to other posts while typing: `](` offers the repository's posts by title.

Typing `(` right after a link's text (`[see this](`) opens a list of the posts under the caret.
Typing on filters it by the words of their titles and file names; Up and Down choose; Enter or
Tab writes the link the site uses (`core/site/links/style.py`) and closes the parenthesis (an
empty link text gets the post's title); Escape, or typing on to something no post matches (a web
address), leaves the text as typed. "Link to Post…" does the same from the Edit menu: the
selected words become the link's text. The list lies over the editor's window (it may reach
past a short editor) and never takes the focus, so the keyboard stays in the text: keys reach
the list through an event filter on the editor, not through the list itself as a QCompleter's
popup would need (its keys would reach the editor's own handling first). The editor's
auto-pairing leaves a link's `(` alone: the `)` comes with the chosen post, or as the writer
types it, so moving away from an empty address leaves no stray `)` behind.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtWidgets import QFrame, QLabel, QListWidget, QListWidgetItem, QVBoxLayout

from desktop_app.ui.editor.editor import MarkdownEditor

ROWS = 8  # posts shown at once; the list scrolls for more
_NAVIGATION = {Qt.Key.Key_Up: -1, Qt.Key.Key_Down: 1, Qt.Key.Key_PageUp: -ROWS, Qt.Key.Key_PageDown: ROWS}
_ACCEPT = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab)
_LONGEST_QUERY = 80


@dataclass(frozen=True)
class PostChoice:
    """A post the list offers: its title and repo-relative path."""

    title: str
    path: str


def _fold(text: str) -> str:
    """Lower case without accents, for matching `cafe` to `Café`."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower() or text.lower()


def rank(query: str, posts: list[PostChoice]) -> list[PostChoice]:
    """The posts whose title or file name holds every word of `query`: titles that start with it
    first, then those where each word starts a word, then the rest, each in the library's order."""
    words = _fold(query).split()
    if not words:
        return list(posts)
    scored = []
    for order, post in enumerate(posts):
        title = _fold(post.title)
        haystack = title + " " + _fold(post.path)
        if not all(word in haystack for word in words):
            continue
        starts = all(re.search(r"(?:^|[^a-z0-9])" + re.escape(word), haystack) for word in words)
        scored.append((0 if title.startswith(" ".join(words)) else 1 if starts else 2, order, post))
    return [post for _score, _order, post in sorted(scored, key=lambda item: item[:2])]


class PostLinkPicker(QObject):
    """The list of posts for a link at the caret. `posts()` gives the choices (the open post left
    out); `link(path)` the link to write for one, or None when it cannot be written now."""

    def __init__(self, editor: MarkdownEditor, posts: Callable[[], list[PostChoice]],
                 link: Callable[[str], str | None]) -> None:
        super().__init__(editor)
        self.editor = editor
        self.posts = posts
        self.link = link
        self.frame = QFrame(editor)  # moved onto the editor's window when shown (`_place`)
        self.frame.setObjectName("postLinkPicker")
        self.frame.setFrameShape(QFrame.Shape.StyledPanel)
        self.list = QListWidget()
        self.list.setObjectName("postLinkList")
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keyboard stays in the text
        self.list.setUniformItemSizes(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.itemClicked.connect(lambda _item: self.accept())
        self.list.currentRowChanged.connect(self._show_link)
        self.footer = QLabel()
        self.footer.setObjectName("postLinkFooter")
        layout = QVBoxLayout(self.frame)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(2)
        layout.addWidget(self.list)
        layout.addWidget(self.footer)
        self.frame.hide()
        self._anchor: int | None = None  # where the address starts (just after `](`)
        self._restore: tuple[int, str] | None = None  # the command's start, and the text it replaced
        self._typed_paren = False
        self._choices: list[PostChoice] = []
        editor.installEventFilter(self)
        editor.cursorPositionChanged.connect(self._follow)
        editor.keys.closed_elsewhere.append(_link_paren)

    @property
    def open(self) -> bool:
        """A link is being chosen (the list may be hidden while nothing matches)."""
        return self._anchor is not None

    def shown(self) -> list[str]:
        """The titles the list shows, in order (what the writer sees)."""
        return [choice.title for choice in self._choices] if self.frame.isVisible() else []

    # --- starting ------------------------------------------------------------------------------

    def start_command(self) -> None:
        """Edit → Link to Post…: `[selection](` at the caret, then the list."""
        if self.editor.isReadOnly():
            return
        cursor = self.editor.textCursor()
        selected = cursor.selectedText().replace("\u2029", " ")
        start = cursor.selectionStart()
        cursor.insertText(f"[{selected}](")
        self._restore = (start, selected)
        self.editor.setTextCursor(cursor)
        self._begin(cursor.position())

    def _begin(self, anchor: int) -> None:
        self._anchor = anchor
        self._filter("")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        kind = event.type()
        if kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if self.open and self.frame.isVisible():
                if event.key() in _NAVIGATION:
                    self._move(_NAVIGATION[Qt.Key(event.key())])
                    return True
                if event.key() in _ACCEPT and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
                    self.accept()
                    return True
            if self.open and event.key() == Qt.Key.Key_Escape:
                self.cancel()
                return True
            self._typed_paren = event.text() == "("  # `_follow` looks for `](` while this key is handled
            if self._typed_paren:
                QTimer.singleShot(0, self._forget_paren)
        elif kind == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) and self.open \
                and (event.key() == Qt.Key.Key_Escape or (self.frame.isVisible() and event.key() in _ACCEPT)):
            event.accept()  # the key is ours while the list is open, not a shortcut's
            return True
        elif kind == QEvent.Type.FocusOut and self.open:
            self._close()
        return False

    def _follow(self) -> None:
        """After each move or edit: start after a typed `](`, filter while open, close when the
        caret leaves the address."""
        cursor = self.editor.textCursor()
        if self._typed_paren and not self.open and not cursor.hasSelection():
            before = cursor.block().text()[:cursor.positionInBlock()]
            if before.endswith("]("):  # also when `(` came with its `)` and the caret went between
                self._typed_paren = False
                self._restore = None
                self._begin(cursor.position())
                return
        if not self.open:
            return
        assert self._anchor is not None
        position = cursor.position()
        block = cursor.block()
        if position < self._anchor or block.position() > self._anchor or cursor.hasSelection():
            self._close()
            return
        query = block.text()[self._anchor - block.position():position - block.position()]
        if ")" in query or len(query) > _LONGEST_QUERY:
            self._close()
            return
        self._filter(query)

    def _forget_paren(self) -> None:
        self._typed_paren = False

    # --- the list --------------------------------------------------------------------------------

    def _filter(self, query: str) -> None:
        self._choices = rank(query, self.posts())
        self.list.clear()
        for choice in self._choices:
            item = QListWidgetItem(choice.title)
            item.setToolTip(choice.path)
            self.list.addItem(item)
        if not self._choices:
            self.frame.hide()
            return
        self.list.setCurrentRow(0)
        self._place()
        self.frame.show()
        self.frame.raise_()

    def _place(self) -> None:
        """Under the caret line (above it when the window has no room below), inside the
        editor's window but not its editor: a short editor does not squeeze the list."""
        window = self.editor.window()
        if self.frame.parentWidget() is not window:
            self.frame.setParent(window)
        viewport = self.editor.viewport()
        rows = min(len(self._choices), ROWS)
        self.frame.ensurePolished()
        self.list.ensurePolished()
        row_height = max(self.list.sizeHintForRow(0), self.list.fontMetrics().height())
        width = min(max(420, min(viewport.width() * 2 // 3, 640)), window.width())
        height = rows * row_height + 2 * self.list.frameWidth() + self.footer.sizeHint().height() + 12
        at = QTextCursor(self.editor.document())
        at.setPosition(self._anchor or 0)
        caret = self.editor.cursorRect(at)  # where the address starts: the list stays put while typing
        below = viewport.mapTo(window, caret.bottomLeft())
        above = viewport.mapTo(window, caret.topLeft())
        x = max(0, min(below.x() - 8, window.width() - width))
        y = below.y() + 4
        if y + height > window.height() and above.y() - height - 4 >= 0:
            y = above.y() - height - 4
        self.frame.setGeometry(x, y, width, height)

    def _move(self, step: int) -> None:
        row = max(0, min(self.list.count() - 1, self.list.currentRow() + step))
        self.list.setCurrentRow(row)

    def _show_link(self, row: int) -> None:
        if 0 <= row < len(self._choices):
            link = self.link(self._choices[row].path)
            self.footer.setText(f"Links to {link}" if link else self._choices[row].path)

    # --- finishing -------------------------------------------------------------------------------

    def accept(self) -> None:
        """Write the chosen post's link over what was typed after `](`, and close the parenthesis."""
        row = self.list.currentRow()
        if self._anchor is None or not 0 <= row < len(self._choices):
            return
        choice = self._choices[row]
        link = self.link(choice.path)
        if link is None:
            return
        anchor = self._anchor
        cursor = self.editor.textCursor()
        end = cursor.position()
        self._close()
        document = self.editor.document()
        closed = document.characterAt(end) == ")"
        edit = QTextCursor(document)
        edit.beginEditBlock()
        edit.setPosition(anchor)
        edit.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        edit.insertText(link + ("" if closed else ")"))
        after = edit.position() + (1 if closed else 0)
        if anchor >= 3 and _text(document, anchor - 3, anchor) == "[](":
            edit.setPosition(anchor - 2)
            edit.insertText(choice.title)  # an empty link text: the post's title
            after += len(choice.title)
        edit.endEditBlock()
        edit.setPosition(after)
        self.editor.setTextCursor(edit)

    def cancel(self) -> None:
        """Leave the text as typed; a command's `[…](` goes back to the words it wrapped."""
        restore, anchor = self._restore, self._anchor
        end = self.editor.textCursor().position()
        self._close()
        if restore is None or anchor is None:
            return
        start, selected = restore
        document = self.editor.document()
        if document.characterAt(end) == ")":
            end += 1
        edit = QTextCursor(document)
        edit.setPosition(start)
        edit.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        edit.insertText(selected)
        self.editor.setTextCursor(edit)

    def _close(self) -> None:
        self._anchor = None
        self._restore = None
        self._choices = []
        self.frame.hide()


def _link_paren(char: str, before: str) -> bool:
    """A `(` right after a link's text: the picker writes its `)`, not the editor's pairing."""
    return char == "(" and before.endswith("]")


def _text(document: object, start: int, end: int) -> str:
    return "".join(document.characterAt(index) for index in range(start, end))  # type: ignore[attr-defined]
