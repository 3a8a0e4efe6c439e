#!/usr/bin/env bash
# Cold starts: N fresh JVMs (default 7) of the validate function's deployable artifact (the Lambda zip's
# lib/*.jar on the class path, as Lambda lays it out), each timed from JVM start to handler built to first validate
# event answered, against DynamoDB Local started once; and N of a plain-Java floor (FloorHandler: one DynamoDbClient,
# HMAC, one GetItem) on the AWS SDK's jars alone. Runs are interleaved (function, floor, function, ...), once with the
# JVM's defaults and once with Lambda's -XX:TieredStopAtLevel=1 (template.yaml's JAVA_TOOL_OPTIONS). Prints every run
# and the medians and ratios.
#   bench/cold-start.sh            N=15 bench/cold-start.sh
#   JVM_VARIANTS="-XX:TieredStopAtLevel=1|-XX:TieredStopAtLevel=1 -Xshare:off" bench/cold-start.sh
#   CDS=1 bench/cold-start.sh      # adds a variant with an application class-data-sharing archive per handler,
#                                  # made by one training run (-XX:ArchiveClassesAtExit) before the timed runs
#   CLIENTS="url-connection apache crt" bench/cold-start.sh
#                                  # the SDK HTTP client under both (LATCHKEY_DYNAMODB_HTTP_CLIENT); apache and crt
#                                  # add their jars (bench/target/http-clients/) to both class paths
#   KINDS="latchkey router floor" bench/cold-start.sh
#                                  # router: the standard payload-2.0 handler (HTTP router for every request; only in
#                                  # zips built before the validate function lost its router)
#   OLD_ZIP=/path/to/older-validate-lambda.zip KINDS="old latchkey floor" bench/cold-start.sh
#                                  # old: template.yaml's validate handler from another build's zip, interleaved
#                                  # with this build's (before/after on the same machine at the same moment)
source "$(dirname "$0")/harness.sh"
N="${N:-7}"
IFS='|' read -r -a VARIANTS <<<"${JVM_VARIANTS:--XX:+TieredCompilation|-XX:TieredStopAtLevel=1}"
if [[ "${CDS:-0}" == 1 ]]; then VARIANTS+=("-XX:TieredStopAtLevel=1 -XX:SharedArchiveFile=@JSA@ -Xlog:cds=off"); fi
read -r -a CLIENT_LIST <<<"${CLIENTS:-url-connection}"
read -r -a KIND_LIST <<<"${KINDS:-latchkey floor}"
RESULTS="$WORK/cold-start.txt"
if [[ -n "${OLD_ZIP:-}" ]]; then
  mkdir -p "$WORK/task-old" && unzip -q "$OLD_ZIP" -d "$WORK/task-old"
  OLD_CP="$(ls "$WORK/task-old"/lib/*.jar | tr '\n' ':')"
fi
: >"$RESULTS"

median() { sort -n | awk '{v[NR]=$1} END {if (NR==0) {print "nan"} else if (NR%2) {print v[(NR+1)/2]} else {print (v[NR/2]+v[NR/2+1])/2}}'; }
field() { sed -n "s/.* $1=\([0-9]*\).*/\1/p"; }

classpath() { # kind client
  local cp="$HARNESS:$TASK_CP"
  [[ "$1" == floor ]] && cp="$HARNESS:$FLOOR_CP"
  [[ "$1" == old ]] && cp="$HARNESS:${OLD_CP:?OLD_ZIP names the older zip}"
  if [[ "$2" != url-connection ]]; then
    local dir="$ROOT/bench/target/http-clients/$2"
    [[ -d "$dir" ]] || { echo "missing $dir: build the bench module (mvn -B -pl bench -am package -DskipTests)" >&2; exit 2; }
    cp="$cp:$(ls "$dir"/*.jar | tr '\n' ':')"
  fi
  echo "$cp"
}

run_one() { # variant kind client
  local variant="$1" kind="$2" client="$3" line opts
  opts="${variant//@JSA@/$WORK/$kind-$client.jsa}"
  # shellcheck disable=SC2086  # the variant is a list of JVM options
  if ! line="$(LATCHKEY_DYNAMODB_HTTP_CLIENT="$client" timeout 120 java $opts -cp "$(classpath "$kind" "$client")" \
      dev.latchkey.bench.ColdStart "${kind/#old/latchkey}" 2>"$WORK/cold.err")"; then
    echo "cold start of $kind ($client) failed:" >&2; cat "$WORK/cold.err" >&2; echo "$line" >&2; exit 1
  fi
  # The function writes its log lines to stdout, as in Lambda; the measurement is ColdStart's own last line.
  line="$(grep '^handler=' <<<"$line" | tail -n 1)"
  echo "variant=[${variant/@JSA@/<jsa>}] kind=$kind client=$client $line" | tee -a "$RESULTS" >&2
}

# One unmeasured run each, so the page cache holds every jar before anything is timed.
for client in "${CLIENT_LIST[@]}"; do
  for kind in "${KIND_LIST[@]}"; do
    run_one "" "$kind" "$client" >/dev/null 2>&1
    if [[ "${CDS:-0}" == 1 ]]; then
      LATCHKEY_DYNAMODB_HTTP_CLIENT="$client" java -XX:TieredStopAtLevel=1 -XX:ArchiveClassesAtExit="$WORK/$kind-$client.jsa" \
        -Xlog:cds=off -Xlog:cds+dynamic=off -cp "$(classpath "$kind" "$client")" dev.latchkey.bench.ColdStart "${kind/#old/latchkey}" >/dev/null 2>&1
    fi
  done
done
: >"$RESULTS"

for variant in "${VARIANTS[@]}"; do
  for i in $(seq 1 "$N"); do
    for client in "${CLIENT_LIST[@]}"; do
      for kind in "${KIND_LIST[@]}"; do
        run_one "$variant" "$kind" "$client"
      done
    done
  done
done

label() { local v="${1/ -XX:SharedArchiveFile=@JSA@ -Xlog:cds=off/ + AppCDS}"; echo "${v:-(defaults)}"; }
echo
printf '%-28s %-15s %-9s %10s %10s %12s %10s %8s %8s\n' "JVM options" "client" "handler" "jvm->main" "init" "1st invoke" "total" "cpu" "classes"
for variant in "${VARIANTS[@]}"; do
  for client in "${CLIENT_LIST[@]}"; do
    for kind in "${KIND_LIST[@]}"; do
      rows="$(grep -F "variant=[${variant/@JSA@/<jsa>}] kind=$kind client=$client " "$RESULTS")"
      printf '%-28s %-15s %-9s %10s %10s %12s %10s %8s %8s\n' "$(label "$variant")" "$client" "$kind" \
        "$(field jvmToMain <<<"$rows" | median)" "$(field init <<<"$rows" | median)" \
        "$(field firstInvoke <<<"$rows" | median)" "$(field total <<<"$rows" | median)" \
        "$(field cpu <<<"$rows" | median)" "$(field classes <<<"$rows" | median)"
    done
    f="$(grep -F "variant=[${variant/@JSA@/<jsa>}] kind=floor client=$client " "$RESULTS" | field total | median)"
    for kind in "${KIND_LIST[@]}"; do
      [[ "$kind" == floor ]] && continue
      l="$(grep -F "variant=[${variant/@JSA@/<jsa>}] kind=$kind client=$client " "$RESULTS" | field total | median)"
      awk -v l="$l" -v f="$f" -v v="$(label "$variant")" -v c="$client" -v k="$kind" 'BEGIN {if (f > 0) printf "%-28s %-15s ratio %s/floor (median total, ms): %.2f (%s / %s; target <= 1.30)\n", v, c, k, l/f, l, f}'
    done
  done
done
echo "(median of $N runs each, milliseconds from JVM start; JVM start = RuntimeMXBean.getStartTime(); cpu = process CPU"
echo " time to the first answer, all threads; classes = classes loaded by then; load average now $(cut -d' ' -f1-3 /proc/loadavg))"
