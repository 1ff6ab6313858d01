"""Find the `resources/` folder in a checkout, an installed wheel, or a PyInstaller bundle.

- Bundle (packaging/postdesk.spec): `sys._MEIPASS/resources`, beside the frozen package.
- Wheel (pyproject.toml maps resources/ to the package `desktop_app.resources`): `desktop_app/resources`.
- Checkout or editable install: `resources/` beside the `desktop_app/` folder.
"""

from __future__ import annotations

import sys
from pathlib import Path

# A file every resources folder has: a folder named `resources` that lacks it is somebody else's.
MARKER = ("preview", "page.html")


def candidate_dirs(bundle: str | None, package_dir: Path) -> list[Path]:
    """Where to look, in order, for a bundle folder (or None) and the `desktop_app` package folder."""
    candidates = [Path(bundle) / "resources"] if bundle else []
    candidates.append(package_dir / "resources")  # an installed wheel
    candidates.append(package_dir.parent / "resources")  # a source checkout
    return candidates


def find_resources(bundle: str | None, package_dir: Path) -> Path:
    for candidate in candidate_dirs(bundle, package_dir):
        if candidate.joinpath(*MARKER).is_file():
            return candidate
    raise FileNotFoundError("Postdesk's resources folder is missing; reinstall the application.")


def resources_dir() -> Path:
    """The folder holding icons, the preview template, the desktop entry and the sample blog."""
    return find_resources(getattr(sys, "_MEIPASS", None), Path(__file__).resolve().parent.parent)


def resource_path(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)
