#!/usr/bin/env bash
# Load test: drives GET /health and POST /v1/evaluate (a 10-step state) on the same server, one after
# the other, with wrk at 32 connections, and prints requests per second, p99 latency and the ratio.
# Targets: decisions per second at least half of /health's; p99 under 20 ms.
# Needs wrk (apt-get install wrk). Run from the project folder after `mvn -B package -DskipTests`:
#   bash src/bench/load.sh [SECONDS] [CONNECTIONS]
set -euo pipefail
seconds=${1:-20}
connections=${2:-32}
port=${PORT:-7177}
. "$(dirname "$0")/server.sh"
url=http://127.0.0.1:$port
run() { wrk -t2 -c"$connections" -d"$1"s --latency "$@" 2>&1; }
echo "warming up for 10 s ..."
wrk -t2 -c"$connections" -d10s -s src/bench/evaluate.lua "$url/v1/evaluate" >/dev/null
wrk -t2 -c"$connections" -d5s "$url/health" >/dev/null
rps() { echo "$1" | awk '/Requests\/sec/ {print $2}'; }
p99() { echo "$1" | awk '$1 == "99%" {print $2}'; }
errors() { echo "$1" | awk '/Non-2xx|Socket errors/ {print}' ; }
echo "cores: $(nproc); $connections connections; $seconds s a round; rounds alternate the two routes"
printf '%-6s %-22s %12s %10s\n' round route requests/s p99
sum_h=0; sum_e=0
for round in 1 2 3; do
  health=$(wrk -t2 -c"$connections" -d"$seconds"s --latency "$url/health")
  evaluate=$(wrk -t2 -c"$connections" -d"$seconds"s --latency -s src/bench/evaluate.lua "$url/v1/evaluate")
  printf '%-6s %-22s %12s %10s\n' "$round" "GET /health" "$(rps "$health")" "$(p99 "$health")"
  printf '%-6s %-22s %12s %10s\n' "$round" "POST /v1/evaluate" "$(rps "$evaluate")" "$(p99 "$evaluate")"
  errors "$health$evaluate"
  sum_h=$(awk -v a="$sum_h" -v b="$(rps "$health")" 'BEGIN {print a + b}')
  sum_e=$(awk -v a="$sum_e" -v b="$(rps "$evaluate")" 'BEGIN {print a + b}')
done
awk -v e="$sum_e" -v h="$sum_h" 'BEGIN {printf "over the three rounds: decisions per second / health requests per second = %.2f (target >= 0.50)\n", e / h}'
