#!/usr/bin/env bash
# Builds envsweep and its benchmark harness, runs every workload on embedded PostgreSQL and DuckDB, prints the
# results table and writes it to benchmarks/RESULTS.md (with --quick, a smaller run for a smoke check, written
# to benchmarks/target/RESULTS-quick.md so that it never replaces the full figures). Logs: benchmarks/target/bench.log.
#   benchmarks/run.sh [--quick] [--only floor,cold,cleanup,parallel,memory,endpoint]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -DskipTests -Pbench package
out=benchmarks/RESULTS.md
for arg in "$@"; do
  if [[ "$arg" == --quick ]]; then out=benchmarks/target/RESULTS-quick.md; fi
done
java -jar benchmarks/target/envsweep-benchmarks.jar "$@" --jar server/target/envsweep.jar --out "$out" \
  2> benchmarks/target/bench.log
echo "written to $out"
