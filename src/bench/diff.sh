#!/usr/bin/env bash
# Times `peacepath diff` of two revisions of one rule set, exhaustive at the default bound (1,179,648
# records for sigal): the bundled rules against a copy with interim-after-mechanism made firm (half the
# records change), and against themselves (none do). Target: under 10 s each on this 2-core machine.
# Run from the project folder after `mvn -B package -DskipTests`:
#   bash src/bench/diff.sh [RUNS]
set -euo pipefail
runs=${1:-3}
jar=target/peacepath.jar
[ -f "$jar" ] || { echo "no $jar: run mvn -B package -DskipTests first" >&2; exit 2; }
draft=$(mktemp -d)
trap 'rm -rf "$draft"' EXIT
cp -r rules "$draft/rules"
# interim-after-mechanism's row of the common table made firm (it needs the mechanism rather than recommending
# it), and nothing else
python3 - "$draft/rules/common/preconditions.rules.csv" <<'PY'
import sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
row = "interim-after-mechanism,interim-peace-agreement,,advice,,peace-mechanism,"
assert text.count(row) == 1, "the row of interim-after-mechanism has changed: mend src/bench/diff.sh"
open(path, "w", encoding="utf-8").write(text.replace(row, "interim-after-mechanism,interim-peace-agreement,,firm,peace-mechanism,,"))
PY
for run in $(seq 1 "$runs"); do
  for after in "$draft/rules" rules; do
    load=$(cut -d' ' -f1 /proc/loadavg)
    start=$(date +%s%N)
    set +e
    counted=$(java -jar "$jar" diff --ruleset sigal rules "$after" | grep -m1 -E 'now decide differently|No record decides')
    set -e
    end=$(date +%s%N)
    echo "run $run, against $( [ "$after" = rules ] && echo itself || echo 'interim-after-mechanism firm'): $(( (end - start) / 1000000 )) ms (load average $load before):$counted"
  done
done
