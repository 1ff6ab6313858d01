"""Find the `resources/` folder in a checkout, an installed wheel, or a PyInstaller bundle."""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    """The folder holding icons, the preview template and the sample blog."""
    bundle = getattr(sys, "_MEIPASS", None)
    candidates = []
    if bundle:
        candidates.append(Path(bundle) / "resources")
    package_dir = Path(__file__).resolve().parent.parent
    candidates.append(package_dir.parent / "resources")  # a source checkout
    candidates.append(package_dir / "resources")  # an installed wheel (mapped in by setup)
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("Postdesk's resources folder is missing; reinstall the application.")


def resource_path(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)
