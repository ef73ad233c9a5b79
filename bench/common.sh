# Sourced by the load scripts: shell helpers they share.

wait_health() { # port [log]: the server answers /health before the bot is trained; its log says when it serves
  for _ in $(seq 1 300); do
    if curl -fs "http://localhost:$1/health" >/dev/null && { [ -z "${2:-}" ] || grep -q "serving on" "$2"; }; then
      return 0
    fi
    sleep 1
  done
  echo "no health answer on port $1" >&2; return 1
}
