#!/usr/bin/env bash
# Install the Debian packages named in LIST files (one a line, # comments) that are missing, as
# root or through sudo; otherwise print them. Used by scripts/system-deps.sh and packaging/build.sh.
set -euo pipefail
packages=$(cat "$@" | sed 's/#.*//' | tr -s ' \n' ' ')
missing=""
for package in $packages; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing="$missing $package"
done
if [ -z "${missing// }" ]; then exit 0; fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "Please install:$missing (with your package manager)" >&2; exit 0
fi
sudo=""
if [ "$(id -u)" != 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
    echo "Please install, as root: apt-get install$missing" >&2; exit 0; fi
fi
echo "Installing:$missing"
$sudo apt-get update -qq
$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
