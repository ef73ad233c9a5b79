#!/usr/bin/env bash
# Where the latency goes: runs the single-thread JMH latency benchmark (shorter: 2 warm-up and 3 measured
# iterations) under Java Flight Recorder, then sums the benchmark threads' samples by pipeline step
# (dev.chatbot.bench.nlu.NluJfrSummary). About 2 minutes.
#   bench/nlu-jfr.sh [benchmark regex, default 'analyze$']
# Recording: bench/results/jfr-<time>/.../profile.jfr (open it in JDK Mission Control, or `jfr print --events
# jdk.ExecutionSample FILE`).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
DIR="$HERE/results/jfr-$(date -u +%Y%m%d-%H%M%S)"
"$HERE/nlu-jmh.sh" "${1:-analyze\$}" -wi 2 -i 3 -prof "jfr:dir=$DIR;configName=profile;stackDepth=256"
source "$HERE/nlu-build.sh" 2>/dev/null
for f in $(find "$DIR" -name '*.jfr'); do
  echo "== $f"
  "$JAVA" -cp "$BENCH_CP" dev.chatbot.bench.nlu.NluJfrSummary "$f"
done | tee "$DIR/summary.txt"
