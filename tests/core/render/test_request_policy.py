"""What the preview may load: the repository and the app's resources; remote images if allowed."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.core.render.request_policy import request_allowed


@pytest.fixture
def roots(tmp_path: Path) -> tuple[Path, ...]:
    (tmp_path / "repo/images").mkdir(parents=True)
    (tmp_path / "app/preview").mkdir(parents=True)
    return ((tmp_path / "repo").resolve(), (tmp_path / "app/preview").resolve())


@pytest.mark.parametrize("relative, allowed", [
    ("repo/images/a.png", True),
    ("repo/posts/../images/a%20b.png", True),
    ("app/preview/base.css", True),
    ("repo/../secret.png", False),
    ("repository-twin/a.png", False),  # a sibling whose name starts like the repository's
    ("app/other.css", False),
])
def test_file_urls_only_inside_the_repository_or_the_apps_resources(
        roots: tuple[Path, ...], tmp_path: Path, relative: str, allowed: bool) -> None:
    url = "file://" + str(tmp_path) + "/" + relative
    assert request_allowed(url, True, roots, remote_images=True) is allowed


def test_system_files_are_refused(roots: tuple[Path, ...]) -> None:
    assert not request_allowed("file:///etc/passwd", True, roots, remote_images=True)


@pytest.mark.parametrize("url, is_image, remote, allowed", [
    ("https://example.com/a.png", True, True, True),
    ("https://example.com/a.png", True, False, False),  # the setting turns remote images off
    ("https://example.com/page.html", False, True, False),  # frames, styles, fonts: never
    ("http://127.0.0.1:8000/track.css", False, True, False),
    ("data:image/png;base64,AAAA", True, False, True),
    ("ftp://example.com/a.png", True, True, False),
    ("javascript:alert(1)", False, True, False),
])
def test_network_only_for_images_and_only_when_allowed(roots: tuple[Path, ...], url: str, is_image: bool,
                                                        remote: bool, allowed: bool) -> None:
    assert request_allowed(url, is_image, roots, remote) is allowed


def test_a_file_linked_to_one_outside_is_refused_and_one_linked_inside_is_loaded(
        roots: tuple[Path, ...], tmp_path: Path) -> None:
    (tmp_path / "private.png").write_bytes(b"\x89PNG")
    (tmp_path / "repo/images/real.png").write_bytes(b"\x89PNG")
    (tmp_path / "repo/images/leak.png").symlink_to(tmp_path / "private.png")
    (tmp_path / "repo/images/alias.png").symlink_to("real.png")
    (tmp_path / "repo/elsewhere").symlink_to(tmp_path)
    assert not request_allowed((tmp_path / "repo/images/leak.png").as_uri(), True, roots, remote_images=True)
    assert not request_allowed((tmp_path / "repo/elsewhere/private.png").as_uri(), True, roots, remote_images=True)
    assert request_allowed((tmp_path / "repo/images/alias.png").as_uri(), True, roots, remote_images=True)
