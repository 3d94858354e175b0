#!/usr/bin/env bash
# The floor under a decision over HTTP: what the server's HTTP layer costs a request of a decision's size,
# and what deciding costs on top of it under load. Runs, one at a time, with the JVM settings the launcher
# gives the server, peacepath's server (as the README starts it) and two servers of
# src/test/java/org/peacepath/http/HttpFloor.java set up as it is (thread pool, host check, timeouts,
# metrics): "fixed", which reads each body and sends back the answer worked out for the same body the first time, and
# "decide", which decides each body in the request's thread, none of the server's other work around it.
# For each it loads GET /health and POST /v1/evaluate with both bodies (undated, dated) and prints
# requests/s, p99 and the server's CPU time per request from /proc/PID/stat, as cpu.sh does.
# fixed's CPU a decision is the HTTP layer's; decide's less fixed's is deciding under load, to set beside
# what BodyCpuCost measures in one thread; the server's less decide's is what the server does around a
# decision (the body's checks, the client watch, the answer's log and metrics; turns where asked for). On this machine runs one after
# another differ by a third: read each round's three rows together, and repeat rounds.
# Needs wrk. Run from the project folder after `mvn -B -q package -DskipTests` (which compiles the tests):
#   bash src/bench/floor.sh [SECONDS] [ROUNDS]        (WARM=60 seconds of warm-up each)
set -euo pipefail
[ -z "${JAR:-}${JAVA_OPTS:-}" ] || { echo "floor.sh runs this build as the launcher starts it: unset JAR and JAVA_OPTS" >&2; exit 2; }
seconds=${1:-10}
rounds=${2:-2}
port=${PORT:-7186}
. "$(dirname "$0")/server.sh"
echo "cores: $(nproc); 32 connections; $seconds s a run; load average $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-6s %-10s %-30s %12s %10s %14s\n' round server request requests/s p99 "CPU µs/req"
for round in $(seq 1 "$rounds"); do
  for server in peacepath fixed decide; do
    if [ "$server" = peacepath ]; then
      FLOOR= start_server "$port"
    else
      FLOOR=$server start_server "$port"
    fi
    [ "$round" -gt 1 ] || echo "$server: $server_said" | cut -c1-240
    warm_up "$port" 32
    for body in health undated dated; do
      measure "$body" "$seconds" 32
      printf '%-6s %-10s %-30s %12s %10s %14s\n' "$round" "$server" "$body" "$rps" "$p99" "$cpu"
      wrk_errors "$out"
    done
    stop_server
  done
done
