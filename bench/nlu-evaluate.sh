#!/usr/bin/env bash
# Accuracy through the product's own command: `./chatbot evaluate` on the default bot (training-data against its
# held-apart training-data/test-set) and on the dev benchmarks hwu64 and snips (train/ against test/). Writes
# bench/results/<name>.json and .html (git-ignored) and prints each run's summary.
#   bench/nlu-evaluate.sh                 # default, hwu64 and snips, one after the other (about 10 minutes)
#   bench/nlu-evaluate.sh snips           # one of them
#   bench/nlu-evaluate.sh hwu64 --pipeline FILE    # extra arguments go to evaluate
# The dev benchmarks are looked for in ../shared/dev-benchmarks, or CHATBOT_DEV_BENCHMARKS=DIR.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
DEV="${CHATBOT_DEV_BENCHMARKS:-$ROOT/../shared/dev-benchmarks}"
mkdir -p bench/results
NAMES=(default hwu64 snips)
if [ $# -gt 0 ] && [[ "$1" != --* ]]; then NAMES=("$1"); shift; fi
for name in "${NAMES[@]}"; do
  case "$name" in
    default) train=training-data; test=training-data/test-set ;;
    hwu64|snips) train="$DEV/$name/train"; test="$DEV/$name/test" ;;
    *) echo "unknown set '$name' (default, hwu64 or snips)" >&2; exit 2 ;;
  esac
  echo "== $name: $(uptime)"
  ./chatbot evaluate --train "$train" --test "$test" --out "bench/results/$name.json" --html "bench/results/$name.html" "$@"
done
