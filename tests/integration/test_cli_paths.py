"""`postdesk render / render --page / get / set / list / check / new` never read or write a file
whose real path leaves the repository, and each says why in one sentence."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app.cli import main
from tests.conftest import REPO_ROOT
from tests.integration.test_cli import git, write

SECRET = "root:x:0:0:the-secret-line"
VICTIM = "---\ntitle: Victim\n---\nsecret body words\n"


@pytest.fixture
def blog(tmp_path: Path) -> Path:
    """A repository with a post, a post linking to one outside, one linking to one inside, and a secret."""
    root = tmp_path / "blog"
    root.mkdir()
    git(root, "init", "--quiet", "--initial-branch=main")
    write(root, "posts/a.md", "---\ntitle: A\ndate: 2024-01-01\n---\nHello.\n")
    write(root, "shared/b.md", "---\ntitle: Shared\n---\nBoth places.\n")
    write(tmp_path, "outside/victim.md", VICTIM)
    write(tmp_path, "secret.txt", SECRET)
    (root / "posts/link.md").symlink_to("../../outside/victim.md")
    (root / "posts/b.md").symlink_to("../shared/b.md")
    return root


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    status = main([str(arg) for arg in args])
    out, err = capsys.readouterr()
    return status, out, err


def leads_out(name: str, tmp_path: Path, doing: str) -> str:
    return (f"postdesk: {name} leads outside the repository (to {tmp_path / 'outside/victim.md'}), "
            f"so Postdesk does not {doing} it.\n")


def test_render_page_never_inlines_a_stylesheet_from_outside(capsys, blog: Path, tmp_path: Path) -> None:
    write(blog, ".postdesk.yml", "preview:\n  css: [../../../../../../../../..{}]\n".format(tmp_path / "secret.txt"))
    status, page, _err = run(capsys, "render", "--page", blog / "posts/a.md")
    assert status == 0 and SECRET not in page and "Hello." in page
    (blog / ".postdesk.yml").unlink()
    (blog / "styles").mkdir()
    (blog / "styles/globals.css").symlink_to(tmp_path / "secret.txt")  # a CSS file the site's generator would use
    status, page, _err = run(capsys, "render", "--page", blog / "posts/a.md")
    assert status == 0 and SECRET not in page and "Hello." in page


@pytest.mark.parametrize("command, doing", [(["render"], "render"), (["render", "--page"], "render"),
                                            (["get"], "read"), (["set"], "change")])
def test_a_post_linking_outside_is_refused_in_one_sentence(capsys, blog: Path, tmp_path: Path,
                                                           command: list[str], doing: str) -> None:
    post = blog / "posts/link.md"
    extra = {"get": ["title"], "set": ["title=Pwned"]}.get(command[0], [])
    status, out, err = run(capsys, *command, post, *extra)
    assert (status, out, err) == (1, "", leads_out(str(post), tmp_path, doing))
    assert (tmp_path / "outside/victim.md").read_text(encoding="utf-8") == VICTIM


def test_a_post_linking_inside_the_repository_keeps_working(capsys, blog: Path) -> None:
    assert run(capsys, "render", blog / "posts/b.md")[1].count("Both places.") == 1
    assert run(capsys, "set", blog / "posts/b.md", "title=Renamed")[0] == 0
    assert (blog / "posts/b.md").is_symlink()
    assert (blog / "shared/b.md").read_text(encoding="utf-8").startswith("---\ntitle: Renamed\n")
    assert run(capsys, "get", blog / "posts/b.md", "title")[1] == "Renamed\n"


def test_list_shows_the_post_with_the_reason_and_never_its_content(capsys, blog: Path, tmp_path: Path) -> None:
    status, out, err = run(capsys, "list", blog)
    assert status == 0 and "Victim" not in out and "posts/link.md" in out
    assert err == leads_out("posts/link.md", tmp_path, "open")
    status, out, err = run(capsys, "list", blog, "--json")
    link = next(post for post in json.loads(out) if post["path"] == "posts/link.md")
    assert link["title"] == "link" and "leads outside the repository" in link["error"]


def test_check_names_the_link_and_the_configuration_leading_out(capsys, blog: Path, tmp_path: Path) -> None:
    write(blog, ".postdesk.yml", "collections:\n  - {name: posts, folder: posts}\n  - {name: evil, folder: ../outside}\n")
    status, out, err = run(capsys, "check", blog)
    assert status == 1
    assert f"posts/link.md: leads outside the repository (to {tmp_path / 'outside/victim.md'})" in out
    assert ("postdesk: note: .postdesk.yml: the folder of collection 'evil' (../outside) leads outside the "
            "repository, so Postdesk does not use this collection.") in err


DECAP = """backend: {name: git-gateway}
collections:
  - {name: news, label: News, folder: content/news, create: true, slug: "{{year}}-{{slug}}",
     fields: [{name: title, widget: string}, {name: kind, widget: string, default: brief}]}
  - {name: evil, label: Evil, folder: ../outside/posts, create: true}
  - {name: upward, label: Upward, folder: content/news, create: true, slug: "../../../{{slug}}"}
"""


def test_new_creates_the_post_the_window_would(capsys, blog: Path) -> None:
    write(blog, "admin/config.yml", DECAP)
    status, out, err = run(capsys, "new", blog, "Fresh news: today!", "--collection", "news")
    assert (status, err) == (0, "")
    assert re.fullmatch(r"content/news/20\d\d-fresh-news-today\.md\n", out)
    text = (blog / out.strip()).read_text(encoding="utf-8")
    assert text == '---\ntitle: "Fresh news: today!"\nkind: brief\n---\n\n'  # no placeholder text in the body
    status, out, _ = run(capsys, "new", blog, "Fresh news: today!", "--collection", "news")
    assert status == 1  # taken: never overwritten


def test_new_refuses_a_configuration_leading_outside_with_one_line(capsys, blog: Path, tmp_path: Path) -> None:
    write(blog, "admin/config.yml", DECAP)
    before = sorted(p for p in tmp_path.rglob("*") if blog not in p.parents)
    status, out, err = run(capsys, "new", blog, "Escape", "--collection", "upward")
    assert (status, out) == (1, "")
    assert err == ("postdesk: content/news/../../../escape.md leads outside the repository, so Postdesk does not "
                   "create it. Check the folder and file-name pattern of collection 'upward' in admin/config.yml.\n")
    status, out, err = run(capsys, "new", blog, "Escape", "--collection", "evil")
    assert (status, out) == (1, "")
    assert err == ("postdesk: admin/config.yml: the folder of collection 'evil' (../outside/posts) leads outside "
                   "the repository, so Postdesk does not use this collection.\n")
    assert sorted(p for p in tmp_path.rglob("*") if blog not in p.parents) == before
    status, out, err = run(capsys, "new", blog, "Escape", "--collection", "nope")
    assert status == 1 and err.startswith("postdesk: This site has no collection named 'nope'.")


def test_new_in_a_script_runs_in_the_current_repository_and_says_json(blog: Path) -> None:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO_ROOT), os.environ.get("PYTHONPATH", "")])}
    result = subprocess.run([sys.executable, "-m", "desktop_app", "new", "A post from a script", "--json"], cwd=blog,
                            env=env, capture_output=True, text=True, encoding="utf-8", stdin=subprocess.DEVNULL,
                            timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    made = json.loads(result.stdout)
    assert made == {"path": "posts/a-post-from-a-script.md", "file": str(blog / "posts/a-post-from-a-script.md"),
                    "collection": "posts", "title": "A post from a script"}
    assert (blog / made["path"]).read_text(encoding="utf-8").startswith("---\ntitle: A post from a script\n")
