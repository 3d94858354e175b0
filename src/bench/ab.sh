#!/usr/bin/env bash
# Two builds compared on a shared machine: both servers run at once, started as the README starts the
# server (./peacepath serve, with PEACEPATH_JAR naming each build), and wrk loads one at a time in short
# bursts, A B B A, so that both meet the machine's swings alike; a server not loaded costs almost nothing.
# For each request (GET /health, the undated and the dated 10-record state) it prints the median over the
# bursts of each build's CPU time per request (user + system of all its threads, from /proc/PID/stat),
# p99 and requests/s, and the median of the ratios B / A of the bursts taken side by side. On this machine
# one server's figures move 2x from minute to minute; the side-by-side ratio moves much less.
# Needs wrk. Run from the project folder:
#   bash src/bench/ab.sh JAR_A JAR_B [SECONDS_A_BURST] [BURSTS]     (WARM=60 seconds of warm-up each)
# A_JAVA_OPTS and B_JAVA_OPTS add JVM options to one server (as PEACEPATH_JAVA_OPTS does), to compare a
# setting on one build: bash src/bench/ab.sh target/peacepath.jar target/peacepath.jar, B_JAVA_OPTS=-Xmn32m.
# A_JAVA and B_JAVA start one build as `java OPTIONS -jar` instead, without the launcher's settings
# (A_JAVA=" ": the JVM's defaults, as an old build's README started it; A_JAVA_OPTS is added to OPTIONS
# then); A_ARGS and B_ARGS add arguments to
# its serve command (A_ARGS="--rules /tmp/old/rules": an old build on the rules it was written for);
# A_JAVA_HOME and B_JAVA_HOME run one server on another JDK (the launcher runs JAVA_HOME's java);
# A_SCHEDULING and B_SCHEDULING (batch or normal) run it under that scheduling (PEACEPATH_SCHEDULING).
# A_FLOOR and B_FLOOR (fixed or decide) start the benchmarks' floor in place of that build (see floor.sh),
# with the launcher's settings and the *_JAVA_OPTS given: B_FLOOR=decide compares the server (A) with
# deciding alone. The commands are split on spaces: no value here may hold one inside a path or an argument.
set -euo pipefail
[ $# -ge 2 ] || { echo "usage: bash src/bench/ab.sh JAR_A JAR_B [SECONDS_A_BURST] [BURSTS]" >&2; exit 2; }
jar_a=$1
jar_b=$2
seconds=${3:-5}
bursts=${4:-12}
for j in "$jar_a" "$jar_b"; do
  [ -f "$j" ] || { echo "no $j: give the two builds' jars" >&2; exit 2; }
done
unset JAVA_OPTS # both servers start as ./peacepath starts them unless A_JAVA or B_JAVA says otherwise
for side in A B; do
  floor=${side}_FLOOR
  case ${!floor:-} in
    "" | fixed | decide) ;;
    *) echo "$floor is fixed or decide, not \"${!floor}\"" >&2; exit 2 ;;
  esac
  policy=${side}_SCHEDULING
  plain=${side}_JAVA
  case ${!policy:-} in
    "" | batch | normal) ;;
    *) echo "$policy is batch or normal, not \"${!policy}\"" >&2; exit 2 ;;
  esac
  if [ -n "${!plain:-}" ] && [ -n "${!policy:-}" ]; then
    echo "$policy is ignored: $plain starts the jar with java alone, under the usual scheduling" >&2
  fi
  for other in JAVA ARGS; do
    option=${side}_$other
    if [ -n "${!floor:-}" ] && [ -n "${!option:-}" ]; then
      echo "$option is ignored: $floor starts the floor, not a build" >&2
    fi
  done
done
JAR=$jar_a
. "$(dirname "$0")/server.sh"
export PEACEPATH_JAVA_OPTS=${A_JAVA_OPTS:-}
JAVA_OPTS=${A_JAVA:+$A_JAVA ${A_JAVA_OPTS:-}}
java_home=${JAVA_HOME:-}
export JAVA_HOME=${A_JAVA_HOME:-$java_home}
scheduling=${PEACEPATH_SCHEDULING:-}
export PEACEPATH_SCHEDULING=${A_SCHEDULING:-$scheduling}
FLOOR=${A_FLOOR:-}
start_server 7183 ${A_ARGS:-}
pid_a=$pid
command_a=$server_said
jar=$jar_b
export PEACEPATH_JAVA_OPTS=${B_JAVA_OPTS:-}
JAVA_OPTS=${B_JAVA:+$B_JAVA ${B_JAVA_OPTS:-}}
export JAVA_HOME=${B_JAVA_HOME:-$java_home}
export PEACEPATH_SCHEDULING=${B_SCHEDULING:-$scheduling}
FLOOR=${B_FLOOR:-}
start_server 7184 ${B_ARGS:-}
pid_b=$pid
command_b=$server_said
hz=$(getconf CLK_TCK)
echo "A: $command_a (pid $pid_a)"
echo "B: $command_b (pid $pid_b)"
echo "warming both up for ${WARM:-60} s ..."
warm_up 7183 32
warm_up 7184 32
# burst PID PORT PATH [SCRIPT]: one wrk run; prints "cpu_µs p99_ms requests_a_second"
burst() {
  local pid=$1 port=$2 path=$3 script=${4:-} before after out errors
  before=$(ticks "$pid")
  out=$(wrk -t2 -c32 -d"$seconds"s --latency ${script:+-s "$script"} "http://127.0.0.1:$port$path")
  after=$(ticks "$pid")
  errors=$(wrk_errors "$out")
  if [ -n "$errors" ]; then
    printf 'some requests to %s on port %s failed (an old build may refuse a body):\n%s\n' "$path" "$port" "$errors" >&2
  fi
  awk -v t=$((after - before)) -v hz="$hz" '
    /requests in/ {n = $1}
    $1 == "99%" {p = $2; if (p ~ /us$/) p = p / 1000; else if (p ~ /ms$/) p = p + 0; else if (p ~ /s$/) p = p * 1000}
    /Requests\/sec/ {r = $2}
    END {if (n > 0) printf "%.1f %.3f %.0f\n", t / hz * 1e6 / n, p, r; else print "0 0 0"}' <<<"$out"
}
median() { sort -g | awk '{v[NR] = $1} END {printf "%.2f\n", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
# quartile 1 or 3: the value a quarter of the way in from the bottom, or from the top
quartile() { sort -g | awk -v q="$1" '{v[NR] = $1} END {k = int((NR + 3) / 4); printf "%.2f\n", q == 1 ? v[k] : v[NR + 1 - k]}'; }
printf '%-20s %-6s %12s %10s %12s\n' request build "CPU µs/req" "p99 ms" requests/s
for request in health undated dated; do
  request_of "$request"
  : >"/tmp/ab-$request.a"
  : >"/tmp/ab-$request.b"
  for i in $(seq 1 "$bursts"); do
    if [ $((i % 2)) -eq 1 ]; then
      burst "$pid_a" 7183 "$path" "$script" >>"/tmp/ab-$request.a"
      burst "$pid_b" 7184 "$path" "$script" >>"/tmp/ab-$request.b"
    else
      burst "$pid_b" 7184 "$path" "$script" >>"/tmp/ab-$request.b"
      burst "$pid_a" 7183 "$path" "$script" >>"/tmp/ab-$request.a"
    fi
  done
  for build in a b; do
    f=/tmp/ab-$request.$build
    printf '%-20s %-6s %12s %10s %12s\n' "$request" "${build^^}" "$(cut -d' ' -f1 "$f" | median)" \
      "$(cut -d' ' -f2 "$f" | median)" "$(cut -d' ' -f3 "$f" | median)"
  done
  paste -d' ' "/tmp/ab-$request.a" "/tmp/ab-$request.b" | awk '$1 > 0 && $2 > 0 {print $4 / $1, $5 / $2}' >"/tmp/ab-$request.ratio"
  printf '%-20s B / A, burst by burst: CPU %s (quartiles %s–%s), p99 %s\n' "$request" \
    "$(cut -d' ' -f1 "/tmp/ab-$request.ratio" | median)" \
    "$(cut -d' ' -f1 "/tmp/ab-$request.ratio" | quartile 1)" "$(cut -d' ' -f1 "/tmp/ab-$request.ratio" | quartile 3)" \
    "$(cut -d' ' -f2 "/tmp/ab-$request.ratio" | median)"
done
