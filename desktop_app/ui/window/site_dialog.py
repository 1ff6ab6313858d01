"""View → Site…: what Postdesk read of the open site, in words. The generator and the evidence
that decided it, each collection with its folder, where + New puts a post and its fields, the
media folders (on disk and as served), languages, and the problems found in the site's
configuration. The same report `postdesk site` prints (`core/site/report.py`)."""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from desktop_app.core.errors import PostdeskError
from desktop_app.core.workspace import site_overview


class SiteDialog(QDialog):
    """A read-only page about the site; filled in once the report is built off the GUI thread."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("siteDialog")
        self.setWindowTitle("Site")
        self.resize(720, 640)
        self.page = QTextBrowser()
        self.page.setObjectName("sitePage")
        self.page.setOpenLinks(False)
        self.page.setPlainText("Reading the site…")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.page)
        layout.addWidget(buttons)
        self.report: dict[str, Any] | None = None

    def show_report(self, report: dict[str, Any]) -> None:
        self.report = report
        self.page.setHtml(report_html(report))


def report_html(report: dict[str, Any]) -> str:
    """The report as a page: problems first, then the site, its media and its collections."""
    parts = []
    if report["problems"]:
        parts.append("<h3>Problems in the site's configuration</h3><ul>")
        parts += [f"<li>{escape(problem)}</li>" for problem in report["problems"]]
        parts.append("</ul>")
    evidence = ", ".join(report["evidence"]) or "no evidence: Postdesk looked at the folders"
    parts.append(f"<h3>Generator: {escape(report['generator'])}</h3><p>Decided by: {escape(evidence)}</p>")
    parts.append(f"<p>Schema: {escape(report['schema'])}")
    if report["config_files"]:
        parts.append(f"<br>Configuration read: {escape(', '.join(report['config_files']))}")
    if report["languages"]:
        parts.append(f"<br>Languages: {escape(' · '.join(code.upper() for code in report['languages']))}")
    parts.append(f"<br>Taxonomies: {escape(', '.join(report['taxonomies']) or 'none')}</p>")
    if report["media"]:
        parts.append("<h3>Media folders</h3><table cellpadding='3'><tr><th align='left'>For</th>"
                     "<th align='left'>In the repository</th><th align='left'>Served as</th></tr>")
        for media in report["media"]:
            owner = (media["collection"] or "the whole site") + (f" · {media['field']}" if media.get("field") else "")
            served = media["served_as"] or "relative to the post"
            parts.append(f"<tr><td>{escape(owner)}</td><td><code>{escape(media['folder'])}</code></td>"
                         f"<td><code>{escape(served)}</code></td></tr>")
        parts.append("</table>")
    for collection in report["collections"]:
        count = f" · {collection['posts']} posts" if "posts" in collection else ""
        parts.append(f"<h3>{escape(collection['label'])}{escape(count)}</h3>")
        parts.append(f"<p>Folder <code>{escape(collection['folder'] or '.')}</code>, files "
                     f"<code>{escape(collection['pattern'])}</code>; + New writes "
                     f"<code>{escape(collection['new_file'])}</code>"
                     + ("" if collection["create"] else " (new entries are turned off)")
                     + f"<br>From: {escape(collection['source'])}"
                     + (f"; new posts start from {escape(collection['template'])}" if collection["template"] else "")
                     + "</p>")
        fields = collection["fields"] or collection["inherited"]
        if fields:
            parts.append("<table cellpadding='2'>")
            for spec in fields:
                notes = ["required"] if spec["required"] else []
                if "default" in spec:
                    notes.append(f"default {spec['default']!r}")
                if "inherited" in spec:
                    notes.append(f"inherited {spec['inherited']!r}")
                if "options" in spec:
                    notes.append("one of " + ", ".join(map(str, spec["options"][:8])))
                if "relation" in spec:
                    notes.append(f"an entry of {spec['relation']}")
                parts.append(f"<tr><td><b>{escape(spec['label'])}</b> <code>{escape(spec['name'])}</code></td>"
                             f"<td>{escape(spec['type'])}</td><td>{escape('; '.join(notes))}</td></tr>")
            parts.append("</table>")
        if not collection["fields"]:
            parts.append("<p><i>Other fields are taken from the posts.</i></p>")
    profile = report.get("profile")
    if profile:
        parts.append(f"<h3>Preview: {escape(profile['flavor'])} ({escape(profile['engine'])})</h3><table cellpadding='2'>")
        for name, value in profile["options"].items():
            shown = ", ".join(map(str, value)) or "-" if isinstance(value, list) else str(value)
            parts.append(f"<tr><td><code>{escape(name)}</code></td><td>{escape(shown)}</td></tr>")
        parts.append("</table>")
        if profile["sources"]:
            parts.append(f"<p>Read from {escape(', '.join(profile['sources']))}.</p>")
    return "".join(parts)


def show_site(window) -> SiteDialog:  # noqa: ANN001 - the MainWindow
    """Open the Site dialog and build its report on a worker (it looks at the collections' files)."""
    context = window.context
    dialog = SiteDialog(window)
    site, posts = context.workspace.site, window.library.model.all_posts
    context.runner.start(lambda: site_overview(site, posts), on_done=dialog.show_report,
                         on_error=lambda error: dialog.page.setPlainText(
                             error.message if isinstance(error, PostdeskError) else str(error)))
    dialog.finished.connect(lambda _result: dialog.deleteLater())
    window.site_dialog = dialog
    dialog.open()
    return dialog


def install_site_dialog(window) -> QAction:  # noqa: ANN001 - the MainWindow
    """Add View → Site… to the main window; `mainwindow.py` calls this once."""
    action = QAction("Site…", window)
    action.setObjectName("siteAction")
    action.setStatusTip("What Postdesk read of this site: generator, collections, fields, media folders")
    action.triggered.connect(lambda: show_site(window))
    menu = next((item.menu() for item in window.menuBar().actions() if item.text().replace("&", "") == "View"), None)
    if menu is not None:
        menu.addSeparator()
        menu.addAction(action)
    else:
        window.addAction(action)
    window.site_action = action
    return action
