#!/usr/bin/env bash
# Load test: drives GET /health and POST /v1/evaluate (a 10-step record) on the same server, and the same
# decisions on a second server that keeps the decision log, round after round with wrk at 32
# connections, and prints requests per second, p99 latency and the ratios.
# Targets: decisions per second at least half of /health's; with the decision log at least 0.85 of
# without it.
# Needs wrk (apt-get install wrk). Run from the project folder after `mvn -B package -DskipTests`:
#   bash src/bench/load.sh [SECONDS] [CONNECTIONS]
# UNDATED_SCRIPT=src/bench/dated.lua (or varied.lua, or any wrk script) sends that body in place of evaluate.lua's.
set -euo pipefail
seconds=${1:-20}
connections=${2:-32}
port=${PORT:-7177}
logged_port=$((port + 1))
# DECISION_LOG_GZ=1 keeps the log gzip-compressed (decisions.jsonl.gz), as --decision-log does for a .gz name.
log_file=$(mktemp -d)/decisions.jsonl${DECISION_LOG_GZ:+.gz}
. "$(dirname "$0")/server.sh"
start_server "$port"
start_server "$logged_port" --decision-log "$log_file"
url=http://127.0.0.1:$port
logged=http://127.0.0.1:$logged_port
# Both servers are warmed alike, in turns, before anything is measured: the JIT takes some 30-40 s of load to
# settle here, and a server measured colder than the other would make the decision log look dearer.
echo "warming up for 63 s ..."
for _ in 1 2 3; do
  wrk -t2 -c"$connections" -d10s -s "${UNDATED_SCRIPT:-src/bench/evaluate.lua}" "$url/v1/evaluate" >/dev/null
  wrk -t2 -c"$connections" -d10s -s "${UNDATED_SCRIPT:-src/bench/evaluate.lua}" "$logged/v1/evaluate" >/dev/null
done
wrk -t2 -c"$connections" -d3s "$url/health" >/dev/null
rps() { echo "$1" | awk '/Requests\/sec/ {print $2}'; }
p99() { echo "$1" | awk '$1 == "99%" {print $2}'; }
errors() { echo "$1" | awk '/Non-2xx|Socket errors/ {print}' ; }
add() { awk -v a="$1" -v b="$2" 'BEGIN {print a + b}'; }
echo "cores: $(nproc); $connections connections; $seconds s a round; rounds alternate the routes"
printf '%-6s %-36s %12s %10s\n' round route requests/s p99
sum_h=0; sum_e=0; sum_l=0
for round in 1 2 3; do
  health=$(wrk -t2 -c"$connections" -d"$seconds"s --latency "$url/health")
  # The two servers take turns at going first, so that a machine slowing down or speeding up during a
  # round counts against both alike.
  if [ $((round % 2)) -eq 1 ]; then
    evaluate=$(wrk -t2 -c"$connections" -d"$seconds"s --latency -s "${UNDATED_SCRIPT:-src/bench/evaluate.lua}" "$url/v1/evaluate")
    with_log=$(wrk -t2 -c"$connections" -d"$seconds"s --latency -s "${UNDATED_SCRIPT:-src/bench/evaluate.lua}" "$logged/v1/evaluate")
  else
    with_log=$(wrk -t2 -c"$connections" -d"$seconds"s --latency -s "${UNDATED_SCRIPT:-src/bench/evaluate.lua}" "$logged/v1/evaluate")
    evaluate=$(wrk -t2 -c"$connections" -d"$seconds"s --latency -s "${UNDATED_SCRIPT:-src/bench/evaluate.lua}" "$url/v1/evaluate")
  fi
  printf '%-6s %-36s %12s %10s\n' "$round" "GET /health" "$(rps "$health")" "$(p99 "$health")"
  printf '%-6s %-36s %12s %10s\n' "$round" "POST /v1/evaluate" "$(rps "$evaluate")" "$(p99 "$evaluate")"
  printf '%-6s %-36s %12s %10s\n' "$round" "POST /v1/evaluate, decision log on" "$(rps "$with_log")" "$(p99 "$with_log")"
  errors "$health$evaluate$with_log"
  sum_h=$(add "$sum_h" "$(rps "$health")")
  sum_e=$(add "$sum_e" "$(rps "$evaluate")")
  sum_l=$(add "$sum_l" "$(rps "$with_log")")
done
awk -v e="$sum_e" -v h="$sum_h" 'BEGIN {printf "over the three rounds: decisions per second / health requests per second = %.2f (target >= 0.50)\n", e / h}'
awk -v e="$sum_e" -v l="$sum_l" 'BEGIN {printf "over the three rounds: decisions per second with the decision log / without = %.2f (target >= 0.85)\n", l / e}'
if [ -n "${DECISION_LOG_GZ:-}" ]; then lines=$( (zcat "$log_file" 2>/dev/null || true) | wc -l); else lines=$(wc -l < "$log_file"); fi
echo "decision log lines written: $lines ($(du -h "$log_file" | cut -f1))"
rm -f "$log_file"
