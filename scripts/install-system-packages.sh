#!/usr/bin/env bash
# Debian packages the project uses: Chromium for the browser tests of the chat widget, nginx in
# front of several Rasa servers (make cluster), docker-compose to check docker-compose.yml offline.
# Installs the missing ones as root with apt; otherwise says which command enables them.
set -uo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx)
command -v docker-compose >/dev/null 2>&1 || missing+=(docker-compose)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's ${missing[*]}..."
  if apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null; then
    exit 0
  fi
fi
echo "*** Missing: ${missing[*]}; the tests that need them will be skipped (make cluster needs nginx)." \
  "Enable them with: sudo apt-get install ${missing[*]} ***" >&2
exit 0
