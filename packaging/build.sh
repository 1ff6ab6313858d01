#!/usr/bin/env bash
# Build the self-contained Linux bundle dist/postdesk/ and its archive
# dist/postdesk-<version>-linux-<arch>.tar.gz (`make package` runs this).
#   PY=path/to/python   the Python whose environment has Postdesk and its `package` extra (default: .venv)
# The build tools come from pyproject.toml's `package` extra and packaging/build-packages.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}

bash scripts/apt-install-list.sh packaging/build-packages.txt
# The pinned `package` extra only: Postdesk itself is imported from this folder (the spec's pathex).
"$PY" -m pip install --quiet $("$PY" -c 'import tomllib; print(" ".join(tomllib.load(open("pyproject.toml", "rb"))["project"]["optional-dependencies"]["package"]))')
version=$("$PY" -c 'import desktop_app; print(desktop_app.__version__)')
archive="dist/postdesk-${version}-linux-$(uname -m).tar.gz"

# The desktop entry and metainfo are installed from resources/: check them while we are here.
if command -v desktop-file-validate >/dev/null; then
  desktop-file-validate resources/desktop/io.github.postdesk.Postdesk.desktop
fi
if command -v appstreamcli >/dev/null; then
  appstreamcli validate --no-net --explain resources/desktop/io.github.postdesk.Postdesk.metainfo.xml
fi

SECONDS=0
rm -rf dist/postdesk "$archive"
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller packaging/postdesk.spec
built=$SECONDS
tar -C dist -czf "$archive" postdesk
packed=$SECONDS

"$PY" packaging/check_bundle.py dist/postdesk "$archive"
echo "build: PyInstaller ${built} s, archive $((packed - built)) s"
echo "Run it: dist/postdesk/postdesk    Menu entry and .md files: dist/postdesk/postdesk --install-desktop"
