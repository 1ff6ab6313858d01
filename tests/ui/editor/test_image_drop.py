"""What the editor does with a paste or a drop that is not plain text: which pictures are kept
in the repository, which are linked where they are, and what stays text."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QMimeData, QUrl

from desktop_app.core.site.config import Collection, SiteConfig
from desktop_app.ui.editor.editor import MarkdownEditor
from desktop_app.ui.editor.image_drop import ImageDrop, ImageHost
from desktop_app.ui.editor.message_bar import MessageBar

PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108020000009077"
                    "53de0000000c4944415408d763f8cfc000000301010018dd8db00000000049454e44ae426082")


@pytest.fixture
def site(tmp_path: Path) -> SiteConfig:
    (tmp_path / "posts").mkdir()
    (tmp_path / "posts/hello.md").write_text("---\ntitle: Hello\n---\nBody.\n", encoding="utf-8")
    return SiteConfig(tmp_path, (Collection("posts", "Posts", "posts", media_folder="public/img",
                                            public_folder="/img"),), static_folder="public")


@pytest.fixture
def setup(qtbot, site: SiteConfig):  # noqa: ANN001, ANN201
    editor = MarkdownEditor()
    qtbot.addWidget(editor)
    editor.set_text("---\ntitle: Hello\n---\nBody.\n")
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    errors: list[str] = []
    state = {"post": (site, site.root / "posts/hello.md")}
    drop = ImageDrop(editor, MessageBar(), ImageHost(lambda: state["post"], lambda _p: None,
                                                     lambda error: errors.append(error.message),
                                                     lambda _note: None, lambda: 1600))
    return editor, drop, errors, state


def test_a_copied_picture_address_pasted_stays_text(setup) -> None:  # noqa: ANN001
    editor, _drop, _errors, _state = setup
    source = QMimeData()
    source.setUrls([QUrl("https://example.com/chart.png")])
    source.setText("https://example.com/chart.png")
    editor.insertFromMimeData(source)
    assert editor.toPlainText().endswith("Body.\nhttps://example.com/chart.png")


def test_an_image_dragged_out_of_a_web_page_is_linked_by_its_address(setup) -> None:  # noqa: ANN001
    editor, _drop, _errors, _state = setup
    source = QMimeData()
    source.setUrls([QUrl("https://example.com/chart.png")])
    source.setHtml('<img src="https://example.com/chart.png">')
    editor.insertFromMimeData(source)
    assert editor.toPlainText().endswith("Body.\n![](https://example.com/chart.png)")


def test_picture_bytes_win_over_their_web_address(setup, site: SiteConfig) -> None:  # noqa: ANN001
    editor, _drop, _errors, _state = setup
    source = QMimeData()
    source.setData("image/png", QByteArray(PNG))
    source.setUrls([QUrl("https://example.com/chart.png")])
    source.setHtml('<img src="https://example.com/chart.png">')
    editor.insertFromMimeData(source)
    assert editor.toPlainText().endswith("Body.\n![](/img/hello.png)")
    assert (site.root / "public/img/hello.png").read_bytes() == PNG  # the clipboard's own bytes


def test_nothing_open_or_nowhere_to_copy_puts_nothing_in(setup, site: SiteConfig) -> None:  # noqa: ANN001
    editor, drop, errors, state = setup
    source = QMimeData()
    source.setData("image/png", QByteArray(PNG))
    state["post"] = None
    assert not drop.insert(source)
    state["post"] = (SiteConfig(site.root, (Collection("posts", "Posts", "posts", media_folder="../../x"),)),
                     site.root / "posts/hello.md")
    editor.insertFromMimeData(source)
    assert editor.toPlainText() == "---\ntitle: Hello\n---\nBody.\n"
    assert errors == [f"The media folder ../../x leads outside the repository (to {site.root.parent / 'x'}), "
                      "so Postdesk does not copy images into it."]
