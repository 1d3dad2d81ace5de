#!/usr/bin/env bash
# Creates .venv with Python 3.10 and installs the pinned requirements.
# Called by make when a requirements file is newer than .venv/.installed.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=.venv
if [ -x "$VENV/bin/python" ] && ! "$VENV/bin/python" -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 10) else 1)'; then
  echo "Existing $VENV is not Python 3.10; recreating it." >&2
  rm -rf "$VENV"
fi
if [ ! -x "$VENV/bin/python" ]; then
  PY=$(scripts/find-python.sh)
  echo "Creating $VENV with $PY"
  "$PY" -m venv "$VENV"
fi
"$VENV/bin/python" -m pip install --quiet --upgrade "pip==24.3.1" "wheel==0.45.1"
echo "Installing pinned requirements (the first time takes a few minutes and ~2.7 GB)..."
"$VENV/bin/python" -m pip install --quiet -r requirements/rasa.txt -r requirements/actions.txt -r requirements/test.txt -c requirements/constraints.txt
"$VENV/bin/python" -m pip check
touch "$VENV/.installed"
