#!/usr/bin/env bash
# Faults under load. FaultRun starts DynamoDB Local as its own process (a data directory, DYNAMODB_PORT)
# and the local runner on it (--dynamodb-endpoint, PORT), runs the mixed load (CONCURRENCY workers, 100 validates per
# create/rotate), then after WARMUP + STEADY seconds kills the backend (FAULTS=kill: SIGKILL, restarted on the same port
# and data directory after DOWN seconds) or pauses it (FAULTS=freeze: SIGSTOP, then SIGCONT), and keeps the load going for
# RECOVERY seconds. MANAGEMENT_WORKERS (default 1) more workers only create and rotate, so that management requests are
# in flight when the fault hits. Prints per-phase status counts and latencies, the checks, and exits non-zero if any failed.
#   bench/fault.sh          FAULTS=kill,freeze CONCURRENCY=8 MANAGEMENT_WORKERS=1 DOWN=15 bench/fault.sh
source "$(dirname "$0")/runner.sh"
status=0
for fault in $(echo "${FAULTS:-kill,freeze}" | tr ',' ' '); do
  java -cp "$BENCH_JAR" dev.latchkey.bench.FaultRun --runner-jar "$RUNNER" --fault "$fault" \
    --port "${PORT:-19490}" --dynamodb-port "${DYNAMODB_PORT:-19491}" --concurrency "${CONCURRENCY:-8}" \
    --warmup-seconds "${WARMUP:-10}" --steady-seconds "${STEADY:-15}" --down-seconds "${DOWN:-15}" \
    --recovery-seconds "${RECOVERY:-20}" --management-workers "${MANAGEMENT_WORKERS:-1}" || status=1
done
exit $status
