#!/usr/bin/env bash
# Install the Debian packages named in LIST files (one a line, # comments) that are missing, as
# root or through sudo; otherwise print them. Used by scripts/system-deps.sh and packaging/build.sh.
# A line `COMMAND=PACKAGE` installs PACKAGE only when COMMAND is not on the PATH: a Node.js from
# elsewhere (NodeSource) brings its own npm, and Debian's npm package conflicts with it.
#
# On a fresh desktop apt is often busy (unattended upgrades hold dpkg's lock for minutes): we wait
# for it, saying every 10 s which process holds it, up to POSTDESK_APT_LOCK_TIMEOUT seconds in all
# (default 600), then fail with what to do instead of apt-get's bare "Could not get lock".
set -euo pipefail
packages=$(cat "$@" | sed 's/#.*//' | tr -s ' \n' ' ')
missing=""
for package in $packages; do
  if [ "${package#*=}" != "$package" ]; then
    command -v "${package%%=*}" >/dev/null 2>&1 && continue
    package="${package#*=}"
  fi
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

lock_timeout="${POSTDESK_APT_LOCK_TIMEOUT:-600}"
case "$lock_timeout" in ''|*[!0-9]*)
  echo "POSTDESK_APT_LOCK_TIMEOUT must be a whole number of seconds, not '$lock_timeout'" >&2; exit 2;;
esac
lock_files=(/var/lib/dpkg/lock-frontend /var/lib/dpkg/lock /var/lib/apt/lists/lock /var/cache/apt/archives/lock)
report_every=10

# Prints "COMMAND (pid PID) holds FILE, ..." for each process holding apt's or dpkg's locks. Reads
# /proc/locks, which needs no root (fuser and lslocks cannot see root's processes from a user).
lock_holders() {
  local file dev major minor pid files
  for file in "${lock_files[@]}"; do
    [ -e "$file" ] || continue
    dev=$(stat -L -c '%d' "$file") || continue
    # /proc/locks names the device as the kernel's hex MAJOR:MINOR; stat gives glibc's encoded st_dev.
    major=$(( ((dev >> 8) & 0xfff) | ((dev >> 32) & ~0xfff) ))
    minor=$(( (dev & 0xff) | ((dev >> 12) & ~0xff) ))
    awk -v id="$(printf '%02x:%02x:%s' "$major" "$minor" "$(stat -L -c '%i' "$file")")" -v file="$file" \
      '$2 != "->" && $6 == id { print $5, file }' /proc/locks
  done | sort -u | awk '{ files[$1] = ($1 in seen) ? files[$1] ", " $2 : $2; seen[$1] } END { for (p in files) print p, files[p] }' |
  while read -r pid files; do
    echo "$(cat "/proc/$pid/comm" 2>/dev/null || echo "a process") (pid $pid) holds $files"
  done
}

# Returns once apt's and dpkg's locks are free, reporting the holders every $report_every seconds;
# returns 1 at the deadline with the holders in $holders.
wait_for_apt() {
  local next_report=$SECONDS
  while holders=$(lock_holders) && [ -n "$holders" ]; do
    if [ "$SECONDS" -ge "$deadline" ]; then return 1; fi
    if [ "$SECONDS" -ge "$next_report" ]; then
      echo "Waiting for apt ($(( SECONDS - started )) s of at most $lock_timeout s): ${holders//$'\n'/; }"
      next_report=$(( SECONDS + report_every ))
    fi
    sleep 1
  done
}

give_up() {
  local who="${holders:-another apt or dpkg holds its lock}"
  echo "apt is still busy after $lock_timeout s (${who//$'\n'/; }):" \
    "let it finish (on a new desktop that is usually the automatic updates) and run the same command again," \
    "or wait longer with POSTDESK_APT_LOCK_TIMEOUT=1800, or install them yourself: ${sudo:+sudo }apt-get install$missing" >&2
  exit 1
}

# Runs `apt-get ARGS` once apt is free. apt-get waits for dpkg's lock itself (DPkg::Lock::Timeout)
# but not for the package lists' lock (apt-get update) nor the downloads' lock, so when another
# apt takes a lock between our check and apt-get's start we wait again and retry.
apt_get() {
  local log status wait_more
  log=$(mktemp)
  while true; do
    wait_for_apt || { rm -f "$log"; give_up; }
    status=0 wait_more=$(( deadline > SECONDS ? deadline - SECONDS : 0 ))
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=$wait_more "$@" >/dev/null 2>"$log" || status=$?
    if [ "$status" = 0 ]; then
      # Without apt-utils (minimal systems) debconf says so on every install: not worth the user's eye.
      grep -v "^debconf: delaying package configuration" "$log" >&2 || true; rm -f "$log"; return 0
    fi
    # Only a lock taken by another process is worth waiting for ("are you root?" is not).
    if ! grep -qE "Could not get lock|is another process using it" "$log"; then
      cat "$log" >&2; rm -f "$log"; return "$status"
    fi
    holders=$(lock_holders) || holders=""
    if [ "$SECONDS" -ge "$deadline" ]; then rm -f "$log"; give_up; fi
    sleep 1
  done
}

started=$SECONDS
deadline=$(( SECONDS + lock_timeout ))
holders=""
echo "Installing:$missing"
apt_get update -qq
apt_get install -y -qq --no-install-recommends $missing
