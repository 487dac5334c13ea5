#!/usr/bin/env bash
# Install the Debian/Ubuntu packages Briefdesk's tests need, when they are missing and we can (root + apt).
#   Qt offscreen: libglib2.0-0 libgl1 libegl1 libxkbcommon0 libfontconfig1 libfreetype6 libdbus-1-3 fonts-dejavu-core
#   Reading .docx as a reader sees it: libreoffice-writer-nogui poppler-utils pandoc
#   PyInstaller (objdump): binutils
#   Team libraries: postgresql (the tests start a throwaway server of their own; see tests/postgres_cluster.py)
# Elsewhere (macOS, Windows, no root) it only says what is missing; the tests that need a tool skip without it.
set -euo pipefail
pkgs=(libglib2.0-0 libgl1 libegl1 libxkbcommon0 libfontconfig1 libfreetype6 libdbus-1-3 fonts-dejavu-core
      libreoffice-writer-nogui poppler-utils pandoc binutils postgresql)
command -v dpkg-query >/dev/null || { echo "system-deps: not a Debian system; install Qt's runtime libraries, LibreOffice, poppler and pandoc yourself."; exit 0; }
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
  echo "system-deps: missing ${missing[*]}; install them with: sudo apt-get install ${missing[*]}" >&2
  exit 0
fi
echo "system-deps: installing ${missing[*]}"
log=$(mktemp)
if ! { apt-get -o DPkg::Lock::Timeout=600 update -qq && DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 \
       install -y -qq --no-install-recommends "${missing[@]}"; } >"$log" 2>&1; then
  cat "$log" >&2
  exit 1
fi
rm -f "$log"
