#!/usr/bin/env bash
# Which load client for this machine (issue 6): Gatling's WebSocket support against our own ChatLoad
# (java.net.http), both driving the bare Netty ceiling (dev.chatbot.bench.ceiling.NettyEchoCeiling) with the same
# closed loop (N customers, each sends a message, waits for the bot's answer, sends the next) for the same time and
# the same texts. The ceiling does almost nothing per turn, so what either client reaches is the client's own limit on
# these 2 cores. For each user count and client it prints turns/s, reply p50/p99 as the client saw them, and the CPU
# the client process used per turn (JVM start included for both; Gatling's report writing after the run left out).
#
# Usage: bench/gatling-vs-own-client.sh [seconds=30] [users ...=20]
# Env:   BENCH_PORT (18150), BENCH_NO_BUILD=1. Gatling comes from Maven Central through bench/gatling/pom.xml (not a
#        module of the build, so the test command never fetches it).
# Output: the table on stdout; each client's report under bench/results/clients-<time>/.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SECONDS_TO_RUN="${1:-30}"
shift || true
USERS=("$@")
[ ${#USERS[@]} -gt 0 ] || USERS=(20)
PORT="${BENCH_PORT:-18150}"
cd "$ROOT"
[ "${BENCH_NO_BUILD:-}" = 1 ] || ./chatbot build >/dev/null
JDK="$(./chatbot jdk)"
JAVA="$JDK/bin/java"
CP="$ROOT/bench/target/classes:$ROOT/connectors/target/lib/*"
OUT="$ROOT/bench/results/clients-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$OUT"
source "$ROOT/bench/common.sh"
gatling_build "$OUT/gatling-build.log"

"$JAVA" --enable-native-access=ALL-UNNAMED -Dlogback.configurationFile="$ROOT/connectors/src/main/resources/logback.xml" \
  -cp "$CP" dev.chatbot.bench.ceiling.NettyEchoCeiling --port "$PORT" >"$OUT/ceiling.log" 2>&1 &
CEILING=$!
trap 'kill $CEILING 2>/dev/null; wait $CEILING 2>/dev/null || true' EXIT
wait_health "$PORT"

cpu_seconds() { # a /usr/bin/time -f '%U %S' file: user + system seconds
  awk 'END { print $1 + $2 }' "$1"
}
echo "cores: $(nproc)  seconds: $SECONDS_TO_RUN  target: the bare Netty ceiling  results: $OUT"
echo "| users | client | turns/s | reply p50 / p99 (ms) | client CPU ms per turn | errors | load before -> after |"
echo "|---|---|---|---|---|---|---|"
for users in "${USERS[@]}"; do
  before="$(cut -d' ' -f1 /proc/loadavg)"
  /usr/bin/time -f '%U %S' -o "$OUT/chatload-$users.time" "$JAVA" -cp "$CP" dev.chatbot.bench.ChatLoad \
    --url "http://localhost:$PORT" --users "$users" --seconds "$SECONDS_TO_RUN" --warmup 0 \
    --texts "$ROOT/bench/messages.txt" >"$OUT/chatload-$users.json" 2>"$OUT/chatload-$users.log"
  after="$(cut -d' ' -f1 /proc/loadavg)"
  "$JAVA" -cp "$CP" dev.chatbot.bench.ClientComparison chatload "$users" "$OUT/chatload-$users.json" \
    "$(cpu_seconds "$OUT/chatload-$users.time")" "$before -> $after"

  before="$(cut -d' ' -f1 /proc/loadavg)"
  gatling_start "http://localhost:$PORT" "$users" 0 "$SECONDS_TO_RUN" "$OUT/gatling-$users" "$OUT/gatling-$users.log"
  # Gatling's CPU up to the end of the run, JVM start included as for ChatLoad; the HTML report it writes afterwards
  # is not load generation, so it is left out
  wait_for_line "$GATLING_PID" "$OUT/gatling-$users.log" "Parsing log file"
  GATLING_CPU="$(cpu_of "$GATLING_PID")"
  wait "$GATLING_PID" || true
  after="$(cut -d' ' -f1 /proc/loadavg)"
  "$JAVA" -cp "$CP" dev.chatbot.bench.ClientComparison gatling "$users" "$OUT/gatling-$users" \
    "$GATLING_CPU" "$before -> $after" "$SECONDS_TO_RUN"
done
