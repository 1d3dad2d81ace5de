#!/usr/bin/env bash
# Starts the action server, the Rasa server and the web chat page; Ctrl-C stops all.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}  # the Makefile passes its own
MODEL=${MODEL:-models/imvo-assistant.tar.gz}
ENDPOINTS=${ENDPOINTS:-endpoints.yml}
mkdir -p var
# shellcheck source=scripts/processes.sh
source scripts/processes.sh

"$PY" -m scripts.check_services
# sign-in on, or the open local demo (docs/sign-in.md): said first, so nobody misses it
"$PY" -c "from channels.signin import describe; print(describe())"
echo "Preparing the database ($("$PY" -c "from actions.records.database import database_url; print(database_url())"))"
"$PY" -m actions.records.cli load-demo

echo "Starting the action server on port $ACTION_PORT (log: var/actions.log)"
"$PY" -m entrypoints.action_server --port "$ACTION_PORT" >var/actions.log 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$ACTION_PORT/health" "The action server" var/actions.log

api_args=()
if [ -n "${RASA_AUTH_TOKEN:-}" ]; then api_args=(--enable-api --auth-token "$RASA_AUTH_TOKEN"); fi
echo "Starting the Rasa server on port $RASA_PORT (log: var/rasa.log)"
read -ra cors <<< "${CORS_ORIGINS:-http://localhost:$WEB_PORT http://127.0.0.1:$WEB_PORT}"
"$PY" -m entrypoints.rasa_server run -m "$MODEL" --port "$RASA_PORT" --credentials credentials.yml \
  --endpoints "$ENDPOINTS" --cors "${cors[@]}" "${api_args[@]}" \
  >var/rasa.log 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$RASA_PORT/" "The Rasa server" var/rasa.log

echo "Starting the chat page on port $WEB_PORT (log: var/web.log)"
"$PY" -m web.serve >var/web.log 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$WEB_PORT/" "The chat page" var/web.log

ADMIN_PORT=${ADMIN_PORT:-8081}
admin_access=$("$PY" -c "from web.admin import access_text; print(access_text())")
echo "Starting the admin pages on 127.0.0.1:$ADMIN_PORT (log: var/admin.log; $admin_access)"
ADMIN_PORT=$ADMIN_PORT "$PY" -m web.admin >var/admin.log 2>&1 &
pids+=($!)

cat <<MSG

The assistant is running.
  Chat page:   http://localhost:$WEB_PORT/
  REST:        curl -s localhost:$RASA_PORT/webhooks/rest/webhook -d '{"sender":"me","message":"hallo"}'
  Terminal:    make shell   (in another terminal)
  Admin pages: http://127.0.0.1:$ADMIN_PORT/overview   (only on this machine; $admin_access)
Press Ctrl-C to stop.
MSG
wait -n "${pids[@]}"
