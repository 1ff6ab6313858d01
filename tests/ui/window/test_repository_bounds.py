"""The window on a cloned blog whose links and configuration lead outside the repository: such a
post is listed with the reason and never shown or saved, + New never writes elsewhere, an export
never carries a file from elsewhere, and links inside the repository keep working."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from desktop_app.core.site.library.summaries import problem_label
from tests.helpers.desk import errors, notes, wait_note
from tests.ui.git.test_changes_panel import open_desk

KEY = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n"
DECAP = """backend: {name: git-gateway}
collections:
  - {name: posts, label: Posts, folder: posts, create: true}
  - {name: evil, label: Evil, folder: ../outside/posts, create: true}
  - {name: upward, label: Upward, folder: posts, create: true, slug: "../../../{{slug}}"}
"""


def write(root: Path, relative: str, text: str) -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def blog(tmp_path: Path) -> Path:
    """`tmp/blog` (committed) with a post, a post that links to a key outside, a link inside, and
    a stylesheet that links to a secret outside."""
    root = tmp_path / "blog"
    write(root, "posts/first.md", "---\ntitle: First post\ndate: 2026-02-01\n---\n\nHello.\n")
    write(root, "shared/both.md", "---\ntitle: Shared post\ndate: 2025-01-01\n---\n\nIn two places.\n")
    write(root, "admin/config.yml", DECAP)
    write(tmp_path, "home/.ssh/id_rsa", KEY)
    write(tmp_path, "secret.css", "body { --secret: 'do-not-export' }")
    (root / "posts/id_rsa.md").symlink_to(tmp_path / "home/.ssh/id_rsa")
    (root / "posts/both.md").symlink_to("../shared/both.md")
    (root / "styles").mkdir()
    (root / "styles/globals.css").symlink_to(tmp_path / "secret.css")
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "Start"]):
        subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True)
    return root


def test_a_post_linking_outside_is_listed_with_the_reason_and_never_shown(qtbot, blog: Path, tmp_path: Path) -> None:
    window = open_desk(qtbot, blog)
    qtbot.waitUntil(lambda: window.library.post("posts/id_rsa.md") is not None, timeout=10000)
    row = window.library.post("posts/id_rsa.md")
    assert problem_label(row.error) == "Outside the repository" and row.title == "id_rsa"
    assert not window.controller.open_post("posts/id_rsa.md")
    assert errors(window)[-1] == (f"posts/id_rsa.md leads outside the repository (to {tmp_path / 'home/.ssh/id_rsa'}), "
                                  "so Postdesk does not open it.")
    assert window.controller.document.path != "posts/id_rsa.md"
    assert "PRIVATE KEY" not in window.editor_pane.text()
    window.close()


def test_saving_a_post_that_became_a_link_outside_is_refused(qtbot, blog: Path, tmp_path: Path) -> None:
    window = open_desk(qtbot, blog)
    assert window.controller.open_post("posts/first.md")
    window.controller.editor.replace_text(window.editor_pane.text() + "More.\n")
    (blog / "posts/first.md").unlink()  # a pull replaced the post by a link to the writer's key
    (blog / "posts/first.md").symlink_to(tmp_path / "home/.ssh/id_rsa")
    window.actions.save.trigger()  # Ctrl+S
    qtbot.waitUntil(lambda: any("does not save it" in message for message in errors(window)), timeout=10000)
    assert errors(window)[-1] == (f"posts/first.md leads outside the repository (to {tmp_path / 'home/.ssh/id_rsa'}), "
                                  "so Postdesk does not save it.")
    assert (tmp_path / "home/.ssh/id_rsa").read_text(encoding="utf-8") == KEY
    assert window.controller.is_modified()  # the text is still in the editor
    window.context.notifier.answers = ["discard"]
    window.close()


def test_a_link_inside_the_repository_opens_and_saves_through(qtbot, blog: Path) -> None:
    window = open_desk(qtbot, blog)
    qtbot.waitUntil(lambda: window.library.post("posts/both.md") is not None, timeout=10000)
    assert window.controller.open_post("posts/both.md")
    assert "In two places." in window.editor_pane.text()
    window.controller.editor.replace_text(window.editor_pane.text() + "Saved through the link.\n")
    assert window.controller.save()
    assert (blog / "posts/both.md").is_symlink()
    assert (blog / "shared/both.md").read_text(encoding="utf-8").endswith("Saved through the link.\n")
    window.close()


def test_new_never_writes_outside_and_the_configuration_problems_are_said_once(qtbot, blog: Path,
                                                                               tmp_path: Path) -> None:
    window = open_desk(qtbot, blog)
    said = [note for note in notes(window) if "leads outside the repository" in note]
    assert sorted(said) == [
        "The stylesheet styles/globals.css leads outside the repository, so the preview does not use it.",
        ("admin/config.yml: the file-name pattern of collection 'upward' (../../../{{slug}}) leads outside the "
        "repository, so Postdesk creates no posts with it."),
        ("admin/config.yml: the folder of collection 'evil' (../outside/posts) leads outside the repository, "
        "so Postdesk does not use this collection.")]
    assert [c.name for c in window.context.workspace.site.collections] == ["posts", "upward"]
    window.controller.create_post("Escape", "upward")
    assert errors(window)[-1] == ("posts/../../../escape.md leads outside the repository, so Postdesk does not "
                                  "create it. Check the folder and file-name pattern of collection 'upward' in "
                                  "admin/config.yml.")
    assert sorted(p.name for p in tmp_path.rglob("escape.md")) == [] and not (tmp_path / "outside").exists()
    window.controller.create_post("Inside", "posts")
    wait_note(qtbot, window, "Created posts/inside.md")
    window.close()


def test_export_as_html_never_carries_a_stylesheet_from_outside(qtbot, blog: Path, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "export.html"
    monkeypatch.setattr("desktop_app.ui.window.mainwindow.QFileDialog.getSaveFileName",
                        lambda *args, **kwargs: (str(target), ""))
    window = open_desk(qtbot, blog)
    assert window.controller.open_post("posts/first.md")
    window.actions.export_html.trigger()
    wait_note(qtbot, window, f"Exported {target}")
    page = target.read_text(encoding="utf-8")
    assert "Hello." in page and "do-not-export" not in page
    window.close()
