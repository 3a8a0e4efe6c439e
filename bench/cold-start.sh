#!/usr/bin/env bash
# Issue 5 item 2: N fresh JVMs (default 7) of the validate function's deployable artifact (the Lambda zip's lib/*.jar
# on the class path, as Lambda lays it out), each timed from JVM start to handler built to first validate event
# answered, against DynamoDB Local started once; and N of a plain-Java floor (FloorHandler: one DynamoDbClient on the
# url-connection client, HMAC, one GetItem) on the AWS SDK's jars alone. Runs are interleaved (function, floor,
# function, ...), once with the JVM's defaults and once with Lambda's -XX:TieredStopAtLevel=1 (template.yaml's
# JAVA_TOOL_OPTIONS). Prints every run and the medians and ratios.
#   bench/cold-start.sh            N=15 bench/cold-start.sh
#   JVM_VARIANTS="-XX:TieredStopAtLevel=1|-XX:TieredStopAtLevel=1 -Xshare:off" bench/cold-start.sh
#   CDS=1 bench/cold-start.sh      # adds a variant with an application class-data-sharing archive per handler,
#                                  # made by one training run (-XX:ArchiveClassesAtExit) before the timed runs
source "$(dirname "$0")/harness.sh"
N="${N:-7}"
IFS='|' read -r -a VARIANTS <<<"${JVM_VARIANTS:--XX:+TieredCompilation|-XX:TieredStopAtLevel=1}"
if [[ "${CDS:-0}" == 1 ]]; then VARIANTS+=("-XX:TieredStopAtLevel=1 -XX:SharedArchiveFile=@JSA@ -Xlog:cds=off"); fi
RESULTS="$WORK/cold-start.txt"
: >"$RESULTS"

median() { sort -n | awk '{v[NR]=$1} END {if (NR==0) {print "nan"} else if (NR%2) {print v[(NR+1)/2]} else {print (v[NR/2]+v[NR/2+1])/2}}'; }
field() { sed -n "s/.* $1=\([0-9]*\).*/\1/p"; }

run_one() { # variant label classpath handler
  local variant="$1" label="$2" cp="$3" which="$4" line opts
  opts="${variant//@JSA@/$WORK/$which.jsa}"
  # shellcheck disable=SC2086  # the variant is a list of JVM options
  if ! line="$(timeout 120 java $opts -cp "$cp" dev.latchkey.bench.ColdStart "$which" 2>"$WORK/cold.err")"; then
    echo "cold start of $label failed:" >&2; cat "$WORK/cold.err" >&2; echo "$line" >&2; exit 1
  fi
  echo "variant=[${variant/@JSA@/<$which.jsa>}] kind=$label $line" | tee -a "$RESULTS" >&2
}

# One unmeasured run each, so the page cache holds every jar before anything is timed.
run_one "" latchkey "$HARNESS:$TASK_CP" latchkey >/dev/null 2>&1
run_one "" floor "$HARNESS:$FLOOR_CP" floor >/dev/null 2>&1
if [[ "${CDS:-0}" == 1 ]]; then
  for kind in latchkey floor; do
    cp="$HARNESS:$TASK_CP"; [[ "$kind" == floor ]] && cp="$HARNESS:$FLOOR_CP"
    java -XX:TieredStopAtLevel=1 -XX:ArchiveClassesAtExit="$WORK/$kind.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off \
      -cp "$cp" dev.latchkey.bench.ColdStart "$kind" >/dev/null 2>&1
  done
fi
: >"$RESULTS"

for variant in "${VARIANTS[@]}"; do
  for i in $(seq 1 "$N"); do
    run_one "$variant" latchkey "$HARNESS:$TASK_CP" latchkey
    run_one "$variant" floor "$HARNESS:$FLOOR_CP" floor
  done
done

echo
printf '%-28s %-9s %10s %10s %12s %10s %8s %8s\n' "JVM options" "handler" "jvm->main" "init" "1st invoke" "total" "cpu" "classes"
for variant in "${VARIANTS[@]}"; do
  for kind in latchkey floor; do
    rows="$(grep -F "variant=[${variant/@JSA@/<$kind.jsa>}] kind=$kind " "$RESULTS")"
    printf '%-28s %-9s %10s %10s %12s %10s %8s %8s\n' "${variant/ -XX:SharedArchiveFile=@JSA@ -Xlog:cds=off/ + AppCDS}" "$kind" \
      "$(field jvmToMain <<<"$rows" | median)" "$(field init <<<"$rows" | median)" \
      "$(field firstInvoke <<<"$rows" | median)" "$(field total <<<"$rows" | median)" \
      "$(field cpu <<<"$rows" | median)" "$(field classes <<<"$rows" | median)"
  done
  l="$(grep -F "variant=[${variant/@JSA@/<latchkey.jsa>}] kind=latchkey " "$RESULTS" | field total | median)"
  f="$(grep -F "variant=[${variant/@JSA@/<floor.jsa>}] kind=floor " "$RESULTS" | field total | median)"
  awk -v l="$l" -v f="$f" -v v="${variant/ -XX:SharedArchiveFile=@JSA@ -Xlog:cds=off/ + AppCDS}" 'BEGIN {printf "%-28s ratio latchkey/floor (median total, ms): %.2f (%s / %s; target <= 1.30)\n", v, l/f, l, f}'
done
echo "(median of $N runs each, milliseconds from JVM start; JVM start = RuntimeMXBean.getStartTime(); cpu = process CPU"
echo " time to the first answer, all threads; classes = classes loaded by then)"
