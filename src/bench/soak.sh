#!/usr/bin/env bash
# Soak test: 60 s of POST /v1/evaluate at 32 connections, with the server's resident memory sampled
# every 5 s and its live heap measured after a full GC before and after. Target: memory flat, so no
# Drools session or anything else leaks from one decision to the next.
# Needs wrk (apt-get install wrk) and the JDK's jcmd. Run after `mvn -B package -DskipTests`:
#   bash src/bench/soak.sh [SECONDS]
# UNDATED_SCRIPT=src/bench/unseen-dated.lua (or any wrk script) sends that body in place of evaluate.lua's.
set -euo pipefail
seconds=${1:-60}
port=${PORT:-7176}
. "$(dirname "$0")/server.sh"
start_server "$port"
url=http://127.0.0.1:$port/v1/evaluate
rss() { awk '/VmRSS/ {print $2}' "/proc/$pid/status"; }
# live: the heap in use after a full collection, in KiB: the "used" of every generation GC.heap_info lists (the
# young and the old under the parallel collector the launcher asks for; the one heap under G1), not metaspace's
live() {
  jcmd "$pid" GC.run >/dev/null
  jcmd "$pid" GC.heap_info | awk '/(Gen|heap) +total/ {for (i = 1; i <= NF; i++) if ($i == "used") {sub(/K,?$/, "", $(i + 1)); kib += $(i + 1)}}
    END {printf "%dK\n", kib}'
}
echo "warming up for 15 s ..."
wrk -t2 -c32 -d15s -s "${UNDATED_SCRIPT:-src/bench/evaluate.lua}" "$url" >/dev/null
live_before=$(live)
echo "cores: $(nproc); live heap after full GC before the soak: $live_before"
wrk -t2 -c32 -d"$seconds"s -s "${UNDATED_SCRIPT:-src/bench/evaluate.lua}" "$url" >/tmp/peacepath-soak-wrk.txt &
load=$!
first=$(rss)
printf '%6s %12s\n' "t (s)" "RSS (KiB)"
for t in $(seq 0 5 "$seconds"); do
  printf '%6s %12s\n' "$t" "$(rss)"
  [ "$t" -lt "$seconds" ] && sleep 5
done
wait $load
last=$(rss)
live_after=$(live)
echo "requests: $(awk '/requests in/ {print $1}' /tmp/peacepath-soak-wrk.txt), $(awk '/Requests\/sec/ {print $2}' /tmp/peacepath-soak-wrk.txt)/s"
echo "live heap after full GC after the soak: $live_after"
awk -v a="$first" -v b="$last" 'BEGIN {printf "resident memory from first to last sample: %+.1f%%\n", (b - a) * 100 / a}'
