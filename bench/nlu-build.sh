#!/usr/bin/env bash
# Sourced by the NLU benchmark scripts: compiles nlp and bench with the launcher's JDK and sets
#   ROOT  the repository root      JAVA  the launcher's java      BENCH_CP  bench's run-time class path
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JDK="$("$ROOT/chatbot" jdk)"
JAVA="$JDK/bin/java"
maven() { if command -v mvn >/dev/null 2>&1; then mvn "$@"; else "$ROOT/mvnw" "$@"; fi; }
echo "building nlp and bench (JDK $JDK)..." >&2
# one reactor run, so bench sees nlp's fresh classes without installing anything into ~/.m2
(cd "$ROOT" && JAVA_HOME="$JDK" maven -B -q -pl bench -am -DskipTests compile dependency:build-classpath \
    -Dmdep.outputFile=target/runtime-classpath.txt -Dmdep.includeScope=runtime) >&2 \
  || { echo "build failed" >&2; exit 1; }
BENCH_CP="$ROOT/bench/target/classes:$(cat "$ROOT/bench/target/runtime-classpath.txt")"
mkdir -p "$ROOT/bench/results"
