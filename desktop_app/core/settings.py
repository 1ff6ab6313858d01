"""User preferences (typed, with defaults and descriptions) and window state, kept apart.

Both are JSON files under `AppPaths`; a damaged file falls back to defaults and is kept aside
as `*.broken` rather than overwritten, so nothing the user set is silently lost.
"""

from __future__ import annotations

import json
from dataclasses import Field, asdict, dataclass, field, fields
from pathlib import Path
from typing import Any, TypeVar

from desktop_app.core.document.storage import write_atomic
from desktop_app.core.paths import AppPaths

SETTINGS_VERSION = 1
T = TypeVar("T")


THEMES = {"light": "Light", "dark": "Dark", "system": "Same as the system"}
EDITOR_FONTS = {"prose": "Proportional (prose)", "mono": "Fixed-pitch (code)"}
FOCUS_MODES = {"off": "Off", "sentence": "The current sentence", "paragraph": "The current paragraph"}


@dataclass
class Settings:
    """Preferences a user chooses. Each field's metadata drives the Preferences dialog: `doc` says
    what it does, `label` names it, and optionally `range` (ints), `suffix` and `choices`."""

    theme: str = field(default="system", metadata={
        "doc": "Light, dark, or follow the system.", "label": "Theme", "choices": THEMES})
    editor_font_size: int = field(default=12, metadata={
        "doc": "Editor font size in points.", "label": "Editor font size", "range": (6, 48), "suffix": " pt"})
    wrap_lines: bool = field(default=True, metadata={"doc": "Wrap long lines in the editor.", "label": "Wrap lines"})
    preview_delay_ms: int = field(default=10, metadata={
        "doc": "Pause in typing before the preview updates (ms).", "label": "Preview delay", "range": (0, 5000),
        "suffix": " ms"})
    sync_scroll: bool = field(default=True, metadata={
        "doc": "Keep the editor and the preview on the same part of the post.", "label": "Sync scrolling"})
    remote_images: bool = field(default=True, metadata={
        "doc": "Let the preview load images from the web.", "label": "Remote images"})
    author: str = field(default="", metadata={
        "doc": "Author written into new posts (empty: the author the site's posts name most).", "label": "Author"})
    # Autosave (issue 15, commands): off by default, because saving is a commit's first step.
    autosave: bool = field(default=False, metadata={
        "doc": "Save the open post by itself after a pause in typing (never over a change made outside "
               "Postdesk).", "label": "Autosave"})
    autosave_delay_s: int = field(default=2, metadata={
        "doc": "How long typing pauses before an autosave.", "label": "Autosave after", "range": (1, 120),
        "suffix": " s"})
    # --- Writing in the editor (issue 15: typography, the folded front matter, focus) ---
    editor_font: str = field(default="prose", metadata={
        "doc": "A proportional font for prose, or a fixed-pitch one (code and tables stay fixed-pitch).",
        "label": "Editor font", "choices": EDITOR_FONTS})
    editor_line_height: int = field(default=140, metadata={
        "doc": "Distance between the editor's lines, in per cent of the font size (as CSS's line-height).",
        "label": "Line height", "range": (100, 250), "suffix": " %"})
    editor_measure: int = field(default=70, metadata={
        "doc": "Longest line in characters, centred in the editor (0: as wide as the editor).",
        "label": "Line length", "range": (0, 300), "suffix": " characters"})
    fold_front_matter: bool = field(default=True, metadata={
        "doc": "Fold the front matter to one line in the editor (the form edits it).",
        "label": "Fold front matter"})
    auto_pair: bool = field(default=True, metadata={
        "doc": "Close brackets, quotes and backticks as you type them, and wrap a selection in them.",
        "label": "Auto-pair"})
    focus_mode: str = field(default="off", metadata={
        "doc": "Dim everything but the sentence or the paragraph being written.", "label": "Focus mode",
        "choices": FOCUS_MODES})
    typewriter_mode: bool = field(default=False, metadata={
        "doc": "Keep the line being written in the middle of the editor.", "label": "Typewriter mode"})
    # --- images, links and writing hints (issue 15-E) ---
    image_max_width: int = field(default=1600, metadata={
        "doc": "Offer to scale down a pasted or dropped picture wider than this (0: never offer).",
        "label": "Scale pictures wider than", "range": (0, 20000), "suffix": " px"})
    writing_hints: bool = field(default=True, metadata={
        "doc": "Show hints before publishing in the post details: title and description length, alt text, "
               "headings, links to posts.", "label": "Writing hints"})
    # Spell checking as you type (ui/writing/spelling.py).
    spell_check: bool = field(default=True, metadata={
        "doc": "Underline misspelled words as you type.", "label": "Spelling"})
    spelling_language: str = field(default="", metadata={
        "doc": "Dictionary for posts whose front matter and site name no language, e.g. en_GB or de "
               "(empty: the system's language).", "label": "Spelling language"})


@dataclass
class WindowState:
    """What the app remembers between runs; not preferences."""

    last_repository: str = ""
    recent_repositories: list[str] = field(default_factory=list)
    geometry: str = ""  # base64 of QMainWindow.saveGeometry()
    window_state: str = ""  # base64 of QMainWindow.saveState()
    splitters: dict[str, str] = field(default_factory=dict)
    last_post: dict[str, str] = field(default_factory=dict)  # repository → open post
    carets: dict[str, dict[str, int]] = field(default_factory=dict)  # repository → post → caret position
    editor_zoom: int = 0  # points added to the editor's font size (Ctrl+= / Ctrl+-)
    # Write and review modes (ui/window/modes.py): the mode the window was in, and each mode's
    # layout (panes shown, splitter sizes, the Changes dock's height).
    mode: str = "write"
    layouts: dict[str, dict] = field(default_factory=dict)
    # The outline sidebar and word goals (ui/writing/): the sidebar shown or not, and each
    # post's word goal by its absolute path.
    outline: bool = False
    word_goals: dict[str, int] = field(default_factory=dict)

    def remember_repository(self, path: Path) -> None:
        text = str(path)
        self.last_repository = text
        self.recent_repositories = [text] + [p for p in self.recent_repositories if p != text][:9]


def _load(path: Path, cls: type[T]) -> T:
    if not path.is_file():
        return cls()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            raise ValueError("not an object")
    except (ValueError, OSError):
        path.replace(path.with_suffix(path.suffix + ".broken"))
        return cls()
    known = {f.name: f for f in fields(cls)}  # type: ignore[arg-type]
    defaults = cls()
    # A hand-edited value of the wrong type (a font size of "big") or outside its choices (a theme
    # of "purple") falls back to its default.
    values: dict[str, Any] = {k: v for k, v in data.items()
                              if k in known and _same_kind(v, getattr(defaults, k)) and _allowed(v, known[k])}
    try:
        return cls(**values)
    except TypeError:
        return cls()


def _same_kind(value: Any, default: Any) -> bool:
    if isinstance(value, bool) != isinstance(default, bool):
        return False
    return isinstance(value, type(default))


def _allowed(value: Any, spec: Field[Any]) -> bool:
    choices = spec.metadata.get("choices")
    return choices is None or value in choices


def _save(path: Path, value: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {"version": SETTINGS_VERSION, **asdict(value)}
    write_atomic(path, json.dumps(data, indent=2, sort_keys=True).encode("utf-8") + b"\n")


def load_settings(paths: AppPaths) -> Settings:
    return _load(paths.settings_file, Settings)


def save_settings(paths: AppPaths, settings: Settings) -> None:
    _save(paths.settings_file, settings)


def load_state(paths: AppPaths) -> WindowState:
    return _load(paths.state_file, WindowState)


def save_state(paths: AppPaths, state: WindowState) -> None:
    _save(paths.state_file, state)
