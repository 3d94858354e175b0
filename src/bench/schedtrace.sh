#!/usr/bin/env bash
# Waiting for a core: starts the server as the README starts it, warms it up as cpu.sh does, then records the
# kernel's scheduler tracepoints (perf sched record, every processor) for SECONDS while wrk sends one body at
# 32 connections, and prints wrk's latency distribution beside, for the threads of the server's pool (those
# that answer, with Jetty's acceptor and selector) and for wrk's, how many times they ran, how long each waited
# for a core while runnable before a run (median, 90th and 99th percentile, longest), the time all of them
# spent so waiting and running, how long each run lasted and how many runs ended with the thread pushed off
# its core while still runnable. A wait is counted from the thread's wake-up or, when its last run was so
# cut short, from the end of that run (perf sched timehist --state: perf 6.1's own "sch delay" leaves out
# the second kind).
# A request that meets a long wait, on the server's side or on wrk's, is late however little its own work
# costs. perf needs only the tracepoints for this, not the hardware events this virtual machine lacks; it
# needs root, or kernel.perf_event_paranoid at -1. The trace (/tmp/peacepath-sched-BODY.data) can be read
# again with `perf sched timehist -i FILE` or `perf sched latency -i FILE`.
# Needs wrk and perf (Debian: linux-perf). Run from the project folder after `mvn -B package -DskipTests`:
#   bash src/bench/schedtrace.sh [dated|undated|health] [SECONDS]      (WARM=60 seconds of warm-up)
set -euo pipefail
body=${1:-dated}
seconds=${2:-5}
[[ "$seconds" =~ ^[1-9][0-9]*$ ]] || { echo "SECONDS must be a whole number of seconds, not \"$seconds\"" >&2; exit 2; }
command -v perf >/dev/null || { echo "needs perf (Debian: apt-get install linux-perf)" >&2; exit 2; }
. "$(dirname "$0")/server.sh"
request_of "$body" || { echo "usage: bash src/bench/schedtrace.sh [dated|undated|health] [SECONDS]" >&2; exit 2; }
port=${PORT:-7186}
start_warm "$port" 32
out=/tmp/peacepath-sched-$body
# the load starts before the trace and outlasts it
load_behind "$port" $((seconds + 6)) "$out.wrk"
perf sched record -o "$out.data" -a -- sleep "$seconds" >/dev/null 2>"$out.err" \
  || { echo "perf could not record the scheduler's tracepoints:" >&2; cat "$out.err" >&2; exit 1; }
wait "$load" || { echo "wrk failed; see $out.wrk" >&2; exit 1; }
echo "wrk, $body, 32 connections:"
grep -E "Requests/sec|^ +(50|90|99)%" "$out.wrk" | sed 's/^ */  /' || true
# perf sched timehist --state: a line a run of a thread, "time [cpu] name[tid/pid] wait delay run state", in
# milliseconds, the state the one it was left in (R: pushed off while runnable). A thread's wait before a run
# is the whole time since its last run when that one ended in R, else the delay from its wake-up.
perf sched timehist --state -i "$out.data" >"$out.timehist" 2>"$out.err" \
  || { echo "perf could not read the trace $out.data:" >&2; cat "$out.err" >&2; exit 1; }
awk -v server="$pid" 'NR > 3 {
    name = $3; waited = last[name] == "R" ? $(NF-3) : $(NF-2); last[name] = $NF
    if (name ~ ("^JettyServerThre\\[[0-9]+/" server "\\]$")) print "server", waited, $(NF-1), $NF == "R"
    else if (name ~ /^wrk\[/) print "wrk", waited, $(NF-1), $NF == "R"
  }' "$out.timehist" >"$out.runs"
for who in server wrk; do
  grep -q "^$who " "$out.runs" || { echo "no runs of $who's threads in the trace $out.data" >&2; exit 1; }
done
# percentiles NAME COLUMN: the 50th, 90th and 99th percentiles and the largest of a column of $out.runs
percentiles() {
  awk -v name="$1" -v col="$2" '$1 == name { print $col }' "$out.runs" | sort -g | awk '
    function at(p,  i) { i = int(NR * p) + 1; return v[i > NR ? NR : i] }
    { v[NR] = $1 }
    END { printf "%.2f / %.2f / %.2f / %.2f ms", at(0.5), at(0.9), at(0.99), v[NR] }'
}
printf '%-20s %8s  %-40s %-32s %-22s %s\n' threads runs "waiting for a core: 50/90/99 %/longest" \
  "each run: 50/90/99 %/longest" "waiting, running (s)" "pushed off"
for who in server wrk; do
  runs=$(awk -v name="$who" '$1 == name' "$out.runs" | wc -l)
  totals=$(awk -v name="$who" '$1 == name { d += $2; r += $3; p += $4; n++ }
    END { printf "%.1f, %.1f|%d %%", d / 1000, r / 1000, 100 * p / n }' "$out.runs")
  label=$([ "$who" = server ] && echo "the server's pool" || echo "wrk's threads")
  printf '%-20s %8s  %-40s %-32s %-22s %s\n' "$label" "$runs" "$(percentiles "$who" 2)" "$(percentiles "$who" 3)" \
    "${totals%|*}" "${totals#*|}"
done
echo "($seconds s traced: waiting ÷ $seconds is how many threads wait for a core at any moment, on average)"
