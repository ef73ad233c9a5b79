#!/usr/bin/env bash
# The LLM fallback under load (issue 6): a share of the customers ask questions only the LLM answers, the rest talk to
# the bot as usual, and the model is a slow test double (bench SlowOllamaTestDouble, 5-20 s per streamed answer).
# Three runs with the same load client and the same mix: the server with the LLM off, the server with the LLM on
# (its default limits: 1 generation at a time, 4 waiting), and the bare Netty ceiling. Prints and keeps
# (bench/results/llm-*.json) the non-LLM round trips of each run side by side, what the LLM askers were told, and
# the most generations the model double ever served at once.
#
# Usage: bench/llm-load.sh [active=200] [seconds=120] [llm-share=0.1] [think-ms=5000]
#        BENCH_ROUNDS=2 alternates off, on, off, on (the model double's counters are cumulative over the rounds)
# Env:   BENCH_WARMUP_S (20: seconds of untimed chat before the timed run, so a fresh JVM's first turns are not
#        timed), BENCH_PORT (18220), BENCH_CEILING_PORT (18221), BENCH_LLM_PORT (18290), BENCH_NO_BUILD=1,
#        BENCH_LLM_MIN_S / BENCH_LLM_MAX_S (5 / 20), CHATBOT_LLM_MAX_CONCURRENT, CHATBOT_LLM_MAX_QUEUE
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
ACTIVE="${1:-200}"
SECONDS_TO_RUN="${2:-120}"
SHARE="${3:-0.1}"
THINK_MS="${4:-5000}"
PORT="${BENCH_PORT:-18220}"
CEILING_PORT="${BENCH_CEILING_PORT:-18221}"
LLM_PORT="${BENCH_LLM_PORT:-18290}"
cd "$ROOT"
ulimit -n "$(ulimit -Hn)"
[ "${BENCH_NO_BUILD:-}" = 1 ] || ./chatbot build >/dev/null
JDK="$(./chatbot jdk)"
JAVA="$JDK/bin/java"
CP="$ROOT/bench/target/classes:$ROOT/connectors/target/lib/*"
RESULTS="$ROOT/bench/results"
mkdir -p "$RESULTS"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
PIDS=()
MODELS="$(mktemp -d /tmp/chatbot-llm-models-XXXXXX)"
HOMES=("$MODELS")
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  for h in "${HOMES[@]}"; do rm -rf "$h"; done
}
trap cleanup EXIT
source "$ROOT/bench/common.sh"
load() { # label port
  LOAD_BEFORE="$(cut -d' ' -f1 /proc/loadavg)"
  echo "== $1: load average $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%TZ)" >&2
  set +e
  "$JAVA" -Xmx1g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$CP" dev.chatbot.bench.conn.ConnectionLoad --label "$1" --url "http://localhost:$2" \
    --connections "$ACTIVE" --active "$ACTIVE" --chat-seconds "$SECONDS_TO_RUN" --think-ms "$THINK_MS" --warmup-seconds "${BENCH_WARMUP_S:-20}" \
    --texts "$ROOT/bench/messages.txt" --llm-texts "$ROOT/bench/llm-questions.txt" --llm-share "$SHARE" \
    --reply-timeout-ms 90000 --out "$RESULTS/llm-$1-$STAMP.json" >/dev/null
  local rc=$?
  set -e
  echo "== $1 done (exit $rc): load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
  echo "$1 $LOAD_BEFORE $(cut -d' ' -f1 /proc/loadavg)" >>"$RESULTS/llm-loadavg-$STAMP.txt"
}
source "$ROOT/bench/lift-limits.sh"
serve() { # label, then env assignments
  local label="$1"; shift
  local home; home="$(mktemp -d /tmp/chatbot-llm-XXXXXX)"; HOMES+=("$home")
  # both servers share one models folder: the second loads the version the first trained
  env CHATBOT_NLU_MODELS_DIR="$MODELS" "$@" \
    ./chatbot serve --port "$PORT" --home "$home" >"$RESULTS/llm-$label-$STAMP.log" 2>&1 &
  SERVER=$!
  PIDS+=("$SERVER")
  wait_health "$PORT" "$RESULTS/llm-$label-$STAMP.log"
}
echo "active: $ACTIVE  seconds: $SECONDS_TO_RUN  llm share: $SHARE  think: ${THINK_MS}ms  cores: $(nproc)" >&2
"$JAVA" -cp "$CP" dev.chatbot.bench.conn.SlowOllamaTestDouble --port "$LLM_PORT" \
  --min-seconds "${BENCH_LLM_MIN_S:-5}" --max-seconds "${BENCH_LLM_MAX_S:-20}" 2>"$RESULTS/llm-double-$STAMP.log" &
PIDS+=("$!")

# off and on alternate (BENCH_ROUNDS times), so that the other work on a shared machine falls on both alike
for round in $(seq 1 "${BENCH_ROUNDS:-1}"); do
  serve "server-llm-off-$round" CHATBOT_LLM_ENABLED=false
  load "server-llm-off-$round" "$PORT"
  kill "$SERVER"; wait "$SERVER" 2>/dev/null || true

  serve "server-llm-on-$round" CHATBOT_LLM_ENABLED=true CHATBOT_LLM_BASE_URL="http://127.0.0.1:$LLM_PORT" \
    CHATBOT_LLM_MODEL=slow-test-double:1b
  load "server-llm-on-$round" "$PORT"
  curl -fs "http://127.0.0.1:$LLM_PORT/stats" >"$RESULTS/llm-double-stats-$round-$STAMP.json"
  kill "$SERVER"; wait "$SERVER" 2>/dev/null || true
done

"$JAVA" -cp "$CP" dev.chatbot.bench.ceiling.NettyEchoCeiling --port "$CEILING_PORT" >"$RESULTS/llm-ceiling-$STAMP.log" 2>&1 &
PIDS+=("$!")
wait_health "$CEILING_PORT"
load ceiling "$CEILING_PORT"

"$JAVA" -cp "$CP" dev.chatbot.bench.conn.LlmLoadSummary "$RESULTS" "$STAMP"
