#!/usr/bin/env bash
# Hostile clients against a real server while one customer keeps chatting (docs/security.md#network-and-protocol-abuse): slowloris
# connections, ping flooders, permessage-deflate bombs and chat sockets that never read, all from this machine and
# reconnecting whenever the server drops them. Starts the server on a scratch home with its default limits (the
# attackers meet them as a real attacker would), prints the report and fails when the customer was not served or an
# attacker held a connection longer than the limits allow. Traffic goes to localhost only and stops by itself.
# Usage: bench/hostile-clients.sh [seconds] [slowloris connections]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SECONDS_TO_RUN="${1:-30}"
SLOWLORIS="${2:-500}"
PORT="${BENCH_PORT:-18090}"
HOME_DIR="$(mktemp -d /tmp/chatbot-hostile-XXXXXX)"
cd "$ROOT"
./chatbot build >/dev/null
./chatbot serve --port "$PORT" --home "$HOME_DIR" >"$HOME_DIR/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null || true; rm -rf "$HOME_DIR"' EXIT
for _ in $(seq 1 90); do curl -fs "http://localhost:$PORT/health" >/dev/null && break; sleep 1; done
JAVA="$(./chatbot jdk)/bin/java"
CP="$ROOT/bench/target/classes:$(ls "$ROOT"/connectors/target/lib/jackson-*.jar | tr '\n' ':')"
rss() { awk '/VmRSS/ {print $2 " kB"}' "/proc/$(pgrep -P $SERVER java || echo $SERVER)/status" 2>/dev/null || echo "?"; }
echo "server: http://localhost:$PORT  attack: ${SECONDS_TO_RUN}s  slowloris: $SLOWLORIS  cores: $(nproc)  load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "server RSS before: $(rss)"
"$JAVA" -cp "$CP" dev.chatbot.bench.HostileClients --url "http://localhost:$PORT" --seconds "$SECONDS_TO_RUN" \
    --slowloris "$SLOWLORIS" --flooders 10 --bombers 5 --stalled 10 && STATUS=0 || STATUS=$?
echo "server RSS after: $(rss)"
echo "server log lines about closed attackers: $(grep -c 'chat socket closed' "$HOME_DIR/server.log" || true)"
exit $STATUS
