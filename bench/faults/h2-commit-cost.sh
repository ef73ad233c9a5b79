#!/usr/bin/env bash
# What writing every H2 commit to the file before the ack costs: the server's group commit, WRITE_DELAY=0 (one file
# write per commit, the setting before group commit) and H2's default (not durable at the ack); see docs/faults.md.
# Appends messages through the real JdbcConversationStore from several threads.
#   bench/faults/h2-commit-cost.sh [threads] [seconds]      (defaults: 8 threads, 10 seconds per variant)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
./chatbot build >/dev/null
JAVA="$(./chatbot jdk)/bin/java"
"$JAVA" -cp "$ROOT/connectors/target/classes:$ROOT/connectors/target/lib/*" \
  "$ROOT/bench/faults/H2CommitCost.java" "${1:-8}" "${2:-10}" 2>&1 | grep -v "level=INFO"
