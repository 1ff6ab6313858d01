"""The desktop entry, icons and metainfo installed into a temporary XDG_DATA_HOME, and removed."""

from __future__ import annotations

import configparser
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app.core import desktop_entry
from desktop_app.core.desktop_entry import APP_ID, ICON_SIZES, exec_value, install, uninstall
from tests.conftest import REPO_ROOT


@pytest.fixture
def data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "xdg-data"
    monkeypatch.setenv("XDG_DATA_HOME", str(folder))
    return folder


def read_entry(path: Path) -> dict[str, str]:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # keys are case-sensitive
    parser.read_string(path.read_text(encoding="utf-8"))
    return dict(parser["Desktop Entry"])


def test_install_puts_the_app_in_the_menu_for_markdown_files(data_home: Path) -> None:
    command = ["/opt/postdesk/postdesk"]
    written = install(command)
    entry = data_home / "applications" / f"{APP_ID}.desktop"
    assert entry in written
    values = read_entry(entry)
    assert values["Exec"] == "/opt/postdesk/postdesk %f"
    assert values["TryExec"] == "/opt/postdesk/postdesk"
    assert values["Icon"] == APP_ID
    assert "text/markdown" in values["MimeType"].split(";")
    assert (data_home / "icons/hicolor/scalable/apps" / f"{APP_ID}.svg").read_bytes() == \
        (REPO_ROOT / "resources/icons/postdesk.svg").read_bytes()
    for size in ICON_SIZES:
        png = data_home / f"icons/hicolor/{size}x{size}/apps/{APP_ID}.png"
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert int.from_bytes(png.read_bytes()[16:20], "big") == size  # the IHDR width
    metainfo = data_home / "metainfo" / f"{APP_ID}.metainfo.xml"
    assert f"<launchable type=\"desktop-id\">{APP_ID}.desktop</launchable>" in metainfo.read_text()


def test_an_unset_or_relative_xdg_data_home_means_the_home_folder(monkeypatch: pytest.MonkeyPatch,
                                                                   tmp_path: Path) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_DATA_HOME", "relative/share")  # the XDG spec says: ignore it
    assert desktop_entry.data_home() == tmp_path / ".local" / "share"
    monkeypatch.delenv("XDG_DATA_HOME")
    assert desktop_entry.data_home() == tmp_path / ".local" / "share"


@pytest.mark.parametrize(("command", "expected"), [
    (["/usr/bin/postdesk"], "/usr/bin/postdesk %f"),
    (["/home/ann/My Apps/postdesk"], '"/home/ann/My Apps/postdesk" %f'),
    (["/opt/100%/postdesk"], '"/opt/100%%/postdesk" %f'),
    (['/opt/a"b$c/postdesk'], r'"/opt/a\\"b\\$c/postdesk" %f'),
    (["/venv/bin/python", "-m", "desktop_app"], "/venv/bin/python -m desktop_app %f"),
])
def test_exec_lines_are_quoted_as_the_desktop_entry_spec_says(command: list[str], expected: str) -> None:
    assert exec_value(command) == expected


def test_the_installed_entry_passes_desktop_file_validate(data_home: Path) -> None:
    if not shutil.which("desktop-file-validate"):
        pytest.skip("desktop-file-validate is not installed (Debian: desktop-file-utils)")
    install(["/home/ann/My Apps/postdesk"])
    result = subprocess.run(["desktop-file-validate", str(data_home / "applications" / f"{APP_ID}.desktop")],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_metainfo_passes_appstreamcli(tmp_path: Path) -> None:
    if not shutil.which("appstreamcli"):
        pytest.skip("appstreamcli is not installed (Debian: appstream)")
    result = subprocess.run(["appstreamcli", "validate", "--no-net",
                             str(REPO_ROOT / "resources/desktop" / f"{APP_ID}.metainfo.xml")],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_uninstall_removes_only_what_install_wrote(data_home: Path) -> None:
    other = data_home / "applications" / "org.example.Other.desktop"
    other.parent.mkdir(parents=True)
    other.write_text("[Desktop Entry]\nType=Application\nName=Other\nExec=other\n")
    written = install(["/opt/postdesk/postdesk"])
    assert sorted(uninstall()) == sorted(written)
    assert other.is_file()
    assert not [path for path in data_home.rglob("*") if path.is_file() and APP_ID in path.name]


def test_postdesk_install_desktop_points_the_menu_at_this_installation(data_home: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "desktop_app", "--install-desktop"], capture_output=True,
                            text=True, cwd=REPO_ROOT, check=False)
    assert result.returncode == 0, result.stderr
    entry = data_home / "applications" / f"{APP_ID}.desktop"
    assert str(entry) in result.stdout.splitlines()
    launcher = read_entry(entry)["Exec"].removesuffix(" %f")
    script = Path(sys.executable).parent / "postdesk"
    assert launcher == (str(script) if script.is_file() else f"{sys.executable} -m desktop_app")
    removed = subprocess.run([sys.executable, "-m", "desktop_app", "--uninstall-desktop"], capture_output=True,
                             text=True, cwd=REPO_ROOT, check=True)
    assert f"removed {entry}" in removed.stdout
    assert not entry.exists()
