#!/usr/bin/env bash
# Training time of the whole default pipeline on 15,000 intent examples (dev.chatbot.bench.nlu.NluTrainAtScale):
# the default bot (intents, entities, sentiment, FAQ) topped up with examples drawn from the hwu64 and snips
# training splits (fixed seed). Prints the seconds of each step. Target (issue 3): under 3 minutes on 2 cores.
#   bench/nlu-train-15k.sh [--examples N] [--seed S] [--out MODEL_DIR]
# Needs the dev benchmarks (../shared/dev-benchmarks, or CHATBOT_DEV_BENCHMARKS=DIR).
# Output: also in bench/results/nlu-train-15k-<time>.txt (git-ignored).
set -euo pipefail
source "$(dirname "$0")/nlu-build.sh"
cd "$ROOT"
OUT="$ROOT/bench/results/nlu-train-15k-$(date -u +%Y%m%d-%H%M%S).txt"
{
  echo "before: $(uptime)"
  "$JAVA" -Xmx3g --enable-native-access=ALL-UNNAMED -Dchatbot.bench.data="$ROOT/training-data" -cp "$BENCH_CP" \
    dev.chatbot.bench.nlu.NluTrainAtScale "$@"
  echo "after: $(uptime)"
} 2>&1 | tee "$OUT"
echo "results: $OUT"
