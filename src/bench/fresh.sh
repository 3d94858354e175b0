#!/usr/bin/env bash
# A body's figures as a benchmark from outside would take them: for each body, a server just started as
# the README starts it, WARM seconds (the first argument) of that body alone (wrk -t2 -c32), then WINDOWS
# runs of SECONDS each; for each run, the server's CPU time per request (/proc/PID/stat), p99,
# requests/s, and the share of the server's CPU its JIT compiler threads took (C1 and C2; marked * when
# the JVM stopped or started a compiler thread during the run, whose ticks the share then misses). A server answers from compiled code only once
# the JIT has caught up with the load, which on two cores takes longer than a minute's warm-up with the
# JVM's default of one C2 thread (docs/benchmarks.md, twelfth pass).
# With B_JAVA_OPTS set, each round runs A (A_JAVA_OPTS, or the launcher's settings alone) then B, one
# server at a time: A_JAVA_OPTS=-XX:CICompilerCount=2 is the JVM's own choice on this 2-core machine.
# Needs wrk. Run from the project folder after `mvn -B package -DskipTests`:
#   bash src/bench/fresh.sh [WARM] [SECONDS] [WINDOWS] [ROUNDS]
set -euo pipefail
warm=${1:-40}
seconds=${2:-10}
windows=${3:-2}
rounds=${4:-1}
port=${PORT:-7186}
for n in "$warm" "$seconds" "$windows" "$rounds"; do
  [[ "$n" =~ ^[1-9][0-9]*$ ]] || { echo "WARM, SECONDS, WINDOWS and ROUNDS are whole numbers, not \"$n\"" >&2; exit 2; }
done
unset JAVA_OPTS FLOOR # each server as ./peacepath serve starts it, with PEACEPATH_JAVA_OPTS for A and B
. "$(dirname "$0")/server.sh"
settings=(A)
[ -n "${B_JAVA_OPTS:-}" ] && settings+=(B)
echo "cores: $(nproc); ${warm} s of warm-up on each body, then $windows runs of $seconds s; load average $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-5s %-3s %-8s %s\n' round set body "each run: CPU µs/req, p99, requests/s, JIT's share of the CPU"
for round in $(seq 1 "$rounds"); do
  for set in "${settings[@]}"; do
    if [ "$set" = A ]; then export PEACEPATH_JAVA_OPTS=${A_JAVA_OPTS:-}; else export PEACEPATH_JAVA_OPTS=$B_JAVA_OPTS; fi
    for body in undated dated; do
      start_server "$port"
      [ "$round$body" = 1undated ] && echo "$set: $server_said"
      measure "$body" "$warm" # the warm-up: its figures are not kept
      row=$(printf '%-5s %-3s %-8s' "$round" "$set" "$body")
      for _ in $(seq 1 "$windows"); do
        compilers=$(jit_threads)
        jit_before=$(jit_ticks)
        measure "$body" "$seconds"
        share=$(awk -v j=$(($(jit_ticks) - jit_before)) -v t="$used" 'BEGIN {printf "%.0f%%", t ? 100 * j / t : 0}')
        [ "$(jit_threads)" = "$compilers" ] || share="$share*"
        row="$row | $cpu µs, $p99, $rps/s, JIT $share"
        errors=$(wrk_errors "$out")
        [ -z "$errors" ] || printf 'some requests failed:\n%s\n' "$errors" >&2
      done
      echo "$row"
      stop_server
    done
  done
done
