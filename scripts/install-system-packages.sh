#!/usr/bin/env bash
# Debian packages the tests need: Chromium for the browser tests of the chat widget.
# Installs them as root with apt; otherwise says which command enables those tests.
set -uo pipefail
if command -v chromium >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the browser tests..."
  if apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; then
    exit 0
  fi
fi
echo "*** Chromium is missing, so the browser tests will be skipped. Enable them with: sudo apt-get install chromium ***" >&2
exit 0
