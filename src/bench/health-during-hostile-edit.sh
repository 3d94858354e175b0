#!/usr/bin/env bash
# Measures how /health answers while a hostile edit is reloaded: 12,000 rules (three files of 4,000, each
# file under the 1 MB limit) written into sigal/, far more than can be compiled within the reload's 60 s.
# Asks /health every 20 ms for SECONDS and prints the median, 99th percentile and worst, in ms. Target:
# p99 under 100 ms. Run from the project folder after `mvn -B package -DskipTests`:
#   bash src/bench/health-during-hostile-edit.sh [SECONDS]      (NOEDIT=1: the same without the edit)
set -euo pipefail
secs=${1:-75}
port=${PORT:-7181}
jar=${JAR:-target/peacepath.jar}
[ -f "$jar" ] || { echo "no $jar: run mvn -B package -DskipTests first" >&2; exit 2; }
rules=$(mktemp -d)
times=$(mktemp)
cp -r rules/. "$rules"
java -Xmx256m -jar "$jar" serve --rules "$rules" --port "$port" >/dev/null 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$rules" "$times"' EXIT
for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.05; done
sleep 20
if [ -z "${NOEDIT:-}" ]; then
  for file in 0 1 2; do
    {
      printf 'package peacepath;\nimport org.peacepath.facts.*;\n'
      for i in $(seq $((file * 4000)) $((file * 4000 + 3999))); do
        printf '\nrule "Rule %s"\n    @id("rule-%s") @basis("inferred") @source("A peace process")\nwhen\n    Open( step == "normalization" )\n    not Done( step == "peace-declaration" )\nthen\n    insert( new Advisory( "Rule %s." ) );\nend\n' "$i" "$i" "$i"
      done
    } > "$rules/sigal/huge-$file.drl"
  done
fi
end=$(( $(date +%s) + secs ))
while [ "$(date +%s)" -lt "$end" ]; do
  curl -s -o /dev/null -m 5 -w '%{time_total}\n' "http://127.0.0.1:$port/health" >> "$times" || echo 5 >> "$times"
  sleep 0.02
done
sort -n "$times" | awk '{a[NR]=$1} END {printf "/health: %d answers, p50 %.1f ms, p99 %.1f ms, worst %.1f ms\n", NR, a[int(NR*0.5)]*1000, a[int(NR*0.99)]*1000, a[NR]*1000}'
