"""The preview page: the site's own CSS when it has some, code colours, and the patch call."""

from __future__ import annotations

import json
from pathlib import Path

from desktop_app.core.render.page import page_html, pygments_css, stylesheets, update_call
from desktop_app.core.site.config import Collection, SiteConfig


def test_site_css_is_linked_when_the_site_has_it(tmp_path: Path) -> None:
    (tmp_path / "styles").mkdir()
    (tmp_path / "styles/globals.css").write_text("body { color: red }\n", encoding="utf-8")
    site = SiteConfig(tmp_path, (Collection("posts", "Posts", "posts"),), css_files=("styles/globals.css",))
    assert stylesheets(site) == [tmp_path / "styles/globals.css"]
    page = page_html(site)
    assert (tmp_path / "styles/globals.css").resolve().as_uri() in page
    assert "{{" not in page


def test_default_theme_without_site_css(tmp_path: Path) -> None:
    site = SiteConfig(tmp_path, (), css_files=("styles/missing.css",))
    (default,) = stylesheets(site)
    assert default.name == "default.css" and default.is_file()
    assert stylesheets(None) == [default]
    assert default.resolve().as_uri() in page_html(None)


def test_dark_page_uses_dark_code_colours() -> None:
    light, dark = page_html(None), page_html(None, dark=True)
    assert pygments_css(False) in light and pygments_css(True) in dark
    assert pygments_css(False) != pygments_css(True)
    assert ".codehilite" in pygments_css(False)


def test_update_call_passes_the_html_as_data() -> None:
    header, body = '<h1 class="post-title">It\'s "quoted"</h1>', "<p>a</p>\n</script><p>b</p>"
    call = update_call(header, body, "notice")
    assert call.rstrip().endswith(f"window.postdeskPatch({json.dumps(header)}, {json.dumps(body)}, \"notice\");")


def test_embedding_puts_repository_images_inside_the_page(tmp_path: Path) -> None:
    import base64

    from desktop_app.core.render.page import embedding

    (tmp_path / "repo/images").mkdir(parents=True)
    (tmp_path / "repo/images/a.png").write_bytes(b"\x89PNG")
    (tmp_path / "repo/notes.txt").write_text("not an image", encoding="utf-8")
    (tmp_path / "outside.png").write_bytes(b"\x89PNG")
    files = {"a": tmp_path / "repo/images/a.png", "t": tmp_path / "repo/notes.txt", "o": tmp_path / "outside.png"}
    embed = embedding(lambda key: files[key].as_uri() if key in files else key, tmp_path / "repo")
    assert embed("a") == "data:image/png;base64," + base64.b64encode(b"\x89PNG").decode()
    assert embed("t") == files["t"].as_uri()  # not an image: never read into the page
    assert embed("o") == files["o"].as_uri()  # outside the repository: never read into the page
    assert embed("https://example.com/x.png") == "https://example.com/x.png"


def test_site_css_leading_outside_the_repository_is_never_linked_or_inlined(tmp_path: Path) -> None:
    from desktop_app.core.render.page import standalone_page

    (tmp_path / "repo/styles").mkdir(parents=True)
    (tmp_path / "secret.txt").write_text("root:x:0:0:secret", encoding="utf-8")
    (tmp_path / "repo/styles/globals.css").symlink_to(tmp_path / "secret.txt")
    (tmp_path / "repo/own.css").write_text("body { color: teal }", encoding="utf-8")
    site = SiteConfig(tmp_path / "repo", (Collection("posts", "Posts", "posts"),),
                      css_files=("styles/globals.css", "../secret.txt", "own.css"))
    assert stylesheets(site) == [tmp_path / "repo/own.css"]
    page = standalone_page(site, "<h1>T</h1>", "<p>Body</p>", "T")
    assert "secret" not in page and "color: teal" in page
    assert "secret" not in page_html(site)


def test_embedding_never_reads_an_image_linked_to_a_file_outside(tmp_path: Path) -> None:
    from desktop_app.core.render.page import image_data_url

    (tmp_path / "repo").mkdir()
    (tmp_path / "private.png").write_bytes(b"\x89PNG private")
    (tmp_path / "repo/cover.png").symlink_to(tmp_path / "private.png")
    assert image_data_url((tmp_path / "repo/cover.png").as_uri(), tmp_path / "repo") is None
