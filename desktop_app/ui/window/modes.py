"""Write mode and review mode: which panes the window shows, and how big, in each.

Writers draft; editors review. **Write** (the default) gives the editor the room: the post's
fields fold into a one-line header above it, and the Changes dock stays closed (the status bar
counts the changed posts; a click on that count switches to review). **Review** shows the
library, the fields, the editor, the preview and the Changes dock, as the desk always did.
One key (Ctrl+Shift+R) or the status bar's Write | Review switch changes mode.

Each mode keeps the layout the writer last gave it: which panes are shown and their sizes, also
across runs (`WindowState.layouts`). No pane is ever squeezed below what it needs to be usable:
the splitters cannot collapse a pane, and each has a minimum size; hiding one is an explicit
choice (View menu, Ctrl+\\ for the library).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields, replace
from typing import Any, Protocol

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QDockWidget, QMainWindow, QScrollArea, QSplitter, QWidget

from desktop_app.core.settings import WindowState
from desktop_app.ui.actions import Actions
from desktop_app.ui.editor.editor import EditorPane
from desktop_app.ui.form.header import FormHeader
from desktop_app.ui.git.changes_panel import ChangesPanel
from desktop_app.ui.library.view import LibraryView
from desktop_app.ui.window.status_bar import StatusBar

WRITE, REVIEW = "write", "review"
MODES = (WRITE, REVIEW)
NAMES = {WRITE: "Write", REVIEW: "Review"}

# The least each pane needs to be usable: a library row's title, a sentence in the editor and
# a few lines of it, a readable preview column, a few fields.
# All three side by side still fit an 800-pixel-wide screen.
LIBRARY_MIN_WIDTH = 200
EDITOR_MIN_WIDTH = 300
EDITOR_MIN_LINES = 8
PREVIEW_MIN_WIDTH = 240
DETAILS_MIN_HEIGHT = 120


@dataclass
class Layout:
    """One mode's panes: shown or not, and their sizes (empty: the window's proportions)."""

    library: bool = True
    details: bool = False  # the form's drawer under its one-line header
    preview: bool = True
    changes: bool = False
    main: list[int] = field(default_factory=list)  # widths of library, centre, preview
    centre: list[int] = field(default_factory=list)  # heights of the drawer and the editor
    changes_height: int = 0

    @classmethod
    def from_json(cls, data: Any, default: Layout) -> Layout:
        """A layout read back from the state file; anything hand-edited into nonsense falls back
        to `default`, field by field."""
        if not isinstance(data, dict):
            return replace(default)
        values: dict[str, Any] = {}
        for spec in fields(cls):
            value, fallback = data.get(spec.name), getattr(default, spec.name)
            if isinstance(fallback, bool):
                ok = isinstance(value, bool)
            elif isinstance(fallback, int):
                ok = isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 100_000
            else:
                ok = isinstance(value, list) and all(isinstance(v, int) and not isinstance(v, bool) and 0 <= v < 100_000
                                                     for v in value)
            values[spec.name] = value if ok else fallback
        return cls(**values)


def default_layouts() -> dict[str, Layout]:
    return {
        # The editor gets the room: fields folded to one line, no Changes dock.
        WRITE: Layout(library=True, details=False, preview=True, changes=False),
        # The desk as it was: every pane, fields open, the Changes dock under them.
        REVIEW: Layout(library=True, details=True, preview=True, changes=True),
    }


@dataclass
class Panes:
    """The window's parts a mode shows, hides and sizes."""

    window: QMainWindow
    library: QWidget
    header: FormHeader
    details: QScrollArea  # the form in its scroll area: the drawer
    editor: QWidget  # the editor pane (with its message and find bars)
    text: QWidget  # the editor itself: focus goes there
    preview: QWidget
    changes: QDockWidget
    main: QSplitter  # library | centre | preview
    centre: QSplitter  # drawer / editor


class Modes(QObject):
    """The window's mode and each mode's layout. `mode_changed(mode)` after every switch;
    `panes_changed()` whenever a pane is shown or hidden (menus keep their ticks in step)."""

    mode_changed = Signal(str)
    panes_changed = Signal()

    def __init__(self, panes: Panes, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.panes = panes
        self.mode = WRITE
        self.layouts = default_layouts()
        self.full_screen: FullScreen | None = None  # set by `install_modes`
        self._drawer_fitted: set[str] = set()  # modes whose drawer was sized to its fields
        enforce_minimums(panes)
        panes.header.toggled.connect(self.set_details)

    # --- one pane at a time (View menu, header, keys) --------------------------------------------

    def set_details(self, opened: bool) -> None:
        """Open or close the drawer of fields under the one-line header."""
        self.panes.header.set_open(opened)
        self.panes.details.setVisible(opened)
        if opened and not _sized(self.layouts[self.mode].centre) and self.mode not in self._drawer_fitted:
            self._fit_drawer()
        self.panes_changed.emit()

    def _fit_drawer(self) -> None:
        """The drawer as tall as its fields, up to half the column, until the writer sizes it."""
        self._drawer_fitted.add(self.mode)
        centre = self.panes.centre
        total = sum(centre.sizes()) or centre.height()
        if total <= 0:
            return
        fields = self.panes.details.widget()
        wanted = fields.sizeHint().height() + 2 if fields is not None else DETAILS_MIN_HEIGHT
        drawer = max(DETAILS_MIN_HEIGHT, min(wanted, total // 2))
        centre.setSizes([drawer, total - drawer])

    def set_library(self, shown: bool) -> None:
        library = self.panes.library
        if not shown and library.isAncestorOf(library.focusWidget() or library):
            self.panes.text.setFocus()  # focus never stays in a hidden pane
        library.setVisible(shown)
        self.panes_changed.emit()

    def show_changes(self) -> None:
        """The changed posts, to review and commit: review mode, with its Changes dock open."""
        self.switch(REVIEW)
        self.panes.changes.show()
        self.panes.changes.raise_()

    # --- modes ------------------------------------------------------------------------------------

    def switch(self, mode: str) -> None:
        """Keep the current mode's layout, then show `mode`'s."""
        if mode not in MODES or mode == self.mode:
            return
        self.layouts[self.mode] = self.capture()
        self.mode = mode
        self.apply(self.layouts[mode])
        if mode == WRITE:
            self.panes.text.setFocus()
        self.mode_changed.emit(mode)

    def capture(self) -> Layout:
        """The layout on screen now. A hidden pane's size is the one it had when last shown."""
        p, previous = self.panes, self.layouts[self.mode]
        return Layout(
            library=not p.library.isHidden(), details=not p.details.isHidden(), preview=not p.preview.isHidden(),
            changes=not p.changes.isHidden(), main=_sizes(p.main, previous.main), centre=_sizes(p.centre, previous.centre),
            changes_height=p.changes.height() if not p.changes.isHidden() else previous.changes_height)

    def apply(self, layout: Layout) -> None:
        p = self.panes
        p.library.setVisible(layout.library)
        p.preview.setVisible(layout.preview)
        p.header.set_open(layout.details)
        p.details.setVisible(layout.details)
        p.changes.setVisible(layout.changes)
        shown = {p.main: [layout.library, True, layout.preview], p.centre: [layout.details, True]}
        for splitter, sizes in ((p.main, layout.main), (p.centre, layout.centre)):
            # A pane never shown in this mode has no size yet (0): keep the splitter's own then.
            if len(sizes) == splitter.count() and all(size > 0 for size, on in zip(sizes, shown[splitter]) if on):
                splitter.setSizes(sizes)
        if layout.details and not _sized(layout.centre) and self.mode not in self._drawer_fitted:
            self._fit_drawer()
        if layout.changes and layout.changes_height:
            p.window.resizeDocks([p.changes], [layout.changes_height], Qt.Orientation.Vertical)
        focus = QApplication.focusWidget()
        if focus is not None and p.window.isAncestorOf(focus) and not focus.isVisible():
            p.text.setFocus()  # focus never stays in a pane the mode hid
        self.panes_changed.emit()

    # --- across runs ----------------------------------------------------------------------------

    def restore(self, state: WindowState) -> None:
        """The mode and layouts the last run left (write mode and the defaults on a first start)."""
        defaults = default_layouts()
        saved = state.layouts if isinstance(state.layouts, dict) else {}
        self.layouts = {mode: Layout.from_json(saved.get(mode), defaults[mode]) for mode in MODES}
        self.mode = state.mode if state.mode in MODES else WRITE
        self.apply(self.layouts[self.mode])
        self.mode_changed.emit(self.mode)

    def save(self, state: WindowState) -> None:
        self.layouts[self.mode] = self.capture()
        state.mode = self.mode
        state.layouts = {mode: asdict(layout) for mode, layout in self.layouts.items()}


def _sized(sizes: list[int]) -> bool:
    """Whether the drawer's height is known (it has been shown in this mode)."""
    return bool(sizes) and sizes[0] > 0


def _sizes(splitter: QSplitter, previous: list[int]) -> list[int]:
    """The splitter's sizes, with a hidden child's (reported as 0) taken from `previous`."""
    sizes = splitter.sizes()
    if len(previous) == len(sizes):
        sizes = [size if size > 0 else old for size, old in zip(sizes, previous)]
    return sizes


def enforce_minimums(panes: Panes) -> None:
    """No pane smaller than usable: minimum sizes, and splitters that never collapse a pane to nothing."""
    panes.library.setMinimumWidth(LIBRARY_MIN_WIDTH)
    panes.preview.setMinimumWidth(PREVIEW_MIN_WIDTH)
    panes.details.setMinimumHeight(DETAILS_MIN_HEIGHT)
    line = panes.text.fontMetrics().lineSpacing()
    panes.editor.setMinimumSize(EDITOR_MIN_WIDTH, EDITOR_MIN_LINES * line + 16)
    for splitter in (panes.main, panes.centre):
        splitter.setChildrenCollapsible(False)


class FullScreen(QObject):
    """F11: the window over the whole screen and back to how it was (maximised or not); the
    action's tick follows the window, also when the window manager changes it."""

    def __init__(self, window: QMainWindow, action: QAction) -> None:
        super().__init__(window)
        self.window, self.action = window, action
        self._was_maximised = False
        action.triggered.connect(self.set_full_screen)
        window.installEventFilter(self)

    def set_full_screen(self, on: bool) -> None:
        if on == self.window.isFullScreen():
            return
        if on:
            self._was_maximised = self.window.isMaximized()
            self.window.showFullScreen()
        elif self._was_maximised:
            self.window.showMaximized()
        else:
            self.window.showNormal()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.window and event.type() == QEvent.Type.WindowStateChange:
            self.action.setChecked(self.window.isFullScreen())
        return False


class ModesWindow(Protocol):
    """What `install_modes` needs of `mainwindow.MainWindow` (named here, so neither imports the other)."""

    actions: Actions
    status: StatusBar
    changes: ChangesPanel
    library: LibraryView
    preview: QWidget
    form_header: FormHeader
    form_scroll: QScrollArea
    editor_pane: EditorPane
    changes_dock: QDockWidget
    splitter: QSplitter
    centre: QSplitter


def install_modes(window: ModesWindow) -> Modes:
    """Make the window's panes follow write and review modes, and wire the keys, the View menu
    and the status bar to them; `mainwindow.py` calls this once, before restoring its state."""
    assert isinstance(window, QMainWindow)
    a, status = window.actions, window.status
    modes = Modes(Panes(window, window.library, window.form_header, window.form_scroll, window.editor_pane,
                        window.editor_pane.editor, window.preview, window.changes_dock, window.splitter,
                        window.centre), window)
    modes.full_screen = FullScreen(window, a.full_screen)

    def show_mode(mode: str) -> None:
        a.review_mode.setChecked(mode == REVIEW)
        status.show_mode(mode)

    def show_panes() -> None:  # the View menu's ticks say what is on screen
        for action, pane in ((a.toggle_library, window.library), (a.toggle_form, window.form_scroll),
                             (a.toggle_preview, window.preview), (a.toggle_changes, window.changes_dock)):
            action.setChecked(not pane.isHidden())

    a.review_mode.triggered.connect(lambda checked: modes.switch(REVIEW if checked else WRITE))
    a.toggle_library.triggered.connect(modes.set_library)
    a.toggle_form.triggered.connect(modes.set_details)
    status.mode_chosen.connect(modes.switch)
    status.changes_clicked.connect(modes.show_changes)
    window.changes.git_state_changed.connect(
        lambda _state, found: status.show_changes(len(found.posts), len(found.other)))
    modes.mode_changed.connect(show_mode)
    modes.panes_changed.connect(show_panes)
    show_mode(modes.mode)
    return modes
