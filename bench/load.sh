#!/usr/bin/env bash
# Issue 5 item 3 (validate part), issue 12 item 4: the local runner (infra/local/target/latchkey-local.jar) on loopback
# ports, its POST /v1/validate driven by wrk (a native client, keep-alive; bench/wrk-validate.lua), against two floors
# on the runner's own DynamoDB Local at the same concurrency: the same consistent GetItem of the token's hash item
# from wrk (bench/wrk-getitem.lua), and from each AWS SDK sync client (LoadGen --getitem-only). Every ratio is printed
# against both. Rounds alternate validate and the wrk GetItem at each C, so both see the same machine. Everything
# stops by itself. wrk comes from Debian's packages and is installed if absent.
#   bench/load.sh     SECONDS_EACH=5 CONCURRENCY="1 8 32" WARMUP_SECONDS=30 ROUNDS=2 SDK_CLIENTS="url-connection apache crt"
source "$(dirname "$0")/runner.sh"
if ! command -v wrk >/dev/null; then
  if [[ $(id -u) == 0 ]]; then apt-get install -y wrk >/dev/null; else sudo apt-get install -y wrk >/dev/null; fi
fi
PORT="${PORT:-18480}"; DYNAMODB_PORT="${DYNAMODB_PORT:-18481}"
SECONDS_EACH="${SECONDS_EACH:-5}"; WARMUP_SECONDS="${WARMUP_SECONDS:-30}"; ROUNDS="${ROUNDS:-2}"
read -r -a LEVELS <<<"${CONCURRENCY:-1 8 32}"
read -r -a SDK_CLIENTS <<<"${SDK_CLIENTS:-url-connection apache crt}"
export LATCHKEY_PEPPER="${LATCHKEY_PEPPER:-load-pepper-0123456789-abcdefghijklmnopqrstuvwxyz}"
start_runner
API="http://127.0.0.1:$PORT"; DDB="http://127.0.0.1:$DYNAMODB_PORT"
GETITEM_BODY="$(java -cp "$BENCH_JAR" dev.latchkey.bench.GetItemBody latchkey "$LATCHKEY_PEPPER" "$LATCHKEY_API_TOKEN")"
export GETITEM_BODY
# Both sides must answer what they should before anything is timed.
curl -sf -X POST -H 'Content-Type: application/json' -d "{\"token\":\"$LATCHKEY_API_TOKEN\",\"organizationId\":\"demo-org\"}" \
  "$API/v1/validate" | grep -q '"code":"VALID"' || { echo "validate does not answer VALID" >&2; exit 1; }
curl -sf -X POST -H 'Content-Type: application/x-amz-json-1.0' -H 'X-Amz-Target: DynamoDB_20120810.GetItem' \
  -H 'Authorization: AWS4-HMAC-SHA256 Credential=bench/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=00' \
  -d "$GETITEM_BODY" "$DDB/" | grep -q '"Item"' || { echo "the wrk GetItem reads no item" >&2; exit 1; }

wrk_run() { # script url connections seconds -> "req/s p50ms p99ms errors"
  local out
  out="$(wrk -t "$(( $3 < 2 ? 1 : 2 ))" -c "$3" -d "${4}s" --latency -s "$ROOT/bench/$1" "$2")"
  awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    /Requests\/sec/ { rps = $2 } / 50%/ { p50 = ms($2) } / 99%/ { p99 = ms($2) }
    /Non-2xx/ { err += $NF } /^errors:/ { gsub(",", ""); err += $4 + $6 }
    END { printf "%.0f %.2f %.2f %d\n", rps, p50, p99, err }' <<<"$out"
}

echo "# warm-up: ${WARMUP_SECONDS} s of validate and GetItem at C = 8"
wrk_run wrk-validate.lua "$API" 8 "$WARMUP_SECONDS" >/dev/null
wrk_run wrk-getitem.lua "$DDB" 8 "$(( WARMUP_SECONDS / 3 + 1 ))" >/dev/null

declare -A SDK
for client in "${SDK_CLIENTS[@]}"; do
  while read -r _ c rps _; do SDK["$client,${c#c=}"]="${rps}"; done < <(
    java -cp "$BENCH_JAR" -Dlatchkey.bench.warmup-seconds=5 dev.latchkey.bench.LoadGen --getitem-only true --http-client "$client" \
      --url "$API" --dynamodb "$DDB" --token "$LATCHKEY_API_TOKEN" --pepper "$LATCHKEY_PEPPER" --seconds "$SECONDS_EACH" \
      --concurrency "$(IFS=,; echo "${LEVELS[*]}")" | grep '^sdk-getitem' | sed 's/client=[^ ]* //')
done

printf '%-4s %12s %14s %12s %14s %9s' C "validate r/s" "p50/p99 ms" "wrk GetItem" "p50/p99 ms" "v/wrk"
for client in "${SDK_CLIENTS[@]}"; do printf ' %14s %7s' "SDK $client" "v/SDK"; done; printf ' %6s\n' errors
for c in "${LEVELS[@]}"; do
  v_sum=0; g_sum=0; v_lat=""; g_lat=""; errors=0
  for _ in $(seq 1 "$ROUNDS"); do
    read -r v v50 v99 ve < <(wrk_run wrk-validate.lua "$API" "$c" "$SECONDS_EACH")
    read -r g g50 g99 ge < <(wrk_run wrk-getitem.lua "$DDB" "$c" "$SECONDS_EACH")
    v_sum=$(( v_sum + v )); g_sum=$(( g_sum + g )); errors=$(( errors + ve + ge ))
    v_lat="$v50/$v99"; g_lat="$g50/$g99"
  done
  v=$(( v_sum / ROUNDS )); g=$(( g_sum / ROUNDS ))
  printf '%-4s %12s %14s %12s %14s %9s' "$c" "$v" "$v_lat" "$g" "$g_lat" "$(awk -v a="$v" -v b="$g" 'BEGIN{printf "%.2f", a/b}')"
  for client in "${SDK_CLIENTS[@]}"; do
    s="${SDK[$client,$c]:-0}"
    printf ' %14s %7s' "$s" "$(awk -v a="$v" -v b="$s" 'BEGIN{ if (b > 0) printf "%.2f", a/b; else print "-" }')"
  done
  printf ' %6s\n' "$errors"
done
echo "# $ROUNDS rounds of ${SECONDS_EACH} s per side and C (validate and wrk GetItem alternating; latencies of the last round);"
echo "# SDK GetItem: one ${SECONDS_EACH} s window per client and C; targets validate/wrk >= 0.3 / 0.5 / 0.5 at C = 1 / 8 / 32"
echo "# load average $(cut -d' ' -f1-3 /proc/loadavg)"
