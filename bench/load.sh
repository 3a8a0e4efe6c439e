#!/usr/bin/env bash
# Issue 5 item 3 (validate part): the local runner (infra/local/target/latchkey-local.jar) on loopback ports, driven by
# LoadGen at concurrency 1, 8 and 32 for SECONDS_EACH (default 10) each, then raw GetItem on the runner's own DynamoDB Local at the same
# concurrency. Everything stops by itself.
#   RUNNER_JAVA_OPTS=-Dmicronaut.server.thread-selection=BLOCKING bench/load.sh   # an experiment on the runner only
#   bench/load.sh          SECONDS_EACH=20 CONCURRENCY=1,8,32 PORT=18480 DYNAMODB_PORT=18481 bench/load.sh
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
RUNNER="$ROOT/infra/local/target/latchkey-local.jar"
BENCH_JAR="$ROOT/bench/target/benchmarks.jar"
for f in "$RUNNER" "$BENCH_JAR"; do
  [[ -f "$f" ]] || { echo "missing $f: build with mvn -q -B -pl bench,infra/local -am package -DskipTests" >&2; exit 2; }
done
PORT="${PORT:-18480}"; DYNAMODB_PORT="${DYNAMODB_PORT:-18481}"
export LATCHKEY_PEPPER="${LATCHKEY_PEPPER:-load-pepper-0123456789-abcdefghijklmnopqrstuvwxyz}"
OUT="$(mktemp)"
# shellcheck disable=SC2086  # RUNNER_JAVA_OPTS is a list of JVM options
java ${RUNNER_JAVA_OPTS:-} -jar "$RUNNER" --port "$PORT" --dynamodb-port "$DYNAMODB_PORT" >"$OUT" 2>"$OUT.err" &
PID=$!
trap 'kill $PID 2>/dev/null || true; wait $PID 2>/dev/null || true; rm -f "$OUT" "$OUT.err"' EXIT
for _ in $(seq 1 120); do grep -q 'listening' "$OUT" && break; kill -0 $PID 2>/dev/null || { cat "$OUT.err" >&2; exit 1; }; sleep 0.5; done
grep -q 'listening' "$OUT" || { echo "runner did not start in 60 s" >&2; exit 1; }
TOKEN="$(sed -n 's/^export LATCHKEY_API_TOKEN=//p' "$OUT")"
echo "# runner pid $PID on 127.0.0.1:$PORT, DynamoDB Local 127.0.0.1:$DYNAMODB_PORT; $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"
java -cp "$BENCH_JAR" dev.latchkey.bench.LoadGen --url "http://127.0.0.1:$PORT" --dynamodb "http://127.0.0.1:$DYNAMODB_PORT" \
  --token "$TOKEN" --pepper "$LATCHKEY_PEPPER" --seconds "${SECONDS_EACH:-5}" --concurrency "${CONCURRENCY:-1,8,32}"
