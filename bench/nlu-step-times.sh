#!/usr/bin/env bash
# Where the time of one message goes: each pipeline step's mean, p50 and p99 per kind of message (test-set texts,
# long, emoji-only), on the default bot trained in process (dev.chatbot.bench.nlu.NluStepTimes). About a minute.
#   bench/nlu-step-times.sh [--rounds N] [--models MODEL_DIR]
set -euo pipefail
source "$(dirname "$0")/nlu-build.sh"
cd "$ROOT"
OUT="$ROOT/bench/results/nlu-step-times-$(date -u +%Y%m%d-%H%M%S).txt"
{
  echo "before: $(uptime)"
  "$JAVA" -Xmx2g --enable-native-access=ALL-UNNAMED -Dchatbot.bench.data="$ROOT/training-data" -cp "$BENCH_CP" \
    dev.chatbot.bench.nlu.NluStepTimes "$@"
  echo "after: $(uptime)"
} 2>&1 | grep -v '^WARNING' | tee "$OUT"
echo "results: $OUT"
