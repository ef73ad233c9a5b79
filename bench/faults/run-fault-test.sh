#!/usr/bin/env bash
# Shared by the scripts in this folder: runs connectors fault tests (failsafe, *IT) by class or method pattern with the
# launcher's JDK, building the modules they need. Usage: bench/faults/run-fault-test.sh 'Pattern' [maven args...]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
PATTERN="$1"
shift
JDK="$("$ROOT/chatbot" jdk)"
MVN=mvn
command -v mvn >/dev/null 2>&1 || MVN="$ROOT/mvnw"
cd "$ROOT"
exec env JAVA_HOME="$JDK" "$MVN" -B verify -pl connectors -am -Dit.test="$PATTERN" -Dtest=none \
  -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false "$@"
