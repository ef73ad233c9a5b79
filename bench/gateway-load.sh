#!/usr/bin/env bash
# Measures turns per second and round-trip latency through the chat gateway: starts the server on a scratch home
# with rate limits lifted (the load client is one IP sending as fast as the bot answers), runs the load client,
# stops the server. Usage: bench/gateway-load.sh [users] [seconds]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
USERS="${1:-50}"
SECONDS_TO_RUN="${2:-30}"
PORT="${BENCH_PORT:-18080}"
HOME_DIR="$(mktemp -d /tmp/chatbot-bench-XXXXXX)"
cd "$ROOT"
./chatbot build >/dev/null
source "$ROOT/bench/lift-limits.sh"
./chatbot serve --port "$PORT" --home "$HOME_DIR" >"$HOME_DIR/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null || true; rm -rf "$HOME_DIR"' EXIT
for _ in $(seq 1 60); do curl -fs "http://localhost:$PORT/health" >/dev/null && break; sleep 1; done
JAVA="$(./chatbot jdk)/bin/java"
CP="$ROOT/bench/target/classes:$(ls "$ROOT"/connectors/target/lib/jackson-*.jar | tr '\n' ':')"
echo "server: http://localhost:$PORT  users: $USERS  seconds: $SECONDS_TO_RUN  cores: $(nproc)"
"$JAVA" -cp "$CP" dev.chatbot.bench.ChatLoad --url "http://localhost:$PORT" --users "$USERS" --seconds "$SECONDS_TO_RUN" --warmup 10 --texts "${BENCH_TEXTS:-$ROOT/bench/messages.txt}"
