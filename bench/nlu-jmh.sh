#!/usr/bin/env bash
# Whole-pipeline NLU prediction latency with JMH (dev.chatbot.bench.nlu.NluLatencyBenchmark), on the default bot:
# trains it once with `./chatbot train` into a scratch model folder, then runs the four benchmarks (one message per
# call on 1 and 2 threads, analyzeAll of 8 and 32 per message) in sample-time mode, which prints p50 to p99.9.
# About 4-5 minutes. Extra arguments go to JMH, e.g. a regex to pick benchmarks or -prof gc.
#   bench/nlu-jmh.sh                      # all four
#   bench/nlu-jmh.sh 'analyze$'           # only the single-thread one
# Results: bench/results/nlu-jmh-<time>.json and .txt (git-ignored).
set -euo pipefail
source "$(dirname "$0")/nlu-build.sh"
cd "$ROOT"
MODELS="$(mktemp -d /tmp/chatbot-nlu-jmh-XXXXXX)"
trap 'rm -rf "$MODELS"' EXIT
STAMP="$(date -u +%Y%m%d-%H%M%S)"
OUT="$ROOT/bench/results/nlu-jmh-$STAMP"
echo "training the default bot into $MODELS ..." >&2
./chatbot train --data training-data --out "$MODELS" >&2
{
  echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; JDK $("$JAVA" -version 2>&1 | head -1)"
  echo "before: $(uptime)"
} | tee "$OUT.txt"
ARGS=("$@")
[ ${#ARGS[@]} -gt 0 ] || ARGS=(NluLatencyBenchmark)
"$JAVA" -cp "$BENCH_CP" org.openjdk.jmh.Main "${ARGS[@]}" \
  -jvmArgsAppend "-Xmx2g --enable-native-access=ALL-UNNAMED -Dchatbot.bench.models=$MODELS -Dchatbot.bench.data=$ROOT/training-data" \
  -rf json -rff "$OUT.json" 2>&1 | tee -a "$OUT.txt"
echo "after: $(uptime)" | tee -a "$OUT.txt"
echo "results: $OUT.txt, $OUT.json"
