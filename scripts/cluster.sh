#!/usr/bin/env bash
# Several Rasa servers behind nginx on 127.0.0.1:$RASA_PORT, with an action server of
# $ACTION_WORKERS processes, conversations in one SQL tracker store and a Redis lock store
# (deploy/endpoints.cluster.yml); the chat page on $WEB_PORT talks to nginx. Ctrl-C stops all.
# nginx sends every request of one conversation to the same Rasa server when the client names
# the conversation in the X-Conversation-Id header; the Redis lock store keeps any other
# request safe (one turn of a conversation at a time, in order, whichever server takes it).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
MODEL=${MODEL:-models/imvo-assistant.tar.gz}
RASA_PORT=${RASA_PORT:-5005}
ACTION_PORT=${ACTION_PORT:-5055}
WEB_PORT=${WEB_PORT:-8080}
CLUSTER_SERVERS=${CLUSTER_SERVERS:-2}    # Rasa server processes
ACTION_WORKERS=${ACTION_WORKERS:-2}      # action server processes (Sanic workers)
CLUSTER_VAR=${CLUSTER_VAR:-var/cluster}  # logs and nginx's files
export ENDPOINTS=deploy/endpoints.cluster.yml
export REDIS_HOST=${REDIS_HOST:-127.0.0.1} REDIS_PORT=${REDIS_PORT:-6379}
# A server that dies holding a conversation's lock ticket blocks that conversation until the ticket expires
# (Rasa's default 60 s is as long as Sanic waits for a reply); 30 s is longer than a turn takes (the action
# server's timeout is ACTION_TIMEOUT_SECONDS, 20 s). The waiting turn keeps its own ticket alive meanwhile
# (entrypoints/redis_lock_store.py).
export TICKET_LOCK_LIFETIME=${TICKET_LOCK_LIFETIME:-30}
export TRACKER_DIALECT=${TRACKER_DIALECT:-sqlite} TRACKER_DB=${TRACKER_DB:-var/tracker.db}
export TRACKER_HOST=${TRACKER_HOST:-} TRACKER_USER=${TRACKER_USER:-} TRACKER_PASSWORD=${TRACKER_PASSWORD:-}
export ACTION_ENDPOINT_URL=http://127.0.0.1:$ACTION_PORT/webhook
NGINX=${NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}
[ -x "$NGINX" ] || { echo "nginx is missing: make system-packages (Debian's nginx)" >&2; exit 1; }
mkdir -p var "$CLUSTER_VAR/nginx-temp"
chmod 1777 "$CLUSTER_VAR/nginx-temp"  # nginx's worker may run as another user
# shellcheck source=scripts/processes.sh
source scripts/processes.sh

"$PY" -m scripts.check_services
"$PY" -m actions.records.cli load-demo

echo "Starting the action server ($ACTION_WORKERS processes) on port $ACTION_PORT"
ACTION_SERVER_SANIC_WORKERS=$ACTION_WORKERS "$PY" -m entrypoints.action_server --port "$ACTION_PORT" \
  >"$CLUSTER_VAR/actions.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$ACTION_PORT/health" "The action server" "$CLUSTER_VAR/actions.log"

read -ra cors <<< "${CORS_ORIGINS:-http://localhost:$WEB_PORT http://127.0.0.1:$WEB_PORT}"
upstreams=""
for i in $(seq 1 "$CLUSTER_SERVERS"); do
  port=$("$PY" -c "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")
  echo "Starting Rasa server $i on port $port (log: $CLUSTER_VAR/rasa-$i.log)"
  "$PY" -m entrypoints.rasa_server run -m "$MODEL" --port "$port" --interface 127.0.0.1 \
    --credentials credentials.yml --endpoints "$ENDPOINTS" --cors "${cors[@]}" \
    >"$CLUSTER_VAR/rasa-$i.log" 2>&1 &
  pids+=($!)
  echo $! >"$CLUSTER_VAR/rasa-$i.pid"
  upstreams+="    server 127.0.0.1:$port max_fails=1 fail_timeout=10s;"$'\n'
  echo "$port" >"$CLUSTER_VAR/rasa-$i.port"
done
for i in $(seq 1 "$CLUSTER_SERVERS"); do
  wait_for "http://127.0.0.1:$(cat "$CLUSTER_VAR/rasa-$i.port")/" "Rasa server $i" "$CLUSTER_VAR/rasa-$i.log"
done

var=$(cd "$CLUSTER_VAR" && pwd)
cat >"$var/nginx.conf" <<NGINX
# Written by scripts/cluster.sh on each start.
worker_processes 1;
pid $var/nginx.pid;
error_log $var/nginx-error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $var/nginx-temp/body;
  proxy_temp_path $var/nginx-temp/proxy;
  fastcgi_temp_path $var/nginx-temp/fastcgi;
  uwsgi_temp_path $var/nginx-temp/uwsgi;
  scgi_temp_path $var/nginx-temp/scgi;
  # One conversation, one server: the X-Conversation-Id header the channel sets; without it any
  # server (the Redis lock store keeps that safe).
  map \$http_x_conversation_id \$conversation { "" \$request_id; default \$http_x_conversation_id; }
  map \$http_upgrade \$connection_upgrade { default upgrade; "" close; }
  upstream rasa {
    hash \$conversation consistent;
$upstreams  }
  upstream rasa_socket {  # socket.io's polling needs every request of a client on one server
    hash \$remote_addr consistent;
$upstreams  }
  server {
    listen 127.0.0.1:$RASA_PORT;
    client_max_body_size 1m;
    proxy_read_timeout 120s;
    # A server that is down or dies with a message in hand: the next one. Chat messages are POSTs, which nginx
    # would not send twice; a server killed mid-turn has saved nothing of it (Rasa saves a turn at its end).
    proxy_next_upstream error timeout http_502 http_503 non_idempotent;
    location /socket.io/ {
      proxy_pass http://rasa_socket;
      proxy_http_version 1.1;
      proxy_set_header Upgrade \$http_upgrade;
      proxy_set_header Connection \$connection_upgrade;
      proxy_set_header Host \$host;
    }
    location / {
      proxy_pass http://rasa;
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
    }
  }
}
NGINX
"$NGINX" -t -q -c "$var/nginx.conf" -p "$var" -e "$var/nginx-error.log"
echo "Starting nginx on 127.0.0.1:$RASA_PORT (config: $CLUSTER_VAR/nginx.conf)"
"$NGINX" -c "$var/nginx.conf" -p "$var" -e "$var/nginx-error.log" -g "daemon off;" &
pids+=($!)
nginx_pid=$!
wait_for "http://127.0.0.1:$RASA_PORT/" "nginx" "$CLUSTER_VAR/nginx-error.log"

echo "Starting the chat page on port $WEB_PORT"
RASA_PUBLIC_URL=${RASA_PUBLIC_URL:-http://localhost:$RASA_PORT} "$PY" -m web.serve >"$CLUSTER_VAR/web.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$WEB_PORT/" "The chat page" "$CLUSTER_VAR/web.log"

cat <<MSG

The assistant is running as a cluster: $CLUSTER_SERVERS Rasa servers behind nginx, $ACTION_WORKERS action processes.
  Chat page:   http://localhost:$WEB_PORT/
  REST:        curl -s localhost:$RASA_PORT/webhooks/rest/webhook -H 'X-Conversation-Id: me' -d '{"sender":"me","message":"hallo"}'
Press Ctrl-C to stop.
MSG
# One Rasa server stopping leaves the others serving (nginx passes its conversations on);
# the cluster stops with nginx or Ctrl-C.
wait "$nginx_pid"
