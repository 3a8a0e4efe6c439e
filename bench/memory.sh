#!/usr/bin/env bash
# Heap over a long run: the validate handler (the Lambda zip's class path, built as Lambda builds it) answers INVOCATIONS
# validate events under -Xmx256m; the heap after a full GC is printed every EVERY invocations.
#   bench/memory.sh                       # 100,000 invocations, as shipped
#   INVOCATIONS=20000 EVERY=2000 bench/memory.sh
source "$(dirname "$0")/harness.sh"
INVOCATIONS="${INVOCATIONS:-100000}"
EVERY="${EVERY:-10000}"
CP="$HARNESS:$TASK_CP"
EXTRA=()
if [[ -n "${LOGBACK_XML:-}" ]]; then EXTRA+=("-Dlogback.configurationFile=$LOGBACK_XML"); fi
# Whatever the function logs goes to a file and is counted at the end.
java -Xmx256m "${EXTRA[@]}" -cp "$CP" dev.latchkey.bench.MemoryRun "$INVOCATIONS" "$EVERY" >"$WORK/memory.out" 2>"$WORK/memory.err" &
RUN_PID=$!
wait "$RUN_PID"; STATUS=$?
grep -E '^ *([0-9]+|invocations) ' "$WORK/memory.out" || true
echo "# log lines written by the function: $(grep -cvE '^ *([0-9]+|invocations) ' "$WORK/memory.out" || true) (stdout), $(wc -l <"$WORK/memory.err") (stderr)"
exit "$STATUS"
