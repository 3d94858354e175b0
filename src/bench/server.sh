# Sourced by the benchmark scripts: start_server PORT [ARGS…] starts peacepath serving on PORT with the
# arguments given, as the README starts it (./peacepath serve, with the JVM settings of that script), waits
# until it answers, and stops it when the script exits ($pid is the server's JVM, the last one started).
# Set JAR to start another build of it with the same settings (JAR=/tmp/before.jar), and JAVA_OPTS to start
# the jar with other JVM options instead (JAVA_OPTS=" " for the JVM's defaults, as `java -jar` starts it);
# either way JAVA_HOME's java runs it, where JAVA_HOME is set. Set FLOOR=fixed or FLOOR=decide to start the
# benchmarks' floor instead (HttpFloor, in the tests; see floor.sh) with the launcher's settings for the
# server (its scheduling among them) and PEACEPATH_JAVA_OPTS. $server_said is the command the server last started ran, with the
# settings the launcher took from the environment (JAVA_HOME, PEACEPATH_SCHEDULING, PEACEPATH_JAVA_OPTS).
jar=${JAR:-target/peacepath.jar}
unset PEACEPATH_DRY_RUN # the launcher must start the server, not print its command
command -v wrk >/dev/null || { echo "wrk is not installed: apt-get install wrk" >&2; exit 2; }
[ -f "$jar" ] || { echo "no $jar: run mvn -B package -DskipTests first" >&2; exit 2; }
# DATED_SCRIPT and UNDATED_SCRIPT (request_of), where set, must name a script. In a function, so that its
# names are its own: the scripts that source this one keep theirs (profile.sh's body).
check_scripts() {
  local which given
  for which in dated undated; do
    given=${which^^}_SCRIPT
    [ -z "${!given:-}" ] || [ -f "${!given}" ] \
      || { echo "no wrk script ${!given} ($given names the $which body's)" >&2; exit 2; }
  done
}
check_scripts
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null || true; done' EXIT
start_server() {
  local port=$1 prefix classpath
  shift
  if [ -n "${FLOOR:-}" ]; then
    prefix=$(launcher_prefix)
    classpath=$(floor_classpath)
    server_command="$prefix ${PEACEPATH_JAVA_OPTS:-} -cp $classpath org.peacepath.http.HttpFloor $port $FLOOR"
  elif [ -n "${JAVA_OPTS:-}" ]; then
    server_command="${JAVA_HOME:+$JAVA_HOME/bin/}java $JAVA_OPTS -jar $jar serve --port $port $*"
  else
    server_command="env PEACEPATH_JAR=$jar ./peacepath serve --port $port $*"
  fi
  server_said=$server_command
  if [ -z "${JAVA_OPTS:-}${FLOOR:-}" ]; then
    server_said="${JAVA_HOME:+JAVA_HOME=$JAVA_HOME }${PEACEPATH_SCHEDULING:+PEACEPATH_SCHEDULING=$PEACEPATH_SCHEDULING }${PEACEPATH_JAVA_OPTS:+PEACEPATH_JAVA_OPTS=\"$PEACEPATH_JAVA_OPTS\" }$server_command"
  fi
  run_server "$port" "$server_command"
}
# start_warm PORT CONNECTIONS: start_server PORT, says what it ran, and warms it up (warm_up)
start_warm() {
  start_server "$1"
  echo "server: $server_said"
  echo "warming up for ${WARM:-60} s ..."
  warm_up "$1" "$2"
}
# load_behind PORT SECONDS FILE: wrk, in the background, sending the request request_of last chose to the
# server on PORT for SECONDS at 32 connections, its output with the latencies written to FILE; returns once
# the load has run 3 s. $load is wrk's process, stopped when the script exits.
load_behind() {
  wrk -t2 -c32 -d"$2"s --latency ${script:+-s "$script"} "http://127.0.0.1:$1$path" >"$3" &
  load=$!
  pids+=("$load")
  sleep 3
}
# run_server PORT COMMAND: runs COMMAND (split on spaces), a server that will answer GET /health on PORT,
# in the background, and waits until it answers; $pid is its process, stopped when the script exits.
run_server() {
  local port=$1
  if curl -sf "http://127.0.0.1:$port/health" >/dev/null; then
    echo "something already answers on port $port (a server left from an earlier run?); stop it first" >&2
    exit 2
  fi
  $2 >"/tmp/peacepath-bench-$port.log" 2>&1 &
  pid=$!
  pids+=("$pid")
  for _ in $(seq 1 900); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && return 0; sleep 0.05; done
  echo "the server on port $port did not answer; see /tmp/peacepath-bench-$port.log" >&2
  exit 2
}
# stop_server: stops the server started last and waits for it to end.
stop_server() {
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  local p kept=()
  for p in "${pids[@]}"; do [ "$p" = "$pid" ] || kept+=("$p"); done
  pids=(${kept[@]+"${kept[@]}"})
}
# launcher_prefix: the command ./peacepath would run for the server, up to its -jar, as it prints it
# (PEACEPATH_DRY_RUN): its scheduling (chrt --batch 0, where it asks for it), java and the JVM settings for
# this machine (huge pages where the kernel gives them on request, the compiler threads for its processors)
launcher_prefix() {
  local prefix
  prefix=$(PEACEPATH_DRY_RUN=1 PEACEPATH_JAVA_OPTS= PEACEPATH_JAR=$jar ./peacepath serve | awk '$0 == "-jar" {exit} {print}' | tr '\n' ' ')
  [[ "$prefix" == *java\ -* ]] || { echo "cannot read the server's JVM settings from ./peacepath" >&2; exit 2; }
  echo "${prefix% }"
}
# floor_classpath: the classpath HttpFloor runs on (the tests' classes and every dependency), the
# dependencies' part written by Maven to target/bench-classpath.txt when pom.xml is newer.
floor_classpath() {
  local file=target/bench-classpath.txt
  [ -f target/test-classes/org/peacepath/http/HttpFloor.class ] ||
    { echo "no target/test-classes/org/peacepath/http/HttpFloor.class: run mvn -B -q package -DskipTests" >&2; exit 2; }
  if [ ! "$file" -nt pom.xml ]; then
    mvn -B -q dependency:build-classpath -Dmdep.outputFile="$file" -Dmdep.includeScope=test >&2
  fi
  echo "target/test-classes:target/classes:$(cat "$file")"
}
# measure NAME [SECONDS] [CONNECTIONS] [PORT]: one wrk run of health, undated or dated (request_of) on the
# server started last; leaves out (wrk's output), rps, p99, cpu (the server's CPU µs a request) and used
# (the server's CPU in clock ticks over the run) set.
measure() {
  local before requests
  request_of "$1"
  before=$(ticks)
  out=$(wrk -t2 -c"${3:-32}" -d"${2:-10}"s --latency ${script:+-s "$script"} "http://127.0.0.1:${4:-$port}$path")
  used=$(($(ticks) - before))
  requests=$(awk '/requests in/ {print $1}' <<<"$out")
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  cpu=$(awk -v t="$used" -v hz="$(getconf CLK_TCK)" -v n="$requests" 'BEGIN {printf "%.0f", t / hz * 1e6 / n}')
}
# ticks [PID]: the CPU time the server has used so far (user + system of all its threads), in clock ticks
ticks() { stat_ticks "/proc/${1:-$pid}/stat"; }
# stat_ticks FILE: user + system time, in clock ticks, from a /proc stat file (a process's or a thread's)
stat_ticks() { awk '{print $14 + $15}' "$1"; }
# jit_threads [PID]: the thread ids of its JIT compiler threads (C1 and C2), on one line
jit_threads() {
  local task
  for task in /proc/"${1:-$pid}"/task/*; do
    case $(cat "$task/comm" 2>/dev/null) in C1\ * | C2\ *) printf '%s ' "${task##*/}" ;; esac
  done
  echo
}
# jit_ticks [PID]: the CPU time its JIT compiler threads have used so far, in clock ticks. The JVM may stop
# a C2 thread it started when the queue grew: its ticks then leave this sum but not the process's
# (jit_threads tells).
jit_ticks() {
  local tid total=0
  for tid in $(jit_threads "$@"); do
    total=$((total + $(stat_ticks "/proc/${1:-$pid}/task/$tid/stat" 2>/dev/null || echo 0)))
  done
  echo "$total"
}
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
# the benchmarks send; fails for any other name. DATED_SCRIPT puts another wrk script in place of dated.lua
# (DATED_SCRIPT=src/bench/dated-reversed.lua: the same record with its dates reversed), and UNDATED_SCRIPT
# another in place of evaluate.lua (UNDATED_SCRIPT=src/bench/varied.lua DATED_SCRIPT=src/bench/varied-dated.lua:
# a record that changes from request to request).
request_of() {
  case $1 in
    health) path=/health script= ;;
    undated) path=/v1/evaluate script=${UNDATED_SCRIPT:-src/bench/evaluate.lua} ;; # both scripts checked above
    dated) path=/v1/evaluate script=${DATED_SCRIPT:-src/bench/dated.lua} ;;
    *) return 1 ;;
  esac
}
# wrk_errors OUTPUT: the lines of a wrk run's output that say some requests failed (answers other than 2xx
# or 3xx; connections, reads or writes that failed or timed out), indented; nothing when every one succeeded.
# An error answer is cheap, and would pass for a fast decision.
wrk_errors() { awk '/Non-2xx|Socket errors/ {print "       " $0}' <<<"$1"; }
