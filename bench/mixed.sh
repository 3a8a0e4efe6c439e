#!/usr/bin/env bash
# Issue 5 item 3 (mixed part): a fresh local runner (infra/local/target/latchkey-local.jar) on loopback ports, driven by
# MixedLoad: C workers (CONCURRENCY, default 8,32), each 100 validates then one create or rotation (grace 0), for
# SECONDS_EACH (default 30) per level after WARMUP_SECONDS (default 30) at the top level. Then the no-lost-update checks
# over HTTP and a scan of the runner's DynamoDB Local. Exits non-zero if any request failed or any check did.
#   bench/mixed.sh          SECONDS_EACH=60 CONCURRENCY=8,32 PORT=19480 DYNAMODB_PORT=19481 bench/mixed.sh
source "$(dirname "$0")/runner.sh"
PORT="${PORT:-19480}"; DYNAMODB_PORT="${DYNAMODB_PORT:-19481}"
export LATCHKEY_PEPPER="${LATCHKEY_PEPPER:-mixed-pepper-0123456789-abcdefghijklmnopqrstuvwxyz}"
start_runner --rotation-sweep-seconds 0
java -cp "$BENCH_JAR" dev.latchkey.bench.MixedLoad --url "http://127.0.0.1:$PORT" --dynamodb "http://127.0.0.1:$DYNAMODB_PORT" \
  --seconds "${SECONDS_EACH:-30}" --warmup-seconds "${WARMUP_SECONDS:-30}" --concurrency "${CONCURRENCY:-8,32}"
