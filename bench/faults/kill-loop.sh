#!/usr/bin/env bash
# SIGKILL soak: KillDuringConversationIT with many kill rounds instead of one. Each round: four customers chat
# continuously (and one waits for a hanging LLM), the server process is killed with SIGKILL, started again on the same
# home, and every acknowledged message, the resume, the resends and the recovered answer are checked. About 15 s a
# round on 2 cores.
#   bench/faults/kill-loop.sh [rounds] [h2|postgresql|both]      (defaults: 20 rounds, both databases)
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROUNDS="${1:-20}"
case "${2:-both}" in
  h2) PATTERN='KillDuringConversationIT#sigkill_on_h2*' ;;
  postgresql) PATTERN='KillDuringConversationIT#sigkill_on_postgresql*' ;;
  both) PATTERN='KillDuringConversationIT' ;;
  *) echo "kill-loop: the database is h2, postgresql or both, not '$2'" >&2; exit 2 ;;
esac
export CHATBOT_FAULTS_KILL_ROUNDS="$ROUNDS"
exec "$HERE/run-fault-test.sh" "$PATTERN"
