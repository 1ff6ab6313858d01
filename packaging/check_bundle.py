"""Check a built bundle and report its size: every shared library that the executable, Qt, the
QtWebEngine helper and the Python extensions need is found in the bundle or on this system
(plugins may miss optional system libraries, such as GTK for the GTK theme: those are notes).

    python packaging/check_bundle.py dist/postdesk [ARCHIVE]

Exit 1 when a required library is missing. Linux only (it reads ELF files with ldd).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

MB = 1_000_000
# Libraries of one desktop session type, found on the machines that run it (Wayland's client
# libraries on a Wayland desktop): a Qt library that needs them serves only that session type.
DESKTOP_LIBRARIES = ("libwayland-",)
ELF_MAGIC = b"\x7fELF"


def elf_files(bundle: Path) -> list[Path]:
    found = []
    for path in sorted(bundle.rglob("*")):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as handle:
                if handle.read(4) == ELF_MAGIC:
                    found.append(path)
    return found


def missing_libraries(path: Path, library_path: str) -> list[str]:
    """The libraries `path` needs that the loader would not find (ldd's "not found")."""
    env = {**os.environ, "LD_LIBRARY_PATH": library_path}
    result = subprocess.run(["ldd", str(path)], capture_output=True, text=True, env=env, check=False)
    return [line.split("=>")[0].strip() for line in result.stdout.splitlines() if "not found" in line]


def size_of(bundle: Path) -> tuple[int, int]:
    files = [path for path in bundle.rglob("*") if path.is_file() and not path.is_symlink()]
    return sum(path.stat().st_size for path in files), len(files)


def largest(bundle: Path, count: int = 8) -> list[tuple[int, str]]:
    sizes = [(path.stat().st_size, str(path.relative_to(bundle)))
             for path in bundle.rglob("*") if path.is_file() and not path.is_symlink()]
    return sorted(sizes, reverse=True)[:count]


def main(argv: list[str]) -> int:
    bundle = Path(argv[0])
    internal = bundle / "_internal"
    # The bootloader puts _internal on the library path; Qt's own libraries find each other by RUNPATH.
    library_path = os.pathsep.join([str(internal), str(internal / "PySide6" / "Qt" / "lib")])
    errors, notes = [], []
    for path in elf_files(bundle):
        missing = sorted(set(missing_libraries(path, library_path)))
        if not missing:
            continue
        line = f"{path.relative_to(bundle)} needs {', '.join(missing)}"
        optional = "/plugins/" in path.as_posix() or all(name.startswith(DESKTOP_LIBRARIES) for name in missing)
        (notes if optional else errors).append(line)
    errors += [f"{link.relative_to(bundle)} points at nothing" for link in bundle.rglob("*")
               if link.is_symlink() and not link.exists()]
    total, count = size_of(bundle)
    print(f"bundle: {bundle} — {total / MB:.1f} MB unpacked ({total / 2**20:.1f} MiB) in {count} files")
    for size, name in largest(bundle):
        print(f"  {size / MB:7.1f} MB  {name}")
    if len(argv) > 1:
        archive = Path(argv[1])
        print(f"archive: {archive} — {archive.stat().st_size / MB:.1f} MB")
    if notes:
        print(f"note: {len(notes)} plugins or session libraries need system libraries this machine lacks "
              f"(fine where that session type runs), e.g. {notes[0]}")
    for error in errors:
        print(f"error: {error}", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
