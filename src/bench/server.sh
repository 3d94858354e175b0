# Sourced by the benchmark scripts: start_server PORT [ARGS…] starts peacepath serving on PORT with the
# arguments given, as the README starts it (./peacepath serve, with the JVM settings of that script), waits
# until it answers, and stops it when the script exits ($pid is the server's JVM, the last one started).
# Set JAR to start another build of it with the same settings (JAR=/tmp/before.jar), and JAVA_OPTS to start
# the jar with other JVM options instead (JAVA_OPTS=" " for the JVM's defaults, as `java -jar` starts it);
# either way JAVA_HOME's java runs it, where JAVA_HOME is set. $server_said is the command the server last
# started ran, with the settings the launcher took from the environment (JAVA_HOME, PEACEPATH_JAVA_OPTS).
jar=${JAR:-target/peacepath.jar}
command -v wrk >/dev/null || { echo "wrk is not installed: apt-get install wrk" >&2; exit 2; }
[ -f "$jar" ] || { echo "no $jar: run mvn -B package -DskipTests first" >&2; exit 2; }
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null || true; done' EXIT
start_server() {
  local port=$1
  shift
  if [ -n "${JAVA_OPTS:-}" ]; then
    server_command="${JAVA_HOME:+$JAVA_HOME/bin/}java $JAVA_OPTS -jar $jar serve --port $port $*"
  else
    server_command="env PEACEPATH_JAR=$jar ./peacepath serve --port $port $*"
  fi
  server_said=$server_command
  if [ -z "${JAVA_OPTS:-}" ]; then
    server_said="${JAVA_HOME:+JAVA_HOME=$JAVA_HOME }${PEACEPATH_JAVA_OPTS:+PEACEPATH_JAVA_OPTS=\"$PEACEPATH_JAVA_OPTS\" }$server_command"
  fi
  if curl -sf "http://127.0.0.1:$port/health" >/dev/null; then
    echo "something already answers on port $port (a server left from an earlier run?); stop it first" >&2
    exit 2
  fi
  $server_command >"/tmp/peacepath-bench-$port.log" 2>&1 &
  pid=$!
  pids+=("$pid")
  for _ in $(seq 1 900); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && return 0; sleep 0.05; done
  echo "the server on port $port did not answer; see /tmp/peacepath-bench-$port.log" >&2
  exit 2
}
# ticks [PID]: the CPU time the server has used so far (user + system of all its threads), in clock ticks
ticks() { awk '{print $14 + $15}' "/proc/${1:-$pid}/stat"; }
# warm_up PORT CONNECTIONS: WARM seconds (60 unless set) of both bodies in turns, 10 s at a time
warm_up() {
  local path script body
  for _ in $(seq 1 $(( ${WARM:-60} / 20 ))); do
    for body in undated dated; do
      request_of "$body"
      wrk -t2 -c"$2" -d10s -s "$script" "http://127.0.0.1:$1$path" >/dev/null
    done
  done
}
# request_of NAME: sets path and script (a wrk script, or empty) for health, undated or dated, the requests
# the benchmarks send; fails for any other name
request_of() {
  case $1 in
    health) path=/health script= ;;
    undated) path=/v1/evaluate script=src/bench/evaluate.lua ;;
    dated) path=/v1/evaluate script=src/bench/dated.lua ;;
    *) return 1 ;;
  esac
}
# wrk_errors OUTPUT: the lines of a wrk run's output that say some requests failed (answers other than 2xx
# or 3xx; connections, reads or writes that failed or timed out), indented; nothing when every one succeeded.
# An error answer is cheap, and would pass for a fast decision.
wrk_errors() { awk '/Non-2xx|Socket errors/ {print "       " $0}' <<<"$1"; }
