# Shared by cold-start.sh, memory.sh and load.sh (sourced, not run). Prepares, in a temporary directory:
#   $TASK       the validate function's Lambda zip unpacked (lib/*.jar), as Lambda lays it out in /var/task
#   $HARNESS    a jar of only the bench classes that run on that class path (ColdStart, FloorHandler, MemoryRun, context stub)
# and starts DynamoDB Local (BackendMain) on a free loopback port, seeded with one live token, exporting the
# environment Lambda would give the function. Everything is removed and stopped on exit.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ZIP="$ROOT/functions/validate/target/latchkey-function-validate-lambda.zip"
BENCH_JAR="$ROOT/bench/target/benchmarks.jar"
BENCH_THIN_JAR="$(ls "$ROOT"/bench/target/latchkey-bench-*.jar 2>/dev/null | head -n 1 || true)"
for f in "$ZIP" "$BENCH_JAR" "$BENCH_THIN_JAR"; do
  if [[ -z "$f" || ! -f "$f" ]]; then
    echo "missing ${f:-bench/target/latchkey-bench-*.jar}: build first with" >&2
    echo "  mvn -q -B -pl bench -am package -DskipTests" >&2
    exit 2
  fi
done

WORK="$(mktemp -d "${TMPDIR:-/tmp}/latchkey-bench.XXXXXX")"
BACKEND_PID=""
cleanup() {
  if [[ -n "$BACKEND_PID" ]]; then kill "$BACKEND_PID" 2>/dev/null || true; wait "$BACKEND_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

TASK="$WORK/task"; HARNESS="$WORK/harness"
mkdir -p "$TASK" "$HARNESS"
unzip -q "$ZIP" -d "$TASK"
(cd "$HARNESS" && unzip -q "$BENCH_THIN_JAR" 'dev/latchkey/bench/ColdStart*' 'dev/latchkey/bench/FloorHandler*' \
  'dev/latchkey/bench/MemoryRun*' 'dev/latchkey/bench/LambdaContextStub*' 'dev/latchkey/bench/ValidateQuestion*')
# A jar rather than a directory, so that class data sharing archives (-XX:ArchiveClassesAtExit) accept the path.
jar cf "$WORK/harness.jar" -C "$HARNESS" .
HARNESS="$WORK/harness.jar"

# The function's class path, jar order as in the zip (Lambda puts /var/task/lib/* on it).
TASK_CP="$(ls "$TASK"/lib/*.jar | tr '\n' ':')"
# The floor's: the AWS SDK and the Lambda event types only; no Micronaut, no logback, no Latchkey.
FLOOR_CP="$(ls "$TASK/lib" | grep -Ev '^(micronaut-|logback-|latchkey-|reactor-|jackson-|crac-|jakarta\.|joda-)' \
  | sed "s|^|$TASK/lib/|" | tr '\n' ':')"

export LATCHKEY_PEPPER="${LATCHKEY_PEPPER:-bench-pepper-0123456789-abcdefghijklmnopqrstuvwxyz}"
java -cp "$BENCH_JAR" dev.latchkey.bench.BackendMain --port 0 --max-seconds "${BACKEND_MAX_SECONDS:-3600}" \
  >"$WORK/backend.out" 2>"$WORK/backend.err" &
BACKEND_PID=$!
for _ in $(seq 1 180); do
  if grep -q '^ready$' "$WORK/backend.out"; then break; fi
  if ! kill -0 "$BACKEND_PID" 2>/dev/null; then cat "$WORK/backend.err" >&2; echo "DynamoDB Local did not start" >&2; exit 1; fi
  sleep 0.5
done
grep -q '^ready$' "$WORK/backend.out" || { echo "DynamoDB Local not ready after 90 s" >&2; exit 1; }

export AWS_ENDPOINT_URL_DYNAMODB="$(sed -n 's/^endpoint=//p' "$WORK/backend.out")"
export LATCHKEY_TABLE_NAME="$(sed -n 's/^table=//p' "$WORK/backend.out")"
export LATCHKEY_BENCH_TOKEN="$(sed -n 's/^token=//p' "$WORK/backend.out")"
export AWS_REGION=us-east-1 AWS_ACCESS_KEY_ID=bench AWS_SECRET_ACCESS_KEY=bench
# What Lambda sets for every function (Latchkey starts its SDK preload only in Lambda).
export AWS_LAMBDA_FUNCTION_NAME=latchkey-validate-bench
# lastUsedAt is written at most once per interval: keep that write out of the measurements.
export LATCHKEY_LAST_USED_INTERVAL="${LATCHKEY_LAST_USED_INTERVAL:-1000d}"
echo "# DynamoDB Local at $AWS_ENDPOINT_URL_DYNAMODB, table $LATCHKEY_TABLE_NAME; $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
