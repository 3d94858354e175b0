#!/usr/bin/env bash
# CPU per request: drives GET /health, POST /v1/evaluate with the 10-record state (evaluate.lua) and the same
# state with every record dated (dated.lua) on one server started as the README starts it, round after
# round with wrk, and prints for each requests per second, p99 latency and the server's CPU time per
# request, read from /proc/PID/stat before and after each run (user + system, all its threads). CPU per
# request is the figure to compare: on this shared 2-core machine throughput moves 2x from run to run.
# Targets (issue 18): dated <= 1.5x undated; both <= 150 us of CPU and p99 <= 10 ms at 32 connections;
# decisions per second >= 0.5x /health's.
# Needs wrk (apt-get install wrk). Run from the project folder after `mvn -B package -DskipTests`:
#   bash src/bench/cpu.sh [SECONDS] [CONNECTIONS] [ROUNDS]
# DATED_SCRIPT=src/bench/dated-reversed.lua sends that dated body in place of dated.lua's (server.sh).
set -euo pipefail
seconds=${1:-15}
connections=${2:-32}
rounds=${3:-3}
port=${PORT:-7181}
. "$(dirname "$0")/server.sh"
start_warm "$port" "$connections"
# run NAME REQUEST: one wrk run of health, undated or dated (request_of); prints the row and leaves rps, p99
# and cpu (µs a request) set.
run() {
  measure "$2" "$seconds" "$connections"
  printf '%-6s %-30s %12s %10s %14s\n' "$round" "$1" "$rps" "$p99" "$cpu"
  wrk_errors "$out"
}
echo "cores: $(nproc); $connections connections; $seconds s a run; load average $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-6s %-30s %12s %10s %14s\n' round request requests/s p99 "CPU µs/req"
for round in $(seq 1 "$rounds"); do
  run "GET /health" health; h_rps=$rps; h_cpu=$cpu
  run "evaluate, undated" undated; u_rps=$rps; u_cpu=$cpu
  run "evaluate, dated" dated; d_rps=$rps; d_cpu=$cpu
  awk -v h="$h_rps" -v u="$u_rps" -v d="$d_rps" -v uc="$u_cpu" -v dc="$d_cpu" 'BEGIN {
    printf "       dated/undated CPU %.2f (target <= 1.5); decisions/s over /health: undated %.3f, dated %.3f (target >= 0.5)\n",
      dc / uc, u / h, d / h }'
done
