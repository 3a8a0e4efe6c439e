#!/usr/bin/env bash
# Issue 5 item 3 (mixed part): a fresh local runner (infra/local/target/latchkey-local.jar) on loopback ports, driven by
# MixedLoad: C workers (CONCURRENCY, default 8,32), each 100 validates then one create or rotation (grace 0), for
# SECONDS_EACH (default 30) per level after WARMUP_SECONDS (default 30) at the top level. Then the no-lost-update checks
# over HTTP and a scan of the runner's DynamoDB Local. Exits non-zero if any request failed or any check did.
#   bench/mixed.sh          SECONDS_EACH=60 CONCURRENCY=8,32 PORT=19480 DYNAMODB_PORT=19481 bench/mixed.sh
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
RUNNER="$ROOT/infra/local/target/latchkey-local.jar"
BENCH_JAR="$ROOT/bench/target/benchmarks.jar"
for f in "$RUNNER" "$BENCH_JAR"; do
  [[ -f "$f" ]] || { echo "missing $f: build with mvn -q -B -pl bench,infra/local -am package -DskipTests" >&2; exit 2; }
done
PORT="${PORT:-19480}"; DYNAMODB_PORT="${DYNAMODB_PORT:-19481}"
export LATCHKEY_PEPPER="${LATCHKEY_PEPPER:-mixed-pepper-0123456789-abcdefghijklmnopqrstuvwxyz}"
OUT="$(mktemp)"
# shellcheck disable=SC2086  # RUNNER_JAVA_OPTS is a list of JVM options
java ${RUNNER_JAVA_OPTS:-} -jar "$RUNNER" --port "$PORT" --dynamodb-port "$DYNAMODB_PORT" --rotation-sweep-seconds 0 \
  >"$OUT" 2>"$OUT.err" &
PID=$!
trap 'kill $PID 2>/dev/null || true; wait $PID 2>/dev/null || true; rm -f "$OUT" "$OUT.err"' EXIT
for _ in $(seq 1 120); do grep -q 'listening' "$OUT" && break; kill -0 $PID 2>/dev/null || { cat "$OUT.err" >&2; exit 1; }; sleep 0.5; done
grep -q 'listening' "$OUT" || { echo "runner did not start in 60 s" >&2; exit 1; }
LATCHKEY_API_TOKEN="$(sed -n 's/^export LATCHKEY_API_TOKEN=//p' "$OUT")"
export LATCHKEY_API_TOKEN
echo "# runner pid $PID on 127.0.0.1:$PORT, DynamoDB Local 127.0.0.1:$DYNAMODB_PORT; $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"
java -cp "$BENCH_JAR" dev.latchkey.bench.MixedLoad --url "http://127.0.0.1:$PORT" --dynamodb "http://127.0.0.1:$DYNAMODB_PORT" \
  --seconds "${SECONDS_EACH:-30}" --warmup-seconds "${WARMUP_SECONDS:-30}" --concurrency "${CONCURRENCY:-8,32}"
