#!/usr/bin/env bash
# Reconnect storm (issue 6): N widgets mid-conversation drop their sockets abruptly (no close frame) within a few
# seconds and come back with resume; checks that every message was acknowledged and answered, that every seq arrived
# in order without gaps, and (real server) that the stored history matches what each client saw. Runs the real
# server, then the bare Netty ceiling with the same client. Exits non-zero on any loss.
#
# Usage: bench/reconnect-storm.sh [clients=2000] [storm-ms=3000] [down-ms=2000]
# Env:   BENCH_PORT (18210), BENCH_CEILING_PORT (18211), BENCH_ONLY=server|ceiling, BENCH_NO_BUILD=1,
#        BENCH_RESET=true (drop with a TCP reset instead of a FIN), CHATBOT_JAVA_OPTS
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
CLIENTS="${1:-2000}"
STORM_MS="${2:-3000}"
DOWN_MS="${3:-2000}"
PORT="${BENCH_PORT:-18210}"
CEILING_PORT="${BENCH_CEILING_PORT:-18211}"
ONLY="${BENCH_ONLY:-}"
cd "$ROOT"
ulimit -Hn 1048576 2>/dev/null || true
ulimit -n "$(ulimit -Hn)"
[ "${BENCH_NO_BUILD:-}" = 1 ] || ./chatbot build >/dev/null
JDK="$(./chatbot jdk)"
JAVA="$JDK/bin/java"
CP="$ROOT/bench/target/classes:$ROOT/connectors/target/lib/*"
RESULTS="$ROOT/bench/results"
mkdir -p "$RESULTS"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
HOME_DIR="$(mktemp -d /tmp/chatbot-storm-XXXXXX)"
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  rm -rf "$HOME_DIR"
}
trap cleanup EXIT
source "$ROOT/bench/common.sh"
storm() { # label port history
  echo "== $1: load average $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%TZ)" >&2
  set +e
  "$JAVA" -Xmx2g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$CP" dev.chatbot.bench.conn.ReconnectStorm --label "$1" --url "http://localhost:$2" \
    --clients "$CLIENTS" --storm-ms "$STORM_MS" --down-ms "$DOWN_MS" --reset "${BENCH_RESET:-false}" --history "$3" \
    --texts "$ROOT/bench/messages.txt" --out "$RESULTS/storm-$1-$STAMP.json"
  local rc=$?
  set -e
  echo "== $1 done (exit $rc): load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
  return $rc
}
echo "clients: $CLIENTS  storm: ${STORM_MS}ms  down: up to ${DOWN_MS}ms  cores: $(nproc)" >&2
RC=0
if [ "$ONLY" != ceiling ]; then
  source "$ROOT/bench/lift-limits.sh"
  export CHATBOT_LLM_ENABLED="${CHATBOT_LLM_ENABLED:-false}"
  ./chatbot serve --port "$PORT" --home "$HOME_DIR" >"$RESULTS/storm-server-$STAMP.log" 2>&1 &
  SERVER=$!
  PIDS+=("$SERVER")
  wait_health "$PORT" "$RESULTS/storm-server-$STAMP.log"
  storm server "$PORT" true || RC=1
  kill "$SERVER"; wait "$SERVER" 2>/dev/null || true
fi
if [ "$ONLY" != server ]; then
  "$JAVA" -cp "$CP" dev.chatbot.bench.ceiling.NettyEchoCeiling --port "$CEILING_PORT" \
    >"$RESULTS/storm-ceiling-$STAMP.log" 2>&1 &
  CEILING=$!
  PIDS+=("$CEILING")
  wait_health "$CEILING_PORT"
  storm ceiling "$CEILING_PORT" false || RC=1
fi
echo "results: $RESULTS/storm-*-$STAMP.json" >&2
exit $RC
