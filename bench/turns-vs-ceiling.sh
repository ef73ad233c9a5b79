#!/usr/bin/env bash
# Bot turns per second against a reference ceiling, in one run: starts the bare Netty echo ceiling
# (dev.chatbot.bench.ceiling.NettyEchoCeiling, same Netty as the server, no storage, no NLU) and the real server
# (scratch home, rate limits lifted, LLM off unless CHATBOT_LLM_ENABLED is set), then for each user count runs the same
# load client (dev.chatbot.bench.ChatLoad) with the same settings against the ceiling and then against the server, and
# prints one table row per user count: both results, the server's ratio to the ceiling, the server-side latency
# (its own histograms, read through GET /metrics with a random token made for the run), the load average.
#
# Usage: bench/turns-vs-ceiling.sh [seconds] [users ...]        (default: 30 s, 20 users)
# Env:   BENCH_PORT_BASE (18100: ceiling on it, server on +1), BENCH_WARMUP (10 s), BENCH_TEXTS (bench/messages.txt),
#        CHATBOT_DATABASE_URL (empty: embedded H2), CHATBOT_LLM_ENABLED (false), BENCH_SERVER_OPTS (extra JVM options),
#        BENCH_CLIENT=gatling (Gatling 3.15's WebSocket support, bench/gatling, instead of ChatLoad: one JVM warms up
#        for BENCH_WARMUP s, then the timed window; its reply percentiles are whole milliseconds),
#        BENCH_SKIP_BUILD=1 (use the build as it is), BENCH_JFR=1 (record the server's runs with JFR and print where
#        its CPU went: dev.chatbot.bench.ServerJfrSummary; recordings kept with the results)
# Output: the table on stdout; every ChatLoad report and the server log under bench/results/turns-<time>/.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SECONDS_TO_RUN="${1:-30}"
shift || true
USERS=("$@")
[ ${#USERS[@]} -gt 0 ] || USERS=(20)
BASE="${BENCH_PORT_BASE:-18100}"
CEILING_PORT="$BASE"
SERVER_PORT="$((BASE + 1))"
WARMUP="${BENCH_WARMUP:-10}"
TEXTS="${BENCH_TEXTS:-$ROOT/bench/messages.txt}"
OUT="$ROOT/bench/results/turns-$(date -u +%Y%m%dT%H%M%SZ)"
HOME_DIR="$(mktemp -d /tmp/chatbot-turns-XXXXXX)"
mkdir -p "$OUT"
cd "$ROOT"
[ -n "${BENCH_SKIP_BUILD:-}" ] || ./chatbot build >/dev/null
JAVA="$(./chatbot jdk)/bin/java"
LIB_CP="$(ls "$ROOT"/connectors/target/lib/*.jar | tr '\n' ':')"
BENCH_CP="$ROOT/bench/target/classes:$LIB_CP"
COMMIT="$(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet HEAD -- . ':!bench/results' || echo '+dirty')"
load() { cut -d' ' -f1 /proc/loadavg; }

source "$ROOT/bench/common.sh"
source "$ROOT/bench/lift-limits.sh"
export CHATBOT_LLM_ENABLED="${CHATBOT_LLM_ENABLED:-false}"
# the server's own latency histograms (GET /metrics needs this token; without one that path does not exist)
CHATBOT_METRICS_TOKEN="$(head -c 24 /dev/urandom | base64 | tr '+/' '-_')"
export CHATBOT_METRICS_TOKEN BENCH_METRICS_TOKEN="$CHATBOT_METRICS_TOKEN"
# the ceiling runs on the server's JVM options and logging set-up, so that only the work behind the socket differs
"$JAVA" ${BENCH_SERVER_OPTS:-} --enable-native-access=ALL-UNNAMED \
  -Dlogback.configurationFile="$ROOT/connectors/src/main/resources/logback.xml" \
  -cp "$BENCH_CP" dev.chatbot.bench.ceiling.NettyEchoCeiling --port "$CEILING_PORT" >"$OUT/ceiling.log" 2>&1 &
CEILING=$!
CHATBOT_JAVA_OPTS="${BENCH_SERVER_OPTS:-}" ./chatbot serve --port "$SERVER_PORT" --home "$HOME_DIR" >"$OUT/server.log" 2>&1 &
SERVER=$!
trap 'kill $CEILING $SERVER 2>/dev/null; wait $CEILING $SERVER 2>/dev/null || true; rm -rf "$HOME_DIR"' EXIT
for port in "$CEILING_PORT" "$SERVER_PORT"; do
  for _ in $(seq 1 300); do curl -fs "http://localhost:$port/health" >/dev/null && break; sleep 1; done
  curl -fs "http://localhost:$port/health" >/dev/null || { echo "nothing answers on port $port; see $OUT" >&2; exit 1; }
done
# the socket answers while the bot is still being trained: wait until the server says it serves
for _ in $(seq 1 300); do grep -q "chatbot: serving on" "$OUT/server.log" && break; sleep 1; done
grep -q "chatbot: serving on" "$OUT/server.log" || { echo "the server did not finish starting; see $OUT" >&2; exit 1; }

client() { # url users report [ChatLoad options]
  if [ "$CLIENT" = gatling ]; then
    gatling_client "$@"
    return
  fi
  "$JAVA" -cp "$BENCH_CP" -Dlogback.configurationFile="$ROOT/connectors/src/main/resources/logback.xml" \
    dev.chatbot.bench.ChatLoad --url "$1" --users "$2" --seconds "$SECONDS_TO_RUN" --warmup "$WARMUP" \
    --texts "$TEXTS" ${4:-} >"$3"
}

CLIENT="${BENCH_CLIENT:-chatload}"
[ "$CLIENT" != gatling ] || gatling_build "$OUT/gatling-build.log"
gatling_client() { # url users report "[--metrics-url URL] --server-pid PID" (ChatLoad's options, read here)
  local url="$1" users="$2" report="$3" pid metrics=""
  pid="$(sed -n 's/.*--server-pid \([0-9]*\).*/\1/p' <<<"${4:-}")"
  metrics="$(sed -n 's/.*--metrics-url \([^ ]*\).*/\1/p' <<<"${4:-}")"
  local base="${report%.json}"
  # one JVM: WARMUP seconds of untimed turns, then SECONDS_TO_RUN timed ones (the simulation names them apart)
  gatling_start "$url" "$users" "$WARMUP" "$SECONDS_TO_RUN" "$base-gatling" "$base-gatling.log"
  local gatling=$GATLING_PID
  wait_for_line "$gatling" "$base-gatling.log" "Simulation .* started"
  sleep "$WARMUP"
  [ -z "$metrics" ] || curl -fs -H "Authorization: Bearer $CHATBOT_METRICS_TOKEN" "$metrics" >"$base-metrics-before.txt"
  local client0 server0; client0="$(cpu_of "$gatling")"; server0="$(cpu_of "$pid")"
  # the window ends when Gatling starts writing its HTML report, which is not load generation
  wait_for_line "$gatling" "$base-gatling.log" "Parsing log file"
  local client1 server1; client1="$(cpu_of "$gatling")"; server1="$(cpu_of "$pid")"
  [ -z "$metrics" ] || curl -fs -H "Authorization: Bearer $CHATBOT_METRICS_TOKEN" "$metrics" >"$base-metrics-after.txt"
  wait "$gatling" || true
  "$JAVA" -cp "$BENCH_CP" dev.chatbot.bench.GatlingReport "$users" "$SECONDS_TO_RUN" "$base-gatling" \
    "$(awk -v a="$client0" -v b="$client1" 'BEGIN { print (a < 0 || b < 0) ? -1 : b - a }')" \
    "$(awk -v a="$server0" -v b="$server1" 'BEGIN { print (a < 0 || b < 0) ? -1 : b - a }')" \
    ${metrics:+"$base-metrics-before.txt" "$base-metrics-after.txt"} >"$report"
}

echo "client: $CLIENT  cores: $(nproc)  seconds: $SECONDS_TO_RUN  warm-up: $WARMUP  database: ${CHATBOT_DATABASE_URL:-embedded H2}  llm: $CHATBOT_LLM_ENABLED  results: $OUT"
"$JAVA" -cp "$BENCH_CP" dev.chatbot.bench.ceiling.CeilingComparison --header
for users in "${USERS[@]}"; do
  before="$(load)"
  client "http://localhost:$CEILING_PORT" "$users" "$OUT/ceiling-$users.json" "--server-pid $CEILING"
  if [ -n "${BENCH_JFR:-}" ]; then
    "$(dirname "$JAVA")/jcmd" "$SERVER" JFR.start name=turns settings=profile 'jdk.ThreadCPULoad#period=1s' \
      filename="$OUT/server-$users.jfr" >/dev/null
  fi
  client "http://localhost:$SERVER_PORT" "$users" "$OUT/server-$users.json" \
    "--metrics-url http://localhost:$SERVER_PORT/metrics --server-pid $SERVER"
  after="$(load)"
  if [ -n "${BENCH_JFR:-}" ]; then
    "$(dirname "$JAVA")/jcmd" "$SERVER" JFR.stop name=turns >/dev/null
    "$JAVA" -cp "$BENCH_CP" dev.chatbot.bench.ServerJfrSummary "$OUT/server-$users.jfr" >"$OUT/server-$users-profile.txt"
  fi
  "$JAVA" -cp "$BENCH_CP" dev.chatbot.bench.ceiling.CeilingComparison --ceiling "$OUT/ceiling-$users.json" \
    --server "$OUT/server-$users.json" --load "$before -> $after" --commit "$COMMIT"
done
[ -z "${BENCH_JFR:-}" ] || echo "profiles: $OUT/server-*-profile.txt"
