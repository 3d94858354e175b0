#!/usr/bin/env bash
# Measures how long a saved rule edit takes to go live under a running server. Target: within 2 s.
# Run from the project folder after `mvn -B package`:
#   bash src/bench/reload-latency.sh [EDITS]
# Each edit is to common/sequence.drl, which all three rule sets include; the time is until sigal, the
# default and the first to be reloaded, serves it.
set -euo pipefail
edits=${1:-5}
port=${PORT:-7178}
jar=target/peacepath.jar
[ -f "$jar" ] || { echo "no $jar: run mvn -B package -DskipTests first" >&2; exit 2; }
rules=$(mktemp -d)
cp -r rules/. "$rules"
java -jar "$jar" serve --rules "$rules" --port "$port" >/dev/null 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$rules"' EXIT
for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.05; done
# The JVM in which candidates are compiled and checked warms up on the served rules after the start; an edit
# made before it is ready waits for it. WARM=0 measures that first edit.
sleep "${WARM:-20}"
revision() { curl -s "http://127.0.0.1:$port/health" | sed 's/.*"sigal","revision":"\([0-9a-f]*\)".*/\1/'; }
for edit in $(seq 1 "$edits"); do
  before=$(revision)
  start=$(date +%s%N)
  printf '\n// edit %s\n' "$edit" >> "$rules/common/advisories.drl"
  while [ "$(revision)" = "$before" ]; do
    [ $(( $(date +%s%N) - start )) -lt 10000000000 ] || { echo "edit $edit: not live after 10 s" >&2; exit 1; }
    sleep 0.01
  done
  echo "edit $edit: live after $(( ($(date +%s%N) - start) / 1000000 )) ms"
done
