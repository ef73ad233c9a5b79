#!/usr/bin/env bash
# The disk-full fault tests (DiskFullIT): the embedded H2 database and the model folder on small tmpfs file systems
# that the test fills up. Mounting needs root; in the normal test run these tests are skipped when the user is not
# root. This script runs them as root (through sudo when needed) and makes a skip an error.
#   bench/faults/disk-full.sh
# Note: through sudo, Maven runs as root and writes root-owned files under connectors/target and root's ~/.m2.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
export CHATBOT_FAULTS_REQUIRE_DISK=1
if [ "$(id -u)" = 0 ]; then
  exec "$HERE/run-fault-test.sh" DiskFullIT "$@"
else
  exec sudo --preserve-env=CHATBOT_FAULTS_REQUIRE_DISK,PATH "$HERE/run-fault-test.sh" DiskFullIT "$@"
fi
