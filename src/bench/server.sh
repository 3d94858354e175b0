# Sourced by the benchmark scripts: starts target/peacepath.jar on $port, stops it on exit, and
# waits until it answers. Set JAVA_OPTS to change the JVM's options (default: a fixed 256 MiB heap), and
# DECISION_LOG=FILE to serve with the decision log on.
jar=target/peacepath.jar
command -v wrk >/dev/null || { echo "wrk is not installed: apt-get install wrk" >&2; exit 2; }
[ -f "$jar" ] || { echo "no $jar: run mvn -B package -DskipTests first" >&2; exit 2; }
java ${JAVA_OPTS:--Xms256m -Xmx256m} -jar "$jar" serve --port "$port" ${DECISION_LOG:+--decision-log "$DECISION_LOG"} >"/tmp/peacepath-bench-$port.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.05; done
