"""Running `postdesk site --json` on a site as a user would, and finding things in its report."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from desktop_app.cli import main
from tests.conftest import SHARED

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures" / "sites"
REAL_SITES = SHARED / "sites"


def site_json(root: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    """The report `postdesk site ROOT --json` prints."""
    capsys.readouterr()
    assert main(["site", str(root), "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def real_site(name: str) -> Path:
    folder = REAL_SITES / name
    if not folder.is_dir():
        pytest.skip(f"{folder} is not checked out beside the repository")
    return folder


def collection(report: dict[str, Any], name: str) -> dict[str, Any]:
    return next(item for item in report["collections"] if item["name"] == name)


def fields(report: dict[str, Any], name: str) -> dict[str, dict[str, Any]]:
    """A collection's fields (or, without a schema, what the generator says of them), by name."""
    found = collection(report, name)
    return {spec["name"]: spec for spec in found["fields"] or found["inherited"]}


def types(report: dict[str, Any], name: str) -> dict[str, str]:
    return {key: spec["type"] for key, spec in fields(report, name).items()}
