#!/usr/bin/env bash
# Connection scale (issue 6): N idle widget sockets and M of them chatting, against the real server and, in the same
# run, against the bare Netty ceiling (dev.chatbot.bench.ceiling.NettyEchoCeiling). For each it prints and keeps
# (bench/results/connections-*.json) sessions/s, sockets/s, the server's heap after a full GC with no sockets and
# with N idle sockets (KB per connection, and the class histogram's growth per connection), the chat round trips,
# and every fault the clients saw. Exits non-zero if any message went unanswered or any socket failed.
#
# Usage: bench/connections.sh [connections=10000] [active=1000] [chat-seconds=60] [think-ms=5000]
# Env:   BENCH_WARMUP_S (20: seconds of untimed chat before the timed run, so a fresh JVM's first turns are not
#        timed), BENCH_PORT (18200), BENCH_CEILING_PORT (18201), BENCH_ONLY=server|ceiling, BENCH_NO_BUILD=1,
#        CHATBOT_JAVA_OPTS (server JVM options), CHATBOT_LLM_ENABLED (default false here: no model server)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
CONNECTIONS="${1:-10000}"
ACTIVE="${2:-1000}"
CHAT_SECONDS="${3:-60}"
THINK_MS="${4:-5000}"
PORT="${BENCH_PORT:-18200}"
CEILING_PORT="${BENCH_CEILING_PORT:-18201}"
ONLY="${BENCH_ONLY:-}"
cd "$ROOT"
# every socket is a file descriptor on both sides; root may raise the hard limit
ulimit -Hn 1048576 2>/dev/null || true
ulimit -n "$(ulimit -Hn)"
[ "${BENCH_NO_BUILD:-}" = 1 ] || ./chatbot build >/dev/null
JDK="$(./chatbot jdk)"
JAVA="$JDK/bin/java"
CP="$ROOT/bench/target/classes:$ROOT/connectors/target/lib/*"
RESULTS="$ROOT/bench/results"
mkdir -p "$RESULTS"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
HOME_DIR="$(mktemp -d /tmp/chatbot-conn-XXXXXX)"
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  rm -rf "$HOME_DIR"
}
trap cleanup EXIT
source "$ROOT/bench/common.sh"
load() { # label port pid
  echo "== $1: load average $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%TZ)" >&2
  set +e
  "$JAVA" -Xmx3g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$CP" dev.chatbot.bench.conn.ConnectionLoad --label "$1" --url "http://localhost:$2" \
    --connections "$CONNECTIONS" --active "$ACTIVE" --chat-seconds "$CHAT_SECONDS" --think-ms "$THINK_MS" --warmup-seconds "${BENCH_WARMUP_S:-20}" \
    --texts "$ROOT/bench/messages.txt" --pid "$3" --jcmd "$JDK/bin/jcmd" --out "$RESULTS/connections-$1-$STAMP.json"
  local rc=$?
  set -e
  echo "== $1 done (exit $rc): load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
  return $rc
}
echo "connections: $CONNECTIONS  active: $ACTIVE  chat: ${CHAT_SECONDS}s  think: ${THINK_MS}ms  cores: $(nproc)  fd limit: $(ulimit -n)" >&2
RC=0
if [ "$ONLY" != ceiling ]; then
  source "$ROOT/bench/lift-limits.sh"
  export CHATBOT_LLM_ENABLED="${CHATBOT_LLM_ENABLED:-false}"
  ./chatbot serve --port "$PORT" --home "$HOME_DIR" >"$RESULTS/connections-server-$STAMP.log" 2>&1 &
  SERVER=$!
  PIDS+=("$SERVER")
  wait_health "$PORT" "$RESULTS/connections-server-$STAMP.log"
  load server "$PORT" "$SERVER" || RC=1
  kill "$SERVER"; wait "$SERVER" 2>/dev/null || true
fi
if [ "$ONLY" != server ]; then
  "$JAVA" -cp "$CP" dev.chatbot.bench.ceiling.NettyEchoCeiling --port "$CEILING_PORT" \
    >"$RESULTS/connections-ceiling-$STAMP.log" 2>&1 &
  CEILING=$!
  PIDS+=("$CEILING")
  wait_health "$CEILING_PORT"
  load ceiling "$CEILING_PORT" "$CEILING" || RC=1
fi
echo "results: $RESULTS/connections-*-$STAMP.json" >&2
exit $RC
