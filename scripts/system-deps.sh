#!/usr/bin/env bash
# Install the Debian libraries Qt and QtWebEngine need (and git, Xvfb for tests), when we can.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
packages=$(grep -v '^#' "$here/packaging/debian-packages.txt" | tr '\n' ' ')
missing=$(dpkg-query -W -f='${Package} ${Status}\n' $packages 2>/dev/null | grep -v "install ok installed" | cut -d' ' -f1 || true)
missing="$missing $(for p in $packages; do dpkg-query -W "$p" >/dev/null 2>&1 || echo "$p"; done)"
missing=$(echo $missing | tr ' ' '\n' | sort -u | tr '\n' ' ')
if [ -z "${missing// }" ]; then exit 0; fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "Postdesk needs these system libraries: $missing (install them with your package manager)" >&2
  exit 0
fi
sudo=""
if [ "$(id -u)" != 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
    echo "Postdesk needs: $missing — run as root: apt-get install $missing" >&2; exit 0; fi
fi
echo "Installing system libraries: $missing"
$sudo apt-get update -qq
$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
