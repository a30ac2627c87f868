#!/usr/bin/env bash
# What the browser audit needs besides Python packages: Chromium, Java (for the Nu HTML
# checker) and npm (for axe-core and vnu.jar). Run by `make test`; installs what is missing
# with apt-get when it can (root, or sudo without a password), else says in one line what to
# install and fails, so the browser tests never silently skip.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

chromium=${INNOMED_CHROMIUM:-/usr/bin/chromium}
missing=()
[ -x "$chromium" ] || command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo=(sudo -n)
else
  sudo=none
fi
if [ "${sudo[*]}" = none ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "The browser tests need ${missing[*]}: install them (Debian/Ubuntu: sudo apt-get install ${missing[*]}), then run make test again." >&2
  exit 1
fi
echo "Installing ${missing[*]} for the browser audit"
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
