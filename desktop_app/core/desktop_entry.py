"""Putting Postdesk in the desktop's menu (Linux, freedesktop.org): the desktop entry, the hicolor
icons and the AppStream metainfo, copied from resources/ into the user's data folder
($XDG_DATA_HOME, by default ~/.local/share) with the entry's Exec line pointing at this
installation (the bundle's executable, or the `postdesk` command of a virtual environment).

The entry declares text/markdown, so a file manager offers Postdesk for .md files: it opens the
post in its repository. Nothing here needs Qt or root; uninstall removes exactly these files.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from desktop_app.core.errors import PostdeskError
from desktop_app.core.resources import resource_path

APP_ID = "io.github.postdesk.Postdesk"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
_PLAIN_ARGUMENT = re.compile(r"[A-Za-z0-9_@+=:,./-]+")


def data_home() -> Path:
    """$XDG_DATA_HOME, or ~/.local/share when it is unset or empty (the XDG rule)."""
    value = os.environ.get("XDG_DATA_HOME", "")
    return Path(value) if os.path.isabs(value) else Path.home() / ".local" / "share"


def launcher_command() -> list[str]:
    """How the menu starts this installation: the bundle's executable, the `postdesk` script
    beside this Python (a virtual environment), or this Python with `-m desktop_app`."""
    if getattr(sys, "frozen", False):
        return [str(Path(sys.executable).resolve())]
    script = Path(sys.executable).parent / "postdesk"
    if script.is_file() and os.access(script, os.X_OK):
        return [str(script.absolute())]
    return [str(Path(sys.executable).absolute()), "-m", "desktop_app"]


def exec_value(command: list[str]) -> str:
    """The Exec value for `command` plus the file to open, quoted as the Desktop Entry spec says."""
    return " ".join(_quote(word) for word in command) + " %f"


def _quote(word: str) -> str:
    word = word.replace("%", "%%")
    if _PLAIN_ARGUMENT.fullmatch(word):
        return word
    quoted = '"' + re.sub(r'(["`$\\])', r"\\\1", word) + '"'
    return quoted.replace("\\", "\\\\")  # the value is a desktop-entry string: its backslashes are escaped again


def entry_text(command: list[str]) -> str:
    """resources/desktop's entry with Exec and TryExec naming this installation."""
    template = resource_path("desktop", f"{APP_ID}.desktop").read_text(encoding="utf-8")
    lines = []
    for line in template.splitlines():
        if line.startswith("Exec="):
            line = f"Exec={exec_value(command)}"
        elif line.startswith("TryExec="):
            line = f"TryExec={command[0]}"
        lines.append(line)
    return "\n".join(lines) + "\n"


def installed_files(base: Path | None = None) -> dict[Path, Path | None]:
    """Each file install() writes, mapped to its source in resources/ (None: the generated entry)."""
    base = base or data_home()
    icons = resource_path("icons")
    files: dict[Path, Path | None] = {
        base / "applications" / f"{APP_ID}.desktop": None,
        base / "metainfo" / f"{APP_ID}.metainfo.xml": resource_path("desktop", f"{APP_ID}.metainfo.xml"),
        base / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg": icons / "postdesk.svg",
    }
    for size in ICON_SIZES:
        name = f"{size}x{size}"
        files[base / "icons" / "hicolor" / name / "apps" / f"{APP_ID}.png"] = icons / "hicolor" / name / "postdesk.png"
    return files


def install(command: list[str], base: Path | None = None) -> list[Path]:
    """Write the entry, icons and metainfo under `base` (default: data_home()); return their paths."""
    files = installed_files(base)
    missing = [str(source) for source in files.values() if source is not None and not source.is_file()]
    if missing:
        raise PostdeskError(f"Postdesk's desktop files are missing: {', '.join(missing)}.",
                            hint="Reinstall Postdesk to restore them.")
    for target, source in files.items():
        target.parent.mkdir(parents=True, exist_ok=True)
        if source is None:
            target.write_text(entry_text(command), encoding="utf-8")
        else:
            shutil.copyfile(source, target)
    _refresh_caches(base or data_home())
    return list(files)


def uninstall(base: Path | None = None) -> list[Path]:
    """Remove what install() wrote; return the paths that were there."""
    removed = []
    for target in installed_files(base):
        if target.is_file():
            target.unlink()
            removed.append(target)
    _refresh_caches(base or data_home())
    return removed


def _refresh_caches(base: Path) -> None:
    """Let menus and file managers see the change now; desktops without these tools rescan later."""
    tools = (["update-desktop-database", "-q", str(base / "applications")],
             ["gtk-update-icon-cache", "-q", "-t", "-f", str(base / "icons" / "hicolor")])
    for tool in tools:
        if shutil.which(tool[0]) and Path(tool[-1]).is_dir():
            subprocess.run(tool, check=False, capture_output=True, timeout=60)
