#!/usr/bin/env bash
# Install the Debian libraries Qt and QtWebEngine need (and git, Xvfb), plus any extra LIST files
# given (make test adds the test servers' packages), when we can.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
exec bash "$here/scripts/apt-install-list.sh" "$here/packaging/debian-packages.txt" "$@"
