"""The "Fields" form of a diff: one line per changed front-matter field, coloured.

"title: A → B" with the old value red and the new green, "tags: +caching −redis", added and
removed keys. A long text value (a description) shows its changed words instead. Every value is
escaped: it is the post's text, shown as text.
"""

from __future__ import annotations

import html

from PySide6.QtWidgets import QTextBrowser, QWidget

from desktop_app.core.review.field_diff import ARROW, MINUS, FieldChange, FieldDiff, format_value
from desktop_app.core.review.text_diff import word_segments

LONG_TEXT = 60  # characters from which a changed text value is shown word by word

_LIGHT = {"add": "#116329", "add_bg": "#dafbe1", "del": "#82071e", "del_bg": "#ffebe9", "key": "#24292f",
          "muted": "#656d76", "warn_bg": "#fff4e5", "warn": "#6b4b00", "warn_border": "#f0c36d"}
_DARK = {"add": "#7ee2a8", "add_bg": "#12301d", "del": "#ffaba8", "del_bg": "#3c1618", "key": "#e6edf3",
         "muted": "#8b949e", "warn_bg": "#3b2c0e", "warn": "#f2d48a", "warn_border": "#9e7419"}


def _e(text: str) -> str:
    return html.escape(text, quote=False)


class FieldChangesView(QTextBrowser):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fieldChanges")
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setPlaceholderText("Select a changed post to see which fields changed.")
        self._colours = _LIGHT
        self._shown: tuple[FieldDiff | None, str] | None = None

    def set_dark(self, dark: bool) -> None:
        self._colours = _DARK if dark else _LIGHT
        if self._shown is not None:
            self.show_fields(*self._shown)

    def show_fields(self, diff: FieldDiff | None, note: str = "") -> None:
        """`diff`'s changes, or `note` saying why there are none to show (not a post)."""
        self._shown = (diff, note)
        c = self._colours
        parts = []
        if diff is None:
            parts.append(f'<p style="color:{c["muted"]}">{_e(note or "No fields to compare.")}</p>')
        else:
            if diff.problem:
                parts.append(f'<table width="100%" cellpadding="6" style="background:{c["warn_bg"]};'
                             f'border:1px solid {c["warn_border"]}"><tr><td style="color:{c["warn"]}">'
                             f'⚠ {_e(diff.problem)}</td></tr></table>')
            for note_text in diff.notes:
                parts.append(f'<p style="color:{c["muted"]}">{_e(note_text)}</p>')
            parts.extend(f"<p>{self._line(change)}</p>" for change in diff.changes)
            if not diff.changes and not diff.problem:
                parts.append(f'<p style="color:{c["muted"]}">No field changed.</p>')
        self.setHtml("\n".join(parts))

    def _line(self, change: FieldChange) -> str:
        c = self._colours
        key = f'<span style="color:{c["key"]};font-weight:600">{_e(change.key)}</span>'
        added = f'color:{c["add"]};background:{c["add_bg"]}'
        removed = f'color:{c["del"]};background:{c["del_bg"]}'
        if change.kind == "added":
            return f'<span style="{added}">+ </span>{key}: <span style="{added}">{_e(format_value(change.new))}</span>'
        if change.kind == "removed":
            return (f'<span style="{removed}">{MINUS} </span>{key}: '
                    f'<s style="{removed}">{_e(format_value(change.old))}</s>')
        if change.kind == "items":
            items = [f'<span style="{added}">+{_e(item)}</span>' for item in change.added_items]
            items += [f'<span style="{removed}">{MINUS}{_e(item)}</span>' for item in change.removed_items]
            return f"{key}: {' '.join(items)}"
        if isinstance(change.old, str) and isinstance(change.new, str) and \
                max(len(change.old), len(change.new)) > LONG_TEXT:
            words = "".join(f'<span style="{added}">{_e(text)}</span>' if kind == "+" else
                            f'<s style="{removed}">{_e(text)}</s>' if kind == "-" else _e(text)
                            for kind, text in word_segments(change.old, change.new))
            return f"{key}: {words}"
        old, new = change.shown_values()
        return f'{key}: <s style="{removed}">{_e(old)}</s> {ARROW} <span style="{added}">{_e(new)}</span>'
