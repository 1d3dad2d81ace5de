# Shared by run.sh and cluster.sh (sourced): the started processes, stopping them all on
# Ctrl-C or on exit, and waiting until a server answers.
pids=()
stop() {
  trap - INT TERM EXIT
  echo; echo "Stopping..."
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop INT TERM EXIT

wait_for() {  # url, name, log
  for _ in $(seq 1 180); do
    if curl -fsS -o /dev/null "$1" 2>/dev/null; then return 0; fi
    for pid in "${pids[@]}"; do
      kill -0 "$pid" 2>/dev/null || { echo "$2 stopped; last lines of $3:" >&2; tail -20 "$3" >&2; exit 1; }
    done
    sleep 1
  done
  echo "$2 did not start within 180 s; see $3" >&2; exit 1
}
