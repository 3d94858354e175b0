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
[ -f target/test-classes/org/peacepath/http/HttpFloor.class ] ||
  { echo "no target/test-classes/org/peacepath/http/HttpFloor.class: run mvn -B -q package -DskipTests" >&2; exit 2; }
classpath=target/bench-classpath.txt
if [ ! "$classpath" -nt pom.xml ]; then
  mvn -B -q dependency:build-classpath -Dmdep.outputFile="$classpath" -Dmdep.includeScope=test >&2
fi
# The launcher's settings for the server, read from it, so that the floors run as the server does.
settings=$(sed -n 's/^  exec "\$java" \(.*\) \${PEACEPATH_JAVA_OPTS:-} \\$/\1/p' peacepath | sed 's/ \${huge.*}//')
[ -n "$settings" ] || { echo "cannot read the server's JVM settings from ./peacepath" >&2; exit 2; }
if grep -qs '\[always\]\|\[madvise\]' /sys/kernel/mm/transparent_hugepage/enabled; then
  settings="$settings -XX:+UseTransparentHugePages"
fi
hz=$(getconf CLK_TCK)
echo "cores: $(nproc); 32 connections; $seconds s a run; load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "floors run as: java $settings -cp target/test-classes:target/classes:… org.peacepath.http.HttpFloor PORT fixed|decide"
printf '%-6s %-10s %-30s %12s %10s %14s\n' round server request requests/s p99 "CPU µs/req"
for round in $(seq 1 "$rounds"); do
  for server in peacepath fixed decide; do
    if [ "$server" = peacepath ]; then
      start_server "$port"
    else
      if curl -sf "http://127.0.0.1:$port/health" >/dev/null; then
        echo "something already answers on port $port (a server left from an earlier run?); stop it first" >&2
        exit 2
      fi
      # As the server runs: the launcher's settings, then PEACEPATH_JAVA_OPTS, on JAVA_HOME's java.
      ${JAVA_HOME:+$JAVA_HOME/bin/}java $settings ${PEACEPATH_JAVA_OPTS:-} \
        -cp "target/test-classes:target/classes:$(cat "$classpath")" org.peacepath.http.HttpFloor \
        "$port" "$server" >"/tmp/peacepath-floor-$port.log" 2>&1 &
      pid=$!
      pids+=("$pid")
      for _ in $(seq 1 900); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.05; done
      curl -sf "http://127.0.0.1:$port/health" >/dev/null ||
        { echo "the $server floor on port $port did not answer; see /tmp/peacepath-floor-$port.log" >&2; exit 2; }
    fi
    warm_up "$port" 32
    for body in health undated dated; do
      request_of "$body"
      before=$(ticks)
      out=$(wrk -t2 -c32 -d"$seconds"s --latency ${script:+-s "$script"} "http://127.0.0.1:$port$path")
      after=$(ticks)
      requests=$(awk '/requests in/ {print $1}' <<<"$out")
      printf '%-6s %-10s %-30s %12s %10s %14s\n' "$round" "$server" "$body" "$(awk '/Requests\/sec/ {print $2}' <<<"$out")" \
        "$(awk '$1 == "99%" {print $2}' <<<"$out")" \
        "$(awk -v t=$((after - before)) -v hz="$hz" -v n="$requests" 'BEGIN {printf "%.0f", t / hz * 1e6 / n}')"
      wrk_errors "$out"
    done
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    pids=() # stopped: nothing for server.sh to stop on exit
  done
done
