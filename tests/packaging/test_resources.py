"""Resources are found the same way in a checkout, an installed wheel and a PyInstaller bundle."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from setuptools import find_packages

from desktop_app.core.resources import MARKER, find_resources, resources_dir
from tests.conftest import REPO_ROOT


def make_resources(folder: Path) -> Path:
    folder.joinpath(*MARKER).parent.mkdir(parents=True)
    folder.joinpath(*MARKER).write_text("<html></html>")
    return folder


def test_a_frozen_bundle_uses_the_resources_beside_its_frozen_package(tmp_path: Path) -> None:
    # PyInstaller's one-folder layout: _internal/ is sys._MEIPASS, holding resources/ and desktop_app/.
    internal = tmp_path / "dist" / "postdesk" / "_internal"
    bundled = make_resources(internal / "resources")
    (internal / "desktop_app").mkdir()
    assert find_resources(str(internal), internal / "desktop_app") == bundled


def test_the_bundle_wins_over_a_checkout_it_was_built_from(tmp_path: Path) -> None:
    checkout = make_resources(tmp_path / "src" / "resources")
    bundled = make_resources(tmp_path / "bundle" / "resources")
    assert find_resources(str(tmp_path / "bundle"), checkout.parent / "desktop_app") == bundled


def test_an_installed_wheel_uses_its_package_resources_not_a_stray_folder(tmp_path: Path) -> None:
    site = tmp_path / "site-packages"
    wheel = make_resources(site / "desktop_app" / "resources")
    (site / "resources").mkdir()  # another distribution's top-level `resources`, without our files
    assert find_resources(None, site / "desktop_app") == wheel


def test_a_folder_named_resources_without_postdesk_files_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "desktop_app" / "resources").mkdir(parents=True)
    checkout = make_resources(tmp_path / "resources")
    assert find_resources(None, tmp_path / "desktop_app") == checkout


def test_missing_resources_say_to_reinstall(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="reinstall"):
        find_resources(str(tmp_path / "gone"), tmp_path / "desktop_app")


def test_this_checkout_finds_its_own_resources() -> None:
    assert resources_dir() == REPO_ROOT / "resources"


def test_the_frozen_lookup_is_what_resources_dir_uses(tmp_path: Path) -> None:
    bundled = make_resources(tmp_path / "resources")
    code = ("import sys; sys._MEIPASS = sys.argv[1]; "
            "from desktop_app.core.resources import resources_dir; print(resources_dir())")
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True,
                         check=True, cwd=REPO_ROOT).stdout.strip()
    assert out == str(bundled)


def test_the_wheel_carries_every_package_and_all_of_resources() -> None:
    """pyproject lists the packages (a mapped folder defeats packages.find): a new subpackage
    must be listed, or the wheel would lack it."""
    config = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    found = set(find_packages(str(REPO_ROOT), include=["desktop_app*"]))
    listed = set(config["packages"])
    assert found <= listed
    assert {name for name in listed - found if not name.startswith("desktop_app.resources")} == set()
    assert "desktop_app.resources" in listed
    assert config["package-dir"]["desktop_app.resources"] == "resources"
    assert REPO_ROOT.joinpath("resources", *MARKER).is_file()
    assert config["package-data"]["desktop_app.resources"] == ["**/*", "**/.*"]  # dotfiles: .postdesk.yml
