#!/usr/bin/env bash
# Installs the pinned npm packages (npm ci: socket.io-client, esbuild, and axe-core for the
# accessibility tests) and builds the chat widget bundle (web/dist) from web/src.
# Without npm, the committed bundle is used as it is (and the accessibility tests cannot run).
set -euo pipefail
cd "$(dirname "$0")/../web"
if ! command -v npm >/dev/null 2>&1; then
  if [ -f dist/imvo-chat.js ]; then
    echo "npm not found: using the committed widget bundle in web/dist; the accessibility tests need axe-core from npm (they skip, or fail when CI=true)." >&2
    touch dist/imvo-chat.js
    exit 0
  fi
  echo "npm (Node.js 18+) is needed to build the chat widget: install Node.js, then run make again." >&2
  exit 1
fi
echo "Chat widget: installing its pinned build tools with npm ci (socket.io-client, esbuild, axe-core for the accessibility tests)…"
npm ci --no-audit --no-fund --loglevel=error
echo "Chat widget: bundling web/src into web/dist with esbuild…"
npm run build --silent
