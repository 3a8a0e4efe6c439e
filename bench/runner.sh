# Shared by load.sh, mixed.sh and fault.sh (sourced, not run): the two jars they need, and start_runner, which starts
# the local runner on loopback ports PORT and DYNAMODB_PORT, waits for it, exports the owner token it prints as
# LATCHKEY_API_TOKEN and stops it when the calling script exits.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNNER="$ROOT/infra/local/target/latchkey-local.jar"
BENCH_JAR="$ROOT/bench/target/benchmarks.jar"
# The runner serves each function from its own zip (template.yaml's CodeUri), so those must be built too.
for f in "$RUNNER" "$BENCH_JAR" "$ROOT"/functions/{create,rotate,revoke,validate,manage}/target/latchkey-function-*-lambda.zip; do
  [[ -f "$f" ]] || { echo "missing $f: build with mvn -q -B -pl bench,infra/local -am package -DskipTests" >&2; exit 2; }
done

start_runner() { # extra runner options...
  OUT="$(mktemp)"
  # shellcheck disable=SC2086  # RUNNER_JAVA_OPTS is a list of JVM options
  java ${RUNNER_JAVA_OPTS:-} -jar "$RUNNER" --port "$PORT" --dynamodb-port "$DYNAMODB_PORT" "$@" >"$OUT" 2>"$OUT.err" &
  PID=$!
  trap 'kill $PID 2>/dev/null || true; wait $PID 2>/dev/null || true; rm -f "$OUT" "$OUT.err"' EXIT
  for _ in $(seq 1 120); do grep -q 'listening' "$OUT" && break; kill -0 $PID 2>/dev/null || { cat "$OUT.err" >&2; exit 1; }; sleep 0.5; done
  grep -q 'listening' "$OUT" || { echo "runner did not start in 60 s" >&2; exit 1; }
  LATCHKEY_API_TOKEN="$(sed -n 's/^export LATCHKEY_API_TOKEN=//p' "$OUT")"
  export LATCHKEY_API_TOKEN
  echo "# runner pid $PID on 127.0.0.1:$PORT, DynamoDB Local 127.0.0.1:$DYNAMODB_PORT; $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"
}
