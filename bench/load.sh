#!/usr/bin/env bash
# Issue 5 item 3 (validate part): the local runner (infra/local/target/latchkey-local.jar) on loopback ports, driven by
# LoadGen at concurrency 1, 8 and 32 for SECONDS_EACH (default 10) each, then raw GetItem on the runner's own DynamoDB Local at the same
# concurrency. Everything stops by itself.
#   RUNNER_JAVA_OPTS=-Dmicronaut.server.thread-selection=BLOCKING bench/load.sh   # an experiment on the runner only
#   bench/load.sh          SECONDS_EACH=20 CONCURRENCY=1,8,32 PORT=18480 DYNAMODB_PORT=18481 bench/load.sh
source "$(dirname "$0")/runner.sh"
PORT="${PORT:-18480}"; DYNAMODB_PORT="${DYNAMODB_PORT:-18481}"
export LATCHKEY_PEPPER="${LATCHKEY_PEPPER:-load-pepper-0123456789-abcdefghijklmnopqrstuvwxyz}"
start_runner
# shellcheck disable=SC2086  # LOADGEN_JAVA_OPTS is a list of JVM options, e.g. -Dlatchkey.bench.warmup-seconds=10
java ${LOADGEN_JAVA_OPTS:-} -cp "$BENCH_JAR" dev.latchkey.bench.LoadGen --url "http://127.0.0.1:$PORT" --dynamodb "http://127.0.0.1:$DYNAMODB_PORT" \
  --token "$LATCHKEY_API_TOKEN" --pepper "$LATCHKEY_PEPPER" --seconds "${SECONDS_EACH:-5}" --concurrency "${CONCURRENCY:-1,8,32}"
