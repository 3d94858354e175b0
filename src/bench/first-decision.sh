#!/usr/bin/env bash
# Measures the time from `./peacepath serve` (as the README starts it) to the first decision served.
# Target: under 5 s. Run from the project folder after `mvn -B package`:
#   bash src/bench/first-decision.sh [RUNS]
set -euo pipefail
runs=${1:-5}
port=${PORT:-7179}
jar=target/peacepath.jar
[ -f "$jar" ] || { echo "no $jar: run mvn -B package -DskipTests first" >&2; exit 2; }
body='{"completed":[{"step":"peace-declaration"},{"step":"dismantlement"}]}'
for run in $(seq 1 "$runs"); do
  start=$(date +%s%N)
  ./peacepath serve --port "$port" >/dev/null 2>&1 &
  pid=$!
  status=000
  for _ in $(seq 1 600); do
    status=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' -d "$body" "http://127.0.0.1:$port/v1/evaluate" || true)
    [ "$status" = 200 ] && break
    sleep 0.02
  done
  end=$(date +%s%N)
  kill "$pid"; wait "$pid" 2>/dev/null || true
  [ "$status" = 200 ] || { echo "run $run: no decision within 12 s" >&2; exit 1; }
  echo "run $run: first decision after $(( (end - start) / 1000000 )) ms"
done
