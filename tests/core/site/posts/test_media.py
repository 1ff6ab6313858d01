"""The front-matter value for an image a writer picks, and where the picked file ends up."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.core.errors import PostdeskError
from desktop_app.core.frontmatter import fields as f
from desktop_app.core.frontmatter.fields import FieldSpec
from desktop_app.core.site.config import Collection, SiteConfig
from desktop_app.core.site.posts.media import image_file, image_name, image_value, pasted_image

PICTURE = b"\x89PNG fake picture bytes"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    (site / "content/posts/trip").mkdir(parents=True)
    (site / "content/posts/hello.md").write_text("---\ntitle: Hello\n---\n", encoding="utf-8")
    (site / "content/posts/trip/index.md").write_text("---\ntitle: Trip\n---\n", encoding="utf-8")
    return site


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A picture the writer picks from outside the repository (their Downloads)."""
    picture = tmp_path / "downloads" / "beach.png"
    picture.parent.mkdir()
    picture.write_bytes(PICTURE)
    return picture


def site_with(root: Path, static_folder: str = "", **collection: str) -> SiteConfig:
    return SiteConfig(root, (Collection("posts", "Posts", "content/posts", **collection),),  # type: ignore[arg-type]
                      static_folder=static_folder)


def files_named(root: Path, name: str) -> list[str]:
    return sorted(path.relative_to(root).as_posix() for path in root.rglob(name))


def test_a_picture_from_outside_goes_to_the_collections_media_folder(root: Path, outside: Path) -> None:
    site = site_with(root, media_folder="assets/img", public_folder="/img")
    assert image_value(site, root / "content/posts/hello.md", outside) == "/img/beach.png"
    assert (root / "assets/img/beach.png").read_bytes() == PICTURE
    assert outside.read_bytes() == PICTURE  # copied, not moved


def test_a_fields_own_media_folder_wins(root: Path, outside: Path) -> None:
    site = site_with(root, media_folder="assets/img", public_folder="/img")
    cover = FieldSpec("cover", f.IMAGE, media_folder="assets/covers", public_folder="/covers")
    assert image_value(site, root / "content/posts/hello.md", outside, cover) == "/covers/beach.png"
    assert files_named(root, "beach.png") == ["assets/covers/beach.png"]


def test_a_field_without_its_own_media_folder_uses_the_collections(root: Path, outside: Path) -> None:
    site = site_with(root, media_folder="assets/img", public_folder="/img")
    cover = FieldSpec("cover", f.IMAGE)
    assert image_value(site, root / "content/posts/hello.md", outside, cover) == "/img/beach.png"
    assert files_named(root, "beach.png") == ["assets/img/beach.png"]


@pytest.mark.parametrize("public", ["", "images"])
def test_entry_relative_media_is_copied_beside_the_post(root: Path, outside: Path, public: str) -> None:
    site = site_with(root, media_folder="./images", public_folder=public)
    post = root / "content/posts/hello.md"
    value = image_value(site, post, outside)
    assert value == "images/beach.png"
    assert files_named(root, "beach.png") == ["content/posts/images/beach.png"]
    assert image_file(site, post, value) == (root / "content/posts/images/beach.png").resolve()


def test_entry_relative_media_under_a_public_folder(root: Path, outside: Path) -> None:
    site = site_with(root, media_folder="./images", public_folder="/media/posts")
    assert image_value(site, root / "content/posts/hello.md", outside) == "/media/posts/beach.png"
    assert files_named(root, "beach.png") == ["content/posts/images/beach.png"]


def test_a_page_bundle_keeps_its_pictures_in_its_own_folder(root: Path, outside: Path) -> None:
    site = site_with(root, media_folder=".")
    post = root / "content/posts/trip/index.md"
    assert image_value(site, post, outside) == "beach.png"
    assert files_named(root, "beach.png") == ["content/posts/trip/beach.png"]
    assert image_file(site, post, "beach.png") == (root / "content/posts/trip/beach.png").resolve()


def test_each_post_gets_its_own_entry_relative_copy(root: Path, outside: Path) -> None:
    site = site_with(root, media_folder="./images")
    image_value(site, root / "content/posts/hello.md", outside)
    image_value(site, root / "content/posts/trip/index.md", outside)
    assert files_named(root, "beach.png") == ["content/posts/images/beach.png", "content/posts/trip/images/beach.png"]


def test_an_entry_relative_field_on_a_collection_with_shared_media(root: Path, outside: Path) -> None:
    site = site_with(root, media_folder="assets/img", public_folder="/img")
    gallery = FieldSpec("gallery", f.IMAGE, media_folder="./gallery")
    assert image_value(site, root / "content/posts/hello.md", outside, gallery) == "gallery/beach.png"
    assert files_named(root, "beach.png") == ["content/posts/gallery/beach.png"]


def test_a_picture_already_in_the_media_folder_is_not_copied(root: Path) -> None:
    site = site_with(root, media_folder="assets/img", public_folder="/img")
    (root / "assets/img/2024").mkdir(parents=True)
    (root / "assets/img/2024/chart.svg").write_text("<svg/>", encoding="utf-8")
    assert image_value(site, root / "content/posts/hello.md", root / "assets/img/2024/chart.svg") == "/img/2024/chart.svg"
    assert files_named(root, "chart.svg") == ["assets/img/2024/chart.svg"]


def test_a_picture_already_beside_the_post_is_written_relative(root: Path) -> None:
    site = site_with(root, media_folder="./images")
    (root / "content/posts/images").mkdir()
    (root / "content/posts/images/map.png").write_bytes(PICTURE)
    assert image_value(site, root / "content/posts/hello.md", root / "content/posts/images/map.png") == "images/map.png"
    assert files_named(root, "map.png") == ["content/posts/images/map.png"]


def test_without_media_folders_pictures_go_to_the_static_images_folder(root: Path, outside: Path) -> None:
    site = site_with(root, static_folder="static")
    assert image_value(site, root / "content/posts/hello.md", outside) == "/images/beach.png"
    assert files_named(root, "beach.png") == ["static/images/beach.png"]


def test_without_any_folders_the_picture_is_linked_relative_to_the_post(root: Path, outside: Path) -> None:
    site = site_with(root)
    post = root / "content/posts/hello.md"
    value = image_value(site, post, outside)
    assert value == "../../images/beach.png"
    assert files_named(root, "beach.png") == ["images/beach.png"]
    assert image_file(site, post, value) == (root / "images/beach.png").resolve()


def test_picking_the_same_picture_twice_makes_one_copy(root: Path, outside: Path) -> None:
    site = site_with(root, media_folder="assets/img", public_folder="/img")
    post = root / "content/posts/hello.md"
    assert image_value(site, post, outside) == image_value(site, post, outside) == "/img/beach.png"
    assert files_named(root, "beach*") == ["assets/img/beach.png"]


def test_a_different_picture_with_the_same_name_is_not_overwritten_or_reused(root: Path, outside: Path) -> None:
    site = site_with(root, media_folder="assets/img", public_folder="/img")
    (root / "assets/img").mkdir(parents=True)
    (root / "assets/img/beach.png").write_bytes(b"another picture")
    value = image_value(site, root / "content/posts/hello.md", outside)
    assert value == "/img/beach-2.png"
    assert (root / "assets/img/beach.png").read_bytes() == b"another picture"
    assert (root / "assets/img/beach-2.png").read_bytes() == outside.read_bytes()


def test_a_media_folder_that_cannot_be_made_is_a_clear_error(root: Path, outside: Path) -> None:
    (root / "assets").write_text("a file where the folder should be", encoding="utf-8")
    site = site_with(root, media_folder="assets/img", public_folder="/img")
    with pytest.raises(PostdeskError, match="Could not copy beach.png into assets/img"):
        image_value(site, root / "content/posts/hello.md", outside)


def test_an_image_value_leading_outside_the_repository_shows_no_file(root: Path, outside: Path) -> None:
    post = root / "content/posts/hello.md"
    (root / "content/posts/leak.png").symlink_to(outside)
    site = site_with(root)
    assert image_file(site, post, outside.as_uri()) is None
    assert image_file(site, post, "../../../downloads/beach.png") is None
    assert image_file(site, post, "leak.png") is None
    (root / "content/posts/mine.png").write_bytes(PICTURE)
    assert image_file(site, post, "mine.png") == root / "content/posts/mine.png"


def test_a_media_folder_leading_outside_the_repository_gets_no_copy(root: Path, outside: Path, tmp_path: Path) -> None:
    (root / "uploads").symlink_to(tmp_path / "downloads")
    with pytest.raises(PostdeskError, match="The media folder uploads leads outside the repository"):
        image_value(site_with(root, media_folder="uploads"), root / "content/posts/hello.md", outside)
    with pytest.raises(PostdeskError, match="leads outside the repository"):
        image_value(site_with(root, media_folder="./../../../elsewhere"), root / "content/posts/hello.md", outside)
    assert not (tmp_path / "elsewhere").exists() and sorted(p.name for p in (tmp_path / "downloads").iterdir()) == [
        "beach.png"]


def test_a_dropped_picture_is_named_after_the_post(root: Path, outside: Path) -> None:
    site = site_with(root, "static")
    post = root / "content/posts/hello.md"
    assert image_value(site, post, outside, name=image_name(post, ".png", "beach.png")) == "/images/hello-beach.png"
    assert (root / "static/images/hello-beach.png").read_bytes() == PICTURE
    assert image_name(root / "content/posts/trip/index.md", ".JPG", "IMG_2034.JPG") == "trip-img-2034.jpg"
    assert image_name(root / "_posts/2024-01-02-launch.md", ".png", "launch-diagram.png") == "launch-diagram.png"


def test_a_pasted_picture_lands_in_the_media_folder_once(root: Path) -> None:
    site = site_with(root, media_folder="assets/img", public_folder="/img")
    post = root / "content/posts/hello.md"
    first = pasted_image(site, post, PICTURE, ".png")
    assert first == root / "assets/img/hello.png" and first.read_bytes() == PICTURE
    assert pasted_image(site, post, PICTURE, ".png") == first  # the same picture again: the same file
    other = pasted_image(site, post, b"\x89PNG another picture", ".png")
    assert other.name == "hello-2.png" and first.read_bytes() == PICTURE
    assert image_value(site, post, other) == "/img/hello-2.png"


def test_a_paste_never_writes_outside_the_repository(root: Path, tmp_path: Path) -> None:
    site = site_with(root, media_folder="../../../elsewhere", public_folder="/img")  # beside the post: 3 up
    with pytest.raises(PostdeskError):
        pasted_image(site, root / "content/posts/hello.md", PICTURE, ".png")
    assert not (tmp_path / "elsewhere").exists()
