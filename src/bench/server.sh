# Sourced by the benchmark scripts: start_server PORT [ARGS…] starts target/peacepath.jar serving on
# PORT with the arguments given, waits until it answers, and stops it when the script exits ($pid is the
# last one started). Set JAVA_OPTS to change the JVM's options (default: a fixed 256 MiB heap).
jar=target/peacepath.jar
command -v wrk >/dev/null || { echo "wrk is not installed: apt-get install wrk" >&2; exit 2; }
[ -f "$jar" ] || { echo "no $jar: run mvn -B package -DskipTests first" >&2; exit 2; }
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null || true; done' EXIT
start_server() {
  local port=$1
  shift
  java ${JAVA_OPTS:--Xms256m -Xmx256m} -jar "$jar" serve --port "$port" "$@" >"/tmp/peacepath-bench-$port.log" 2>&1 &
  pid=$!
  pids+=("$pid")
  for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && return 0; sleep 0.05; done
  echo "the server on port $port did not answer; see /tmp/peacepath-bench-$port.log" >&2
  exit 2
}
