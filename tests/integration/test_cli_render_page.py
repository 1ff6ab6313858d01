"""`postdesk render --page` writes a page that shows its pictures wherever it is opened."""

from __future__ import annotations

import base64
import re
from pathlib import Path

from tests.integration.test_cli import git, postdesk, write

SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>'


def test_a_standalone_page_carries_its_images(tmp_path: Path) -> None:
    root = tmp_path / "blog"
    root.mkdir()
    git(root, "init", "--quiet")
    write(root, "package.json", '{"dependencies": {"next": "15"}}')
    write(root, "public/images/cover.svg", SVG)
    write(root, "public/images/diagram.svg", SVG)
    write(root, "posts/trip/photo.svg", SVG)
    write(root, "posts/trip/index.md", "---\ntitle: Trip\ncover: /images/cover.svg\n---\n"
                                       "![d](/images/diagram.svg)\n\n<img src=\"photo.svg\" alt=\"raw\">\n\n"
                                       "![gone](/images/gone.png)\n")
    outside = tmp_path / "private.svg"
    outside.write_text(SVG, encoding="utf-8")
    write(root, "posts/secret.md", f"---\ntitle: S\n---\n<img src=\"{outside.as_uri()}\">\n")
    result = postdesk("render", "--page", root / "posts/trip/index.md")
    assert result.returncode == 0, result.stderr
    page = result.stdout
    assert "file:///" not in page  # nothing points back at the writer's disk
    sources = re.findall(r'<img[^>]*\ssrc="([^"]+)"', page)
    assert len(sources) == 4
    embedded = [base64.b64decode(src.split(",", 1)[1]).decode() for src in sources
                if src.startswith("data:image/svg+xml;base64,")]
    assert embedded == [SVG, SVG, SVG]  # the cover, the Markdown image and the raw HTML one
    assert "Image%20not%20found" in sources[3]  # the missing one is the visible placeholder
    secret = postdesk("render", "--page", root / "posts/secret.md").stdout
    assert base64.b64encode(SVG.encode()).decode() not in secret  # a file from outside is never read in
