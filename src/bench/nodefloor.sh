#!/usr/bin/env bash
# peacepath beside the floor under a Node.js implementation of its API: runs peacepath's server (as the
# README starts it) and src/bench/node-floor.js, a Node HTTP server that reads and parses each body and sends
# back the answer peacepath gave to the same body, written out again, with no rules run. Round after round,
# one server loaded at a time, it drives GET /health and POST /v1/evaluate with both bodies (undated,
# dated) at each and prints requests/s, p99 and the server's CPU time per request (from /proc/PID/stat, as
# cpu.sh does). What the floor costs, any Node implementation measured the same way costs at least; and its
# decisions/s over its own /health's says what that ratio can be when a request carries a decision's body
# and answer. Node's server runs on one thread, so the floor's CPU a request is also one core over its
# requests a second; it leaves wrk the other core, where peacepath shares both with it.
# Needs wrk and node (apt-get install wrk nodejs). Run from the project folder after
# `mvn -B -q package -DskipTests`:
#   bash src/bench/nodefloor.sh [SECONDS] [ROUNDS]        (WARM=60 seconds of warm-up for peacepath)
# peacepath serves on PORT (7181 unless set) and the floor on the port after it.
set -euo pipefail
seconds=${1:-10}
rounds=${2:-3}
server_port=${PORT:-7181}
floor_port=$((server_port + 1))
command -v node >/dev/null || { echo "node is not installed: apt-get install nodejs" >&2; exit 2; }
. "$(dirname "$0")/server.sh"
start_server "$server_port"
peacepath=$pid
echo "peacepath: $server_said"
run_server "$floor_port" "node src/bench/node-floor.js $floor_port $server_port" # idle until its warm-up
floor=$pid
echo "warming up peacepath for ${WARM:-60} s ..."
warm_up "$server_port" 32
echo "warming up the Node floor for 30 s ..."
for body in health undated dated; do
  request_of "$body"
  wrk -t2 -c32 -d10s ${script:+-s "$script"} "http://127.0.0.1:$floor_port$path" >/dev/null
done
echo "cores: $(nproc); 32 connections; $seconds s a run; load average $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-6s %-10s %-20s %12s %10s %14s\n' round server request requests/s p99 "CPU µs/req"
for round in $(seq 1 "$rounds"); do
  for server in peacepath floor; do
    if [ "$server" = peacepath ]; then pid=$peacepath port=$server_port; else pid=$floor port=$floor_port; fi
    for body in health undated dated; do
      measure "$body" "$seconds" 32 "$port"
      printf '%-6s %-10s %-20s %12s %10s %14s\n' "$round" "$server" "$body" "$rps" "$p99" "$cpu"
      wrk_errors "$out"
      printf -v "rps_$body" %s "$rps"
      printf -v "cpu_${server}_$body" %s "$cpu"
    done
    awk -v h="$rps_health" -v u="$rps_undated" -v d="$rps_dated" -v s="$server" 'BEGIN {
      printf "       %s: decisions/s over its /health: undated %.2f, dated %.2f\n", s, u / h, d / h }'
  done
  awk -v pu="$cpu_peacepath_undated" -v pd="$cpu_peacepath_dated" -v fu="$cpu_floor_undated" \
    -v fd="$cpu_floor_dated" 'BEGIN {
    printf "       peacepath dated/undated CPU %.2f; peacepath over the floor, CPU a decision: undated %.2f, dated %.2f\n",
      pd / pu, pu / fu, pd / fd }'
done
