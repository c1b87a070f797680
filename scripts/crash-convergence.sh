#!/usr/bin/env bash
# Kills a running cleanup with SIGKILL at a random moment, runs cleanup again, checks convergence; N times.
# Usage: scripts/crash-convergence.sh [runs, default 50] [seed]
# Prints: runs, how many kills landed mid-cleanup, objects wrongly dropped, deletions unrecorded.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-50}"
seed="${2:-$RANDOM$RANDOM}"
./mvnw -q -B -pl integration-tests -am verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=CrashConvergenceIT -Dcrash.runs="$runs" -Dcrash.seed="$seed" -Dfailsafe.redirectTestOutputToFile=false \
  | grep --line-buffered "crash convergence" || true
grep -h "crash convergence" integration-tests/target/failsafe-reports/*CrashConvergenceIT*.txt 2>/dev/null || true
