#!/usr/bin/env bash
# Prints the path of a Python 3.10 interpreter (Rasa 3.6 runs on 3.10 only).
# Looks at $PYTHON, python3.10 on PATH, pyenv, then common install places.
set -u
is_310() { [ -x "$1" ] && "$1" -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 10) else 1)' 2>/dev/null; }
candidates=()
[ -n "${PYTHON:-}" ] && candidates+=("$(command -v "$PYTHON" 2>/dev/null || echo "$PYTHON")")
command -v python3.10 >/dev/null 2>&1 && candidates+=("$(command -v python3.10)")
if command -v pyenv >/dev/null 2>&1; then
  for v in $(pyenv versions --bare 2>/dev/null | grep -E '^3\.10(\.[0-9]+)?$' | sort -t. -k3 -n -r); do
    candidates+=("$(pyenv root)/versions/$v/bin/python")
  done
fi
for p in "$HOME"/.pyenv/versions/3.10*/bin/python /usr/local/bin/python3.10 /usr/bin/python3.10 /opt/homebrew/bin/python3.10; do
  candidates+=("$p")
done
command -v python3 >/dev/null 2>&1 && candidates+=("$(command -v python3)")
for c in "${candidates[@]}"; do
  if is_310 "$c"; then "$c" -c 'import sys; print(sys.executable)'; exit 0; fi
done
cat >&2 <<'MSG'
No Python 3.10 interpreter found. Rasa Open Source 3.6 needs Python 3.10 (not 3.11 or newer).
Install one, for example:
  pyenv install 3.10        (https://github.com/pyenv/pyenv; this project's .python-version names 3.10)
  sudo apt-get install python3.10 python3.10-venv     (Debian/Ubuntu with python3.10 packages)
  brew install python@3.10                             (macOS)
or point to one with:  make PYTHON=/path/to/python3.10 ...
MSG
exit 1
